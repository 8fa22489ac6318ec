package render

import (
	"reflect"
	"runtime"
	"sync"
	"unsafe"

	"github.com/bulletin-ssg/bulletin/internal/site"
)

// Changes lists the groups that differ between two builds' graphs: what
// an output must not have read to be reused as it was. A page present in
// only one of the graphs has changed in every group. What it compares of
// each group is what fields.go declares, as Digest digests it.
func Changes(before, after *site.Site) map[Dep]struct{} {
	changed := map[Dep]struct{}{}
	mark := func(id string, g Group) { changed[Dep{id, g}] = struct{}{} }

	old := byPath(before)
	pages := after.AllPages()
	// The pages are compared on every core: a rebuild does this for every
	// page of the site, whatever changed.
	workers := min(runtime.GOMAXPROCS(0), 1+len(pages)/512)
	found := make([][]Dep, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			c := newComparer()
			for i := w; i < len(pages); i += workers {
				p := pages[i]
				q, ok := old[p.Path]
				for _, g := range pageGroups {
					if !ok || !c.samePageGroup(q, p, g) {
						found[w] = append(found[w], Dep{p.Path, g})
					}
				}
			}
		})
	}
	wg.Wait()
	for _, deps := range found {
		for _, dep := range deps {
			changed[dep] = struct{}{}
		}
	}
	now := byPath(after)
	for path := range old {
		if _, ok := now[path]; !ok {
			for _, g := range pageGroups {
				mark(path, g)
			}
		}
	}
	c := newComparer()
	for _, g := range siteGroups {
		if !c.sameSiteGroup(before, after, g) {
			mark(SiteID, g)
		}
	}
	return changed
}

// comparer compares two graphs; maps keeps sameMap's answers by the two
// maps compared.
type comparer struct {
	maps map[[2]unsafe.Pointer]bool
}

func newComparer() *comparer { return &comparer{maps: map[[2]unsafe.Pointer]bool{}} }

var pageGroups = [...]Group{GroupMeta, GroupSummary, GroupContent, GroupLinks, GroupList, GroupRelated}

func byPath(s *site.Site) map[string]*site.Page {
	all := s.AllPages()
	m := make(map[string]*site.Page, len(all))
	for _, p := range all {
		m[p.Path] = p
	}
	return m
}

// samePageGroup compares one group of two versions of a page: the fields
// fields.go puts in that group, as the page's digest covers them.
func (c *comparer) samePageGroup(a, b *site.Page, g Group) bool {
	if (a.Term != nil && a.Term.Page == a) != (b.Term != nil && b.Term.Page == b) ||
		g == GroupList && len(a.Pagers) != len(b.Pagers) {
		return false
	}
	return eachPageField(b, g, func(f *field[*site.Page]) bool { return f.same(c, a, b) },
		func(f *field[*site.Term]) bool { return f.same(c, a.Term, b.Term) },
		func(i int, f *field[*site.Paginator]) bool { return f.same(c, a.Pagers[i], b.Pagers[i]) })
}

// sameSiteGroup compares one site-wide group of two graphs: in every
// language (a template reads .Site of its page's language).
func (c *comparer) sameSiteGroup(a, b *site.Site, g Group) bool {
	la, lb := siteLanguages(a), siteLanguages(b)
	if len(la) != len(lb) {
		return false
	}
	for i := range la {
		for _, f := range siteFields.inGroup(g) {
			if !f.same(c, la[i], lb[i]) {
				return false
			}
		}
	}
	return true
}

// siteLanguages are the sites whose fields a site-wide group covers: the
// site's languages, or the site alone.
func siteLanguages(s *site.Site) []*site.Site {
	if len(s.Languages) > 1 {
		return s.Languages
	}
	return []*site.Site{s}
}

// sameMap compares front-matter maps; a page read from an unchanged file
// shares its map with the previous build, which makes this cheap. Maps
// both builds made anew (the site's footer, which every page without its
// own shares) are compared once per pair: the answers are kept.
func (c *comparer) sameMap(a, b map[string]any) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	pa, pb := reflect.ValueOf(a).UnsafePointer(), reflect.ValueOf(b).UnsafePointer()
	if pa == pb {
		return true
	}
	key := [2]unsafe.Pointer{pa, pb}
	same, ok := c.maps[key]
	if !ok {
		same = reflect.DeepEqual(a, b)
		c.maps[key] = same
	}
	return same
}
