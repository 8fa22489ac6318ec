package build

import (
	"errors"
	"sync"

	"github.com/bulletin-ssg/bulletin/internal/site"
)

// deferred is the Markdown a build leaves in the render cache until a
// template reads it. After an edit to one article, the other articles'
// pages stand as the previous output has them; taking every rendering of
// a large site out of the cache regardless was a large part of such a
// rebuild.
// Their warnings are reported from the cache's notes, whose links are
// checked as a rendering's are, and their summaries (which lists and
// feeds show) come with the notes.
//
// A waiting page carries what its digests cover of its Markdown (the
// summary from the notes, the content by its ContentSum), so the graph
// is digested, and compared with the last build's, without it. Its
// rendering is taken when a template first reads its content, whatever
// the template (site.Page.Await): nothing needs to know beforehand what
// a page will read.
type deferred struct {
	waiting int
	once    []sync.Once
	errs    []error
	// render gives page i its Markdown (from the cache, or rendered) and
	// reports no warning: they were reported from its notes.
	render func(i int) error
}

// newDeferred defers the pages of waiting (indexes into pages): each
// takes its Markdown when it is first awaited.
func newDeferred(pages []*site.Page, waiting []bool, render func(i int) error) *deferred {
	d := &deferred{once: make([]sync.Once, len(pages)), errs: make([]error, len(pages)), render: render}
	for i, w := range waiting {
		if w {
			d.waiting++
			pages[i].Await = func() { d.once[i].Do(func() { d.errs[i] = d.render(i) }) }
		}
	}
	return d
}

// count is how many pages' Markdown waits (or waited) in this build.
func (d *deferred) count() int {
	if d == nil {
		return 0
	}
	return d.waiting
}

// err is what taking the waiting pages' Markdown failed with, once the
// pages that read it were rendered.
func (d *deferred) err() error {
	if d == nil {
		return nil
	}
	return errors.Join(d.errs...)
}
