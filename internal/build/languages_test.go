package build

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/bulletin-ssg/bulletin/internal/diag/diagtest"
	"github.com/bulletin-ssg/bulletin/internal/i18n"
	"golang.org/x/tools/txtar"
)

// languageSite builds testdata/sites/languages.txtar.
func languageSite(t *testing.T) *memSink {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/sites/languages.txtar")
	if err != nil {
		t.Fatal(err)
	}
	src := fstest.MapFS{}
	for _, f := range ar.Files {
		if strings.HasPrefix(f.Name, "content/") || strings.HasPrefix(f.Name, "layouts/") {
			src[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	sink, err := buildFS(t, src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return sink
}

var (
	alternateRE = regexp.MustCompile(`<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">`)
	canonicalRE = regexp.MustCompile(`<link rel="canonical" href="([^"]+)">`)
	htmlLangRE  = regexp.MustCompile(`<html lang="([^"]+)">`)
	switcherRE  = regexp.MustCompile(`(?s)<nav class="lang-switch"[^>]*>(.*?)</nav>`)
	switchRE    = regexp.MustCompile(`<a href="([^"]+)" hreflang="([^"]+)" lang="([^"]+)">`)
)

// TestHreflangReciprocal: every page of the three-language site that
// lists versions lists itself, and every version it lists is a page that
// lists exactly the same versions; x-default is the default language's.
func TestHreflangReciprocal(t *testing.T) {
	sink := languageSite(t)
	const base = "https://news.example.com/"
	alternates := map[string]map[string]string{} // page URL -> hreflang -> URL
	for name, data := range sink.files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		c := canonicalRE.FindSubmatch(data)
		if c == nil {
			continue // the 404 pages
		}
		alts := map[string]string{}
		for _, m := range alternateRE.FindAllSubmatch(data, -1) {
			alts[string(m[1])] = string(m[2])
		}
		alternates[string(c[1])] = alts
		lang := string(htmlLangRE.FindSubmatch(data)[1])
		if len(alts) == 0 {
			continue
		}
		if alts[lang] != string(c[1]) {
			t.Errorf("%s: its own version (%s) is not among %v", name, lang, alts)
		}
		if def, ok := alts["x-default"]; ok && !slices.Contains(slices.Collect(maps.Values(alts)), def) {
			t.Errorf("%s: x-default %s is none of its versions", name, def)
		}
	}
	linked := 0
	for page, alts := range alternates {
		for lang, url := range alts {
			linked++
			other, ok := alternates[url]
			if !ok {
				t.Errorf("%s lists %s (%s), which is no page", page, url, lang)
				continue
			}
			if !maps.Equal(other, alts) {
				t.Errorf("%s lists %v, its %s version %s lists %v", page, alts, lang, url, other)
			}
		}
		if _, ok := alts["zh-CN"]; ok && alts["x-default"] != alts["zh-CN"] {
			t.Errorf("%s: x-default %q, want the zh-CN version %q", page, alts["x-default"], alts["zh-CN"])
		}
	}
	if linked < 40 {
		t.Errorf("only %d alternate links checked", linked)
	}
	// A page without translations lists none.
	if alts := alternates[base+"en/news/2024/only-english/"]; len(alts) != 0 {
		t.Errorf("an untranslated page lists %v", alts)
	}
	// translationKey pairs pages of different names.
	if got := alternates[base+"news/2024/forum/"]["en"]; got != base+"en/news/2024/culture-forum/" {
		t.Errorf("the forum's English version: %q", got)
	}
}

// TestLanguageSwitcher: every page's header links each other language,
// to the page's translation in it or else to that language's home, and
// each link is a page of the site.
func TestLanguageSwitcher(t *testing.T) {
	sink := languageSite(t)
	homes := map[string]string{"zh-CN": "/", "en": "/en/", "ja": "/ja/"}
	for name, data := range sink.files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		lang := string(htmlLangRE.FindSubmatch(data)[1])
		nav := switcherRE.FindSubmatch(data)
		if nav == nil {
			t.Errorf("%s has no language switcher", name)
			continue
		}
		alts := map[string]string{}
		for _, m := range alternateRE.FindAllSubmatch(data, -1) {
			alts[string(m[1])] = strings.TrimPrefix(string(m[2]), "https://news.example.com")
		}
		var got []string
		for _, m := range switchRE.FindAllSubmatch(nav[1], -1) {
			href, hreflang := string(m[1]), string(m[2])
			got = append(got, hreflang)
			if string(m[3]) != hreflang {
				t.Errorf("%s: the %s link's lang is %s", name, hreflang, m[3])
			}
			want := alts[hreflang]
			if want == "" {
				want = homes[hreflang]
			}
			if href != want {
				t.Errorf("%s: the %s link goes to %s, want %s", name, hreflang, href, want)
			}
			if _, ok := sink.files[strings.TrimPrefix(href, "/")+"index.html"]; !ok {
				t.Errorf("%s: the %s link goes to %s, which is no page", name, hreflang, href)
			}
		}
		var want []string
		for _, l := range []string{"zh-CN", "en", "ja"} {
			if l != lang {
				want = append(want, l)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s (%s) links %v, want %v", name, lang, got, want)
		}
	}
}

func TestReadWords(t *testing.T) {
	for _, tc := range []struct {
		files map[string]string
		err   string
		word  [3]string // language, key, the word
	}{
		{map[string]string{}, "", [3]string{"en", "views", "Views"}},
		{map[string]string{"layouts/i18n/en.yaml": "views: Reads\n", "layouts/i18n/README.md": "notes"}, "", [3]string{"en", "views", "Reads"}},
		{map[string]string{"layouts/i18n/zh-TW.yml": "views: 閱讀\n"}, "", [3]string{"zh-TW", "views", "閱讀"}},
		{map[string]string{"layouts/i18n/english.yaml": "views: Reads\n"}, "layouts/i18n/english.yaml: name it after a language tag", [3]string{}},
		{map[string]string{"layouts/i18n/en.yaml": "views:\n  one: Read\n"}, "layouts/i18n/en.yaml:2:3: views: want the word as text", [3]string{}},
		{map[string]string{"layouts/i18n/en.yaml": "views: [\n"}, "layouts/i18n/en.yaml:2:1:", [3]string{}},
	} {
		fsys := fstest.MapFS{}
		for name, text := range tc.files {
			fsys[name] = &fstest.MapFile{Data: []byte(text)}
		}
		own, err := readWords(fsys)
		words := i18n.NewSet(own)
		if tc.err != "" {
			if err == nil || !strings.Contains(diagtest.Slashed(err.Error()), tc.err) {
				t.Errorf("%v: error %v, want %q", tc.files, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%v: %v", tc.files, err)
			continue
		}
		if got := words.Word(tc.word[0], tc.word[1]); got != tc.word[2] {
			t.Errorf("%v: %s %s = %q, want %q", tc.files, tc.word[0], tc.word[1], got, tc.word[2])
		}
	}
}

// TestLaterListPageAddress: a list's later page gives its own address as
// canonical and og:url (the first page's would tell search engines to
// drop it), and names no translations, which are known by their first
// pages only; the first page keeps both.
func TestLaterListPageAddress(t *testing.T) {
	const base = "https://news.example.com/"
	src := fstest.MapFS{
		"content/_index.md":    {Data: []byte("---\ntitle: 新闻\nbaseURL: " + base + "\nlanguage: zh-CN\npaginate: 1\nlanguages:\n  en: {title: News}\n---\n")},
		"content/_index.en.md": {Data: []byte("---\ntitle: News\n---\n")},
		"content/news/a.md":    {Data: []byte("---\ntitle: 甲\ndate: 2020-07-30\n---\n甲。\n")},
		"content/news/b.md":    {Data: []byte("---\ntitle: 乙\ndate: 2020-07-31\n---\n乙。\n")},
	}
	sink, err := buildFS(t, src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ogURLRE := regexp.MustCompile(`<meta property="og:url" content="([^"]+)">`)
	for _, tt := range []struct {
		file, url  string
		alternates int
	}{
		{"index.html", base, 3},
		{"page/2/index.html", base + "page/2/", 0},
		{"news/index.html", base + "news/", 0},
		{"news/page/2/index.html", base + "news/page/2/", 0},
	} {
		data, ok := sink.files[tt.file]
		if !ok {
			t.Errorf("no %s", tt.file)
			continue
		}
		for what, re := range map[string]*regexp.Regexp{"canonical": canonicalRE, "og:url": ogURLRE} {
			if m := re.FindSubmatch(data); m == nil || string(m[1]) != tt.url {
				t.Errorf("%s: %s %s, want %s", tt.file, what, re.Find(data), tt.url)
			}
		}
		if n := len(alternateRE.FindAll(data, -1)); n != tt.alternates {
			t.Errorf("%s: %d hreflang alternates, want %d", tt.file, n, tt.alternates)
		}
	}
}
