// Package theme loads the templates of a build: the site's layouts/ over
// the built-in theme, with bulletin's template functions.
//
// Lookup, first found wins: layouts/<section>/<layout>.html
// and layouts/<layout>.html when a page sets layout, then
// layouts/<section>/<kind>.html, layouts/<kind>.html, the built-in
// <kind>.html. A kind template fills {{define "main"}}; base.html (the
// site's or the built-in) places it with {{block "main" .}}. Partials in
// layouts/partials/ are called with {{partial "name.html" .}}; the site's
// partial of a name replaces the built-in one.
//
// Templates are parsed once per build and are safe for concurrent use.
// Every template is named by its path ("layouts/article.html", built-in
// ones "(built-in) layouts/article.html"), so an error names the file and
// line. It reads templates only from the file systems it is given, never
// from the disk directly.
package theme

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/bulletin-ssg/bulletin/internal/tmplexec"
)

// Kinds of template.
var Kinds = []string{"home", "section", "article", "page", "taxonomy", "term", "archive", "404", "search"}

const builtinPrefix = "(built-in) "

// Theme is the parsed templates of one build.
type Theme struct {
	site, builtin fs.FS
	funcs         template.FuncMap
	base          *template.Template // base.html and every partial
	shared        [32]byte           // digest of base.html and every partial
	labels        map[string]string  // partial name -> its template's name
	fold          *folder
	partialsFast  *tmplexec.Set // nil when Env.HTMLTemplateOnly
	htmlOnly      bool

	lookups sync.Map // lookupKey -> lookupAnswer

	mu    sync.Mutex
	kinds map[string]kindTemplate // by chosen file name
	// parsed holds the kinds' templates once made, read without mu:
	// every page of a build asks for its kind's, from every worker.
	parsed   sync.Map // chosen file name -> kindTemplate
	reported totals   // as the last Report saw them
	digests  sync.Map // chosen file name -> [32]byte
}

// Load parses base.html and the partials. site is the site's layouts
// folder (nil when it has none); builtin the embedded theme's.
func Load(site, builtin fs.FS, env Env) (*Theme, error) {
	t := &Theme{site: site, builtin: builtin, kinds: map[string]kindTemplate{}, htmlOnly: env.HTMLTemplateOnly}
	partials := template.New("partials")
	labels := map[string]string{} // partial name -> template name (its file)
	builtinPartial := func(name string) bool { return strings.HasPrefix(labels[name], builtinPrefix) }
	t.funcs = env.funcs(builtinPartial, func(name string, data any) (template.HTML, error) {
		if _, ok := data.(probeData); ok {
			return "", errProbe // escapeNow's run: render nothing, cache nothing
		}
		pt := partials.Lookup(labels[name])
		if pt == nil {
			return "", fmt.Errorf("partial %q: no layouts/partials/%s", name, name)
		}
		var buf bytes.Buffer
		if err := execute(&buf, pt, t.partialsFast, data); err != nil {
			return "", err
		}
		return template.HTML(buf.String()), nil
	})
	partials.Funcs(t.funcs)

	names, err := t.partialFiles()
	if err != nil {
		return nil, err
	}
	var errs []error
	shared := sha256.New()
	for _, name := range names {
		label, src, err := t.read("partials/" + name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		fmt.Fprintf(shared, "%s\x00%d\x00%s", label, len(src), src)
		labels[name] = label
		if _, err := partials.New(label).Parse(src); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", label, err))
		}
	}
	label, src, err := t.read("base.html")
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(shared, "%s\x00%d\x00%s", label, len(src), src)
	copy(t.shared[:], shared.Sum(nil))
	base, err := template.New(label).Funcs(t.funcs).Parse(src)
	if err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	// The partials live in the base set too, so that calls to them can be
	// template calls (see inlinePartials).
	for _, pt := range partials.Templates() {
		if pt.Tree != nil && pt.Name() != "partials" {
			if _, err := base.AddParseTree(pt.Name(), pt.Tree.Copy()); err != nil {
				return nil, err
			}
		}
	}
	inlinePartials(base, labels)
	t.labels = labels
	t.base = base
	// The partials set serves calls by a computed name and partialCached:
	// escape and fold it now, before any page runs (base is cloned for
	// each kind and folded then: a template that has run cannot be cloned).
	t.fold = &folder{funcs: t.funcs, escapers: builtinEscapers()}
	for _, pt := range partials.Templates() {
		if pt.Tree != nil && pt.Name() != "partials" {
			escapeNow(pt)
		}
	}
	t.fold.foldAll(partials)
	if !t.htmlOnly {
		t.partialsFast = tmplexec.New(partials, t.funcs)
	}
	return t, nil
}

// partialFiles lists partial file names from both folders.
func (t *Theme) partialFiles() ([]string, error) {
	set := map[string]bool{}
	for _, fsys := range []fs.FS{t.builtin, t.site} {
		if fsys == nil {
			continue
		}
		entries, err := fs.ReadDir(fsys, "partials")
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		for _, e := range entries {
			if !e.IsDir() && strings.HasSuffix(e.Name(), ".html") {
				set[e.Name()] = true
			}
		}
	}
	names := make([]string, 0, len(set))
	for n := range set {
		names = append(names, n)
	}
	sort.Strings(names)
	return names, nil
}

// read returns a layout file's label and text, the site's first.
func (t *Theme) read(name string) (label, src string, err error) {
	if t.site != nil {
		if b, err := fs.ReadFile(t.site, name); err == nil {
			return "layouts/" + name, string(b), nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", "", err
		}
	}
	b, err := fs.ReadFile(t.builtin, name)
	if err != nil {
		return "", "", fmt.Errorf("layouts/%s: no such template in the site or the built-in theme", name)
	}
	return builtinPrefix + "layouts/" + name, string(b), nil
}

// exists reports whether a layout file is in the site or the built-in theme.
func (t *Theme) exists(name string, builtin bool) bool {
	fsys := t.site
	if builtin {
		fsys = t.builtin
	}
	if fsys == nil {
		return false
	}
	_, err := fs.Stat(fsys, name)
	return err == nil
}

// Lookup returns the layout file a page of kind, section and layout uses,
// as its path under layouts/. Answers are kept: each costs a few file
// system lookups, and every page of a site asks.
func (t *Theme) Lookup(kind, section, layout string) (string, error) {
	key := lookupKey{kind, section, layout}
	if v, ok := t.lookups.Load(key); ok {
		a := v.(lookupAnswer)
		return a.name, a.err
	}
	name, err := t.lookup(kind, section, layout)
	t.lookups.Store(key, lookupAnswer{name, err})
	return name, err
}

type lookupKey struct{ kind, section, layout string }

type lookupAnswer struct {
	name string
	err  error
}

func (t *Theme) lookup(kind, section, layout string) (string, error) {
	var candidates []string
	if layout != "" {
		if section != "" {
			candidates = append(candidates, path.Join(section, layout+".html"))
		}
		candidates = append(candidates, layout+".html")
	}
	if section != "" {
		candidates = append(candidates, path.Join(section, kind+".html"))
	}
	candidates = append(candidates, kind+".html")
	for _, c := range candidates {
		if t.exists(c, false) {
			return c, nil
		}
	}
	if t.exists(kind+".html", true) {
		return kind + ".html", nil
	}
	return "", fmt.Errorf("no template for kind %q: add layouts/%s.html", kind, kind)
}

// Execute renders data with the template of kind, section and layout.
func (t *Theme) Execute(w io.Writer, kind, section, layout string, data any) error {
	name, err := t.Lookup(kind, section, layout)
	if err != nil {
		return err
	}
	k, err := t.kindTemplate(name)
	if err != nil {
		return err
	}
	return execute(w, k.tmpl, k.fast, data)
}

// execute runs tmpl with data: with its Set when there is one, else (and
// whenever the Set cannot run it exactly as html/template would) with
// html/template. Both print the same bytes; the Set's way is faster.
func execute(w io.Writer, tmpl *template.Template, fast *tmplexec.Set, data any) error {
	if fast == nil {
		return tmpl.Execute(w, data)
	}
	buf, ok := w.(*bytes.Buffer)
	if !ok {
		buf = &bytes.Buffer{}
	}
	mark := buf.Len()
	err := fast.Execute(buf, tmpl.Name(), data)
	if errors.Is(err, tmplexec.ErrUnsupported) {
		buf.Truncate(mark)
		return tmpl.Execute(w, data)
	}
	if err == nil && buf != w {
		_, err = w.Write(buf.Bytes())
	}
	return err
}

// kindTemplate is a kind file parsed over a clone of base, and its Set.
type kindTemplate struct {
	tmpl *template.Template
	fast *tmplexec.Set // nil when Env.HTMLTemplateOnly
}

// kindTemplate parses a kind file over a clone of base once.
func (t *Theme) kindTemplate(name string) (kindTemplate, error) {
	if k, ok := t.parsed.Load(name); ok {
		return k.(kindTemplate), nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if k, ok := t.kinds[name]; ok {
		return k, nil
	}
	label, src, err := t.read(name)
	if err != nil {
		return kindTemplate{}, err
	}
	clone, err := t.base.Clone()
	if err != nil {
		return kindTemplate{}, err
	}
	if _, err := clone.New(label).Parse(src); err != nil {
		return kindTemplate{}, err
	}
	inlinePartials(clone, t.labels)
	escapeNow(clone)
	t.fold.foldAll(clone)
	k := kindTemplate{tmpl: clone}
	if !t.htmlOnly {
		k.fast = tmplexec.New(clone, t.funcs)
	}
	t.kinds[name] = k
	t.parsed.Store(name, k)
	return k, nil
}

// SharedDigest identifies the text of base.html and every partial: when it
// changes, any page may render differently.
func (t *Theme) SharedDigest() [32]byte { return t.shared }

// KindDigest identifies the text of one kind template, named as Lookup
// names it.
func (t *Theme) KindDigest(name string) ([32]byte, error) {
	// Asked for every page of a build: the answers are kept in a sync.Map
	// (a mutex here was contended by every writer).
	if d, ok := t.digests.Load(name); ok {
		return d.([32]byte), nil
	}
	label, src, err := t.read(name)
	if err != nil {
		return [32]byte{}, err
	}
	d := sha256.Sum256([]byte(label + "\x00" + src))
	t.digests.Store(name, d)
	return d, nil
}

// Check parses every template a page could use: each kind's, and every
// .html file of the site's layouts (section and layout files too), so a
// broken layout fails the build even when no page uses it yet.
func (t *Theme) Check() error {
	var errs []error
	names := map[string]bool{}
	for _, kind := range Kinds {
		name, err := t.Lookup(kind, "", "")
		if err != nil {
			errs = append(errs, err)
			continue
		}
		names[name] = true
	}
	if t.site != nil {
		err := fs.WalkDir(t.site, ".", func(p string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return err
			case d.IsDir() && p == "partials":
				return fs.SkipDir // parsed by Load
			case !d.IsDir() && strings.HasSuffix(p, ".html") && p != "base.html":
				names[p] = true
			}
			return nil
		})
		if err != nil {
			errs = append(errs, err)
		}
	}
	sorted := make([]string, 0, len(names))
	for n := range names {
		sorted = append(sorted, n)
	}
	sort.Strings(sorted)
	for _, name := range sorted {
		if _, err := t.kindTemplate(name); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Fallbacks counts the executions tmplexec left to html/template (see
// execute): on the built-in theme a build should have none.
func (t *Theme) Fallbacks() int64 {
	var n int64
	for _, set := range t.sets() {
		n += set.Fallbacks()
	}
	return n
}

// FastExecutions counts the executions tmplexec ran to the end.
func (t *Theme) FastExecutions() int64 {
	var n int64
	for _, set := range t.sets() {
		n += set.Runs() - set.Fallbacks()
	}
	return n
}

// sets are the theme's tmplexec Sets: none with Env.HTMLTemplateOnly.
func (t *Theme) sets() []*tmplexec.Set {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.setsLocked()
}

func (t *Theme) setsLocked() []*tmplexec.Set {
	var sets []*tmplexec.Set
	if t.partialsFast != nil {
		sets = append(sets, t.partialsFast)
	}
	for _, k := range t.kinds {
		if k.fast != nil {
			sets = append(sets, k.fast)
		}
	}
	return sets
}

// Report is what the templates did since the previous Report: a theme
// outlives a build in a session, and each build reports its own.
type Report struct {
	// HTMLTemplateOnly is Env's: html/template ran every template.
	HTMLTemplateOnly bool
	// Fast counts the executions tmplexec ran to the end.
	Fast int64
	// Fallbacks are the executions it left to html/template, by place
	// and reason, the most frequent first.
	Fallbacks []tmplexec.Fallback
}

// Add puts another theme's report (the same layouts in another
// language) together with r.
func (r Report) Add(o Report) Report {
	sum := map[fallbackKey]int64{}
	for _, list := range [][]tmplexec.Fallback{r.Fallbacks, o.Fallbacks} {
		for _, f := range list {
			sum[fallbackKey{f.At, f.Reason, f.Panic}] += f.Count
		}
	}
	out := Report{HTMLTemplateOnly: r.HTMLTemplateOnly || o.HTMLTemplateOnly, Fast: r.Fast + o.Fast}
	for k, n := range sum {
		out.Fallbacks = append(out.Fallbacks, tmplexec.Fallback{At: k.at, Reason: k.reason, Panic: k.panic, Count: n})
	}
	tmplexec.SortFallbacks(out.Fallbacks)
	return out
}

// totals are the counts of every Set of a theme added up.
type totals struct {
	runs      int64
	fallbacks map[fallbackKey]int64
}

type fallbackKey struct {
	at, reason string
	panic      bool
}

// Report returns what the templates did since the previous call.
func (t *Theme) Report() Report {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := totals{fallbacks: map[fallbackKey]int64{}}
	for _, set := range t.setsLocked() {
		st := set.Stats()
		now.runs += st.Runs
		for _, f := range st.Fallbacks {
			now.fallbacks[fallbackKey{f.At, f.Reason, f.Panic}] += f.Count
		}
	}
	r := Report{HTMLTemplateOnly: t.htmlOnly, Fast: now.runs - t.reported.runs}
	for k, n := range now.fallbacks {
		if d := n - t.reported.fallbacks[k]; d > 0 {
			r.Fallbacks = append(r.Fallbacks, tmplexec.Fallback{At: k.at, Reason: k.reason, Panic: k.panic, Count: d})
			r.Fast -= d
		}
	}
	tmplexec.SortFallbacks(r.Fallbacks)
	t.reported = now
	return r
}
