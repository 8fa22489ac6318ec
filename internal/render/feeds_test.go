package render_test

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/render"
	"github.com/bulletin-ssg/bulletin/internal/site"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// feedSources is a small fixed English site in Shanghai time: a pinned
// old article, a Chinese slug, an article whose lastmod is the newest of
// the site although its date is not, and a standalone page.
func feedSources() sources {
	return sources{
		"_index.md": `---
title: ClickChina News
description: Company news of ClickChina.
baseURL: https://news.example.com/
language: en
timezone: Asia/Shanghai
permalinks:
  news: /news/:year/:month/:slug/
company:
  name: ClickChina Cultural Exchange Co., Ltd.
---
Welcome.
`,
		"news/_index.md": "---\ntitle: News\ndescription: Company news.\n---\n",
		"news/2020-07-30-foreign-ministers-call.md": `---
title: Chinese and Japanese foreign ministers talked over the phone
date: 2020-07-30 16:20
lastmod: 2020-08-03 10:00
pinned: true
author: Wang Lei
categories: [Diplomacy]
tags: [China, Japan]
---
Wang Yi had a phone conversation with Toshimitsu Motegi on the 29th.

<!--more-->

The rest of the article.
`,
		"news/2024-01-15-partnership.md": `---
title: A new partnership
date: 2024-01-15 09:00
tags: [China]
---
We signed a partnership & more.
`,
		"news/2023-06-01-端午节活动.md": `---
title: 端午节活动
date: 2023-06-01 10:00
categories: [活动]
---
端午节包粽子活动圆满结束。
`,
		"events/2022-11-18-calligraphy.md": `---
title: Calligraphy exhibition
date: 2022-11-18 14:30
lastmod: 2025-02-01 08:00
---
Works by students.
`,
		"about.md": "---\ntitle: About us\ndate: 2019-06-01\n---\nWho we are.\n",
	}
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	file := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs (run go test -update if the change is intended)\n got:\n%s\nwant:\n%s", file, got, want)
	}
}

func TestGolden(t *testing.T) {
	s := newSite(t, feedSources())
	news := s.page(t, "/news/")
	outputs := []struct {
		name   string
		render func() ([]byte, error)
	}{
		{"rss.golden", func() ([]byte, error) { return render.RSS(s.Site, s.Home) }},
		{"rss-news.golden", func() ([]byte, error) { return render.RSS(s.Site, news) }},
		{"atom.golden", func() ([]byte, error) { return render.Atom(s.Site, s.Home) }},
		{"atom-tag.golden", func() ([]byte, error) { return render.Atom(s.Site, s.page(t, "/tags/china/")) }},
		{"rss-category.golden", func() ([]byte, error) { return render.RSS(s.Site, s.page(t, "/categories/活动/")) }},
		{"feed.json.golden", func() ([]byte, error) { return render.JSONFeed(s.Site, s.Home) }},
		{"feed-news.json.golden", func() ([]byte, error) { return render.JSONFeed(s.Site, news) }},
		{"sitemap.golden", func() ([]byte, error) { return render.Sitemap(s.Site, s.SitemapPages()) }},
		{"robots.golden", func() ([]byte, error) { return render.Robots(s.Site), nil }},
	}
	for _, o := range outputs {
		t.Run(o.name, func(t *testing.T) {
			got, err := o.render()
			if err != nil {
				t.Fatal(err)
			}
			golden(t, o.name, got)
		})
	}
}

// The same sources give byte-identical feeds on every build.
func TestFeedsDeterministic(t *testing.T) {
	a, b := newSite(t, feedSources()), newSite(t, feedSources())
	for name, f := range map[string]func(s *site.Site) ([]byte, error){
		"rss":     func(s *site.Site) ([]byte, error) { return render.RSS(s, s.Home) },
		"atom":    func(s *site.Site) ([]byte, error) { return render.Atom(s, s.Home) },
		"json":    func(s *site.Site) ([]byte, error) { return render.JSONFeed(s, s.Home) },
		"sitemap": func(s *site.Site) ([]byte, error) { return render.Sitemap(s, s.SitemapPages()) },
	} {
		x, err1 := f(a.Site)
		y, err2 := f(b.Site)
		if err1 != nil || err2 != nil || string(x) != string(y) {
			t.Errorf("%s: two builds differ (%v, %v)", name, err1, err2)
		}
	}
}

// rssDoc is RSS 2.0 as a reader parses it back.
type rssDoc struct {
	XMLName xml.Name `xml:"rss"`
	Version string   `xml:"version,attr"`
	Channel struct {
		Title         string `xml:"title"`
		Description   string `xml:"description"`
		Language      string `xml:"language"`
		LastBuildDate string `xml:"lastBuildDate"`
		// RSS's <link> and Atom's <atom:link> share a local name.
		Links []rssLink `xml:"link"`
		Items []struct {
			Title string `xml:"title"`
			Link  string `xml:"link"`
			GUID  struct {
				IsPermaLink string `xml:"isPermaLink,attr"`
				Value       string `xml:",chardata"`
			} `xml:"guid"`
			PubDate     string   `xml:"pubDate"`
			Creator     string   `xml:"http://purl.org/dc/elements/1.1/ creator"`
			Categories  []string `xml:"category"`
			Description string   `xml:"description"`
		} `xml:"item"`
	} `xml:"channel"`
}

type rssLink struct {
	XMLName xml.Name
	Href    string `xml:"href,attr"`
	Rel     string `xml:"rel,attr"`
	Type    string `xml:"type,attr"`
	Value   string `xml:",chardata"`
}

// link returns the channel's RSS link and its Atom links.
func (d rssDoc) link() (link string, atom []rssLink) {
	for _, l := range d.Channel.Links {
		switch l.XMLName.Space {
		case "":
			link = l.Value
		case "http://www.w3.org/2005/Atom":
			atom = append(atom, l)
		}
	}
	return link, atom
}

func parseRSS(t *testing.T, data []byte) rssDoc {
	t.Helper()
	if !strings.HasPrefix(string(data), xml.Header) {
		t.Errorf("feed does not start with the XML declaration: %.60q", data)
	}
	var doc rssDoc
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("RSS is not valid XML: %v\n%s", err, data)
	}
	return doc
}

func TestRSS(t *testing.T) {
	s := newSite(t, feedSources())
	if first := s.Home.Pages[0]; !first.Pinned {
		t.Fatalf("fixture: the home list should start with the pinned page, starts with %q", first.Title)
	}
	tests := []struct {
		name                   string
		list                   *site.Page
		title, link, self      string
		description            string
		wantTitles             []string
		wantNewestPubDate      string
		wantEncodedLinkContain string
	}{
		{
			name: "home", list: s.Home,
			title: "ClickChina News", link: "https://news.example.com/", self: "https://news.example.com/index.xml",
			description:       "Company news of ClickChina.",
			wantTitles:        []string{"A new partnership", "端午节活动", "Calligraphy exhibition", "Chinese and Japanese foreign ministers talked over the phone"},
			wantNewestPubDate: "Mon, 15 Jan 2024 09:00:00 +0800",
		},
		{
			name: "section", list: s.page(t, "/news/"),
			title: "News - ClickChina News", link: "https://news.example.com/news/", self: "https://news.example.com/news/index.xml",
			description:       "Company news.",
			wantTitles:        []string{"A new partnership", "端午节活动", "Chinese and Japanese foreign ministers talked over the phone"},
			wantNewestPubDate: "Mon, 15 Jan 2024 09:00:00 +0800",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, err := render.RSS(s.Site, tc.list)
			if err != nil {
				t.Fatal(err)
			}
			doc := parseRSS(t, data)
			ch := doc.Channel
			if doc.Version != "2.0" {
				t.Errorf("version %q", doc.Version)
			}
			link, self := doc.link()
			if ch.Title != tc.title || link != tc.link || ch.Description != tc.description || ch.Language != "en" {
				t.Errorf("channel: title %q link %q description %q language %q", ch.Title, link, ch.Description, ch.Language)
			}
			if len(self) != 1 || self[0].Href != tc.self || self[0].Rel != "self" || self[0].Type != "application/rss+xml" {
				t.Errorf("atom:link self: %+v, want %s", self, tc.self)
			}
			if ch.LastBuildDate != tc.wantNewestPubDate {
				t.Errorf("lastBuildDate %q, want %q", ch.LastBuildDate, tc.wantNewestPubDate)
			}
			var titles []string
			var prev time.Time
			for i, it := range ch.Items {
				titles = append(titles, it.Title)
				d, err := time.Parse(time.RFC1123Z, it.PubDate)
				if err != nil {
					t.Errorf("item %d pubDate %q is not RFC 1123Z: %v", i, it.PubDate, err)
				}
				if i > 0 && d.After(prev) {
					t.Errorf("item %d (%s) is newer than the one before it", i, it.PubDate)
				}
				prev = d
				if it.GUID.Value != it.Link || it.GUID.IsPermaLink != "true" {
					t.Errorf("item %d guid %+v, link %q", i, it.GUID, it.Link)
				}
				if !strings.HasPrefix(it.Link, "https://news.example.com/") || strings.ContainsFunc(it.Link, func(r rune) bool { return r > 0x7f }) {
					t.Errorf("item %d link %q is not an absolute ASCII URL", i, it.Link)
				}
			}
			if !slices.Equal(titles, tc.wantTitles) {
				t.Errorf("items\n got %q\nwant %q", titles, tc.wantTitles)
			}
			if len(ch.Items) > 0 && ch.Items[0].PubDate != tc.wantNewestPubDate {
				t.Errorf("first pubDate %q, want %q", ch.Items[0].PubDate, tc.wantNewestPubDate)
			}
		})
	}
}

func TestRSSItemFields(t *testing.T) {
	s := newSite(t, feedSources())
	doc := parseRSS(t, must(render.RSS(s.Site, s.Home)))
	byTitle := map[string]int{}
	for i, it := range doc.Channel.Items {
		byTitle[it.Title] = i
	}
	ministers := doc.Channel.Items[byTitle["Chinese and Japanese foreign ministers talked over the phone"]]
	if ministers.Link != "https://news.example.com/news/2020/07/foreign-ministers-call/" {
		t.Errorf("permalink pattern: %q", ministers.Link)
	}
	if ministers.PubDate != "Thu, 30 Jul 2020 16:20:00 +0800" {
		t.Errorf("pubDate %q", ministers.PubDate)
	}
	if ministers.Creator != "Wang Lei" || !slices.Equal(ministers.Categories, []string{"Diplomacy"}) {
		t.Errorf("creator %q categories %q", ministers.Creator, ministers.Categories)
	}
	if !strings.Contains(ministers.Description, "Wang Yi had a phone conversation") || strings.Contains(ministers.Description, "The rest") {
		t.Errorf("description should be the summary before <!--more-->: %q", ministers.Description)
	}
	chinese := doc.Channel.Items[byTitle["端午节活动"]]
	if want := "https://news.example.com/news/2023/06/%E7%AB%AF%E5%8D%88%E8%8A%82%E6%B4%BB%E5%8A%A8/"; chinese.Link != want {
		t.Errorf("Chinese URL %q, want percent-encoded %q", chinese.Link, want)
	}
	if !strings.Contains(doc.Channel.Items[byTitle["A new partnership"]].Description, "partnership &amp; more") {
		t.Errorf("summary HTML is carried escaped: %q", doc.Channel.Items[byTitle["A new partnership"]].Description)
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// manyArticles is a site of n articles, one a day, with the given extra
// settings lines.
func manyArticles(n int, settings string) sources {
	src := sources{"_index.md": "---\ntitle: Many\nbaseURL: https://news.example.com/\n" + settings + "---\n"}
	for i := range n {
		day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i)
		src[fmt.Sprintf("news/a%02d.md", i)] = fmt.Sprintf("---\ntitle: Article %02d\ndate: %s\n---\nBody %d.\n", i, day.Format("2006-01-02"), i)
	}
	return src
}

func TestFeedLimit(t *testing.T) {
	tests := []struct {
		name     string
		articles int
		settings string
		params   any // set directly in Site.Params when not nil
		want     int
	}{
		{"default is 20", 25, "", nil, render.DefaultFeedLimit},
		{"fewer articles than the default", 5, "", nil, 5},
		{"feedLimit from the settings", 25, "feedLimit: 3\n", nil, 3},
		{"feedLimit as int64 in Site.Params", 25, "", int64(7), 7},
		{"feedLimit above the count", 25, "feedLimit: 40\n", nil, 25},
		{"feedLimit 0 means all", 25, "feedLimit: 0\n", nil, 25},
		{"negative feedLimit means all", 25, "feedLimit: -1\n", nil, 25},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newSite(t, manyArticles(tc.articles, tc.settings))
			if tc.params != nil {
				s.Params["feedLimit"] = tc.params
			}
			doc := parseRSS(t, must(render.RSS(s.Site, s.Home)))
			if got := len(doc.Channel.Items); got != tc.want {
				t.Errorf("home RSS has %d items, want %d", got, tc.want)
			}
			if doc.Channel.Items[0].Title != fmt.Sprintf("Article %02d", tc.articles-1) {
				t.Errorf("the newest article is not first: %q", doc.Channel.Items[0].Title)
			}
			section := parseRSS(t, must(render.RSS(s.Site, s.page(t, "/news/"))))
			if got := len(section.Channel.Items); got != tc.want {
				t.Errorf("section RSS has %d items, want %d", got, tc.want)
			}
			atom := parseAtom(t, must(render.Atom(s.Site, s.Home)))
			if got := len(atom.Entries); got != tc.want {
				t.Errorf("Atom has %d entries, want %d", got, tc.want)
			}
		})
	}
}

type atomDoc struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr"`
	} `xml:"link"`
	Author  atomAuthor `xml:"author"`
	Entries []struct {
		Title string `xml:"title"`
		ID    string `xml:"id"`
		Link  struct {
			Href string `xml:"href,attr"`
			Rel  string `xml:"rel,attr"`
		} `xml:"link"`
		Published string      `xml:"published"`
		Updated   string      `xml:"updated"`
		Author    *atomAuthor `xml:"author"`
		Summary   struct {
			Type  string `xml:"type,attr"`
			Value string `xml:",chardata"`
		} `xml:"summary"`
	} `xml:"entry"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

func parseAtom(t *testing.T, data []byte) atomDoc {
	t.Helper()
	var doc atomDoc
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("Atom is not valid XML: %v\n%s", err, data)
	}
	return doc
}

func TestAtom(t *testing.T) {
	s := newSite(t, feedSources())
	doc := parseAtom(t, must(render.Atom(s.Site, s.Home)))
	if doc.Lang != "en" {
		t.Errorf("xml:lang %q", doc.Lang)
	}
	if doc.Title != "ClickChina News" || doc.ID != "https://news.example.com/" || doc.Author.Name != "ClickChina Cultural Exchange Co., Ltd." {
		t.Errorf("feed: title %q id %q author %q", doc.Title, doc.ID, doc.Author.Name)
	}
	// The calligraphy article is not the newest by date, but its lastmod
	// is the newest of the site.
	if doc.Updated != "2025-02-01T08:00:00+08:00" {
		t.Errorf("updated %q, want the newest lastmod 2025-02-01T08:00:00+08:00", doc.Updated)
	}
	var self, alternate string
	for _, l := range doc.Links {
		switch l.Rel {
		case "self":
			self = l.Href
		case "alternate":
			alternate = l.Href
		}
	}
	if self != "https://news.example.com/atom.xml" || alternate != "https://news.example.com/" {
		t.Errorf("links: self %q alternate %q", self, alternate)
	}
	if len(doc.Entries) != 4 {
		t.Fatalf("%d entries, want the 4 articles (not the standalone page)", len(doc.Entries))
	}
	for i, e := range doc.Entries {
		if e.ID == "" || e.ID != e.Link.Href || e.Link.Rel != "alternate" {
			t.Errorf("entry %d: id %q link %+v", i, e.ID, e.Link)
		}
		pub, err1 := time.Parse(time.RFC3339, e.Published)
		upd, err2 := time.Parse(time.RFC3339, e.Updated)
		if err1 != nil || err2 != nil {
			t.Errorf("entry %d: published %q updated %q: %v %v", i, e.Published, e.Updated, err1, err2)
		}
		if upd.Before(pub) {
			t.Errorf("entry %d updated before published", i)
		}
		if e.Summary.Type != "html" || e.Summary.Value == "" {
			t.Errorf("entry %d summary %+v", i, e.Summary)
		}
	}
	first := doc.Entries[0]
	if first.Title != "A new partnership" || first.Published != "2024-01-15T09:00:00+08:00" {
		t.Errorf("first entry %q published %q: entries should be newest first, pinned or not", first.Title, first.Published)
	}
	last := doc.Entries[3]
	if last.Author == nil || last.Author.Name != "Wang Lei" || last.Updated != "2020-08-03T10:00:00+08:00" {
		t.Errorf("last entry author %v updated %q", last.Author, last.Updated)
	}
	if doc.Entries[1].Link.Href != "https://news.example.com/news/2023/06/%E7%AB%AF%E5%8D%88%E8%8A%82%E6%B4%BB%E5%8A%A8/" {
		t.Errorf("Chinese URL not percent-encoded: %q", doc.Entries[1].Link.Href)
	}
}

type sitemapDoc struct {
	XMLName xml.Name `xml:"urlset"`
	URLs    []struct {
		Loc     string `xml:"loc"`
		Lastmod string `xml:"lastmod"`
	} `xml:"url"`
}

func parseSitemap(t *testing.T, data []byte) sitemapDoc {
	t.Helper()
	var doc sitemapDoc
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("sitemap is not valid XML: %v\n%s", err, data)
	}
	if doc.XMLName.Space != "http://www.sitemaps.org/schemas/sitemap/0.9" {
		t.Errorf("sitemap namespace %q", doc.XMLName.Space)
	}
	return doc
}

func TestSitemap(t *testing.T) {
	s := newSite(t, feedSources())
	doc := parseSitemap(t, must(render.Sitemap(s.Site, s.SitemapPages())))
	var want []string
	for _, p := range s.AllPages() {
		if p.Kind != site.Kind404 && p.Kind != site.KindSearch {
			want = append(want, p.Permalink)
		}
	}
	var got []string
	for _, u := range doc.URLs {
		got = append(got, u.Loc)
		if strings.Contains(u.Loc, "404") {
			t.Errorf("the 404 page is in the sitemap: %s", u.Loc)
		}
		if strings.ContainsFunc(u.Loc, func(r rune) bool { return r > 0x7f }) {
			t.Errorf("loc %q is not percent-encoded", u.Loc)
		}
		if u.Lastmod != "" {
			if _, err := time.Parse(time.RFC3339, u.Lastmod); err != nil {
				t.Errorf("%s: lastmod %q: %v", u.Loc, u.Lastmod, err)
			}
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("locs\n got %q\nwant %q", got, want)
	}
	for _, must := range []string{
		"https://news.example.com/",
		"https://news.example.com/about/",
		"https://news.example.com/archives/",
		"https://news.example.com/tags/china/",
		"https://news.example.com/categories/%E6%B4%BB%E5%8A%A8/",
	} {
		if !slices.Contains(got, must) {
			t.Errorf("sitemap lacks %s", must)
		}
	}
	lastmod := map[string]string{}
	for _, u := range doc.URLs {
		lastmod[u.Loc] = u.Lastmod
	}
	for loc, want := range map[string]string{
		"https://news.example.com/news/2020/07/foreign-ministers-call/": "2020-08-03T10:00:00+08:00", // its lastmod
		"https://news.example.com/about/":                               "2019-06-01T00:00:00+08:00", // its date
		"https://news.example.com/":                                     "2025-02-01T08:00:00+08:00", // the newest page it lists
		"https://news.example.com/news/":                                "2024-01-15T09:00:00+08:00",
		"https://news.example.com/tags/china/":                          "2024-01-15T09:00:00+08:00",
	} {
		if lastmod[loc] != want {
			t.Errorf("%s lastmod %q, want %q", loc, lastmod[loc], want)
		}
	}
}

// Every URL of the sitemap carries a lastmod when the site can know one.
func TestSitemapLastmodEverywhere(t *testing.T) {
	s := newSite(t, feedSources())
	doc := parseSitemap(t, must(render.Sitemap(s.Site, s.SitemapPages())))
	var missing []string
	for _, u := range doc.URLs {
		if u.Lastmod == "" {
			missing = append(missing, u.Loc)
		}
	}
	if len(missing) > 0 {
		t.Errorf("sitemap URLs without lastmod although every article is dated: %s (taxonomy pages list Terms, not Pages, so Sitemap finds no date for them)", strings.Join(missing, " "))
	}
}

func TestRobots(t *testing.T) {
	for _, tc := range []struct{ baseURL, want string }{
		{"https://news.example.com/", "https://news.example.com/sitemap.xml"},
		{"https://example.com/blog", "https://example.com/blog/sitemap.xml"},
	} {
		s := newSite(t, sources{"_index.md": "---\ntitle: x\nbaseURL: " + tc.baseURL + "\n---\n"})
		got := string(render.Robots(s.Site))
		if want := "User-agent: *\nAllow: /\n\nSitemap: " + tc.want + "\n"; got != want {
			t.Errorf("robots.txt for %s:\n got %q\nwant %q", tc.baseURL, got, want)
		}
	}
}

// A new site with no articles still has valid, empty feeds and a sitemap.
func TestFeedsOfEmptySite(t *testing.T) {
	s := newSite(t, sources{"_index.md": "---\ntitle: Empty\nbaseURL: https://example.com/\n---\n"})
	rss := parseRSS(t, must(render.RSS(s.Site, s.Home)))
	if len(rss.Channel.Items) != 0 || rss.Channel.LastBuildDate != "" || rss.Channel.Title != "Empty" {
		t.Errorf("RSS of an empty site: %+v", rss.Channel)
	}
	atom := parseAtom(t, must(render.Atom(s.Site, s.Home)))
	if len(atom.Entries) != 0 || atom.Updated == "" {
		t.Errorf("Atom of an empty site: %+v", atom)
	}
	sm := parseSitemap(t, must(render.Sitemap(s.Site, s.SitemapPages())))
	if len(sm.URLs) == 0 || sm.URLs[0].Loc != "https://example.com/" {
		t.Errorf("sitemap of an empty site: %+v", sm.URLs)
	}
}

// TestSitemapMatchesEncoder holds the hand-written sitemap to the bytes
// encoding/xml (which it replaced for speed) writes for the same URLs,
// on a site with escaped characters in its URLs and on an empty site.
func TestSitemapMatchesEncoder(t *testing.T) {
	type sitemapURL struct {
		Loc     string `xml:"loc"`
		Lastmod string `xml:"lastmod,omitempty"`
	}
	type urlset struct {
		XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []sitemapURL `xml:"url"`
	}
	withAmp := feedSources()
	withAmp["about-us.md"] = "---\ntitle: About & <us>\nurl: /about/a&b'c\"d/\n---\nText.\n"
	for name, files := range map[string]sources{
		"feeds":     withAmp,
		"only home": {"_index.md": "---\ntitle: Empty\nbaseURL: https://example.com/\n---\n"},
	} {
		s := newSite(t, files)
		doc := parseSitemap(t, must(render.Sitemap(s.Site, s.SitemapPages())))
		var set urlset
		for _, u := range doc.URLs {
			set.URLs = append(set.URLs, sitemapURL{u.Loc, u.Lastmod})
		}
		var want bytes.Buffer
		want.WriteString(xml.Header)
		enc := xml.NewEncoder(&want)
		enc.Indent("", "  ")
		if err := enc.Encode(set); err != nil {
			t.Fatal(err)
		}
		want.WriteByte('\n')
		if got := string(must(render.Sitemap(s.Site, s.SitemapPages()))); got != want.String() {
			t.Errorf("%s: sitemap\n got %s\nwant %s", name, got, want.String())
		}
	}
}
