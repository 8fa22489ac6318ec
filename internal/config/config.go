// Package config reads the site's settings: the front matter of
// content/_index.md. There is no other configuration file.
//
// Every key has a default, so a site with an empty _index.md builds. Unknown
// keys are kept in Params for templates. Footer values are resolved per
// page (a page or a section's cascade may override them), so Settings keeps
// the site-wide footer as a raw map and ResolveFooter turns any merged map
// into the Footer templates see. It never reads a file itself: the build
// hands it the front matter it read.
package config

import (
	"errors"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/images"

	"github.com/bulletin-ssg/bulletin/internal/dates"
	"github.com/bulletin-ssg/bulletin/internal/diag"
	"github.com/bulletin-ssg/bulletin/internal/frontmatter"
)

// Settings are the site-wide settings.
type Settings struct {
	Title       string
	Description string
	BaseURL     string // absolute, ends in "/"
	BasePath    string // path part of BaseURL, percent-encoded, ends in "/": "/" or "/blog/"
	Language    string // BCP 47
	Timezone    string
	Zone        *time.Location
	Paginate    int
	Permalinks  map[string]string // section -> pattern
	Company     Company
	Footer      map[string]any // site-wide footer before per-page overrides
	Views       string         // none | busuanzi | waline
	Comments    string         // none | waline | twikoo
	Waline      Waline
	Twikoo      Twikoo
	Menu        []MenuItem
	Logo        string
	// Favicon is the site's icon, a file under assets/ ("" for the
	// built-in theme's).
	Favicon string
	// DateFormat is the Go layout of an article's time of issue, when
	// the site sets one (else the interface word dateLayout).
	DateFormat string
	// FeedContent is what a feed carries of each article: "summary" or
	// "full" (the whole article, its URLs made absolute).
	FeedContent string
	// PublisherType is the schema.org type the structured data gives the
	// publisher: Organization, NewsMediaOrganization, Corporation.
	PublisherType string
	// Related chooses the related articles listed under each article.
	Related Related
	// Images are how the site's photos are resized (site-wide).
	Images     images.Settings
	UnsafeHTML bool
	// Minify minifies the HTML pages, feeds, sitemap and JSON output
	// (site-wide).
	Minify bool
	// Search publishes the search page (/search/), its index, and a
	// search box in the built-in theme's header: on unless `search:
	// false`. SearchFields are what the index reads of each page besides
	// its title and body (`search: {fields: [...]}`): some of
	// SearchFieldNames, all of them by default.
	Search       bool
	SearchFields []string
	Params       map[string]any // every key, as written
	// Positions are where each key's value stands in content/_index.md.
	Positions map[string]frontmatter.Position

	// HTMLTemplateOnly runs every template with html/template alone, not
	// the faster tmplexec (a theme that renders differently with it).
	HTMLTemplateOnly bool

	// Languages are the site's other languages (languages:), in the
	// order written: each is these settings with that language's own
	// values over them, and Language its tag. Their own Languages is nil.
	Languages []*Settings
	// DefaultLanguageInSubdir puts the default language under its tag
	// too, as the others are (/zh-cn/), and / sends a visitor to one.
	DefaultLanguageInSubdir bool
	// RequireTranslations makes check list the articles that have no
	// translation in this language.
	RequireTranslations bool

	// Deploy are the settings of bulletin deploy, the site's alone.
	Deploy Deploy
}

// Related are the settings of related articles: how many, and how much
// each shared term of a taxonomy counts.
type Related struct {
	Count   int
	Weights map[string]int // taxonomy -> weight; a taxonomy not listed counts 0
}

// maxRelatedWeight bounds a taxonomy's weight: an article's score, the
// weights of the terms it shares, then fits in 32 bits with room for
// thousands of terms.
const maxRelatedWeight = 1000

// Taxonomies are the taxonomies of a site, in the order they are listed:
// the front matter keys that name an article's terms.
var Taxonomies = []string{"tags", "categories"}

// DefaultRelated lists five articles, a shared tag counting as much as a
// shared category.
var DefaultRelated = Related{Count: 5, Weights: map[string]int{"tags": 1, "categories": 1}}

// publisherTypes are the schema.org types a publisher may be: an
// Organization or one of its kinds a news publisher is.
var publisherTypes = []string{"Organization", "NewsMediaOrganization", "Corporation"}

// AllLanguages returns the settings of every language of the site, the
// default language's (s) first.
func (s *Settings) AllLanguages() []*Settings {
	return append([]*Settings{s}, s.Languages...)
}

// Multilingual reports whether the site declares other languages.
func (s *Settings) Multilingual() bool { return len(s.Languages) > 0 }

// LanguagePrefix is the site path under which a language's pages are:
// "" for the default language (unless DefaultLanguageInSubdir), else
// "/" and its tag in lower case: "/en", "/zh-tw".
func (s *Settings) LanguagePrefix(lang *Settings) string {
	if lang == s && !s.DefaultLanguageInSubdir {
		return ""
	}
	return "/" + strings.ToLower(lang.Language)
}

// Company is who publishes the site.
type Company struct{ Name, Address, Phone, Email string }

// Waline is the Waline comment/view service.
type Waline struct{ ServerURL string }

// Twikoo is the Twikoo comment service.
type Twikoo struct{ EnvID string }

// MenuItem is one entry of the site navigation.
type MenuItem struct{ Name, URL string }

// Footer is what the theme prints at the foot of a page.
type Footer struct {
	ICP       string // filing number, always linked to ICPURL
	ICPURL    string
	PSB       string // public-security filing, linked to PSBURL
	PSBURL    string
	Copyright string // "{year}" already replaced
	PoweredBy bool
	Params    map[string]any
}

// Defaults for keys the settings leave out.
const (
	DefaultBaseURL  = "http://localhost/"
	DefaultLanguage = "en"
	DefaultPaginate = 10
	ICPURL          = "https://beian.miit.gov.cn/"
	psbQuery        = "https://beian.mps.gov.cn/#/query/webSearch?code="
)

// Parse reads settings from the home page's front matter. baseURL, when
// not empty, overrides the settings' baseURL (the --base-url flag).
func Parse(file string, m *frontmatter.Matter, baseURL string) (*Settings, error) {
	s, err := parseOne(file, m, baseURL)
	var errs []error
	if err != nil {
		errs = append(errs, err)
	}
	r := &frontmatter.Reader{File: file, M: m}
	s.DefaultLanguageInSubdir = r.Bool("defaultLanguageInSubdir")
	s.Deploy = deploy(r)
	for _, tag := range languageTags(r) {
		lang, err := parseLanguage(file, m, tag, baseURL)
		if err != nil {
			errs = append(errs, err)
		}
		if lang != nil {
			s.Languages = append(s.Languages, lang)
		}
	}
	if r.Has("requireTranslations") {
		r.Fail("requireTranslations", "requireTranslations: set it for a language under languages:, where translations into it are required")
	}
	errs = append(errs, r.Errs...)
	// A value every language inherits is read once per language: its
	// error is one.
	seen := map[string]bool{}
	var unique []error
	for _, e := range diag.Flatten(errors.Join(errs...)) {
		if !seen[e.Error()] {
			seen[e.Error()] = true
			unique = append(unique, e)
		}
	}
	return s, diag.Sorted(unique)
}

// languageTag is a BCP 47 tag as a site names its languages: a language,
// then subtags (script, region): en, zh-CN, zh-Hant-TW.
var languageTag = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// LanguageTag reports whether s is a language tag as a site may name a
// language.
func LanguageTag(s string) bool { return languageTag.MatchString(s) }

// languageTags reads the tags of languages:, in the order written, each
// valid and once (in any case), none the default language.
func languageTags(r *frontmatter.Reader) []string {
	langs := r.Map("languages")
	def := strings.ToLower(r.String("language"))
	if def == "" {
		def = strings.ToLower(DefaultLanguage)
	}
	tags := slices.Collect(maps.Keys(langs))
	slices.SortFunc(tags, func(a, b string) int {
		pa, pb := r.M.Pos["languages."+a], r.M.Pos["languages."+b]
		if pa.Line != pb.Line {
			return pa.Line - pb.Line
		}
		return strings.Compare(a, b)
	})
	seen := map[string]bool{def: true}
	var out []string
	for _, tag := range tags {
		key := "languages." + tag
		switch {
		case !languageTag.MatchString(tag):
			r.Fail(key, "languages: %q is not a language tag such as en, ja or zh-TW", tag)
		case seen[strings.ToLower(tag)] && strings.ToLower(tag) == def:
			r.Fail(key, "languages: %s is the default language (language:); list only the others", tag)
		case seen[strings.ToLower(tag)]:
			r.Fail(key, "languages: %s is listed twice", tag)
		default:
			if _, ok := langs[tag].(map[string]any); !ok && langs[tag] != nil {
				r.Fail(key, "languages.%s: want a mapping of the settings that differ in it ({} for none)", tag)
				continue
			}
			seen[strings.ToLower(tag)] = true
			out = append(out, tag)
		}
	}
	return out
}

// languageOnly are the keys a language may not set for itself: they are
// the site's.
var languageOnly = []string{"baseURL", "languages", "language", "defaultLanguageInSubdir", "unsafeHTML", "htmlTemplateOnly", "images", "minify", "favicon", "deploy"}

// parseLanguage reads the settings of one of languages:, tag: the site's
// settings with the language's own values merged over them.
func parseLanguage(file string, m *frontmatter.Matter, tag, baseURL string) (*Settings, error) {
	own, _ := m.Fields["languages"].(map[string]any)[tag].(map[string]any)
	prefix := "languages." + tag + "."
	r := &frontmatter.Reader{File: file, M: m}
	for _, key := range languageOnly {
		if _, ok := own[key]; ok {
			r.Fail(prefix+key, "languages.%s.%s: %s is one for the whole site; set it at the top", tag, key, key)
		}
	}
	fields := mergeFields(m.Fields, own)
	delete(fields, "languages")
	for _, key := range languageOnly[2:] {
		if v, ok := m.Fields[key]; ok {
			fields[key] = v
		}
	}
	fields["language"] = tag
	// Where the language's own values stand, for errors about them.
	pos := maps.Clone(m.Pos)
	for key, p := range m.Pos {
		if rest, ok := strings.CutPrefix(key, prefix); ok {
			pos[rest] = p
		}
	}
	lang, err := parseOne(file, &frontmatter.Matter{Format: m.Format, Fields: fields, Pos: pos}, baseURL)
	lang.Language = tag
	ownReader := &frontmatter.Reader{File: file, M: &frontmatter.Matter{Fields: own, Pos: pos}}
	lang.RequireTranslations = ownReader.Bool("requireTranslations")
	delete(lang.Params, "requireTranslations")
	return lang, errors.Join(err, diag.Sorted(append(r.Errs, ownReader.Errs...)))
}

// mergeFields puts over's values over base's: a mapping in both is
// merged key by key (company:, footer:, params:), anything else replaced.
func mergeFields(base, over map[string]any) map[string]any {
	out := maps.Clone(base)
	if out == nil {
		out = map[string]any{}
	}
	for k, v := range over {
		if vm, ok := v.(map[string]any); ok {
			if bm, ok := out[k].(map[string]any); ok {
				out[k] = mergeFields(bm, vm)
				continue
			}
		}
		out[k] = v
	}
	return out
}

// parseOne reads the settings of one language from its front matter.
func parseOne(file string, m *frontmatter.Matter, baseURL string) (*Settings, error) {
	r := &frontmatter.Reader{File: file, M: m}
	s := &Settings{
		Title:       r.String("title"),
		Description: r.String("description"),
		Language:    r.String("language"),
		Timezone:    r.String("timezone"),
		Paginate:    r.Int("paginate", DefaultPaginate),
		Footer:      r.Map("footer"),
		Views:       choice(r, "views", "none", "busuanzi", "waline"),
		Comments:    choice(r, "comments", "none", "waline", "twikoo"),
		Logo:        r.String("logo"),
		Favicon:     r.String("favicon"),
		DateFormat:  r.String("dateFormat"),
		FeedContent: choice(r, "feedContent", "summary", "full"),
		UnsafeHTML:  r.Bool("unsafeHTML"),
		Params:      m.Fields,
		Positions:   m.Pos,
		Permalinks:  map[string]string{},
	}
	s.HTMLTemplateOnly = r.Bool("htmlTemplateOnly")
	s.Minify = r.Bool("minify")
	s.Search, s.SearchFields = searchSettings(r)
	s.PublisherType = publisherType(r)
	s.Related = related(r)
	s.Images = imageSettings(r)
	if s.Language == "" {
		s.Language = DefaultLanguage
	}
	if s.Paginate < 1 {
		r.Fail("paginate", "paginate: want a whole number of 1 or more, got %d", s.Paginate)
		s.Paginate = DefaultPaginate
	}
	zone, err := dates.LoadZone(s.Timezone)
	if err != nil {
		r.Fail("timezone", "%s", err)
		zone = time.UTC
	}
	s.Zone = zone
	if s.Timezone == "" {
		s.Timezone = "UTC"
	}

	fromSettings := baseURL == ""
	if fromSettings {
		baseURL = r.String("baseURL")
	}
	if baseURL == "" {
		baseURL = DefaultBaseURL
	}
	s.BaseURL, s.BasePath, err = normalizeBaseURL(baseURL)
	if err != nil {
		if fromSettings {
			r.Fail("baseURL", "baseURL: %s", err)
		} else {
			r.Errs = append(r.Errs, err)
		}
	}

	for section, v := range r.Map("permalinks") {
		pattern, ok := v.(string)
		if !ok || !strings.HasPrefix(pattern, "/") {
			r.Fail("permalinks."+section, "permalinks.%s: want a path pattern such as /news/:year/:month/:slug/", section)
			continue
		}
		if bad := unknownToken(pattern); bad != "" {
			r.Fail("permalinks."+section, "permalinks.%s: unknown token %q (use :year, :month, :day, :slug, :section)", section, bad)
			continue
		}
		s.Permalinks[section] = pattern
	}
	company := r.Sub("company")
	s.Company = Company{Name: company.String("name"), Address: company.String("address"), Phone: company.String("phone"), Email: company.String("email")}
	s.Waline = Waline{ServerURL: r.Sub("waline").String("serverURL")}
	s.Twikoo = Twikoo{EnvID: r.Sub("twikoo").String("envId")}
	s.Menu = menu(r)
	if !r.Has("poweredBy") {
		s.Params["poweredBy"] = true
	}
	return s, diag.Sorted(r.Errs)
}

var tokenRE = regexp.MustCompile(`:[a-zA-Z]+`)

// unknownToken returns the first :token in pattern that bulletin does not fill.
func unknownToken(pattern string) string {
	for _, tok := range tokenRE.FindAllString(pattern, -1) {
		switch tok {
		case ":year", ":month", ":day", ":slug", ":section":
		default:
			return tok
		}
	}
	return ""
}

func normalizeBaseURL(raw string) (full, path string, err error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Scheme == "" || u.Host == "" {
		return DefaultBaseURL, "/", &baseURLError{raw}
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawQuery, u.Fragment = "", ""
	// The base path goes in front of every URL path: keep it escaped.
	return u.String(), u.EscapedPath(), nil
}

type baseURLError struct{ raw string }

func (e *baseURLError) Error() string {
	return "base URL " + `"` + e.raw + `"` + ": want an absolute URL such as https://news.example.com/"
}

func choice(r *frontmatter.Reader, key string, options ...string) string {
	v := strings.ToLower(r.String(key))
	if v == "" {
		return options[0]
	}
	for _, o := range options {
		if v == o {
			return v
		}
	}
	r.Fail(key, "%s: %q is not one of %s", key, v, strings.Join(options, ", "))
	return options[0]
}

// publisherType reads publisherType:, written as schema.org spells it.
func publisherType(r *frontmatter.Reader) string {
	v := r.String("publisherType")
	if v == "" {
		return publisherTypes[0]
	}
	for _, t := range publisherTypes {
		if strings.EqualFold(v, t) {
			return t
		}
	}
	r.Fail("publisherType", "publisherType: %q is not one of %s", v, strings.Join(publisherTypes, ", "))
	return publisherTypes[0]
}

// related reads related: {count: 5, weights: {tags: 1, categories: 1}};
// what it leaves out keeps its default.
func related(r *frontmatter.Reader) Related {
	out := Related{Count: DefaultRelated.Count, Weights: maps.Clone(DefaultRelated.Weights)}
	m := r.Map("related")
	if m == nil {
		return out
	}
	if v, ok := m["count"]; ok {
		n, ok := wholeNumber(v)
		if !ok || n < 0 {
			r.Fail("related.count", "related.count: want a whole number of 0 or more, got %v", v)
		} else {
			out.Count = n
		}
	}
	if v, ok := m["weights"]; ok {
		w, ok := v.(map[string]any)
		if !ok {
			r.Fail("related.weights", "related.weights: want a mapping of taxonomy to weight, such as {tags: 2, categories: 1}")
			return out
		}
		out.Weights = map[string]int{}
		for _, tax := range slices.Sorted(maps.Keys(w)) { // errors in a stable order
			v := w[tax]
			if !slices.Contains(Taxonomies, tax) {
				r.Fail("related.weights."+tax, "related.weights.%s: unknown taxonomy (the taxonomies are %s)", tax, strings.Join(Taxonomies, ", "))
				continue
			}
			n, ok := wholeNumber(v)
			if !ok || n < 0 || n > maxRelatedWeight {
				r.Fail("related.weights."+tax, "related.weights.%s: want a whole number from 0 to %d, got %v", tax, maxRelatedWeight, v)
				continue
			}
			out.Weights[tax] = n
		}
	}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if k != "count" && k != "weights" {
			r.Fail("related."+k, "related.%s: unknown key (related has count and weights)", k)
		}
	}
	return out
}

// maxImageWidth bounds images.widths: wider than any screen shows, and
// a variant's pixels are held in memory while it is encoded.
const maxImageWidth = 8192

// imageSettings reads images: {widths: [480, 960, 1600], quality: 80,
// keepMetadata: false}; what it leaves out keeps its default.
// SearchFieldNames are the fields of a page the search index may read
// besides its title and body, in the order the index reads them.
var SearchFieldNames = []string{"description", "tags", "categories"}

// searchSettings reads `search`: true or false, or a mapping whose
// fields key lists the fields to index (and turns search on).
func searchSettings(r *frontmatter.Reader) (on bool, fields []string) {
	v, ok := r.M.Fields["search"]
	if !ok || v == nil {
		return true, SearchFieldNames
	}
	if _, isMap := v.(map[string]any); !isMap {
		return r.Bool("search"), SearchFieldNames
	}
	sub := r.Sub("search")
	fields = SearchFieldNames
	if sub.Has("fields") {
		fields = nil
		for _, f := range sub.Strings("fields") {
			if !slices.Contains(SearchFieldNames, f) {
				sub.Fail("fields", "search.fields: unknown field %q (the index reads a page's title and body, and may read %s)", f, strings.Join(SearchFieldNames, ", "))
				continue
			}
			if !slices.Contains(fields, f) {
				fields = append(fields, f)
			}
		}
		// In the order the index reads them, whatever the setting's.
		slices.SortFunc(fields, func(a, b string) int { return slices.Index(SearchFieldNames, a) - slices.Index(SearchFieldNames, b) })
	}
	for _, k := range slices.Sorted(maps.Keys(sub.M.Fields)) {
		if k != "fields" {
			sub.Fail(k, "search.%s: unknown key (search has fields; search: false turns it off)", k)
		}
	}
	return true, fields
}

func imageSettings(r *frontmatter.Reader) images.Settings {
	out := images.DefaultSettings()
	m := r.Map("images")
	if m == nil {
		return out
	}
	if v, ok := m["widths"]; ok {
		list, ok := v.([]any)
		var widths []int
		for _, w := range list {
			n, whole := wholeNumber(w)
			if !whole || n < 1 || n > maxImageWidth {
				ok = false
				break
			}
			widths = append(widths, n)
		}
		if !ok || len(widths) == 0 {
			r.Fail("images.widths", "images.widths: want a list of widths in pixels from 1 to %d, such as [480, 960, 1600]", maxImageWidth)
		} else {
			slices.Sort(widths)
			out.Widths = slices.Compact(widths)
		}
	}
	if v, ok := m["quality"]; ok {
		n, whole := wholeNumber(v)
		if !whole || n < 1 || n > 100 {
			r.Fail("images.quality", "images.quality: want a whole number from 1 to 100, got %v", v)
		} else {
			out.Quality = n
		}
	}
	if v, ok := m["keepMetadata"]; ok {
		b, isBool := v.(bool)
		if !isBool {
			r.Fail("images.keepMetadata", "images.keepMetadata: want true or false, got %v", v)
		}
		out.KeepMetadata = b
	}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if k != "widths" && k != "quality" && k != "keepMetadata" {
			r.Fail("images."+k, "images.%s: unknown key (images has widths, quality and keepMetadata)", k)
		}
	}
	return out
}

// wholeNumber is v as an int when it is one (YAML, TOML and JSON write
// numbers as int64, int64 and float64).
func wholeNumber(v any) (int, bool) {
	switch n := v.(type) {
	case int64:
		return int(n), true
	case int:
		return n, true
	case float64:
		if n == float64(int(n)) {
			return int(n), true
		}
	}
	return 0, false
}

func menu(r *frontmatter.Reader) []MenuItem {
	v, ok := r.M.Fields["menu"]
	if !ok || v == nil {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		r.Fail("menu", "menu: want a list of {name, url}")
		return nil
	}
	var items []MenuItem
	for _, x := range list {
		m, ok := x.(map[string]any)
		name, _ := frontmatter.Text(m["name"])
		link, _ := frontmatter.Text(m["url"])
		if !ok || name == "" || link == "" {
			r.Fail("menu", "menu: every entry needs a name and a url")
			continue
		}
		items = append(items, MenuItem{Name: name, URL: link})
	}
	return items
}

// ResolveFooter turns a footer mapping (site footer merged with cascade
// and page overrides) into what templates print. year replaces "{year}".
func ResolveFooter(m map[string]any, poweredBy bool, year int) Footer {
	text := func(k string) string { s, _ := frontmatter.Text(m[k]); return strings.TrimSpace(s) }
	f := Footer{
		ICP:       text("icp"),
		ICPURL:    text("icpURL"),
		PSB:       text("psb"),
		PSBURL:    text("psbURL"),
		Copyright: strings.ReplaceAll(text("copyright"), "{year}", strconv.Itoa(year)),
		PoweredBy: poweredBy,
		Params:    m,
	}
	if b, ok := m["poweredBy"].(bool); ok {
		f.PoweredBy = b
	}
	if f.ICPURL == "" {
		f.ICPURL = ICPURL
	}
	if f.PSBURL == "" && f.PSB != "" {
		f.PSBURL = psbQuery + digits(f.PSB)
	}
	return f
}

func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
