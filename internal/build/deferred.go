package build

import (
	"context"
	"iter"
	"sync"

	"github.com/bulletin-ssg/bulletin/internal/render"
	"github.com/bulletin-ssg/bulletin/internal/site"
)

// deferred is the Markdown a build leaves in the render cache until a
// page that shows it is rendered. After an edit to an article's text, the
// other articles' pages, and the lists and feeds that do not show the
// edited one, stand as the previous output has them; taking each of
// 10,000 renderings out of the cache regardless was a fifth of such a
// rebuild. Their warnings are reported from the cache's notes, whose links
// are checked as a rendering's are.
//
// A build defers only what it can prove it will not need unseen: the
// pages are rendered by the built-in templates alone, whose reads are
// known before rendering (render.BuiltinReads), and the graph differs
// from the remembered one in the read files' bodies alone
// (builder.bodiesOnly), so no page is digested from a deferred page's
// Markdown. Anything that needs a deferred page's Markdown asks need or
// needAll first.
type deferred struct {
	pages  []*site.Page
	byPath map[string]int // site path -> index in pages, of each page waiting
	once   []sync.Once
	errs   []error
	// render gives page i its Markdown (from the cache, or rendered) and
	// reports no warning: they were reported from its notes.
	render func(i int) error
}

// newDeferred defers the pages of waiting (indexes into pages).
func newDeferred(pages []*site.Page, waiting []bool, render func(i int) error) *deferred {
	d := &deferred{pages: pages, byPath: make(map[string]int, len(pages)), once: make([]sync.Once, len(pages)), errs: make([]error, len(pages)), render: render}
	for i, w := range waiting {
		if w {
			d.byPath[pages[i].Path] = i
		}
	}
	return d
}

// count is how many pages' Markdown waits (or waited) in this build.
func (d *deferred) count() int {
	if d == nil {
		return 0
	}
	return len(d.byPath)
}

// get gives the page at path its Markdown, if it is waiting for it.
func (d *deferred) get(path string) error {
	i, ok := d.byPath[path]
	if !ok {
		return nil
	}
	d.once[i].Do(func() { d.errs[i] = d.render(i) })
	return d.errs[i]
}

// need gives every page whose Markdown reads shows (its summary or its
// content) that Markdown.
func (d *deferred) need(reads iter.Seq[render.Dep]) error {
	if d == nil {
		return nil
	}
	for r := range reads {
		if r.Group == render.GroupSummary || r.Group == render.GroupContent {
			if err := d.get(r.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

// needPages gives pages their Markdown.
func (d *deferred) needPages(pages []*site.Page) error {
	if d == nil {
		return nil
	}
	for _, p := range pages {
		if err := d.get(p.Path); err != nil {
			return err
		}
	}
	return nil
}

// needAll gives every waiting page its Markdown, on every core: the
// graph is to be digested whole after all.
func (d *deferred) needAll(ctx context.Context) error {
	if d == nil {
		return nil
	}
	return parallel(ctx, len(d.pages), func(i int) error {
		return d.get(d.pages[i].Path)
	})
}
