package build

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/bulletin-ssg/bulletin/internal/render"
)

// plumbing are the views' methods that are not fields: tmplexec's and
// partialCached's hooks.
var plumbing = []string{"ReadLog", "ReadSubject", "TemplateField", "TemplateFieldIndex", "TemplateFieldAt"}

// probeFields writes a template fragment that reads every field of the
// view type t from dot (a field's own fields one level down, so that
// nothing prints a pointer), a line each.
func probeFields(t reflect.Type, prefix string) string {
	var b strings.Builder
	for i := range t.NumMethod() {
		m := t.Method(i)
		if slices.Contains(plumbing, m.Name) {
			continue
		}
		fmt.Fprintf(&b, "%s.%s=", prefix, m.Name)
		switch out := m.Type.Out(0); {
		case out == reflect.TypeFor[*render.PageView]():
			fmt.Fprintf(&b, "{{with .%s}}{{.Title}} {{.RelPermalink}}{{end}}", m.Name)
		case out == reflect.TypeFor[[]*render.PageView]():
			fmt.Fprintf(&b, "{{range .%s}}{{.Title}} {{.Summary}};{{end}}", m.Name)
		case out == reflect.TypeFor[*render.TermView]():
			fmt.Fprintf(&b, "{{with .%s}}{{.Name}} {{.Count}}{{end}}", m.Name)
		case out == reflect.TypeFor[[]*render.TermView]():
			fmt.Fprintf(&b, "{{range .%s}}{{.Name}} {{.Slug}} {{.Count}};{{end}}", m.Name)
		case out == reflect.TypeFor[map[string][]*render.TermView]():
			fmt.Fprintf(&b, "{{range $k, $v := .%s}}{{$k}}:{{range $v}}{{.Name}} {{.Count}} {{range .Pages}}{{.Title}},{{end}};{{end}}{{end}}", m.Name)
		case out == reflect.TypeFor[[]*render.SiteView]():
			fmt.Fprintf(&b, "{{range .%s}}{{.Language}} {{.Title}} {{.Home.RelPermalink}};{{end}}", m.Name)
		case out == reflect.TypeFor[[]render.ArchiveYear]():
			fmt.Fprintf(&b, "{{range .%s}}{{.Year}}:{{range .Months}}{{.Month}}({{range .Pages}}{{.Title}},{{end}}){{end}}{{end}}", m.Name)
		default:
			fmt.Fprintf(&b, "{{.%s}}", m.Name)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// probeLayout is a page template that reads every field templates may
// read: .Site's, .Page's, .Paginator's and a term's. Rendered in every
// mode a build has (from scratch, a session, a CLI build with its
// memories), it must give the same bytes, or the same error.
func probeLayout() string {
	return "{{define \"main\"}}<pre>\n" +
		"{{with .Site}}" + probeFields(reflect.TypeFor[*render.SiteView](), "Site") + "{{end}}" +
		"{{with .Page}}" + probeFields(reflect.TypeFor[*render.PageView](), "Page") +
		"{{range .Tags}}" + probeFields(reflect.TypeFor[*render.TermView](), "Term") + "{{end}}{{end}}" +
		"{{with .Paginator}}" + probeFields(reflect.TypeFor[*render.PaginatorView](), "Paginator") + "{{end}}" +
		"</pre>{{end}}"
}

// TestProbeLayoutReadsEveryField guards the probe itself: it names every
// field of every view.
func TestProbeLayoutReadsEveryField(t *testing.T) {
	probe := probeLayout()
	for _, v := range []reflect.Type{reflect.TypeFor[*render.SiteView](), reflect.TypeFor[*render.PageView](),
		reflect.TypeFor[*render.TermView](), reflect.TypeFor[*render.PaginatorView]()} {
		for i := range v.NumMethod() {
			name := v.Method(i).Name
			if !slices.Contains(plumbing, name) && !strings.Contains(probe, "."+name+"=") {
				t.Errorf("the probe does not read %s.%s", v, name)
			}
		}
	}
}
