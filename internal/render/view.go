package render

import (
	"html/template"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/config"
	"github.com/bulletin-ssg/bulletin/internal/site"
	"github.com/bulletin-ssg/bulletin/internal/theme"
)

// Templates see the site graph through views: small wrappers whose
// methods have the names of the contract's fields (.Page.Title works as
// it would on a struct) and which, when a Recorder is attached, note
// every piece of the graph a template reads. A rebuild then re-renders
// only the outputs that read something that changed (see Changes).
//
// Every field a template may read is one method here, in one Group.

// Group is a part of a page (or of the site) that changes as a whole.
type Group uint8

const (
	GroupMeta    Group = iota + 1 // title, dates, URL, author, params, footer…
	GroupSummary                  // Summary, Truncated
	GroupContent                  // Content, TOC, WordCount, ReadingTime
	GroupLinks                    // which pages Prev, Next, SectionPage, Tags, Categories point to
	GroupList                     // the pages (terms, archive) a list shows, in order
)

// Site-wide groups, under the ID SiteID.
const (
	GroupSettings   Group = iota + 10 // title, base URL, company, footer, menu, params…
	GroupSections                     // Site.Sections
	GroupTaxonomies                   // Site.Taxonomies: terms, their URLs and counts
	GroupPages                        // Site.Pages
)

// SiteID is the Dep ID of the site-wide groups.
const SiteID = "\x00site"

// Dep is one piece of the graph an output read: a group of the page at a
// site path, or a site-wide group.
type Dep struct {
	ID    string // a page's site path, or SiteID
	Group Group
}

// Recorder collects what one render read. It belongs to one goroutine.
type Recorder struct {
	deps map[Dep]struct{}
}

// NewRecorder makes an empty recorder.
func NewRecorder() *Recorder { return &Recorder{deps: map[Dep]struct{}{}} }

// Deps returns what was read.
func (r *Recorder) Deps() map[Dep]struct{} { return r.deps }

// Capture notes reads apart as well until stop, which returns them (as
// a []Dep): theme.ReadLog, for a partial served to many pages.
func (r *Recorder) Capture() (stop func() any) {
	outer := r.deps
	r.deps = map[Dep]struct{}{}
	return func() any {
		inner := r.deps
		r.deps = outer
		reads := make([]Dep, 0, len(inner))
		for d := range inner {
			outer[d] = struct{}{}
			reads = append(reads, d)
		}
		return reads
	}
}

// Replay notes the reads a Capture returned.
func (r *Recorder) Replay(reads any) {
	for _, d := range reads.([]Dep) {
		r.deps[d] = struct{}{}
	}
}

// readLog is the recorder as a theme.ReadLog: nil when there is none.
func (r *Recorder) readLog() theme.ReadLog {
	if r == nil {
		return nil
	}
	return r
}

func (r *Recorder) use(id string, g Group) {
	if r != nil {
		r.deps[Dep{id, g}] = struct{}{}
	}
}

// SiteView is .Site.
type SiteView struct {
	s   *site.Site
	rec *Recorder
}

// ReadLog is theme.Recorded: partialCached notes what a partial it
// serves read.
func (v *SiteView) ReadLog() theme.ReadLog { return v.rec.readLog() }

func (v *SiteView) settings()               { v.rec.use(SiteID, GroupSettings) }
func (v *SiteView) Title() string           { v.settings(); return v.s.Title }
func (v *SiteView) Description() string     { v.settings(); return v.s.Description }
func (v *SiteView) BaseURL() string         { v.settings(); return v.s.BaseURL }
func (v *SiteView) Language() string        { v.settings(); return v.s.Language }
func (v *SiteView) Timezone() string        { v.settings(); return v.s.Timezone }
func (v *SiteView) Company() config.Company { v.settings(); return v.s.Company }
func (v *SiteView) Footer() config.Footer   { v.settings(); return v.s.Footer }
func (v *SiteView) Menu() []config.MenuItem { v.settings(); return v.s.Menu }
func (v *SiteView) Views() string           { v.settings(); return v.s.Views }
func (v *SiteView) Comments() string        { v.settings(); return v.s.Comments }
func (v *SiteView) Waline() config.Waline   { v.settings(); return v.s.Waline }
func (v *SiteView) Twikoo() config.Twikoo   { v.settings(); return v.s.Twikoo }
func (v *SiteView) Logo() string            { v.settings(); return v.s.Logo }
func (v *SiteView) Params() map[string]any  { v.settings(); return v.s.Params }
func (v *SiteView) Sections() []*PageView {
	v.rec.use(SiteID, GroupSections)
	return pages(v.s.Sections, v.rec)
}
func (v *SiteView) Pages() []*PageView { v.rec.use(SiteID, GroupPages); return pages(v.s.Pages, v.rec) }
func (v *SiteView) Taxonomies() map[string][]*TermView {
	v.rec.use(SiteID, GroupTaxonomies)
	out := make(map[string][]*TermView, len(v.s.Taxonomies))
	for name, terms := range v.s.Taxonomies {
		out[name] = termViews(terms, v.rec)
	}
	return out
}

// PageView is .Page, and every page reached from it.
type PageView struct {
	p   *site.Page
	rec *Recorder
}

func page(p *site.Page, rec *Recorder) *PageView {
	if p == nil {
		return nil
	}
	return &PageView{p, rec}
}

func pages(ps []*site.Page, rec *Recorder) []*PageView {
	out := make([]*PageView, len(ps))
	for i, p := range ps {
		out[i] = &PageView{p, rec}
	}
	return out
}

// ReadLog is theme.Recorded (see SiteView.ReadLog).
func (v *PageView) ReadLog() theme.ReadLog { return v.rec.readLog() }

func (v *PageView) use(g Group)            { v.rec.use(v.p.Path, g) }
func (v *PageView) Title() string          { v.use(GroupMeta); return v.p.Title }
func (v *PageView) Description() string    { v.use(GroupMeta); return v.p.Description }
func (v *PageView) Date() time.Time        { v.use(GroupMeta); return v.p.Date }
func (v *PageView) Lastmod() time.Time     { v.use(GroupMeta); return v.p.Lastmod }
func (v *PageView) Permalink() string      { v.use(GroupMeta); return v.p.Permalink }
func (v *PageView) RelPermalink() string   { v.use(GroupMeta); return v.p.RelPermalink }
func (v *PageView) Kind() string           { v.use(GroupMeta); return v.p.Kind }
func (v *PageView) Section() string        { v.use(GroupMeta); return v.p.Section }
func (v *PageView) Author() string         { v.use(GroupMeta); return v.p.Author }
func (v *PageView) Source() string         { v.use(GroupMeta); return v.p.Source }
func (v *PageView) Cover() string          { v.use(GroupMeta); return v.p.Cover }
func (v *PageView) Pinned() bool           { v.use(GroupMeta); return v.p.Pinned }
func (v *PageView) Weight() int            { v.use(GroupMeta); return v.p.Weight }
func (v *PageView) Footer() config.Footer  { v.use(GroupMeta); return v.p.Footer }
func (v *PageView) Params() map[string]any { v.use(GroupMeta); return v.p.Params }
func (v *PageView) Lang() string           { v.use(GroupMeta); return v.p.Lang }
func (v *PageView) File() string           { v.use(GroupMeta); return v.p.File }
func (v *PageView) Layout() string         { v.use(GroupMeta); return v.p.Layout }
func (v *PageView) Taxonomy() string       { v.use(GroupMeta); return v.p.Taxonomy }
func (v *PageView) Summary() template.HTML { v.use(GroupSummary); return v.p.Summary }
func (v *PageView) Truncated() bool        { v.use(GroupSummary); return v.p.Truncated }
func (v *PageView) Content() template.HTML { v.use(GroupContent); return v.p.Content }
func (v *PageView) TOC() template.HTML     { v.use(GroupContent); return v.p.TOC }
func (v *PageView) WordCount() int         { v.use(GroupContent); return v.p.WordCount }
func (v *PageView) ReadingTime() int       { v.use(GroupContent); return v.p.ReadingTime }
func (v *PageView) Prev() *PageView        { v.use(GroupLinks); return page(v.p.Prev, v.rec) }
func (v *PageView) Next() *PageView        { v.use(GroupLinks); return page(v.p.Next, v.rec) }
func (v *PageView) SectionPage() *PageView { v.use(GroupLinks); return page(v.p.SectionPage, v.rec) }
func (v *PageView) Tags() []*TermView      { v.use(GroupLinks); return termViews(v.p.Tags, v.rec) }
func (v *PageView) Categories() []*TermView {
	v.use(GroupLinks)
	return termViews(v.p.Categories, v.rec)
}
func (v *PageView) Pages() []*PageView { v.use(GroupList); return pages(v.p.Pages, v.rec) }
func (v *PageView) Terms() []*TermView { v.use(GroupList); return termViews(v.p.Terms, v.rec) }
func (v *PageView) Term() *TermView    { v.use(GroupLinks); return termView(v.p.Term, v.rec) }
func (v *PageView) Archive() []ArchiveYear {
	v.use(GroupList)
	years := make([]ArchiveYear, len(v.p.Archive))
	for i, y := range v.p.Archive {
		years[i] = ArchiveYear{Year: y.Year, Date: y.Date, Months: make([]ArchiveMonth, len(y.Months))}
		for j, m := range y.Months {
			years[i].Months[j] = ArchiveMonth{Month: m.Month, Date: m.Date, Pages: pages(m.Pages, v.rec)}
		}
	}
	return years
}

// ArchiveYear is one year of .Page.Archive.
type ArchiveYear struct {
	Year   int
	Date   time.Time
	Months []ArchiveMonth
}

// ArchiveMonth is one month of an ArchiveYear.
type ArchiveMonth struct {
	Month int
	Date  time.Time
	Pages []*PageView
}

// TermView is a tag or category. Its name and URL belong to its page's
// meta group, its pages and count to its page's list group.
type TermView struct {
	t   *site.Term
	rec *Recorder
}

func termView(t *site.Term, rec *Recorder) *TermView {
	if t == nil {
		return nil
	}
	return &TermView{t, rec}
}

func termViews(ts []*site.Term, rec *Recorder) []*TermView {
	out := make([]*TermView, len(ts))
	for i, t := range ts {
		out[i] = &TermView{t, rec}
	}
	return out
}

func (v *TermView) id() string           { return v.t.Page.Path }
func (v *TermView) Name() string         { v.rec.use(v.id(), GroupMeta); return v.t.Name }
func (v *TermView) Slug() string         { v.rec.use(v.id(), GroupMeta); return v.t.Slug }
func (v *TermView) RelPermalink() string { v.rec.use(v.id(), GroupMeta); return v.t.RelPermalink }
func (v *TermView) Permalink() string    { v.rec.use(v.id(), GroupMeta); return v.t.Permalink }
func (v *TermView) Pages() []*PageView   { v.rec.use(v.id(), GroupList); return pages(v.t.Pages, v.rec) }
func (v *TermView) Count() int           { v.rec.use(v.id(), GroupList); return v.t.Count }

// PaginatorView is .Paginator: one page of a list. What it shows is the
// list's order, so it depends on the list group of the page it belongs to.
type PaginatorView struct {
	owner *site.Page
	pg    *site.Paginator
	rec   *Recorder
}

func (v *PaginatorView) use()               { v.rec.use(v.owner.Path, GroupList) }
func (v *PaginatorView) Pages() []*PageView { v.use(); return pages(v.pg.Pages, v.rec) }
func (v *PaginatorView) PageNumber() int    { v.use(); return v.pg.PageNumber }
func (v *PaginatorView) TotalPages() int    { v.use(); return v.pg.TotalPages }
func (v *PaginatorView) HasPrev() bool      { v.use(); return v.pg.HasPrev }
func (v *PaginatorView) Prev() string       { v.use(); return v.pg.Prev }
func (v *PaginatorView) HasNext() bool      { v.use(); return v.pg.HasNext }
func (v *PaginatorView) Next() string       { v.use(); return v.pg.Next }
func (v *PaginatorView) First() string      { v.use(); return v.pg.First }
func (v *PaginatorView) Last() string       { v.use(); return v.pg.Last }
func (v *PaginatorView) Term() *TermView    { v.use(); return termView(v.pg.Term, v.rec) }

// TemplateField is each view's fields by name for internal/tmplexec,
// which then calls the method without reflection (tmplexec.Fielder): the
// methods run once or more for every field a template of a site's own
// reads. TestTemplateFieldsAreTheMethods holds the switches to the
// methods.

// TemplateField is tmplexec.Fielder.
func (v *SiteView) TemplateField(name string) (any, bool) {
	if v == nil {
		return nil, false // a method of a nil view is text/template's to call
	}
	switch name {
	case "ReadLog":
		return v.ReadLog(), true
	case "Title":
		return v.Title(), true
	case "Description":
		return v.Description(), true
	case "BaseURL":
		return v.BaseURL(), true
	case "Language":
		return v.Language(), true
	case "Timezone":
		return v.Timezone(), true
	case "Company":
		return v.Company(), true
	case "Footer":
		return v.Footer(), true
	case "Menu":
		return v.Menu(), true
	case "Views":
		return v.Views(), true
	case "Comments":
		return v.Comments(), true
	case "Waline":
		return v.Waline(), true
	case "Twikoo":
		return v.Twikoo(), true
	case "Logo":
		return v.Logo(), true
	case "Params":
		return v.Params(), true
	case "Sections":
		return v.Sections(), true
	case "Pages":
		return v.Pages(), true
	case "Taxonomies":
		return v.Taxonomies(), true
	}
	return nil, false
}

// TemplateField is tmplexec.Fielder.
func (v *PageView) TemplateField(name string) (any, bool) {
	if v == nil {
		return nil, false // a method of a nil view is text/template's to call
	}
	switch name {
	case "ReadLog":
		return v.ReadLog(), true
	case "Title":
		return v.Title(), true
	case "Description":
		return v.Description(), true
	case "Date":
		return v.Date(), true
	case "Lastmod":
		return v.Lastmod(), true
	case "Permalink":
		return v.Permalink(), true
	case "RelPermalink":
		return v.RelPermalink(), true
	case "Kind":
		return v.Kind(), true
	case "Section":
		return v.Section(), true
	case "Author":
		return v.Author(), true
	case "Source":
		return v.Source(), true
	case "Cover":
		return v.Cover(), true
	case "Pinned":
		return v.Pinned(), true
	case "Weight":
		return v.Weight(), true
	case "Footer":
		return v.Footer(), true
	case "Params":
		return v.Params(), true
	case "Lang":
		return v.Lang(), true
	case "File":
		return v.File(), true
	case "Layout":
		return v.Layout(), true
	case "Taxonomy":
		return v.Taxonomy(), true
	case "Summary":
		return v.Summary(), true
	case "Truncated":
		return v.Truncated(), true
	case "Content":
		return v.Content(), true
	case "TOC":
		return v.TOC(), true
	case "WordCount":
		return v.WordCount(), true
	case "ReadingTime":
		return v.ReadingTime(), true
	case "Prev":
		return v.Prev(), true
	case "Next":
		return v.Next(), true
	case "SectionPage":
		return v.SectionPage(), true
	case "Tags":
		return v.Tags(), true
	case "Categories":
		return v.Categories(), true
	case "Pages":
		return v.Pages(), true
	case "Terms":
		return v.Terms(), true
	case "Term":
		return v.Term(), true
	case "Archive":
		return v.Archive(), true
	}
	return nil, false
}

// TemplateField is tmplexec.Fielder.
func (v *TermView) TemplateField(name string) (any, bool) {
	if v == nil {
		return nil, false // a method of a nil view is text/template's to call
	}
	switch name {
	case "Name":
		return v.Name(), true
	case "Slug":
		return v.Slug(), true
	case "RelPermalink":
		return v.RelPermalink(), true
	case "Permalink":
		return v.Permalink(), true
	case "Pages":
		return v.Pages(), true
	case "Count":
		return v.Count(), true
	}
	return nil, false
}

// TemplateField is tmplexec.Fielder.
func (v *PaginatorView) TemplateField(name string) (any, bool) {
	if v == nil {
		return nil, false // a method of a nil view is text/template's to call
	}
	switch name {
	case "Pages":
		return v.Pages(), true
	case "PageNumber":
		return v.PageNumber(), true
	case "TotalPages":
		return v.TotalPages(), true
	case "HasPrev":
		return v.HasPrev(), true
	case "Prev":
		return v.Prev(), true
	case "HasNext":
		return v.HasNext(), true
	case "Next":
		return v.Next(), true
	case "First":
		return v.First(), true
	case "Last":
		return v.Last(), true
	case "Term":
		return v.Term(), true
	}
	return nil, false
}
