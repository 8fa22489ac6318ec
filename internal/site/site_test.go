package site_test

import (
	"reflect"
	"testing"
	"time"
	"unsafe"

	"github.com/bulletin-ssg/bulletin/internal/config"
	"github.com/bulletin-ssg/bulletin/internal/content"
	"github.com/bulletin-ssg/bulletin/internal/site"
)

func TestFooter(t *testing.T) {
	const siteFooter = `footer: {icp: 鄂ICP备13001903号, psb: "鄂公网安备 42010502000001号", copyright: "© {year} ClickChina"}`
	// 20:00 UTC on New Year's Eve is already 2025 in Shanghai.
	eve := time.Date(2024, 12, 31, 20, 0, 0, 0, time.UTC)
	files := map[string]string{
		"_index.md":      doc("title: Site", "timezone: Asia/Shanghai", siteFooter),
		"news/_index.md": doc("title: News", `cascade: {footer: {copyright: "© {year} News Desk"}}`),
		"news/a.md":      article("A", "2024-05-20", "tags: [x]"),
		"news/b.md":      article("B", "2024-05-20", "footer: {icp: 京ICP备1号, poweredBy: false}"),
		"blog/c.md":      article("C", "2024-05-20", `footer: {psb: "", extra: hi}`),
		"about.md":       doc("title: About", `footer: {copyright: "{year}-{year}"}`),
	}
	s := newSite(t, files, site.Options{Now: eve})

	siteWant := config.Footer{
		ICP: "鄂ICP备13001903号", ICPURL: config.ICPURL,
		PSB: "鄂公网安备 42010502000001号", PSBURL: "https://beian.mps.gov.cn/#/query/webSearch?code=42010502000001",
		Copyright: "© 2025 ClickChina", PoweredBy: true,
	}
	tests := []struct {
		name string
		got  config.Footer
		want config.Footer
	}{
		{"site", s.Footer, siteWant},
		{"home", s.Home.Footer, siteWant},
		{"generated section", s.Sections[0].Footer, siteWant}, // blog
		{"archive", s.ArchivePage.Footer, siteWant},
		{"404", s.NotFound.Footer, siteWant},
		{"term", s.Taxonomies["tags"][0].Page.Footer, siteWant},
		{"section cascade", page(t, s, "news/a.md").Footer, with(siteWant, func(f *config.Footer) { f.Copyright = "© 2025 News Desk" })},
		{"own keys over cascade and site", page(t, s, "news/b.md").Footer, with(siteWant, func(f *config.Footer) {
			f.ICP, f.Copyright, f.PoweredBy = "京ICP备1号", "© 2025 News Desk", false
		})},
		{"own key clears a site key", page(t, s, "blog/c.md").Footer, with(siteWant, func(f *config.Footer) { f.PSB, f.PSBURL = "", "" })},
		{"standalone page", page(t, s, "about.md").Footer, with(siteWant, func(f *config.Footer) { f.Copyright = "2025-2025" })},
	}
	for _, tt := range tests {
		got := tt.got
		got.Params = nil
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s footer:\n got %+v\nwant %+v", tt.name, got, tt.want)
		}
	}
	if extra := page(t, s, "blog/c.md").Footer.Params["extra"]; extra != "hi" {
		t.Errorf("own footer key extra = %v, want hi", extra)
	}
	if icp := page(t, s, "blog/c.md").Footer.Params["icp"]; icp != "鄂ICP备13001903号" {
		t.Errorf("merged footer Params[icp] = %v", icp)
	}
	// The site's footer map is not changed by a page's own keys.
	if s.Settings.Footer["icp"] != "鄂ICP备13001903号" || s.Settings.Footer["extra"] != nil {
		t.Errorf("settings footer changed: %v", s.Settings.Footer)
	}
}

func with(f config.Footer, change func(*config.Footer)) config.Footer {
	change(&f)
	return f
}

func TestFooterYearInSiteZone(t *testing.T) {
	eve := time.Date(2024, 12, 31, 20, 0, 0, 0, time.UTC)
	tests := []struct {
		zone string
		now  time.Time
		want string
	}{
		{"Asia/Shanghai", eve, "© 2025"},
		{"UTC", eve, "© 2024"},
		{"America/New_York", time.Date(2025, 1, 1, 3, 0, 0, 0, time.UTC), "© 2024"},
	}
	for _, tt := range tests {
		s := newSite(t, map[string]string{
			"_index.md": doc("title: Site", "timezone: "+tt.zone, `footer: {copyright: "© {year}"}`),
			"news/a.md": article("A", "2020-01-01"),
		}, site.Options{Now: tt.now})
		if s.Footer.Copyright != tt.want || page(t, s, "news/a.md").Footer.Copyright != tt.want {
			t.Errorf("%s at %v: site %q, page %q, want %q", tt.zone, tt.now, s.Footer.Copyright,
				page(t, s, "news/a.md").Footer.Copyright, tt.want)
		}
	}
}

func TestPoweredBy(t *testing.T) {
	tests := []struct {
		settings string
		want     bool
	}{
		{"", true},
		{"poweredBy: false", false},
		{"poweredBy: true", true},
	}
	for _, tt := range tests {
		s := newSite(t, map[string]string{
			"_index.md": doc("title: Site", tt.settings),
			"news/a.md": article("A", "2020-01-01"),
		}, site.Options{})
		if s.Footer.PoweredBy != tt.want || page(t, s, "news/a.md").Footer.PoweredBy != tt.want {
			t.Errorf("%q: PoweredBy site %v page %v, want %v", tt.settings, s.Footer.PoweredBy, page(t, s, "news/a.md").Footer.PoweredBy, tt.want)
		}
	}
}

func TestSections(t *testing.T) {
	s := newSite(t, map[string]string{
		"_index.md":       doc("title: Site"),
		"news/_index.md":  doc("title: Company News"),
		"news/a.md":       article("A", "2024-01-01"),
		"blog/2024/b.md":  article("B", "2024-01-01"),
		"empty/_index.md": doc("title: Nothing yet"),
		"about.md":        doc("title: About"),
	}, site.Options{})
	type sec struct{ section, title, path, file string }
	var got []sec
	for _, p := range s.Sections {
		if p.Kind != content.KindSection {
			t.Errorf("%s: kind %q", p.Path, p.Kind)
		}
		got = append(got, sec{p.Section, p.Title, p.Path, p.File})
	}
	want := []sec{
		{"blog", "Blog", "/blog/", ""}, // generated: no _index.md, title from the folder
		{"empty", "Nothing yet", "/empty/", "content/empty/_index.md"},
		{"news", "Company News", "/news/", "content/news/_index.md"},
	}
	if len(got) != len(want) {
		t.Fatalf("sections %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("section %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	blog := s.Sections[0]
	sameStrings(t, "generated section pages", files(blog.Pages), []string{"content/blog/2024/b.md"})
	if len(blog.Pagers) != 1 || blog.Pagers[0].Path != "/blog/" {
		t.Errorf("generated section pagers: %+v", blog.Pagers)
	}
	if b := page(t, s, "blog/2024/b.md"); b.SectionPage != blog || b.Section != "blog" {
		t.Errorf("blog/2024/b.md: section %q, SectionPage %v", b.Section, b.SectionPage)
	}
	if empty := s.Sections[1]; len(empty.Pages) != 0 || len(empty.Pagers) != 1 {
		t.Errorf("empty section: %d pages, %d pagers", len(empty.Pages), len(empty.Pagers))
	}
}

func TestHome(t *testing.T) {
	t.Run("from _index.md", func(t *testing.T) {
		s := newSite(t, map[string]string{
			"_index.md": doc("title: ClickChina News", "language: zh-CN", "timezone: Asia/Shanghai",
				"baseURL: https://news.example.com", "company: {name: ClickChina}",
				"menu: [{name: News, url: /news/}]", "custom: 7"),
			"news/a.md": article("A", "2024-01-01"),
		}, site.Options{})
		h := s.Home
		if h.Kind != content.KindHome || h.Title != "ClickChina News" || h.File != "content/_index.md" || h.Src == nil {
			t.Errorf("home: kind %q title %q file %q", h.Kind, h.Title, h.File)
		}
		if s.Title != "ClickChina News" || s.BaseURL != "https://news.example.com/" || s.Language != "zh-CN" ||
			s.Timezone != "Asia/Shanghai" || s.Company.Name != "ClickChina" || len(s.Menu) != 1 || s.Menu[0].URL != "/news/" {
			t.Errorf("site fields: %+v", s)
		}
		if s.Params["custom"] != int64(7) {
			t.Errorf("Params[custom] = %#v", s.Params["custom"])
		}
		if p, ok := s.ByFile("_index.md"); !ok || p != h {
			t.Error("ByFile(_index.md) is not the home page")
		}
	})
	t.Run("generated", func(t *testing.T) {
		s := newSite(t, map[string]string{"news/a.md": article("A", "2024-01-01")}, site.Options{})
		h := s.Home
		if h == nil || h.Kind != content.KindHome || h.Path != "/" || h.Src != nil || len(h.Pagers) != 1 {
			t.Fatalf("generated home: %+v", h)
		}
		sameStrings(t, "home pages", files(h.Pages), []string{"content/news/a.md"})
	})
}

func TestAllPages(t *testing.T) {
	s := newSite(t, map[string]string{
		"_index.md":      doc("title: Site", "language: zh-CN", "search: true"),
		"news/_index.md": doc("title: News"),
		"news/a.md":      article("A", "2024-01-01", "tags: [x, y]", "categories: [c]"),
		"blog/b.md":      article("B", "2024-01-01"),
		"about.md":       doc("title: About"),
	}, site.Options{})
	var got []string
	seen := map[string]bool{}
	for _, p := range s.AllPages() {
		got = append(got, p.Kind+" "+p.Path)
		if seen[p.Path] {
			t.Errorf("%s listed twice", p.Path)
		}
		seen[p.Path] = true
		if p.Lang != "zh-CN" {
			t.Errorf("%s: Lang %q", p.Path, p.Lang)
		}
		if p.Params == nil {
			t.Errorf("%s: nil Params", p.Path)
		}
	}
	sameStrings(t, "all pages", got, []string{
		"home /", "section /blog/", "section /news/", "article /blog/b/", "article /news/a/", "page /about/",
		"taxonomy /tags/", "taxonomy /categories/", "term /tags/x/", "term /tags/y/", "term /categories/c/",
		"archive /archives/", "404 /404.html", "search /search/",
	})
	if _, ok := s.ByFile("news/missing.md"); ok {
		t.Error("ByFile found a page that does not exist")
	}
	if p := page(t, s, "news/a.md"); p.Src == nil || p.Src.Path != "news/a.md" || p.File != "content/news/a.md" {
		t.Errorf("news/a.md: Src %v File %q", p.Src, p.File)
	}
}

func TestPageFieldsFromSource(t *testing.T) {
	s := newSite(t, map[string]string{
		"news/_index.md": doc("title: News", "cascade: {author: News Desk, source: Xinhua}"),
		"news/a.md": article("A", "2024-01-01 08:30", "lastmod: 2024-02-01", "description: D",
			"source: Own", "layout: wide", "weight: 3", "pinned: true", "custom: v"),
	}, site.Options{})
	p := page(t, s, "news/a.md")
	if p.Title != "A" || p.Description != "D" || p.Kind != content.KindArticle || p.Section != "news" ||
		p.Author != "News Desk" || p.Source != "Own" || p.Layout != "wide" || p.Weight != 3 || !p.Pinned ||
		!p.Date.Equal(time.Date(2024, 1, 1, 8, 30, 0, 0, time.UTC)) ||
		!p.Lastmod.Equal(time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)) ||
		p.Params["custom"] != "v" || p.Params["author"] != "News Desk" {
		t.Errorf("page fields: %+v", p)
	}
}

// A graph built with the previous one takes the URL strings of pages that
// stayed where they were (equal strings, shared), and computes the rest:
// a page that moved, and every page when the base URL changed.
func TestPreviousURLs(t *testing.T) {
	files := map[string]string{
		"_index.md": doc("title: Site", "baseURL: https://example.com/"),
		"news/a.md": article("A", "2024-05-20"),
		"news/b.md": article("B", "2024-05-21"),
	}
	prev := newSite(t, files, site.Options{})
	files["news/b.md"] = article("B", "2024-05-21", "url: /moved/")
	next := newSite(t, files, site.Options{Previous: prev})
	same := func(a, b string) bool { return unsafe.StringData(a) == unsafe.StringData(b) }
	if a, pa := page(t, next, "news/a.md"), page(t, prev, "news/a.md"); a.Permalink != pa.Permalink || !same(a.Permalink, pa.Permalink) || !same(a.RelPermalink, pa.RelPermalink) {
		t.Errorf("a page that stayed: %q was not taken from the previous graph", a.Permalink)
	}
	if b := page(t, next, "news/b.md"); b.Permalink != "https://example.com/moved/" || b.RelPermalink != "/moved/" {
		t.Errorf("a page that moved: %q %q", b.Permalink, b.RelPermalink)
	}
	files["_index.md"] = doc("title: Site", "baseURL: https://example.com/sub/")
	rebased := newSite(t, files, site.Options{Previous: next})
	if a := page(t, rebased, "news/a.md"); a.Permalink != "https://example.com/sub/news/a/" || a.RelPermalink != "/sub/news/a/" {
		t.Errorf("after the base URL changed: %q %q", a.Permalink, a.RelPermalink)
	}
}
