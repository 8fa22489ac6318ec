package render

import (
	"html/template"
	"slices"
	"strings"
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
// Every field a template may read is declared once, in fields.go, with
// its Group; the methods here give html/template the same fields.

// Group is a part of a page (or of the site) that changes as a whole.
type Group uint8

const (
	GroupMeta    Group = iota + 1 // title, dates, URL, author, params, footer…
	GroupSummary                  // Summary, Truncated
	GroupContent                  // Content, TOC, WordCount, ReadingTime
	GroupLinks                    // which pages Prev, Next, SectionPage, Parent, Ancestors, Sections, Tags, Categories point to
	GroupList                     // the pages (terms, archive) a list shows, in order
	GroupRelated                  // an article's related articles, in order
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
// Reads are appended as they come (a page reads the same field of the
// same page many times in a row: those are one) and sorted and made
// unique once, by Deps: every page of a build records, and a map per
// page cost more than the reads themselves.
type Recorder struct {
	deps    []Dep
	capture int // reads from here on are captured apart; -1 when none
}

// subjectID stands, in captured reads, for the subject they were
// captured for (see Capture).
const subjectID = "\x00subject"

// NewRecorder makes an empty recorder.
func NewRecorder() *Recorder { return &Recorder{capture: -1} }

// Reset empties r for another render, keeping its memory: the Deps it
// returned before must no longer be used.
func (r *Recorder) Reset() {
	clear(r.deps) // no strings kept alive from the pool
	r.deps, r.capture = r.deps[:0], -1
}

// Deps returns what was read, each read once, sorted.
func (r *Recorder) Deps() []Dep {
	r.deps = uniqueDeps(r.deps)
	return r.deps
}

func uniqueDeps(deps []Dep) []Dep {
	slices.SortFunc(deps, func(a, b Dep) int {
		if c := strings.Compare(a.ID, b.ID); c != 0 {
			return c
		}
		return int(a.Group) - int(b.Group)
	})
	return slices.Compact(deps)
}

// Capture notes reads apart as well until stop, which returns them (as
// a []Dep): theme.ReadLog, for a partial served to many pages. A read of
// subject, the page the partial was given, is kept as a read of the
// subject it is replayed for: the footer partial, served to every page
// with the same footer, reads that page's footer, not the first page's.
// Captures nest.
func (r *Recorder) Capture(subject string) (stop func() any) {
	outer := r.capture
	r.capture = len(r.deps)
	return func() any {
		inner := uniqueDeps(slices.Clone(r.deps[r.capture:]))
		r.capture = outer
		for i, d := range inner {
			if subject != "" && d.ID == subject {
				inner[i].ID = subjectID
			}
		}
		return inner
	}
}

// Replay notes the reads a Capture returned, for subject.
func (r *Recorder) Replay(reads any, subject string) {
	for _, d := range reads.([]Dep) {
		if d.ID == subjectID {
			d.ID = subject
		}
		r.deps = append(r.deps, d)
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
	if r == nil {
		return
	}
	if n := len(r.deps); n > 0 && n > r.capture && r.deps[n-1] == (Dep{id, g}) {
		return // the same read again
	}
	r.deps = append(r.deps, Dep{id, g})
}

// SiteView is .Site.
type SiteView struct {
	s   *site.Site
	rec *Recorder
}

// ReadLog is theme.Recorded: partialCached notes what a partial it
// serves read.
func (v *SiteView) ReadLog() theme.ReadLog { return v.rec.readLog() }
func (v *SiteView) ReadSubject() string    { return "" }

// get reads a field of the site, recording the read.
func (v *SiteView) get(name string) any {
	f := siteFields.byName(name)
	v.rec.use(SiteID, f.group)
	return f.view(v.s, v.rec)
}

func (v *SiteView) Title() string           { return v.get("Title").(string) }
func (v *SiteView) Description() string     { return v.get("Description").(string) }
func (v *SiteView) BaseURL() string         { return v.get("BaseURL").(string) }
func (v *SiteView) Language() string        { return v.get("Language").(string) }
func (v *SiteView) Timezone() string        { return v.get("Timezone").(string) }
func (v *SiteView) Company() config.Company { return v.get("Company").(config.Company) }
func (v *SiteView) Footer() config.Footer   { return v.get("Footer").(config.Footer) }
func (v *SiteView) Menu() []config.MenuItem { return v.get("Menu").([]config.MenuItem) }
func (v *SiteView) Views() string           { return v.get("Views").(string) }
func (v *SiteView) Comments() string        { return v.get("Comments").(string) }
func (v *SiteView) Waline() config.Waline   { return v.get("Waline").(config.Waline) }
func (v *SiteView) Twikoo() config.Twikoo   { return v.get("Twikoo").(config.Twikoo) }
func (v *SiteView) Logo() string            { return v.get("Logo").(string) }
func (v *SiteView) LogoImage() site.Image   { return v.get("LogoImage").(site.Image) }
func (v *SiteView) Favicon() string         { return v.get("Favicon").(string) }
func (v *SiteView) PublisherType() string   { return v.get("PublisherType").(string) }
func (v *SiteView) Params() map[string]any  { return v.get("Params").(map[string]any) }
func (v *SiteView) Home() *PageView         { return v.get("Home").(*PageView) }
func (v *SiteView) SearchPage() *PageView   { return v.get("SearchPage").(*PageView) }
func (v *SiteView) Languages() []*SiteView  { return v.get("Languages").([]*SiteView) }
func (v *SiteView) Multilingual() bool      { return v.get("Multilingual").(bool) }
func (v *SiteView) Sections() []*PageView   { return v.get("Sections").([]*PageView) }
func (v *SiteView) Pages() []*PageView      { return v.get("Pages").([]*PageView) }
func (v *SiteView) Taxonomies() map[string][]*TermView {
	return v.get("Taxonomies").(map[string][]*TermView)
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

// pages makes the views of a list in two allocations, not one a page:
// a list page reads its pages' fields once each.
func pages(ps []*site.Page, rec *Recorder) []*PageView {
	if len(ps) == 0 {
		return nil // a nil slice held as a template value allocates nothing
	}
	views := make([]PageView, len(ps))
	out := make([]*PageView, len(ps))
	for i, p := range ps {
		views[i] = PageView{p, rec}
		out[i] = &views[i]
	}
	return out
}

// ReadLog and ReadSubject are theme.Recorded (see SiteView.ReadLog).
func (v *PageView) ReadLog() theme.ReadLog { return v.rec.readLog() }
func (v *PageView) ReadSubject() string    { return v.p.Path }

// get reads a field of the page, recording the read.
func (v *PageView) get(name string) any {
	f := pageFields.byName(name)
	v.rec.use(v.p.Path, f.group)
	return f.view(v.p, v.rec)
}

func (v *PageView) Title() string          { return v.get("Title").(string) }
func (v *PageView) Description() string    { return v.get("Description").(string) }
func (v *PageView) Date() time.Time        { return v.get("Date").(time.Time) }
func (v *PageView) Lastmod() time.Time     { return v.get("Lastmod").(time.Time) }
func (v *PageView) Permalink() string      { return v.get("Permalink").(string) }
func (v *PageView) RelPermalink() string   { return v.get("RelPermalink").(string) }
func (v *PageView) Kind() string           { return v.get("Kind").(string) }
func (v *PageView) Section() string        { return v.get("Section").(string) }
func (v *PageView) Author() string         { return v.get("Author").(string) }
func (v *PageView) Source() string         { return v.get("Source").(string) }
func (v *PageView) Cover() string          { return v.get("Cover").(string) }
func (v *PageView) CoverImage() site.Image { return v.get("CoverImage").(site.Image) }
func (v *PageView) Pinned() bool           { return v.get("Pinned").(bool) }
func (v *PageView) Weight() int            { return v.get("Weight").(int) }
func (v *PageView) Footer() config.Footer  { return v.get("Footer").(config.Footer) }
func (v *PageView) Params() map[string]any { return v.get("Params").(map[string]any) }
func (v *PageView) Lang() string           { return v.get("Lang").(string) }
func (v *PageView) File() string           { return v.get("File").(string) }
func (v *PageView) Layout() string         { return v.get("Layout").(string) }
func (v *PageView) Taxonomy() string       { return v.get("Taxonomy").(string) }
func (v *PageView) Summary() template.HTML { return v.get("Summary").(template.HTML) }
func (v *PageView) Truncated() bool        { return v.get("Truncated").(bool) }
func (v *PageView) Content() template.HTML { return v.get("Content").(template.HTML) }
func (v *PageView) TOC() template.HTML     { return v.get("TOC").(template.HTML) }
func (v *PageView) WordCount() int         { return v.get("WordCount").(int) }
func (v *PageView) ReadingTime() int       { return v.get("ReadingTime").(int) }
func (v *PageView) Prev() *PageView        { return v.get("Prev").(*PageView) }
func (v *PageView) Next() *PageView        { return v.get("Next").(*PageView) }
func (v *PageView) SectionPage() *PageView { return v.get("SectionPage").(*PageView) }
func (v *PageView) Parent() *PageView      { return v.get("Parent").(*PageView) }
func (v *PageView) Ancestors() []*PageView { return v.get("Ancestors").([]*PageView) }
func (v *PageView) Sections() []*PageView  { return v.get("Sections").([]*PageView) }
func (v *PageView) Related() []*PageView   { return v.get("Related").([]*PageView) }
func (v *PageView) Translations() []*PageView {
	return v.get("Translations").([]*PageView)
}
func (v *PageView) Tags() []*TermView       { return v.get("Tags").([]*TermView) }
func (v *PageView) Categories() []*TermView { return v.get("Categories").([]*TermView) }
func (v *PageView) Pages() []*PageView      { return v.get("Pages").([]*PageView) }
func (v *PageView) Terms() []*TermView      { return v.get("Terms").([]*TermView) }
func (v *PageView) Term() *TermView         { return v.get("Term").(*TermView) }
func (v *PageView) Archive() []ArchiveYear  { return v.get("Archive").([]ArchiveYear) }

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
	views := make([]TermView, len(ts))
	out := make([]*TermView, len(ts))
	for i, t := range ts {
		views[i] = TermView{t, rec}
		out[i] = &views[i]
	}
	return out
}

// get reads a field of the term, recording the read of its page.
func (v *TermView) get(name string) any {
	f := termFields.byName(name)
	v.rec.use(v.t.Page.Path, f.group)
	return f.view(v.t, v.rec)
}

func (v *TermView) Name() string         { return v.get("Name").(string) }
func (v *TermView) Slug() string         { return v.get("Slug").(string) }
func (v *TermView) RelPermalink() string { return v.get("RelPermalink").(string) }
func (v *TermView) Permalink() string    { return v.get("Permalink").(string) }
func (v *TermView) Pages() []*PageView   { return v.get("Pages").([]*PageView) }
func (v *TermView) Count() int           { return v.get("Count").(int) }

// PaginatorView is .Paginator: one page of a list. What it shows is the
// list's order, so it depends on the list group of the page it belongs to.
type PaginatorView struct {
	owner *site.Page
	pg    *site.Paginator
	rec   *Recorder
}

// get reads a field of the paginator, recording the read of its
// owner's list.
func (v *PaginatorView) get(name string) any {
	f := paginatorFields.byName(name)
	v.rec.use(v.owner.Path, f.group)
	return f.view(v.pg, v.rec)
}

func (v *PaginatorView) Pages() []*PageView { return v.get("Pages").([]*PageView) }
func (v *PaginatorView) PageNumber() int    { return v.get("PageNumber").(int) }
func (v *PaginatorView) TotalPages() int    { return v.get("TotalPages").(int) }
func (v *PaginatorView) URL() string        { return v.get("URL").(string) }
func (v *PaginatorView) HasPrev() bool      { return v.get("HasPrev").(bool) }
func (v *PaginatorView) Prev() string       { return v.get("Prev").(string) }
func (v *PaginatorView) HasNext() bool      { return v.get("HasNext").(bool) }
func (v *PaginatorView) Next() string       { return v.get("Next").(string) }
func (v *PaginatorView) First() string      { return v.get("First").(string) }
func (v *PaginatorView) Last() string       { return v.get("Last").(string) }
func (v *PaginatorView) Term() *TermView    { return v.get("Term").(*TermView) }

// TemplateField gives internal/tmplexec each view's fields by name
// (tmplexec.Fielder), from the same table the methods read, without
// reflection: it runs once or more for every field every page reads.
// ReadLog is there too: partialCached asks for it.

// TemplateField is tmplexec.Fielder.
func (v *SiteView) TemplateField(name string) (any, bool) {
	if v == nil {
		return nil, false // a method of a nil view is text/template's to call
	}
	if f := siteFields.byName(name); f != nil {
		v.rec.use(SiteID, f.group)
		return f.view(v.s, v.rec), true
	}
	switch name {
	case "ReadLog":
		return v.ReadLog(), true
	case "ReadSubject":
		return v.ReadSubject(), true
	}
	return nil, false
}

// TemplateField is tmplexec.Fielder.
func (v *PageView) TemplateField(name string) (any, bool) {
	if v == nil {
		return nil, false // a method of a nil view is text/template's to call
	}
	if f := pageFields.byName(name); f != nil {
		v.rec.use(v.p.Path, f.group)
		return f.view(v.p, v.rec), true
	}
	switch name {
	case "ReadLog":
		return v.ReadLog(), true
	case "ReadSubject":
		return v.ReadSubject(), true
	}
	return nil, false
}

// TemplateField is tmplexec.Fielder.
func (v *TermView) TemplateField(name string) (any, bool) {
	if v == nil {
		return nil, false // a method of a nil view is text/template's to call
	}
	if f := termFields.byName(name); f != nil {
		v.rec.use(v.t.Page.Path, f.group)
		return f.view(v.t, v.rec), true
	}
	return nil, false
}

// TemplateField is tmplexec.Fielder.
func (v *PaginatorView) TemplateField(name string) (any, bool) {
	if v == nil {
		return nil, false // a method of a nil view is text/template's to call
	}
	if f := paginatorFields.byName(name); f != nil {
		v.rec.use(v.owner.Path, f.group)
		return f.view(v.pg, v.rec), true
	}
	return nil, false
}

// TemplateFieldIndex and TemplateFieldAt are tmplexec.IndexedFielder:
// a field's number is its place in its table.

func (*SiteView) TemplateFieldIndex(name string) (int, bool) { return siteFields.indexOf(name) }
func (*PageView) TemplateFieldIndex(name string) (int, bool) { return pageFields.indexOf(name) }
func (*TermView) TemplateFieldIndex(name string) (int, bool) { return termFields.indexOf(name) }
func (*PaginatorView) TemplateFieldIndex(name string) (int, bool) {
	return paginatorFields.indexOf(name)
}

func (v *SiteView) TemplateFieldAt(i int) (any, bool) {
	if v == nil {
		return nil, false
	}
	f := &siteFields.list[i]
	v.rec.use(SiteID, f.group)
	return f.view(v.s, v.rec), true
}

func (v *PageView) TemplateFieldAt(i int) (any, bool) {
	if v == nil {
		return nil, false
	}
	f := &pageFields.list[i]
	v.rec.use(v.p.Path, f.group)
	return f.view(v.p, v.rec), true
}

func (v *TermView) TemplateFieldAt(i int) (any, bool) {
	if v == nil {
		return nil, false
	}
	f := &termFields.list[i]
	v.rec.use(v.t.Page.Path, f.group)
	return f.view(v.t, v.rec), true
}

func (v *PaginatorView) TemplateFieldAt(i int) (any, bool) {
	if v == nil {
		return nil, false
	}
	f := &paginatorFields.list[i]
	v.rec.use(v.owner.Path, f.group)
	return f.view(v.pg, v.rec), true
}
