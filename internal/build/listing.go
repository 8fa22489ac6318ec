package build

import (
	"io/fs"
	"path"
	"sort"
	"strings"
)

// listing is what walking a tree of the site found: every file's path
// below the tree's root and its stamp. A watched session keeps the
// listings of content/ and assets/ and applies the watcher's paths to
// them, instead of listing ten thousand files again for one edit.
type listing map[string]stamp

// sorted returns the listing's paths in lexical order, as the walk
// gives them.
func (l listing) sorted() []string {
	out := make([]string, 0, len(l))
	for rel := range l {
		out = append(out, rel)
	}
	sort.Strings(out)
	return out
}

// list walks root, or applies changed (site-relative paths) to the
// listing the cache kept from the previous build when the session was
// told its changes are complete. The listing it returns is kept for the
// next build.
func (b *builder) list(fsys fs.FS, root string) (listing, error) {
	c := b.opts.Cache
	if prev, ok := c.listingFor(root); ok {
		next := make(listing, len(prev))
		for rel, st := range prev {
			next[rel] = st
		}
		for _, p := range c.changes {
			rel, ok := strings.CutPrefix(p, root+"/")
			if !ok {
				continue
			}
			if err := b.relist(fsys, root, rel, next); err != nil {
				return nil, err
			}
		}
		c.keepListing(root, next)
		return next, nil
	}
	l := listing{}
	if err := b.walkFiles(fsys, root, func(rel string, st stamp) { l[rel] = st }); err != nil {
		return nil, err
	}
	c.keepListing(root, l)
	return l, nil
}

// relist brings one changed path of the listing up to date: a file is
// stamped again, a folder listed again, and anything no longer there is
// dropped with all that was below it. A path the walk would skip (editor
// files, hidden folders) is not listed.
func (b *builder) relist(fsys fs.FS, root, rel string, l listing) error {
	for p := range l {
		if p == rel || strings.HasPrefix(p, rel+"/") {
			delete(l, p)
		}
	}
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
		return b.walkFiles(fsys, full, func(sub string, st stamp) { l[rel+"/"+sub] = st })
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		// The walk stamps a symlink's target, and skips one that leaves
		// the site or names a folder.
		if info, err = fs.Stat(fsys, full); err != nil || info.IsDir() {
			b.log.Warn("symlink not followed: it leaves the site or names a folder", "path", full)
			return nil
		}
	}
	l[rel] = stampOf(info)
	return nil
}
