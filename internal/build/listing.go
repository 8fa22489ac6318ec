package build

import (
	"io/fs"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"
)

// listing is what walking a tree of the site found: every file's path
// below the tree's root and its stamp, and the paths in lexical order. A
// watched session keeps the listings of content/ and assets/ and applies
// the watcher's paths to them, instead of listing every file of a large
// site again for one edit.
type listing struct {
	stamps map[string]stamp
	paths  []string // sorted, when !unsorted
	// unsorted is set when paths were added since the last sort.
	unsorted bool
	// links are the paths that are symbolic links, stamped by their
	// targets: the watcher sees a link, not its target, so they are
	// stamped again on every rebuild.
	links map[string]bool
	// folds is whether the file system matches names regardless of case
	// (macOS, Windows): 0 unknown, 1 no, 2 yes.
	folds int8
}

func newListing() *listing { return &listing{stamps: map[string]stamp{}, links: map[string]bool{}} }

func (l *listing) set(rel string, st stamp, link bool) {
	if _, ok := l.stamps[rel]; !ok {
		l.paths = append(l.paths, rel)
		l.unsorted = true
	}
	l.stamps[rel] = st
	if link {
		l.links[rel] = true
	} else {
		delete(l.links, rel)
	}
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
	if _, ok := l.stamps[rel]; ok {
		// A listed file: nothing is listed below it.
		delete(l.stamps, rel)
		delete(l.links, rel)
		paths := l.sorted()
		if i := sort.SearchStrings(paths, rel); i < len(paths) && paths[i] == rel {
			l.paths = slices.Delete(paths, i, i+1)
		}
		return
	}
	// A folder, or nothing: what is below it sits together in lexical
	// order.
	paths := l.sorted()
	lo := sort.SearchStrings(paths, rel+"/")
	hi := lo
	for hi < len(paths) && strings.HasPrefix(paths[hi], rel+"/") {
		delete(l.stamps, paths[hi])
		delete(l.links, paths[hi])
		hi++
	}
	l.paths = slices.Delete(paths, lo, hi)
}

// list walks root, or applies changed (site-relative paths) to the
// listing the cache kept from the previous build when the session was
// told its changes are complete. The listing it returns is kept for the
// next build; the previous one is this build's to change (listingFor
// hands it out once).
func (b *builder) list(fsys fs.FS, root string) (*listing, error) {
	c := b.mem.cache
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
		for _, rel := range slices.Sorted(maps.Keys(l.links)) {
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
	if _, ok := l.stamps[rel]; ok && !l.links[rel] {
		// The common case, a file saved again: stamp it in place.
		if info, err := fs.Lstat(fsys, path.Join(root, rel)); err == nil && info.Mode().IsRegular() && b.exactName(fsys, root, rel, l) {
			l.stamps[rel] = stampOf(info)
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
	if err != nil || !b.exactName(fsys, root, rel, l) {
		return nil // gone, or not reachable: nothing to list
	}
	if info.IsDir() {
		return b.walkFiles(fsys, full, func(sub string, st stamp, link bool) { l.set(rel+"/"+sub, st, link) })
	}
	link := info.Mode()&fs.ModeSymlink != 0
	if link {
		// The walk stamps a symlink's target, and skips one that leaves
		// the site or names a folder.
		if info, err = fs.Stat(fsys, full); err != nil || info.IsDir() {
			b.log.Warn("symlink not followed: it leaves the site or names a folder", "path", full)
			return nil
		}
	}
	l.set(rel, stampOf(info), link)
	return nil
}

// exactName reports whether rel exists under that very name. On a file
// system that matches names regardless of case, a file renamed from
// Launch.md to launch.md is still found as Launch.md: only the folder's
// entries tell which name it has now. (Whether the file system folds case
// is found once, by looking up the root folder's name in capitals.)
func (b *builder) exactName(fsys fs.FS, root, rel string, l *listing) bool {
	if l.folds == 0 {
		l.folds = 1
		if upper := strings.ToUpper(root); upper != root {
			if _, err := fs.Stat(fsys, upper); err == nil {
				l.folds = 2
			}
		}
	}
	if l.folds == 1 {
		return true
	}
	dir, name := path.Split(path.Join(root, rel))
	entries, err := fs.ReadDir(fsys, path.Clean(dir))
	if err != nil {
		return false
	}
	for _, e := range entries {
		if e.Name() == name {
			return true
		}
	}
	return false
}
