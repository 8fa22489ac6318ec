package importer

import (
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/config"
	"github.com/bulletin-ssg/bulletin/internal/markdown"
	"github.com/bulletin-ssg/bulletin/internal/scaffold"
)

// Options are an import's settings.
type Options struct {
	Site    string         // the bulletin site's folder
	Section string         // the section articles go into
	Zone    *time.Location // --timezone: dates without a zone, when the old site names none
	DryRun  bool           // write nothing
}

// run is one import in progress.
type run struct {
	src      *Source
	opts     Options
	settings *config.Settings
	zone     *time.Location
	posts    []*Post // placed, in the order read
	byKey    map[string]*Post
	byURL    map[string]*Post
	byRel    map[string]*Post
	report   *Report
	w        *writer
}

// Import moves what src holds into the bulletin site opts.Site. An error
// is one about the whole import (the site cannot be read); a file that
// cannot be imported is in the report.
func Import(src *Source, opts Options) (*Report, error) {
	settings, err := scaffold.ReadSettings(os.DirFS(opts.Site))
	if err != nil {
		return nil, err
	}
	r := &run{
		src: src, opts: opts, settings: settings, zone: src.Zone,
		byKey: map[string]*Post{}, byURL: map[string]*Post{}, byRel: map[string]*Post{},
		report: &Report{DryRun: opts.DryRun, Refused: append([]Note(nil), src.Refused...), Notes: append([]Note(nil), src.Notes...)},
		w:      &writer{dir: opts.Site, dryRun: opts.DryRun, made: map[string]bool{}},
	}
	if r.zone == nil {
		r.zone = opts.Zone
	}
	if r.zone == nil {
		r.zone = settings.Zone
	}
	r.mapAll()
	r.placeAll()
	r.convertAll()
	r.linkAll()
	r.aliasAll()
	r.writeAll()
	sort.SliceStable(r.report.Refused, func(i, j int) bool { return r.report.Refused[i].File < r.report.Refused[j].File })
	sort.SliceStable(r.report.Notes, func(i, j int) bool { return r.report.Notes[i].File < r.report.Notes[j].File })
	return r.report, nil
}

func (r *run) refuse(n Note) { r.report.Refused = append(r.report.Refused, n) }

// mapAll maps every post's front matter to bulletin's.
func (r *run) mapAll() {
	for _, p := range r.src.Posts {
		if (p.Kind == Article || p.Kind == SectionIndex) && p.Section == "" {
			p.Section = r.opts.Section
		}
		zone := r.zone
		if p.Zone != nil {
			zone = p.Zone
		}
		m := &mapper{p: p, zone: zone, siteZone: r.settings.Zone, sep: r.src.ListSep}
		m.mapFront()
		if m.err != nil {
			r.refuse(*m.err)
			continue
		}
		p.plan.front = m.out
		p.plan.notes = append(append(p.plan.notes, p.Notes...), m.notes...)
		r.posts = append(r.posts, p)
	}
}

// placeAll gives every post its file and URL: a file another post took
// gets a numbered name, a URL another post took a numbered slug.
func (r *run) placeAll() {
	urls := map[string]*Post{}
	kept := r.posts[:0]
	for _, p := range r.posts {
		place(p, r.settings)
		if p.Kind != SectionIndex && !r.placeOwn(p) {
			continue
		}
		kept = append(kept, p)
		base := p.Name
		for i := 2; r.byRel[p.plan.rel] != nil && p.Kind != SectionIndex; i++ {
			p.Name = fmt.Sprintf("%s-%d", base, i)
			place(p, r.settings)
		}
		if p.Name != base {
			p.plan.notes = append(p.plan.notes, Note{File: p.File, Line: 1, Msg: fmt.Sprintf("another page has the name %q: this one is %s", base, p.plan.rel)})
		}
		if first := urls[p.plan.url]; first != nil && p.Kind == Article && p.plan.get("url") == "" {
			slug := slugOf(p)
			for i := 2; urls[p.plan.url] != nil; i++ {
				p.plan.setSlug(fmt.Sprintf("%s-%d", slug, i))
				place(p, r.settings)
			}
			p.plan.notes = append(p.plan.notes, Note{File: p.File, Line: p.Line("slug"), Msg: fmt.Sprintf("%s has the URL %s too: this one gets the slug %s", first.File, first.plan.url, p.plan.get("slug"))})
		}
		urls[p.plan.url] = p
		r.byRel[p.plan.rel] = p
		for _, k := range p.Keys {
			if _, taken := r.byKey[k]; !taken {
				r.byKey[k] = p
			}
		}
		for _, u := range append([]string{p.OldURL}, p.OtherURLs...) {
			if _, taken := r.byURL[oldKey(u)]; u != "" && !taken {
				r.byURL[oldKey(u)] = p
			}
		}
	}
	r.posts = kept
}

// placeOwn moves an article off a URL bulletin writes itself to its
// section's, and reports false for a page that stands where bulletin
// makes its own (the old 404 page, tag lists, archives): the old theme
// made those, bulletin makes them anew.
func (r *run) placeOwn(p *Post) bool {
	if old := p.OldURL; old != "" {
		if what, own := ownURL(oldKey(r.underRoot(old))); own && what == notFoundPage {
			r.report.Notes = append(r.report.Notes, Note{File: p.File, Msg: "not imported: " + old + " is the old site's 404 page; bulletin makes its own (layouts/404.html changes it)"})
			return false
		}
	}
	what, own := ownURL(p.plan.url)
	if own && p.Kind == Article && p.plan.get("url") != "" {
		u := p.plan.url
		for i, f := range p.plan.front {
			if f.Key == "url" {
				p.plan.front = append(p.plan.front[:i], p.plan.front[i+1:]...)
				break
			}
		}
		place(p, r.settings)
		line := p.Line("url")
		if line == 1 {
			line = p.Line("permalink")
		}
		p.plan.notes = append(p.plan.notes, Note{File: p.File, Line: line, Msg: "url " + u + " is " + what + ": the post is at " + p.plan.url})
		what, own = ownURL(p.plan.url)
	}
	if own {
		r.report.Notes = append(r.report.Notes, Note{File: p.File, Msg: "not imported: " + p.plan.url + " is " + what})
		return false
	}
	return true
}

const notFoundPage = "bulletin's own 404 page (layouts/404.html changes it)"

// ownURL reports whether bulletin writes the clean site path u itself,
// and what it writes there: a page there would not build, an alias there
// would not either.
func ownURL(u string) (string, bool) {
	switch strings.ToLower(u) {
	case "/404.html", "/404/":
		return notFoundPage, true
	case "/robots.txt", "/sitemap.xml", "/atom.xml", "/index.xml":
		return "bulletin's own " + u[1:], true
	case "/archives/":
		return "bulletin's own archive page", true
	}
	for _, tax := range []string{"tags", "categories"} {
		if strings.HasPrefix(strings.ToLower(u), "/"+tax+"/") {
			return "where bulletin lists the site's " + tax, true
		}
	}
	return "", false
}

// convertAll turns every body into bulletin's Markdown and works out which
// of the old site's heading ids changed.
func (r *run) convertAll() {
	md := markdown.New(markdown.Options{UnsafeHTML: r.settings.UnsafeHTML})
	kept := r.posts[:0]
	for _, p := range r.posts {
		body := p.Body
		if r.src.Convert != nil {
			body = r.src.Convert(p, &Context{im: r, p: p})
		}
		body = OutsideCode(body, func(s string) string {
			s, moved := HeadingAnchors(s)
			for _, tag := range moved {
				line := p.BodyLine
				if i := strings.Index(p.Body, tag); i >= 0 {
					line += strings.Count(p.Body[:i], "\n")
				}
				p.plan.notes = append(p.plan.notes, Note{File: p.File, Line: line, Msg: fmt.Sprintf("the anchor %s is now its heading's id, so links to it keep working", tag)})
			}
			s = blankRuns.ReplaceAllString(moreMarker.ReplaceAllString(s, "<!--more-->"), "\n\n")
			if strings.HasPrefix(s, "\n\n") && s != body {
				s = s[1:] // one blank line after a fence is enough
			}
			return s
		})
		body, dropped := Unlink(body)
		for _, dest := range dropped {
			line := p.BodyLine
			if i := strings.Index(p.Body, dest); i >= 0 {
				line += strings.Count(p.Body[:i], "\n")
			}
			p.plan.notes = append(p.plan.notes, Note{File: p.File, Line: line, Msg: fmt.Sprintf("link to %.60q is no URL: its text is kept without the link", dest)})
		}
		p.plan.body = body
		if tag := RawHTML(body); tag != "" && !r.settings.UnsafeHTML {
			line := p.BodyLine
			if i := strings.Index(p.Body, tag); i >= 0 {
				line += strings.Count(p.Body[:i], "\n")
			}
			p.plan.notes = append(p.plan.notes, Note{File: p.File, Line: line, Msg: fmt.Sprintf("raw HTML (%s) kept: bulletin shows it only with unsafeHTML: true in the settings", tag)})
		}
		res, err := md.Render(markdown.Doc{File: p.Dest(), Path: p.plan.rel, Line: 1, Source: []byte(body)})
		if err != nil {
			r.refuse(Note{File: p.File, Line: p.BodyLine, Msg: fmt.Sprintf("bulletin could not render it: %v", err)})
			continue
		}
		p.plan.anchors = r.anchors(res.Headings)
		kept = append(kept, p)
	}
	r.posts = kept
}

var blankRuns = regexp.MustCompile(`\n[ \t]*\n(?:[ \t]*\n)+`)

// anchors maps the ids the old site gave headings to bulletin's, where
// they differ.
func (r *run) anchors(headings []markdown.Heading) map[string]string {
	if r.src.HeadingID == nil {
		return nil
	}
	out := map[string]string{}
	used := map[string]int{}
	for _, h := range headings {
		old := r.src.HeadingID(h.Text)
		n := used[old]
		used[old]++
		if n > 0 {
			old = fmt.Sprintf("%s-%d", old, n)
		}
		if old != h.ID {
			out[old] = h.ID
		}
	}
	return out
}
