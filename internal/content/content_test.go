package content

import (
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/bulletin-ssg/bulletin/internal/config"
	"github.com/bulletin-ssg/bulletin/internal/diag/diagtest"
	"github.com/bulletin-ssg/bulletin/internal/frontmatter"
	"golang.org/x/text/unicode/norm"
)

func settings(t *testing.T) *config.Settings {
	t.Helper()
	m, _ := frontmatter.Parse([]byte("---\ntimezone: Asia/Shanghai\n---\n"))
	s, err := config.Parse("content/_index.md", m, "")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func page(t *testing.T, rel, src string, cascade ...map[string]any) (*Page, error) {
	t.Helper()
	m, err := frontmatter.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return New("content/"+rel, rel, m, Options{Settings: settings(t), Cascade: cascade})
}

func TestClassify(t *testing.T) {
	tests := []struct{ rel, kind, section string }{
		{"_index.md", KindHome, ""},
		{"about.md", KindPage, ""},
		{"news/_index.md", KindSection, "news"},
		{"news/press/_index.md", KindSection, "news"},
		{"news/press/2024/_index.md", KindSection, "news"},
		{"news/press/a.md", KindArticle, "news"},
		{"news/a.md", KindArticle, "news"},
		{"news/2024/a.md", KindArticle, "news"},
		{"news/launch/index.md", KindArticle, "news"},
		{"news/2013-05-06-post.markdown", KindArticle, "news"},
		{"about.markdown", KindPage, ""},
	}
	for _, tt := range tests {
		k, s := Classify(tt.rel)
		if k != tt.kind || s != tt.section {
			t.Errorf("Classify(%q) = %q, %q; want %q, %q", tt.rel, k, s, tt.kind, tt.section)
		}
	}
}

func TestIsMarkdown(t *testing.T) {
	tests := map[string]bool{
		"news/a.md": true, "news/a.markdown": true, "news/A.MD": true, "news/a.Markdown": true,
		"news/a.txt": false, "news/a.mdx": false, "news/a.md.bak": false, "news/md": false, "news/a.mkd": false,
	}
	for name, want := range tests {
		if got := IsMarkdown(name); got != want {
			t.Errorf("IsMarkdown(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestBundleOfMarkdownSuffix(t *testing.T) {
	p, err := page(t, "news/launch/index.markdown", "---\ntitle: t\ndate: 2020-01-01\n---\n")
	if err != nil {
		t.Fatal(err)
	}
	if p.BundleDir != "news/launch" || p.Slug != "launch" {
		t.Errorf("bundle %q slug %q, want news/launch and launch", p.BundleDir, p.Slug)
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ rel, front, want string }{
		{"news/2020-07-30-foreign-ministers-call.md", "", "foreign-ministers-call"},
		{"news/2023-06-01-端午节活动.md", "", "端午节活动"},
		{"news/Hello World.md", "", "hello-world"},
		{"news/2024-05-20-new-office/index.md", "", "new-office"},
		{"news/2020-07-30.md", "", "2020-07-30"},
		{"news/2020-07-30-.md", "", "2020-07-30"},
		{"news/2020-7-30-x.md", "", "2020-7-30-x"},
		{"news/20200-07-30-x.md", "", "20200-07-30-x"},
		{"news/2020_07_30-x.md", "", "2020_07_30-x"},
		{"news/２０２０-07-30-x.md", "", "２０２０-07-30-x"},
		{"news/a.md", "slug: 公司 新闻", "公司-新闻"},
		{"news/a.md", "slug: Launch_Day.2", "launch_day.2"},
	}
	for _, tt := range tests {
		p, err := page(t, tt.rel, "---\ntitle: t\ndate: 2020-01-01\n"+tt.front+"\n---\n")
		if err != nil {
			t.Errorf("%s: %v", tt.rel, err)
			continue
		}
		if p.Slug != tt.want {
			t.Errorf("slug of %s (%s) = %q, want %q", tt.rel, tt.front, p.Slug, tt.want)
		}
	}
}

func TestSlugify(t *testing.T) {
	tests := map[string]string{
		"Hello, World!":      "hello-world",
		"  C++ / Go  ":       "c-go",
		"公司新闻":               "公司新闻",
		"Ünïcode Straße":     "ünïcode-straße",
		"--a--b--":           "a-b",
		"...":                "",
		"Japanese–Chinese":   "japanesechinese",
		"v1.2 release_notes": "v1.2-release_notes",
	}
	for in, want := range tests {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFrontMatterKeys(t *testing.T) {
	src := `---
title: 中日外长通电话
date: 2020-07-30 16:20
lastmod: 2020-07-31
publishDate: 2020-07-30
expiryDate: 2030-01-01
draft: true
slug: call
url: /special/call/
aliases: [/old/1.html, /old/2/]
summary: 短摘要
description: 描述
tags: [外交, 中日]
categories: 新闻
author: 记者
source: 新华社
cover: cover.jpg
pinned: true
weight: 3
layout: wide
footer: {icp: X}
extra: {a: 1}
---
body`
	p, err := page(t, "news/2020-07-30-call.md", src)
	if err != nil {
		t.Fatal(err)
	}
	sh, _ := time.LoadLocation("Asia/Shanghai")
	if !p.Date.Equal(time.Date(2020, 7, 30, 16, 20, 0, 0, sh)) || p.Date.Location().String() != "Asia/Shanghai" {
		t.Errorf("date = %v", p.Date)
	}
	if !p.Lastmod.Equal(time.Date(2020, 7, 31, 0, 0, 0, 0, sh)) || p.ExpiryDate.Year() != 2030 || p.PublishDate.IsZero() {
		t.Errorf("dates: %v %v %v", p.Lastmod, p.ExpiryDate, p.PublishDate)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"title", p.Title, "中日外长通电话"}, {"draft", p.Draft, true}, {"slug", p.Slug, "call"},
		{"url", p.URL, "/special/call/"}, {"aliases", strings.Join(p.Aliases, ","), "/old/1.html,/old/2/"},
		{"summary", p.Summary, "短摘要"}, {"description", p.Description, "描述"},
		{"tags", strings.Join(p.TagNames, ","), "外交,中日"}, {"categories", strings.Join(p.CategoryNames, ","), "新闻"},
		{"author", p.Author, "记者"}, {"source", p.Source, "新华社"}, {"cover", p.Cover, "cover.jpg"},
		{"pinned", p.Pinned, true}, {"weight", p.Weight, 3}, {"layout", p.Layout, "wide"},
		{"footer", p.FooterFields["icp"], "X"}, {"params", p.Params["extra"].(map[string]any)["a"], int64(1)},
		{"body", string(p.Body), "body"}, {"bodyLine", p.BodyLine, 24},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

func TestCascade(t *testing.T) {
	section := map[string]any{"author": "新闻中心", "footer": map[string]any{"icp": "A", "copyright": "C"}, "banner": "x"}
	home := map[string]any{"author": "ignored", "region": "cn"}
	p, err := page(t, "news/a.md", "---\ntitle: t\ndate: 2020-01-01\nbanner: own\nfooter: {icp: B}\n---\n", section, home)
	if err != nil {
		t.Fatal(err)
	}
	if p.Author != "新闻中心" || p.Params["banner"] != "own" || p.Params["region"] != "cn" {
		t.Errorf("cascade: author %q banner %v region %v", p.Author, p.Params["banner"], p.Params["region"])
	}
	if p.FooterFields["icp"] != "B" || p.FooterFields["copyright"] != "C" {
		t.Errorf("footer = %v, want own icp and cascaded copyright", p.FooterFields)
	}
	if _, ok := section["footer"].(map[string]any)["copyright"]; !ok || section["footer"].(map[string]any)["icp"] != "A" {
		t.Error("cascade map was modified")
	}
}

// TestCascadeChain: a page takes the cascades of the _index.md files
// above it, nearest first, passing over folders without one; a
// section's page takes those above its own folder.
func TestCascadeChain(t *testing.T) {
	home, news, press, deep := map[string]any{"a": "home"}, map[string]any{"a": "news"}, map[string]any{"a": "press"}, map[string]any{"a": "deep"}
	cascades := map[string]map[string]any{"": home, "news": news, "news/press": press, "news/press/2024/deep": deep}
	tests := []struct {
		rel  string
		want []map[string]any
	}{
		{"_index.md", nil},
		{"about.md", []map[string]any{home}},
		{"news/_index.md", []map[string]any{home}},
		{"news/a.md", []map[string]any{news, home}},
		{"news/2024/a.md", []map[string]any{news, home}},
		{"news/press/_index.md", []map[string]any{news, home}},
		{"news/press/a.md", []map[string]any{press, news, home}},
		{"news/press/launch/index.md", []map[string]any{press, news, home}},
		{"news/press/2024/deep/_index.md", []map[string]any{press, news, home}},
		{"news/press/2024/deep/a.md", []map[string]any{deep, press, news, home}},
		{"events/a.md", []map[string]any{home}},
		{"_index.en.md", nil},
		{"news/press/_index.en.md", []map[string]any{news, home}},
		{"news/press/a.en.md", []map[string]any{press, news, home}},
	}
	for _, tt := range tests {
		got := CascadeChain(tt.rel, func(folder string) map[string]any { return cascades[folder] })
		if len(got) != len(tt.want) {
			t.Errorf("%s: %v, want %v", tt.rel, got, tt.want)
			continue
		}
		for i := range got {
			if got[i]["a"] != tt.want[i]["a"] {
				t.Errorf("%s: %v, want %v", tt.rel, got, tt.want)
				break
			}
		}
	}
	for rel, want := range map[string]string{"_index.md": "", "news/_index.md": "news", "news/press/_index.md": "news/press"} {
		if got := SectionFolder(rel); got != want {
			t.Errorf("SectionFolder(%q) = %q, want %q", rel, got, want)
		}
	}
}

// A sub-section's page takes the cascade of the sections above it, and
// keeps its own cascade for the pages below it.
func TestSubSectionCascade(t *testing.T) {
	p, err := page(t, "news/press/_index.md", "---\ntitle: Press\ncascade: {author: Press office}\n---\n", map[string]any{"author": "Newsroom", "banner": "x"})
	if err != nil {
		t.Fatal(err)
	}
	if p.Kind != KindSection || p.Section != "news" || p.Author != "Newsroom" || p.Params["banner"] != "x" || p.Cascade["author"] != "Press office" {
		t.Errorf("kind %q section %q author %q params %v cascade %v", p.Kind, p.Section, p.Author, p.Params, p.Cascade)
	}
}

// An article without a date takes its file name's day, as Hugo's
// :filename does; a date in the front matter wins.
func TestDateFromFileName(t *testing.T) {
	sh, _ := time.LoadLocation("Asia/Shanghai")
	tests := []struct {
		rel, front string
		want       time.Time
	}{
		{"news/2020-07-30-call.md", "", time.Date(2020, 7, 30, 0, 0, 0, 0, sh)},
		{"news/2024/2024-05-20-launch/index.md", "", time.Date(2024, 5, 20, 0, 0, 0, 0, sh)},
		{"news/2020-07-30-call.md", "date: 2021-01-02 10:00\n", time.Date(2021, 1, 2, 10, 0, 0, 0, sh)},
	}
	for _, tt := range tests {
		p, err := page(t, tt.rel, "---\ntitle: t\n"+tt.front+"---\n")
		if err != nil {
			t.Errorf("%s: %v", tt.rel, err)
			continue
		}
		if !p.Date.Equal(tt.want) || p.Date.Location().String() != tt.want.Location().String() {
			t.Errorf("%s: date %v, want %v", tt.rel, p.Date, tt.want)
		}
		if !p.Lastmod.Equal(p.Date) {
			t.Errorf("%s: lastmod %v, want the date", tt.rel, p.Lastmod)
		}
	}
}

func TestPageErrors(t *testing.T) {
	tests := []struct{ rel, src, want string }{
		{"news/a.md", "---\ntitle: t\ndate: 2020-13-01\n---\n", `content/news/a.md:3:7: date "2020-13-01": month out of range`},
		{"news/a.md", "---\ntitle: t\n---\n", "content/news/a.md:1:1: date: required (the time of issue, such as 2020-07-30 16:20)"},
		{"news/2020-7-30-a.md", "---\ntitle: t\n---\n", "content/news/2020-7-30-a.md:1:1: date: required (the time of issue, such as 2020-07-30 16:20)"},
		{"news/2020-02-30-a.md", "---\ntitle: t\n---\n", `content/news/2020-02-30-a.md:1:1: date: required (the time of issue, such as 2020-07-30 16:20); the file name's is no date: date "2020-02-30": day out of range`},
		{"news/a.md", "---\ndate: 2020-01-01\n---\n", "content/news/a.md:1:1: title: required"},
		{"news/a.md", "---\ntitle: t\ndate: 2020-01-01\nurl: /../../etc/\n---\n", `content/news/a.md:4:6: url "/../../etc/": must not contain . or .. segments`},
		{"news/a.md", "---\ntitle: t\ndate: 2020-01-01\nurl: news/x\n---\n", "must start with /"},
		{"news/a.md", "---\ntitle: t\ndate: 2020-01-01\naliases: [/a/../../b]\n---\n", `alias "/a/../../b"`},
		{"news/a.md", "---\ntitle: t\ndate: 2020-01-01\nslug: ../x\n---\n", `slug "../x"`},
		{"news/a.md", "---\ntitle: t\ndate: 2020-01-01\ntags: {a: 1}\ndraft: yes please\n---\n", "tags: want a list"},
		{"news/a.md", "---\ntitle: t\ndate: 2020-01-01\ndraft: maybe\n---\n", `content/news/a.md:4:8: draft: want true or false, got text "maybe"`},
		{"news/a.md", "---\ntitle: t\ndate: 2020-01-01\n---\nok\nab\xff", "content/news/a.md:6:3: text is not valid UTF-8"},
		{"news/_index.markdown", "---\ntitle: t\n---\n", "content/news/_index.markdown:1:1: rename it _index.md: the settings and a section's page are read from _index.md alone"},
		{"_index.markdown", "---\ntitle: t\n---\n", "content/_index.markdown:1:1: rename it _index.md"},
	}
	for _, tt := range tests {
		_, err := page(t, tt.rel, tt.src)
		if err == nil || !strings.Contains(diagtest.Slashed(err.Error()), tt.want) {
			t.Errorf("%q: err = %v, want %q", tt.src, err, tt.want)
		}
	}
}

func TestPublished(t *testing.T) {
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	past, future := now.Add(-time.Hour), now.Add(time.Hour)
	tests := []struct {
		name                   string
		p                      Page
		drafts, fut, exp, want bool
	}{
		{"plain", Page{Date: past}, false, false, false, true},
		{"draft", Page{Date: past, Draft: true}, false, false, false, false},
		{"draft shown", Page{Date: past, Draft: true}, true, false, false, true},
		{"future date", Page{Date: future}, false, false, false, false},
		{"future shown", Page{Date: future}, false, true, false, true},
		{"future publishDate", Page{Date: past, PublishDate: future}, false, false, false, false},
		{"past publishDate wins", Page{Date: future, PublishDate: past}, false, false, false, true},
		{"expired", Page{Date: past, ExpiryDate: past}, false, false, false, false},
		{"expired shown", Page{Date: past, ExpiryDate: past}, false, false, true, true},
		{"not yet expired", Page{Date: past, ExpiryDate: future}, false, false, false, true},
	}
	for _, tt := range tests {
		if got := tt.p.Published(now, tt.drafts, tt.fut, tt.exp); got != tt.want {
			t.Errorf("%s: got %v", tt.name, got)
		}
	}
}

// FuzzTrimDatePrefix holds TrimDatePrefix to the regular expression it
// replaced.
func FuzzTrimDatePrefix(f *testing.F) {
	re := regexp.MustCompile(`^\d{4}-\d{2}-\d{2}-`)
	for _, s := range []string{"2020-07-30-a", "2020-07-30-", "2020-07-30", "2020-7-30-a", "１２３４-56-78-x", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if got, want := TrimDatePrefix(name), re.ReplaceAllString(name, ""); got != want {
			t.Errorf("TrimDatePrefix(%q) = %q, the expression gives %q", name, got, want)
		}
	})
}

// TestPlainlyNFC: every character plainlyNFC accepts is in normal form C
// and starts a segment (nothing reorders or composes with what is before
// it), and no two of them compose into one, so every string of them is
// in normal form C; what it refuses is left to norm.
func TestPlainlyNFC(t *testing.T) {
	accepted := 0
	for r := rune(0); r <= 0x10FFFF; r++ {
		s := string(r)
		if !utf8.ValidString(s) {
			continue
		}
		if d := []rune(norm.NFD.String(s)); len(d) == 2 && plainlyNFC(string(d[0])) && plainlyNFC(string(d[1])) {
			t.Errorf("%U composes of %U and %U, both accepted", r, d[0], d[1])
		}
		if !plainlyNFC(s) {
			continue
		}
		accepted++
		p := norm.NFC.PropertiesString(s)
		if !norm.NFC.IsNormalString(s) || p.CCC() != 0 || !p.BoundaryBefore() {
			t.Errorf("%U is accepted but reorders, composes or is not NFC", r)
		}
	}
	if accepted < 20000 {
		t.Errorf("only %d characters accepted", accepted)
	}
	for _, tc := range []struct {
		in    string
		plain bool
	}{
		{"公司新闻 2026", true},
		{"《汉江》“文化”交流：第一期！", true},
		{"Cafe\u0301", false}, // e + combining acute: norm decides
		{"한국어", false},
		{"\xff", false},
	} {
		if got := plainlyNFC(tc.in); got != tc.plain {
			t.Errorf("plainlyNFC(%q) = %v, want %v", tc.in, got, tc.plain)
		}
		if got, want := nfc(tc.in), norm.NFC.String(tc.in); got != want {
			t.Errorf("nfc(%q) = %q, want %q", tc.in, got, want)
		}
	}
}

func TestLanguages(t *testing.T) {
	settings := func(src string) *config.Settings {
		m, err := frontmatter.Parse([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		s, err := config.Parse("content/_index.md", m, "")
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	multi := settings("---\nlanguage: zh-CN\nlanguages:\n  en: {}\n  ja: {}\n  zh-TW: {}\n---\n")
	single := settings("---\nlanguage: zh-CN\n---\n")
	for _, tc := range []struct {
		site                 *config.Settings
		rel, matter          string
		key, lang, slug, err string
	}{
		{multi, "news/a.md", "", "news/a.md", "zh-CN", "a", ""},
		{multi, "news/2024-05-01-launch.en.md", "", "news/2024-05-01-launch.md", "en", "launch", ""},
		{multi, "news/a.zh-tw.md", "", "news/a.md", "zh-TW", "a", ""},
		{multi, "news/a.ZH-CN.md", "", "news/a.md", "zh-CN", "a", ""},
		{multi, "news/v1.2.md", "", "news/v1.2.md", "zh-CN", "v1.2", ""},
		{multi, "news/launch/index.ja.md", "", "news/launch/index.md", "ja", "launch", ""},
		{multi, "news/_index.en.md", "", "news/_index.md", "en", "", ""},
		{multi, "news/a.md", "lang: EN\n", "news/a.md", "en", "a", ""},
		{multi, "news/a.ja.md", "lang: en\n", "", "", "", "lang: en, but the file's name says ja"},
		{multi, "news/a.md", "lang: fr\n", "", "", "", "lang: fr is not one of the site's languages (zh-CN, en, ja, zh-TW)"},
		{single, "news/a.en.md", "", "news/a.en.md", "zh-CN", "a.en", ""},
		{single, "news/a.md", "lang: en-GB\n", "news/a.md", "en-GB", "a", ""},
		{single, "news/a.md", "lang: english\n", "", "", "", `lang: "english" is not a language tag`},
	} {
		src := "---\ntitle: T\ndate: 2024-05-01\n" + tc.matter + "---\nBody\n"
		if strings.Contains(tc.rel, "_index") {
			src = "---\ntitle: T\n---\n"
		}
		m, err := frontmatter.Parse([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		p, err := New("content/"+tc.rel, tc.rel, m, Options{Settings: tc.site})
		if tc.err != "" {
			if err == nil || !strings.Contains(diagtest.Slashed(err.Error()), tc.err) {
				t.Errorf("%s %q: error %v, want %q", tc.rel, tc.matter, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.rel, err)
			continue
		}
		if p.Key != tc.key || p.Lang != tc.lang || p.Path != tc.rel || (tc.slug != "" && p.Slug != tc.slug) {
			t.Errorf("%s %q: key %q lang %q slug %q, want %q %q %q", tc.rel, tc.matter, p.Key, p.Lang, p.Slug, tc.key, tc.lang, tc.slug)
		}
	}
}
