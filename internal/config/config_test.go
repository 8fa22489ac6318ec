package config

import (
	"reflect"
	"strings"
	"testing"

	"github.com/bulletin-ssg/bulletin/internal/frontmatter"
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
		if !strings.Contains(err.Error(), want) {
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
