package render

import (
	"reflect"
	"runtime"
	"slices"
	"sync"
	"unsafe"

	"github.com/bulletin-ssg/bulletin/internal/config"
	"github.com/bulletin-ssg/bulletin/internal/site"
)

// Changes lists the groups that differ between two builds' graphs: what
// an output must not have read to be reused as it was. A page present in
// only one of the graphs has changed in every group.
func Changes(before, after *site.Site) map[Dep]struct{} {
	d := &differ{before: before, after: after, maps: map[[2]unsafe.Pointer]bool{}}
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
			d := &differ{before: before, after: after, maps: map[[2]unsafe.Pointer]bool{}}
			for i := w; i < len(pages); i += workers {
				p := pages[i]
				q, ok := old[p.Path]
				for _, g := range pageGroups {
					if !ok || !d.samePageGroup(q, p, g) {
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
	if !d.sameSettings() {
		mark(SiteID, GroupSettings)
	}
	if !samePaths(before.Sections, after.Sections) {
		mark(SiteID, GroupSections)
	}
	if !samePaths(before.Pages, after.Pages) {
		mark(SiteID, GroupPages)
	}
	if !sameTaxonomies(before, after) {
		mark(SiteID, GroupTaxonomies)
	}
	return changed
}

// differ compares two graphs; maps keeps sameMap's answers by the two
// maps compared.
type differ struct {
	before, after *site.Site
	maps          map[[2]unsafe.Pointer]bool
}

var pageGroups = []Group{GroupMeta, GroupSummary, GroupContent, GroupLinks, GroupList}

func byPath(s *site.Site) map[string]*site.Page {
	all := s.AllPages()
	m := make(map[string]*site.Page, len(all))
	for _, p := range all {
		m[p.Path] = p
	}
	return m
}

// samePaths compares two lists of pages by their files, without the
// copies paths makes (the home page lists every article, on every
// rebuild).
func samePaths(a, b []*site.Page) bool {
	return slices.EqualFunc(a, b, func(x, y *site.Page) bool { return x.Path == y.Path })
}

func sameTermPaths(a, b []*site.Term) bool {
	return slices.EqualFunc(a, b, func(x, y *site.Term) bool { return x.Page.Path == y.Page.Path })
}

func (d *differ) sameFooter(a, b config.Footer) bool {
	return a.ICP == b.ICP && a.ICPURL == b.ICPURL && a.PSB == b.PSB && a.PSBURL == b.PSBURL &&
		a.Copyright == b.Copyright && a.PoweredBy == b.PoweredBy && d.sameMap(a.Params, b.Params)
}

func pathOf(p *site.Page) string {
	if p == nil {
		return ""
	}
	return p.Path
}

// samePageGroup compares one group of two versions of a page: exactly the
// fields that group's view methods return.
func (d *differ) samePageGroup(a, b *site.Page, g Group) bool {
	switch g {
	case GroupMeta:
		return a.Title == b.Title && a.Description == b.Description && a.Date.Equal(b.Date) &&
			a.Date.Location().String() == b.Date.Location().String() && a.Lastmod.Equal(b.Lastmod) &&
			a.Permalink == b.Permalink && a.RelPermalink == b.RelPermalink && a.Kind == b.Kind &&
			a.Section == b.Section && a.Author == b.Author && a.Source == b.Source && a.Cover == b.Cover &&
			a.Pinned == b.Pinned && a.Weight == b.Weight && a.Lang == b.Lang && a.File == b.File &&
			a.Layout == b.Layout && a.Taxonomy == b.Taxonomy && termMeta(a.Term) == termMeta(b.Term) &&
			d.sameFooter(a.Footer, b.Footer) && d.sameMap(a.Params, b.Params)
	case GroupSummary:
		return a.Summary == b.Summary && a.Truncated == b.Truncated
	case GroupContent:
		return a.Content == b.Content && a.TOC == b.TOC && a.WordCount == b.WordCount && a.ReadingTime == b.ReadingTime
	case GroupLinks:
		return pathOf(a.Prev) == pathOf(b.Prev) && pathOf(a.Next) == pathOf(b.Next) &&
			pathOf(a.SectionPage) == pathOf(b.SectionPage) && termOwner(a.Term) == termOwner(b.Term) &&
			sameTermPaths(a.Tags, b.Tags) && sameTermPaths(a.Categories, b.Categories)
	case GroupList:
		return samePaths(a.Pages, b.Pages) && sameTerms(a.Terms, b.Terms) &&
			sameArchive(a.Archive, b.Archive) && len(a.Pagers) == len(b.Pagers) &&
			d.before.Settings.Paginate == d.after.Settings.Paginate
	}
	return false
}

// termMeta is what a term view's meta methods return.
func termMeta(t *site.Term) [4]string {
	if t == nil {
		return [4]string{}
	}
	return [4]string{t.Name, t.Slug, t.RelPermalink, t.Permalink}
}

func termOwner(t *site.Term) string {
	if t == nil {
		return ""
	}
	return t.Page.Path
}

func sameTerms(a, b []*site.Term) bool {
	return slices.EqualFunc(a, b, func(x, y *site.Term) bool {
		return x.Page.Path == y.Page.Path && x.Count == y.Count && termMeta(x) == termMeta(y)
	})
}

func sameArchive(a, b []site.ArchiveYear) bool {
	return slices.EqualFunc(a, b, func(x, y site.ArchiveYear) bool {
		return x.Year == y.Year && x.Date.Equal(y.Date) && slices.EqualFunc(x.Months, y.Months, func(m, n site.ArchiveMonth) bool {
			return m.Month == n.Month && m.Date.Equal(n.Date) && samePaths(m.Pages, n.Pages)
		})
	})
}

// sameMap compares front-matter maps; a page read from an unchanged file
// shares its map with the previous build, which makes this cheap. Maps
// both builds made anew (the site's footer, which every page without its
// own shares) are compared once per pair: the answers are kept.
func (d *differ) sameMap(a, b map[string]any) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	pa, pb := reflect.ValueOf(a).UnsafePointer(), reflect.ValueOf(b).UnsafePointer()
	if pa == pb {
		return true
	}
	key := [2]unsafe.Pointer{pa, pb}
	same, ok := d.maps[key]
	if !ok {
		same = reflect.DeepEqual(a, b)
		d.maps[key] = same
	}
	return same
}

func (d *differ) sameSettings() bool {
	a, b := d.before, d.after
	return a.Title == b.Title && a.Description == b.Description && a.BaseURL == b.BaseURL &&
		a.Language == b.Language && a.Timezone == b.Timezone && a.Company == b.Company &&
		a.Views == b.Views && a.Comments == b.Comments && a.Waline == b.Waline && a.Twikoo == b.Twikoo &&
		a.Logo == b.Logo && d.sameFooter(a.Footer, b.Footer) && reflect.DeepEqual(a.Menu, b.Menu) &&
		reflect.DeepEqual(a.Params, b.Params)
}

func sameTaxonomies(a, b *site.Site) bool {
	if len(a.Taxonomies) != len(b.Taxonomies) {
		return false
	}
	for name, terms := range a.Taxonomies {
		if !sameTerms(terms, b.Taxonomies[name]) {
			return false
		}
	}
	return true
}
