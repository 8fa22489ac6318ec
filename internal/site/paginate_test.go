package site_test

import (
	"fmt"
	"testing"

	"github.com/bulletin-ssg/bulletin/internal/site"
)

// pagerView is what a test compares of one Paginator.
type pagerView struct {
	Number, Total           int
	Files                   []string
	HasPrev, HasNext        bool
	Prev, Next, First, Last string
	Path, OutputFile        string
}

func view(pg *site.Paginator) pagerView {
	return pagerView{
		Number: pg.PageNumber, Total: pg.TotalPages, Files: files(pg.Pages),
		HasPrev: pg.HasPrev, HasNext: pg.HasNext,
		Prev: pg.Prev, Next: pg.Next, First: pg.First, Last: pg.Last,
		Path: pg.Path, OutputFile: pg.OutputFile(),
	}
}

func comparePagers(t *testing.T, what string, got []*site.Paginator, want []pagerView) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d pagers, want %d", what, len(got), len(want))
	}
	for i := range want {
		g := view(got[i])
		if fmt.Sprint(g) != fmt.Sprint(want[i]) {
			t.Errorf("%s pager %d:\n got %+v\nwant %+v", what, i+1, g, want[i])
		}
	}
}

// fiveArticles is a section "news" of five articles a (oldest) to e.
func fiveArticles(settings ...string) map[string]string {
	return map[string]string{
		"_index.md": doc(append([]string{"title: Site", "paginate: 2"}, settings...)...),
		"news/a.md": article("A", "2024-01-01", "tags: [Go]"),
		"news/b.md": article("B", "2024-01-02", "tags: [Go]"),
		"news/c.md": article("C", "2024-01-03", "tags: [Go]"),
		"news/d.md": article("D", "2024-01-04", "tags: [Go]"),
		"news/e.md": article("E", "2024-01-05", "tags: [Go]"),
	}
}

func TestPaginateHome(t *testing.T) {
	tests := []struct {
		name     string
		settings []string
		want     []pagerView
	}{
		{
			name: "root base URL",
			want: []pagerView{
				{1, 3, []string{"content/news/e.md", "content/news/d.md"}, false, true, "", "/page/2/", "/", "/page/3/", "/", "index.html"},
				{2, 3, []string{"content/news/c.md", "content/news/b.md"}, true, true, "/", "/page/3/", "/", "/page/3/", "/page/2/", "page/2/index.html"},
				{3, 3, []string{"content/news/a.md"}, true, false, "/page/2/", "", "/", "/page/3/", "/page/3/", "page/3/index.html"},
			},
		},
		{
			name:     "base URL with a sub-path",
			settings: []string{"baseURL: https://x.example/blog/"},
			want: []pagerView{
				{1, 3, []string{"content/news/e.md", "content/news/d.md"}, false, true, "", "/blog/page/2/", "/blog/", "/blog/page/3/", "/", "index.html"},
				{2, 3, []string{"content/news/c.md", "content/news/b.md"}, true, true, "/blog/", "/blog/page/3/", "/blog/", "/blog/page/3/", "/page/2/", "page/2/index.html"},
				{3, 3, []string{"content/news/a.md"}, true, false, "/blog/page/2/", "", "/blog/", "/blog/page/3/", "/page/3/", "page/3/index.html"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(t, fiveArticles(tt.settings...), site.Options{})
			comparePagers(t, "home", s.Home.Pagers, tt.want)
		})
	}
}

func TestPaginateSizes(t *testing.T) {
	tests := []struct {
		paginate, articles, pagers, last int // last: pages on the last pager
	}{
		{paginate: 2, articles: 0, pagers: 1, last: 0},
		{paginate: 2, articles: 1, pagers: 1, last: 1},
		{paginate: 2, articles: 2, pagers: 1, last: 2},
		{paginate: 2, articles: 3, pagers: 2, last: 1},
		{paginate: 1, articles: 3, pagers: 3, last: 1},
		{paginate: 10, articles: 25, pagers: 3, last: 5},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d per page, %d articles", tt.paginate, tt.articles), func(t *testing.T) {
			files := map[string]string{"_index.md": doc("title: Site", fmt.Sprintf("paginate: %d", tt.paginate))}
			for i := range tt.articles {
				files[fmt.Sprintf("news/%02d.md", i)] = article("A", fmt.Sprintf("2024-01-01 10:%02d", i))
			}
			s := newSite(t, files, site.Options{})
			pagers := s.Home.Pagers
			if len(pagers) != tt.pagers {
				t.Fatalf("%d pagers, want %d", len(pagers), tt.pagers)
			}
			total := 0
			for i, pg := range pagers {
				total += len(pg.Pages)
				if pg.TotalPages != tt.pagers || pg.PageNumber != i+1 {
					t.Errorf("pager %d: PageNumber %d TotalPages %d", i+1, pg.PageNumber, pg.TotalPages)
				}
			}
			if total != tt.articles {
				t.Errorf("pagers hold %d articles, want %d", total, tt.articles)
			}
			last := pagers[len(pagers)-1]
			if len(last.Pages) != tt.last || last.HasNext || last.Next != "" {
				t.Errorf("last pager: %d pages, HasNext %v, Next %q", len(last.Pages), last.HasNext, last.Next)
			}
			if first := pagers[0]; first.HasPrev || first.Prev != "" || first.Path != "/" {
				t.Errorf("first pager: HasPrev %v, Prev %q, Path %q", first.HasPrev, first.Prev, first.Path)
			}
		})
	}
}

func TestPaginateEmptyLists(t *testing.T) {
	s := newSite(t, map[string]string{
		"_index.md":      doc("title: Site", "paginate: 2"),
		"news/_index.md": doc("title: News"),
	}, site.Options{})
	for _, p := range []*site.Page{s.Home, page(t, s, "news/_index.md")} {
		comparePagers(t, p.Path, p.Pagers, []pagerView{
			{1, 1, []string{}, false, false, "", "", p.Path, p.Path, p.Path, p.OutputFile()},
		})
	}
}

func TestPaginateSectionAndTerm(t *testing.T) {
	files := fiveArticles("baseURL: https://x.example/blog/")
	files["news/_index.md"] = doc("title: News")
	files["blog/x.md"] = article("X", "2024-02-01", "tags: [Go]")
	s := newSite(t, files, site.Options{})

	news := page(t, s, "news/_index.md")
	comparePagers(t, "news", news.Pagers, []pagerView{
		{1, 3, []string{"content/news/e.md", "content/news/d.md"}, false, true, "", "/blog/news/page/2/", "/blog/news/", "/blog/news/page/3/", "/news/", "news/index.html"},
		{2, 3, []string{"content/news/c.md", "content/news/b.md"}, true, true, "/blog/news/", "/blog/news/page/3/", "/blog/news/", "/blog/news/page/3/", "/news/page/2/", "news/page/2/index.html"},
		{3, 3, []string{"content/news/a.md"}, true, false, "/blog/news/page/2/", "", "/blog/news/", "/blog/news/page/3/", "/news/page/3/", "news/page/3/index.html"},
	})

	tags := s.Taxonomies["tags"]
	if len(tags) != 1 {
		t.Fatalf("tags: %q", termNames(tags))
	}
	goTerm := tags[0]
	comparePagers(t, "term", goTerm.Page.Pagers, []pagerView{
		{1, 3, []string{"content/blog/x.md", "content/news/e.md"}, false, true, "", "/blog/tags/go/page/2/", "/blog/tags/go/", "/blog/tags/go/page/3/", "/tags/go/", "tags/go/index.html"},
		{2, 3, []string{"content/news/d.md", "content/news/c.md"}, true, true, "/blog/tags/go/", "/blog/tags/go/page/3/", "/blog/tags/go/", "/blog/tags/go/page/3/", "/tags/go/page/2/", "tags/go/page/2/index.html"},
		{3, 3, []string{"content/news/b.md", "content/news/a.md"}, true, false, "/blog/tags/go/page/2/", "", "/blog/tags/go/", "/blog/tags/go/page/3/", "/tags/go/page/3/", "tags/go/page/3/index.html"},
	})
	for _, pg := range goTerm.Page.Pagers {
		if pg.Term != goTerm {
			t.Errorf("term pager %d: Term = %v, want the Go term", pg.PageNumber, pg.Term)
		}
	}
	if news.Pagers[0].Term != nil || s.Home.Pagers[0].Term != nil {
		t.Error("section and home pagers carry a term")
	}
}

func TestOnlyListsArePaginated(t *testing.T) {
	s := newSite(t, fiveArticles(), site.Options{})
	for _, p := range s.AllPages() {
		if p.IsList() != (len(p.Pagers) > 0) {
			t.Errorf("%s (%s): IsList %v but %d pagers", p.Path, p.Kind, p.IsList(), len(p.Pagers))
		}
	}
	for _, p := range []*site.Page{s.ArchivePage, s.NotFound, s.TaxonomyPages[0], page(t, s, "news/a.md")} {
		if p.IsList() {
			t.Errorf("%s (%s) is a list", p.Path, p.Kind)
		}
	}
}
