package theme

import (
	"errors"
	"html/template"
	"strings"
	"testing"
	"testing/fstest"
	"text/template/parse"
	"time"
)

// TestFoldKeepsOutput runs each template folded and unfolded on the same
// data: the bytes must be equal, and the constant actions must be gone.
func TestFoldKeepsOutput(t *testing.T) {
	env := Env{BaseURL: "https://example.com/sub/", BasePath: "/sub/", Language: "zh-CN", Zone: time.UTC,
		Asset: func(name string) (string, error) {
			if name == "missing.css" {
				return "", errors.New("asset not found")
			}
			return "/sub/" + name, nil
		}}
	funcs := env.funcs(func(string) bool { return false }, func(string, any) (template.HTML, error) { return "", nil })
	tests := []struct {
		name, src string
		folded    int // constant actions and calls that must be gone
	}{
		{"html text", `<p>{{T "prev"}}{{T "colon"}}</p>`, 2},
		{"rcdata", `<title>{{T "archives"}} & {{.Title}}</title>`, 1},
		{"attribute", `<nav aria-label="{{T "prev"}} / {{T "next"}}">`, 2},
		{"unquoted attribute", `<nav aria-label={{T "prev"}}>`, 1},
		{"url", `<a href="{{relURL "/archives/"}}">{{absURL "/a b/?q=<x>"}}</a><link href="{{asset "css/style.css"}}">`, 3},
		{"url query", `<a href="/search?q={{T "tags"}}">`, 1},
		{"unsafe url", `<a href="{{lower "JAVASCRIPT:alert(1)"}}">`, 1},
		{"safe html", `<div>{{safeHTML "<b>bold</b>"}}</div><div title="{{safeHTML "<b>"}}">`, 2},
		{"script", `<script>var a = {{T "prev"}}; var b = "{{T "next"}}";</script>`, 2},
		{"css", `<style>p { font-family: {{lower "Serif"}} }</style>`, 1},
		{"argument", `<time>{{date (T "dateLayout") .Date}}</time>`, 1},
		{"declaration", `{{$c := T "colon"}}<p>{{.Title}}{{$c}}</p>`, 1},
		{"pipeline", `<p>{{T "prev" | printf "%s!"}}</p>`, 1},
		{"not constant", `<p>{{T "pageOf" .N .M}}{{relURL .URL}}</p>`, 0},
		{"error stays", `{{if .Missing}}<link href="{{asset "missing.css"}}">{{end}}`, 0},
		{"in branches", `{{range .List}}<li>{{T "tags"}}{{.}}</li>{{else}}<p>{{T "noMore"}}</p>{{end}}`, 2},
	}
	data := map[string]any{
		"Title": "标题 <x>", "Date": time.Date(2020, 7, 30, 16, 20, 0, 0, time.UTC),
		"N": 2, "M": 5, "URL": "/news/", "List": []string{"a", "b"}, "Missing": false,
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plain := template.Must(template.New("t").Funcs(funcs).Parse(tt.src))
			folded := template.Must(plain.Clone())
			var want strings.Builder
			if err := plain.Execute(&want, data); err != nil {
				t.Fatal(err)
			}
			escapeNow(folded)
			before := calls(folded.Tree.Root)
			(&folder{funcs: funcs, escapers: builtinEscapers()}).foldAll(folded)
			if got := before - calls(folded.Tree.Root); got != tt.folded {
				t.Errorf("folded %d constant calls, want %d:\n%s", got, tt.folded, folded.Tree.Root)
			}
			var got strings.Builder
			if err := folded.Execute(&got, data); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("folded output differs:\n got %s\nwant %s", got.String(), want.String())
			}
		})
	}
}

// calls counts the calls of foldable functions left in a tree.
func calls(root *parse.ListNode) int {
	n := 0
	for _, f := range []string{"T ", "relURL ", "absURL ", "asset ", "safeHTML ", "lower "} {
		n += strings.Count(root.String(), f)
	}
	return n
}

// TestEscapersProbes: every escaper chain the built-in theme's
// constant actions need has a probe, so none is left unfolded.
func TestEscapersProbes(t *testing.T) {
	e := builtinEscapers()
	for _, chain := range []string{
		"_html_template_htmlescaper",
		"_html_template_rcdataescaper",
		"_html_template_attrescaper",
		"_html_template_urlfilter|_html_template_urlnormalizer|_html_template_attrescaper",
		"_html_template_jsvalescaper",
	} {
		if _, ok := e.probes[chain]; !ok {
			t.Errorf("no probe for %s (have %d probes)", chain, len(e.probes))
		}
	}
}

// The run that makes html/template escape a kind template (escapeNow)
// reaches no partial: a partial cached then would keep what it printed
// for the probe's data.
func TestEscapeRunCachesNoPartial(t *testing.T) {
	site := fstest.MapFS{
		"base.html":          {Data: []byte(`{{partialCached "kind.html" .}}<main>{{block "main" .}}{{end}}</main>`)},
		"partials/kind.html": {Data: []byte(`{{printf "%T" .}}`)},
		"article.html":       {Data: []byte(`{{define "main"}}x{{end}}`)},
	}
	builtin := fstest.MapFS{}
	for _, k := range Kinds {
		builtin[k+".html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{end}}`)}
	}
	th, err := Load(site, builtin, Env{BaseURL: "https://x/", BasePath: "/", Language: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if err := th.Check(); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := th.Execute(&b, "article", "", "", map[string]any{"Page": 1}); err != nil {
		t.Fatal(err)
	}
	if got := b.String(); !strings.HasPrefix(got, "map[string]interface {}") {
		t.Errorf("the partial printed %q: it was cached during the escape run", got)
	}
}
