package render

import (
	"reflect"
	"testing"

	"github.com/bulletin-ssg/bulletin/internal/site"
)

// TestViewsMirrorTheGraph: a full build gives templates the graph's
// structs and a rebuild gives them views, so every field a template may
// read must exist on both with the same name. Fields that are bulletin's
// plumbing, not the template contract, are listed here on purpose.
func TestViewsMirrorTheGraph(t *testing.T) {
	internal := map[string]bool{
		// site.Page
		"Src": true, "Doc": true, "Path": true, "Pagers": true, "Resources": true, "ContentSum": true,
		// site.Site
		"Home": true, "Articles": true, "Standalone": true, "TaxonomyPages": true, "ArchivePage": true,
		"NotFound": true, "Aliases": true, "Files": true, "Settings": true,
		// site.Term
		"Page": true,
	}
	tests := []struct {
		graph, view reflect.Type
	}{
		{reflect.TypeFor[site.Page](), reflect.TypeFor[*PageView]()},
		{reflect.TypeFor[site.Site](), reflect.TypeFor[*SiteView]()},
		{reflect.TypeFor[site.Term](), reflect.TypeFor[*TermView]()},
		{reflect.TypeFor[site.Paginator](), reflect.TypeFor[*PaginatorView]()},
	}
	for _, tt := range tests {
		for i := range tt.graph.NumField() {
			f := tt.graph.Field(i)
			if !f.IsExported() || internal[f.Name] || (tt.graph == reflect.TypeFor[site.Paginator]() && f.Name == "Path") {
				continue
			}
			m, ok := tt.view.MethodByName(f.Name)
			if !ok {
				t.Errorf("%s.%s has no method on %s: a template reading it would fail in serve", tt.graph, f.Name, tt.view)
				continue
			}
			if m.Type.NumIn() != 1 || m.Type.NumOut() != 1 {
				t.Errorf("%s.%s must take no arguments and return one value", tt.view, f.Name)
				continue
			}
			if got, want := m.Type.Out(0), f.Type; !viewOf(want, got) {
				t.Errorf("%s.%s returns %s, the graph's field is %s", tt.view, f.Name, got, want)
			}
		}
	}
}

// viewOf reports whether a view method's result stands for a field type.
func viewOf(field, result reflect.Type) bool {
	switch field {
	case reflect.TypeFor[*site.Page]():
		return result == reflect.TypeFor[*PageView]()
	case reflect.TypeFor[[]*site.Page]():
		return result == reflect.TypeFor[[]*PageView]()
	case reflect.TypeFor[*site.Term]():
		return result == reflect.TypeFor[*TermView]()
	case reflect.TypeFor[[]*site.Term]():
		return result == reflect.TypeFor[[]*TermView]()
	case reflect.TypeFor[map[string][]*site.Term]():
		return result == reflect.TypeFor[map[string][]*TermView]()
	case reflect.TypeFor[[]site.ArchiveYear]():
		return result == reflect.TypeFor[[]ArchiveYear]()
	}
	return field == result
}
