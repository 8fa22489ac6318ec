package build

import (
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
)

// listing is what walking a tree of the site found: every file's path
// below the tree's root and its stamp, and the paths in lexical order. A
// watched session keeps the listings of content/ and assets/ and applies
// the watcher's paths to them, instead of listing ten thousand files
// again for one edit.
type listing struct {
	stamps map[string]stamp
	paths  []string // sorted, when !unsorted
	// unsorted is set when paths were added since the last sort.
	unsorted bool
}

func newListing() *listing { return &listing{stamps: map[string]stamp{}} }

func (l *listing) set(rel string, st stamp) {
	if _, ok := l.stamps[rel]; !ok {
		l.paths = append(l.paths, rel)
		l.unsorted = true
	}
	l.stamps[rel] = st
}

// sorted returns the listing's paths in lexical order, as the walk gives
// them; it sorts only when paths were added.
func (l *listing) sorted() []string {
	if l.unsorted {
		sort.Strings(l.paths)
		l.unsorted = false
	}
	return l.paths
}

// drop removes rel and everything below it.
func (l *listing) drop(rel string) {
	gone := func(p string) bool { return p == rel || strings.HasPrefix(p, rel+"/") }
	if _, ok := l.stamps[rel]; !ok {
		// A folder, or nothing: only a path below it can be listed, and
		// those sit together in lexical order.
		paths := l.sorted()
		i := sort.SearchStrings(paths, rel+"/")
		if i == len(paths) || !strings.HasPrefix(paths[i], rel+"/") {
			return
		}
	}
	for p := range l.stamps {
		if gone(p) {
			delete(l.stamps, p)
		}
	}
	l.paths = slices.DeleteFunc(l.paths, gone)
}

// list walks root, or applies changed (site-relative paths) to the
// listing the cache kept from the previous build when the session was
// told its changes are complete. The listing it returns is kept for the
// next build; the previous one is this build's to change (listingFor
// hands it out once).
func (b *builder) list(fsys fs.FS, root string) (*listing, error) {
	c := b.opts.Cache
	if l, ok := c.listingFor(root); ok {
		for _, p := range c.changes {
			rel, ok := strings.CutPrefix(p, root+"/")
			if !ok {
				continue
			}
			if err := b.relist(fsys, root, rel, l); err != nil {
				return nil, err
			}
		}
		c.keepListing(root, l)
		return l, nil
	}
	l := newListing()
	if err := b.walkFiles(fsys, root, l.set); err != nil {
		return nil, err
	}
	c.keepListing(root, l)
	return l, nil
}

// relist brings one changed path of the listing up to date: a file is
// stamped again, a folder listed again, and anything no longer there is
// dropped with all that was below it. A path the walk would skip (editor
// files, hidden folders) is not listed.
func (b *builder) relist(fsys fs.FS, root, rel string, l *listing) error {
	if st, ok := l.stamps[rel]; ok {
		// The common case, a file saved again: stamp it in place.
		if info, err := fs.Lstat(fsys, path.Join(root, rel)); err == nil && info.Mode().IsRegular() {
			if now := stampOf(info); now != st {
				l.stamps[rel] = now
			}
			return nil
		}
	}
	l.drop(rel)
	for _, seg := range strings.Split(rel, "/") {
		if ignored(seg) {
			return nil
		}
	}
	full := path.Join(root, rel)
	info, err := fs.Lstat(fsys, full)
	if err != nil {
		return nil // gone, or not reachable: nothing to list
	}
	if info.IsDir() {
		return b.walkFiles(fsys, full, func(sub string, st stamp) { l.set(rel+"/"+sub, st) })
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		// The walk stamps a symlink's target, and skips one that leaves
		// the site or names a folder.
		if info, err = fs.Stat(fsys, full); err != nil || info.IsDir() {
			b.log.Warn("symlink not followed: it leaves the site or names a folder", "path", full)
			return nil
		}
	}
	l.set(rel, stampOf(info))
	return nil
}
