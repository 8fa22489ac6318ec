package linkcheck

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/scratch"
)

// CacheFile is the cache's file in its folder (the site's .bulletin/cache).
const CacheFile = "external-links.json"

// Fresh is how long a URL that answered (or redirected) is trusted
// without being asked again.
const Fresh = 24 * time.Hour

// cacheFormat changes when the file's shape or meaning changes; a file
// of another is ignored.
const cacheFormat = "bulletin-external-links-1"

// maxCacheSize is the most of the file read: past it the file is not
// one bulletin wrote for any site it could check.
const maxCacheSize = 64 << 20

// The file is written aside and renamed over the old one. It is not
// synced: a file a power cut left short fails to decode, and costs one
// run its requests, not a wrong answer.
var replaceCache = scratch.Replace{Prefix: ".external-links-", Suffix: ".tmp"}

// Cache is the day-long memory of the URLs that answered: a file in a
// folder, read when opened and written by Save. A nil *Cache remembers
// nothing. It is safe for concurrent use.
type Cache struct {
	dir string

	mu      sync.Mutex
	entries map[string]entry
	failed  map[string]time.Time // URLs this run found not fine, and when
	changed bool
}

// entry is one URL's last fine answer.
type entry struct {
	Checked  time.Time `json:"checked"`
	Status   int       `json:"status"`
	Redirect int       `json:"redirect,omitempty"`
	Final    string    `json:"final,omitempty"`
}

type cacheFile struct {
	Format string           `json:"format"`
	URLs   map[string]entry `json:"urls"`
}

// OpenCache reads the cache in dir. A missing, unreadable or corrupt
// file is an empty cache, which Save writes anew.
func OpenCache(dir string) *Cache {
	return &Cache{dir: dir, entries: readCache(filepath.Join(dir, CacheFile)), failed: map[string]time.Time{}}
}

func readCache(file string) map[string]entry {
	f, err := os.Open(file)
	if err != nil {
		return map[string]entry{}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxCacheSize+1))
	if err != nil || len(data) > maxCacheSize {
		return map[string]entry{}
	}
	return decodeCache(data)
}

// decodeCache reads a cache file's bytes: the entries that make sense,
// none at all when the bytes are not a cache of this format.
func decodeCache(data []byte) map[string]entry {
	var cf cacheFile
	if json.Unmarshal(data, &cf) != nil || cf.Format != cacheFormat {
		return map[string]entry{}
	}
	out := make(map[string]entry, len(cf.URLs))
	for u, e := range cf.URLs {
		if e.valid(u) {
			out[u] = e
		}
	}
	return out
}

// valid reports whether e could have been put for the URL u: only
// answers below 400, redirects only with where they lead.
func (e entry) valid(u string) bool {
	if !IsExternal(u) || Key(u) != u || e.Checked.IsZero() || e.Status < 100 || e.Status >= 400 {
		return false
	}
	if e.Redirect == 0 {
		return e.Final == ""
	}
	return isRedirect(e.Redirect) && IsExternal(e.Final)
}

func (e entry) fresh(now time.Time) bool {
	return !e.Checked.After(now) && now.Sub(e.Checked) < Fresh
}

// get returns the cached result for the URL key, if it was checked fine
// less than a day before now.
func (c *Cache) get(key string, now time.Time) (Result, bool) {
	if c == nil {
		return Result{}, false
	}
	c.mu.Lock()
	e, ok := c.entries[key]
	c.mu.Unlock()
	if !ok || !e.fresh(now) {
		return Result{}, false
	}
	r := Result{Verdict: OK, Status: e.Status, Redirect: e.Redirect, Final: e.Final, Cached: true}
	if e.Redirect != 0 {
		r.Verdict = Redirected
	}
	return r, true
}

// put keeps r, the result of checking key at now, if it was fine; a
// failure forgets what was kept of key, and is not kept itself.
func (c *Cache) put(key string, r Result, now time.Time) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.changed = true
	if r.Verdict != OK && r.Verdict != Redirected {
		delete(c.entries, key)
		c.failed[key] = now
		return
	}
	delete(c.failed, key)
	c.entries[key] = entry{Checked: now, Status: r.Status, Redirect: r.Redirect, Final: r.Final}
}

// Save writes the cache's fresh entries, if this run found anything,
// with those another run put in the file meanwhile that are newer than
// what this run found of their URLs. The
// file is written whole beside its place and renamed over it, so a
// reader finds the old file or the new one.
func (c *Cache) Save(now time.Time) error {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.changed {
		return nil
	}
	for u, e := range readCache(filepath.Join(c.dir, CacheFile)) {
		if !e.fresh(now) {
			continue
		}
		mine, ok := c.entries[u]
		if failed, bad := c.failed[u]; bad {
			mine, ok = entry{Checked: failed}, true
		}
		if !ok || e.Checked.After(mine.Checked) {
			c.entries[u] = e
		}
	}
	cf := cacheFile{Format: cacheFormat, URLs: map[string]entry{}}
	for u, e := range c.entries {
		if e.fresh(now) {
			cf.URLs[u] = e
		}
	}
	data, err := json.Marshal(cf)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return err
	}
	scratch.Clean(c.dir, replaceCache.Prefix, replaceCache.Suffix)
	if err := replaceCache.WriteFile(scratch.Dir(c.dir), CacheFile, data, 0o644); err != nil {
		return err
	}
	c.changed = false
	return nil
}
