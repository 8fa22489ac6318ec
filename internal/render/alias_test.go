package render_test

import (
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/bulletin-ssg/bulletin/internal/render"
)

func TestAlias(t *testing.T) {
	s := newSite(t, sources{
		"_index.md": "---\ntitle: 新闻\nbaseURL: https://news.example.com/blog/\nlanguage: zh-CN\n---\n",
		"news/rd.md": `---
title: R&D "news" <today>
date: 2024-01-15
url: /r&d/新闻/
aliases: [/old/rd.html, /旧/]
---
Body.
`,
	})
	if len(s.Aliases) != 2 {
		t.Fatalf("%d aliases, want 2", len(s.Aliases))
	}
	target := s.Aliases[0].Target
	if target.Permalink != "https://news.example.com/blog/r&d/%E6%96%B0%E9%97%BB/" {
		t.Fatalf("fixture: permalink %q", target.Permalink)
	}
	refresh := regexp.MustCompile(`<meta http-equiv="refresh" content="0; url=([^"]*)">`)
	canonical := regexp.MustCompile(`<link rel="canonical" href="([^"]*)">`)
	for _, a := range s.Aliases {
		t.Run(a.Path, func(t *testing.T) {
			got := string(render.Alias(a))
			for name, re := range map[string]*regexp.Regexp{"meta refresh": refresh, "canonical link": canonical} {
				m := re.FindStringSubmatch(got)
				if m == nil {
					t.Errorf("no %s in\n%s", name, got)
					continue
				}
				if m[1] != "https://news.example.com/blog/r&amp;d/%E6%96%B0%E9%97%BB/" {
					t.Errorf("%s URL %q is not the HTML-escaped permalink", name, m[1])
				}
				if html.UnescapeString(m[1]) != target.Permalink {
					t.Errorf("%s URL %q does not unescape to the permalink", name, m[1])
				}
			}
			for _, want := range []string{
				`<html lang="zh-CN">`,
				`<meta charset="utf-8">`,
				`<meta name="robots" content="noindex">`,
				`<title>R&amp;D &#34;news&#34; &lt;today&gt;</title>`,
				`<a href="https://news.example.com/blog/r&amp;d/%E6%96%B0%E9%97%BB/">R&amp;D &#34;news&#34; &lt;today&gt;</a>`,
			} {
				if !strings.Contains(got, want) {
					t.Errorf("missing %s in\n%s", want, got)
				}
			}
			if strings.Contains(got, "<today>") {
				t.Errorf("unescaped title in\n%s", got)
			}
		})
	}
	if a, b := s.Aliases[0].Path, s.Aliases[1].Path; a != "/old/rd.html" || b != "/旧/" {
		t.Errorf("alias paths %q %q", a, b)
	}
}
