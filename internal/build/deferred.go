package build

import (
	"iter"
	"sync"

	"github.com/bulletin-ssg/bulletin/internal/render"
	"github.com/bulletin-ssg/bulletin/internal/site"
)

// deferred is the Markdown a build leaves in the render cache until the
// page that shows it is rendered. After an edit to one article, the
// other articles' pages stand as the previous output has them; taking
// each of 10,000 renderings out of the cache regardless was a fifth of
// such a rebuild. Their warnings are reported from the cache's notes,
// whose links are checked as a rendering's are, and their summaries
// (which lists and feeds show) come with the notes.
//
// A build defers only what it can prove it will not need unseen: the
// pages are rendered by the built-in templates alone, whose reads are
// known before rendering (render.BuiltinReads), and a deferred page
// carries what its digests cover of its Markdown (the summary from the
// notes, the content by its ContentSum), so the graph is digested, and
// compared with the last build's, without it. A page that shows a
// deferred page's content asks need first.
type deferred struct {
	byPath map[string]int // site path -> index in the build's pages, of each page waiting
	once   []sync.Once
	errs   []error
	// render gives page i its Markdown (from the cache, or rendered) and
	// reports no warning: they were reported from its notes.
	render func(i int) error
}

// newDeferred defers the pages of waiting (indexes into pages).
func newDeferred(pages []*site.Page, waiting []bool, render func(i int) error) *deferred {
	d := &deferred{byPath: make(map[string]int, len(pages)), once: make([]sync.Once, len(pages)), errs: make([]error, len(pages)), render: render}
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

// need gives every page whose content reads shows that Markdown. (A
// summary, which lists and feeds show, came with the notes.)
func (d *deferred) need(reads iter.Seq[render.Dep]) error {
	if d == nil {
		return nil
	}
	for r := range reads {
		if r.Group == render.GroupContent {
			if err := d.get(r.ID); err != nil {
				return err
			}
		}
	}
	return nil
}
