package render

import (
	"html/template"
	"maps"
	"reflect"
	"slices"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/config"
	"github.com/bulletin-ssg/bulletin/internal/site"
)

// The fields templates may read are declared once, here: for each, its
// name, the group a read of it records, and a getter from the graph.
// Everything else is derived from that one entry: the value templates
// see (through TemplateField, and the views' methods that html/template
// calls), what a read records, whether two builds' graphs differ in it
// (Changes) and its digest (Digest, for the next process). A field added
// here is visible to templates and tracked by rebuilds; a view method
// without an entry, or an entry without a method, fails
// TestFieldsAreTheMethods.

// field is one field templates may read of an owner: a page, the site,
// a term or a paginator.
type field[T any] struct {
	name  string
	group Group
	// view is the value templates see: pages and terms as views that
	// record what is read of them in turn.
	view func(o T, rec *Recorder) any
	// same reports whether two owners hold the same value (two builds'
	// versions of one page, say); digest writes the value into a digest.
	// Both read exactly what view shows, pages and terms by identity.
	same   func(c *comparer, a, b T) bool
	digest func(d *digester, o T)
}

// fieldsOf indexes a table by name and by group.
type fieldsOf[T any] struct {
	list    []field[T]
	indexes map[string]int // by name
	// groups lists each group's fields: a rebuild compares every page of
	// a large site group by group.
	groups [groupLimit][]*field[T]
}

// groupLimit bounds the Group values (see view.go).
const groupLimit = 16

// inGroup returns the fields of group g.
func (f *fieldsOf[T]) inGroup(g Group) []*field[T] {
	if int(g) >= groupLimit {
		return nil
	}
	return f.groups[g]
}

// byName returns the field of that name, or nil.
func (f *fieldsOf[T]) byName(name string) *field[T] {
	if i, ok := f.indexes[name]; ok {
		return &f.list[i]
	}
	return nil
}

// indexOf returns the place of a field in the table.
func (f *fieldsOf[T]) indexOf(name string) (int, bool) {
	i, ok := f.indexes[name]
	return i, ok
}

func index[T any](list ...field[T]) *fieldsOf[T] {
	f := &fieldsOf[T]{list: list, indexes: make(map[string]int, len(list))}
	for i, x := range list {
		f.indexes[x.name] = i
		f.groups[x.group] = append(f.groups[x.group], &f.list[i])
	}
	return f
}

// PageFields, SiteFields, TermFields and PaginatorFields are the fields
// of .Page (and of every page reached from it), .Site, a term and
// .Paginator.
var (
	pageFields = index(
		textField("Title", GroupMeta, func(p *site.Page) string { return p.Title }),
		textField("Description", GroupMeta, func(p *site.Page) string { return p.Description }),
		timeField("Date", GroupMeta, func(p *site.Page) time.Time { return p.Date }),
		timeField("Lastmod", GroupMeta, func(p *site.Page) time.Time { return p.Lastmod }),
		textField("Permalink", GroupMeta, func(p *site.Page) string { return p.Permalink }),
		textField("RelPermalink", GroupMeta, func(p *site.Page) string { return p.RelPermalink }),
		textField("Kind", GroupMeta, func(p *site.Page) string { return p.Kind }),
		textField("Section", GroupMeta, func(p *site.Page) string { return p.Section }),
		textField("Author", GroupMeta, func(p *site.Page) string { return p.Author }),
		textField("Source", GroupMeta, func(p *site.Page) string { return p.Source }),
		textField("Cover", GroupMeta, func(p *site.Page) string { return p.Cover }),
		valueField("CoverImage", GroupMeta, func(p *site.Page) site.Image { return p.CoverImage }),
		boolField("Pinned", GroupMeta, func(p *site.Page) bool { return p.Pinned }),
		intField("Weight", GroupMeta, func(p *site.Page) int { return p.Weight }),
		footerField("Footer", GroupMeta, func(p *site.Page) config.Footer { return p.Footer }),
		paramsField("Params", GroupMeta, func(p *site.Page) map[string]any { return p.Params }),
		textField("Lang", GroupMeta, func(p *site.Page) string { return p.Lang }),
		textField("File", GroupMeta, func(p *site.Page) string { return p.File }),
		textField("Layout", GroupMeta, func(p *site.Page) string { return p.Layout }),
		textField("Taxonomy", GroupMeta, func(p *site.Page) string { return p.Taxonomy }),
		htmlField("Summary", GroupSummary, func(p *site.Page) template.HTML { return p.Summary }),
		boolField("Truncated", GroupSummary, func(p *site.Page) bool { return p.Truncated }),
		htmlField("Content", GroupContent, func(p *site.Page) template.HTML { p.AwaitContent(); return p.Content }),
		htmlField("TOC", GroupContent, func(p *site.Page) template.HTML { p.AwaitContent(); return p.TOC }),
		intField("WordCount", GroupContent, func(p *site.Page) int { p.AwaitContent(); return p.WordCount }),
		intField("ReadingTime", GroupContent, func(p *site.Page) int { p.AwaitContent(); return p.ReadingTime }),
		pageField("Prev", GroupLinks, func(p *site.Page) *site.Page { return p.Prev }),
		pageField("Next", GroupLinks, func(p *site.Page) *site.Page { return p.Next }),
		pageField("SectionPage", GroupLinks, func(p *site.Page) *site.Page { return p.SectionPage }),
		pageField("Parent", GroupLinks, func(p *site.Page) *site.Page { return p.Parent }),
		pagesField("Ancestors", GroupLinks, func(p *site.Page) []*site.Page { return p.Ancestors }),
		pagesField("Sections", GroupLinks, func(p *site.Page) []*site.Page { return p.Sections }),
		pagesField("Translations", GroupLinks, func(p *site.Page) []*site.Page { return p.Translations }),
		termsField("Tags", GroupLinks, func(p *site.Page) []*site.Term { return p.Tags }),
		termsField("Categories", GroupLinks, func(p *site.Page) []*site.Term { return p.Categories }),
		termField("Term", GroupLinks, func(p *site.Page) *site.Term { return p.Term }),
		pagesField("Pages", GroupList, func(p *site.Page) []*site.Page { return p.Pages }),
		termsField("Terms", GroupList, func(p *site.Page) []*site.Term { return p.Terms }),
		archiveField("Archive", GroupList, func(p *site.Page) []site.ArchiveYear { return p.Archive }),
		pagesField("Related", GroupRelated, func(p *site.Page) []*site.Page { return p.Related }),
	)

	siteFields = index(
		textField("Title", GroupSettings, func(s *site.Site) string { return s.Title }),
		textField("Description", GroupSettings, func(s *site.Site) string { return s.Description }),
		textField("BaseURL", GroupSettings, func(s *site.Site) string { return s.BaseURL }),
		textField("Language", GroupSettings, func(s *site.Site) string { return s.Language }),
		textField("Timezone", GroupSettings, func(s *site.Site) string { return s.Timezone }),
		valueField("Company", GroupSettings, func(s *site.Site) config.Company { return s.Company }),
		footerField("Footer", GroupSettings, func(s *site.Site) config.Footer { return s.Footer }),
		deepField("Menu", GroupSettings, func(s *site.Site) []config.MenuItem { return s.Menu }),
		textField("Views", GroupSettings, func(s *site.Site) string { return s.Views }),
		textField("Comments", GroupSettings, func(s *site.Site) string { return s.Comments }),
		valueField("Waline", GroupSettings, func(s *site.Site) config.Waline { return s.Waline }),
		valueField("Twikoo", GroupSettings, func(s *site.Site) config.Twikoo { return s.Twikoo }),
		textField("Logo", GroupSettings, func(s *site.Site) string { return s.Logo }),
		valueField("LogoImage", GroupSettings, func(s *site.Site) site.Image { return s.LogoImage }),
		textField("Favicon", GroupSettings, func(s *site.Site) string { return s.Favicon }),
		textField("PublisherType", GroupSettings, func(s *site.Site) string { return s.PublisherType }),
		paramsField("Params", GroupSettings, func(s *site.Site) map[string]any { return s.Params }),
		pageField("Home", GroupSettings, func(s *site.Site) *site.Page { return s.Home }),
		pageField("SearchPage", GroupSettings, func(s *site.Site) *site.Page { return s.SearchPage }),
		sitesField("Languages", GroupSettings, func(s *site.Site) []*site.Site { return s.Languages }),
		boolField("Multilingual", GroupSettings, func(s *site.Site) bool { return len(s.Languages) > 1 }),
		pagesField("Sections", GroupSections, func(s *site.Site) []*site.Page { return s.Sections }),
		pagesField("Pages", GroupPages, func(s *site.Site) []*site.Page { return s.Pages }),
		taxonomiesField("Taxonomies", GroupTaxonomies, func(s *site.Site) map[string][]*site.Term { return s.Taxonomies }),
	)

	// A term's fields are its page's: a read records the term page's
	// group, and the term page's groups cover them.
	termFields = index(
		textField("Name", GroupMeta, func(t *site.Term) string { return t.Name }),
		textField("Slug", GroupMeta, func(t *site.Term) string { return t.Slug }),
		textField("RelPermalink", GroupMeta, func(t *site.Term) string { return t.RelPermalink }),
		textField("Permalink", GroupMeta, func(t *site.Term) string { return t.Permalink }),
		pagesField("Pages", GroupList, func(t *site.Term) []*site.Page { return t.Pages }),
		intField("Count", GroupList, func(t *site.Term) int { return t.Count }),
	)

	// A paginator is one page of its owner's list: every field is in the
	// owner's list group, which covers all its paginators.
	paginatorFields = index(
		pagesField("Pages", GroupList, func(pg *site.Paginator) []*site.Page { return pg.Pages }),
		intField("PageNumber", GroupList, func(pg *site.Paginator) int { return pg.PageNumber }),
		intField("TotalPages", GroupList, func(pg *site.Paginator) int { return pg.TotalPages }),
		textField("URL", GroupList, func(pg *site.Paginator) string { return pg.URL }),
		boolField("HasPrev", GroupList, func(pg *site.Paginator) bool { return pg.HasPrev }),
		textField("Prev", GroupList, func(pg *site.Paginator) string { return pg.Prev }),
		boolField("HasNext", GroupList, func(pg *site.Paginator) bool { return pg.HasNext }),
		textField("Next", GroupList, func(pg *site.Paginator) string { return pg.Next }),
		textField("First", GroupList, func(pg *site.Paginator) string { return pg.First }),
		textField("Last", GroupList, func(pg *site.Paginator) string { return pg.Last }),
		termField("Term", GroupList, func(pg *site.Paginator) *site.Term { return pg.Term }),
	)
)

// The kinds of field: each derives a field's view, comparison and digest
// from its getter.

func textField[T any](name string, g Group, get func(T) string) field[T] {
	return field[T]{name: name, group: g,
		view:   func(o T, _ *Recorder) any { return get(o) },
		same:   func(_ *comparer, a, b T) bool { return get(a) == get(b) },
		digest: func(d *digester, o T) { d.str(get(o)) },
	}
}

func htmlField[T any](name string, g Group, get func(T) template.HTML) field[T] {
	return field[T]{name: name, group: g,
		view:   func(o T, _ *Recorder) any { return get(o) },
		same:   func(_ *comparer, a, b T) bool { return get(a) == get(b) },
		digest: func(d *digester, o T) { d.str(string(get(o))) },
	}
}

func boolField[T any](name string, g Group, get func(T) bool) field[T] {
	return field[T]{name: name, group: g,
		view:   func(o T, _ *Recorder) any { return get(o) },
		same:   func(_ *comparer, a, b T) bool { return get(a) == get(b) },
		digest: func(d *digester, o T) { d.bool(get(o)) },
	}
}

func intField[T any](name string, g Group, get func(T) int) field[T] {
	return field[T]{name: name, group: g,
		view:   func(o T, _ *Recorder) any { return get(o) },
		same:   func(_ *comparer, a, b T) bool { return get(a) == get(b) },
		digest: func(d *digester, o T) { d.int(int64(get(o))) },
	}
}

// timeField: what a template shows of a time is its instant and the zone
// it is shown in.
func timeField[T any](name string, g Group, get func(T) time.Time) field[T] {
	return field[T]{name: name, group: g,
		view: func(o T, _ *Recorder) any { return get(o) },
		same: func(_ *comparer, a, b T) bool {
			x, y := get(a), get(b)
			return x.Equal(y) && x.Location().String() == y.Location().String()
		},
		digest: func(d *digester, o T) { d.date(get(o)) },
	}
}

// valueField is a plain struct of settings, compared with ==.
func valueField[T any, V comparable](name string, g Group, get func(T) V) field[T] {
	return field[T]{name: name, group: g,
		view:   func(o T, _ *Recorder) any { return get(o) },
		same:   func(_ *comparer, a, b T) bool { return get(a) == get(b) },
		digest: func(d *digester, o T) { d.value(reflect.ValueOf(get(o))) },
	}
}

// deepField is a value of settings compared as reflect.DeepEqual does.
func deepField[T, V any](name string, g Group, get func(T) V) field[T] {
	return field[T]{name: name, group: g,
		view:   func(o T, _ *Recorder) any { return get(o) },
		same:   func(_ *comparer, a, b T) bool { return reflect.DeepEqual(get(a), get(b)) },
		digest: func(d *digester, o T) { d.value(reflect.ValueOf(get(o))) },
	}
}

func paramsField[T any](name string, g Group, get func(T) map[string]any) field[T] {
	return field[T]{name: name, group: g,
		view:   func(o T, _ *Recorder) any { return get(o) },
		same:   func(c *comparer, a, b T) bool { return c.sameMap(get(a), get(b)) },
		digest: func(d *digester, o T) { d.params(get(o)) },
	}
}

func footerField[T any](name string, g Group, get func(T) config.Footer) field[T] {
	return field[T]{name: name, group: g,
		view: func(o T, _ *Recorder) any { return get(o) },
		same: func(c *comparer, a, b T) bool {
			x, y := get(a), get(b)
			return x.ICP == y.ICP && x.ICPURL == y.ICPURL && x.PSB == y.PSB && x.PSBURL == y.PSBURL &&
				x.Copyright == y.Copyright && x.PoweredBy == y.PoweredBy && c.sameMap(x.Params, y.Params)
		},
		digest: func(d *digester, o T) { d.footer(get(o)) },
	}
}

// A page or term a field points to is compared by identity, its site
// path: what a template reads of it is recorded as a read of it.

func pageField[T any](name string, g Group, get func(T) *site.Page) field[T] {
	return field[T]{name: name, group: g,
		view:   func(o T, rec *Recorder) any { return page(get(o), rec) },
		same:   func(_ *comparer, a, b T) bool { return pathOf(get(a)) == pathOf(get(b)) },
		digest: func(d *digester, o T) { d.str(pathOf(get(o))) },
	}
}

func pagesField[T any](name string, g Group, get func(T) []*site.Page) field[T] {
	return field[T]{name: name, group: g,
		view:   func(o T, rec *Recorder) any { return pages(get(o), rec) },
		same:   func(_ *comparer, a, b T) bool { return samePaths(get(a), get(b)) },
		digest: func(d *digester, o T) { d.paths(get(o)) },
	}
}

// sitesField is the sites of a site's languages: each a view that reads
// as .Site does. They are compared by language: the site-wide groups
// cover every language's fields (see siteLanguages).
func sitesField[T any](name string, g Group, get func(T) []*site.Site) field[T] {
	tags := func(sites []*site.Site) []string {
		out := make([]string, len(sites))
		for i, s := range sites {
			if s != nil {
				out[i] = s.Language
			}
		}
		return out
	}
	return field[T]{name: name, group: g,
		view: func(o T, rec *Recorder) any {
			sites := get(o)
			out := make([]*SiteView, len(sites))
			for i, s := range sites {
				out[i] = &SiteView{s, rec}
			}
			return out
		},
		same: func(_ *comparer, a, b T) bool { return slices.Equal(tags(get(a)), tags(get(b))) },
		digest: func(d *digester, o T) {
			t := tags(get(o))
			d.int(int64(len(t)))
			for _, s := range t {
				d.str(s)
			}
		},
	}
}

func termField[T any](name string, g Group, get func(T) *site.Term) field[T] {
	return field[T]{name: name, group: g,
		view:   func(o T, rec *Recorder) any { return termView(get(o), rec) },
		same:   func(_ *comparer, a, b T) bool { return termOwner(get(a)) == termOwner(get(b)) },
		digest: func(d *digester, o T) { d.str(termOwner(get(o))) },
	}
}

func termsField[T any](name string, g Group, get func(T) []*site.Term) field[T] {
	return field[T]{name: name, group: g,
		view:   func(o T, rec *Recorder) any { return termViews(get(o), rec) },
		same:   func(_ *comparer, a, b T) bool { return sameTermPaths(get(a), get(b)) },
		digest: func(d *digester, o T) { d.termPaths(get(o)) },
	}
}

func taxonomiesField[T any](name string, g Group, get func(T) map[string][]*site.Term) field[T] {
	return field[T]{name: name, group: g,
		view: func(o T, rec *Recorder) any {
			taxonomies := get(o)
			out := make(map[string][]*TermView, len(taxonomies))
			for name, terms := range taxonomies {
				out[name] = termViews(terms, rec)
			}
			return out
		},
		same: func(_ *comparer, a, b T) bool {
			return maps.EqualFunc(get(a), get(b), sameTermPaths)
		},
		digest: func(d *digester, o T) {
			taxonomies := get(o)
			names := slices.Sorted(maps.Keys(taxonomies))
			d.int(int64(len(names)))
			for _, name := range names {
				d.str(name)
				d.termPaths(taxonomies[name])
			}
		},
	}
}

func archiveField[T any](name string, g Group, get func(T) []site.ArchiveYear) field[T] {
	return field[T]{name: name, group: g,
		view: func(o T, rec *Recorder) any {
			archive := get(o)
			years := make([]ArchiveYear, len(archive))
			for i, y := range archive {
				years[i] = ArchiveYear{Year: y.Year, Date: y.Date, Months: make([]ArchiveMonth, len(y.Months))}
				for j, m := range y.Months {
					years[i].Months[j] = ArchiveMonth{Month: m.Month, Date: m.Date, Pages: pages(m.Pages, rec)}
				}
			}
			return years
		},
		same: func(_ *comparer, a, b T) bool {
			return slices.EqualFunc(get(a), get(b), func(x, y site.ArchiveYear) bool {
				return x.Year == y.Year && x.Date.Equal(y.Date) && slices.EqualFunc(x.Months, y.Months, func(m, n site.ArchiveMonth) bool {
					return m.Month == n.Month && m.Date.Equal(n.Date) && samePaths(m.Pages, n.Pages)
				})
			})
		},
		digest: func(d *digester, o T) {
			archive := get(o)
			d.int(int64(len(archive)))
			for _, y := range archive {
				d.int(int64(y.Year))
				d.instant(y.Date)
				d.int(int64(len(y.Months)))
				for _, m := range y.Months {
					d.int(int64(m.Month))
					d.instant(m.Date)
					d.paths(m.Pages)
				}
			}
		},
	}
}

func pathOf(p *site.Page) string {
	if p == nil {
		return ""
	}
	return p.Path
}

func termOwner(t *site.Term) string {
	if t == nil {
		return ""
	}
	return t.Page.Path
}

// samePaths compares two lists of pages by their paths, without the
// copies a list of paths would make (the home page lists every article,
// on every rebuild).
func samePaths(a, b []*site.Page) bool {
	return slices.EqualFunc(a, b, func(x, y *site.Page) bool { return x.Path == y.Path })
}

func sameTermPaths(a, b []*site.Term) bool {
	return slices.EqualFunc(a, b, func(x, y *site.Term) bool { return x.Page.Path == y.Page.Path })
}
