package render

import (
	"iter"

	"github.com/bulletin-ssg/bulletin/internal/site"
)

// BuiltinReads is what the built-in theme's templates read to render a
// page (one page of a list: pager), worked out from the graph instead of
// recorded: a build that renders with the built-in templates alone then
// renders through the graph itself, as fast as a build that records
// nothing, and still knows what each page depends on.
//
// It may name more than the templates read (a page is then rendered
// again when it need not be), never less: TestBuiltinReadsCoverRecorded
// renders every page of sample sites with a Recorder and checks that
// every read is here. Computed on the new graph, it names the same
// pieces as it did on the old one as long as none of them changed: the
// pieces that say which pages are read (links, lists) are among them.
func BuiltinReads(s *site.Site, p *site.Page, pager *site.Paginator) iter.Seq[Dep] {
	return func(yield func(Dep) bool) {
		// Each read is yielded as found: a rebuild asks this of every page
		// and stops at the first read that changed, so nothing is collected.
		ok := true
		dep := func(id string, g Group) {
			ok = ok && yield(Dep{id, g})
		}
		meta := func(q *site.Page) {
			if q != nil {
				dep(q.Path, GroupMeta)
			}
		}
		terms := func(ts []*site.Term) {
			for _, t := range ts {
				meta(t.Page)
			}
		}
		dep(SiteID, GroupSettings)
		dep(SiteID, GroupTaxonomies)
		for _, g := range pageGroups {
			dep(p.Path, g)
		}
		meta(p.Prev)
		meta(p.Next)
		meta(p.SectionPage)
		if p.Term != nil {
			meta(p.Term.Page)
		}
		terms(p.Tags)
		terms(p.Categories)

		// A list shows each page's summary entry: its title, date, cover,
		// summary and section.
		listed := p.Pages
		if pager != nil {
			listed = pager.Pages
		}
		if p.Kind == site.KindArchive {
			// The archive shows its pages by year and month, below: titles
			// and dates. Naming their summaries too made every edit of
			// one re-render it, with all 10,000 articles' Markdown.
			listed = nil
		}
		for _, q := range listed {
			if !ok {
				return
			}
			dep(q.Path, GroupMeta)
			dep(q.Path, GroupSummary)
			dep(q.Path, GroupLinks)
			meta(q.SectionPage)
		}
		for _, t := range p.Terms {
			dep(t.Page.Path, GroupMeta)
			dep(t.Page.Path, GroupList)
		}
		for _, y := range p.Archive {
			for _, m := range y.Months {
				for _, q := range m.Pages {
					if !ok {
						return
					}
					meta(q)
				}
			}
		}
		if p.Kind == site.Kind404 {
			// The latest articles.
			dep(SiteID, GroupPages)
			for _, q := range s.Pages {
				if !ok {
					return
				}
				meta(q)
			}
		}
	}
}
