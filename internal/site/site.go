// Package site builds the site graph from the pages content read: URLs,
// sections, taxonomies, archives, pagination, order and collisions.
//
// It decides what exists and where; it renders nothing. Ordering is
// total (pinned first, then newest, then by source path) so two builds of
// one tree give the same graph. Every output path is claimed once, here:
// two sources that claim one URL are an error naming both.
package site

import (
	"cmp"
	"html/template"
	"maps"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/bulletin-ssg/bulletin/internal/config"
	"github.com/bulletin-ssg/bulletin/internal/content"
	"github.com/bulletin-ssg/bulletin/internal/diag"
	"github.com/bulletin-ssg/bulletin/internal/i18n"
	"github.com/bulletin-ssg/bulletin/internal/images"
	"github.com/bulletin-ssg/bulletin/internal/markdown"
)

// Page kinds the site adds to content's home, section, article and page.
const (
	KindTaxonomy = "taxonomy"
	KindTerm     = "term"
	KindArchive  = "archive"
	Kind404      = "404"
	KindSearch   = "search"
)

// Taxonomies the site builds, in the order they are listed.
var Taxonomies = config.Taxonomies

// Page is what templates see as .Page.
type Page struct {
	Title, Description string
	Date, Lastmod      time.Time
	Summary            template.HTML
	Content            template.HTML
	TOC                template.HTML
	Truncated          bool   // Summary is shorter than Content
	Permalink          string // absolute URL
	RelPermalink       string // URL path with the site's base path, percent-encoded
	Kind               string
	Section            string // the top-level section's name, for a sub-section's pages too
	SectionPage        *Page  // the top-level section page of an article or a sub-section
	Tags, Categories   []*Term
	Author, Source     string
	Cover              string
	CoverImage         Image // the cover's variants, when it is a photo of the site
	Pinned             bool
	Weight             int
	WordCount          int
	ReadingTime        int
	// ContentSum, when not zero, stands for Content, TOC, WordCount and
	// ReadingTime: two pages with the same ContentSum have the same
	// content (the build derives it from the render cache's key), so a
	// build that compares its graph with the last one's digests need not
	// hash every page's HTML.
	ContentSum [16]byte
	// Await, when set, gives the page its Content, TOC, WordCount and
	// ReadingTime the first time it is called (a build sets it for a page
	// whose rendering waits in the render cache); AwaitContent calls it.
	Await      func()
	Prev, Next *Page // older and newer article of the same top-level section
	// Related are an article's related articles, best first (see
	// buildRelated); none for other pages.
	Related []*Page
	// Parent is the section page right above: an article's own
	// (sub-)section, a sub-section's parent section, the home page for a
	// top-level section, a standalone, taxonomy or archive page, the
	// taxonomy page for a term; nil for the home page and the 404 page.
	// Ancestors are the pages above, from the home page down to Parent.
	Parent    *Page
	Ancestors []*Page
	// Sections are the sections right below a section (its
	// sub-sections, by folder) or the home page (the top-level ones).
	Sections []*Page
	Footer   config.Footer
	Params   map[string]any
	Lang     string
	File     string // source file, site-relative; "" for generated pages
	Layout   string

	Pages    []*Page       // list kinds: what they list, in order
	Terms    []*Term       // taxonomy kind
	Taxonomy string        // taxonomy and term kinds
	Term     *Term         // term kind
	Archive  []ArchiveYear // archive kind

	// Translations are the page's versions in the site's other
	// languages, in the order of Site.Languages: the pages with its
	// translationKey, else with its source's Key; for a generated page
	// (a list, a term), the page at its place in each other language;
	// none for a 404 page.
	Translations []*Page

	Src       *content.Page    // the source; nil for generated pages
	Doc       *markdown.Result // the rendered body, with its links and headings (bulletin check)
	Path      string           // site path, unescaped: "/news/a/"
	Pagers    []*Paginator     // list kinds: one per output page
	Resources []Resource       // bundle files copied beside the page

	site *Site // the site of the page's language
}

// LanguageSite is the site of the page's language (Site.Languages).
func (p *Page) LanguageSite() *Site { return p.site }

// OutputFile is the page's file relative to the output folder.
func (p *Page) OutputFile() string { return outputFile(p.Path) }

// IsList reports whether the page is paginated.
func (p *Page) IsList() bool {
	switch p.Kind {
	case content.KindHome, content.KindSection, KindTerm:
		return true
	}
	return false
}

// Resource is a file copied into the output as it is.
type Resource struct {
	Src  string // site-relative source path: "content/news/launch/photo.jpg"
	Dest string // output-relative path: "news/2024/05/launch/photo.jpg"
}

// Alias is an old path that redirects to a page.
type Alias struct {
	Path   string // site path of the redirect page
	Target *Page
}

// OutputFile is the redirect page's file relative to the output folder.
func (a Alias) OutputFile() string { return outputFile(a.Path) }

// Site is the graph templates see as .Site.
type Site struct {
	Title, Description string
	BaseURL            string
	Language           string
	Timezone           string
	Company            config.Company
	Footer             config.Footer
	Menu               []config.MenuItem
	Views, Comments    string
	Waline             config.Waline
	Twikoo             config.Twikoo
	Logo               string
	LogoImage          Image  // the logo's variants, when it is a photo of assets/
	Favicon            string // a file under assets/: the site's, else the built-in favicon.svg
	PublisherType      string // the schema.org type of the publisher
	Params             map[string]any

	Home          *Page
	Sections      []*Page // top-level, by name
	SubSections   []*Page // the sections nested in them, by folder
	Taxonomies    map[string][]*Term
	Pages         []*Page // published articles and standalone pages, newest first
	Articles      []*Page // published articles: pinned first, then newest
	Standalone    []*Page
	TaxonomyPages []*Page
	ArchivePage   *Page
	NotFound      *Page
	SearchPage    *Page // nil with search: false
	Aliases       []Alias
	Files         []Resource // bundle files and loose content files

	Settings *config.Settings
	// Languages are the sites of the site's languages, the default
	// language's first, each with its own pages, lists and settings; all
	// of them have the same list. The first stands for the whole: its
	// AllPages, ByFile, Files and Resolve span every language. A site of
	// one language is its only one.
	Languages []*Site
	prefix    string // site path of the language's root without its "/": "", "/en"
	words     *i18n.Set
	images    func(rel string) (images.Info, bool) // Options.Images
	assetImgs func(rel string) (images.Info, bool) // Options.AssetImages

	bySource      map[string]*Page  // content-relative source path -> page
	hiddenBundles map[string]bool   // bundle folders of unpublished pages
	clashes       []TermClash       // terms given another slug than their own
	previous      *Site             // Options.Previous while New places pages, when its base URL is this one's
	related       *relatedMemo      // what the articles' Related were found from
	assets        []string          // output-relative paths of asset files
	outputs       map[string]claim  // every output file, once claimed
	sitemapParts  [][]*Page         // see SitemapParts
	fileDest      map[string]string // content-relative path of a published file -> its output path
	fileSrc       map[string]string // output path of a published file of content/ -> its content-relative path (every language's: see placeFiles)
}

// BuiltinFavicon is the built-in theme's icon, under assets/.
const BuiltinFavicon = "favicon.svg"

// Options are the facts of one build.
type Options struct {
	Now time.Time
	// Files are the content-relative paths of content's other files.
	Files []string
	// HiddenBundles are the folders of page bundles left out of this
	// build (drafts, future, expired): their files are not copied.
	HiddenBundles []string
	// Assets are the output-relative paths of the asset files, so a
	// page cannot silently overwrite one.
	Assets []string
	// Words are the site's interface words (nil: the built-in ones): the
	// titles of the pages the site adds (tags, archives, 404).
	Words *i18n.Set
	// Images tells which of content's files are photos that get
	// variants (by content-relative path), and their size; nil: none.
	Images func(rel string) (images.Info, bool)
	// AssetImages tells the same of the files of assets/ (by their path
	// under assets/, which is also where they are published): a cover
	// or a logo named from the site's root is one of them.
	AssetImages func(rel string) (images.Info, bool)
	// Previous, when set, is the graph of the previous build of the same
	// site (a watched session): a page at the same place takes its URL
	// strings from there instead of escaping them again, and equal URLs
	// are then the same strings, which compare at once.
	Previous *Site
}

// New builds the graph from the published source pages. It returns the
// graph even when outputs collide, together with the errors. In a site
// of several languages it is the default language's, and every
// language's sites are its Languages.
func New(s *config.Settings, sources []*content.Page, opts Options) (*Site, error) {
	byLang := map[string][]*content.Page{}
	for _, src := range sources {
		lang := src.Lang
		if !s.Multilingual() || lang == "" {
			lang = s.Language
		}
		byLang[lang] = append(byLang[lang], src)
	}
	// The languages' graphs are independent: they are built side by
	// side (a watched session builds them on every save).
	all := s.AllLanguages()
	langs := make([]*Site, len(all))
	var wg sync.WaitGroup
	for i, ls := range all {
		wg.Go(func() { langs[i] = newLanguage(ls, s.LanguagePrefix(ls), byLang[ls.Language], opts) })
	}
	wg.Wait()
	root := langs[0]
	if root.prefix != "" {
		// The default language under its tag: a server's 404 page is at
		// the root, and stays that language's.
		root.place(root.NotFound, "/404.html")
	}
	for _, l := range langs {
		l.Languages = langs
		l.assets = nil
	}
	root.assets = opts.Assets
	var linked sync.WaitGroup
	if len(langs) > 1 {
		for _, l := range langs[1:] {
			maps.Copy(root.bySource, l.bySource)
		}
		// Beside the files and claims, which read nothing it writes.
		linked.Go(root.linkTranslations)
	}
	root.placeFiles(opts.Files)
	root.coversFromFiles()
	// The graph is returned even with collisions, so later stages can still
	// report their own errors in the same run.
	errs := root.claimOutputs()
	linked.Wait()
	errs = append(errs, root.claimSitemapParts()...)
	return root, diag.Sorted(errs)
}

// newLanguage builds the graph of one language from its pages; prefix
// is where its pages are ("" or "/en").
func newLanguage(s *config.Settings, prefix string, sources []*content.Page, opts Options) *Site {
	site := &Site{
		Title: s.Title, Description: s.Description, BaseURL: s.BaseURL, Language: s.Language,
		Timezone: s.Timezone, Company: s.Company, Menu: s.Menu, Views: s.Views, Comments: s.Comments,
		Waline: s.Waline, Twikoo: s.Twikoo, Logo: s.Logo, Favicon: cmp.Or(s.Favicon, BuiltinFavicon), PublisherType: s.PublisherType, Params: s.Params, Settings: s,
		Taxonomies: map[string][]*Term{}, bySource: map[string]*Page{},
		hiddenBundles: map[string]bool{}, prefix: prefix, words: opts.Words, images: opts.Images, assetImgs: opts.AssetImages,
	}
	site.LogoImage = site.logoImage()
	for _, b := range opts.HiddenBundles {
		site.hiddenBundles[b] = true
	}
	if p := opts.Previous; p != nil && p.Settings.BaseURL == s.BaseURL && p.Settings.BasePath == s.BasePath {
		site.previous = p
	}
	year := opts.Now.In(s.Zone).Year()
	poweredBy, _ := s.Params["poweredBy"].(bool)
	site.Footer = config.ResolveFooter(s.Footer, poweredBy, year)

	// Each page's URLs, footer and cover are its own business: they are
	// worked out on every core (a watched session does this per save).
	placed := make([]*Page, len(sources))
	workers := min(runtime.GOMAXPROCS(0), 1+len(sources)/512)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(sources); i += workers {
				placed[i] = site.fromSource(sources[i], poweredBy, year)
			}
		})
	}
	wg.Wait()
	// Only placing reads the previous graph: a graph that kept it would
	// keep every graph of the session before it. Related articles take
	// the previous language's memo, which holds no page.
	site.previous = nil
	var prevRelated *relatedMemo
	if p := opts.Previous; p != nil {
		for _, l := range p.languages() {
			if l.Language == s.Language {
				prevRelated = l.related
			}
		}
	}
	sections := map[string]*Page{} // top-level, by name
	var nested []*Page
	for i, src := range sources {
		p := placed[i]
		site.bySource[src.Path] = p
		switch src.Kind {
		case content.KindHome:
			site.Home = p
		case content.KindSection:
			if content.SectionFolder(src.Key) == src.Section {
				sections[src.Section] = p
			} else {
				nested = append(nested, p)
			}
		case content.KindArticle:
			site.Articles = append(site.Articles, p)
		case content.KindPage:
			site.Standalone = append(site.Standalone, p)
		}
	}
	if site.Home == nil {
		site.Home = site.generated(content.KindHome, "/", s.Title)
	}
	if site.Home.Title == "" {
		site.Home.Title = s.Title
	}
	// Every folder with articles or sub-sections is a section, with or
	// without _index.md.
	for _, name := range sectionNames(site.Articles, nested) {
		if sections[name] == nil {
			sec := site.generated(content.KindSection, "/"+name+"/", titleCase(name))
			sec.Section = name
			sections[name] = sec
		}
	}
	for _, name := range sortedKeys(sections) {
		site.Sections = append(site.Sections, sections[name])
	}
	// By folder, so that every section comes after the ones above it.
	slices.SortFunc(nested, func(a, b *Page) int {
		return strings.Compare(content.SectionFolder(a.Src.Key), content.SectionFolder(b.Src.Key))
	})
	site.SubSections = nested
	for _, sec := range append(slices.Clone(site.Sections), nested...) {
		if sec.Title == "" && sec.Src != nil {
			sec.Title = titleCase(path.Base(content.SectionFolder(sec.Src.Key)))
		}
	}

	sortList(site.Articles)
	site.Pages = append(append([]*Page{}, site.Articles...), site.Standalone...)
	SortByDate(site.Pages)
	SortByDate(site.Standalone)
	site.Home.Pages = site.Articles
	site.buildTree(sections)
	site.buildTaxonomies()
	site.buildRelated(prevRelated)
	site.buildArchive()
	site.NotFound = site.generated(Kind404, "/404.html", site.word("notFound"))
	if site.Settings.Search {
		site.SearchPage = site.generated(KindSearch, "/search/", site.word("search"))
	}
	site.buildAliases()

	for _, p := range site.ownPages() {
		if p.IsList() {
			p.Pagers = site.paginate(p)
		}
	}
	return site
}

// linkTranslations sets every page's Translations: the pages of the
// other languages with the same translation key.
func (site *Site) linkTranslations() {
	// A watched session does this on every save: the keys are plain
	// values, not strings made for each page.
	byKey := make(map[transKey][]*Page, len(site.bySource)+len(site.bySource)/2)
	for _, l := range site.Languages {
		for _, p := range l.ownPages() {
			if p.Kind == Kind404 {
				continue // no page to send a visitor to
			}
			k := translationKey(p, l.prefix)
			byKey[k] = append(byKey[k], p)
		}
	}
	for _, group := range byKey {
		if len(group) < 2 {
			continue
		}
		for _, p := range group {
			for _, q := range group {
				// One page per other language: the first of its language
				// in its list of pages, when a key is given to two.
				if q.site != p.site && !slices.ContainsFunc(p.Translations, func(t *Page) bool { return t.site == q.site }) {
					p.Translations = append(p.Translations, q)
				}
			}
			slices.SortStableFunc(p.Translations, func(a, b *Page) int {
				return slices.Index(site.Languages, a.site) - slices.Index(site.Languages, b.site)
			})
		}
	}
}

// transKey is what a page shares with its translations.
type transKey struct {
	by  byte // 'k' translationKey, 'f' language-free source path, 'p' place
	key string
}

// translationKey is what a page shares with its translations: its
// translationKey, else its source's language-free path; for a list or
// a generated page (home, sections, taxonomies, terms, archive, 404),
// its place in its language.
func translationKey(p *Page, prefix string) transKey {
	if src := p.Src; src != nil && (src.Kind == content.KindArticle || src.Kind == content.KindPage) {
		if src.TranslationKey != "" {
			return transKey{'k', src.TranslationKey}
		}
		return transKey{'f', src.Key}
	}
	return transKey{'p', strings.TrimPrefix(p.Path, prefix)}
}

func (site *Site) fromSource(src *content.Page, poweredBy bool, year int) *Page {
	// Most pages have no footer of their own: they share the site's.
	resolved := site.Footer
	if len(src.FooterFields) > 0 {
		footer := maps.Clone(site.Settings.Footer)
		if footer == nil {
			footer = map[string]any{}
		}
		maps.Copy(footer, src.FooterFields)
		resolved = config.ResolveFooter(footer, poweredBy, year)
	}
	p := &Page{
		Title: src.Title, Description: src.Description, Date: src.Date, Lastmod: src.Lastmod,
		Kind: src.Kind, Section: src.Section, Author: src.Author, Source: src.Source,
		Pinned: src.Pinned, Weight: src.Weight, Params: src.Params, Lang: src.Lang,
		File: src.File, Layout: src.Layout, Footer: resolved,
		Src: src, site: site,
	}
	if p.Lang == "" {
		p.Lang = site.Language
	}
	where := permalinkPath(src, site.Settings.Permalinks)
	if src.URL == "" {
		where = site.inLanguage(where)
	}
	site.placeAs(p, src, where)
	if src.Cover != "" {
		p.Cover = site.resolveRef(p, src.Cover)
		p.CoverImage = site.imageOf(p, src.Cover, p.Cover)
	}
	return p
}

// sectionNames lists the top-level sections that articles and
// sub-sections are in.
func sectionNames(articles, nested []*Page) []string {
	var names []string
	seen := map[string]bool{}
	for _, list := range [][]*Page{articles, nested} {
		for _, p := range list {
			if !seen[p.Section] {
				seen[p.Section] = true
				names = append(names, p.Section)
			}
		}
	}
	return names
}

// buildTree links the sections into a tree under the home page: each
// sub-section under the nearest folder above it that is a section (a
// top-level folder always is), each article under the nearest section
// above it and in the list of that section and of every section above,
// and every page to its ancestors. Articles stay in the order of
// site.Articles in every list; Prev and Next follow the top-level
// section's list, as they did before sections nested.
func (site *Site) buildTree(top map[string]*Page) {
	home := site.Home
	byFolder := make(map[string]*Page, len(top)+len(site.SubSections))
	for name, sec := range top {
		byFolder[name] = sec
	}
	for _, sec := range site.SubSections {
		byFolder[content.SectionFolder(sec.Src.Path)] = sec
	}
	// nearest is the section holding a page whose folder is dir.
	nearest := func(dir string) *Page {
		for ; dir != "." && dir != "/"; dir = path.Dir(dir) {
			if sec := byFolder[dir]; sec != nil {
				return sec
			}
		}
		return nil
	}
	home.Sections = site.Sections
	for _, sec := range site.Sections {
		sec.Parent = home
	}
	// Sub-sections sorted by path come after the sections above them.
	for _, sec := range site.SubSections {
		parent := nearest(path.Dir(content.SectionFolder(sec.Src.Path)))
		sec.Parent = parent
		sec.SectionPage = top[sec.Section]
		parent.Sections = append(parent.Sections, sec)
	}
	home.Ancestors = nil
	withSelf := map[*Page][]*Page{home: {home}} // a page's ancestors and itself
	for _, sec := range append(slices.Clone(site.Sections), site.SubSections...) {
		sec.Ancestors = withSelf[sec.Parent]
		withSelf[sec] = append(slices.Clone(sec.Ancestors), sec)
	}
	// Articles share a few folders: each is looked up once.
	inFolder := map[string]*Page{}
	for _, a := range site.Articles {
		dir := path.Dir(a.Src.Path)
		sec, ok := inFolder[dir]
		if !ok {
			sec = nearest(dir)
			inFolder[dir] = sec
		}
		a.Parent, a.Ancestors, a.SectionPage = sec, withSelf[sec], top[a.Section]
		for ; sec != home; sec = sec.Parent {
			sec.Pages = append(sec.Pages, a)
		}
	}
	for _, sec := range site.Sections {
		linkPrevNext(sec.Pages)
	}
	for _, p := range site.Standalone {
		p.Parent, p.Ancestors = home, withSelf[home]
	}
}

// titleCase capitalises a folder name for the title of a section that has
// no _index.md, or one without a title: "news" is shown as "News".
func titleCase(name string) string {
	r, size := utf8.DecodeRuneInString(name)
	return string(unicode.ToUpper(r)) + name[size:]
}

// generated makes a page that has no source file, at sitePath in the
// site's language.
func (site *Site) generated(kind, sitePath, title string) *Page {
	p := &Page{Title: title, Kind: kind, Lang: site.Language, Footer: site.Footer, Params: map[string]any{}, site: site}
	site.place(p, site.inLanguage(sitePath))
	return p
}

// word is an interface word in the site's language.
func (site *Site) word(key string) string { return site.words.Word(site.Language, key) }

// Words are the site's interface words.
func (site *Site) Words() *i18n.Set { return site.words }

// inLanguage is a site path of the language's in the whole site: under
// its prefix.
func (site *Site) inLanguage(sitePath string) string { return site.prefix + sitePath }

// Root is the site path of the language's home page: "/" or "/en/".
func (site *Site) Root() string { return site.inLanguage("/") }

// place sets a page's path and URLs.
func (site *Site) place(p *Page, sitePath string) {
	p.Path = sitePath
	p.RelPermalink = site.relURL(sitePath)
	p.Permalink = site.absURL(sitePath)
}

// placeAs places a page read from a source, at the URLs its previous
// version had when it stands where it stood (see Options.Previous).
func (site *Site) placeAs(p *Page, src *content.Page, sitePath string) {
	if prev := site.previous; prev != nil {
		if q, ok := prev.bySource[src.Path]; ok && q.Path == sitePath {
			p.Path, p.RelPermalink, p.Permalink = q.Path, q.RelPermalink, q.Permalink
			return
		}
	}
	site.place(p, sitePath)
}

// relURL turns a site path into a URL path under the base path.
func (site *Site) relURL(sitePath string) string {
	return site.Settings.BasePath + escapePath(sitePath)[1:]
}

// absURL turns a site path into an absolute URL.
func (site *Site) absURL(sitePath string) string {
	return site.Settings.BaseURL + escapePath(sitePath)[1:]
}

// ByFile returns the page read from a content-relative source path.
func (site *Site) ByFile(rel string) (*Page, bool) {
	p, ok := site.bySource[rel]
	return p, ok
}

// AllPages lists every page the site writes, in a stable order: of every
// language, the default language's first.
func (site *Site) AllPages() []*Page {
	if len(site.Languages) < 2 {
		return site.ownPages()
	}
	var out []*Page
	for _, l := range site.Languages {
		out = append(out, l.ownPages()...)
	}
	return out
}

// languages are the sites of every language: Languages, or the site
// alone while New builds it.
func (site *Site) languages() []*Site {
	if len(site.Languages) == 0 {
		return []*Site{site}
	}
	return site.Languages
}

// ownPages lists the pages of the site's own language, in a stable order.
func (site *Site) ownPages() []*Page {
	out := []*Page{site.Home}
	out = append(out, site.Sections...)
	out = append(out, site.SubSections...)
	out = append(out, site.Articles...)
	out = append(out, site.Standalone...)
	out = append(out, site.TaxonomyPages...)
	for _, tax := range Taxonomies {
		for _, t := range site.Taxonomies[tax] {
			out = append(out, t.Page)
		}
	}
	out = append(out, site.ArchivePage, site.NotFound)
	if site.SearchPage != nil {
		out = append(out, site.SearchPage)
	}
	return out
}

// AwaitContent makes sure the page holds its content (see Await): every
// reader of Content, TOC, WordCount or ReadingTime calls it first.
func (p *Page) AwaitContent() {
	if p.Await != nil {
		p.Await()
	}
}
