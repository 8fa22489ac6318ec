package build

import (
	"bytes"
	"context"
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"log/slog"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/bulletin-ssg/bulletin"
	"github.com/bulletin-ssg/bulletin/internal/diag"
	"github.com/bulletin-ssg/bulletin/internal/minify"
)

// trustStamps makes the build read files as if long after they were last
// changed: the stamps of files a test has just written (their change
// time is now) are then trusted, as an author's earlier saves would be.
func trustStamps(t *testing.T) {
	old := readClock
	readClock = func() time.Time { return time.Now().Add(time.Hour) }
	t.Cleanup(func() { readClock = old })
}

// siteEditor makes random edits to a small site on disk.
type siteEditor struct {
	t    *testing.T
	dir  string
	r    *rand.Rand
	step int
	// settings is a line the site's settings keep through edits of them
	// ("search: true\n").
	settings string
}

func (e *siteEditor) write(rel, text string) string {
	p := filepath.Join(e.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		e.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		e.t.Fatal(err)
	}
	// Date the file in the past, one second per step: the cache then
	// trusts stamps (they are outside its racy window) and the test
	// exercises them, as an author's earlier saves would.
	when := time.Date(2001, 1, 1, 0, 0, e.step, 0, time.UTC)
	if err := os.Chtimes(p, when, when); err != nil {
		e.t.Fatal(err)
	}
	return rel
}

// read returns the text of a file of the site.
func (e *siteEditor) read(rel string) string {
	data, err := os.ReadFile(filepath.Join(e.dir, filepath.FromSlash(rel)))
	if err != nil {
		e.t.Fatal(err)
	}
	return string(data)
}

func (e *siteEditor) remove(rel string) string {
	if err := os.RemoveAll(filepath.Join(e.dir, filepath.FromSlash(rel))); err != nil {
		e.t.Fatal(err)
	}
	return rel
}

// files lists the site's files under a folder, site-relative.
func (e *siteEditor) files(under string) []string {
	var out []string
	_ = filepath.WalkDir(filepath.Join(e.dir, under), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(e.dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(out)
	return out
}

// terms picks an article's tags and categories: a few of a small set,
// so that articles share some and their related articles change.
func (e *siteEditor) terms() string {
	var tags []string
	for _, t := range []string{"a", "b", "公司", "c", "d"} {
		if e.r.IntN(3) == 0 {
			tags = append(tags, t)
		}
	}
	categories := []string{"", "x", "y"}[e.r.IntN(3)]
	return fmt.Sprintf("tags: [%s]\ncategories: [%s]\n", strings.Join(tags, ", "), categories)
}

func (e *siteEditor) article(title string) string {
	body := strings.Repeat(fmt.Sprintf("Text %d of %s. ", e.step, title), 1+e.r.IntN(30))
	link := ""
	if arts := e.files("content/news"); len(arts) > 0 && e.r.IntN(3) == 0 {
		target := filepath.Base(arts[e.r.IntN(len(arts))])
		if strings.HasSuffix(target, ".md") && target != "_index.md" {
			link = fmt.Sprintf("\n\nSee [another](%s).\n", target)
		}
	}
	draft := ""
	if e.r.IntN(8) == 0 {
		draft = "draft: true\n"
	}
	switch e.r.IntN(20) {
	case 0, 1: // pairs it with a page of another name, in another language
		draft += fmt.Sprintf("translationKey: k%d\n", e.r.IntN(3))
	case 2: // its own language (a translation's, or one the site lacks)
		draft += fmt.Sprintf("lang: %s\n", []string{"en", "ja"}[e.r.IntN(2)])
	}
	// The callout's title is in the site's language, which edits change.
	return fmt.Sprintf("---\ntitle: %s\ndate: 2020-0%d-1%d 1%d:00\n%s%s---\n## %s\n\n%s%s<!--more-->\n\nMore.\n\n> [!TIP]\n> A tip.\n",
		title, 1+e.r.IntN(9), e.r.IntN(9), e.r.IntN(9), e.terms(), draft, title, body, link)
}

// withPhotos gives the site photos of assets/ that its pages show: the
// logo (every page's link preview), and the cover and an image of an
// article the edits leave (they edit content/news/), which edits of
// assets replace by photos of other sizes, or remove.
func (e *siteEditor) withPhotos() {
	e.settings += "logo: images/logo.png\nimages: {widths: [8, 16, 32]}\n"
	e.write("assets/images/logo.png", string(smallPNG(e.t, 24, 8)))
	e.write("assets/images/team.png", string(smallPNG(e.t, 40, 30)))
	e.write("content/photos/team.md", "---\ntitle: Team\ndate: 2020-05-05\ncover: /images/team.png\n---\n![The team](/images/team.png)\n")
}

// edit makes one random change and returns the paths it touched, as the
// watcher would report them.
func (e *siteEditor) edit() []string {
	e.step++
	arts := e.files("content/news")
	var some string
	if len(arts) > 0 {
		some = arts[e.r.IntN(len(arts))]
	}
	switch e.r.IntN(18) {
	case 16: // an article's tags and categories only: other articles' related articles change
		if some == "" || strings.HasSuffix(some, "_index.md") {
			return nil
		}
		text := e.read(some)
		// The two lines terms wrote, and nothing else.
		if i, j := strings.Index(text, "tags: ["), strings.Index(text, "categories: ["); i >= 0 && j > i {
			end := j + strings.Index(text[j:], "\n") + 1
			text = text[:i] + e.terms() + text[end:]
		}
		return []string{e.write(some, text)}
	case 17: // how related articles are chosen
		return []string{e.write("content/_index.md", fmt.Sprintf("---\ntitle: Site %d\nrelated: {count: %d, weights: {tags: %d, categories: %d}}\n%s---\nHello.\n",
			e.step, e.r.IntN(4), e.r.IntN(3), e.r.IntN(3), e.settings))}
	case 13: // a layout that reads every field there is, for some kind
		kind := []string{"article", "home", "section", "term", "taxonomy", "archive", "404"}[e.r.IntN(7)]
		probe := probeLayout()
		if e.r.IntN(4) == 0 {
			// A field that is not one: the same error in every mode.
			probe = strings.Replace(probe, "</pre>", "{{.Page.Path}}</pre>", 1)
		}
		return []string{e.write("layouts/"+kind+".html", probe)}
	case 14, 15: // a copy of a built-in template, edited as a site's own
		name := []string{"base.html", "article.html", "home.html", "section.html", "partials/entries.html",
			"partials/summary.html", "partials/article-meta.html", "partials/footer.html"}[e.r.IntN(8)]
		if e.r.IntN(4) == 0 {
			return []string{e.remove("layouts/" + name)}
		}
		builtin, err := fs.ReadFile(bulletin.Theme, "layouts/"+name)
		if err != nil {
			e.t.Fatal(err)
		}
		edited := strings.Replace(string(builtin), "{{", fmt.Sprintf("<!-- edit %d -->{{", e.step), 1)
		return []string{e.write("layouts/"+name, edited)}
	case 11, 12: // a body edit only: before <!--more--> (the summary) or after it
		if some == "" || strings.HasSuffix(some, "_index.md") {
			return nil
		}
		text := e.read(some)
		if e.r.IntN(2) == 0 {
			text = strings.Replace(text, "<!--more-->", fmt.Sprintf(" Summary edit %d.<!--more-->", e.step), 1)
		} else {
			text += fmt.Sprintf("\nBody edit %d.\n", e.step)
		}
		return []string{e.write(some, text)}
	case 0, 1: // a new article, or a translation of one
		if some != "" && !strings.HasSuffix(some, "_index.md") && e.r.IntN(3) == 0 {
			name := strings.TrimSuffix(some, ".md")
			for _, l := range []string{".en", ".ja"} {
				name = strings.TrimSuffix(name, l)
			}
			lang := []string{"en", "ja", "zh-CN"}[e.r.IntN(3)]
			return []string{e.write(name+"."+lang+".md", e.article(fmt.Sprintf("Translated %d", e.step)))}
		}
		return []string{e.write(fmt.Sprintf("content/news/n%d.md", e.step), e.article(fmt.Sprintf("New %d", e.step)))}
	case 2, 3: // rewrite an article (body, title, date, tags, draft, links)
		if some == "" || strings.HasSuffix(some, "_index.md") {
			return nil
		}
		return []string{e.write(some, e.article(fmt.Sprintf("Edited %d", e.step)))}
	case 4: // delete an article
		if some == "" || strings.HasSuffix(some, "_index.md") {
			return nil
		}
		return []string{e.remove(some)}
	case 5: // rename an article
		if some == "" || strings.HasSuffix(some, "_index.md") {
			return nil
		}
		to := fmt.Sprintf("content/news/2024/renamed-%d.md", e.step)
		text := e.read(some)
		e.remove(some)
		// Its links to articles beside it, moved up a folder, as an
		// author moving a file mends them.
		if path.Dir(some) == "content/news" {
			text = strings.ReplaceAll(text, "](", "](../")
		}
		return []string{some, e.write(to, text)}
	case 6: // a template changes, appears or goes
		if e.r.IntN(3) == 0 {
			return []string{e.remove("layouts/article.html")}
		}
		return []string{e.write("layouts/article.html", fmt.Sprintf("{{define \"main\"}}<h1>{{.Page.Title}}</h1> v%d {{.Page.Content}} prev={{with .Page.Prev}}{{.Title}}{{end}}{{end}}", e.step))}
	case 7: // settings, with languages or without
		languages := []string{"", "languages:\n  en: {title: English %d}\n", "languages:\n  ja: {}\n  en: {title: English %d, paginate: 1}\n"}[e.r.IntN(3)]
		if strings.Contains(languages, "%d") {
			languages = fmt.Sprintf(languages, e.step)
		}
		return []string{e.write("content/_index.md", fmt.Sprintf("---\ntitle: Site %d\npaginate: %d\nlanguage: %s\n%s%s---\nHello.\n", e.step, 1+e.r.IntN(4), []string{"en", "zh-CN"}[e.r.IntN(2)], languages, e.settings))}
	case 8: // an asset: a stylesheet, or a photo (see withPhotos) that appears, changes size or goes, or the logo
		switch e.r.IntN(5) {
		case 0, 1:
			return []string{e.write("assets/css/extra.css", fmt.Sprintf("body{order:%d}", e.step))}
		case 2:
			return []string{e.remove("assets/images/team.png")}
		case 3:
			return []string{e.write("assets/images/logo.png", string(smallPNG(e.t, 4+e.r.IntN(40), 4+e.r.IntN(20))))}
		}
		return []string{e.write("assets/images/team.png", string(smallPNG(e.t, 4+e.r.IntN(40), 4+e.r.IntN(30))))}
	case 9: // a bundle's image (a photo of some size, or a file named .png that is not one) and text
		if e.r.IntN(2) == 0 {
			if e.r.IntN(2) == 0 {
				return []string{e.write("content/news/bundle/photo.png", string(smallPNG(e.t, 4+e.r.IntN(40), 4+e.r.IntN(30))))}
			}
			return []string{e.write("content/news/bundle/photo.png", fmt.Sprintf("PNG%d", e.step))}
		}
		return []string{e.write("content/news/bundle/index.md", e.article("Bundle")+"\n![p](photo.png)\n")}
	default: // a section's cascade; a sub-section (where renamed articles go) appears, changes or goes
		switch e.r.IntN(3) {
		case 0:
			return []string{e.write("content/news/2024/_index.md", fmt.Sprintf("---\ntitle: Year %d\ncascade:\n  source: Archive %d\n---\nThe year.\n", e.step, e.step))}
		case 1:
			return []string{e.remove("content/news/2024/_index.md")}
		}
		return []string{e.write("content/news/_index.md", fmt.Sprintf("---\ntitle: News\ncascade:\n  author: Desk %d\n---\n", e.step))}
	}
}

// TestSessionEqualsFullBuild is the property watch and serve rest on:
// after any sequence of edits, a Session's output is byte for byte a fresh
// full build's, and it fails exactly when a fresh build fails.
func TestSessionEqualsFullBuild(t *testing.T) {
	seeds := []uint64{1, 2, 3, 4, 5, 6}
	steps := 40
	if testing.Short() {
		seeds, steps = seeds[:2], 15
	}
	for _, seed := range seeds {
		// Odd seeds pass the watcher's paths; even seeds pass none, so the
		// stamps alone must tell what changed.
		hints := seed%2 == 1
		t.Run(fmt.Sprintf("seed%d-hints=%v", seed, hints), func(t *testing.T) {
			trustStamps(t)
			e := &siteEditor{t: t, dir: t.TempDir(), r: rand.New(rand.NewPCG(seed, 7))}
			if seed%2 == 0 { // and these a search index, which reads every article
				e.settings = "search: true\n"
			}
			e.withPhotos()
			e.write("content/_index.md", "---\ntitle: Site\n"+e.settings+"---\nHello.\n")
			for i := range 4 {
				e.write(fmt.Sprintf("content/news/a%d.md", i), e.article(fmt.Sprintf("A%d", i)))
			}
			opts := Options{Source: os.DirFS(e.dir), Builtin: bulletin.Theme, Now: fixedNow}
			session := NewSession(opts)
			session.KeepWritten = true
			if hints {
				// The edits' paths are complete: rebuilds list only them.
				session.TrustChanges()
			}
			var changed []string
			var before map[string][]byte // the last successful full build
			searched, searchRead := 0, 0
			for step := 0; step <= steps; step++ {
				up, err := session.Build(context.Background(), changed)
				if err == nil {
					// As serve does, after each build it keeps.
					if err := session.opts.Memory.Commit(); err != nil {
						t.Fatal(err)
					}
				}
				if err == nil && up.Has("search/index.json") {
					var entry struct{ N int }
					data, _ := up.Get("search/index.json")
					if json.Unmarshal(data, &entry) != nil {
						t.Fatalf("step %d: search/index.json: %s", step, data)
					}
					searched += entry.N
					searchRead += up.SearchRead
				}
				full, fullErr := buildFS(t, opts.Source, Options{})
				if (err == nil) != (fullErr == nil) {
					t.Fatalf("step %d (%v): session error %v, full build error %v", step, changed, err, fullErr)
				}
				if err != nil {
					if errText(err) != errText(fullErr) {
						t.Fatalf("step %d: errors differ:\nsession: %s\nfull: %s", step, errText(err), errText(fullErr))
					}
				} else {
					compareOutputs(t, step, changed, up.Files.Map(), full.files)
					compareChanges(t, step, changed, up, before, full.files)
					before = full.files
				}
				changed = e.edit()
				if !hints {
					changed = nil
				}
			}
			// Most edits touch one page: the others' records are the last
			// build's.
			t.Logf("read %d of %d pages indexed for search", searchRead, searched)
			if searched > 0 && searchRead > searched/2 {
				t.Errorf("read %d of %d pages indexed for search: the last build's records were not used", searchRead, searched)
			}
		})
	}
}

// compareChanges checks what a session build says changed against two
// full builds: every file whose bytes differ is in Changed (the server
// reloads for it, watch writes it) with the right bytes in Written, every
// file gone is in Removed, and nothing else is listed.
func compareChanges(t *testing.T, step int, edits []string, up *Update, before, now map[string][]byte) {
	t.Helper()
	var changed, removed []string
	for name, data := range now {
		if old, ok := before[name]; !ok || !bytes.Equal(old, data) {
			changed = append(changed, name)
		}
	}
	for name := range before {
		if _, ok := now[name]; !ok {
			removed = append(removed, name)
		}
	}
	sort.Strings(changed)
	sort.Strings(removed)
	if !slices.Equal(up.Changed, changed) || !slices.Equal(up.Removed, removed) {
		t.Fatalf("step %d (%v): session says changed %v removed %v; full builds differ in %v, removed %v",
			step, edits, up.Changed, up.Removed, changed, removed)
	}
	for _, name := range changed {
		if got, err := up.Get(name); err != nil || !bytes.Equal(got, now[name]) {
			t.Fatalf("step %d (%v): written %s differs from the full build's (%v)", step, edits, name, err)
		}
	}
}

func errText(err error) string {
	var b strings.Builder
	for _, e := range diag.Flatten(err) {
		b.WriteString(e.Error() + "\n")
	}
	return b.String()
}

func compareOutputs(t *testing.T, step int, changed []string, got, want map[string][]byte) {
	t.Helper()
	for name, w := range want {
		g, ok := got[name]
		if !ok {
			t.Fatalf("step %d (%v): session lacks %s", step, changed, name)
		}
		if !bytes.Equal(g, w) {
			t.Fatalf("step %d (%v): %s differs:\nsession: %s\nfull:    %s", step, changed, name, g, w)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Fatalf("step %d (%v): session has stale %s", step, changed, name)
		}
	}
}

func TestSessionReportsChanges(t *testing.T) {
	e := &siteEditor{t: t, dir: t.TempDir(), r: rand.New(rand.NewPCG(1, 1))}
	e.write("content/_index.md", "---\ntitle: Site\n---\n")
	e.write("content/news/a.md", "---\ntitle: A\ndate: 2020-01-01\n---\nOne.\n")
	e.write("assets/css/x.css", "a{}")
	s := NewSession(Options{Source: os.DirFS(e.dir), Builtin: bulletin.Theme, Now: fixedNow})
	first, err := s.Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Changed) != len(first.Files.Names()) || len(first.Removed) != 0 {
		t.Errorf("first build: %d changed of %d, %d removed", len(first.Changed), len(first.Files.Names()), len(first.Removed))
	}
	same, err := s.Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(same.Changed) != 0 || len(same.Removed) != 0 {
		t.Errorf("no edit: changed %v removed %v", same.Changed, same.Removed)
	}
	css := e.write("assets/css/x.css", "a{color:red}")
	up, err := s.Build(context.Background(), []string{css})
	if err != nil {
		t.Fatal(err)
	}
	// The stylesheet at its name, and at the name its bytes give it
	// (which replaces the one the old bytes gave).
	named := func(css string) string {
		min, err := minify.File("x.css", []byte(css)) // "a{}" is nothing
		if err != nil {
			t.Fatal(err)
		}
		sum := sha512.Sum384(min)
		return fingerprinted("css/x.css", hex.EncodeToString(sum[:4]))
	}
	if want := []string{named("a{color:red}"), "css/x.css"}; !slices.Equal(up.Changed, want) || !slices.Equal(up.Removed, []string{named("a{}")}) {
		t.Errorf("css edit changed %v, removed %v; want changed %v, removed %s", up.Changed, up.Removed, want, named("a{}"))
	}
	gone := e.remove("content/news/a.md")
	up, err = s.Build(context.Background(), []string{gone})
	if err != nil {
		t.Fatal(err)
	}
	if !contains(up.Removed, "news/a/index.html") {
		t.Errorf("deleted article: removed %v", up.Removed)
	}
	// A page gone and a file come in one rebuild: as many paths as before,
	// one of them new.
	e.write("content/news/c.md", "---\ntitle: C\ndate: 2020-01-03\n---\nThree.\n")
	e.write("content/news/d.md", "---\ntitle: D\ndate: 2020-01-04\n---\nFour.\n")
	if _, err := s.Build(context.Background(), []string{"content/news/c.md", "content/news/d.md"}); err != nil {
		t.Fatal(err)
	}
	gone = e.remove("content/news/c.md")
	added := e.write("assets/css/y.css", "b{}")
	up, err = s.Build(context.Background(), []string{gone, added})
	if err != nil {
		t.Fatal(err)
	}
	if !contains(up.Removed, "news/c/index.html") || !contains(up.Changed, "css/y.css") {
		t.Errorf("page gone, file come: removed %v, changed %v", up.Removed, up.Changed)
	}
	// A failed build keeps the session's previous output for the next diff.
	e.write("content/news/b.md", "---\ntitle: B\ndate: 2020-13-01\n---\n")
	if _, err := s.Build(context.Background(), []string{"content/news/b.md"}); err == nil {
		t.Fatal("bad date built")
	}
	e.write("content/news/b.md", "---\ntitle: B\ndate: 2020-12-01\n---\n")
	up, err = s.Build(context.Background(), []string{"content/news/b.md"})
	if err != nil {
		t.Fatal(err)
	}
	if !contains(up.Changed, "news/b/index.html") || contains(up.Changed, "css/x.css") {
		t.Errorf("after recovering: changed %v", up.Changed)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// With TrustChanges a rebuild lists only the paths it is given: a folder
// moved in or out counts for every file below it, editor files and hidden
// folders stay out, and a file nobody reported is not seen (the watcher's
// promise is what makes skipping the walk right).
func TestSessionTrustsChanges(t *testing.T) {
	e := &siteEditor{t: t, dir: t.TempDir(), r: rand.New(rand.NewPCG(1, 1))}
	e.write("content/_index.md", "---\ntitle: Site\n---\n")
	e.write("content/news/a.md", "---\ntitle: A\ndate: 2020-01-01\n---\nOne.\n")
	s := NewSession(Options{Source: os.DirFS(e.dir), Builtin: bulletin.Theme, Now: fixedNow})
	s.TrustChanges()
	build := func(changed ...string) *Update {
		t.Helper()
		up, err := s.Build(context.Background(), changed)
		if err != nil {
			t.Fatal(err)
		}
		return up
	}
	build() // the first build walks the site
	e.write("content/press/x.md", "---\ntitle: X\ndate: 2020-02-01\n---\nX.\n")
	e.write("content/press/deep/y.md", "---\ntitle: Y\ndate: 2020-03-01\n---\nY.\n")
	e.write("content/press/.hidden/z.md", "---\ntitle: Z\ndate: 2020-03-01\n---\nZ.\n")
	up := build("content/press")
	for _, want := range []string{"press/x/index.html", "press/deep/y/index.html"} {
		if !up.Files.Has(want) {
			t.Errorf("folder moved in: no %s", want)
		}
	}
	for _, name := range up.Files.Names() {
		if strings.Contains(name, "/z/") {
			t.Errorf("a hidden folder was listed: %s", name)
		}
	}
	e.write("content/news/.a.md.swp", "junk")
	e.write("content/news/unreported.md", "---\ntitle: U\ndate: 2020-04-01\n---\nU.\n")
	up = build("content/news/.a.md.swp")
	if up.Files.Has("news/unreported/index.html") {
		t.Error("a file nobody reported was listed: the rebuild walked the site")
	}
	e.remove("content/press")
	up = build("content/press")
	if !contains(up.Removed, "press/x/index.html") || !contains(up.Removed, "press/deep/y/index.html") {
		t.Errorf("folder removed: removed %v", up.Removed)
	}
	up = build("content/news/unreported.md")
	if !up.Files.Has("news/unreported/index.html") {
		t.Error("a reported file was not listed")
	}
}

// A page whose own file did not change still renders again when a page
// it links to moves or leaves the build: its cached Markdown asked the
// link resolver, and the answers changed.
func TestSessionLinkTargets(t *testing.T) {
	e := &siteEditor{t: t, dir: t.TempDir(), r: rand.New(rand.NewPCG(1, 1))}
	e.write("content/_index.md", "---\ntitle: Site\n---\n")
	e.write("content/news/a.md", "---\ntitle: A\ndate: 2020-01-01\n---\nSee [B](b.md).\n")
	b := func(front string) string {
		return e.write("content/news/b.md", "---\ntitle: B\ndate: 2020-01-02\n"+front+"---\nB.\n")
	}
	b("")
	opts := Options{Source: os.DirFS(e.dir), Builtin: bulletin.Theme, Now: fixedNow}
	s := NewSession(opts)
	s.TrustChanges()
	for i, step := range []struct{ front, want string }{
		{"", `<a href="/news/b/">B</a>`},
		{"url: /moved/b/\n", `<a href="/moved/b/">B</a>`},
		{"draft: true\n", `See B.`},
		{"", `<a href="/news/b/">B</a>`},
	} {
		changed := []string{b(step.front)}
		if i == 0 {
			changed = nil
		}
		up, err := s.Build(context.Background(), changed)
		if err != nil {
			t.Fatal(err)
		}
		page, err := up.Files.Get("news/a/index.html")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(page), step.want) {
			t.Errorf("step %d (%q): a's page lacks %s", i, step.front, step.want)
		}
		full, err := buildFS(t, opts.Source, Options{})
		if err != nil {
			t.Fatal(err)
		}
		compareOutputs(t, i, changed, up.Files.Map(), full.files)
	}
	// b, a draft, is deleted: the link that was text now leads nowhere.
	b("draft: true\n")
	if _, err := s.Build(context.Background(), []string{"content/news/b.md"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Build(context.Background(), []string{e.remove("content/news/b.md")}); err == nil {
		t.Error("a link to a deleted page built")
	}
}

// TestSessionFileTargets: an image or a file an article names by its
// path from the article's folder is published once, at its own place,
// and the article's page follows it as it appears, goes and moves with
// its bundle, though the article's file does not change.
func TestSessionFileTargets(t *testing.T) {
	e := &siteEditor{t: t, dir: t.TempDir(), r: rand.New(rand.NewPCG(1, 1))}
	e.write("content/_index.md", "---\ntitle: Site\npermalinks: {news: /news/:year/:month/:slug/}\n---\n")
	e.write("content/news/2020-01-01-a.md", "---\ntitle: A\n---\n![p](images/p.png) [pdf](launch/a.pdf)\n")
	launch := func(slug string) string {
		return e.write("content/news/launch/index.md", "---\ntitle: Launch\ndate: 2020-02-01\nslug: "+slug+"\n---\n![p](../images/p.png)\n")
	}
	launch("launch")
	e.write("content/news/launch/a.pdf", "PDF")
	opts := Options{Source: os.DirFS(e.dir), Builtin: bulletin.Theme, Now: fixedNow}
	s := NewSession(opts)
	s.TrustChanges()
	for i, step := range []struct {
		edit func() []string
		want string
	}{
		{func() []string { return nil }, `<img src="images/p.png" alt="p"> <a href="/news/2020/02/launch/a.pdf">pdf</a>`},
		{func() []string { return []string{e.write("content/news/images/p.png", "PNG")} }, `<img src="/news/images/p.png" alt="p"> <a href="/news/2020/02/launch/a.pdf">pdf</a>`},
		{func() []string { return []string{launch("start")} }, `<img src="/news/images/p.png" alt="p"> <a href="/news/2020/02/start/a.pdf">pdf</a>`},
		{func() []string { return []string{e.remove("content/news/images/p.png")} }, `<img src="images/p.png" alt="p"> <a href="/news/2020/02/start/a.pdf">pdf</a>`},
	} {
		up, err := s.Build(context.Background(), step.edit())
		if err != nil {
			t.Fatal(err)
		}
		page, err := up.Files.Get("news/2020/01/a/index.html")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(page), step.want) {
			t.Errorf("step %d: a's page lacks %s:\n%s", i, step.want, page)
		}
		full, err := buildFS(t, opts.Source, Options{})
		if err != nil {
			t.Fatal(err)
		}
		compareOutputs(t, i, nil, up.Files.Map(), full.files)
	}
}

// Feeds and the sitemap keep their bytes across a rebuild only while
// nothing they read changed: a body edit after the summary leaves them,
// a summary edit changes the feeds, a lastmod edit the sitemap.
func TestSessionFeedsAndSitemap(t *testing.T) {
	e := &siteEditor{t: t, dir: t.TempDir(), r: rand.New(rand.NewPCG(1, 1))}
	e.write("content/_index.md", "---\ntitle: Site\nbaseURL: https://example.com/\n---\n")
	article := func(front, summary, rest string) string {
		return e.write("content/news/a.md", "---\ntitle: A\ndate: 2020-01-01\n"+front+"---\n"+summary+"\n\n<!--more-->\n\n"+rest+"\n")
	}
	article("", "Summary one.", "Rest one.")
	e.write("content/news/b.md", "---\ntitle: B\ndate: 2020-01-02\n---\nB.\n")
	opts := Options{Source: os.DirFS(e.dir), Builtin: bulletin.Theme, Now: fixedNow}
	s := NewSession(opts)
	s.TrustChanges()
	var before map[string][]byte
	for i, step := range []struct {
		front, summary, rest string
		feeds, sitemap       bool // whether they must change
	}{
		{"", "Summary one.", "Rest one.", true, true}, // the first build writes everything
		{"", "Summary one.", "Rest two.", false, false},
		{"", "Summary two.", "Rest two.", true, false},
		{"lastmod: 2021-05-01\n", "Summary two.", "Rest two.", false, true},
	} {
		changed := []string{article(step.front, step.summary, step.rest)}
		up, err := s.Build(context.Background(), changed)
		if err != nil {
			t.Fatal(err)
		}
		full, err := buildFS(t, opts.Source, Options{})
		if err != nil {
			t.Fatal(err)
		}
		compareOutputs(t, i, changed, up.Files.Map(), full.files)
		if before != nil {
			compareChanges(t, i, changed, up, before, full.files)
		}
		before = full.files
		if got := slices.Contains(up.Changed, "index.xml"); got != step.feeds {
			t.Errorf("step %d: index.xml changed = %v, want %v (changed %v)", i, got, step.feeds, up.Changed)
		}
		if got := slices.Contains(up.Changed, "sitemap.xml"); got != step.sitemap {
			t.Errorf("step %d: sitemap.xml changed = %v, want %v (changed %v)", i, got, step.sitemap, up.Changed)
		}
	}
}

// Cases a session that trusts the watcher must still get right (found in
// review): editor files the watcher never reports, a symbolic link whose
// target changes, and a rename that changes only a name's case on a file
// system that ignores case.
func TestSessionTrustsChangesEdges(t *testing.T) {
	newSession := func(t *testing.T, fsys fs.FS) *Session {
		s := NewSession(Options{Source: fsys, Builtin: bulletin.Theme, Now: fixedNow})
		s.TrustChanges()
		if _, err := s.Build(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
		return s
	}
	page := func(t *testing.T, up *Update, name string) string {
		t.Helper()
		data, err := up.Files.Get(name)
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	t.Run("editor files", func(t *testing.T) {
		e := &siteEditor{t: t, dir: t.TempDir(), r: rand.New(rand.NewPCG(1, 1))}
		e.write("content/_index.md", "---\ntitle: Site\n---\n")
		e.write("content/news/a.md", "---\ntitle: A\ndate: 2020-01-01\n---\nOne.\n")
		for _, junk := range []string{"#a.md#", "a.md.bak", "a.md.bck", "a.md.swx", "a.md___jb_old___"} {
			e.write("content/news/"+junk, "notes")
		}
		s := newSession(t, os.DirFS(e.dir))
		for _, junk := range []string{"#a.md#", "a.md.bak", "a.md.bck", "a.md.swx", "a.md___jb_old___"} {
			e.remove("content/news/" + junk) // the watcher reports none of these
		}
		up, err := s.Build(context.Background(), []string{e.write("content/news/a.md", "---\ntitle: A\ndate: 2020-01-01\n---\nTwo.\n")})
		if err != nil {
			t.Fatalf("rebuild after editor files went: %v", err)
		}
		for _, name := range up.Files.Names() {
			if strings.Contains(name, "#") || strings.HasSuffix(name, ".bak") || strings.HasSuffix(name, ".bck") || strings.Contains(name, "___jb") || strings.HasSuffix(name, ".swx") {
				t.Errorf("an editor's file in the output: %s", name)
			}
		}
	})
	t.Run("symlink target", func(t *testing.T) {
		e := &siteEditor{t: t, dir: t.TempDir(), r: rand.New(rand.NewPCG(1, 1))}
		e.write("content/_index.md", "---\ntitle: Site\n---\n")
		e.write("content/news/a.md", "---\ntitle: A\ndate: 2020-01-01\n---\nOne.\n")
		if err := os.Symlink("a.md", filepath.Join(e.dir, "content/news/b.md")); err != nil {
			t.Skip("no symbolic links here:", err)
		}
		s := newSession(t, os.DirFS(e.dir))
		e.step = 5 // a stamp well after the first
		up, err := s.Build(context.Background(), []string{e.write("content/news/a.md", "---\ntitle: A\ndate: 2020-01-01\n---\nTwo.\n")})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(page(t, up, "news/b/index.html"), "Two.") {
			t.Error("the page read through the link kept the target's old text")
		}
	})
	t.Run("case-only rename", func(t *testing.T) {
		e := &siteEditor{t: t, dir: t.TempDir(), r: rand.New(rand.NewPCG(1, 1))}
		e.write("content/_index.md", "---\ntitle: Site\n---\n")
		e.write("content/news/Launch.md", "---\ntitle: Launch\ndate: 2020-01-01\n---\nOne.\n")
		fsys := foldingFS{e.dir}
		s := newSession(t, fsys)
		if err := os.Rename(filepath.Join(e.dir, "content/news/Launch.md"), filepath.Join(e.dir, "content/news/launch.md")); err != nil {
			t.Fatal(err)
		}
		up, err := s.Build(context.Background(), []string{"content/news/Launch.md", "content/news/launch.md"})
		if err != nil {
			t.Fatalf("rebuild after a case-only rename: %v", err)
		}
		full, err := buildFS(t, fsys, Options{})
		if err != nil {
			t.Fatal(err)
		}
		compareOutputs(t, 1, nil, up.Files.Map(), full.files)
	})
}

// foldingFS finds names regardless of case, as macOS and Windows do.
type foldingFS struct{ dir string }

func (f foldingFS) real(name string) string {
	cur := f.dir
	if name == "." {
		return cur
	}
	for _, seg := range strings.Split(name, "/") {
		entries, _ := os.ReadDir(cur)
		for _, e := range entries {
			if strings.EqualFold(e.Name(), seg) {
				seg = e.Name()
				break
			}
		}
		cur = filepath.Join(cur, seg)
	}
	return cur
}

func (f foldingFS) Open(name string) (fs.File, error)          { return os.Open(f.real(name)) }
func (f foldingFS) Stat(name string) (fs.FileInfo, error)      { return os.Stat(f.real(name)) }
func (f foldingFS) ReadDir(name string) ([]fs.DirEntry, error) { return os.ReadDir(f.real(name)) }

// A build that stops before it lists everything (here: cancelled) leaves
// no listing behind: the next build walks, and sees what the stopped one
// was told.
func TestSessionStoppedBuildDropsListings(t *testing.T) {
	e := &siteEditor{t: t, dir: t.TempDir(), r: rand.New(rand.NewPCG(1, 1))}
	e.write("content/_index.md", "---\ntitle: Site\n---\n")
	e.write("content/news/a.md", "---\ntitle: A\ndate: 2020-01-01\n---\nOne.\n")
	s := NewSession(Options{Source: os.DirFS(e.dir), Builtin: bulletin.Theme, Now: fixedNow})
	s.TrustChanges()
	if _, err := s.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Build(cancelled, []string{e.write("assets/css/new.css", "p{}")}); err == nil {
		t.Fatal("a cancelled build succeeded")
	}
	up, err := s.Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !up.Files.Has("css/new.css") {
		t.Error("the stylesheet reported to the cancelled build is missing from the next one")
	}
}

// TestSessionReportsNewWarnings: a session logs a warning when it
// appears, not again on every rebuild while it stays, and again when it
// comes back after going.
func TestSessionReportsNewWarnings(t *testing.T) {
	e := &siteEditor{t: t, dir: t.TempDir(), r: rand.New(rand.NewPCG(1, 2))}
	e.write("content/_index.md", "---\ntitle: Site\n---\n")
	e.write("content/news/a.md", "---\ntitle: A\ndate: 2020-01-01\n---\nSee [B](b.md).\n")
	draft := "---\ntitle: B\ndate: 2020-01-02\ndraft: true\n---\nB.\n"
	e.write("content/news/b.md", draft)
	var logged strings.Builder
	s := NewSession(Options{Source: os.DirFS(e.dir), Builtin: bulletin.Theme, Now: fixedNow,
		Logger: slog.New(slog.NewTextHandler(&logged, &slog.HandlerOptions{Level: slog.LevelWarn}))})
	count := func() int { return strings.Count(logged.String(), `link to \"b.md\"`) }
	for i, step := range []struct {
		edit func() []string
		want int // times the warning was logged so far
	}{
		{func() []string { return nil }, 1},
		{func() []string { return []string{e.write("content/_index.md", "---\ntitle: Site 2\n---\n")} }, 1},
		{func() []string {
			return []string{e.write("content/news/b.md", strings.Replace(draft, "draft: true\n", "", 1))}
		}, 1},
		{func() []string { return []string{e.write("content/news/b.md", draft)} }, 2},
	} {
		e.step++
		if _, err := s.Build(context.Background(), step.edit()); err != nil {
			t.Fatal(err)
		}
		if got := count(); got != step.want {
			t.Fatalf("step %d: the warning was logged %d times, want %d:\n%s", i, got, step.want, logged.String())
		}
	}
}

// TestSessionLetsEarlierGraphsGo checks that a session's heap does not
// grow with its builds: a graph that kept a way to its builder kept,
// through the builder's page renderer, what the build before had, and a
// preview server's heap grew with every save until its collections took
// most of each rebuild.
func TestSessionLetsEarlierGraphsGo(t *testing.T) {
	e := &siteEditor{t: t, dir: t.TempDir(), r: rand.New(rand.NewPCG(1, 1))}
	for name, f := range benchSite(50) {
		e.write(name, string(f.Data))
	}
	mem := &Memory{}
	s := NewSession(Options{Source: os.DirFS(e.dir), Builtin: bulletin.Theme, Memory: mem})
	s.TrustChanges()
	const edited = "content/s0/2020-01-01-a0.md"
	orig, err := os.ReadFile(filepath.Join(e.dir, edited))
	if err != nil {
		t.Fatal(err)
	}
	build := func(i int) {
		t.Helper()
		// Written now, as an author saves: a file as new as the clock
		// is read again until the cache can trust its stamp.
		if err := os.WriteFile(filepath.Join(e.dir, edited), fmt.Appendf(bytes.Clone(orig), "\nEdit %d.\n", i), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Build(context.Background(), []string{edited}); err != nil {
			t.Fatal(err)
		}
		if err := mem.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	heapObjects := func() int {
		var ms runtime.MemStats
		runtime.GC()
		runtime.GC() // what sync.Pools kept through the first
		runtime.ReadMemStats(&ms)
		return int(ms.HeapObjects)
	}
	before := heapObjects()
	build(0)
	graph := heapObjects() - before // about what one build holds
	for i := range 4 {
		build(1 + i)
	}
	held := heapObjects()
	const more = 20
	for i := range more {
		build(10 + i)
	}
	grew := heapObjects() - held
	runtime.KeepAlive(s) // else the measure above counts without it
	if grew > graph/10 {
		t.Errorf("%d more builds grew the heap by %d objects (one build holds about %d)", more, grew, graph)
	}
}
