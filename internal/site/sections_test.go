package site_test

import (
	"testing"

	"github.com/bulletin-ssg/bulletin/internal/content"
	"github.com/bulletin-ssg/bulletin/internal/site"
)

// nestedFiles is a site whose news section holds a sub-section (press),
// which holds one of its own (press/deep, under a plain folder 2024), and
// a plain sub-folder (2023) that is no section; blog has no _index.md of
// its own, only a sub-section's.
func nestedFiles() map[string]string {
	return map[string]string{
		"_index.md": doc("title: Site", "paginate: 1", "permalinks: {news: /:section/:year/:slug/}",
			"cascade: {author: Home desk, region: cn, banner: home}"),
		"news/_index.md":                 doc("title: News", "cascade: {author: Newsroom, banner: news}"),
		"news/a.md":                      article("A", "2024-01-04"),
		"news/2023/b.md":                 article("B", "2023-01-01"),
		"news/press/_index.md":           doc("title: Press", "cascade: {author: Press office}"),
		"news/press/c.md":                article("C", "2024-01-03"),
		"news/press/launch/index.md":     article("Launch", "2024-01-02"),
		"news/press/2024/deep/_index.md": doc("cascade: {banner: deep}"),
		"news/press/2024/deep/d.md":      article("D", "2024-01-01", "author: Own"),
		"blog/team/_index.md":            doc("title: Team"),
		"blog/team/e.md":                 article("E", "2022-01-01"),
		"about.md":                       doc("title: About"),
	}
}

// TestNestedSections: a folder with an _index.md inside a section is a
// sub-section at its folder's path, with its own list (every article
// below it, at any depth), in the lists of the sections above it and the
// home page's; a folder without one stays a plain folder.
func TestNestedSections(t *testing.T) {
	s := newSite(t, nestedFiles(), site.Options{})
	news, press, deep := page(t, s, "news/_index.md"), page(t, s, "news/press/_index.md"), page(t, s, "news/press/2024/deep/_index.md")
	team := page(t, s, "blog/team/_index.md")
	blog := s.Sections[0]

	sameStrings(t, "top-level sections", files(s.Sections), []string{"", "content/news/_index.md"})
	sameStrings(t, "sub-sections", files(s.SubSections), []string{
		"content/blog/team/_index.md", "content/news/press/_index.md", "content/news/press/2024/deep/_index.md"})
	type placed struct{ kind, section, title, path string }
	for _, tt := range []struct {
		p    *site.Page
		want placed
	}{
		{blog, placed{content.KindSection, "blog", "Blog", "/blog/"}},
		{team, placed{content.KindSection, "blog", "Team", "/blog/team/"}},
		{press, placed{content.KindSection, "news", "Press", "/news/press/"}},
		// no title: the folder's name
		{deep, placed{content.KindSection, "news", "Deep", "/news/press/2024/deep/"}},
	} {
		if got := (placed{tt.p.Kind, tt.p.Section, tt.p.Title, tt.p.Path}); got != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.p.File, got, tt.want)
		}
	}

	sameStrings(t, "home list", files(s.Home.Pages), []string{"content/news/a.md", "content/news/press/c.md",
		"content/news/press/launch/index.md", "content/news/press/2024/deep/d.md", "content/news/2023/b.md", "content/blog/team/e.md"})
	sameStrings(t, "news list", files(news.Pages), []string{"content/news/a.md", "content/news/press/c.md",
		"content/news/press/launch/index.md", "content/news/press/2024/deep/d.md", "content/news/2023/b.md"})
	sameStrings(t, "press list", files(press.Pages), []string{"content/news/press/c.md",
		"content/news/press/launch/index.md", "content/news/press/2024/deep/d.md"})
	sameStrings(t, "deep list", files(deep.Pages), []string{"content/news/press/2024/deep/d.md"})
	sameStrings(t, "blog list", files(blog.Pages), []string{"content/blog/team/e.md"})
	sameStrings(t, "team list", files(team.Pages), []string{"content/blog/team/e.md"})

	// The top-level section's permalink pattern, with its name for
	// :section, applies in its sub-sections.
	for rel, want := range map[string]string{
		"news/press/c.md":            "/news/2024/c/",
		"news/press/launch/index.md": "/news/2024/launch/",
		"news/press/2024/deep/d.md":  "/news/2024/d/",
		"news/2023/b.md":             "/news/2023/b/",
		"blog/team/e.md":             "/blog/team/e/",
	} {
		if p := page(t, s, rel); p.Path != want {
			t.Errorf("%s at %s, want %s", rel, p.Path, want)
		}
	}

	// Each list is paginated, and has its feed, at its own path.
	for _, url := range []string{"/news/press/", "/news/press/page/2/", "/news/press/page/3/", "/news/press/index.xml",
		"/news/press/2024/deep/", "/news/press/2024/deep/index.xml", "/blog/team/index.xml", "/blog/index.xml"} {
		if _, ok := s.Resolve(url); !ok {
			t.Errorf("nothing is published at %s", url)
		}
	}
	for _, url := range []string{"/news/2023/index.xml", "/news/press/2024/"} {
		if file, ok := s.Resolve(url); ok {
			t.Errorf("%s is published (%s): a folder without _index.md is no section", url, file)
		}
	}
	if n := len(press.Pagers); n != 3 || press.Pagers[1].Path != "/news/press/page/2/" {
		t.Errorf("press: %d pagers", n)
	}

	// Prev and Next go through the top-level section, sub-sections and all.
	c := page(t, s, "news/press/c.md")
	if c.Prev == nil || c.Prev.File != "content/news/press/launch/index.md" || c.Next == nil || c.Next.File != "content/news/a.md" {
		t.Errorf("C: prev %v next %v", c.Prev, c.Next)
	}
}

// TestSectionTree: Parent, Ancestors (home first), Sections and
// SectionPage of every kind of page.
func TestSectionTree(t *testing.T) {
	s := newSite(t, nestedFiles(), site.Options{})
	home, news, press, deep := s.Home, page(t, s, "news/_index.md"), page(t, s, "news/press/_index.md"), page(t, s, "news/press/2024/deep/_index.md")
	blog, team := s.Sections[0], page(t, s, "blog/team/_index.md")
	tags := s.TaxonomyPages[0]
	for _, tt := range []struct {
		name                   string
		p                      *site.Page
		parent, sectionPage    *site.Page
		ancestors, subsections []*site.Page
	}{
		{"home", home, nil, nil, nil, []*site.Page{blog, news}},
		{"section", news, home, nil, []*site.Page{home}, []*site.Page{press}},
		{"generated section", blog, home, nil, []*site.Page{home}, []*site.Page{team}},
		{"sub-section", press, news, news, []*site.Page{home, news}, []*site.Page{deep}},
		{"sub-section of a sub-section", deep, press, news, []*site.Page{home, news, press}, nil},
		{"sub-section of a generated section", team, blog, blog, []*site.Page{home, blog}, nil},
		{"article", page(t, s, "news/a.md"), news, news, []*site.Page{home, news}, nil},
		{"article in a plain sub-folder", page(t, s, "news/2023/b.md"), news, news, []*site.Page{home, news}, nil},
		{"article in a sub-section", page(t, s, "news/press/c.md"), press, news, []*site.Page{home, news, press}, nil},
		{"bundle in a sub-section", page(t, s, "news/press/launch/index.md"), press, news, []*site.Page{home, news, press}, nil},
		{"article deep down", page(t, s, "news/press/2024/deep/d.md"), deep, news, []*site.Page{home, news, press, deep}, nil},
		{"standalone page", page(t, s, "about.md"), home, nil, []*site.Page{home}, nil},
		{"taxonomy", tags, home, nil, []*site.Page{home}, nil},
		{"archive", s.ArchivePage, home, nil, []*site.Page{home}, nil},
		{"404", s.NotFound, nil, nil, nil, nil},
	} {
		p := tt.p
		if p.Parent != tt.parent || p.SectionPage != tt.sectionPage {
			t.Errorf("%s: parent %v section page %v, want %v and %v", tt.name, pathOf(p.Parent), pathOf(p.SectionPage), pathOf(tt.parent), pathOf(tt.sectionPage))
		}
		sameStrings(t, tt.name+": ancestors", paths(p.Ancestors), paths(tt.ancestors))
		sameStrings(t, tt.name+": sections", paths(p.Sections), paths(tt.subsections))
	}
}

// TestTermParent: a term's page is below its taxonomy's.
func TestTermParent(t *testing.T) {
	s := newSite(t, map[string]string{"news/a.md": article("A", "2024-01-01", "tags: [go]")}, site.Options{})
	term := s.Taxonomies["tags"][0].Page
	if term.Parent != s.TaxonomyPages[0] {
		t.Errorf("term parent %v", pathOf(term.Parent))
	}
	sameStrings(t, "term ancestors", paths(term.Ancestors), []string{"/", "/tags/"})
}

// TestNestedCascade: a page takes the cascades of every section above
// it, nearest first, and the home page's last; a sub-section's own page
// takes those above it.
func TestNestedCascade(t *testing.T) {
	s := newSite(t, nestedFiles(), site.Options{})
	for _, tt := range []struct{ rel, author, banner string }{
		{"news/a.md", "Newsroom", "news"},
		{"news/2023/b.md", "Newsroom", "news"},
		{"news/press/c.md", "Press office", "news"},
		{"news/press/2024/deep/d.md", "Own", "deep"},
		{"blog/team/e.md", "Home desk", "home"},
		{"about.md", "Home desk", "home"},
		{"news/_index.md", "Home desk", "home"},
		{"news/press/_index.md", "Newsroom", "news"},
		{"news/press/2024/deep/_index.md", "Press office", "news"},
	} {
		p := page(t, s, tt.rel)
		if p.Author != tt.author || p.Params["banner"] != tt.banner || p.Params["region"] != "cn" {
			t.Errorf("%s: author %q banner %v region %v, want %q, %q, cn", tt.rel, p.Author, p.Params["banner"], p.Params["region"], tt.author, tt.banner)
		}
	}
}

// TestNestedSectionCollision: a sub-section's page claims its path as
// any page does.
func TestNestedSectionCollision(t *testing.T) {
	_, err := buildSite(t, map[string]string{
		"news/press/_index.md": doc("title: Press"),
		"news/press.md":        article("Press release", "2024-01-01", "slug: press"),
	}, site.Options{})
	if err == nil {
		t.Fatal("no error for two pages at /news/press/")
	}
	sameStrings(t, "errors", errorLines(err), []string{
		"content/news/press.md:4:7: output news/press/index.html is also written by content/news/press/_index.md",
	})
}

func pathOf(p *site.Page) string {
	if p == nil {
		return "<nil>"
	}
	return p.Path
}

func paths(pages []*site.Page) []string {
	out := make([]string, len(pages))
	for i, p := range pages {
		out[i] = p.Path
	}
	return out
}
