// Package content turns one source file into one Page: front matter read
// strictly, dates in the site's zone, slug, cascade from the sections above.
//
// It knows nothing of other pages: URLs, lists, taxonomies and rendering
// belong to later stages (site, markdown, render). It never reads or
// writes a file itself: the build hands it the front matter it read.
//
// Source layout: content/_index.md is the home page and the
// settings; content/<section>/_index.md is a section; an _index.md
// deeper down (content/news/press/_index.md) is a sub-section of the
// section above it; any other Markdown file (.md or .markdown) under
// content/<section>/ (at any depth) is an article of that section; one
// directly in content/ is a standalone page; a folder holding index.md
// (or index.markdown) is a page bundle whose other files are copied
// beside the page. Which sub-section an article is in depends on which
// folders hold an _index.md: the site graph decides it (site.New).
package content

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"path"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/bulletin-ssg/bulletin/internal/config"
	"github.com/bulletin-ssg/bulletin/internal/dates"
	"github.com/bulletin-ssg/bulletin/internal/diag"
	"github.com/bulletin-ssg/bulletin/internal/frontmatter"
)

// Kinds of source page.
const (
	KindHome    = "home"
	KindSection = "section"
	KindArticle = "article"
	KindPage    = "page"
)

// Page is one Markdown source file, read and checked.
type Page struct {
	File string // site-relative, slash-separated: "content/news/a.md"
	Path string // relative to content/: "news/a.md", "news/a.en.md"
	// Key is Path without a language suffix ("news/a.md" for news/a.en.md
	// too): where the page stands, whatever its language. Its kind,
	// section, slug and date come from it.
	Key string
	// Lang is the page's language: the tag of one of the site's languages
	// as the settings write it, named by the file's suffix or by lang:,
	// else the default language. In a site of one language, lang: may
	// name any.
	Lang string
	// TranslationKey, when set, makes pages with the same one
	// translations of each other (else pages with the same Key are).
	TranslationKey string
	Kind           string
	Section        string // first folder under content/ (a sub-section's too); "" for home and standalone pages
	BundleDir      string // content-relative folder of a page bundle, else ""

	Title, Description, Summary string
	Author, Source, Cover       string
	Layout, Slug, URL           string
	Date, Lastmod               time.Time
	PublishDate, ExpiryDate     time.Time
	Draft, Pinned               bool
	Weight                      int
	Aliases                     []string
	TagNames, CategoryNames     []string
	FooterFields                map[string]any // own footer after cascade, before the site's
	Cascade                     map[string]any // home and sections: values for pages below
	Params                      map[string]any // every front-matter key after cascade
	Body                        []byte
	BodyLine                    int
	Pos                         map[string]frontmatter.Position
	Format                      frontmatter.Format // the front matter's syntax
}

// IsMarkdown reports whether a file of content/ is a Markdown page,
// never copied into the output as it is: its name ends in .md, or in
// .markdown as Jekyll's posts often do, in any case.
func IsMarkdown(name string) bool {
	ext := path.Ext(name)
	return strings.EqualFold(ext, ".md") || strings.EqualFold(ext, ".markdown")
}

// Classify reports the kind and section of a content-relative Markdown
// path. The section is the top-level one: news/press/_index.md is a
// section page (a sub-section) of the section news.
func Classify(rel string) (kind, section string) {
	dir, base := path.Split(rel)
	dir = strings.TrimSuffix(dir, "/")
	if dir == "" {
		if base == "_index.md" {
			return KindHome, ""
		}
		return KindPage, ""
	}
	section, _, _ = strings.Cut(dir, "/")
	if base == "_index.md" {
		return KindSection, section
	}
	return KindArticle, section
}

// Options are what reading a page needs from the site.
type Options struct {
	Settings *config.Settings
	// Cascade holds the values that apply to this page from the sections
	// above it, nearest first (sub-section, section, then home): see
	// CascadeChain.
	Cascade []map[string]any
}

// SectionFolder is the content-relative folder a home or section page
// stands for: "news/press" for news/press/_index.md, "" for _index.md.
func SectionFolder(rel string) string {
	dir := path.Dir(rel)
	if dir == "." {
		return ""
	}
	return dir
}

// CascadeChain lists the cascades that apply to the page at rel, nearest
// first: those of the _index.md files in the folders above it (for an
// _index.md, above its own folder), the home page's last. cascadeOf
// gives the cascade that applies in a folder (by its SectionFolder), nil
// for none: a folder without an _index.md, or one without a cascade, is
// passed over.
func CascadeChain(rel string, cascadeOf func(folder string) map[string]any) []map[string]any {
	if path.Base(rel) == rel && strings.HasPrefix(rel, "_index.") {
		return nil // the home page (in any language)
	}
	dir := path.Dir(rel)
	if strings.HasPrefix(path.Base(rel), "_index.") {
		dir = path.Dir(dir)
	}
	var chain []map[string]any
	for {
		key := dir
		if dir == "." {
			key = ""
		}
		if c := cascadeOf(key); c != nil {
			chain = append(chain, c)
		}
		if key == "" {
			return chain
		}
		dir = path.Dir(dir)
	}
}

// SplitLanguage returns the language-free path of a content-relative
// Markdown path (Page.Key) and the language its name's suffix names,
// one of the site's: news/a.en.md is news/a.md in en. A path without
// such a suffix is in the default language, lang "".
func SplitLanguage(rel string, s *config.Settings) (key, lang string) {
	if s == nil || !s.Multilingual() {
		return rel, ""
	}
	dir, base := path.Split(rel)
	ext := path.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	i := strings.LastIndexByte(stem, '.')
	if i <= 0 {
		return rel, ""
	}
	for _, l := range s.AllLanguages() {
		if strings.EqualFold(stem[i+1:], l.Language) {
			return dir + stem[:i] + ext, l.Language
		}
	}
	return rel, ""
}

// New reads a page from its decoded front matter.
func New(file, rel string, m *frontmatter.Matter, opts Options) (*Page, error) {
	key, suffixLang := SplitLanguage(rel, opts.Settings)
	kind, section := Classify(key)
	if base := path.Base(key); strings.TrimSuffix(base, path.Ext(base)) == "_index" && base != "_index.md" {
		return nil, diag.At(file, 1, 1, "rename it _index.md: the settings and a section's page are read from _index.md alone")
	}
	fields := maps.Clone(m.Fields)
	for _, c := range opts.Cascade {
		applyCascade(fields, c)
	}
	m = &frontmatter.Matter{Format: m.Format, Fields: fields, Pos: m.Pos, Body: m.Body, BodyLine: m.BodyLine}
	r := &frontmatter.Reader{File: file, M: m}
	zone := opts.Settings.Zone

	p := &Page{
		File: file, Path: rel, Key: key, Kind: kind, Section: section,
		TranslationKey: strings.TrimSpace(r.String("translationKey")),
		Title:          nfc(strings.TrimSpace(r.String("title"))),
		Description:    r.String("description"),
		Summary:        r.String("summary"),
		Author:         r.String("author"),
		Source:         r.String("source"),
		Cover:          r.String("cover"),
		Layout:         r.String("layout"),
		Slug:           strings.TrimSpace(r.String("slug")),
		URL:            strings.TrimSpace(r.String("url")),
		Date:           r.Time("date", zone),
		Lastmod:        r.Time("lastmod", zone),
		PublishDate:    r.Time("publishDate", zone),
		ExpiryDate:     r.Time("expiryDate", zone),
		Draft:          r.Bool("draft"),
		Pinned:         r.Bool("pinned"),
		Weight:         r.Int("weight", 0),
		Aliases:        r.Strings("aliases"),
		TagNames:       nfcAll(r.Strings("tags")),
		CategoryNames:  nfcAll(r.Strings("categories")),
		FooterFields:   r.Map("footer"),
		Params:         fields,
		Body:           m.Body,
		BodyLine:       m.BodyLine,
		Pos:            m.Pos,
		Format:         m.Format,
	}
	if kind == KindHome || kind == KindSection {
		p.Cascade = r.Map("cascade")
	}
	if base := path.Base(key); (base == "index.md" || base == "index.markdown") && kind != KindHome && kind != KindSection {
		p.BundleDir = path.Dir(rel)
	}
	p.Lang = pageLanguage(r, opts.Settings, suffixLang)
	if (kind == KindArticle || kind == KindPage) && p.Title == "" {
		r.Fail("title", "title: required")
	}
	if kind == KindArticle && !r.Has("date") {
		// As Hugo's :filename and Jekyll's posts: 2020-07-30-title.md
		// was issued that day.
		d, err := fileDate(p, zone)
		switch {
		case err == nil:
			p.Date = d
		case errors.Is(err, errNoFileDate):
			r.Fail("date", "date: required (the time of issue, such as 2020-07-30 16:20)")
		default:
			r.Fail("date", "date: required (the time of issue, such as 2020-07-30 16:20); the file name's is no date: %v", err)
		}
	}
	if p.Lastmod.IsZero() {
		p.Lastmod = p.Date
	}
	p.Slug = slugFor(r, p)
	if p.URL != "" {
		if err := CheckPath(p.URL); err != nil {
			r.Fail("url", "url %q: %s", p.URL, err)
		}
	}
	for _, a := range p.Aliases {
		if err := CheckPath(a); err != nil {
			r.Fail("aliases", "alias %q: %s", a, err)
		}
	}
	if bad := invalidUTF8(m.Body); bad >= 0 {
		line, col := m.BodyLine+bytes.Count(m.Body[:bad], []byte("\n")), bad-bytes.LastIndexByte(m.Body[:bad], '\n')
		r.Errs = append(r.Errs, diag.At(file, line, col, "text is not valid UTF-8 (save the file as UTF-8)"))
	}
	if len(r.Errs) > 0 {
		return nil, diag.Sorted(r.Errs)
	}
	return p, nil
}

// pageLanguage is a page's language: its lang:, else its name's suffix
// (suffix), else the site's. In a site of several languages lang: must
// name one of them, and the one the suffix names, if any.
func pageLanguage(r *frontmatter.Reader, s *config.Settings, suffix string) string {
	lang := strings.TrimSpace(r.String("lang"))
	def := config.DefaultLanguage
	if s != nil {
		def = s.Language
	}
	switch {
	case lang == "":
		if suffix != "" {
			return suffix
		}
		return def
	case s == nil || !s.Multilingual():
		if !config.LanguageTag(lang) {
			r.Fail("lang", "lang: %q is not a language tag such as en, ja or zh-TW", lang)
			return def
		}
		return lang
	}
	for _, l := range s.AllLanguages() {
		if strings.EqualFold(l.Language, lang) {
			if suffix != "" && suffix != l.Language {
				r.Fail("lang", "lang: %s, but the file's name says %s", lang, suffix)
				return suffix
			}
			return l.Language
		}
	}
	tags := make([]string, 0, len(s.Languages)+1)
	for _, l := range s.AllLanguages() {
		tags = append(tags, l.Language)
	}
	r.Fail("lang", "lang: %s is not one of the site's languages (%s)", lang, strings.Join(tags, ", "))
	if suffix != "" {
		return suffix
	}
	return def
}

// invalidUTF8 returns the offset of the first byte that is not UTF-8, or -1.
func invalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}

// applyCascade fills keys of fields that the page does not set itself. A
// footer mapping is merged key by key, so a section can change one line of
// the footer and keep the rest.
func applyCascade(fields, cascade map[string]any) {
	for k, v := range cascade {
		own, set := fields[k]
		if !set {
			fields[k] = v
			continue
		}
		ownMap, ok1 := own.(map[string]any)
		casMap, ok2 := v.(map[string]any)
		if k == "footer" && ok1 && ok2 {
			merged := maps.Clone(casMap)
			maps.Copy(merged, ownMap)
			fields[k] = merged
		}
	}
}

// TrimDatePrefix removes a leading "2006-01-02-" from a file name, as
// Jekyll and Hugo name posts and as bulletin leaves it out of a slug. (A regular expression here was a large part
// of the cost of making a page from its front matter.)
func TrimDatePrefix(name string) string {
	const layout = "dddd-dd-dd-"
	if len(name) < len(layout) {
		return name
	}
	for i := range len(layout) {
		c := name[i]
		if layout[i] == 'd' && (c < '0' || c > '9') || layout[i] == '-' && c != '-' {
			return name
		}
	}
	return name[len(layout):]
}

// fileDate is the day a page's file name (its folder's, for a bundle)
// starts with, at midnight in zone.
func fileDate(p *Page, zone *time.Location) (time.Time, error) {
	name := fileName(p)
	if TrimDatePrefix(name) == name {
		return time.Time{}, errNoFileDate
	}
	return dates.ParseString(name[:len("2006-01-02")], zone)
}

var errNoFileDate = errors.New("the file name starts with no date")

// fileName is the name a page's slug and date may come from: its file's
// without the extension, or its folder's for a bundle.
func fileName(p *Page) string {
	if p.BundleDir != "" {
		return path.Base(p.BundleDir)
	}
	return strings.TrimSuffix(path.Base(p.Key), path.Ext(p.Key))
}

func slugFor(r *frontmatter.Reader, p *Page) string {
	if p.Slug != "" {
		s := Slugify(p.Slug)
		if s == "" || strings.ContainsAny(p.Slug, `/\`) {
			r.Fail("slug", "slug %q: want a single path segment of letters, digits and dashes", p.Slug)
		}
		return s
	}
	return NameSlug(fileName(p))
}

// NameSlug is the slug of a page without a slug: key, from its file's
// name (a bundle's folder's) without a leading date.
func NameSlug(name string) string {
	if s := Slugify(TrimDatePrefix(name)); s != "" {
		return s
	}
	return Slugify(name)
}

// nfc returns s in Unicode normal form C: the same word typed on two
// keyboards (é as one character, or as e and a combining accent) is one
// title, one tag, one slug.
func nfc(s string) string {
	if plainlyNFC(s) || norm.NFC.IsNormalString(s) {
		return s // nearly always: no allocation
	}
	return norm.NFC.String(s)
}

// plainlyNFC reports whether s holds only characters that are in normal
// form C whatever surrounds them: ASCII, CJK ideographs (with the
// hexagram symbols between their blocks) and the common CJK
// punctuation, none of which composes or reorders with a neighbour.
// Most titles and tags are, and the check, byte by byte, is many times
// faster than norm's, which every page's title and terms go through.
func plainlyNFC(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		// U+4000–U+9FFF: Extension A's end, the hexagrams, the Unified
		// Ideographs; three bytes led by E4–E9.
		if 0xE4 <= c && c <= 0xE9 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			i += 3
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case 0x3400 <= r && r <= 0x3FFF, // Extension A's beginning
			0x3001 <= r && r <= 0x3003, // 、。〃
			0x3008 <= r && r <= 0x3011, // 〈〉《》「」『』【】
			0xFF01 <= r && r <= 0xFF5E: // fullwidth ASCII: （），：！？
		case r == 0x2014, r == 0x2018, r == 0x2019, r == 0x201C, r == 0x201D:
			// —‘’“”
		default:
			return false
		}
		i += n
	}
	return true
}

// nfcAll applies nfc to every name.
func nfcAll(names []string) []string {
	for i, n := range names {
		names[i] = nfc(n)
	}
	return names
}

// Slugify makes a URL path segment of s: letters of every script and
// digits kept (so Chinese titles give Chinese URLs), ASCII lowercased,
// whitespace and separators turned into single dashes, other marks dropped.
// s is read in normal form C.
func Slugify(s string) string {
	s = nfc(s)
	var b strings.Builder
	dash := false
	for _, r := range strings.TrimSpace(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		case r == '_' || r == '.':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case unicode.IsSpace(r) || r == '-' || r == '/' || r == '\\' || r == '+':
			dash = true
		}
	}
	out := strings.Trim(b.String(), ".")
	if out == "" && strings.TrimSpace(s) != "" {
		return ""
	}
	return out
}

// CheckPath rejects a url or alias that could leave the output folder or
// is not a plain site path.
func CheckPath(p string) error {
	switch {
	case !strings.HasPrefix(p, "/"):
		return fmt.Errorf("must start with /")
	case strings.ContainsAny(p, "\\\x00?#"):
		return fmt.Errorf("must not contain \\, NUL, ? or #")
	case strings.HasPrefix(p, "//"):
		return fmt.Errorf("must be a path on this site, not //host")
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || seg == "." {
			return fmt.Errorf("must not contain . or .. segments")
		}
	}
	return nil
}

// Published reports whether the page goes into the site at time now.
func (p *Page) Published(now time.Time, drafts, future, expired bool) bool {
	if p.Draft && !drafts {
		return false
	}
	if !future && (p.PublishDate.After(now) || (p.PublishDate.IsZero() && p.Date.After(now))) {
		return false
	}
	if !expired && !p.ExpiryDate.IsZero() && !p.ExpiryDate.After(now) {
		return false
	}
	return true
}
