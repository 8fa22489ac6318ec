package site

import (
	"fmt"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/content"
)

// sitePath is a page's path within the site, unescaped, always starting
// with "/": "/news/2020/07/公司新闻/" or "/old/123.html".
//
// permalinkPath computes it for a source page: its url, else (for an
// article) its top-level section's pattern, also in a sub-section, else
// its folder and slug; a section's page is at its folder.
func permalinkPath(p *content.Page, patterns map[string]string) string {
	switch {
	case p.URL != "":
		return CleanPath(p.URL)
	case p.Kind == content.KindHome:
		return "/"
	case p.Kind == content.KindSection:
		return CleanPath("/" + content.SectionFolder(p.Path) + "/")
	}
	if pattern, ok := patterns[p.Section]; ok && p.Kind == content.KindArticle {
		// The calendar date as written: a date without a zone is in the
		// site's, and one with an offset keeps it, so an article moved
		// from another generator keeps its URL's day whatever the site's
		// zone.
		return CleanPath(ExpandPattern(pattern, p.Section, p.Slug, p.Date))
	}
	dir := path.Dir(p.Path)
	if p.BundleDir != "" {
		dir = path.Dir(p.BundleDir)
	}
	if dir == "." {
		return CleanPath("/" + p.Slug + "/")
	}
	return CleanPath("/" + dir + "/" + p.Slug + "/")
}

// ExpandPattern fills a permalink pattern's :year, :month, :day (of d),
// :section and :slug; any other text is kept. (A strings.Replacer built for each
// article was a large part of a rebuild's graph stage.)
func ExpandPattern(pattern, section, slug string, d time.Time) string {
	var b strings.Builder
	b.Grow(len(pattern) + len(slug) + len(section))
	for i := 0; i < len(pattern); {
		rest := pattern[i:]
		switch {
		case strings.HasPrefix(rest, ":year"):
			writePadded(&b, d.Year(), 4)
			i += len(":year")
		case strings.HasPrefix(rest, ":month"):
			writePadded(&b, int(d.Month()), 2)
			i += len(":month")
		case strings.HasPrefix(rest, ":day"):
			writePadded(&b, d.Day(), 2)
			i += len(":day")
		case strings.HasPrefix(rest, ":section"):
			b.WriteString(section)
			i += len(":section")
		case strings.HasPrefix(rest, ":slug"):
			b.WriteString(slug)
			i += len(":slug")
		default:
			b.WriteByte(pattern[i])
			i++
		}
	}
	return b.String()
}

// writePadded writes n with leading zeros to width digits, as
// fmt's %0*d does for the years, months and days of permalinks.
func writePadded(b *strings.Builder, n, width int) {
	digits := strconv.Itoa(n)
	if n < 0 {
		b.WriteString(fmt.Sprintf("%0*d", width, n)) // a year before 1: as fmt writes it
		return
	}
	for range width - len(digits) {
		b.WriteByte('0')
	}
	b.WriteString(digits)
}

// CleanPath makes p a clean absolute site path. A path naming a web
// file (.html, .xml, …) is that file; any other path is a folder and ends
// in "/", so "/news/v1.2" is the folder "/news/v1.2/".
func CleanPath(p string) string {
	trailing := strings.HasSuffix(p, "/")
	p = path.Clean("/" + p)
	if p == "/" {
		return p
	}
	if trailing || !fileExts[strings.ToLower(path.Ext(p))] {
		p += "/"
	}
	return p
}

// fileExts are the extensions that make a url or alias a file of its own.
var fileExts = map[string]bool{".html": true, ".htm": true, ".xml": true, ".json": true, ".txt": true}

// outputFile is the file, relative to the output folder, that serves a
// site path: "news/a/index.html" for "/news/a/".
func outputFile(sitePath string) string {
	if strings.HasSuffix(sitePath, "/") {
		return strings.TrimPrefix(sitePath, "/") + "index.html"
	}
	return strings.TrimPrefix(sitePath, "/")
}

// escapePath percent-encodes each segment of a site path, so that URLs
// with Chinese slugs are valid in feeds, sitemaps and href attributes.
// Most paths need nothing escaped ("/news/2020/07/launch/"): they are
// returned as they are, without splitting (escaping every page's two URLs
// was much of placing it).
func escapePath(p string) string {
	if plainPath(p) {
		return p
	}
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// plainPath reports whether url.PathEscape leaves every segment of p as
// it is: p holds only letters, digits, "-._~" and slashes.
func plainPath(p string) bool {
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case c == '-' || c == '.' || c == '_' || c == '~' || c == '/':
		default:
			return false
		}
	}
	return true
}
