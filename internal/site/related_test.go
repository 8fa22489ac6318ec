package site_test

import (
	"cmp"
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/bulletin-ssg/bulletin/internal/site"
)

func TestRelated(t *testing.T) {
	// Five articles a day apart, e the newest.
	articles := func(settings string) map[string]string {
		files := map[string]string{
			"news/a.md": article("A", "2025-01-01", "tags: [go, web]", "categories: [tech]"),
			"news/b.md": article("B", "2025-01-02", "tags: [go]", "categories: [tech]"),
			"news/c.md": article("C", "2025-01-03", "tags: [Go, web, rust]"),
			"news/d.md": article("D", "2025-01-04", "categories: [tech]"),
			"news/e.md": article("E", "2025-01-05", "tags: [cooking]"),
			"about.md":  doc("title: About", "tags: [go]"),
		}
		if settings != "" {
			files["_index.md"] = doc(settings)
		}
		return files
	}
	tests := []struct {
		name     string
		settings string
		want     map[string][]string // article -> its related articles' files
	}{
		{
			name: "shared terms first, newer first among equals",
			want: map[string][]string{
				// a shares go and web with c, go and tech with b, tech with d.
				"news/a.md": {"content/news/c.md", "content/news/b.md", "content/news/d.md"},
				"news/b.md": {"content/news/a.md", "content/news/d.md", "content/news/c.md"},
				"news/c.md": {"content/news/a.md", "content/news/b.md"},
				"news/d.md": {"content/news/b.md", "content/news/a.md"},
				"news/e.md": nil, // nothing shares cooking
			},
		},
		{
			name:     "a heavier taxonomy",
			settings: "related: {weights: {tags: 1, categories: 3}}",
			want: map[string][]string{
				"news/a.md": {"content/news/b.md", "content/news/d.md", "content/news/c.md"},
				"news/c.md": {"content/news/a.md", "content/news/b.md"},
				"news/d.md": {"content/news/b.md", "content/news/a.md"},
			},
		},
		{
			name:     "a taxonomy that weighs nothing",
			settings: "related: {weights: {tags: 1, categories: 0}}",
			want: map[string][]string{
				"news/a.md": {"content/news/c.md", "content/news/b.md"},
				"news/d.md": nil,
			},
		},
		{
			name:     "count",
			settings: "related: {count: 1}",
			want: map[string][]string{
				"news/a.md": {"content/news/c.md"},
				"news/b.md": {"content/news/a.md"},
			},
		},
		{
			name:     "none",
			settings: "related: {count: 0}",
			want:     map[string][]string{"news/a.md": nil, "news/b.md": nil},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newSite(t, articles(tc.settings), site.Options{})
			for _, rel := range slices.Sorted(maps.Keys(tc.want)) {
				sameStrings(t, rel, files(page(t, s, rel).Related), tc.want[rel])
			}
			if got := page(t, s, "about.md").Related; got != nil {
				t.Errorf("a standalone page has related articles: %q", files(got))
			}
		})
	}
}

// TestRelatedIsExact compares the related articles of generated sites
// with every pair's score: the search must find what scoring every
// candidate finds, also when lists are longer than the window related
// articles are looked for in.
func TestRelatedIsExact(t *testing.T) {
	for _, tc := range []struct {
		articles, tags, window int
		weights                string
	}{
		{articles: 300, tags: 8, window: 1000, weights: "{tags: 1, categories: 1}"},
		{articles: 300, tags: 30, window: 1000, weights: "{tags: 3, categories: 2}"},
		{articles: 400, tags: 6, window: 25, weights: "{tags: 1, categories: 2}"},
		{articles: 200, tags: 4, window: 7, weights: "{tags: 2, categories: 0}"},
	} {
		t.Run(fmt.Sprintf("%d articles %d tags window %d %s", tc.articles, tc.tags, tc.window, tc.weights), func(t *testing.T) {
			defer site.SetRelatedWindow(tc.window)()
			r := rand.New(rand.NewPCG(uint64(tc.articles), uint64(tc.tags)))
			src := map[string]string{"_index.md": doc("related: {count: 4, weights: " + tc.weights + "}")}
			for i := range tc.articles {
				var tags []string
				for range r.IntN(5) {
					tags = append(tags, fmt.Sprintf("t%d", r.IntN(tc.tags)))
				}
				// Few dates: many articles of one day, ordered by file.
				date := fmt.Sprintf("2025-01-%02d", 1+r.IntN(20))
				src[fmt.Sprintf("news/%03d.md", i)] = article(fmt.Sprint(i), date,
					"tags: ["+strings.Join(tags, ", ")+"]", fmt.Sprintf("categories: [c%d]", r.IntN(3)))
			}
			s := newSite(t, src, site.Options{})
			weights := s.Settings.Related.Weights
			for _, a := range s.Articles {
				want := bruteForceRelated(a, weights, 4, tc.window)
				sameStrings(t, a.File, files(a.Related), files(want))
			}
		})
	}
}

// bruteForceRelated scores every other article by the weights of the
// terms it shares with a and is among the newest window articles of.
func bruteForceRelated(a *site.Page, weights map[string]int, count, window int) []*site.Page {
	score := map[*site.Page]int{}
	for _, tax := range site.Taxonomies {
		for _, term := range termsOf(a, tax) {
			newest := slices.Clone(term.Pages)
			site.SortByDate(newest)
			for _, b := range newest[:min(window, len(newest))] {
				if b != a && weights[tax] > 0 {
					score[b] += weights[tax]
				}
			}
		}
	}
	var out []*site.Page
	for b := range score {
		out = append(out, b)
	}
	slices.SortFunc(out, func(x, y *site.Page) int {
		if c := cmp.Compare(score[y], score[x]); c != 0 {
			return c
		}
		return site.CompareNewer(x, y)
	})
	return out[:min(count, len(out))]
}

func termsOf(p *site.Page, tax string) []*site.Term {
	if tax == "tags" {
		return p.Tags
	}
	return p.Categories
}

// TestRelatedAcrossBuilds: a graph built with the previous one takes its
// related lists when no article, term or setting they come from changed,
// and finds them again when one did; either way they are a fresh
// graph's.
func TestRelatedAcrossBuilds(t *testing.T) {
	src := map[string]string{
		"news/a.md": article("A", "2025-01-01", "tags: [go, web]"),
		"news/b.md": article("B", "2025-01-02", "tags: [go]"),
		"news/c.md": article("C", "2025-01-03", "tags: [web]"),
		"news/d.md": article("D", "2025-01-04", "tags: [rust]"),
	}
	related := func(s *site.Site) map[string][]string {
		out := map[string][]string{}
		for _, a := range s.Articles {
			out[a.File] = files(a.Related)
		}
		return out
	}
	first := newSite(t, src, site.Options{})
	steps := []struct {
		name   string
		edit   func()
		reused bool
	}{
		{name: "a body edit", edit: func() { src["news/b.md"] = article("B", "2025-01-02", "tags: [go]") + "More.\n" }, reused: true},
		{name: "a tag edit", edit: func() { src["news/d.md"] = article("D", "2025-01-04", "tags: [rust, go]") }},
		{name: "a new article", edit: func() { src["news/e.md"] = article("E", "2025-01-05", "tags: [web]") }},
		{name: "a date that reorders", edit: func() { src["news/a.md"] = article("A", "2025-01-09", "tags: [go, web]") }},
		{name: "the weights", edit: func() { src["_index.md"] = doc("related: {weights: {tags: 2}}") }},
		{name: "nothing", edit: func() {}, reused: true},
	}
	prev := first
	for _, step := range steps {
		step.edit()
		next := newSite(t, src, site.Options{Previous: prev})
		fresh := newSite(t, src, site.Options{})
		if got, want := related(next), related(fresh); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: related %v, a fresh graph's %v", step.name, got, want)
		}
		if got := site.SameRelatedLists(prev, next); got != step.reused {
			t.Errorf("%s: took the previous lists: %v, want %v", step.name, got, step.reused)
		}
		prev = next
	}
}
