package site_test

import (
	"testing"

	"github.com/bulletin-ssg/bulletin/internal/site"
)

func TestPermalinks(t *testing.T) {
	const (
		shanghai = "timezone: Asia/Shanghai"
		dated    = "permalinks: {news: /news/:year/:month/:day/:slug/}"
		monthly  = "permalinks: {news: /news/:year/:month/:slug/}"
	)
	tests := []struct {
		name     string
		settings []string // lines of content/_index.md
		rel      string   // the page under test
		text     string
		path     string // Page.Path: unescaped site path
		rel2     string // RelPermalink
		abs      string // Permalink
		out      string // OutputFile
	}{
		{
			name:     "pattern with year month day slug",
			settings: []string{shanghai, dated},
			rel:      "news/2020-07-30-foreign-ministers-call.md",
			text:     article("Call", "2020-07-30 16:20"),
			path:     "/news/2020/07/30/foreign-ministers-call/",
			rel2:     "/news/2020/07/30/foreign-ministers-call/",
			abs:      "http://localhost/news/2020/07/30/foreign-ministers-call/",
			out:      "news/2020/07/30/foreign-ministers-call/index.html",
		},
		{
			// Another zone's evening is the next day in Shanghai: the URL
			// keeps the day the author (or the generator the article came
			// from) wrote.
			name:     "pattern date with an offset keeps its day in an eastern site zone",
			settings: []string{shanghai, dated},
			rel:      "news/eve.md",
			text:     article("Eve", "2020-12-31T20:00:00-05:00"),
			path:     "/news/2020/12/31/eve/",
			rel2:     "/news/2020/12/31/eve/",
			abs:      "http://localhost/news/2020/12/31/eve/",
			out:      "news/2020/12/31/eve/index.html",
		},
		{
			name:     "pattern date with an offset keeps its day in a western site zone",
			settings: []string{"timezone: America/Los_Angeles", dated},
			rel:      "news/eve.md",
			text:     article("Eve", "2021-01-01T00:30:00+02:00"),
			path:     "/news/2021/01/01/eve/",
			rel2:     "/news/2021/01/01/eve/",
			abs:      "http://localhost/news/2021/01/01/eve/",
			out:      "news/2021/01/01/eve/index.html",
		},
		{
			name:     "pattern date in Jekyll's form near midnight keeps its day",
			settings: []string{dated},
			rel:      "news/2013-05-06-early.md",
			text:     article("Early", "2013-05-06 00:12:52 +0200"),
			path:     "/news/2013/05/06/early/",
			rel2:     "/news/2013/05/06/early/",
			abs:      "http://localhost/news/2013/05/06/early/",
			out:      "news/2013/05/06/early/index.html",
		},
		{
			name:     "pattern date without a zone is the site zone's day",
			settings: []string{shanghai, dated},
			rel:      "news/late.md",
			text:     article("Late", "2020/12/31 23:30"),
			path:     "/news/2020/12/31/late/",
			rel2:     "/news/2020/12/31/late/",
			abs:      "http://localhost/news/2020/12/31/late/",
			out:      "news/2020/12/31/late/index.html",
		},
		{
			name:     "pattern date from the file name, in the site zone",
			settings: []string{shanghai, dated},
			rel:      "news/2013-05-06-from-jekyll.md",
			text:     doc("title: From Jekyll"),
			path:     "/news/2013/05/06/from-jekyll/",
			rel2:     "/news/2013/05/06/from-jekyll/",
			abs:      "http://localhost/news/2013/05/06/from-jekyll/",
			out:      "news/2013/05/06/from-jekyll/index.html",
		},
		{
			name:     "pattern with section token",
			settings: []string{"permalinks: {press: /:section/:year/:slug/}"},
			rel:      "press/2019/release.md",
			text:     article("Release", "2019-02-03"),
			path:     "/press/2019/release/",
			rel2:     "/press/2019/release/",
			abs:      "http://localhost/press/2019/release/",
			out:      "press/2019/release/index.html",
		},
		{
			name:     "pattern uses the slug key",
			settings: []string{monthly},
			rel:      "news/a.md",
			text:     article("A", "2024-05-20", "slug: Custom Name"),
			path:     "/news/2024/05/custom-name/",
			rel2:     "/news/2024/05/custom-name/",
			abs:      "http://localhost/news/2024/05/custom-name/",
			out:      "news/2024/05/custom-name/index.html",
		},
		{
			name:     "pattern of another section does not apply",
			settings: []string{monthly},
			rel:      "blog/a.md",
			text:     article("A", "2024-05-20"),
			path:     "/blog/a/",
			rel2:     "/blog/a/",
			abs:      "http://localhost/blog/a/",
			out:      "blog/a/index.html",
		},
		{
			name: "default path keeps sub-folders",
			rel:  "news/2024/a.md",
			text: article("A", "2024-05-20"),
			path: "/news/2024/a/",
			rel2: "/news/2024/a/",
			abs:  "http://localhost/news/2024/a/",
			out:  "news/2024/a/index.html",
		},
		{
			name: "default path drops the date prefix",
			rel:  "news/2020-07-30-foreign-ministers-call.md",
			text: article("Call", "2020-07-30"),
			path: "/news/foreign-ministers-call/",
			rel2: "/news/foreign-ministers-call/",
			abs:  "http://localhost/news/foreign-ministers-call/",
			out:  "news/foreign-ministers-call/index.html",
		},
		{
			name: "bundle takes its folder name",
			rel:  "news/launch/index.md",
			text: article("Launch", "2024-05-20"),
			path: "/news/launch/",
			rel2: "/news/launch/",
			abs:  "http://localhost/news/launch/",
			out:  "news/launch/index.html",
		},
		{
			name: "bundle in a sub-folder with a dated folder name",
			rel:  "news/2024/2024-05-20-new-office/index.md",
			text: article("Office", "2024-05-20"),
			path: "/news/2024/new-office/",
			rel2: "/news/2024/new-office/",
			abs:  "http://localhost/news/2024/new-office/",
			out:  "news/2024/new-office/index.html",
		},
		{
			name:     "bundle under a pattern",
			settings: []string{monthly},
			rel:      "news/launch/index.md",
			text:     article("Launch", "2024-05-20"),
			path:     "/news/2024/05/launch/",
			rel2:     "/news/2024/05/launch/",
			abs:      "http://localhost/news/2024/05/launch/",
			out:      "news/2024/05/launch/index.html",
		},
		{
			name: "top-level page",
			rel:  "about.md",
			text: doc("title: About"),
			path: "/about/",
			rel2: "/about/",
			abs:  "http://localhost/about/",
			out:  "about/index.html",
		},
		{
			name:     "top-level page ignores patterns",
			settings: []string{monthly},
			rel:      "about.md",
			text:     doc("title: About", "date: 2024-05-20", "slug: company"),
			path:     "/company/",
			rel2:     "/company/",
			abs:      "http://localhost/company/",
			out:      "company/index.html",
		},
		{
			name: "url without trailing slash is a folder",
			rel:  "news/a.md",
			text: article("A", "2024-05-20", "url: /old/path"),
			path: "/old/path/",
			rel2: "/old/path/",
			abs:  "http://localhost/old/path/",
			out:  "old/path/index.html",
		},
		{
			name: "url with trailing slash",
			rel:  "news/a.md",
			text: article("A", "2024-05-20", "url: /old/path/"),
			path: "/old/path/",
			rel2: "/old/path/",
			abs:  "http://localhost/old/path/",
			out:  "old/path/index.html",
		},
		{
			name: "url with .html is a file",
			rel:  "news/a.md",
			text: article("A", "2024-05-20", "url: /old/123.html"),
			path: "/old/123.html",
			rel2: "/old/123.html",
			abs:  "http://localhost/old/123.html",
			out:  "old/123.html",
		},
		{
			name:     "url wins over the pattern",
			settings: []string{monthly},
			rel:      "news/a.md",
			text:     article("A", "2024-05-20", "url: /special/"),
			path:     "/special/",
			rel2:     "/special/",
			abs:      "http://localhost/special/",
			out:      "special/index.html",
		},
		{
			name: "url is cleaned",
			rel:  "about.md",
			text: doc("title: About", "url: /company//about"),
			path: "/company/about/",
			rel2: "/company/about/",
			abs:  "http://localhost/company/about/",
			out:  "company/about/index.html",
		},
		{
			name: "Chinese file name",
			rel:  "news/2023-06-01-端午节活动.md",
			text: article("端午节活动", "2023-06-01"),
			path: "/news/端午节活动/",
			rel2: "/news/%E7%AB%AF%E5%8D%88%E8%8A%82%E6%B4%BB%E5%8A%A8/",
			abs:  "http://localhost/news/%E7%AB%AF%E5%8D%88%E8%8A%82%E6%B4%BB%E5%8A%A8/",
			out:  "news/端午节活动/index.html",
		},
		{
			name:     "Chinese slug under a pattern",
			settings: []string{monthly},
			rel:      "news/a.md",
			text:     article("A", "2023-06-01", "slug: 公司新闻"),
			path:     "/news/2023/06/公司新闻/",
			rel2:     "/news/2023/06/%E5%85%AC%E5%8F%B8%E6%96%B0%E9%97%BB/",
			abs:      "http://localhost/news/2023/06/%E5%85%AC%E5%8F%B8%E6%96%B0%E9%97%BB/",
			out:      "news/2023/06/公司新闻/index.html",
		},
		{
			name: "Chinese url",
			rel:  "news/a.md",
			text: article("A", "2023-06-01", "url: /旧/文章.html"),
			path: "/旧/文章.html",
			rel2: "/%E6%97%A7/%E6%96%87%E7%AB%A0.html",
			abs:  "http://localhost/%E6%97%A7/%E6%96%87%E7%AB%A0.html",
			out:  "旧/文章.html",
		},
		{
			name:     "base URL with a sub-path",
			settings: []string{"baseURL: https://x.example/blog/"},
			rel:      "news/a.md",
			text:     article("A", "2024-05-20"),
			path:     "/news/a/",
			rel2:     "/blog/news/a/",
			abs:      "https://x.example/blog/news/a/",
			out:      "news/a/index.html",
		},
		{
			name:     "base URL sub-path without trailing slash",
			settings: []string{"baseURL: https://x.example/blog"},
			rel:      "about.md",
			text:     doc("title: About", "url: /old/1.html"),
			path:     "/old/1.html",
			rel2:     "/blog/old/1.html",
			abs:      "https://x.example/blog/old/1.html",
			out:      "old/1.html",
		},
		{
			name:     "base URL sub-path with a Chinese slug",
			settings: []string{"baseURL: https://x.example/blog/", monthly},
			rel:      "news/a.md",
			text:     article("A", "2023-06-01", "slug: 新闻"),
			path:     "/news/2023/06/新闻/",
			rel2:     "/blog/news/2023/06/%E6%96%B0%E9%97%BB/",
			abs:      "https://x.example/blog/news/2023/06/%E6%96%B0%E9%97%BB/",
			out:      "news/2023/06/新闻/index.html",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(t, map[string]string{
				"_index.md": doc(append([]string{"title: Site"}, tt.settings...)...),
				tt.rel:      tt.text,
			}, site.Options{})
			p := page(t, s, tt.rel)
			if p.Path != tt.path {
				t.Errorf("Path = %q, want %q", p.Path, tt.path)
			}
			if p.RelPermalink != tt.rel2 {
				t.Errorf("RelPermalink = %q, want %q", p.RelPermalink, tt.rel2)
			}
			if p.Permalink != tt.abs {
				t.Errorf("Permalink = %q, want %q", p.Permalink, tt.abs)
			}
			if got := p.OutputFile(); got != tt.out {
				t.Errorf("OutputFile = %q, want %q", got, tt.out)
			}
		})
	}
}

func TestListPagePaths(t *testing.T) {
	s := newSite(t, map[string]string{
		"_index.md":       doc("title: Site", "baseURL: https://x.example/blog/"),
		"news/_index.md":  doc("title: News"),
		"press/_index.md": doc("title: Press", "url: /media/"),
		"news/a.md":       article("A", "2024-05-20"),
		"press/b.md":      article("B", "2024-05-20"),
		"新闻/c.md":         article("C", "2024-05-20"),
	}, site.Options{})
	tests := []struct {
		name string
		p    *site.Page
		path string
		rel  string
		abs  string
		out  string
	}{
		{"home", s.Home, "/", "/blog/", "https://x.example/blog/", "index.html"},
		{"section", page(t, s, "news/_index.md"), "/news/", "/blog/news/", "https://x.example/blog/news/", "news/index.html"},
		{"section with url", page(t, s, "press/_index.md"), "/media/", "/blog/media/", "https://x.example/blog/media/", "media/index.html"},
		{"archive", s.ArchivePage, "/archives/", "/blog/archives/", "https://x.example/blog/archives/", "archives/index.html"},
		{"404", s.NotFound, "/404.html", "/blog/404.html", "https://x.example/blog/404.html", "404.html"},
	}
	for _, sec := range s.Sections {
		if sec.Section == "新闻" {
			tests = append(tests, struct {
				name string
				p    *site.Page
				path string
				rel  string
				abs  string
				out  string
			}{"generated Chinese section", sec, "/新闻/", "/blog/%E6%96%B0%E9%97%BB/", "https://x.example/blog/%E6%96%B0%E9%97%BB/", "新闻/index.html"})
		}
	}
	if len(tests) != 6 {
		t.Fatalf("no generated section 新闻 among %d sections", len(s.Sections))
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.p.Path != tt.path || tt.p.RelPermalink != tt.rel || tt.p.Permalink != tt.abs || tt.p.OutputFile() != tt.out {
				t.Errorf("got %q %q %q %q, want %q %q %q %q",
					tt.p.Path, tt.p.RelPermalink, tt.p.Permalink, tt.p.OutputFile(),
					tt.path, tt.rel, tt.abs, tt.out)
			}
		})
	}
}

// The base path is part of every RelPermalink, so it must be
// percent-encoded like the rest of the path (Permalink already is).
func TestChineseBasePathIsEncoded(t *testing.T) {
	s := newSite(t, map[string]string{
		"_index.md": doc("title: Site", "baseURL: https://x.example/博客/"),
		"news/a.md": article("A", "2024-05-20"),
	}, site.Options{})
	p := page(t, s, "news/a.md")
	if p.Permalink != "https://x.example/%E5%8D%9A%E5%AE%A2/news/a/" {
		t.Errorf("Permalink = %q", p.Permalink)
	}
	if want := "/%E5%8D%9A%E5%AE%A2/news/a/"; p.RelPermalink != want {
		t.Errorf("RelPermalink = %q, want %q", p.RelPermalink, want)
	}
}
