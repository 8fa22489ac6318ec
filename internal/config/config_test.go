package config

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/bulletin-ssg/bulletin/internal/diag/diagtest"
	"github.com/bulletin-ssg/bulletin/internal/frontmatter"
	"github.com/bulletin-ssg/bulletin/internal/images"
)

func parse(t *testing.T, src, baseURL string) (*Settings, error) {
	t.Helper()
	m, err := frontmatter.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return Parse("content/_index.md", m, baseURL)
}

func TestDefaults(t *testing.T) {
	s, err := parse(t, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if s.BaseURL != DefaultBaseURL || s.BasePath != "/" || s.Language != "en" || s.Paginate != 10 ||
		s.Timezone != "UTC" || s.Views != "none" || s.Comments != "none" || s.Params["poweredBy"] != true || s.HTMLTemplateOnly {
		t.Errorf("defaults: %+v", s)
	}
}

func TestSettings(t *testing.T) {
	src := `---
title: ClickChina News
baseURL: https://news.example.com/blog
language: zh-CN
timezone: Asia/Shanghai
paginate: 5
permalinks:
  news: /news/:year/:month/:slug/
company:
  name: ClickChina
  address: Wuhan
footer:
  icp: 鄂ICP备13001903号
views: busuanzi
comments: waline
waline: {serverURL: https://c.example.com}
menu:
  - {name: News, url: /news/}
custom: 7
htmlTemplateOnly: true
---
`
	s, err := parse(t, src, "")
	if err != nil {
		t.Fatal(err)
	}
	if s.BaseURL != "https://news.example.com/blog/" || s.BasePath != "/blog/" {
		t.Errorf("base = %q %q", s.BaseURL, s.BasePath)
	}
	if s.Zone.String() != "Asia/Shanghai" || s.Paginate != 5 || s.Permalinks["news"] != "/news/:year/:month/:slug/" {
		t.Errorf("got %+v", s)
	}
	if s.Company.Name != "ClickChina" || s.Views != "busuanzi" || s.Waline.ServerURL != "https://c.example.com" {
		t.Errorf("got %+v", s)
	}
	if len(s.Menu) != 1 || s.Menu[0].URL != "/news/" || s.Params["custom"] != int64(7) || !s.HTMLTemplateOnly {
		t.Errorf("menu/params: %+v %v", s.Menu, s.Params["custom"])
	}
	o, _ := parse(t, src, "https://staging.example.com")
	if o.BaseURL != "https://staging.example.com/" {
		t.Errorf("override = %q", o.BaseURL)
	}
}

func TestSettingsErrors(t *testing.T) {
	src := "---\ntimezone: Mars/Base\npaginate: 0\nviews: counter\npermalinks:\n  news: /news/:yyyy/\nbaseURL: news\nmenu:\n  - {name: x}\ncompany:\n  name: [a, b]\n---\n"
	_, err := parse(t, src, "")
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		`content/_index.md:2:11: timezone "Mars/Base": unknown zone`,
		`content/_index.md:3:11: paginate: want a whole number of 1 or more`,
		`content/_index.md:4:8: views: "counter" is not one of none, busuanzi, waline`,
		`content/_index.md:6:9: permalinks.news: unknown token ":yyyy"`,
		`content/_index.md:7:10: baseURL: base URL "news"`,
		`content/_index.md:9:3: menu: every entry needs a name and a url`,
		`content/_index.md:11:9: company.name: want text, got a list`,
	} {
		if !strings.Contains(diagtest.Slashed(err.Error()), want) {
			t.Errorf("missing %q in\n%v", want, err)
		}
	}
}

func TestResolveFooter(t *testing.T) {
	tests := []struct {
		in   map[string]any
		want Footer
	}{
		{map[string]any{"icp": "鄂ICP备13001903号", "psb": "鄂公网安备 42010502000001号", "copyright": "© {year} X"},
			Footer{ICP: "鄂ICP备13001903号", ICPURL: ICPURL, PSB: "鄂公网安备 42010502000001号",
				PSBURL: "https://beian.mps.gov.cn/#/query/webSearch?code=42010502000001", Copyright: "© 2026 X", PoweredBy: true}},
		{map[string]any{"psb": "x 1", "psbURL": "https://example.com/p", "poweredBy": false},
			Footer{ICPURL: ICPURL, PSB: "x 1", PSBURL: "https://example.com/p"}},
	}
	for _, tt := range tests {
		got := ResolveFooter(tt.in, true, 2026)
		got.Params = nil
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ResolveFooter(%v) =\n%+v, want\n%+v", tt.in, got, tt.want)
		}
	}
}

func TestLanguages(t *testing.T) {
	s, err := parse(t, `---
title: 汉江文化交流新闻
language: zh-CN
timezone: Asia/Shanghai
company: {name: 汉江文化交流有限公司, address: 武汉市, phone: "027-1234"}
footer: {icp: 鄂ICP备12345678号, copyright: "© {year}"}
params: {motto: 交流, color: red}
languages:
  en:
    title: Hanjiang Cultural Exchange News
    company: {name: Hanjiang Cultural Exchange Co., address: Wuhan}
    params: {motto: Exchange}
    requireTranslations: true
  ja: {title: 漢江文化交流ニュース, paginate: 5}
  zh-TW: {}
---
`, "")
	if err != nil {
		t.Fatal(err)
	}
	if s.Multilingual() != true || len(s.Languages) != 3 {
		t.Fatalf("languages: %+v", s.Languages)
	}
	en, ja, tw := s.Languages[0], s.Languages[1], s.Languages[2]
	if en.Language != "en" || ja.Language != "ja" || tw.Language != "zh-TW" {
		t.Errorf("order: %s %s %s, want as written", en.Language, ja.Language, tw.Language)
	}
	if en.Title != "Hanjiang Cultural Exchange News" || en.Company.Name != "Hanjiang Cultural Exchange Co." ||
		en.Company.Address != "Wuhan" || en.Company.Phone != "027-1234" {
		t.Errorf("en: merged wrong: %+v", en)
	}
	if p, _ := en.Params["params"].(map[string]any); p["motto"] != "Exchange" || p["color"] != "red" || en.Zone.String() != "Asia/Shanghai" {
		t.Errorf("en params or zone: %v %v", en.Params, en.Zone)
	}
	if !en.RequireTranslations || ja.RequireTranslations || s.RequireTranslations {
		t.Error("requireTranslations is per language")
	}
	if ja.Paginate != 5 || s.Paginate != 10 || ja.Title != "漢江文化交流ニュース" || tw.Title != s.Title {
		t.Errorf("ja %d %q, zh-CN %d, zh-TW %q", ja.Paginate, ja.Title, s.Paginate, tw.Title)
	}
	for _, l := range s.Languages {
		if l.Languages != nil || l.BaseURL != s.BaseURL {
			t.Errorf("%s: languages %v, base URL %q", l.Language, l.Languages, l.BaseURL)
		}
	}
	if got := s.LanguagePrefix(s); got != "" {
		t.Errorf("default prefix %q", got)
	}
	if got := s.LanguagePrefix(tw); got != "/zh-tw" {
		t.Errorf("zh-TW prefix %q", got)
	}
	s.DefaultLanguageInSubdir = true
	if got := s.LanguagePrefix(s); got != "/zh-cn" {
		t.Errorf("default prefix in a subfolder %q", got)
	}
}

func TestLanguageErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"language: zh-CN\nlanguages:\n  zh-cn: {}\n", "content/_index.md:4:10: languages: zh-cn is the default language"},
		{"languages:\n  english: {}\n", `languages: "english" is not a language tag`},
		{"languages:\n  en: {}\n  ja: {}\n  EN: {}\n", "is the default language"},
		{"language: zh\nlanguages:\n  ja: {}\n  JA: {}\n", "languages: JA is listed twice"},
		{"languages:\n  ja: {baseURL: https://ja.example.com/}\n", "content/_index.md:3:17: languages.ja.baseURL: baseURL is one for the whole site"},
		{"languages:\n  ja: {paginate: 0}\n", "content/_index.md:3:18: paginate: want a whole number"},

		{"languages:\n  ja: 3\n", "languages.ja: want a mapping"},
		{"requireTranslations: true\n", "set it for a language under languages:"},
		{"languages:\n  ja: {requireTranslations: sure}\n", "content/_index.md:3:29: requireTranslations: want true or false"},
	} {
		_, err := parse(t, "---\n"+tc.src+"---\n", "")
		if err == nil || !strings.Contains(diagtest.Slashed(err.Error()), tc.want) {
			t.Errorf("%q: got %v, want %q", tc.src, err, tc.want)
		}
	}
}

// FuzzSettings: settings of any shape, languages: above all, parse
// without panicking, and the languages they give are valid, distinct
// tags with distinct roots.
func FuzzSettings(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: T\nlanguage: zh-CN\nlanguages:\n  en: {title: E, company: {name: C}}\n  ja: {}\n---\n",
		"---\nlanguages:\n  en: 3\n  EN: {}\n  zh-Hant-TW: {footer: {icp: x}}\n---\n",
		"---\nlanguages: [en, ja]\n---\n",
		"---\nlanguage: en\nlanguages:\n  en: {}\n  x: {baseURL: http://a/}\n---\n",
		"+++\nlanguage = \"ja\"\n[languages.en]\ntitle = \"E\"\npaginate = 0\n+++\n",
		"---\ndeploy:\n  targets: [{name: prod, url: \"s3://b/p?region=x\", cdn: {provider: aliyun}}]\n  cacheControl: [{match: \"*.{hash}.*\", value: immutable}]\n---\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		m, err := frontmatter.Parse(src)
		if err != nil {
			return
		}
		s, _ := Parse("content/_index.md", m, "")
		if s == nil {
			t.Fatal("no settings")
		}
		roots := map[string]bool{s.LanguagePrefix(s): true}
		for _, l := range s.Languages {
			if !LanguageTag(l.Language) || l.Languages != nil {
				t.Fatalf("language %q (%d languages of its own)", l.Language, len(l.Languages))
			}
			root := s.LanguagePrefix(l)
			if roots[root] {
				t.Fatalf("two languages at %q", root)
			}
			roots[root] = true
		}
	})
}

// TestInheritedErrorOnce: a bad value every language inherits is one
// error, not one per language.
func TestInheritedErrorOnce(t *testing.T) {
	_, err := parse(t, "---\ntimezone: Mars/Base\nlanguage: zh-CN\nlanguages:\n  ja: {}\n  en: {}\n---\n", "")
	if err == nil || strings.Count(err.Error(), `timezone "Mars/Base"`) != 1 {
		t.Errorf("errors: %v", err)
	}
}

func TestFindabilitySettings(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		feed      string
		publisher string
		related   Related
		err       string
	}{
		{name: "defaults", feed: "summary", publisher: "Organization", related: DefaultRelated},
		{name: "set", src: "feedContent: FULL\npublisherType: newsMediaOrganization\nrelated: {count: 3, weights: {tags: 2}}\n",
			feed: "full", publisher: "NewsMediaOrganization", related: Related{Count: 3, Weights: map[string]int{"tags": 2}}},
		{name: "count only", src: "related:\n  count: 0\n",
			feed: "summary", publisher: "Organization", related: Related{Count: 0, Weights: DefaultRelated.Weights}},
		{name: "bad feed", src: "feedContent: all\n", err: `content/_index.md:2:14: feedContent: "all" is not one of summary, full`},
		{name: "bad publisher", src: "publisherType: Person\n", err: `content/_index.md:2:16: publisherType: "Person" is not one of Organization, NewsMediaOrganization, Corporation`},
		{name: "bad count", src: "related:\n  count: -1\n", err: `content/_index.md:3:10: related.count: want a whole number of 0 or more, got -1`},
		{name: "bad weight", src: "related:\n  weights: {tags: 1.5, categories: x}\n", err: `content/_index.md:3:36: related.weights.categories: want a whole number`},
		{name: "unknown key", src: "related:\n  limit: 3\n", err: `content/_index.md:3:10: related.limit: unknown key`},
		{name: "unknown taxonomy", src: "related:\n  weights: {tag: 2}\n", err: `related.weights.tag: unknown taxonomy (the taxonomies are tags, categories)`},
		{name: "weight too large", src: "related:\n  weights: {tags: 1001}\n", err: `related.weights.tags: want a whole number from 0 to 1000, got 1001`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := parse(t, "---\n"+tc.src+"---\n", "")
			if tc.err != "" {
				if err == nil || !strings.Contains(diagtest.Slashed(err.Error()), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s.FeedContent != tc.feed || s.PublisherType != tc.publisher || !reflect.DeepEqual(s.Related, tc.related) {
				t.Errorf("got %q %q %+v", s.FeedContent, s.PublisherType, s.Related)
			}
		})
	}
}

func TestImageSettings(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      images.Settings
		err       string
	}{
		{name: "defaults", want: images.DefaultSettings()},
		{name: "set", src: "images: {widths: [1200, 320, 640, 640], quality: 70, keepMetadata: true}\n",
			want: images.Settings{Widths: []int{320, 640, 1200}, Quality: 70, KeepMetadata: true}},
		{name: "quality only", src: "images:\n  quality: 90\n", want: images.Settings{Widths: images.DefaultSettings().Widths, Quality: 90}},
		{name: "width zero", src: "images:\n  widths: [0, 480]\n", err: `content/_index.md:3:11: images.widths: want a list of widths in pixels from 1 to 8192`},
		{name: "widths not a list", src: "images:\n  widths: 480\n", err: `images.widths: want a list`},
		{name: "empty widths", src: "images:\n  widths: []\n", err: `images.widths: want a list`},
		{name: "quality too high", src: "images:\n  quality: 101\n", err: `content/_index.md:3:12: images.quality: want a whole number from 1 to 100, got 101`},
		{name: "metadata not a bool", src: "images:\n  keepMetadata: yes please\n", err: `images.keepMetadata: want true or false`},
		{name: "unknown key", src: "images:\n  formats: [avif]\n", err: `content/_index.md:3:12: images.formats: unknown key`},
		{name: "per language", src: "languages:\n  ja:\n    images: {quality: 50}\n", err: `languages.ja.images`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := parse(t, "---\n"+tc.src+"---\n", "")
			if tc.err != "" {
				if err == nil || !strings.Contains(diagtest.Slashed(err.Error()), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(s.Images, tc.want) {
				t.Errorf("got %+v, want %+v", s.Images, tc.want)
			}
		})
	}
}

func TestMinifySetting(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want bool
		err  string
	}{
		{src: "", want: false},
		{src: "minify: true\n", want: true},
		{src: "minify: maybe\n", err: "minify"},
		{src: "languages:\n  ja:\n    minify: true\n", err: "languages.ja.minify"},
	} {
		s, err := parse(t, "---\n"+tc.src+"---\n", "")
		if tc.err != "" {
			if err == nil || !strings.Contains(diagtest.Slashed(err.Error()), tc.err) {
				t.Errorf("%q: error %v, want %q", tc.src, err, tc.err)
			}
			continue
		}
		if err != nil || s.Minify != tc.want {
			t.Errorf("%q: minify %v (%v), want %v", tc.src, s.Minify, err, tc.want)
		}
	}
}

func TestSearchSetting(t *testing.T) {
	all := SearchFieldNames
	for _, tc := range []struct {
		name, src string
		on        bool
		fields    []string
		err       string
	}{
		{name: "default", on: true, fields: all},
		{name: "off", src: "search: false\n", on: false, fields: all},
		{name: "on", src: "search: true\n", on: true, fields: all},
		{name: "fields", src: "search: {fields: [tags, description, tags]}\n", on: true, fields: []string{"description", "tags"}},
		{name: "no fields", src: "search: {fields: []}\n", on: true, fields: nil},
		{name: "mapping without fields", src: "search: {}\n", on: true, fields: all},
		{name: "not a bool", src: "search: yes please\n", err: "content/_index.md:2:9: search: want true or false"},
		{name: "unknown field", src: "search:\n  fields: [title, tags]\n", err: `content/_index.md:3:11: search.fields: unknown field "title"`},
		{name: "unknown key", src: "search:\n  weights: {title: 2}\n", err: "content/_index.md:3:12: search.weights: unknown key"},
		{name: "per language", src: "languages:\n  ja:\n    search: false\n", on: true, fields: all},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := parse(t, "---\n"+tc.src+"---\n", "")
			if tc.err != "" {
				if err == nil || !strings.Contains(diagtest.Slashed(err.Error()), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s.Search != tc.on || !slices.Equal(s.SearchFields, tc.fields) {
				t.Errorf("search %v, fields %q; want %v, %q", s.Search, s.SearchFields, tc.on, tc.fields)
			}
		})
	}
}
