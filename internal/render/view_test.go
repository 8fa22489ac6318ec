package render

import (
	"reflect"
	"testing"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/config"
	"github.com/bulletin-ssg/bulletin/internal/site"
	"github.com/bulletin-ssg/bulletin/internal/tmplexec"
)

// TestViewsMirrorTheGraph: a full build gives templates the graph's
// structs and a rebuild gives them views, so every field a template may
// read must exist on both with the same name. Fields that are bulletin's
// plumbing, not the template contract, are listed here on purpose.
func TestViewsMirrorTheGraph(t *testing.T) {
	internal := map[string]bool{
		// site.Page
		"Src": true, "Doc": true, "Path": true, "Pagers": true, "Resources": true, "ContentSum": true, "Await": true,
		// site.Site
		"Home": true, "SubSections": true, "Articles": true, "Standalone": true, "TaxonomyPages": true, "ArchivePage": true,
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
	case reflect.TypeFor[[]*site.Site]():
		return result == reflect.TypeFor[[]*SiteView]()
	}
	return field == result
}

// TestTemplateFieldsAreTheMethods: tmplexec calls a view's methods
// through TemplateField, so each switch must give, for every method a
// template can call (no arguments), what the method gives, and nothing
// for other names.
func TestTemplateFieldsAreTheMethods(t *testing.T) {
	date := time.Date(2020, 7, 30, 16, 20, 0, 0, time.UTC)
	other := &site.Page{Path: "/news/b/", Title: "B"}
	tag := &site.Term{Name: "产品", Slug: "chan-pin", RelPermalink: "/tags/chan-pin/", Pages: []*site.Page{other}, Count: 1, Page: other}
	p := &site.Page{
		Path: "/news/a/", Title: "A", Description: "d", Date: date, Lastmod: date.Add(time.Hour),
		Permalink: "https://example.com/news/a/", RelPermalink: "/news/a/", Kind: "article", Section: "news",
		Author: "Desk", Source: "Wire", Cover: "/c.jpg", Pinned: true, Weight: 3,
		Footer: config.Footer{ICP: "鄂ICP备1号", Params: map[string]any{"x": 1}}, Params: map[string]any{"k": "v"},
		Lang: "zh-CN", File: "content/news/a.md", Layout: "wide", Summary: "<p>s</p>", Truncated: true,
		Content: "<p>c</p>", TOC: "<nav></nav>", WordCount: 9, ReadingTime: 1,
		Prev: other, Next: nil, SectionPage: other, Tags: []*site.Term{tag}, Categories: nil,
		Pages: []*site.Page{other}, Terms: []*site.Term{tag}, Term: tag,
		Archive: []site.ArchiveYear{{Year: 2020, Date: date, Months: []site.ArchiveMonth{{Month: 7, Date: date, Pages: []*site.Page{other}}}}},
	}
	s := &site.Site{Title: "Site", Language: "zh-CN", Pages: []*site.Page{p, other}, Sections: []*site.Page{other},
		Taxonomies: map[string][]*site.Term{"tags": {tag}}, Menu: []config.MenuItem{{Name: "News", URL: "/news/"}}}
	pager := &site.Paginator{Pages: []*site.Page{p}, PageNumber: 2, TotalPages: 3, URL: "/page/2/", HasPrev: true, Prev: "/", HasNext: true, Next: "/page/3/", First: "/", Last: "/page/3/", Term: tag}
	rec := NewRecorder()
	views := []tmplexec.Fielder{&SiteView{s, rec}, &PageView{p, rec}, &TermView{tag, rec}, &PaginatorView{owner: p, pg: pager, rec: rec}}
	for _, v := range views {
		rv := reflect.ValueOf(v)
		for i := range rv.NumMethod() {
			m := rv.Type().Method(i)
			if m.Type.NumIn() != 1 {
				continue // TemplateField itself, with its argument
			}
			want := rv.Method(i).Call(nil)[0].Interface()
			got, ok := v.TemplateField(m.Name)
			if !ok {
				t.Errorf("%s.TemplateField(%q) gives nothing", rv.Type(), m.Name)
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s.TemplateField(%q) = %#v, the method gives %#v", rv.Type(), m.Name, got, want)
			}
		}
		if got, ok := v.TemplateField("NoSuchField"); ok {
			t.Errorf("%s.TemplateField(\"NoSuchField\") = %v, true", rv.Type(), got)
		}
	}
	var nilPage *PageView
	if _, ok := nilPage.TemplateField("Title"); ok {
		t.Error("a nil view gave a field")
	}
}
