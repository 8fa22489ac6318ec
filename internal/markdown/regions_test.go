package markdown

import (
	"strings"
	"testing"
)

// TestRegionNames: the regions of code and tables are named in the
// page's language, or with the site's own words, escaped.
func TestRegionNames(t *testing.T) {
	src := "```go\nx\n```\n\n| a |\n|---|\n| 1 |\n"
	tests := []struct {
		name        string
		opts        Options
		code, table string
	}{
		{"English", Options{}, `aria-label="Code 1"`, `aria-label="Table 1"`},
		{"Simplified Chinese", Options{Language: "zh-CN"}, `aria-label="代码 1"`, `aria-label="表格 1"`},
		{"Traditional Chinese", Options{Language: "zh-TW"}, `aria-label="程式碼 1"`, `aria-label="表格 1"`},
		{"Japanese", Options{Language: "ja"}, `aria-label="コード 1"`, `aria-label="表 1"`},
		{"a site's own words", Options{Language: "zh-CN", Titles: Titles{Code: `Snippet "<x>"`, Table: "Grid & list"}},
			`aria-label="Snippet &#34;&lt;x&gt;&#34; 1"`, `aria-label="Grid &amp; list 1"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := New(tt.opts).Render(Doc{Source: []byte(src)})
			if err != nil {
				t.Fatal(err)
			}
			got := string(res.HTML)
			for _, want := range []string{`<pre class="chroma" tabindex="0" role="region" ` + tt.code + `>`,
				`<div class="table-wrap" tabindex="0" role="region" ` + tt.table + ">\n<table>"} {
				if !strings.Contains(got, want) {
					t.Errorf("no %s in\n%s", want, got)
				}
			}
		})
	}
}
