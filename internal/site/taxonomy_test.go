package site_test

import (
	"testing"

	"github.com/bulletin-ssg/bulletin/internal/site"
)

func TestTaxonomies(t *testing.T) {
	s := newSite(t, map[string]string{
		"_index.md": doc("title: Site", "baseURL: https://x.example/blog/"),
		// A merged term is named as the newest article spells it: c's "go",
		// b's "tech".
		"news/a.md": article("A", "2024-01-01", "tags: [Go, rust, Go]", "categories: [Tech]"),
		"news/b.md": article("B", "2024-02-01", "tags: [公司新闻, Zig]", "categories: tech"),
		"news/c.md": article("C", "2024-03-01", "tags: [go, Apple]"),
		"blog/d.md": article("D", "2023-01-01", "tags: [\"Rust \"]", "categories: [Events, tech]"),
		"about.md":  doc("title: About", "tags: [Ignored]"),
	}, site.Options{})

	sameStrings(t, "tags", termNames(s.Taxonomies["tags"]),
		[]string{"Apple(1)", "go(2)", "rust(2)", "Zig(1)", "公司新闻(1)"})
	sameStrings(t, "categories", termNames(s.Taxonomies["categories"]),
		[]string{"Events(1)", "tech(3)"})

	tests := []struct {
		tax, slug, name, path, rel, abs string
		pages                           []string
	}{
		{"tags", "go", "go", "/tags/go/", "/blog/tags/go/", "https://x.example/blog/tags/go/",
			[]string{"content/news/c.md", "content/news/a.md"}},
		{"tags", "rust", "rust", "/tags/rust/", "/blog/tags/rust/", "https://x.example/blog/tags/rust/",
			[]string{"content/news/a.md", "content/blog/d.md"}},
		{"tags", "公司新闻", "公司新闻", "/tags/公司新闻/", "/blog/tags/%E5%85%AC%E5%8F%B8%E6%96%B0%E9%97%BB/",
			"https://x.example/blog/tags/%E5%85%AC%E5%8F%B8%E6%96%B0%E9%97%BB/", []string{"content/news/b.md"}},
		{"categories", "tech", "tech", "/categories/tech/", "/blog/categories/tech/", "https://x.example/blog/categories/tech/",
			[]string{"content/news/b.md", "content/news/a.md", "content/blog/d.md"}},
	}
	for _, tt := range tests {
		var term *site.Term
		for _, x := range s.Taxonomies[tt.tax] {
			if x.Slug == tt.slug {
				term = x
			}
		}
		if term == nil {
			t.Errorf("%s: no term %q", tt.tax, tt.slug)
			continue
		}
		if term.Name != tt.name || term.RelPermalink != tt.rel || term.Permalink != tt.abs {
			t.Errorf("%s/%s: Name %q RelPermalink %q Permalink %q", tt.tax, tt.slug, term.Name, term.RelPermalink, term.Permalink)
		}
		sameStrings(t, tt.tax+"/"+tt.slug+" pages", files(term.Pages), tt.pages)
		if term.Count != len(tt.pages) {
			t.Errorf("%s/%s: Count %d, want %d", tt.tax, tt.slug, term.Count, len(tt.pages))
		}
		tp := term.Page
		if tp == nil || tp.Kind != site.KindTerm || tp.Path != tt.path || tp.RelPermalink != tt.rel ||
			tp.Term != term || tp.Taxonomy != tt.tax || tp.Title != tt.name {
			t.Errorf("%s/%s: term page %+v", tt.tax, tt.slug, tp)
		}
	}

	// Each article links to its own terms once, in the order it lists them.
	a := page(t, s, "news/a.md")
	sameStrings(t, "a.Tags", termNames(a.Tags), []string{"go(2)", "rust(2)"})
	sameStrings(t, "a.Categories", termNames(a.Categories), []string{"tech(3)"})
	if about := page(t, s, "about.md"); len(about.Tags) != 0 {
		t.Errorf("standalone page has tags %q; only articles are classified", termNames(about.Tags))
	}
}

func TestTaxonomyPages(t *testing.T) {
	s := newSite(t, map[string]string{
		"news/a.md": article("A", "2024-01-01", "tags: [b, A]"),
	}, site.Options{})
	if len(s.TaxonomyPages) != len(site.Taxonomies) {
		t.Fatalf("%d taxonomy pages, want %d", len(s.TaxonomyPages), len(site.Taxonomies))
	}
	for i, tax := range site.Taxonomies {
		p := s.TaxonomyPages[i]
		if p.Kind != site.KindTaxonomy || p.Taxonomy != tax || p.Path != "/"+tax+"/" || p.OutputFile() != tax+"/index.html" {
			t.Errorf("taxonomy page %d: kind %q taxonomy %q path %q", i, p.Kind, p.Taxonomy, p.Path)
		}
		if len(p.Terms) != len(s.Taxonomies[tax]) {
			t.Errorf("%s page lists %d terms, site has %d", tax, len(p.Terms), len(s.Taxonomies[tax]))
		}
	}
	sameStrings(t, "tags page", termNames(s.TaxonomyPages[0].Terms), []string{"A(1)", "b(1)"})
	if len(s.Taxonomies["categories"]) != 0 {
		t.Errorf("categories: %q", termNames(s.Taxonomies["categories"]))
	}
}

func TestTermOrderPinnedFirst(t *testing.T) {
	s := newSite(t, map[string]string{
		"news/a.md": article("A", "2024-01-01", "tags: [x]"),
		"news/b.md": article("B", "2024-02-01", "tags: [x]"),
		"news/p.md": article("P", "2020-01-01", "tags: [x]", "pinned: true"),
	}, site.Options{})
	sameStrings(t, "term x", files(s.Taxonomies["tags"][0].Pages),
		[]string{"content/news/p.md", "content/news/b.md", "content/news/a.md"})
}
