package theme

import (
	"errors"
	"fmt"
	"hash/maphash"
	"html"
	"html/template"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/bulletin-ssg/bulletin/internal/i18n"
)

// Env is what the template functions need from the build.
type Env struct {
	BaseURL  string // absolute, ends in "/"
	BasePath string // path of BaseURL, ends in "/"
	Language string
	// LanguagePrefix is the site path of the language's root without its
	// "/" ("" or "/en"): relLangURL and absLangURL put paths under it.
	LanguagePrefix string
	// Words are the site's interface words (nil: the built-in ones).
	Words *i18n.Set
	Zone  *time.Location
	// Asset returns the URL of a file under assets/ (by its bytes), or an
	// error when there is none; Integrity its Subresource Integrity.
	Asset     func(name string) (string, error)
	Integrity func(name string) (string, error)
	// AssetSize is the size of an image under assets/ as it is shown.
	AssetSize func(name string) (ImageSize, error)
	// Markdown renders a short Markdown text.
	Markdown func(src string) template.HTML
	// StructuredData is the page's schema.org data as a JSON-LD script
	// element, given the template's dot (nil: none).
	StructuredData func(dot any) (template.HTML, error)
	// NoPartialCache makes partialCached render every time (a session's
	// templates outlive one build; the cache would outlive it with them).
	NoPartialCache bool
	// HTMLTemplateOnly runs every template with html/template, never with
	// the faster tmplexec (tests compare the two).
	HTMLTemplateOnly bool
}

// ImageSize is an image's size in pixels, as shown (zero when it is not
// known: an SVG without one).
type ImageSize struct{ Width, Height int }

type partialFunc func(name string, data any) (template.HTML, error)

// partialCache remembers partialCached results for one build, in shards
// by key, each under a lock its lookups share: every page of a build
// asks for the same footer and every list for its entries' summaries,
// from every worker, and under one mutex the workers waited on each
// other.
type partialCache struct {
	shards [16]partialShard
}

type partialShard struct {
	mu   sync.RWMutex
	done map[string]cachedPartial
}

func newPartialCache() *partialCache {
	c := &partialCache{}
	for i := range c.shards {
		c.shards[i].done = map[string]cachedPartial{}
	}
	return c
}

// shardSeed spreads the keys over the shards.
var shardSeed = maphash.MakeSeed()

func (c *partialCache) shard(key string) *partialShard {
	return &c.shards[maphash.String(shardSeed, key)%uint64(len(c.shards))]
}

func (sh *partialShard) get(key string) (cachedPartial, bool) {
	sh.mu.RLock()
	defer sh.mu.RUnlock()
	e, ok := sh.done[key]
	return e, ok
}

func (sh *partialShard) put(key string, e cachedPartial) {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	sh.done[key] = e
}

type cachedPartial struct {
	out   template.HTML
	reads any // what the partial read, when it was called with a ReadLog
}

// Recorded is template data that notes what templates read of it (the
// views of a build that remembers each page's reads). partialCached,
// which serves one rendering of a partial to many pages, keeps what the
// partial read with its output and notes it again for every page it
// serves: each page's record is then what rendering the partial for that
// page would have noted.
type Recorded interface {
	ReadLog() ReadLog // nil when nothing records
	// ReadSubject names what the data stands for (a page), "" for
	// nothing in particular: a partial served with other data of the
	// same keys read of that data what it read of the first.
	ReadSubject() string
}

// ReadLog is the record of one page's reads.
type ReadLog interface {
	// Capture notes the reads from now on apart as well; stop ends that
	// and returns them, those of subject as of whatever subject replays
	// them.
	Capture(subject string) (stop func() any)
	// Replay notes reads an earlier Capture returned, for subject.
	Replay(reads any, subject string)
}

// readLogOf finds the record in a partial's data, the data itself or a
// value of a dict, and what the data stands for.
func readLogOf(data any) (ReadLog, string) {
	switch d := data.(type) {
	case Recorded:
		return d.ReadLog(), d.ReadSubject()
	case map[string]any:
		// A dict's "Page" is what it stands for, as in the theme's calls;
		// else any value that records, with no subject (map order would
		// pick one at random).
		if r, ok := d["Page"].(Recorded); ok && r.ReadLog() != nil {
			return r.ReadLog(), r.ReadSubject()
		}
		for _, v := range d {
			if r, ok := v.(Recorded); ok {
				if log := r.ReadLog(); log != nil {
					return log, ""
				}
			}
		}
	}
	return nil, ""
}

// cached renders a partial once per distinct name and keys. The keys must
// name everything the partial's output depends on besides the site itself
// (as Hugo's partialCached). With off set it renders every time.
func (c *partialCache) cached(partial partialFunc, off bool) func(name string, data any, keys ...any) (template.HTML, error) {
	return func(name string, data any, keys ...any) (template.HTML, error) {
		if off {
			return partial(name, data)
		}
		var key string
		if k, ok := onlyString(keys); ok {
			key = name + "\x00" + k // the built-in theme's one key, fifty thousand times a build
		} else {
			key = name + "\x00" + fmt.Sprint(keys...)
		}
		log, subject := readLogOf(data)
		sh := c.shard(key)
		e, ok := sh.get(key)
		if ok && (log == nil || e.reads != nil) {
			if log != nil {
				log.Replay(e.reads, subject)
			}
			return e.out, nil
		}
		var stop func() any
		if log != nil {
			stop = log.Capture(subject)
		}
		out, err := partial(name, data)
		if stop != nil {
			e.reads = stop()
		}
		if err != nil {
			return "", err
		}
		e.out = out
		sh.put(key, e)
		return out, nil
	}
}

// onlyString returns the single text key, as fmt.Sprint would print it.
func onlyString(keys []any) (string, bool) {
	if len(keys) != 1 {
		return "", false
	}
	s, ok := keys[0].(string)
	return s, ok
}

func (e Env) funcs(builtinPartial func(name string) bool, partial partialFunc) template.FuncMap {
	cache := newPartialCache()
	cached := cache.cached(partial, e.NoPartialCache)
	zone := e.Zone
	if zone == nil {
		zone = time.UTC
	}
	words := e.Words
	if words == nil {
		words = i18n.NewSet(nil)
	}
	return template.FuncMap{
		"date": func(layout string, t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.In(zone).Format(layout)
		},
		"isoDate": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.In(zone).Format(time.RFC3339)
		},
		"year":       func(t time.Time) int { return t.In(zone).Year() },
		"relURL":     e.relURL,
		"absURL":     e.absURL,
		"relLangURL": func(s string) string { return e.relURL(e.inLanguage(s)) },
		"absLangURL": func(s string) string { return e.absURL(e.inLanguage(s)) },
		// languageName is a language's own name (中文, English, 日本語).
		"languageName": words.LanguageName,
		// ogLocale is a language tag as Open Graph writes a locale: zh_CN.
		"ogLocale": func(tag string) string { return strings.ReplaceAll(tag, "-", "_") },
		"asset": func(name string) (string, error) {
			if e.Asset == nil {
				return e.relURL(name), nil
			}
			return e.Asset(strings.TrimPrefix(name, "/"))
		},
		// integrity is an asset's Subresource Integrity, for the
		// integrity attribute of the <link> or <script> that loads it.
		"integrity": func(name string) (string, error) {
			if e.Integrity == nil {
				return "", nil
			}
			return e.Integrity(strings.TrimPrefix(name, "/"))
		},
		// assetSize is an image asset's width and height, for the
		// attributes that keep its place on the page before it loads.
		"assetSize": func(name string) (any, error) {
			if e.AssetSize == nil {
				return ImageSize{}, nil
			}
			return e.AssetSize(strings.TrimPrefix(name, "/"))
		},
		"truncate":    truncate,
		"markdownify": func(s string) template.HTML { return e.Markdown(s) },
		"structuredData": func(dot any) (template.HTML, error) {
			if e.StructuredData == nil {
				return "", nil
			}
			return e.StructuredData(dot)
		},
		"plainify":      plainify,
		"safeHTML":      func(s string) template.HTML { return template.HTML(s) },
		"urlize":        urlize,
		"partial":       partial,
		"partialCached": cached,
		// The built-in theme's own caching: its keys are right for its own
		// partials only, so a partial the site replaced renders every time.
		"builtinPartialCached": func(name string, data any, keys ...any) (template.HTML, error) {
			if !builtinPartial(name) {
				return partial(name, data)
			}
			return cached(name, data, keys...)
		},
		"T":         words.Words(e.Language),
		"dict":      dict,
		"slice":     func(v ...any) []any { return v },
		"default":   defaultValue,
		"add":       func(a, b int) int { return a + b },
		"sub":       func(a, b int) int { return a - b },
		"lower":     strings.ToLower,
		"upper":     strings.ToUpper,
		"contains":  strings.Contains,
		"hasPrefix": strings.HasPrefix,
		"join":      join,
	}
}

func isAbsolute(s string) bool {
	if strings.HasPrefix(s, "/") && !strings.HasPrefix(s, "//") {
		return false // a site path: the theme's links on every page
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme != "" || strings.HasPrefix(s, "//"))
}

// inLanguage puts a site path ("/archives/") under the language's root,
// unless it is absolute or already there.
func (e Env) inLanguage(s string) string {
	if e.LanguagePrefix == "" || isAbsolute(s) || s == e.LanguagePrefix || strings.HasPrefix(s, e.LanguagePrefix+"/") {
		return s
	}
	return e.LanguagePrefix + "/" + strings.TrimPrefix(s, "/")
}

// relURL puts a site path under the site's base path; a path already
// under it (a RelPermalink) is left as it is.
func (e Env) relURL(s string) string {
	if isAbsolute(s) {
		return s
	}
	if e.BasePath != "/" && strings.HasPrefix(s, e.BasePath) {
		return s
	}
	return e.BasePath + strings.TrimPrefix(s, "/")
}

// absURL makes a site path (or a path already under the base path) absolute.
func (e Env) absURL(s string) string {
	if isAbsolute(s) {
		return s
	}
	rest := strings.TrimPrefix(s, "/")
	if base := strings.TrimPrefix(e.BasePath, "/"); base != "" && strings.HasPrefix(rest, base) {
		rest = strings.TrimPrefix(rest, base)
	}
	return e.BaseURL + rest
}

// truncate cuts s to n characters, ending in "…" when it cut.
func truncate(n int, s any) string {
	text, ok := s.(string)
	if !ok {
		text = fmt.Sprint(s)
	}
	if n < 0 {
		return "…" // nothing fits
	}
	runes := 0
	for i := range text {
		if runes == n {
			return strings.TrimSpace(text[:i]) + "…"
		}
		runes++
	}
	return text
}

// plainify strips tags from HTML and decodes its entities. A block tag
// (p, li, br, h2…) separates words; an inline tag (strong, a, em) does
// not, so "公司<strong>新闻</strong>" stays one word.
func plainify(s any) string {
	var text string
	switch v := s.(type) {
	case template.HTML:
		text = string(v)
	default:
		text = fmt.Sprint(v)
	}
	if !strings.Contains(text, "<") {
		// No tag: a page's summary, every page of a build.
		return collapseSpace(html.UnescapeString(text))
	}
	var b strings.Builder
	for {
		lt := strings.IndexByte(text, '<')
		if lt < 0 {
			b.WriteString(text)
			break
		}
		b.WriteString(text[:lt])
		gt := strings.IndexByte(text[lt:], '>')
		if gt < 0 {
			break // an unclosed tag: drop the rest
		}
		if blockTag(text[lt+1 : lt+gt]) {
			b.WriteByte(' ')
		}
		text = text[lt+gt+1:]
	}
	return collapseSpace(html.UnescapeString(b.String()))
}

// collapseSpace is strings.Join(strings.Fields(s), " ") in one pass.
// Text with nothing to collapse (a summary, already collapsed) is
// returned as it is, found without decoding most of its characters.
func collapseSpace(s string) string {
	if collapsed(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			space = b.Len() > 0
		} else {
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// collapsed reports whether s has no white space but single spaces
// between words. Only a byte that may start white space is decoded: the
// others are neither white space nor inside a character that is.
func collapsed(s string) bool {
	space := true // a space here would lead the text
	for i := 0; i < len(s); {
		if !maySpace[s[i]] {
			space = false
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case !unicode.IsSpace(r):
			space = false
		case r != ' ' || space:
			return false
		default:
			space = true
		}
		i += size
	}
	return !space || s == ""
}

// maySpace marks the bytes that may start a character unicode.IsSpace
// accepts: ASCII white space, and the first byte of the UTF-8 of U+0085
// and U+00A0 (0xC2), U+1680 (0xE1), U+2000 to U+205F (0xE2) and U+3000
// (0xE3).
var maySpace = [256]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true, 0xC2: true, 0xE1: true, 0xE2: true, 0xE3: true}

// blockTag reports whether the inside of a tag ("/p", "br /", "li class=x")
// names an element that breaks the flow of words.
func blockTag(inside string) bool {
	name := strings.TrimPrefix(inside, "/")
	if i := strings.IndexAny(name, " \t\n/"); i >= 0 {
		name = name[:i]
	}
	switch strings.ToLower(name) {
	case "p", "div", "br", "hr", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
		"blockquote", "pre", "table", "tr", "td", "th", "section", "article", "aside", "header", "footer", "figure", "figcaption":
		return true
	}
	return false
}

// urlize makes a URL path segment of s, keeping letters of every script.
func urlize(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch {
		case r == ' ' || r == '-' || r == '/' || r == '_':
			dash = true
		case strings.ContainsRune(`!"#$%&'()*+,.:;<=>?@[\]^{|}~`+"`", r):
		default:
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		}
	}
	return b.String()
}

func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, errors.New("dict: want key/value pairs")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not text", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// defaultValue returns value unless it is empty, then def.
func defaultValue(def, value any) any {
	if value == nil {
		return def
	}
	v := reflect.ValueOf(value)
	if v.IsZero() || ((v.Kind() == reflect.Slice || v.Kind() == reflect.Map) && v.Len() == 0) {
		return def
	}
	return value
}

func join(sep string, list any) string {
	v := reflect.ValueOf(list)
	if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
		return fmt.Sprint(list)
	}
	parts := make([]string, v.Len())
	for i := range parts {
		parts[i] = fmt.Sprint(v.Index(i).Interface())
	}
	return strings.Join(parts, sep)
}
