// Package build is the pipeline: site files in, output files out.
//
//	load     read content/ (front matter of every file, in parallel)
//	pages    one content.Page per file, cascade applied, unpublished left out
//	graph    site.New: URLs, lists, taxonomies, collisions
//	theme    parse the site's layouts over the built-in theme
//	markdown render every body once, links resolved against the graph;
//	         in a build from scratch, a page that reads no other page's
//	         Markdown is written as soon as its own is rendered (streamed)
//	write    render every other output and hand its bytes to the sink,
//	         in parallel
//
// Build reads only from an fs.FS and writes only to a Sink, so tests build
// whole sites in memory. Errors are collected per stage and reported
// together; a stage that failed stops the pipeline. Nothing is handed to
// the sink once a stage has failed; a page streamed before a later page's
// Markdown failed was, and the sink holds it until the caller commits
// (output.Staging): a failed build leaves the output as it was.
package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/config"
	"github.com/bulletin-ssg/bulletin/internal/diag"
	"github.com/bulletin-ssg/bulletin/internal/i18n"
	"github.com/bulletin-ssg/bulletin/internal/markdown"
	"github.com/bulletin-ssg/bulletin/internal/site"
	"github.com/bulletin-ssg/bulletin/internal/theme"
)

// Options are what one build needs.
type Options struct {
	Source  fs.FS // the site: content/, layouts/, assets/
	Builtin fs.FS // the built-in theme: layouts/, assets/
	BaseURL string
	Drafts  bool
	Future  bool
	Expired bool
	Now     time.Time
	Logger  *slog.Logger
	// Memory, when set, carries work over from the previous build of
	// the same site (see Memory); the output is the same with or without
	// it.
	Memory *Memory
	// NoOutput renders every output as a build does, so that it fails
	// exactly where a build would (a template's error included), and
	// hands nothing to the sink (bulletin check).
	NoOutput bool
	// ContentSize, when set, is told the size of content/'s Markdown files once
	// the build has listed them (the CLI sizes its memory limit by it).
	ContentSize func(bytes int64)
	// HTMLTemplateOnly runs the templates with html/template alone, not
	// its faster stand-in (theme.Env.HTMLTemplateOnly), as the settings'
	// htmlTemplateOnly does: for a theme that renders differently with
	// it, and for tests, which compare the two builds.
	HTMLTemplateOnly bool
	// IndexNowKey, when set, is written at the output's root as
	// <key>.txt, the file by which IndexNow checks that whoever submits
	// the site's URLs owns it (bulletin push). The caller checks it is a
	// key IndexNow accepts, which makes it a safe file name.
	IndexNowKey string
	// Minify minifies the HTML, XML and JSON output, as the settings'
	// minify: true does.
	Minify bool
	// LiveAssets makes the asset function give an asset's own name and
	// integrity nothing, for the preview server: there a stylesheet an
	// author saves is swapped into the open page, which a name by its
	// bytes (every page would change with it) and the old bytes'
	// integrity would both prevent.
	LiveAssets bool
}

// Sink receives the output files. Its methods are called concurrently.
type Sink interface {
	// Write stores one file. data is the caller's again once Write
	// returns (its buffer renders the next page): a sink that keeps it
	// copies it. Only a build with a Cache hands over bytes it keeps for
	// good, and its sink (a Session's) may keep them as they are.
	Write(rel string, data []byte) error
	// Copy stores a file as it is (an asset, a bundle's image).
	Copy(rel string, f File) error
}

// discardSink is the sink of a build whose output nobody keeps.
type discardSink struct{}

func (discardSink) Write(string, []byte) error { return nil }
func (discardSink) Copy(string, File) error    { return nil }

// pageSink is a Sink that takes HTML pages by reference (a Session's):
// it is told where each page is in the graph and the digest of its bytes,
// and given the bytes only when the page was rendered in this build (data
// is nil for a page the previous build's still stands for; as with Write,
// data is the caller's again once WritePage returns).
type pageSink interface {
	Sink
	WritePage(rel string, ref pageRef, data []byte) error
	// Previous returns the previous build's bytes of a file that is not a
	// page, to be written again unchanged.
	Previous(rel string) ([]byte, bool)
}

// File is a file to copy into the output.
type File struct {
	FS   fs.FS
	Name string // path in FS
	// Site is true for the site's own files (Name is then the site-relative
	// path the watcher reports) and false for the built-in theme's.
	Site bool
}

// Result sums up a build.
type Result struct {
	Pages int // HTML pages written (list pages count once per page)
	Kept  int // of those, pages left as the previous output had them (Options.Pages)
	Files int // every file written
	// Digested counts the pages whose digests this build took for the
	// next (Options.Pages): every page, or after edits to articles' text
	// alone, those articles' pages.
	Digested int
	// Deferred counts the pages whose Markdown the build left in the
	// render cache (see deferred): their own pages stood as they were.
	// Such a page of Site has its Summary and ContentSum, but no Doc,
	// Content, TOC, WordCount or ReadingTime.
	Deferred int
	// SearchRead counts the pages read for the search index: every
	// indexed page the first time, then those whose text, title,
	// section or date changed (the others' records are the last
	// build's).
	SearchRead int
	Site       *site.Site
	themes     themes // render a session's pages again when asked
	// Warnings are problems that do not stop a build (a link to a draft).
	Warnings []error
}

// Build runs the whole pipeline. The error is the site's errors joined
// (each a diag.Error where it has a place), or what stopped the build.
func Build(ctx context.Context, opts Options, sink Sink) (*Result, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	if opts.NoOutput {
		sink = discardSink{}
	}
	mem := opts.Memory
	if mem == nil {
		mem = &Memory{}
	}
	mem.forBuild(!opts.NoOutput)
	b := &builder{opts: opts, mem: mem, log: opts.Logger, sink: sink, broken: map[string]bool{}, unpublished: map[string]bool{}}
	b.id = newBuildID()
	steps := []struct {
		name string
		run  func(context.Context) error
	}{
		{"load", b.load},
		{"pages", b.pages},
		{"graph", b.graphAndTheme}, // and the theme, beside it
		{"markdown", b.markdown},
		{"write", b.write},
	}
	for _, step := range steps {
		if step.name == "write" && len(b.errs) > 0 {
			// Every stage before this one reported what it found; nothing
			// is written from a site with errors.
			return &Result{Site: b.site, Warnings: b.warnings}, diag.Sorted(b.errs)
		}
		start := time.Now()
		if err := step.run(ctx); err != nil {
			return nil, err
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		b.log.Debug("stage done", "stage", step.name, "took", time.Since(start))
	}
	if b.mem.files != nil && !opts.NoOutput {
		b.mem.files.done, b.mem.files.build = true, b.id
	}
	b.reportTemplates(ctx)
	res := &Result{Pages: int(b.pagesWritten.Load()), Kept: int(b.pagesKept.Load()), Files: int(b.filesWritten.Load()), Site: b.site, themes: b.themes(), Warnings: b.warnings}
	if b.out != nil {
		res.Digested = b.out.pages.digested
		res.Deferred = b.later.count()
		for _, sl := range b.out.searchLanguages {
			res.SearchRead += int(sl.read.Load())
		}
	}
	return res, nil
}

// builder carries one build's data from stage to stage.
type builder struct {
	opts Options
	mem  *Memory // never nil: a memory of nothing when the build has none
	log  *slog.Logger
	sink Sink

	settings *config.Settings
	sources  []*source  // every Markdown file, home first
	files    []string   // content-relative paths of other content files
	images   siteImages // content's image files, by content-relative path
	// assetImages are the photos of the site's assets/, by path under
	// assets/ (each also an asset's image)
	assetImages siteImages
	// imagesKey is imagesDigest, once the load stage knows every photo.
	imagesKey string
	assets    []asset
	site      *site.Site
	md        *markdown.Renderer // the default language's (langs[settings.Language])
	templates *theme.Theme       // the default language's
	// langs are the Markdown renderer and templates of every language
	// the site's pages are in (a page's lang: may name one the settings
	// do not), by tag: their words and dates differ.
	langs map[string]*language
	words *i18n.Set // the built-in interface words and the site's own (layouts/i18n)
	out   *outputs  // the write stage's jobs, once known
	later *deferred // Markdown the markdown stage left in the render cache
	id    buildID   // stamped on the memories this build leaves

	// errs collects the site's errors; a stage records them and goes on
	// with what it could read, so one run reports every error it can find.
	// (The graph and the theme record theirs at the same time.)
	errs   []error
	errsMu sync.Mutex
	// broken are content-relative Markdown files that failed to read:
	// links to them are not reported again as missing.
	broken map[string]bool
	// unpublished are content-relative files left out of this build.
	unpublished map[string]bool
	warnings    []error

	mu sync.Mutex
	// counted by every writer: atomics, not b.mu
	pagesWritten atomic.Int64
	pagesKept    atomic.Int64
	filesWritten atomic.Int64
}

// fail records the site's errors.
func (b *builder) fail(err error) {
	if err != nil {
		b.errsMu.Lock()
		b.errs = append(b.errs, err)
		b.errsMu.Unlock()
	}
}

// parallel runs fn for 0..n-1 on every core and joins the errors in a
// stable order.
func parallel(ctx context.Context, n int, fn func(i int) error) error {
	return parallelN(ctx, runtime.GOMAXPROCS(0), n, fn)
}

// parallelN is parallel with a given number of workers. Each takes the
// next index from a counter: handing the indexes out over a channel cost
// a switch between goroutines for each, and on two cores a stage of a
// large site's many small items (a warm build's pages) ran little faster
// than on one.
func parallelN(ctx context.Context, workers, n int, fn func(i int) error) error {
	workers = min(workers, max(n, 1))
	var (
		mu   sync.Mutex
		errs []error
		wg   sync.WaitGroup
		next atomic.Int64
	)
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n && ctx.Err() == nil; i = int(next.Add(1) - 1) {
				if err := fn(i); err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	return diag.Sorted(errs)
}

// stageError names the stage when an error has no file of its own.
func stageError(stage string, err error) error {
	if err == nil {
		return nil
	}
	var d *diag.Error
	if errors.As(err, &d) {
		return err
	}
	return fmt.Errorf("%s: %w", stage, err)
}
