package render

import (
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// plumbing are the views' exported methods that are not fields of the
// contract: the hooks tmplexec and partialCached call.
var plumbing = []string{"ReadLog", "TemplateField"}

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
