package hugo

import (
	"fmt"
	"path"
	"strings"
	"time"
	"unicode"

	"github.com/bulletin-ssg/bulletin/internal/importer"
)

// oldURL is the path Hugo gave a page: its url, else its section's
// permalink pattern, else its folder and slug (or file name), lowercased
// unless disablePathToLower.
func (r *reader) oldURL(p *importer.Post, f, bundle string) string {
	if v, ok := p.Get("url"); ok {
		if s, ok := v.(string); ok && s != "" {
			return "/" + strings.TrimPrefix(s, "/")
		}
	}
	dir := path.Dir(f)
	name := strings.TrimSuffix(path.Base(f), path.Ext(f))
	if bundle != "" {
		dir, name = path.Dir(bundle), path.Base(bundle)
	}
	slug := name
	if s := str(p, "slug"); s != "" {
		slug = s
	}
	var out string
	switch {
	case p.Kind == importer.SectionIndex:
		return r.finish("/"+dir+"/", true)
	case p.Kind == importer.Article && r.cfg.permalinks[strings.SplitN(f, "/", 2)[0]] != "":
		sec := strings.SplitN(f, "/", 2)[0]
		out = r.expand(r.cfg.permalinks[sec], p, sec, dir, name)
		if strings.Contains(out, ":") {
			p.Notes = append(p.Notes, importer.Note{File: p.File, Line: 1, Msg: "permalink " + r.cfg.permalinks[sec] + " has placeholders this importer does not fill: no alias for the old URL"})
			return ""
		}
	case dir == ".":
		out = "/" + slug + "/"
	default:
		out = "/" + dir + "/" + slug + "/"
	}
	return r.finish(out, false)
}

// finish lowercases a path unless the site keeps case, and makes it a
// .html file with uglyURLs.
func (r *reader) finish(p string, list bool) string {
	if !r.cfg.keepCase {
		p = strings.ToLower(p)
	}
	if r.cfg.uglyURLs && !list && strings.HasSuffix(p, "/") && p != "/" {
		p = strings.TrimSuffix(p, "/") + ".html"
	}
	return p
}

// expand fills a permalink pattern.
func (r *reader) expand(pattern string, p *importer.Post, sec, dir, name string) string {
	var date time.Time
	if v, ok := p.Get("date"); ok {
		if d, err := importer.ParseDate(v, r.zone); err == nil {
			date = d.T
		}
	}
	title := urlize(str(p, "title"))
	slugOrTitle := title
	if s := str(p, "slug"); s != "" {
		slugOrTitle = urlize(s)
	}
	slugOrFile := name
	if s := str(p, "slug"); s != "" {
		slugOrFile = urlize(s)
	}
	rep := strings.NewReplacer(
		":year", fmt.Sprintf("%04d", date.Year()), ":monthname", strings.ToLower(date.Month().String()),
		":month", fmt.Sprintf("%02d", int(date.Month())), ":day", fmt.Sprintf("%02d", date.Day()),
		":weekdayname", strings.ToLower(date.Weekday().String()), ":weekday", fmt.Sprint(int(date.Weekday())),
		":yearday", fmt.Sprint(date.YearDay()), ":sections", dir, ":section", sec,
		":slugorfilename", slugOrFile, ":slugorcontentbasename", slugOrFile, ":contentbasename", name,
		":filename", name, ":slug", slugOrTitle, ":title", title,
	)
	return "/" + strings.TrimPrefix(rep.Replace(pattern), "/")
}

func str(p *importer.Post, key string) string {
	v, _ := p.Get(key)
	s, _ := v.(string)
	return strings.TrimSpace(s)
}

// urlize is Hugo's path of a title: spaces become dashes, characters
// other than letters, digits and a few marks are dropped.
func urlize(s string) string {
	var b strings.Builder
	for _, c := range strings.TrimSpace(s) {
		switch {
		case unicode.IsLetter(c) || unicode.IsDigit(c) || unicode.Is(unicode.M, c) || strings.ContainsRune("%./\\_-#+~", c):
			b.WriteRune(c)
		case unicode.IsSpace(c):
			b.WriteByte('-')
		}
	}
	return b.String()
}
