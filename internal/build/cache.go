package build

import (
	"bytes"
	"io/fs"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/content"
	"github.com/bulletin-ssg/bulletin/internal/rcache"

	"github.com/bulletin-ssg/bulletin/internal/frontmatter"
	"github.com/bulletin-ssg/bulletin/internal/markdown"
	"github.com/bulletin-ssg/bulletin/internal/theme"
)

// Cache carries work from one build of a site to the next (watch and
// serve). A build with a cache gives exactly the bytes of a build without
// one: every entry is keyed by all that its result depends on, and a
// file's entry is dropped whenever the watcher names the file.
//
//   - front matter: by the file's size and modification time;
//   - rendered Markdown: by the body's bytes, its first line, the
//     Markdown options (unsafeHTML, language), and every link answer it
//     used (a link target that moved or was unpublished renders the page
//     again);
//   - copied files: by size and modification time.
type Cache struct {
	mu     sync.RWMutex           // read-locked by the lookups every file and page of a rebuild makes
	matter map[string]matterEntry // site-relative path
	md     map[string]mdEntry     // site-relative path
	files  map[string]fileEntry   // fs-relative path of a copied file
	render *renderState           // the previous successful build's pages
	pages  map[*frontmatter.Matter]pageEntry

	// listings of content/ and assets/ from the previous build, and the
	// paths changed since, when the session was told they are complete.
	listings map[string]*listing
	changes  []string
	complete bool

	// the previous build's templates, one set per language, by what
	// they were built from besides the layout files (builder.themeKey)
	themes map[string]*theme.Theme
}

// themeFor returns the previous build's templates when key is the same.
// (A build whose changes are unknown or touch layouts/ drops them first:
// see changesKnown.)
func (c *Cache) themeFor(key string) *theme.Theme {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.themes[key]
}

// changesKnown records the paths changed since the previous build, and
// whether the list is complete. Kept templates are dropped at once when
// it is not, or when a layout changed: whatever happens to this build,
// no later one may take templates from before the change.
func (c *Cache) changesKnown(changed []string, complete bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.changes, c.complete = changed, complete
	for _, p := range changed {
		if p == "layouts" || strings.HasPrefix(p, "layouts/") {
			complete = false
		}
	}
	if !complete {
		c.themes = nil
	}
}

// keepThemes keeps this build's templates, by key, for the next build:
// only these (settings that changed leave no templates behind).
func (c *Cache) keepThemes(themes map[string]*theme.Theme) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.themes = themes
}

// listingFor hands the previous build's listing of root to this build,
// when this build's changes are known to be complete. It is taken out of
// the cache either way: only a build that lists root again (keepListing)
// leaves one for the next, so no batch of changes is ever skipped.
func (c *Cache) listingFor(root string) (*listing, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	l, ok := c.listings[root]
	delete(c.listings, root)
	return l, ok && c.complete
}

func (c *Cache) dropListings() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.listings)
}

func (c *Cache) keepListing(root string, l *listing) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.listings[root] = l
}

// pageEntry is a page read from front matter: the same Matter (the file
// did not change), the same cascade maps and the same env (the zone, the
// languages) give the same page, so it is not read again.
type pageEntry struct {
	cascade []uintptr
	env     string
	page    *content.Page
	err     error
}

// page returns the page read from m with cascade in env, reading it with
// read only when the cache has none.
func (c *Cache) page(m *frontmatter.Matter, cascade []map[string]any, env string, read func() (*content.Page, error)) (*content.Page, error) {
	if c == nil {
		return read()
	}
	ids := make([]uintptr, len(cascade))
	for i, m := range cascade {
		ids[i] = uintptr(reflect.ValueOf(m).UnsafePointer())
	}
	c.mu.RLock()
	e, ok := c.pages[m]
	c.mu.RUnlock()
	if ok && e.env == env && slices.Equal(e.cascade, ids) {
		return e.page, e.err
	}
	p, err := read()
	c.mu.Lock()
	c.pages[m] = pageEntry{cascade: ids, env: env, page: p, err: err}
	c.mu.Unlock()
	return p, err
}

// NewCache makes an empty cache.
func NewCache() *Cache {
	return &Cache{matter: map[string]matterEntry{}, md: map[string]mdEntry{}, files: map[string]fileEntry{}, pages: map[*frontmatter.Matter]pageEntry{}, listings: map[string]*listing{}}
}

// stamp is what a file's metadata says about its bytes. Where the system
// tells, it has the file's inode and change time too: every write moves
// the change time, and no tool sets it back (tar and rsync restore the
// modification time only).
type stamp struct {
	size  int64
	mod   int64 // UnixNano
	ino   uint64
	ctime int64 // UnixNano
}

func stampOf(info fs.FileInfo) stamp {
	st := stamp{size: info.Size(), mod: info.ModTime().UnixNano()}
	st.ino, st.ctime = inodeAndChange(info)
	return st
}

// racyWindow: a file modified this close to the moment it was read may be
// written again within the file system's timestamp granularity (a few
// milliseconds) with the same size, leaving its stamp unchanged. Like
// git's racily clean index entries, such an entry is not trusted.
const racyWindow = 2 * time.Second

// readClock stamps the moment a file was read. Tests move it forward: a
// file a test just wrote (its change time is now) is then read as if
// long after, outside the racy window, and its stamp trusted.
var readClock = time.Now

// trusted reports whether an entry read at readAt still stands for a file
// now stamped st.
func trusted(cached, st stamp, readAt int64) bool {
	return cached == st && readAt-max(st.mod, st.ctime) > int64(racyWindow)
}

type matterEntry struct {
	stamp  stamp
	readAt int64 // UnixNano
	matter *frontmatter.Matter
	err    error
}

type mdEntry struct {
	body    []byte
	line    int
	opts    markdown.Options
	answers []rcache.Answer
	res     *markdown.Result
	links   [32]byte // the linkDigest under which answers were last checked
}

type fileEntry struct {
	stamp  stamp
	readAt int64
	data   []byte
}

// Forget drops what the cache knows of site-relative paths (the watcher's
// events): they are read again by the next build whatever their stamps say.
func (c *Cache) Forget(paths ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range paths {
		if e, ok := c.matter[p]; ok {
			delete(c.pages, e.matter)
		}
		delete(c.matter, p)
		delete(c.md, p)
		delete(c.files, p)
	}
}

func (c *Cache) getMatter(path string, st stamp) (matterEntry, bool) {
	if c == nil {
		return matterEntry{}, false
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	e, ok := c.matter[path]
	return e, ok && trusted(e.stamp, st, e.readAt)
}

func (c *Cache) putMatter(path string, e matterEntry) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.matter[path]; ok {
		delete(c.pages, old.matter) // the page read from the old text
	}
	e.readAt = readClock().UnixNano()
	c.matter[path] = e
}

// getMarkdown returns the cached rendering of a document if its body is
// the same and the resolver still gives every answer it gave.
// links is the build's linkDigest: answers last checked under the same
// digest still hold without asking again.
func (c *Cache) getMarkdown(doc markdown.Doc, opts markdown.Options, links [32]byte) (*markdown.Result, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.RLock()
	e, ok := c.md[doc.File]
	c.mu.RUnlock()
	if !ok || e.line != doc.Line || e.opts != opts || !bytes.Equal(e.body, doc.Source) {
		return nil, false
	}
	if e.links == links {
		return e.res, true
	}
	for _, a := range e.answers {
		if url, found := doc.Resolve(a.Target); url != a.URL || found != a.Found {
			return nil, false
		}
	}
	e.links = links
	c.mu.Lock()
	c.md[doc.File] = e
	c.mu.Unlock()
	return e.res, true
}

func (c *Cache) putMarkdown(doc markdown.Doc, opts markdown.Options, answers []rcache.Answer, res *markdown.Result, links [32]byte) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.md[doc.File] = mdEntry{body: doc.Source, line: doc.Line, opts: opts, answers: answers, res: res, links: links}
}

func (c *Cache) getFile(name string, st stamp) ([]byte, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	e, ok := c.files[name]
	return e.data, ok && trusted(e.stamp, st, e.readAt)
}

func (c *Cache) putFile(name string, st stamp, data []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.files[name] = fileEntry{stamp: st, readAt: readClock().UnixNano(), data: data}
}
