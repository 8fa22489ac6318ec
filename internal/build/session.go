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
	prev     map[string][]byte
	complete bool
}

// TrustChanges tells the session that every changed list Build is given
// from now on names every path that changed since the previous build (as
// the watcher's do: it rescans the site when events are lost). A rebuild
// then lists only those paths again instead of every folder of the site.
func (s *Session) TrustChanges() { s.complete = true }

// NewSession prepares rebuilds of the site opts describe.
func NewSession(opts Options) *Session {
	opts.Cache = NewCache()
	return &Session{opts: opts, cache: opts.Cache}
}

// Update is the result of one successful Build.
type Update struct {
	Files   map[string][]byte // the whole output; unchanged files share their bytes with the previous Update
	Changed []string          // output paths written or rewritten, sorted
	Removed []string          // output paths gone since the previous build, sorted
	Pages   int               // HTML pages in the site
}

// Build rebuilds the site. changed are site-relative paths the caller knows
// changed (the watcher's events); they are read again whatever their
// stamps say. On error the session keeps its previous output.
func (s *Session) Build(ctx context.Context, changed []string) (*Update, error) {
	s.cache.Forget(changed...)
	s.cache.changes, s.cache.complete = changed, s.complete
	opts := s.opts
	if opts.Now.IsZero() {
		opts.Now = time.Now() // publishDate and expiryDate move with the clock
	}
	sink := &memorySink{cache: s.cache, files: make(map[string][]byte, len(s.prev))}
	res, err := Build(ctx, opts, sink)
	if err != nil {
		return nil, err
	}
	up := &Update{Files: sink.files, Pages: res.Pages}
	for name, data := range sink.files {
		old, ok := s.prev[name]
		switch {
		case !ok:
			up.Changed = append(up.Changed, name)
		case bytes.Equal(old, data):
			sink.files[name] = old // keep one copy of unchanged bytes
		default:
			up.Changed = append(up.Changed, name)
		}
	}
	for name := range s.prev {
		if _, ok := sink.files[name]; !ok {
			up.Removed = append(up.Removed, name)
		}
	}
	sort.Strings(up.Changed)
	sort.Strings(up.Removed)
	s.prev = sink.files
	return up, nil
}

// memorySink keeps a build's output in memory, reading copied files
// through the cache.
type memorySink struct {
	cache *Cache
	mu    sync.Mutex
	files map[string][]byte
}

// Write keeps data as it is: a build with a cache hands over bytes it
// owns (see Sink).
func (m *memorySink) Write(rel string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[rel] = data
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
