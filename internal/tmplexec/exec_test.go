package tmplexec

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"strings"
	"testing"
	"time"
)

type page struct {
	Title  string
	URL    string
	Body   template.HTML
	Date   time.Time
	N      int
	Tags   []string
	Next   *page
	Params map[string]any
}

func (p *page) Upper() string { return strings.ToUpper(p.Title) }

func (p *page) Checked() (string, error) { return "checked " + p.Title, nil }

func (p *page) Fails() (string, error) { return "", errors.New("method failed") }

func (p page) Copy() string { return "copy of " + p.Title }

// view is template data whose fields are methods given through Fielder,
// as the build's views are.
type view struct {
	p      *page
	fields int // TemplateField calls
}

func (v *view) Title() string        { return v.p.Title }
func (v *view) Next() *view          { return nil }
func (v *view) Tags() []string       { return v.p.Tags }
func (v *view) Secret() (int, error) { return 0, errors.New("no") }

func (v *view) TemplateField(name string) (any, bool) {
	if v == nil {
		return nil, false // as the build's views: text/template calls the method
	}
	v.fields++
	switch name {
	case "Title":
		return v.Title(), true
	case "Next":
		return v.Next(), true
	case "Tags":
		return v.Tags(), true
	}
	return nil, false // Secret: the execution falls back
}

type data struct {
	View  *view
	Page  *page
	Site  map[string]any
	Items []page
	Any   []any
	Empty []string
	Nil   any
	Count map[string]int
}

func testData() data {
	p := &page{
		Title: `Tom & Jerry's <"best"> +1`,
		URL:   "javascript:alert(1)",
		Body:  "<p>Hello &amp; welcome</p>",
		Date:  time.Date(2020, 7, 30, 16, 20, 0, 0, time.UTC),
		N:     3,
		Tags:  []string{"a", "b", "c"},
		Params: map[string]any{
			"color": "red", "nothing": nil,
		},
	}
	return data{
		View:  &view{p: p},
		Page:  p,
		Site:  map[string]any{"name": "Site & Co", "lang": "zh-CN"},
		Items: []page{{Title: "first"}, {Title: "second"}},
		Any:   []any{"x", 2, nil, template.HTML("<b>")},
		Count: map[string]int{"b": 2, "a": 1},
	}
}

func testFuncs() template.FuncMap {
	return template.FuncMap{
		"lower":   strings.ToLower,
		"add":     func(a, b int) int { return a + b },
		"date":    func(layout string, t time.Time) string { return t.Format(layout) },
		"year":    func(t time.Time) int { return t.Year() },
		"iso":     func(t time.Time) string { return t.Format(time.RFC3339) },
		"safe":    func(s string) template.HTML { return template.HTML(s) },
		"fails":   func(string) (string, error) { return "", errors.New("function failed") },
		"ok":      func(s string) (string, error) { return "ok:" + s, nil },
		"has":     strings.Contains,
		"join":    func(sep string, v any) string { return fmt.Sprint(sep, v) },
		"trunc":   func(n int, v any) string { s := fmt.Sprint(v); return s[:min(n, len(s))] },
		"plain":   func(v any) string { return fmt.Sprintf("[%v]", v) },
		"default": func(d, v any) any { return map[bool]any{true: d, false: v}[v == nil] },
		"part": func(name string, data any) (template.HTML, error) {
			return template.HTML("<b>" + name + "</b>"), nil
		},
		"cached": func(name string, data any, keys ...any) (template.HTML, error) {
			return template.HTML(fmt.Sprint("<i>", name, keys, "</i>")), nil
		},
		"T": func(key string, args ...any) (string, error) { return fmt.Sprint(key, args), nil },
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv) < 2 {
				return nil, errors.New("dict needs a key and a value") // as the theme's dict fails
			}
			return map[string]any{fmt.Sprint(kv[0]): kv[1]}, nil
		},
		"slice": func(v ...any) []any { return v },
	}
}

// run executes src with html/template and with a Set, and returns both
// results; fastErr is the Set's error (nil or ErrUnsupported).
func run(t *testing.T, src string, d any) (want string, wantErr error, got string, fastErr error) {
	t.Helper()
	tmpl, err := template.New("page").Funcs(testFuncs()).Parse(src)
	if err != nil {
		t.Fatalf("parse %q: %v", src, err)
	}
	var w bytes.Buffer
	wantErr = tmpl.Execute(&w, d) // escapes the set, as the theme does before making a Set
	set := New(tmpl, testFuncs())
	var g bytes.Buffer
	g.WriteString("kept|")
	fastErr = set.Execute(&g, "page", d)
	if fastErr != nil && !errors.Is(fastErr, ErrUnsupported) {
		t.Fatalf("%q: Execute returned %v, not ErrUnsupported", src, fastErr)
	}
	if n := set.Fallbacks(); (fastErr != nil) != (n == 1) {
		t.Errorf("%q: error %v with %d fallbacks counted", src, fastErr, n)
	}
	got, ok := strings.CutPrefix(g.String(), "kept|")
	if !ok {
		t.Fatalf("%q: Execute overwrote what the buffer held", src)
	}
	return w.String(), wantErr, got, fastErr
}

// TestSameAsHTMLTemplate runs templates with html/template and with a
// Set: where the Set runs one (fast), the bytes are the same; where it
// does not, it says so, and html/template (which the theme then runs)
// gives the output or the error.
func TestSameAsHTMLTemplate(t *testing.T) {
	tests := []struct {
		name, src string
		fast      bool
	}{
		{"text", `<p>only text</p>`, true},
		{"field in text", `<p>{{.Page.Title}}</p>`, true},
		{"field in attribute", `<a title="{{.Page.Title}}">`, true},
		{"single-quoted attribute", `<a title='{{.Page.Title}}'>`, true},
		{"unquoted attribute", `<a title={{.Page.Title}}>`, true},
		{"empty unquoted attribute", `<a title={{.Nil}}>`, true},
		{"unsafe URL", `<a href="{{.Page.URL}}">x</a>`, true},
		{"safe URL", `<a href="{{.Site.name}}/x y?a=1&b=%zz">x</a>`, true},
		{"URL query part", `<a href="/s?q={{.Page.Title}}">x</a>`, true},
		{"URL path part", `<a href="/tags/{{.Page.Title}}/">x</a>`, true},
		{"title element", `<title>{{.Page.Title}} {{.Page.Body}}</title>`, true},
		{"HTML passes", `<div>{{.Page.Body}}</div>`, true},
		{"HTML in attribute", `<a title="{{.Page.Body}}">`, false},
		{"script", `<script>var x = {{.Page.Title}};</script>`, false},
		{"style", `<p style="color: {{.Page.Title}}">`, false},
		{"int and time", `{{.Page.N}} {{.Page.Date}}`, true},
		{"comment", `a{{/* note */}}b`, true},
		{"trim markers", "a  {{- .Page.N -}}  b", true},
		{"if else", `{{if .Page.Tags}}tags{{else}}none{{end}}|{{if .Empty}}x{{else if .Nil}}y{{else}}z{{end}}`, true},
		{"with else", `{{with .Page}}{{.Title}}{{end}}{{with .Nil}}a{{else with .Page.N}}n={{.}}{{end}}`, true},
		{"with nil field", `{{with .Nil}}yes{{else}}no{{end}}{{.Nil}}`, true},
		{"range", `{{range .Page.Tags}}[{{.}}]{{else}}none{{end}}|{{range .Empty}}x{{else}}empty{{end}}`, true},
		{"range nil", `{{range .Nil}}x{{else}}nothing{{end}}`, true},
		{"range index", `{{range $i, $t := .Page.Tags}}{{$i}}={{$t}};{{end}}`, true},
		{"range assign", `{{$t := ""}}{{range $t = .Page.Tags}}{{end}}{{$t}}`, true},
		{"range any", `{{range .Any}}<{{.}}>{{end}}`, true},
		{"range structs", `{{range .Items}}{{.Title}} {{.Copy}};{{end}}`, true},
		{"break continue", `{{range .Page.Tags}}{{if eq . "a"}}{{continue}}{{end}}{{if eq . "c"}}{{break}}{{end}}{{.}}{{end}}`, true},
		{"nested range vars", `{{range $a := .Page.Tags}}{{range $.Items}}{{$a}}{{.Title}},{{end}}{{end}}`, true},
		{"variables", `{{$x := 1}}{{if true}}{{$x = 2}}{{$y := 3}}{{$y}}{{end}}{{$x}}`, true},
		{"root variable", `{{with .Page}}{{$.Site.name}}{{end}}`, true},
		{"variable fields", `{{$p := .Page}}{{$p.Title}}{{$p.Upper}}`, true},
		{"template call", `{{define "x"}}<b>{{.}}</b>{{end}}{{template "x" .Page.N}}{{template "x"}}`, true},
		{"template sees no variables", `{{define "y"}}{{$}}{{end}}{{$v := 1}}{{template "y" .Page.Title}}`, true},
		{"block", `{{block "b" .Page}}{{.Title}}{{end}}`, true},
		{"methods", `{{.Page.Upper}} {{.Page.Checked}}`, true},
		{"method error", `{{.Page.Fails}}`, false},
		{"value method on copy", `{{(index .Items 1).Copy}}`, true},
		{"map fields", `{{.Site.name}} {{.Page.Params.color}}`, true},
		{"map nil value", `{{.Page.Params.nothing}}`, true},
		{"missing key", `{{.Site.missing}}`, false},
		{"field of nil", `{{.Nil.Title}}`, false},
		{"field of nil pointer", `{{.Page.Next.Title}}`, false},
		{"chain", `{{(index .Items 0).Title}}`, true},
		{"functions", `{{add 1 2}} {{date "2006-01" .Page.Date}} {{year .Page.Date}} {{iso .Page.Date}} {{lower .Page.Title}}`, true},
		{"more functions", `{{safe "<i>x</i>"}} {{ok "a"}} {{has .Page.Title "Tom"}} {{join "," .Page.Tags}} {{trunc 3 .Page.Title}} {{plain .Page.N}}`, true},
		{"variadic functions", `{{part "p" .}} {{cached "c" . "k1" 2}} {{T "key"}} {{T "key" 1 "two"}} {{index (dict "k" 1) "k"}} {{slice 1 "a"}}`, true},
		{"default", `{{default "d" .Nil}} {{default "d" .Page.N}}`, true},
		{"function error", `{{fails "x"}}`, false},
		{"function argument type", `{{lower .Page.N}}`, false},
		{"wrong number of arguments", `{{add 1}}`, false},
		{"string literal to HTML parameter", `{{len (safe "x")}}`, true},
		{"hex literal", `{{add 0x10 1}}`, false},
		{"float literal", `{{print 1.5}}`, false},
		{"negative literal", `{{add -1 1}}`, true},
		{"pipelines", `{{.Page.Title | lower | printf "%s!"}} {{"x" | printf "%s-%s" "y"}}`, true},
		{"parenthesized", `{{add (add 1 2) (len .Page.Tags)}}`, true},
		{"print", `{{print 1 "a" .Nil}} {{printf "%d/%s" .Page.N .Site.lang}}`, true},
		{"comparisons", `{{eq .Page.N 3}} {{eq .Site.lang "en" "zh-CN"}} {{ne 1 2}} {{lt 1 2}} {{le 2 2}} {{gt "b" "a"}} {{ge 1 2}} {{eq .Page.Body "<p>Hello &amp; welcome</p>"}}`, true},
		{"incomparable", `{{eq 1 "a"}}`, false},
		{"and or", `{{and 1 .Nil 2}}|{{or .Nil .Empty "x"}}|{{and 1 2}}|{{or .Nil}}|{{if and .Page (not .Nil)}}yes{{end}}`, true},
		{"and short-circuits", `{{and .Nil .Nil.Title}}{{or 1 .Nil.Title}}`, true},
		{"not", `{{not .Nil}} {{not .Page.Tags}} {{not 0}}`, true},
		{"len and index", `{{len .Page.Tags}} {{len .Site.name}} {{index .Page.Tags 1}} {{index .Site "lang"}} {{index .Count "zz"}}`, true},
		{"index out of range", `{{index .Page.Tags 5}}`, false},
		{"range map", `{{range $k, $v := .Count}}{{$k}}{{$v}}{{end}}`, false},
		{"range int", `{{range 3}}{{.}}{{end}}`, false},
		{"html builtin", `{{html .Page.Title}}`, false},
		{"fielder", `{{.View.Title}} {{with .View.Next}}x{{else}}no next{{end}} {{range .View.Tags}}{{.}}{{end}}`, true},
		{"fielder without the field", `{{.View.Secret}}`, false},
		{"fielder's nil result", `{{.View.Next.Title}}`, false},
		{"undefined template", `{{if .Nil}}{{template "nope"}}{{end}}ok`, false}, // html/template fails to escape it
		{"pointer printed", `{{.Page}}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, wantErr, got, fastErr := run(t, tt.src, testData())
			if tt.fast != (fastErr == nil) {
				t.Errorf("ran by the Set: %v, want %v (html/template: %q, %v)", fastErr == nil, tt.fast, want, wantErr)
			}
			if fastErr == nil && wantErr != nil {
				t.Errorf("the Set printed %q where html/template failed: %v", got, wantErr)
			}
			if fastErr == nil && got != want {
				t.Errorf("the Set printed\n%q\nhtml/template\n%q", got, want)
			}
		})
	}
}

// TestFielderCalled: a Fielder's fields come through TemplateField, not
// through reflection.
func TestFielderCalled(t *testing.T) {
	d := testData()
	want, _, got, err := run(t, `{{.View.Title}}{{.View.Title}}`, d)
	if err != nil || got != want {
		t.Fatalf("got %q (%v), want %q", got, err, want)
	}
	if d.View.fields != 2 {
		t.Errorf("TemplateField called %d times, want 2", d.View.fields)
	}
}

// TestUnadapted lists the functions a Set cannot call.
func TestUnadapted(t *testing.T) {
	if got := Unadapted(testFuncs()); len(got) != 0 {
		t.Errorf("Unadapted(testFuncs) = %v", got)
	}
	got := Unadapted(template.FuncMap{"lower": strings.ToLower, "odd": func(int) bool { return true }, "wide": func(a, b, c string) string { return a }})
	if strings.Join(got, ",") != "odd,wide" {
		t.Errorf("Unadapted = %v, want [odd wide]", got)
	}
}

// TestNoEscaperNoOutput: a tree html/template did not escape is never
// printed by a Set (it could print a value raw).
func TestNoEscaperNoOutput(t *testing.T) {
	tmpl := template.Must(template.New("page").Parse(`<p>{{.}}</p>`))
	set := New(tmpl, nil) // not executed, so not escaped
	var b bytes.Buffer
	if err := set.Execute(&b, "page", "<script>"); !errors.Is(err, ErrUnsupported) {
		t.Fatalf("Execute on an unescaped tree: %v, output %q", err, b.String())
	}
}

// escaperContexts put a value in each context whose escapers are
// re-implemented here.
var escaperContexts = []string{
	`{{.}}`,
	`<title>{{.}}</title>`,
	`<textarea>{{.}}</textarea>`,
	`<a title="{{.}}">`,
	`<a title='{{.}}'>`,
	`<a title={{.}}>`,
	`<a href="{{.}}">`,
	`<a href='/x/{{.}}'>`,
	`<a href="/?q={{.}}">`,
	`<a href={{.}}>`,
	`<img src="{{.}}">`,
	`<img srcset="{{.}}">`,
	`<img srcset="a.jpg 480w, {{.}}">`,
}

// FuzzEscapers holds the escapers to html/template's on any text, as a
// plain string and as the typed strings the escapers treat apart.
func FuzzEscapers(f *testing.F) {
	for _, s := range []string{"", "a", `<&'"+>`, "\x00", "javascript:x", "mailto:a@b", "/a b?c=%2x&d=%41", "é\ufdd0\uffff\xff", "\t\n\v\f\r =`", "http://x/../y"} {
		f.Add(s, uint8(0))
	}
	sets := make([]*template.Template, len(escaperContexts))
	for i, src := range escaperContexts {
		sets[i] = template.Must(template.New("page").Parse(src))
		sets[i].Execute(&bytes.Buffer{}, "") // escape
	}
	f.Fuzz(func(t *testing.T, s string, kind uint8) {
		var v any
		switch kind % 4 {
		case 0:
			v = s
		case 1:
			v = template.HTML(s)
		case 2:
			v = template.URL(s)
		case 3:
			v = len(s)
		}
		for i, tmpl := range sets {
			var want, got bytes.Buffer
			if err := tmpl.Execute(&want, v); err != nil {
				t.Fatal(err)
			}
			err := New(tmpl, nil).Execute(&got, "page", v)
			if err != nil {
				if kind%4 == 0 {
					t.Errorf("%s on a string %q: %v", escaperContexts[i], s, err)
				}
				continue
			}
			if got.String() != want.String() {
				t.Errorf("%s with %T %q:\n got %q\nwant %q", escaperContexts[i], v, s, got.String(), want.String())
			}
		}
	})
}

// FuzzExecute holds a Set to html/template on templates the fuzzer
// makes from the table's: whatever a Set prints, html/template prints
// the same, without an error.
func FuzzExecute(f *testing.F) {
	for _, src := range []string{
		`<p>{{.Page.Title}}</p>`, `<a href="{{.Page.URL}}" title="{{.Site.name}}">`,
		`{{range $i, $t := .Page.Tags}}{{$i}}={{$t}};{{else}}none{{end}}`, `{{with .Nil}}a{{else with .Page.N}}n={{.}}{{end}}`,
		`{{if and .Page (not .Nil)}}{{.Page.Upper}}{{end}}`, `{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}`,
		`{{define "x"}}<b>{{.}}</b>{{end}}{{template "x" .Page.N}}`, `{{(index .Items 0).Title}} {{len .Page.Tags}}`,
		`{{printf "%d/%s" .Page.N .Site.lang}} {{eq .Page.N 3}} {{lt 1 2}}`, `<title>{{.Page.Title}} {{.Page.Body}}</title>`,
		`{{date "2006-01" .Page.Date}} {{T "key" 1 "two"}} {{index (dict "k" 1) "k"}}`, `{{.View.Title}} {{range .View.Tags}}{{.}}{{end}}`,
		`{{range .Page.Tags}}{{if eq . "a"}}{{continue}}{{end}}{{if eq . "c"}}{{break}}{{end}}{{.}}{{end}}`,
	} {
		f.Add(src)
	}
	funcs := testFuncs()
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 400 || strings.Contains(src, "define") || strings.Contains(src, "block") {
			return // a template calling itself runs text/template's 100,000 levels deep
		}
		tmpl, err := template.New("page").Funcs(funcs).Parse(src)
		if err != nil {
			return
		}
		d := testData() // one value for both: it prints its pointers
		var want bytes.Buffer
		wantErr := tmpl.Execute(&want, d)
		var got bytes.Buffer
		if err := New(tmpl, funcs).Execute(&got, "page", d); err != nil {
			return // left to html/template
		}
		if wantErr != nil {
			t.Fatalf("%q: the Set printed %q where html/template failed: %v", src, got.String(), wantErr)
		}
		if got.String() != want.String() {
			t.Fatalf("%q: the Set printed\n%q\nhtml/template\n%q", src, got.String(), want.String())
		}
	})
}
