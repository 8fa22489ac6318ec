package site_test

import (
	"slices"
	"testing"

	"github.com/bulletin-ssg/bulletin/internal/site"
)

func TestListOrder(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string // Site.Articles, as source files
	}{
		{
			name: "newest first",
			files: map[string]string{
				"news/a.md": article("A", "2024-01-01"),
				"news/b.md": article("B", "2024-03-01"),
				"news/c.md": article("C", "2024-02-01 08:00"),
			},
			want: []string{"content/news/b.md", "content/news/c.md", "content/news/a.md"},
		},
		{
			name: "same time ordered by source path",
			files: map[string]string{
				"news/b.md":      article("B", "2024-01-01 10:00"),
				"news/a.md":      article("A", "2024-01-01 10:00"),
				"blog/z.md":      article("Z", "2024-01-01T02:00:00Z"), // the same instant in Shanghai
				"news/2024/c.md": article("C", "2024-01-01 10:00"),
			},
			want: []string{"content/blog/z.md", "content/news/2024/c.md", "content/news/a.md", "content/news/b.md"},
		},
		{
			name: "pinned first, by weight, then newest",
			files: map[string]string{
				"news/old.md":      article("Old", "2020-01-01"),
				"news/new.md":      article("New", "2024-01-01"),
				"news/pin-old.md":  article("PinOld", "2019-01-01", "pinned: true", "weight: 1"),
				"news/pin-new.md":  article("PinNew", "2023-01-01", "pinned: true", "weight: 2"),
				"news/pin-same.md": article("PinSame", "2023-06-01", "pinned: true", "weight: 2"),
			},
			want: []string{
				"content/news/pin-old.md", "content/news/pin-same.md", "content/news/pin-new.md",
				"content/news/new.md", "content/news/old.md",
			},
		},
		{
			name: "weight does not order unpinned pages",
			files: map[string]string{
				"news/a.md": article("A", "2024-01-01", "weight: 1"),
				"news/b.md": article("B", "2024-02-01", "weight: 9"),
			},
			want: []string{"content/news/b.md", "content/news/a.md"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.files["_index.md"] = doc("title: Site", "timezone: Asia/Shanghai")
			s := newSite(t, tt.files, site.Options{})
			sameStrings(t, "Articles", files(s.Articles), tt.want)
			sameStrings(t, "Home.Pages", files(s.Home.Pages), tt.want)
		})
	}
}

func TestSectionListsItsArticlesInListOrder(t *testing.T) {
	s := newSite(t, map[string]string{
		"news/_index.md": doc("title: News"),
		"news/a.md":      article("A", "2024-01-01"),
		"news/b.md":      article("B", "2024-02-01"),
		"news/p.md":      article("P", "2020-01-01", "pinned: true"),
		"blog/c.md":      article("C", "2024-03-01"),
	}, site.Options{})
	news := page(t, s, "news/_index.md")
	sameStrings(t, "news", files(news.Pages), []string{"content/news/p.md", "content/news/b.md", "content/news/a.md"})
	for _, a := range news.Pages {
		if a.SectionPage != news {
			t.Errorf("%s: SectionPage = %v, want the news section", a.File, a.SectionPage)
		}
	}
	if c := page(t, s, "blog/c.md"); c.SectionPage == nil || c.SectionPage.Path != "/blog/" {
		t.Errorf("blog/c.md: SectionPage = %+v, want the generated /blog/ section", c.SectionPage)
	}
}

func TestSitePagesNewestFirst(t *testing.T) {
	s := newSite(t, map[string]string{
		"news/a.md":   article("A", "2024-01-01"),
		"news/pin.md": article("Pin", "2020-01-01", "pinned: true"),
		"blog/b.md":   article("B", "2024-03-01"),
		"about.md":    doc("title: About", "date: 2024-02-01"),
		"contact.md":  doc("title: Contact"),
	}, site.Options{})
	// Pinned does not matter here: .Site.Pages is by date; undated pages last.
	sameStrings(t, "Pages", files(s.Pages), []string{
		"content/blog/b.md", "content/about.md", "content/news/a.md", "content/news/pin.md", "content/contact.md",
	})
	sameStrings(t, "Standalone", files(s.Standalone), []string{"content/about.md", "content/contact.md"})
}

func TestGraphDoesNotDependOnSourceOrder(t *testing.T) {
	settings, pages := readPages(t, map[string]string{
		"news/a.md": article("A", "2024-01-01 10:00", "tags: [Go]"),
		"news/b.md": article("B", "2024-01-01 10:00", "tags: [go, Rust]"),
		"news/c.md": article("C", "2024-01-01 10:00", "pinned: true", "tags: [rust]"),
		"news/d.md": article("D", "2023-01-01", "pinned: true"),
		"blog/e.md": article("E", "2024-01-01 10:00"),
		"x.md":      doc("title: X", "date: 2024-01-01 10:00"),
		"y.md":      doc("title: Y", "date: 2024-01-01 10:00"),
	})
	summary := func(s *site.Site) []string {
		var out []string
		out = append(out, files(s.Articles)...)
		out = append(out, files(s.Pages)...)
		out = append(out, termNames(s.Taxonomies["tags"])...)
		for _, p := range s.AllPages() {
			out = append(out, p.Path)
			if p.Prev != nil {
				out = append(out, "prev "+p.Prev.File)
			}
		}
		return out
	}
	first, err := site.New(settings, pages, site.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	reversed := slices.Clone(pages)
	slices.Reverse(reversed)
	again, err := site.New(settings, reversed, site.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	sameStrings(t, "graph", summary(again), summary(first))
}

func TestPrevNext(t *testing.T) {
	s := newSite(t, map[string]string{
		"news/a.md":   article("A", "2024-01-01"),
		"news/b.md":   article("B", "2024-02-01"),
		"news/pin.md": article("Pin", "2024-01-15", "pinned: true"),
		"news/c.md":   article("C", "2024-03-01"),
		"blog/x.md":   article("X", "2024-01-20"),
		"about.md":    doc("title: About", "date: 2024-01-10"),
	}, site.Options{})
	name := func(p *site.Page) string {
		if p == nil {
			return "nil"
		}
		return p.File
	}
	tests := []struct{ rel, prev, next string }{
		{"news/a.md", "nil", "content/news/pin.md"},
		{"news/pin.md", "content/news/a.md", "content/news/b.md"}, // pinned does not change time order
		{"news/b.md", "content/news/pin.md", "content/news/c.md"},
		{"news/c.md", "content/news/b.md", "nil"},
		{"blog/x.md", "nil", "nil"}, // alone in its section
		{"about.md", "nil", "nil"},  // not an article
	}
	for _, tt := range tests {
		p := page(t, s, tt.rel)
		if got := name(p.Prev); got != tt.prev {
			t.Errorf("%s: Prev = %s, want %s", tt.rel, got, tt.prev)
		}
		if got := name(p.Next); got != tt.next {
			t.Errorf("%s: Next = %s, want %s", tt.rel, got, tt.next)
		}
	}
}
