package tmplexec

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"os"
	"strings"
	"testing"
)

// TestMain makes every panic of the fast path fail the tests: without it,
// a bug here would only send an execution back to html/template.
func TestMain(m *testing.M) {
	PanicIsFatal = true
	os.Exit(m.Run())
}

// TestFallbackReasons: a fallback is counted with the file and line of
// the action it stopped at and what stopped it there.
func TestFallbackReasons(t *testing.T) {
	tmpl := template.Must(template.New("layouts/a.html").Funcs(testFuncs()).Parse(
		"<p>{{.Page.Title}}</p>\n{{if .Page}}\n<script>var t = {{.Page.Title}};</script>{{end}}"))
	template.Must(tmpl.New("layouts/b.html").Parse("{{define \"called\"}}\n\n{{if .Nil}}{{.Nil.Title}}{{end}}{{end}}"))
	template.Must(tmpl.New("layouts/c.html").Parse("{{template \"called\" .}}\n{{print 1.5}}"))
	for _, name := range []string{"layouts/a.html", "called", "layouts/c.html"} {
		tmpl.Lookup(name).Execute(&bytes.Buffer{}, testData()) // escape
	}
	set := New(tmpl, testFuncs())
	d := testData()
	for _, name := range []string{"layouts/a.html", "layouts/a.html", "layouts/c.html", "nope"} {
		if err := set.Execute(&bytes.Buffer{}, name, d); !errors.Is(err, ErrUnsupported) {
			t.Fatalf("%s: %v, want ErrUnsupported", name, err)
		}
	}
	d.Nil = map[string]any{"other": 1} // .Nil.Title: a missing key
	for _, name := range []string{"called", "layouts/c.html"} {
		if err := set.Execute(&bytes.Buffer{}, name, d); !errors.Is(err, ErrUnsupported) {
			t.Fatalf("%s: %v, want ErrUnsupported", name, err)
		}
	}
	st := set.Stats()
	SortFallbacks(st.Fallbacks)
	var got []string
	for _, f := range st.Fallbacks {
		got = append(got, fmt.Sprintf("%d %s", f.Count, f))
	}
	want := []string{
		"2 layouts/a.html:3: unsupported: JavaScript context (_html_template_jsvalescaper)",
		"2 layouts/b.html:3: unsupported: missing key Title",
		// After a template call, the caller's place again.
		"1 layouts/c.html:2: unsupported: number 1.5",
		"1 nope: unsupported: no such template",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("fallbacks:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if st.Runs != 6 || set.Fallbacks() != 6 {
		t.Errorf("runs %d, fallbacks %d, want 6 and 6", st.Runs, set.Fallbacks())
	}
}

// replaceFunc gives a function of the Set another adapter, at every
// identifier that calls it.
func (s *Set) replaceFunc(name string, f *function) {
	s.funcs[name] = f
	for id := range s.calls {
		if id.Ident == name {
			s.calls[id] = s.newCallSite(name)
		}
	}
}

// TestPanicIsFatal: a panic in the Set (here, in a function's adapter)
// propagates out of Execute while PanicIsFatal is set; otherwise the
// execution falls back, is counted as a panic with where it came from,
// and html/template prints what it would have printed anyway.
func TestPanicIsFatal(t *testing.T) {
	src := "<p>{{.Page.N}}</p>\n<p>{{lower .Page.Title}}</p>"
	tmpl := template.Must(template.New("page").Funcs(testFuncs()).Parse(src))
	var want bytes.Buffer
	if err := tmpl.Execute(&want, testData()); err != nil {
		t.Fatal(err)
	}
	set := New(tmpl, testFuncs())
	set.replaceFunc("lower", &function{arity: 1, call: panickingAdapter})

	t.Run("fatal", func(t *testing.T) {
		defer func() {
			r := recover()
			msg, _ := r.(string)
			if !strings.Contains(msg, "panic at page:2: adapter bug") || !strings.Contains(msg, "panickingAdapter") {
				t.Errorf("Execute panicked with %q, want the place, the value and the stack", r)
			}
		}()
		set.Execute(&bytes.Buffer{}, "page", testData())
		t.Error("Execute returned")
	})

	t.Run("recovered", func(t *testing.T) {
		PanicIsFatal = false
		defer func() { PanicIsFatal = true }()
		var got bytes.Buffer
		err := set.Execute(&got, "page", testData())
		if !errors.Is(err, ErrUnsupported) {
			t.Fatalf("Execute: %v, want ErrUnsupported", err)
		}
		// The caller, as the theme does, drops what was written and runs
		// html/template.
		got.Reset()
		if err := tmpl.Execute(&got, testData()); err != nil || got.String() != want.String() {
			t.Errorf("after the fallback: %q (%v), want %q", got.String(), err, want.String())
		}
		fs := set.Stats().Fallbacks
		if len(fs) != 1 || !fs[0].Panic || fs[0].At != "page:2" || fs[0].Count != 1 ||
			!strings.HasPrefix(fs[0].Reason, "panic: adapter bug in ") || !strings.Contains(fs[0].Reason, "tmplexec.panickingAdapter (fallback_test.go:") {
			t.Errorf("fallbacks %+v, want one panic at page:2 in panickingAdapter", fs)
		}
	})
}

func panickingAdapter([]any) any { panic("adapter bug") }
