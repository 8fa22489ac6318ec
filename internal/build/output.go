package build

import (
	"bytes"
	"fmt"
	"io/fs"

	"github.com/bulletin-ssg/bulletin/internal/filesum"
	"github.com/bulletin-ssg/bulletin/internal/render"
	"github.com/bulletin-ssg/bulletin/internal/site"
	"github.com/bulletin-ssg/bulletin/internal/theme"
)

// Output is the whole output of one session build. Feeds, the sitemap,
// assets and other small files are held as bytes; an HTML page is held
// as its place in the build's graph and rendered again when asked for.
// Keeping every rendered page would hold the whole site in memory for
// the few pages an author looks at; a page
// renders far faster than an author can ask for it, and the same graph
// and templates give the same bytes. An Output is safe for concurrent use and does not
// change once Build returned it.
type Output struct {
	files  map[string][]byte
	pages  map[string]pageRef
	themes themes
	site   *site.Site
}

// themes are a build's templates by language, to render its pages again.
type themes struct {
	byLang map[string]*theme.Theme
	def    *theme.Theme // the default language's
}

// of returns the templates of a page's language.
func (t themes) of(p *site.Page) *theme.Theme {
	if th := t.byLang[p.Lang]; th != nil {
		return th
	}
	return t.def
}

// pageRef is an HTML page of a session build: what renders it, and the
// filesum.Sum of its bytes.
type pageRef struct {
	page  *site.Page
	pager *site.Paginator
	sum   filesum.Sum
}

// Get returns one output file's bytes, rendering a page; fs.ErrNotExist
// when the output has no such file. A page rendered again cannot fail
// where the build succeeded (same graph, same templates), but if it did,
// the error says so rather than serving something else.
func (o *Output) Get(name string) ([]byte, error) {
	if data, ok := o.files[name]; ok {
		return data, nil
	}
	ref, ok := o.pages[name]
	if !ok {
		return nil, fs.ErrNotExist
	}
	var buf bytes.Buffer
	buf.Grow(len(ref.page.Content) + 8<<10)
	if err := render.Page(&buf, o.themes.of(ref.page), o.site, ref.page, ref.pager, nil); err != nil {
		return nil, fmt.Errorf("rendering %s again: %w", name, err)
	}
	return buf.Bytes(), nil
}

// Has reports whether the output has a file, without rendering it.
func (o *Output) Has(name string) bool {
	if _, ok := o.files[name]; ok {
		return true
	}
	_, ok := o.pages[name]
	return ok
}
