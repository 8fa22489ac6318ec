// Package check finds what would embarrass the company on a site that
// builds: links and anchors that lead nowhere, missing images, pages
// without the summary their section asks for, titles used twice,
// drafts linked from published pages, a Chinese site without its ICP
// number, settings keys bulletin does not know, front-matter keys of
// other generators.
//
// It reads the site graph a build made (build's NoOutput) and reports
// findings at their file, line and column. It writes nothing, and a
// check never touches the output folder. Only External, which the
// author asks for (check --external), goes out to the network: it asks
// other sites, through package linkcheck, about the links to them.
package check

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/bulletin-ssg/bulletin/internal/content"
	"github.com/bulletin-ssg/bulletin/internal/diag"
	"github.com/bulletin-ssg/bulletin/internal/markdown"
	"github.com/bulletin-ssg/bulletin/internal/site"
)

// Severity of a finding.
const (
	Error   = "error"
	Warning = "warning"
)

// Finding is one problem, where it is.
type Finding struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
}

// String is the finding as a line of text: "file:line:col: severity:
// message [code]", the form editors and CI logs understand.
func (f Finding) String() string {
	where := (&diag.Error{File: f.File, Line: f.Line, Col: f.Column, Msg: f.Severity + ": " + f.Message}).Error()
	return where + " [" + f.Code + "]"
}

// FromErrors turns build errors and warnings into findings, of the given
// code unless a warning names its own.
func FromErrors(err error, severity, code string) []Finding {
	var out []Finding
	for _, e := range diag.Flatten(err) {
		var d *diag.Error
		if errors.As(e, &d) {
			c := code
			if d.Code != "" {
				c = d.Code
			}
			out = append(out, Finding{File: d.File, Line: d.Line, Column: d.Col, Severity: severity, Code: c, Message: d.Msg})
		} else {
			out = append(out, Finding{Severity: severity, Code: code, Message: e.Error()})
		}
	}
	return out
}

// Site runs every check on a graph that built.
func Site(s *site.Site) []Finding {
	c := &checker{s: s, byOutput: map[string]*site.Page{}}
	for _, p := range s.AllPages() {
		c.byOutput[p.OutputFile()] = p
	}
	c.links()
	c.summaries()
	c.duplicates()
	c.termClashes()
	c.filing()
	c.settings()
	c.foreignKeys()
	c.translations()
	c.words()
	Sort(c.found)
	return c.found
}

// Sort orders findings by file, line and column, so reports are stable.
func Sort(found []Finding) {
	sort.SliceStable(found, func(i, j int) bool {
		a, b := found[i], found[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
}

type checker struct {
	s        *site.Site
	byOutput map[string]*site.Page
	found    []Finding
}

func (c *checker) add(file string, line, col int, sev, code, format string, args ...any) {
	c.found = append(c.found, Finding{File: file, Line: line, Column: col, Severity: sev, Code: code, Message: fmt.Sprintf(format, args...)})
}

// place is a link or an image an author wrote, and where it stands.
type place struct {
	from      *site.Page // the page it is on: a relative URL is read from its URL
	dest      string
	image     bool
	markdown  bool // in the page's Markdown, where a path may name a file beside it
	file      string
	line, col int
}

// places calls fn for every link and image the site's authors wrote:
// those of every page's Markdown, its cover, and the menu's entries.
// The site's own links and the other sites' (External) are found by
// this one walk, so the two agree on what every link is.
func places(s *site.Site, fn func(place)) {
	for _, p := range s.AllPages() {
		if p.Src == nil || p.Doc == nil {
			continue
		}
		for _, r := range p.Doc.Refs {
			fn(place{from: p, dest: r.Dest, image: r.Image, markdown: true, file: p.Src.File, line: r.Line, col: r.Col})
		}
		if p.Src.Cover != "" {
			pos := p.Src.Pos["cover"]
			fn(place{from: p, dest: p.Cover, image: true, file: p.Src.File, line: pos.Line, col: pos.Col})
		}
	}
	// Each language's menu, once: one a language inherits is the site's.
	// The theme writes its URLs as they are (relURL), so a relative one
	// is read from the site's home, whatever the language.
	langs := s.Languages
	if len(langs) == 0 {
		langs = []*site.Site{s}
	}
	for _, l := range langs {
		pos := l.Settings.Positions["menu"]
		if l != s && pos == s.Settings.Positions["menu"] && slices.Equal(l.Menu, s.Menu) {
			continue
		}
		for _, m := range l.Menu {
			fn(place{from: s.Home, dest: m.URL, file: "content/_index.md", line: pos.Line, col: pos.Col})
		}
	}
}

// links checks every link and image of the site that stays in it.
func (c *checker) links() {
	places(c.s, func(pl place) {
		if pl.markdown && c.missingFile(pl) {
			return
		}
		c.ref(pl)
	})
}

// ref checks one link or image: an internal one must reach a file the
// site writes, and its #fragment an id of the target page.
func (c *checker) ref(pl place) {
	u, err := url.Parse(pl.dest)
	if err != nil {
		c.add(pl.file, pl.line, pl.col, Error, "bad-url", "%q is not a valid URL", pl.dest)
		return
	}
	if u.Scheme != "" || u.Host != "" || strings.HasPrefix(pl.dest, "//") {
		return // another site's: External checks it when asked
	}
	target := pl.from
	if u.Path != "" {
		p := fromPage(pl.from, u.EscapedPath())
		rel, ok := c.s.Resolve(p)
		if !ok {
			what, code := "link", "broken-link"
			if pl.image {
				what, code = "image", "missing-image"
			}
			c.add(pl.file, pl.line, pl.col, Error, code, "%s %q leads nowhere: the site has no %s", what, pl.dest, p)
			return
		}
		target = c.byOutput[rel]
	}
	if u.Fragment == "" || target == nil || target.Doc == nil {
		return
	}
	if !hasID(target, u.Fragment) {
		c.add(pl.file, pl.line, pl.col, Error, "broken-anchor", "link %q: %s has no heading with id %q", pl.dest, describe(target), u.Fragment)
	}
}

// fromPage is a URL path as a browser reads it on the page: a relative
// one from the page's folder.
func fromPage(from *site.Page, p string) string {
	if strings.HasPrefix(p, "/") {
		return p
	}
	dir := from.RelPermalink
	if !strings.HasSuffix(dir, "/") {
		dir = path.Dir(dir)
	}
	return path.Join(dir, p)
}

// missingFile reports a link or image that names a file by its path from
// the Markdown file's folder (images/a.png) and that the Markdown left as
// written: no such file is under content/, or the path leads out of it.
// (A file that exists became its URL; a bundle's own file, copied beside
// the page, is checked from the page as any relative URL is.) A path the
// page's URL does reach (a relative link to another page's URL) is no
// file reference, and is left to ref.
func (c *checker) missingFile(pl place) bool {
	p := pl.from
	u, err := url.Parse(pl.dest)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" || strings.HasPrefix(pl.dest, "/") ||
		strings.HasSuffix(u.Path, "/") || content.IsMarkdown(u.Path) {
		return false
	}
	target := path.Join(path.Dir(p.Src.Path), u.Path)
	if dir := p.Src.BundleDir; dir != "" && strings.HasPrefix(target, dir+"/") {
		return false
	}
	if _, ok := c.s.Resolve(fromPage(p, u.EscapedPath())); ok {
		return false
	}
	what, code := "link", "broken-link"
	if pl.image {
		what, code = "image", "missing-image"
	}
	if markdown.OutOfContent(target) {
		c.add(pl.file, pl.line, pl.col, Error, code, "%s %q leads out of content/: bulletin publishes only the files under content/ and assets/", what, pl.dest)
	} else {
		c.add(pl.file, pl.line, pl.col, Error, code, "%s %q leads nowhere: there is no content/%s", what, pl.dest, target)
	}
	return true
}

func hasID(p *site.Page, id string) bool {
	for _, h := range p.Doc.Headings {
		if h.ID == id {
			return true
		}
	}
	// Footnotes: goldmark names them fn:N and fnref:N.
	return strings.HasPrefix(id, "fn:") || strings.HasPrefix(id, "fnref:")
}

func describe(p *site.Page) string {
	if p.File != "" {
		return p.File
	}
	return p.Path
}
