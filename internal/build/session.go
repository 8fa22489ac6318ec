package build

import (
	"bytes"
	"context"
	"io/fs"
	"sort"
	"sync"
	"time"
)

// Session rebuilds one site again and again (watch and serve), in memory.
// Each Build is a whole build, so its output is exactly a fresh build's;
// the Cache spares it the reading, parsing and Markdown rendering of
// files that did not change, and the comparison with the previous output
// tells the caller which files changed.
type Session struct {
	opts     Options
	cache    *Cache
	prev     *Output
	complete bool
	// warned are the warnings the last successful build reported: a
	// rebuild logs only the others, so an author sees each once, when it
	// appears, not again on every save (a large site may hold hundreds
	// of link warnings).
	warned map[string]bool
	// KeepWritten makes each Update carry the bytes of the pages this
	// build rendered and found changed (Update.Written), for a caller that
	// writes them out (watch); the server asks Output for pages instead.
	KeepWritten bool
}

// TrustChanges tells the session that every changed list Build is given
// from now on names every path that changed since the previous build (as
// the watcher's do: it rescans the site when events are lost). A rebuild
// then lists only those paths again instead of every folder of the site.
func (s *Session) TrustChanges() { s.complete = true }

// NewSession prepares rebuilds of the site opts describe.
func NewSession(opts Options) *Session {
	// A session keeps its memory in the process; what goes to disk is
	// the rendered Markdown alone (it has no output of its own for page
	// and file memories to describe).
	if opts.Memory == nil {
		opts.Memory = &Memory{}
	}
	opts.Memory.cache = NewCache()
	return &Session{opts: opts, cache: opts.Memory.cache}
}

// Built reports whether a Build of the session has succeeded: whether
// there is a site to keep showing when the next one fails.
func (s *Session) Built() bool { return s.prev != nil }

// Update is the result of one successful Build.
type Update struct {
	Files   *Output  // the whole output
	Changed []string // output paths written or rewritten, sorted
	Removed []string // output paths gone since the previous build, sorted
	Pages   int      // HTML pages in the site
	// SearchRead counts the pages read for the search index (see
	// Result.SearchRead).
	SearchRead int
	// Written holds the bytes of the changed pages this build rendered,
	// when the session keeps them (KeepWritten).
	Written map[string][]byte
}

// Get returns a file of the update: the bytes this build wrote, else the
// output's.
func (u *Update) Get(name string) ([]byte, error) {
	if data, ok := u.Written[name]; ok {
		return data, nil
	}
	return u.Files.Get(name)
}

// Has reports whether the update's output has a file.
func (u *Update) Has(name string) bool { return u.Files.Has(name) }

// Build rebuilds the site. changed are site-relative paths the caller knows
// changed (the watcher's events); they are read again whatever their
// stamps say. On error the session keeps its previous output.
func (s *Session) Build(ctx context.Context, changed []string) (*Update, error) {
	s.cache.Forget(changed...)
	s.cache.changesKnown(changed, s.complete)
	opts := s.opts
	if opts.Now.IsZero() {
		opts.Now = time.Now() // publishDate and expiryDate move with the clock
	}
	prev := s.prev
	if prev == nil {
		prev = &Output{}
	}
	sink := &memorySink{cache: s.cache, prev: prev, keep: s.KeepWritten,
		out: &Output{files: map[string][]byte{}, pages: make(map[string]pageRef, len(prev.pages))}}
	res, err := Build(ctx, opts, sink)
	if err != nil {
		return nil, err
	}
	s.reportNew(res.Warnings)
	out := sink.out
	out.themes, out.site = res.themes, res.Site
	up := &Update{Files: out, Changed: sink.changed, Written: sink.written, Pages: res.Pages, SearchRead: res.SearchRead}
	// Every path is written once per build: when as many of them were in
	// the previous output as it had, none of its paths is gone, and the
	// scan's lookup of every path (on every save) is spared.
	if sink.existed < len(prev.files)+len(prev.pages) {
		for name := range prev.files {
			if !out.Has(name) {
				up.Removed = append(up.Removed, name)
			}
		}
		for name := range prev.pages {
			if _, ok := out.pages[name]; !ok && !out.Has(name) {
				up.Removed = append(up.Removed, name)
			}
		}
	}
	sort.Strings(up.Changed)
	sort.Strings(up.Removed)
	s.prev = out
	return up, nil
}

// reportNew logs the warnings the last successful build did not report.
func (s *Session) reportNew(warnings []error) {
	now := make(map[string]bool, len(warnings))
	for _, w := range warnings {
		text := w.Error()
		if !now[text] && !s.warned[text] && s.opts.Logger != nil {
			s.opts.Logger.Warn(text)
		}
		now[text] = true
	}
	s.warned = now
}

// memorySink collects a session build's Output, reading copied files
// through the cache, and notes which files differ from the previous
// build's.
type memorySink struct {
	cache *Cache
	prev  *Output
	keep  bool // keep the bytes of changed pages (Session.KeepWritten)

	mu      sync.Mutex
	out     *Output
	changed []string
	written map[string][]byte
	existed int // paths written that the previous output had, as a page or a file
}

// Write keeps data as it is: a build with a cache hands over bytes it
// owns (see Sink). An unchanged file keeps the previous build's copy.
func (m *memorySink) Write(rel string, data []byte) error {
	old, ok := m.prev.files[rel]
	same := ok && bytes.Equal(old, data)
	_, page := m.prev.pages[rel]
	m.mu.Lock()
	defer m.mu.Unlock()
	if ok || page {
		m.existed++
	}
	if same {
		data = old
	} else {
		m.changed = append(m.changed, rel)
	}
	m.out.files[rel] = data
	return nil
}

// Previous returns a file of the previous build's output that is not a
// page.
func (m *memorySink) Previous(rel string) ([]byte, bool) {
	data, ok := m.prev.files[rel]
	return data, ok
}

// WritePage records a page by reference; its bytes, when it was rendered
// and differs from the previous build's, are kept only with keep.
func (m *memorySink) WritePage(rel string, ref pageRef, data []byte) error {
	old, ok := m.prev.pages[rel]
	_, file := m.prev.files[rel]
	changed := !ok || old.sum != ref.sum
	m.mu.Lock()
	defer m.mu.Unlock()
	if ok || file {
		m.existed++
	}
	m.out.pages[rel] = ref
	if changed {
		m.changed = append(m.changed, rel)
		if m.keep {
			if m.written == nil {
				m.written = map[string][]byte{}
			}
			// A page reused as it stood (data nil) has the previous
			// build's digest at the same path, so it does not get here;
			// if it ever did, no bytes are better than empty bytes (Get
			// renders it).
			if data != nil {
				m.written[rel] = bytes.Clone(data)
			}
		}
	}
	return nil
}

// Copy reads a site file once and again only when its stamp changes or the
// watcher names it; the built-in theme's files are read every time (they
// are in memory already).
func (m *memorySink) Copy(rel string, f File) error {
	if !f.Site {
		data, err := fs.ReadFile(f.FS, f.Name)
		if err != nil {
			return err
		}
		return m.Write(rel, data)
	}
	info, err := fs.Stat(f.FS, f.Name)
	if err != nil {
		return err
	}
	st := stampOf(info)
	data, ok := m.cache.getFile(f.Name, st)
	if !ok {
		if data, err = fs.ReadFile(f.FS, f.Name); err != nil {
			return err
		}
		m.cache.putFile(f.Name, st, data)
	}
	return m.Write(rel, data)
}
