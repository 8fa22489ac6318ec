package check

import (
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/bulletin-ssg/bulletin/internal/content"
	"github.com/bulletin-ssg/bulletin/internal/site"
)

// SummaryKey is the section setting that asks every article for a summary
// of its own (a summary: key or a <!--more--> break). The nearest section
// above an article that sets it decides: a sub-section may ask where its
// parent does not, or let off what its parent asks.
const SummaryKey = "requireSummary"

func (c *checker) summaries() {
	for _, p := range c.s.Articles {
		sec := p.Parent
		for sec != nil && sec.Kind == content.KindSection {
			if sec.Src != nil {
				if _, set := sec.Src.Params[SummaryKey]; set {
					break
				}
			}
			sec = sec.Parent
		}
		if sec == nil || sec.Kind != content.KindSection {
			continue
		}
		if want, _ := sec.Src.Params[SummaryKey].(bool); !want {
			continue
		}
		if p.Src.Summary == "" && (p.Doc == nil || !p.Doc.More) {
			c.add(p.Src.File, 1, 1, Warning, "missing-summary",
				"%s asks every article for a summary: add summary: to the front matter or a <!--more--> line", sec.Src.File)
		}
	}
}

// duplicates finds articles that share a title. (Two pages that would
// share a URL, by their slugs or otherwise, are a build error that names
// both; the same slug in two folders that give two URLs is no problem.)
func (c *checker) duplicates() {
	titles := map[string]*site.Page{}
	for _, p := range byFile(c.s.Articles) {
		t := strings.TrimSpace(p.Title)
		if first, ok := titles[t]; ok {
			pos := p.Src.Pos["title"]
			c.add(p.Src.File, pos.Line, pos.Col, Warning, "duplicate-title", "title %q is also the title of %s", t, first.Src.File)
		} else {
			titles[t] = p
		}
	}
}

// termClashes reports each tag or category that got a numbered slug
// because another's name makes the same one, at the first article (by
// file) that names it.
func (c *checker) termClashes() {
	for _, cl := range c.s.TermClashes() {
		p := byFile(cl.Term.Pages)[0]
		pos := p.Src.Pos[cl.Taxonomy]
		if pos.Line == 0 {
			pos.Line, pos.Col = 1, 1
		}
		c.add(p.Src.File, pos.Line, pos.Col, Warning, "term-slug",
			"%q is published at /%s/%s/ because %q has /%s/%s/ (their names make one slug); rename one of them to keep the two apart",
			cl.Term.Name, cl.Taxonomy, cl.Term.Slug, cl.Other.Name, cl.Taxonomy, cl.Other.Slug)
	}
}

func byFile(pages []*site.Page) []*site.Page {
	out := append([]*site.Page(nil), pages...)
	sort.Slice(out, func(i, j int) bool { return out[i].File < out[j].File })
	return out
}

// filing: a site in Chinese is almost always hosted in China, where the
// ICP filing number must be on every page.
func (c *checker) filing() {
	lang := strings.ToLower(c.s.Language)
	if strings.HasPrefix(lang, "zh") && c.s.Footer.ICP == "" {
		pos := c.s.Settings.Positions["footer"]
		if pos.Line == 0 {
			pos.Line, pos.Col = 1, 1
		}
		c.add("content/_index.md", pos.Line, pos.Col, Warning, "missing-icp",
			"the site is in %s but its footer has no ICP filing number (footer: {icp: 京ICP备…号}); sites hosted in China must show it", c.s.Language)
	}
}

// foreignKeys reports the front-matter keys another generator uses for
// what bulletin reads under its own key (updated for lastmod): an author
// who moved the site would otherwise lose the value without a word. The
// home page's keys are settings, which settings() reports.
func (c *checker) foreignKeys() {
	keys := slices.Sorted(maps.Keys(content.ForeignKeys))
	for _, p := range c.s.AllPages() {
		src := p.Src
		if src == nil || src.Kind == content.KindHome {
			continue
		}
		for _, k := range keys {
			line, col := src.KeyPos(k)
			if line == 0 {
				continue
			}
			c.add(src.File, line, col, Warning, "foreign-key", "%s is not read by bulletin: use %s", k, content.ForeignKeys[k])
		}
	}
}

// knownSettings are the keys of content/_index.md that bulletin reads.
var knownSettings = []string{
	"title", "description", "baseURL", "language", "timezone", "paginate", "permalinks", "company",
	"footer", "poweredBy", "views", "comments", "waline", "twikoo", "menu", "logo", "feedLimit", "feedContent", "publisherType", "related",
	"unsafeHTML", "htmlTemplateOnly", "cascade", "params", "languages", "defaultLanguageInSubdir", "dateFormat",
}

// settings reports keys bulletin does not read: most are typos (baseurl),
// the rest are values a theme reads from .Site.Params.
func (c *checker) settings() {
	known := map[string]bool{}
	for _, k := range knownSettings {
		known[k] = true
	}
	var keys []string
	for k := range c.s.Params {
		if !known[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		pos := c.s.Settings.Positions[k]
		msg := "unknown setting %q: bulletin does not read it (a theme can, as .Site.Params.%s)"
		args := []any{k, k}
		if near := nearest(k); near != "" {
			msg = "unknown setting %q: did you mean %q?"
			args = []any{k, near}
		}
		c.add("content/_index.md", pos.Line, max(pos.Col-len(k)-2, 1), Warning, "unknown-setting", msg, args...)
	}
}

// nearest is the known key a typo most likely meant: the same letters in
// another case, or at most two edits away.
func nearest(key string) string {
	best, bestDist := "", 3
	for _, k := range knownSettings {
		if strings.EqualFold(k, key) {
			return k
		}
		if d := distance(strings.ToLower(k), strings.ToLower(key)); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

// distance is the Levenshtein distance of two short strings.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// translations lists, for each language whose settings ask for it
// (requireTranslations), the articles of the other languages that have
// no translation in it.
func (c *checker) translations() {
	for _, lang := range c.s.Languages {
		if !lang.Settings.RequireTranslations {
			continue
		}
		for _, other := range c.s.Languages {
			if other == lang {
				continue
			}
			for _, p := range byFile(other.Articles) {
				if !slices.ContainsFunc(p.Translations, func(t *site.Page) bool { return t.LanguageSite() == lang }) {
					c.add(p.Src.File, 1, 1, Warning, "missing-translation",
						"no %s translation (languages.%s.requireTranslations): add %s", lang.Language, lang.Language, translationFile(p.Src.Path, lang.Language))
				}
			}
		}
	}
}

// translationFile is where a page's translation into lang would be.
func translationFile(rel, lang string) string {
	key := rel
	if i := strings.LastIndexByte(rel, '.'); i > 0 {
		stem, ext := rel[:i], rel[i:]
		if j := strings.LastIndexByte(stem, '.'); j > strings.LastIndexByte(stem, '/') {
			stem = stem[:j] // a translation's own suffix
		}
		key = stem + "." + lang + ext
	}
	return "content/" + key
}

// words reports, for each of the site's languages, the interface words
// neither the built-in tables nor the site's own have: they are shown in
// English.
func (c *checker) words() {
	words := c.s.Words()
	for _, lang := range c.s.Languages {
		tag := lang.Language
		missing := words.Missing(tag)
		if len(missing) == 0 {
			continue
		}
		file, line, col := "content/_index.md", 1, 1
		if words.Own(tag) {
			file = "layouts/i18n/" + tag + ".yaml"
		} else if p, ok := c.s.Settings.Positions["languages."+tag]; ok {
			line, col = p.Line, p.Col
		} else if p, ok := c.s.Settings.Positions["language"]; ok {
			line, col = p.Line, p.Col
		}
		shown := missing
		if len(shown) > 8 {
			shown = append(slices.Clone(shown[:8]), "…")
		}
		c.add(file, line, col, Warning, "missing-words", "%d interface words have no %s text and are shown in English (%s): add them to layouts/i18n/%s.yaml",
			len(missing), tag, strings.Join(shown, ", "), tag)
	}
}
