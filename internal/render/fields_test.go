package render

import (
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/bulletin-ssg/bulletin/internal/site"
)

// plumbing are the views' exported methods that are not fields of the
// contract: the hooks tmplexec and partialCached call.
var plumbing = []string{"ReadLog", "ReadSubject", "TemplateField", "TemplateFieldIndex", "TemplateFieldAt"}

// viewFields lists the template fields of a view type: its exported
// methods, plumbing aside.
func viewFields(t reflect.Type) []string {
	var out []string
	for i := range t.NumMethod() {
		if name := t.Method(i).Name; !slices.Contains(plumbing, name) {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// readmeFields reads the names a README line lists at its top level:
// backquoted names outside parentheses (what is inside describes a
// field's own fields), each up to its first dot.
func readmeFields(line string) []string {
	var out []string
	depth := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '(':
			depth++
		case ')':
			depth--
		case '`':
			end := strings.IndexByte(line[i+1:], '`')
			if end < 0 {
				return out
			}
			name := line[i+1 : i+1+end]
			i += end + 1
			if depth == 0 && !strings.HasPrefix(name, ".") && !strings.HasPrefix(name, `"`) {
				name, _, _ = strings.Cut(name, ".")
				out = append(out, name)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// TestREADMEListsTheViews: the README's table of what templates can read
// is the views' list of fields, no more and no less, so the contract and
// the code cannot drift apart.
func TestREADMEListsTheViews(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(readme), "\n")
	row := func(prefix string) string {
		for _, l := range lines {
			if strings.HasPrefix(l, prefix) {
				return strings.TrimPrefix(l, prefix)
			}
		}
		t.Fatalf("README has no line beginning %q", prefix)
		return ""
	}
	for _, c := range []struct {
		prefix string
		view   reflect.Type
	}{
		{"| `.Site` |", reflect.TypeFor[*SiteView]()},
		{"| `.Page` |", reflect.TypeFor[*PageView]()},
		{"| `.Paginator` |", reflect.TypeFor[*PaginatorView]()},
		{"A term has ", reflect.TypeFor[*TermView]()},
	} {
		documented, fields := readmeFields(row(c.prefix)), viewFields(c.view)
		if !slices.Equal(documented, fields) {
			t.Errorf("%s\n README: %v\n  views: %v", c.prefix, documented, fields)
		}
	}
}

// TestFieldsAreTheMethods: html/template calls the views' methods, which
// must be exactly the fields the tables declare (TestTemplateFieldsAreTheMethods
// checks that each gives what the table gives).
func TestFieldsAreTheMethods(t *testing.T) {
	names := func(list []string) []string { slices.Sort(list); return list }
	for _, c := range []struct {
		view   reflect.Type
		fields []string
	}{
		{reflect.TypeFor[*SiteView](), tableNames(siteFields)},
		{reflect.TypeFor[*PageView](), tableNames(pageFields)},
		{reflect.TypeFor[*TermView](), tableNames(termFields)},
		{reflect.TypeFor[*PaginatorView](), tableNames(paginatorFields)},
	} {
		if methods, fields := viewFields(c.view), names(c.fields); !slices.Equal(methods, fields) {
			t.Errorf("%s\nmethods: %v\n fields: %v", c.view, methods, fields)
		}
	}
}

func tableNames[T any](f *fieldsOf[T]) []string {
	var out []string
	for _, x := range f.list {
		out = append(out, x.name)
	}
	return out
}

// TestAnAddedFieldIsTracked adds a field to the page table, as a change
// to fields.go would: templates can read it (through TemplateField, as
// tmplexec does), a read of it is recorded in its group, and a change to
// what it reads, and to nothing else, is a change of that group, seen by
// Changes and by the digests alike. A page that read it is then rendered
// again; one that did not is not.
func TestAnAddedFieldIsTracked(t *testing.T) {
	saved := pageFields
	t.Cleanup(func() { pageFields = saved })
	pageFields = index(append(slices.Clone(saved.list),
		intField("Attachments", GroupSummary, func(p *site.Page) int { return len(p.Resources) }))...)

	graph := func(attachments int) *site.Site {
		p := &site.Page{Path: "/news/a/", Title: "A", Kind: "article"}
		for range attachments {
			p.Resources = append(p.Resources, site.Resource{Src: "content/news/a/x.pdf", Dest: "news/a/x.pdf"})
		}
		home := &site.Page{Path: "/", Kind: "home", Pages: []*site.Page{p}}
		return &site.Site{Home: home, Pages: []*site.Page{p}, Articles: []*site.Page{p},
			ArchivePage: &site.Page{Path: "/archives/"}, NotFound: &site.Page{Path: "/404.html"}}
	}
	before, after := graph(1), graph(2)

	rec := NewRecorder()
	v := &PageView{before.Pages[0], rec}
	if got, ok := v.TemplateField("Attachments"); !ok || got != 1 {
		t.Fatalf("TemplateField(Attachments) = %v, %v", got, ok)
	}
	read := Dep{"/news/a/", GroupSummary}
	if !slices.Contains(rec.Deps(), read) {
		t.Errorf("the read was not recorded: %v", rec.Deps())
	}
	changed := Changes(before, after)
	if _, ok := changed[read]; !ok || len(changed) != 1 {
		t.Errorf("Changes = %v, want only %v", changed, read)
	}
	bySum, _ := ChangesSince(Digest(before), after)
	if _, ok := bySum[read]; !ok || len(bySum) != 1 {
		t.Errorf("ChangesSince = %v, want only %v", bySum, read)
	}
	// A page that read only the title is not touched by the change.
	other := NewRecorder()
	(&PageView{before.Pages[0], other}).TemplateField("Title")
	for _, d := range other.Deps() {
		if _, ok := changed[d]; ok {
			t.Errorf("a page that read only the title would be rendered again (%v)", d)
		}
	}
}

// TestCaptureIsTheSubjects: a partial served to many pages (partialCached)
// replays what it read; a read of the page it was given (its subject) is
// replayed as a read of the subject it is served for, and a read of any
// other page as it was, even of the page being rendered.
func TestCaptureIsTheSubjects(t *testing.T) {
	first := NewRecorder()
	stop := first.Capture("/news/a/")
	first.use("/news/a/", GroupMeta)
	first.use("/news/", GroupMeta) // the section page being rendered, say
	first.use(SiteID, GroupSettings)
	reads := stop()
	for _, d := range []Dep{{"/news/a/", GroupMeta}, {"/news/", GroupMeta}, {SiteID, GroupSettings}} {
		if !slices.Contains(first.Deps(), d) {
			t.Errorf("the capturing page lost its read %v", d)
		}
	}
	other := NewRecorder()
	other.Replay(reads, "/news/c/")
	want := uniqueDeps([]Dep{{"/news/c/", GroupMeta}, {"/news/", GroupMeta}, {SiteID, GroupSettings}})
	if !slices.Equal(other.Deps(), want) {
		t.Errorf("replayed %v, want %v", other.Deps(), want)
	}
	none := NewRecorder()
	stop = none.Capture("")
	none.use("/news/a/", GroupMeta)
	none.Replay(stop(), "")
	if !slices.Equal(none.Deps(), []Dep{{"/news/a/", GroupMeta}}) {
		t.Errorf("without a subject: %v", none.Deps())
	}
}
