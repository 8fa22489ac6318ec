package site

// Fixed names of a list's feeds, in the list's folder.
const (
	FeedFile     = "index.xml" // RSS 2.0
	AtomFile     = "atom.xml"
	JSONFeedFile = "feed.json" // JSON Feed 1.1
)

// FeedFormat is the format of a feed file.
type FeedFormat int

// The formats every list is published in.
const (
	RSS FeedFormat = iota
	Atom
	JSONFeed
)

// feedFormats gives each format its file name, in the order a list's
// feeds are written and claimed.
var feedFormats = []struct {
	format FeedFormat
	file   string
}{{RSS, FeedFile}, {Atom, AtomFile}, {JSONFeed, JSONFeedFile}}

// Feed is one feed file: a list (the home page, a section or a term) in
// one format.
type Feed struct {
	File   string // output-relative: "news/index.xml"
	Format FeedFormat
	List   *Page
}

// Feeds lists the feeds of the language's lists: the home page, every
// section and sub-section, and every term of every taxonomy, each in
// RSS, Atom and JSON Feed, beside the list's first page.
func (site *Site) Feeds() []Feed {
	lists := append(append([]*Page{site.Home}, site.Sections...), site.SubSections...)
	for _, tax := range site.TaxonomyPages {
		for _, t := range tax.Terms {
			lists = append(lists, t.Page)
		}
	}
	feeds := make([]Feed, 0, len(lists)*len(feedFormats))
	for _, l := range lists {
		dir := outputDir(l.Path)
		for _, f := range feedFormats {
			feeds = append(feeds, Feed{File: dir + f.file, Format: f.format, List: l})
		}
	}
	return feeds
}
