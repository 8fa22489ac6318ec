package render_test

import (
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/bulletin-ssg/bulletin/internal/site"
)

// newsSources is the seed page's site: a company news site with the
// seed article, an older and a newer article around it, a pinned notice,
// a standalone page and the full footer. settings adds lines to the
// settings (views, waline, ...).
func newsSources(language, baseURL, settings string) sources {
	title := "汉江文化交流新闻"
	if language == "en" {
		title = "ClickChina News"
	}
	return sources{
		"_index.md": `---
title: ` + title + `
baseURL: ` + baseURL + `
language: ` + language + `
timezone: Asia/Shanghai
paginate: 2
permalinks:
  news: /news/:year/:month/:slug/
company:
  name: ClickChina Cultural Exchange Co., Ltd.
  address: Rm. 1106, Building 1, 493 Yingwu Ave., Hanyang District, Wuhan, Hubei, China
footer:
  icp: 鄂ICP备13001903号
  psb: 鄂公网安备 42010502000001号
  copyright: "© {year} ClickChina Cultural Exchange Co., Ltd. All rights reserved."
menu:
  - {name: News, url: /news/}
  - {name: About, url: /about/}
` + settings + `---
Welcome to our news site.
`,
		"news/_index.md": "---\ntitle: 公司新闻\n---\n",
		"news/2020-07-30-foreign-ministers-call.md": `---
title: Chinese and Japanese foreign ministers talked over the phone
date: 2020-07-30 16:20
author: 王小明
source: 新华社
tags: [外交, 中日]
categories: [国际]
---
Chinese State Councilor and Foreign Minister Wang Yi had a phone
conversation with Japanese Minister of Foreign Affairs Toshimitsu Motegi
on the 29th.

## 后疫情时代

At present, the epidemic situation has been contained on the whole.
`,
		"news/2019-09-12-exchange-programme.md": `---
title: Student exchange programme opens
date: 2019-09-12T01:00:00Z
tags: [外交]
---
Applications are open.
`,
		"news/2021-03-05-tea-workshop.md": `---
title: Tea culture workshop
date: 2021-03-05 10:00
---
Tea & talk.
`,
		"events/2018-05-01-notice.md": `---
title: Notice to visitors
date: 2018-05-01 09:00
pinned: true
---
Office hours.
`,
		"about.md": "---\ntitle: About us\ndate: 2019-06-01\n---\n## Who we are\n\nA small company in Wuhan.\n",
	}
}

const ministers = "/news/2020/07/foreign-ministers-call/"

// renderPage renders one output of a page: a list's page n (from 1) or a
// single page.
func renderPage(t *testing.T, ts *testSite, p *site.Page, n int) string {
	t.Helper()
	var pager *site.Paginator
	if p.IsList() {
		pager = p.Pagers[n-1]
	}
	out, err := pageBytes(ts.theme(t, nil), ts.Site, p, pager, nil)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

type pageCase struct {
	name    string
	path    string
	pager   int // 1 unless set
	want    []string
	wantNot []string
}

func checkPages(t *testing.T, ts *testSite, cases []pageCase, common []string) {
	t.Helper()
	th := ts.theme(t, nil)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := ts.page(t, tc.path)
			var pager *site.Paginator
			if p.IsList() {
				pager = p.Pagers[max(tc.pager, 1)-1]
			}
			data, err := pageBytes(th, ts.Site, p, pager, nil)
			if err != nil {
				t.Fatal(err)
			}
			got := string(data)
			for _, want := range append(append([]string{}, common...), tc.want...) {
				if !strings.Contains(got, want) {
					t.Errorf("missing %s", want)
				}
			}
			for _, bad := range append([]string{"ZgotmplZ", "<no value>", "%!"}, tc.wantNot...) {
				if strings.Contains(got, bad) {
					t.Errorf("unexpected %s", bad)
				}
			}
			if t.Failed() {
				t.Logf("%s:\n%s", tc.path, got)
			}
		})
	}
}

// The footer the seed page needs, on every kind.
var footer = []string{
	`<p class="footer-company__name">ClickChina Cultural Exchange Co., Ltd.</p>`,
	`Rm. 1106, Building 1, 493 Yingwu Ave., Hanyang District, Wuhan, Hubei, China`,
	`<span class="footer-legal__copyright">© 2026 ClickChina Cultural Exchange Co., Ltd. All rights reserved.</span>`,
	`<a href="https://beian.miit.gov.cn/" rel="noopener" target="_blank">鄂ICP备13001903号</a>`,
	`<a href="https://beian.mps.gov.cn/#/query/webSearch?code=42010502000001" rel="noopener" target="_blank">`,
	`鄂公网安备 42010502000001号</a>`,
}

func TestPagesChinese(t *testing.T) {
	ts := newSite(t, newsSources("zh-CN", "https://news.example.com/", "views: busuanzi\n"))
	if n := len(ts.Home.Pagers); n != 2 {
		t.Fatalf("fixture: home has %d pages, want 2", n)
	}
	common := append([]string{`<html lang="zh-CN">`, `<a class="skip-link" href="#main">跳到正文</a>`}, footer...)
	checkPages(t, ts, []pageCase{
		{
			name: "article", path: ministers,
			want: []string{
				`<title>Chinese and Japanese foreign ministers talked over the phone – 汉江文化交流新闻</title>`,
				`<link rel="canonical" href="https://news.example.com/news/2020/07/foreign-ministers-call/">`,
				`<meta property="article:published_time" content="2020-07-30T16:20:00&#43;08:00">`,
				`<h1 class="article__title">Chinese and Japanese foreign ministers talked over the phone</h1>`,
				`<span class="meta__label">发布时间：</span><time datetime="2020-07-30T16:20:00&#43;08:00">2020-07-30 16:20</time>`,
				`<span class="meta__label">来源：</span>新华社`,
				`<span class="meta__label">作者：</span>王小明`,
				`<span class="meta__label">浏览量：</span><span id="busuanzi_value_page_pv"></span>`,
				`<script async src="//busuanzi.ibruce.info/busuanzi/2.3/busuanzi.pure.mini.js"></script>`,
				`<h2 id="后疫情时代">后疫情时代</h2>`,
				`<nav class="breadcrumb" aria-label="当前位置">`,
				`<li class="breadcrumb__item"><a href="/">首页</a></li>`,
				`<li class="breadcrumb__item"><a href="/news/">公司新闻</a></li>`,
				`<li class="breadcrumb__item"><a href="/news/2020/07/foreign-ministers-call/" aria-current="page">Chinese and Japanese foreign ministers talked over the phone</a></li>`,
				`<span class="post-nav__label">上一篇：</span><a href="/news/2019/09/exchange-programme/" rel="prev">Student exchange programme opens</a>`,
				`<span class="post-nav__label">下一篇：</span><a href="/news/2021/03/tea-workshop/" rel="next">Tea culture workshop</a>`,
				`<a class="term term--tag" href="/tags/%E5%A4%96%E4%BA%A4/" rel="tag">外交</a>`,
				`<a href="/news/" aria-current="true">News</a>`,
			},
			wantNot: []string{"waline"},
		},
		{
			name: "oldest article has no previous", path: "/news/2019/09/exchange-programme/",
			want: []string{
				// written in UTC, shown in the site's zone
				`<time datetime="2019-09-12T09:00:00&#43;08:00">2019-09-12 09:00</time>`,
				`<span class="post-nav__label">上一篇：</span><span class="post-nav__none">没有了</span>`,
				`rel="next">Chinese and Japanese foreign ministers talked over the phone</a>`,
			},
		},
		{
			name: "home page 1", path: "/",
			want: []string{
				`<title>汉江文化交流新闻</title>`,
				`<div class="intro prose"><p>Welcome to our news site.</p>`,
				`<h2 id="latest-title" class="listing__title">最新动态</h2>`,
				`<a href="/events/notice/">Notice to visitors</a> <span class="badge">置顶</span>`,
				`<a href="/news/2021/03/tea-workshop/">Tea culture workshop</a>`,
				`<span class="pagination__status">第 1 页，共 2 页</span>`,
				`<a href="/page/2/" rel="next">下一页 →</a>`,
			},
			wantNot: []string{`rel="prev"`, "foreign ministers", "busuanzi"},
		},
		{
			name: "home page 2", path: "/", pager: 2,
			want: []string{
				`<title>汉江文化交流新闻 – 第 2 页，共 2 页</title>`,
				`<a href="/news/2020/07/foreign-ministers-call/">Chinese and Japanese foreign ministers talked over the phone</a>`,
				`<a href="/news/2019/09/exchange-programme/">Student exchange programme opens</a>`,
				`<a href="/" rel="prev">← 上一页</a>`,
			},
			wantNot: []string{`<div class="intro prose">`, `rel="next"`, "Notice to visitors"},
		},
		{
			name: "section", path: "/news/",
			want: []string{
				`<title>公司新闻 – 汉江文化交流新闻</title>`,
				`<h1 class="list-header__title">公司新闻</h1>`,
				`<li class="breadcrumb__item"><a href="/">首页</a></li>`,
				`<li class="breadcrumb__item"><a href="/news/" aria-current="page">公司新闻</a></li>`,
				`<a class="feed-link" href="/news/index.xml"`,
				`<link rel="alternate" type="application/rss+xml" title="公司新闻 – 汉江文化交流新闻" href="https://news.example.com/news/index.xml">`,
				`<a href="/news/2021/03/tea-workshop/">Tea culture workshop</a>`,
				`<a href="/news/" aria-current="page">News</a>`,
				`<a href="/news/page/2/" rel="next">`,
			},
			wantNot: []string{"Notice to visitors"},
		},
		{
			name: "page", path: "/about/",
			want: []string{
				`<title>About us – 汉江文化交流新闻</title>`,
				`<h1 class="article__title">About us</h1>`,
				`<h2 id="who-we-are">Who we are</h2>`,
				`<a href="/about/" aria-current="page">About</a>`,
			},
			wantNot: []string{"发布时间", "busuanzi"},
		},
		{
			name: "taxonomy", path: "/tags/",
			want: []string{
				`<a href="/tags/%E5%A4%96%E4%BA%A4/"><span class="term-list__name">外交</span> <span class="term-list__count" aria-hidden="true">2</span><span class="visually-hidden">(共 2 篇)</span></a>`,
				`<span class="term-list__name">中日</span>`,
			},
		},
		{
			name: "term", path: "/tags/外交/",
			want: []string{
				`<p class="kicker"><a href="/tags/">标签</a></p>`,
				`<h1 class="list-header__title">外交</h1>`,
				`<p class="list-header__count">共 2 篇</p>`,
				`<a href="/news/2019/09/exchange-programme/">Student exchange programme opens</a>`,
				`<link rel="canonical" href="https://news.example.com/tags/%E5%A4%96%E4%BA%A4/">`,
			},
			wantNot: []string{"Tea culture workshop"},
		},
		{
			name: "archive", path: "/archives/",
			want: []string{
				`<h2 class="archive-year__title" id="archive-2020">2020年</h2>`,
				`<h3 class="archive-month__title">2020年7月</h3>`,
				`<li><time datetime="2020-07-30T16:20:00&#43;08:00">2020-07-30</time> <a href="/news/2020/07/foreign-ministers-call/">Chinese and Japanese foreign ministers talked over the phone</a></li>`,
				`<h3 class="archive-month__title">2018年5月</h3>`,
			},
		},
		{
			name: "404", path: "/404.html",
			want: []string{
				`<h1 class="not-found__title">页面未找到</h1>`,
				`<a class="button" href="/">返回首页</a>`,
				`<h2 class="not-found__latest">最新动态</h2>`,
				`<a href="/news/2021/03/tea-workshop/">Tea culture workshop</a>`,
			},
			wantNot: []string{`rel="canonical"`, `hreflang=`, `name="robots"`},
		},
	}, common)
}

func TestPagesEnglish(t *testing.T) {
	ts := newSite(t, newsSources("en", "https://news.example.com/", ""))
	common := append([]string{`<html lang="en">`, "Skip to content"}, footer...)
	checkPages(t, ts, []pageCase{
		{
			name: "article", path: ministers,
			want: []string{
				`<span class="meta__label">Time of issue: </span><time datetime="2020-07-30T16:20:00&#43;08:00">2020-07-30 16:20</time>`,
				`<span class="meta__label">Source: </span>新华社`,
				`<span class="meta__label">Author: </span>王小明`,
				`<span class="post-nav__label">Previous: </span><a href="/news/2019/09/exchange-programme/" rel="prev">Student exchange programme opens</a>`,
				`<span class="post-nav__label">Next: </span><a href="/news/2021/03/tea-workshop/" rel="next">Tea culture workshop</a>`,
				`<a href="https://github.com/bulletin-ssg/bulletin">bulletin</a>`,
			},
			wantNot: []string{"Views", "busuanzi", "waline", "发布时间"},
		},
		{name: "home page 1", path: "/", want: []string{"Latest news", `<span class="pagination__status">Page 1 of 2</span>`, `<span class="badge">Pinned</span>`}},
		{name: "home page 2", path: "/", pager: 2, want: []string{`<title>ClickChina News – Page 2 of 2</title>`, `rel="prev">← Newer</a>`}},
		{name: "section", path: "/news/", want: []string{`<h1 class="list-header__title">公司新闻</h1>`, "RSS feed"}},
		{name: "page", path: "/about/", want: []string{`<h1 class="article__title">About us</h1>`}},
		{name: "taxonomy", path: "/tags/", want: []string{`(2 articles)`}},
		{name: "term", path: "/tags/外交/", want: []string{`<a href="/tags/">Tags</a>`, `2 articles`}},
		{name: "archive", path: "/archives/", want: []string{`<h2 class="archive-year__title" id="archive-2020">2020</h2>`, `<h3 class="archive-month__title">July 2020</h3>`}},
		{name: "404", path: "/404.html", want: []string{`<h1 class="not-found__title">Page not found</h1>`, `Back to home`}},
	}, common)
}

// The views snippet appears on articles exactly when Site.Views asks for
// one, and no page mentions a counter when it is "none".
func TestViews(t *testing.T) {
	tests := []struct {
		settings string
		want     []string
		absent   []string
	}{
		{"views: none\n", nil, []string{"busuanzi", "waline", "浏览量"}},
		{"", nil, []string{"busuanzi", "waline", "浏览量"}},
		{"views: busuanzi\n", []string{`id="busuanzi_value_page_pv"`, "busuanzi.pure.mini.js", "浏览量："}, []string{"waline"}},
		{
			"views: waline\nwaline: {serverURL: https://waline.example.com}\n",
			[]string{
				`<span class="meta__label">浏览量：</span><span class="waline-pageview-count" data-path="/news/2020/07/foreign-ministers-call/"></span>`,
				"@waline/client@v3/dist/pageview.js",
				`pageviewCount({ serverURL: "https://waline.example.com", path: "/news/2020/07/foreign-ministers-call/", update: true });`,
			},
			[]string{"busuanzi"},
		},
	}
	for _, tc := range tests {
		t.Run(strings.TrimSpace(tc.settings), func(t *testing.T) {
			ts := newSite(t, newsSources("zh-CN", "https://news.example.com/", tc.settings))
			th := ts.theme(t, nil)
			for _, p := range ts.AllPages() {
				var pager *site.Paginator
				if p.IsList() {
					pager = p.Pagers[0]
				}
				out, err := pageBytes(th, ts.Site, p, pager, nil)
				if err != nil {
					t.Fatal(err)
				}
				got := string(out)
				for _, bad := range tc.absent {
					if strings.Contains(got, bad) {
						t.Errorf("%s: unexpected %q", p.Path, bad)
					}
				}
				if p.Kind != "article" {
					continue
				}
				for _, want := range tc.want {
					if p.Path == ministers && !strings.Contains(got, want) {
						t.Errorf("%s: missing %s", p.Path, want)
					}
				}
			}
		})
	}
}

// A site under a sub-path: every site link carries the base path once.
func TestPagesUnderBasePath(t *testing.T) {
	ts := newSite(t, newsSources("en", "https://example.com/blog/", ""))
	th := ts.theme(t, nil)
	link := regexp.MustCompile(`(?:href|src|data-path)="(/[^"]*)"`)
	for _, p := range ts.AllPages() {
		for _, pager := range pagersOf(p) {
			out, err := pageBytes(th, ts.Site, p, pager, nil)
			if err != nil {
				t.Fatal(err)
			}
			got := string(out)
			if strings.Contains(got, "/blog/blog/") {
				t.Errorf("%s: doubled base path", p.Path)
			}
			if strings.Contains(got, `"https://example.com/news`) || strings.Contains(got, `"https://example.com/index.xml`) {
				t.Errorf("%s: absolute URL without the base path", p.Path)
			}
			for _, m := range link.FindAllStringSubmatch(got, -1) {
				if !strings.HasPrefix(m[1], "/blog/") && !strings.HasPrefix(m[1], "//") {
					t.Errorf("%s: link %q is not under /blog/", p.Path, m[1])
				}
			}
		}
	}
	got := renderPage(t, ts, ts.page(t, ministers), 1)
	for _, want := range []string{
		`<link rel="canonical" href="https://example.com/blog/news/2020/07/foreign-ministers-call/">`,
		`<link rel="stylesheet" href="/blog/css/style.css">`,
		`<a href="/blog/news/" aria-current="true">News</a>`,
		`<link rel="alternate" type="application/rss+xml" title="ClickChina News" href="https://example.com/blog/index.xml">`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s", want)
		}
	}
}

func pagersOf(p *site.Page) []*site.Paginator {
	if p.IsList() {
		return p.Pagers
	}
	return []*site.Paginator{nil}
}

// A section's footer cascade and an article's own footer reach the page.
func TestFooterOverride(t *testing.T) {
	src := newsSources("zh-CN", "https://news.example.com/", "")
	src["events/_index.md"] = "---\ntitle: 活动\ncascade:\n  footer:\n    icp: 沪ICP备99999999号\n---\n"
	src["news/2021-03-05-tea-workshop.md"] = "---\ntitle: Tea\ndate: 2021-03-05 10:00\nfooter:\n  copyright: Tea text © partner\n  psbURL: https://example.com/psb\n---\nTea.\n"
	ts := newSite(t, src)
	events := renderPage(t, ts, ts.page(t, "/events/notice/"), 1)
	if !strings.Contains(events, `<a href="https://beian.miit.gov.cn/" rel="noopener" target="_blank">沪ICP备99999999号</a>`) ||
		!strings.Contains(events, "鄂公网安备 42010502000001号") {
		t.Errorf("section cascade of footer.icp not applied (or the rest of the footer lost)")
	}
	tea := renderPage(t, ts, ts.page(t, "/news/2021/03/tea-workshop/"), 1)
	for _, want := range []string{"Tea text © partner", `<a href="https://example.com/psb" rel="noopener" target="_blank">`, "鄂ICP备13001903号"} {
		if !strings.Contains(tea, want) {
			t.Errorf("article footer: missing %s", want)
		}
	}
}

// Pages render in parallel from one theme and one graph, and give the
// same bytes as a serial run. Run with -race.
func TestPagesParallelAndDeterministic(t *testing.T) {
	ts := newSite(t, newsSources("zh-CN", "https://news.example.com/", "views: busuanzi\n"))
	th := ts.theme(t, nil)
	type job struct {
		p     *site.Page
		pager *site.Paginator
	}
	var jobs []job
	for _, p := range ts.AllPages() {
		for _, pg := range pagersOf(p) {
			jobs = append(jobs, job{p, pg})
		}
	}
	serial := make([]string, len(jobs))
	for i, j := range jobs {
		out, err := pageBytes(th, ts.Site, j.p, j.pager, nil)
		if err != nil {
			t.Fatal(err)
		}
		serial[i] = string(out)
	}
	// A fresh theme, so kind templates are parsed under contention.
	th2 := ts.theme(t, nil)
	var wg sync.WaitGroup
	for round := range 4 {
		for i, j := range jobs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				out, err := pageBytes(th2, ts.Site, j.p, j.pager, nil)
				if err != nil {
					t.Error(err)
					return
				}
				if string(out) != serial[i] {
					t.Errorf("round %d: %s rendered differently in parallel", round, j.p.Path)
				}
			}()
		}
	}
	wg.Wait()
}

func TestPageErrorNamesSourceAndTemplate(t *testing.T) {
	ts := newSite(t, newsSources("en", "https://news.example.com/", ""))
	layouts := fstest.MapFS{
		"news/article.html": {Data: []byte("{{define \"main\"}}\n<h1>{{.Page.Title}}</h1>\n{{.Page.Nope}}\n{{end}}\n")},
	}
	th := ts.theme(t, layouts)
	_, err := pageBytes(th, ts.Site, ts.page(t, ministers), nil, nil)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"content/news/2020-07-30-foreign-ministers-call.md: ", "layouts/news/article.html:3", "Nope"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
	// A generated page has no source file: the error names its path.
	layouts["archive.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{.Page.Nope}}{{end}}`)}
	th = ts.theme(t, layouts)
	_, err = pageBytes(th, ts.Site, ts.ArchivePage, nil, nil)
	if err == nil || !strings.HasPrefix(err.Error(), "/archives/: ") || !strings.Contains(err.Error(), "layouts/archive.html:1") {
		t.Errorf("generated page error: %v", err)
	}
}

// A site's layouts reach real pages: a section's own article layout and a
// page's layout key.
func TestPageUsesSiteLayouts(t *testing.T) {
	src := newsSources("en", "https://news.example.com/", "")
	src["about.md"] = "---\ntitle: About us\ndate: 2019-06-01\nlayout: plain\n---\nText.\n"
	ts := newSite(t, src)
	th := ts.theme(t, fstest.MapFS{
		"news/article.html":    {Data: []byte(`{{define "main"}}<p>news article {{.Page.Title}}</p>{{end}}`)},
		"plain.html":           {Data: []byte(`{{define "main"}}<p>plain {{.Page.Title}}</p>{{end}}`)},
		"partials/footer.html": {Data: []byte(`<footer>own footer {{.Page.Footer.ICP}}</footer>`)},
	})
	for path, want := range map[string]string{
		ministers:                     "<p>news article Chinese and Japanese foreign ministers talked over the phone</p>",
		"/about/":                     "<p>plain About us</p>",
		"/events/notice/":             `<h1 class="article__title">Notice to visitors</h1>`,
		"/news/2021/03/tea-workshop/": "<footer>own footer 鄂ICP备13001903号</footer>",
	} {
		p := ts.page(t, path)
		out, err := pageBytes(th, ts.Site, p, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(out), want) {
			t.Errorf("%s: missing %s", path, want)
		}
		if strings.Contains(string(out), "site-footer") {
			t.Errorf("%s: the built-in footer was not replaced", path)
		}
	}
}
