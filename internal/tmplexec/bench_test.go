package tmplexec

import (
	"bytes"
	"html/template"
	"testing"
)

// entrySource is a list entry of the kind the built-in theme prints ten
// times on every list page.
const entrySource = `{{range .Items}}<li class="entry{{if .N}} entry--n{{end}}">
<h2><a href="{{.URL}}">{{.Title}}</a></h2>
<p><time datetime="{{iso .Date}}">{{date "2006-01-02" .Date}}</time>{{with .Tags}} {{len .}} tags{{end}}</p>
{{with .Body}}<div>{{.}}</div>{{end}}
<p><a href="{{.URL}}">{{T "readMore"}}<span>: {{.Title}}</span></a></p>
</li>
{{end}}`

// BenchmarkExecute compares html/template with a Set on the same escaped
// template and data (go test -bench Execute ./internal/tmplexec).
func BenchmarkExecute(b *testing.B) {
	d := testData()
	for i := range 10 {
		d.Items = append(d.Items, *d.Page)
		d.Items[len(d.Items)-1].N = i
		d.Items[len(d.Items)-1].URL = "/news/a/"
	}
	tmpl := template.Must(template.New("page").Funcs(testFuncs()).Parse(entrySource))
	var want bytes.Buffer
	if err := tmpl.Execute(&want, d); err != nil {
		b.Fatal(err)
	}
	set := New(tmpl, testFuncs())
	var buf bytes.Buffer
	b.Run("html-template", func(b *testing.B) {
		for b.Loop() {
			buf.Reset()
			if err := tmpl.Execute(&buf, d); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("tmplexec", func(b *testing.B) {
		for b.Loop() {
			buf.Reset()
			if err := set.Execute(&buf, "page", d); err != nil {
				b.Fatal(err)
			}
		}
		if buf.String() != want.String() {
			b.Fatalf("the Set printed\n%s\nhtml/template\n%s", buf.String(), want.String())
		}
	})
}
