package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bulletin-ssg/bulletin"
	"github.com/bulletin-ssg/bulletin/internal/filesum"
	"github.com/bulletin-ssg/bulletin/internal/output"
	"github.com/bulletin-ssg/bulletin/internal/rcache"
	"github.com/bulletin-ssg/bulletin/internal/render"
)

// stagingSink writes a build into an output folder, as the CLI does, and
// counts the pages it kept from the previous output.
type stagingSink struct {
	*output.Staging
	kept     *atomic.Int64
	keptRels *sync.Map // of every file kept, not only pages
}

func (s stagingSink) Copy(rel string, f File) error { return s.Staging.Copy(rel, f.FS, f.Name) }

func (s stagingSink) Keep(rel string, sum filesum.Sum) bool {
	ok := s.Staging.Keep(rel, sum)
	if ok {
		s.kept.Add(1)
		s.keptRels.Store(rel, true)
	}
	return ok
}

// readOutput reads an output folder, without bulletin's manifest.
func readOutput(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel == output.ManifestFile {
			return nil
		}
		data, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// cliBuilds builds a site again and again as successive `bulletin build`
// processes do: into one output folder, each with the memories (through
// their encodings) and the render cache the last successful one left.
type cliBuilds struct {
	t        *testing.T
	site     string
	dest     string
	cacheDir string // "" for no render cache
	memory   []byte
	files    []byte
	kept     atomic.Int64
	keptRels sync.Map // files the last build kept
	recalled int
	rendered int
	// bodiesOnly counts the builds that digested few of their pages (an
	// edit to articles' text alone: see builder.bodiesOnly).
	bodiesOnly int
	// deferred counts the builds that left some pages' Markdown in the
	// render cache (see deferred).
	deferred int
	// searched counts the pages the builds indexed for search, and
	// searchRead those read for it (not recalled from the last build).
	searched, searchRead int
	warnings             []string // the last build's, sorted
	drafts               bool     // build with drafts
	// lostCommit makes the next build's output commit fail after its
	// file memory was saved (the CLI saves it during the commit).
	lostCommit bool
	now        time.Time // the builds' clock; fixedNow when zero
	// source, when set, wraps the site's folder the builds read.
	source func(fs.FS) fs.FS
}

func newCLIBuilds(t *testing.T, site string, withCache bool) *cliBuilds {
	c := &cliBuilds{t: t, site: site, dest: filepath.Join(t.TempDir(), "public")}
	if withCache {
		c.cacheDir = t.TempDir()
	}
	return c
}

// build runs one build and, when it succeeds, commits its output and
// keeps what it leaves for the next. It returns a fresh full build of
// the same site, that build's error, and its own.
func (c *cliBuilds) build() (full *memSink, fullErr, err error) {
	t := c.t
	var store *rcache.Store
	if c.cacheDir != "" {
		if store, err = rcache.Open(c.cacheDir); err != nil {
			t.Fatal(err)
		}
	}
	last, lastFiles := c.memory, c.files
	pages, files := NewPageMemory(func() []byte { return last }), NewFileMemory(func() []byte { return lastFiles })
	now := c.now
	if now.IsZero() {
		now = fixedNow
	}
	src := os.DirFS(c.site)
	if c.source != nil {
		src = c.source(src)
	}
	opts := Options{Source: src, Builtin: bulletin.Theme, Now: now, Memory: &Memory{store: store, pages: pages, files: files}, Drafts: c.drafts}
	stage, err := output.Begin(c.dest, c.site, "public", output.Options{CleanDest: true})
	if err != nil {
		t.Fatal(err)
	}
	c.keptRels.Clear()
	res, err := Build(context.Background(), opts, stagingSink{stage, &c.kept, &c.keptRels})
	full, fullErr = buildFS(t, os.DirFS(c.site), Options{Now: now, Drafts: c.drafts})
	if err != nil {
		stage.Abort()
		return full, fullErr, err
	}
	if c.lostCommit {
		c.lostCommit = false
		stage.Abort()
		c.files = files.Encode()
		return full, fullErr, errLostCommit
	}
	if err := stage.Commit(); err != nil {
		t.Fatal(err)
	}
	if store != nil {
		// As the CLI does: the render cache and the search memory are
		// kept in the store's folder.
		if err := opts.Memory.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	c.memory, c.files = pages.Encode(), files.Encode()
	c.searchRead += res.SearchRead
	for _, l := range res.Site.Languages {
		if l.SearchPage != nil {
			c.searched += len(l.Pages)
		}
	}
	c.recalled += files.Recalled()
	c.rendered += res.Pages
	if res.Digested > 0 && res.Digested < res.Pages/2 {
		c.bodiesOnly++
	}
	if res.Deferred > 0 {
		c.deferred++
	}
	c.warnings = sortedText(res.Warnings)
	if store != nil {
		c.digestsAreFresh(opts)
	}
	return full, fullErr, nil
}

// digestsAreFresh fails unless the page memory the last build left holds
// the digests of the graph it built, as a build from scratch takes them
// (with a render cache of its own: content is digested by its cache key).
// A build that took them from an earlier memory, or from pages whose
// Markdown it left in the cache, must have got them right.
func (c *cliBuilds) digestsAreFresh(opts Options) {
	t := c.t
	t.Helper()
	st, err := decodeState(c.memory)
	if err != nil || st == nil {
		t.Fatalf("page memory: %v", err)
	}
	store, err := rcache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	res, err := Build(context.Background(), Options{Source: os.DirFS(c.site), Builtin: opts.Builtin, Now: opts.Now, Drafts: opts.Drafts, Memory: &Memory{store: store}}, newMemSink())
	if err != nil {
		t.Fatal(err)
	}
	want := render.Digest(res.Site)
	if st.digests.Site != want.Site {
		t.Fatal("the page memory's site digests are not the graph's")
	}
	for path, d := range want.Pages {
		if st.digests.Pages[path] != d {
			t.Fatalf("the page memory's digests of %s are not the page's", path)
		}
	}
	if len(st.digests.Pages) != len(want.Pages) {
		t.Fatalf("the page memory has digests of %d pages, the graph %d", len(st.digests.Pages), len(want.Pages))
	}
}

// sameAsFull fails unless the output folder holds exactly the files of
// full, a fresh build, and the last build warned as it did.
func (c *cliBuilds) sameAsFull(step string, full *memSink) {
	c.t.Helper()
	got := readOutput(c.t, c.dest)
	want := full.files
	for name, w := range want {
		if !bytes.Equal(got[name], w) {
			c.t.Fatalf("%s: %s differs:\nwith memory: %s\nfull: %s", step, name, got[name], w)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			c.t.Fatalf("%s: stale %s", step, name)
		}
	}
	if !slices.Equal(c.warnings, full.warnings) {
		c.t.Fatalf("%s: warnings differ:\nwith memory: %q\nfull: %q", step, c.warnings, full.warnings)
	}
}

// TestPageMemoryEqualsFullBuild is what `bulletin build` after `bulletin
// build` rests on: after any sequence of edits, an output built with the
// last build's page memory (through its encoding, as the CLI keeps it)
// is byte for byte a fresh build's, and pages nothing they read changed
// in are kept, not rendered. The edits switch pages between the built-in
// templates (whose reads are known) and a site layout (recorded).
func TestPageMemoryEqualsFullBuild(t *testing.T) {
	seeds := []uint64{1, 2, 3, 4}
	steps := 40
	if testing.Short() {
		seeds, steps = seeds[:2], 15
	}
	bodiesOnly, deferred := 0, 0
	for _, seed := range seeds {
		// Odd seeds keep a render cache as the CLI does; even seeds have
		// none, so every remembered file's body is read when rendered.
		withCache := seed%2 == 1
		t.Run(fmt.Sprintf("seed%d-cache=%v", seed, withCache), func(t *testing.T) {
			trustStamps(t)
			e := &siteEditor{t: t, dir: t.TempDir(), r: rand.New(rand.NewPCG(seed, 11))}
			if seed >= 3 { // and these a search index, which reads every article
				e.settings = "search: true\n"
			}
			e.withPhotos()
			e.write("content/_index.md", "---\ntitle: Site\npaginate: 2\n"+e.settings+"---\nHello.\n")
			for i := range 6 {
				e.write(fmt.Sprintf("content/news/a%d.md", i), e.article(fmt.Sprintf("A%d", i)))
			}
			c := newCLIBuilds(t, e.dir, withCache)
			read := 0
			for step := 0; step <= steps; step++ {
				full, fullErr, err := c.build()
				if (err == nil) != (fullErr == nil) {
					t.Fatalf("step %d: error %v, full build error %v", step, err, fullErr)
				}
				if err != nil {
					if errText(err) != errText(fullErr) {
						t.Fatalf("step %d: errors differ:\nwith memory: %s\nfull: %s", step, errText(err), errText(fullErr))
					}
				} else {
					read += len(e.files("content"))
					c.sameAsFull(fmt.Sprintf("step %d", step), full)
				}
				e.edit()
			}
			// Most edits touch a few pages: most pages must have been kept.
			t.Logf("kept %d of %d pages; recalled %d of %d files", c.kept.Load(), c.rendered, c.recalled, read)
			if c.recalled < read/4 {
				t.Errorf("recalled %d of %d files", c.recalled, read)
			}
			t.Logf("%d builds digested only pages whose bodies changed, %d deferred Markdown", c.bodiesOnly, c.deferred)
			t.Logf("read %d of %d pages indexed for search", c.searchRead, c.searched)
			if withCache && c.searched > 0 && c.searchRead > c.searched/2 {
				t.Errorf("read %d of %d pages indexed for search: the last build's records were not used", c.searchRead, c.searched)
			}
			bodiesOnly += c.bodiesOnly
			deferred += c.deferred
			if c.kept.Load() < int64(c.rendered)/4 {
				t.Errorf("kept %d of %d pages", c.kept.Load(), c.rendered)
			}
		})
	}
	// Body edits are one step in six or so, though a seed whose edits
	// leave the site broken for long may have none that builds: across
	// the seeds, some builds must have digested only the edited pages,
	// and some deferred Markdown, or those ways are never tested.
	if steps > 20 && (bodiesOnly == 0 || deferred == 0) {
		t.Errorf("%d builds digested only pages whose bodies changed, %d deferred Markdown: both ways must be tested", bodiesOnly, deferred)
	}
}

// TestPageMemoryLinkTargets: a page whose own file did not change is
// rendered again when a page it links to moves, is unpublished, or comes
// back, in builds that remember pages, files and rendered Markdown.
func TestPageMemoryLinkTargets(t *testing.T) {
	trustStamps(t)
	e := &siteEditor{t: t, dir: t.TempDir(), r: rand.New(rand.NewPCG(1, 1))}
	e.write("content/_index.md", "---\ntitle: Site\n---\n")
	// B is in another section: not A's neighbour, only its link.
	e.write("content/news/a.md", "---\ntitle: A\ndate: 2020-01-01\n---\nSee [B](../events/b.md).\n")
	e.write("content/news/c.md", "---\ntitle: C\ndate: 2020-01-03\n---\nC.\n")
	b := "---\ntitle: B\ndate: 2020-01-02\n---\nB.\n"
	e.write("content/events/b.md", b)
	c := newCLIBuilds(t, e.dir, true)
	for i, step := range []struct {
		name string
		edit func()
	}{
		{"first build", func() {}},
		{"target moves", func() { e.write("content/events/b.md", strings.Replace(b, "---\nB.", "slug: bee\n---\nB.", 1)) }},
		{"target unpublished", func() { e.write("content/events/b.md", strings.Replace(b, "---\nB.", "draft: true\n---\nB.", 1)) }},
		{"target back", func() { e.write("content/events/b.md", b) }},
	} {
		e.step++
		step.edit()
		before := c.kept.Load()
		full, _, err := c.build()
		if err != nil {
			t.Fatal(err)
		}
		c.sameAsFull(step.name, full)
		if i > 0 && c.kept.Load() == before {
			t.Errorf("%s: nothing kept", step.name)
		}
	}
}

// TestPageMemoryFileTargets: a page whose own file did not change is
// rendered again when a file it names by path (an image) appears or
// goes, in builds that remember pages and files, though the only
// Markdown edited is another article's text.
func TestPageMemoryFileTargets(t *testing.T) {
	for _, withCache := range []bool{false, true} {
		t.Run(fmt.Sprintf("cache=%v", withCache), func(t *testing.T) {
			trustStamps(t)
			e := &siteEditor{t: t, dir: t.TempDir(), r: rand.New(rand.NewPCG(1, 1))}
			e.write("content/_index.md", "---\ntitle: Site\n---\n")
			e.write("content/news/a.md", "---\ntitle: A\ndate: 2020-01-01\n---\n![p](images/p.png)\n")
			c := "---\ntitle: C\ndate: 2020-01-03\n---\nC.\n"
			e.write("content/news/c.md", c)
			builds := newCLIBuilds(t, e.dir, withCache)
			for i, step := range []struct {
				name string
				edit func()
			}{
				{"first build", func() {}},
				{"image appears", func() { e.write("content/news/images/p.png", "PNG") }},
				{"image goes", func() { e.remove("content/news/images/p.png") }},
				{"image back", func() { e.write("content/news/images/p.png", "PNG") }},
				{"a photo in its place", func() { e.write("content/news/images/p.png", string(smallPNG(t, 30, 10))) }},
				{"a photo of another size", func() { e.write("content/news/images/p.png", string(smallPNG(t, 20, 10))) }},
			} {
				e.step++
				step.edit()
				e.write("content/news/c.md", c+fmt.Sprintf("Edit %d.\n", i)) // the text alone
				full, _, err := builds.build()
				if err != nil {
					t.Fatal(err)
				}
				builds.sameAsFull(step.name, full)
			}
		})
	}
}

// TestPageMemoryKeepsFeeds: feeds and the sitemap stay as the previous
// build wrote them while no page changed in what they read (a body edited
// past its summary), and are written anew when a title changes.
func TestPageMemoryKeepsFeeds(t *testing.T) {
	trustStamps(t)
	e := &siteEditor{t: t, dir: t.TempDir(), r: rand.New(rand.NewPCG(1, 1))}
	e.write("content/_index.md", "---\ntitle: Site\nbaseURL: https://example.com/\n---\n")
	a := "---\ntitle: A\ndate: 2020-01-01\n---\nLead.\n\n<!--more-->\n\nBody.\n"
	e.write("content/news/a.md", a)
	e.write("content/news/b.md", "---\ntitle: B\ndate: 2020-01-02\n---\nB.\n")
	feeds := []string{"sitemap.xml", "index.xml", "atom.xml", "news/index.xml"}
	c := newCLIBuilds(t, e.dir, true)
	for _, step := range []struct {
		name string
		edit func()
		kept bool
	}{
		{"first build", func() {}, false},
		{"body past the summary", func() { e.write("content/news/a.md", a+"More body.\n") }, true},
		{"title", func() { e.write("content/news/a.md", strings.Replace(a, "title: A", "title: A2", 1)) }, false},
	} {
		e.step++
		step.edit()
		full, _, err := c.build()
		if err != nil {
			t.Fatal(err)
		}
		c.sameAsFull(step.name, full)
		for _, f := range feeds {
			if _, kept := c.keptRels.Load(f); kept != step.kept {
				t.Errorf("%s: %s kept %v, want %v", step.name, f, kept, step.kept)
			}
		}
	}
}

// TestDeferredMarkdown: after an edit to one article, the other pages'
// Markdown stays in the render cache, their warnings reported from its
// notes, until a list that shows them is rendered again; a note whose
// links resolve otherwise now (a build with drafts filled the cache) is
// not trusted, and its page is rendered. After an edit to front matter
// every page is digested, a waiting one from its notes (its summary, or
// the front matter's, and its content's identity): cliBuilds checks the
// digests against a fresh graph's.
func TestDeferredMarkdown(t *testing.T) {
	trustStamps(t)
	e := &siteEditor{t: t, dir: t.TempDir(), r: rand.New(rand.NewPCG(1, 1))}
	// One article a page: A's list pages do not show B, the feeds show both.
	e.write("content/_index.md", "---\ntitle: Site\npaginate: 1\n---\nHello.\n")
	// A's warnings (a draft linked, raw HTML dropped, a Hexo tag) come
	// from the notes when its Markdown waits, with their codes.
	e.write("content/news/a.md", "---\ntitle: A\ndate: 2020-01-01\n---\nA links to [D](d.md).\n\n<video src=\"a.mp4\">\n\n{% asset_img a.png %}\n")
	e.write("content/news/d.md", "---\ntitle: D\ndate: 2020-01-04\ndraft: true\n---\nD.\n")
	b := "---\ntitle: B\ndate: 2020-01-02\n---\nB.\n"
	e.write("content/news/b.md", b)
	e.write("content/news/c.md", "---\ntitle: C\ndate: 2019-12-31\nsummary: C in *short*.\n---\nC at length.\n")
	c := newCLIBuilds(t, e.dir, true)
	drafts := newCLIBuilds(t, e.dir, false)
	drafts.cacheDir, drafts.drafts = c.cacheDir, true
	c.steps(
		func() {},
		// B's summary changes: the feeds show A's summary, from the notes.
		func() { e.write("content/news/b.md", b+"More of B.\n") },
	)
	if c.deferred != 1 {
		t.Errorf("%d builds deferred Markdown, want 1 (the body edit)", c.deferred)
	}
	if len(c.warnings) != 3 || !strings.Contains(c.warnings[0], "d.md") || !strings.HasSuffix(c.warnings[0], "[linked-draft]") ||
		!strings.Contains(c.warnings[1], "<video …>") || !strings.HasSuffix(c.warnings[1], "[raw-html]") ||
		!strings.HasSuffix(c.warnings[2], "{% asset_img … %} (bulletin shows it as written) [foreign-tag]") {
		t.Errorf("warnings %q, want A's Hexo tag, link to the draft and raw HTML", c.warnings)
	}
	drafts.steps(func() {})
	c.steps(func() { e.write("content/news/b.md", b+"Still more of B.\n") })
	c.steps(func() { e.write("content/news/b.md", strings.Replace(b, "title: B", "title: B2", 1)) })
	if c.deferred != 3 || c.bodiesOnly != 2 {
		t.Errorf("%d builds deferred Markdown, %d digested only edited pages; want 3 and 2", c.deferred, c.bodiesOnly)
	}
}

var errLostCommit = errors.New("the output's commit failed")

// TestBodiesOnlyNotWithAnotherBuildsMemory: a build whose output commit
// failed saved its file memory but not its page memory; the next build
// must not take the two for one build's. Were it to, a title edited in
// the failed build would be recalled from the file memory (the file is
// not read again) and missing from the page memory's digests: an edit to
// another article's text would keep the old title's page.
func TestBodiesOnlyNotWithAnotherBuildsMemory(t *testing.T) {
	trustStamps(t)
	e := &siteEditor{t: t, dir: t.TempDir(), r: rand.New(rand.NewPCG(1, 1))}
	e.write("content/_index.md", "---\ntitle: Site\n---\nHello.\n")
	e.write("content/news/a.md", "---\ntitle: A\ndate: 2020-01-01\n---\nA.\n")
	e.write("content/news/b.md", "---\ntitle: B\ndate: 2020-01-02\n---\nB.\n")
	c := newCLIBuilds(t, e.dir, true)
	c.steps(func() {})
	e.write("content/news/a.md", "---\ntitle: A2\ndate: 2020-01-01\n---\nA.\n")
	c.lostCommit = true
	if _, _, err := c.build(); err != errLostCommit {
		t.Fatalf("the failing build: %v", err)
	}
	c.steps(func() { e.write("content/news/b.md", "---\ntitle: B\ndate: 2020-01-02\n---\nB, edited.\n") })
	if c.bodiesOnly != 0 {
		t.Errorf("%d builds digested only the edited pages, want 0", c.bodiesOnly)
	}
}

// steps makes each change and builds after it, and fails unless the
// build succeeds and its output is a fresh full build's.
func (c *cliBuilds) steps(changes ...func()) {
	c.t.Helper()
	for step, change := range changes {
		change()
		full, fullErr, err := c.build()
		if err != nil || fullErr != nil {
			c.t.Fatalf("step %d: %v, full build: %v", step, err, fullErr)
		}
		c.sameAsFull(fmt.Sprintf("step %d", step), full)
	}
}

// TestBodiesOnlyNotWhenAFileGoes: removing a Markdown file reads no file,
// yet changes pages that have no file of their own to change (a section
// without its _index.md is titled by its folder): such a build digests
// every page again, not only the pages of the files it read.
func TestBodiesOnlyNotWhenAFileGoes(t *testing.T) {
	trustStamps(t)
	e := &siteEditor{t: t, dir: t.TempDir(), r: rand.New(rand.NewPCG(1, 1))}
	e.write("content/_index.md", "---\ntitle: Site\n---\nHello.\n")
	e.write("content/news/_index.md", "---\ntitle: Company news\n---\n")
	e.write("content/news/a.md", "---\ntitle: A\ndate: 2020-07-30 16:20\n---\nText.\n")
	c := newCLIBuilds(t, e.dir, true)
	c.steps(
		func() {},
		func() { e.write("content/news/a.md", "---\ntitle: A\ndate: 2020-07-30 16:20\n---\nOther text.\n") },
		func() { e.remove("content/news/_index.md") },
	)
	if c.bodiesOnly != 1 {
		t.Errorf("%d builds digested only the edited pages, want 1 (the body edit)", c.bodiesOnly)
	}
}

// TestBodiesOnlyNotWhenTimePublishes: an article dated in the future is
// published once its time comes, though no file changed: that build
// digests every page (the lists gained one).
func TestBodiesOnlyNotWhenTimePublishes(t *testing.T) {
	trustStamps(t)
	e := &siteEditor{t: t, dir: t.TempDir(), r: rand.New(rand.NewPCG(1, 1))}
	e.write("content/_index.md", "---\ntitle: Site\n---\nHello.\n")
	e.write("content/news/a.md", "---\ntitle: A\ndate: 2020-07-30 16:20\n---\nText.\n")
	e.write("content/news/b.md", "---\ntitle: Tomorrow\ndate: 2026-11-30 09:00\n---\nText.\n")
	c := newCLIBuilds(t, e.dir, true)
	c.steps(
		func() {},
		// Each edit moves the file's time, as saving it does: the two
		// texts have the same size.
		func() {
			e.step++
			e.write("content/news/a.md", "---\ntitle: A\ndate: 2020-07-30 16:20\n---\nOther text.\n")
		},
		func() {
			e.step++
			e.write("content/news/a.md", "---\ntitle: A\ndate: 2020-07-30 16:20\n---\nThird text.\n")
			c.now = fixedNow.Add(48 * time.Hour)
		},
	)
	if c.bodiesOnly != 1 {
		t.Errorf("%d builds digested only the edited pages, want 1 (the first body edit)", c.bodiesOnly)
	}
}
