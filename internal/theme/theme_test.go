package theme_test

import (
	"fmt"
	"html/template"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/bulletin-ssg/bulletin"
	"github.com/bulletin-ssg/bulletin/internal/theme"
)

// builtinFS is the real embedded theme, as the build hands it to Load.
func builtinFS(t *testing.T) fs.FS {
	t.Helper()
	sub, err := fs.Sub(bulletin.Theme, "layouts")
	if err != nil {
		t.Fatal(err)
	}
	return sub
}

// files makes a layouts folder from name -> text.
func files(m map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, text := range m {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

// fakeBuiltin is a small stand-in for the built-in theme whose every kind
// file says where it came from, so a test can tell the built-in file from
// the site's file of the same name.
func fakeBuiltin() fstest.MapFS {
	m := map[string]string{
		"base.html":            `{{partial "header.html" .}}[{{block "main" .}}builtin base{{end}}]{{partial "footer.html" .}}`,
		"partials/header.html": `builtin header|`,
		"partials/footer.html": `|builtin footer{{partial "legal.html" .}}`,
		"partials/legal.html":  ` builtin legal`,
	}
	for _, kind := range theme.Kinds {
		m[kind+".html"] = `{{define "main"}}builtin ` + kind + `.html{{end}}`
	}
	return files(m)
}

// siteKind is a site layout that names itself.
func siteKind(name string) string { return `{{define "main"}}site ` + name + `{{end}}` }

func execute(t *testing.T, th *theme.Theme, kind, section, layout string, data any) (string, error) {
	t.Helper()
	var b strings.Builder
	err := th.Execute(&b, kind, section, layout, data)
	return b.String(), err
}

func TestLookupOrder(t *testing.T) {
	all := []string{"news/special.html", "special.html", "news/article.html", "article.html"}
	tests := []struct {
		name                   string
		site                   []string // site layout files present (nil: no layouts folder)
		kind, section, layout  string
		wantFile, wantRendered string
	}{
		{"section layout first", all, "article", "news", "special", "news/special.html", "site news/special.html"},
		{"then layout", all[1:], "article", "news", "special", "special.html", "site special.html"},
		{"layout beats section kind", []string{"special.html", "news/article.html"}, "article", "news", "special", "special.html", "site special.html"},
		{"unknown layout falls to section kind", all[2:], "article", "news", "special", "news/article.html", "site news/article.html"},
		{"section kind", all[2:], "article", "news", "", "news/article.html", "site news/article.html"},
		{"layout of another section ignored", []string{"events/special.html", "article.html"}, "article", "news", "special", "article.html", "site article.html"},
		{"section kind of another section ignored", []string{"events/article.html", "article.html"}, "article", "news", "", "article.html", "site article.html"},
		{"kind", all[3:], "article", "news", "", "article.html", "site article.html"},
		{"layout without section", all, "page", "", "special", "special.html", "site special.html"},
		{"built-in kind", []string{"news/section.html"}, "article", "news", "", "article.html", "builtin article.html"},
		{"built-in when layout is missing", nil, "article", "news", "special", "article.html", "builtin article.html"},
		{"no site layouts at all", nil, "home", "", "", "home.html", "builtin home.html"},
		{"site section kind for a section page", []string{"news/section.html"}, "section", "news", "", "news/section.html", "site news/section.html"},
		{"site kind over built-in kind", []string{"404.html"}, "404", "", "", "404.html", "site 404.html"},
		{"a kind only the site has", []string{"gallery.html"}, "gallery", "", "", "gallery.html", "site gallery.html"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var site fs.FS
			if tc.site != nil {
				m := map[string]string{}
				for _, f := range tc.site {
					m[f] = siteKind(f)
				}
				site = files(m)
			}
			th, err := theme.Load(site, fakeBuiltin(), theme.Env{})
			if err != nil {
				t.Fatal(err)
			}
			got, err := th.Lookup(tc.kind, tc.section, tc.layout)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.wantFile {
				t.Errorf("Lookup(%q, %q, %q) = %q, want %q", tc.kind, tc.section, tc.layout, got, tc.wantFile)
			}
			out, err := execute(t, th, tc.kind, tc.section, tc.layout, nil)
			if err != nil {
				t.Fatal(err)
			}
			want := "builtin header|[" + tc.wantRendered + "]|builtin footer builtin legal"
			if out != want {
				t.Errorf("rendered %q, want %q", out, want)
			}
		})
	}
}

func TestLookupMissingKind(t *testing.T) {
	for _, site := range []fs.FS{nil, files(map[string]string{"news/gallery.html": siteKind("x")})} {
		th, err := theme.Load(site, fakeBuiltin(), theme.Env{})
		if err != nil {
			t.Fatal(err)
		}
		_, err = th.Lookup("gallery", "", "")
		if err == nil || !strings.Contains(err.Error(), `no template for kind "gallery"`) || !strings.Contains(err.Error(), "layouts/gallery.html") {
			t.Errorf("Lookup of a missing kind: %v, want an error naming the kind and layouts/gallery.html", err)
		}
		if _, err := execute(t, th, "gallery", "", "", nil); err == nil {
			t.Error("Execute of a missing kind: no error")
		}
	}
}

// Every kind resolves to a built-in file and every built-in file parses.
func TestBuiltinThemeComplete(t *testing.T) {
	th, err := theme.Load(nil, builtinFS(t), theme.Env{})
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range theme.Kinds {
		got, err := th.Lookup(kind, "news", "")
		if err != nil || got != kind+".html" {
			t.Errorf("Lookup(%q) = %q, %v", kind, got, err)
		}
	}
	if err := th.Check(); err != nil {
		t.Errorf("Check of the built-in theme: %v", err)
	}
}

func TestLoadWithoutBase(t *testing.T) {
	_, err := theme.Load(nil, files(map[string]string{"article.html": siteKind("a")}), theme.Env{})
	if err == nil || !strings.Contains(err.Error(), "layouts/base.html") {
		t.Errorf("Load without base.html: %v, want an error naming layouts/base.html", err)
	}
}

func TestOverrides(t *testing.T) {
	tests := []struct {
		name    string
		site    map[string]string
		kind    string
		want    string
		wantErr string
	}{
		{
			name: "site base.html replaces the built-in one",
			site: map[string]string{"base.html": `<site>{{block "main" .}}{{end}}</site>`},
			kind: "article", want: "<site>builtin article.html</site>",
		},
		{
			name: "block default when the kind file defines no main",
			site: map[string]string{"base.html": `<site>{{block "main" .}}default main{{end}}</site>`, "gallery.html": `{{/* nothing */}}`},
			kind: "gallery", want: "<site>default main</site>",
		},
		{
			name: "template main works as well as block",
			site: map[string]string{"base.html": `<site>{{template "main" .}}</site>`},
			kind: "home", want: "<site>builtin home.html</site>",
		},
		{
			name: "site partial replaces the built-in one",
			site: map[string]string{"partials/footer.html": `|site footer`},
			kind: "page", want: "builtin header|[builtin page.html]|site footer",
		},
		{
			name: "a built-in partial calls the site's override",
			site: map[string]string{"partials/legal.html": ` site legal`},
			kind: "page", want: "builtin header|[builtin page.html]|builtin footer site legal",
		},
		{
			name: "a new site partial is callable from a kind file",
			site: map[string]string{"partials/extra.html": `extra {{.}}`, "page.html": `{{define "main"}}{{partial "extra.html" "x"}}{{end}}`},
			kind: "page", want: "builtin header|[extra x]|builtin footer builtin legal",
		},
		{
			name: "partials take a dict",
			site: map[string]string{"partials/pair.html": `{{.a}}+{{.b}}`, "page.html": `{{define "main"}}{{partial "pair.html" (dict "a" 1 "b" "two")}}{{end}}`},
			kind: "page", want: "builtin header|[1+two]|builtin footer builtin legal",
		},
		{
			name:    "an unknown partial is an error",
			site:    map[string]string{"page.html": `{{define "main"}}{{partial "nope.html" .}}{{end}}`},
			kind:    "page",
			wantErr: `partial "nope.html"`,
		},
		{
			name: "a section's site kind file calls a built-in partial",
			site: map[string]string{"news/article.html": `{{define "main"}}{{partial "header.html" .}}{{end}}`},
			kind: "article", want: "builtin header|[builtin header|]|builtin footer builtin legal",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			th, err := theme.Load(files(tc.site), fakeBuiltin(), theme.Env{})
			if err != nil {
				t.Fatal(err)
			}
			got, err := execute(t, th, tc.kind, "news", "", nil)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Errorf("error %v, want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

// The real built-in kind files fill a site's own base.html, and a site's
// partials replace the real built-in ones.
func TestOverridesOverRealTheme(t *testing.T) {
	site := files(map[string]string{
		"base.html":            `<!doctype html><title>{{.Page.Title}}</title>{{block "main" .}}BASE DEFAULT{{end}}{{partial "footer.html" .}}{{partial "extra.html" .}}`,
		"partials/footer.html": `<footer>site footer for {{.Page.Title}}</footer>`,
		"partials/extra.html":  `<aside>extra</aside>`,
	})
	th, err := theme.Load(site, builtinFS(t), theme.Env{})
	if err != nil {
		t.Fatal(err)
	}
	data := map[string]any{"Page": map[string]any{"Title": "About us", "Content": template.HTML("<p>We are a company.</p>")}}
	got, err := execute(t, th, "page", "", "", data)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"<title>About us</title>",
		`<article class="article article--page`, // the built-in page.html
		"<p>We are a company.</p>",
		"<footer>site footer for About us</footer>",
		"<aside>extra</aside>",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	for _, unwanted := range []string{"BASE DEFAULT", "site-footer", "beian"} {
		if strings.Contains(got, unwanted) {
			t.Errorf("unexpected %q in\n%s", unwanted, got)
		}
	}
}

type pageData struct {
	Page struct{ Title string }
}

func TestErrorsNameFileAndLine(t *testing.T) {
	tests := []struct {
		name     string
		site     map[string]string
		builtin  fs.FS // nil: fakeBuiltin
		kind     string
		atLoad   bool     // the error comes from Load, not Execute
		wantErrs []string // substrings of the error
	}{
		{
			name:     "parse error in a site kind file",
			site:     map[string]string{"article.html": "{{define \"main\"}}\n<p>\n{{if}}\n{{end}}\n"},
			kind:     "article",
			wantErrs: []string{"layouts/article.html:3"},
		},
		{
			name:     "parse error in a section's kind file",
			site:     map[string]string{"news/article.html": "{{define \"main\"}}\n{{.Page.Title | nope}}\n{{end}}\n"},
			kind:     "article",
			wantErrs: []string{"layouts/news/article.html:2", `"nope" not defined`},
		},
		{
			name:     "execution error in a site kind file",
			site:     map[string]string{"article.html": "{{define \"main\"}}\n<h1>{{.Page.Title}}</h1>\n<p>{{.Page.Nope}}</p>\n{{end}}\n"},
			kind:     "article",
			wantErrs: []string{"layouts/article.html:3", "Nope"},
		},
		{
			name:     "parse error in a site base.html",
			site:     map[string]string{"base.html": "<html>\n{{block \"main\" .}}{{end}}\n{{range}}\n</html>\n"},
			kind:     "article",
			atLoad:   true,
			wantErrs: []string{"layouts/base.html:3"},
		},
		{
			name:     "execution error in a site base.html",
			site:     map[string]string{"base.html": "<html>\n{{block \"main\" .}}{{end}}\n{{.Nope}}\n</html>\n"},
			kind:     "article",
			wantErrs: []string{"layouts/base.html:3", "Nope"},
		},
		{
			name:     "parse error in a site partial",
			site:     map[string]string{"partials/meta.html": "<p>\n{{with}}\n"},
			kind:     "article",
			atLoad:   true,
			wantErrs: []string{"layouts/partials/meta.html", "meta.html:2"},
		},
		{
			name:     "execution error in a site partial",
			site:     map[string]string{"partials/meta.html": "<p>\n{{.Page.Nope}}\n", "article.html": `{{define "main"}}{{partial "meta.html" .}}{{end}}`},
			kind:     "article",
			wantErrs: []string{"layouts/partials/meta.html:2", "Nope"},
		},
		{
			name:     "parse error in a built-in kind file",
			builtin:  files(map[string]string{"base.html": `{{block "main" .}}{{end}}`, "article.html": "{{define \"main\"}}\n{{end}}{{end}}\n"}),
			kind:     "article",
			wantErrs: []string{"(built-in) layouts/article.html:2"},
		},
		{
			name:     "execution error in a built-in kind file",
			builtin:  files(map[string]string{"base.html": `{{block "main" .}}{{end}}`, "article.html": "{{define \"main\"}}\n\n{{.Page.Nope}}{{end}}\n"}),
			kind:     "article",
			wantErrs: []string{"(built-in) layouts/article.html:3", "Nope"},
		},
		{
			name:     "execution error in the real built-in base.html",
			builtin:  builtinFS(t),
			kind:     "article",
			wantErrs: []string{"(built-in) layouts/base.html:"},
		},
		{
			name:    "the real built-in article.html with a site base.html",
			site:    map[string]string{"base.html": `{{block "main" .}}{{end}}`},
			builtin: builtinFS(t),
			kind:    "article",
			// its first action is the breadcrumb's partial
			wantErrs: []string{"(built-in) layouts/partials/breadcrumb.html:"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			builtin := tc.builtin
			if builtin == nil {
				builtin = fakeBuiltin()
			}
			th, err := theme.Load(files(tc.site), builtin, theme.Env{})
			if tc.atLoad {
				if err == nil {
					t.Fatal("Load: no error")
				}
			} else {
				if err != nil {
					t.Fatal(err)
				}
				_, err = execute(t, th, tc.kind, "news", "", pageData{})
				if err == nil {
					t.Fatal("Execute: no error")
				}
			}
			for _, want := range tc.wantErrs {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not contain %q", err, want)
				}
			}
		})
	}
}

// Check parses every reachable kind, so a broken layout fails the build
// even when no page uses it, and reports every broken file.
func TestCheckReportsEveryBrokenKind(t *testing.T) {
	site := files(map[string]string{
		"archive.html": "{{define \"main\"}}\n{{if}}{{end}}",
		"404.html":     "{{define \"main\"}}{{end}}\n\n{{end}}",
	})
	th, err := theme.Load(site, fakeBuiltin(), theme.Env{})
	if err != nil {
		t.Fatal(err)
	}
	err = th.Check()
	if err == nil {
		t.Fatal("Check: no error")
	}
	for _, want := range []string{"layouts/archive.html:2", "layouts/404.html:3"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Check error %q does not contain %q", err, want)
		}
	}
}

// Check's promise is that a broken layout fails the build even when no
// page uses it yet; a section's kind file and a layout-key file are
// layouts as much as layouts/<kind>.html is.
func TestCheckReachesSectionAndLayoutFiles(t *testing.T) {
	site := files(map[string]string{
		"events/article.html": "{{define \"main\"}}\n{{if}}{{end}}",
		"gallery.html":        "{{define \"main\"}}{{end}}{{end}}",
	})
	th, err := theme.Load(site, fakeBuiltin(), theme.Env{})
	if err != nil {
		t.Fatal(err)
	}
	err = th.Check()
	if err != nil && strings.Contains(err.Error(), "layouts/events/article.html:2") && strings.Contains(err.Error(), "layouts/gallery.html:1") {
		return
	}
	t.Errorf("Theme.Check only parses layouts/<kind>.html (Lookup(kind, \"\", \"\")), so a broken layouts/<section>/<kind>.html or layouts/<layout>.html passes Check and the build until a page uses it (Check error: %v)", err)
}

// One Theme is executed by many goroutines at once, each kind parsed
// lazily by whichever goroutine asks first. Run with -race.
func TestConcurrentExecute(t *testing.T) {
	site := files(map[string]string{
		"partials/footer.html": `|site footer {{partial "legal.html" .}}`,
		"news/article.html":    `{{define "main"}}news {{.}} {{T "timeOfIssue"}} {{truncate 3 "abcdef"}}{{end}}`,
	})
	th, err := theme.Load(site, fakeBuiltin(), theme.Env{Language: "zh-CN"})
	if err != nil {
		t.Fatal(err)
	}
	type job struct{ kind, section string }
	var jobs []job
	for _, kind := range theme.Kinds {
		jobs = append(jobs, job{kind, ""}, job{kind, "news"})
	}
	want := func(j job, i int) string {
		main := "builtin " + j.kind + ".html"
		if j.kind == "article" && j.section == "news" {
			main = fmt.Sprintf("news %d 发布时间 abc…", i)
		}
		return "builtin header|[" + main + "]|site footer  builtin legal"
	}
	var wg sync.WaitGroup
	errs := make(chan error, 64*len(jobs))
	for g := range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if g%8 == 0 {
				if err := th.Check(); err != nil {
					errs <- err
				}
			}
			for k := range jobs {
				j := jobs[(k+g)%len(jobs)]
				var b strings.Builder
				if err := th.Execute(&b, j.kind, j.section, "", g); err != nil {
					errs <- err
					continue
				}
				if got := b.String(); got != want(j, g) {
					errs <- fmt.Errorf("%v: got %q, want %q", j, got, want(j, g))
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// The real built-in theme, shared by goroutines rendering different kinds.
func TestConcurrentExecuteBuiltinKinds(t *testing.T) {
	site := files(map[string]string{"base.html": `{{block "main" .}}{{end}}`})
	th, err := theme.Load(site, builtinFS(t), theme.Env{Language: "en"})
	if err != nil {
		t.Fatal(err)
	}
	data := map[string]any{"Page": map[string]any{"Title": "T", "Content": template.HTML("<p>x</p>")}}
	var wg sync.WaitGroup
	outs := make([]string, 32)
	for i := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var b strings.Builder
			if err := th.Execute(&b, "page", "", "", data); err != nil {
				t.Error(err)
			}
			outs[i] = b.String()
		}()
	}
	wg.Wait()
	for i, out := range outs {
		if out != outs[0] || !strings.Contains(out, "<p>x</p>") {
			t.Errorf("goroutine %d rendered %q", i, out)
		}
	}
}

// TestReport: a Report counts the executions since the previous one,
// those tmplexec ran and those it left to html/template by place and
// reason; with HTMLTemplateOnly, tmplexec runs none and the pages are
// the same.
func TestReport(t *testing.T) {
	site := files(map[string]string{
		"article.html": "{{define \"main\"}}<p>{{.}}</p>\n<script>var n = {{.}};</script>{{end}}",
	})
	render := func(th *theme.Theme) string {
		var all strings.Builder
		for i, kind := range []string{"article", "page", "article", "home"} {
			out, err := execute(t, th, kind, "", "", i)
			if err != nil {
				t.Fatal(err)
			}
			all.WriteString(out + "\n")
		}
		return all.String()
	}
	th, err := theme.Load(site, fakeBuiltin(), theme.Env{})
	if err != nil {
		t.Fatal(err)
	}
	want := render(th)
	r := th.Report()
	if r.HTMLTemplateOnly || r.Fast != 2 || len(r.Fallbacks) != 1 {
		t.Fatalf("report %+v, want 2 fast executions and 1 reason", r)
	}
	if f := r.Fallbacks[0]; f.At != "layouts/article.html:2" || f.Reason != "unsupported: JavaScript context (_html_template_jsvalescaper)" || f.Count != 2 || f.Panic {
		t.Errorf("fallback %+v", f)
	}
	if r := th.Report(); r.Fast != 0 || len(r.Fallbacks) != 0 {
		t.Errorf("second report %+v, want nothing since the first", r)
	}
	render(th)
	if r := th.Report(); r.Fast != 2 || len(r.Fallbacks) != 1 || r.Fallbacks[0].Count != 2 {
		t.Errorf("third report %+v, want the last four executions", r)
	}
	if th.FastExecutions() != 4 || th.Fallbacks() != 4 {
		t.Errorf("%d fast executions and %d fallbacks in all, want 4 and 4", th.FastExecutions(), th.Fallbacks())
	}

	slow, err := theme.Load(site, fakeBuiltin(), theme.Env{HTMLTemplateOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := render(slow); got != want {
		t.Errorf("with html/template alone:\n%s\nwith tmplexec:\n%s", got, want)
	}
	if r := slow.Report(); !r.HTMLTemplateOnly || r.Fast != 0 || len(r.Fallbacks) != 0 || slow.FastExecutions() != 0 {
		t.Errorf("HTMLTemplateOnly: report %+v, %d fast executions", r, slow.FastExecutions())
	}
}
