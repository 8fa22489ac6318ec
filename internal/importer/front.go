package importer

import (
	"fmt"
	"strings"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/content"
)

// Keys of the old front matter that map to one bulletin key, the first
// found winning.
var (
	lastmodKeys  = []string{"lastmod", "updated", "modified", "last_modified_at", "lastModified", "last_modified"}
	summaryKeys  = []string{"summary", "excerpt", "abstract"}
	coverKeys    = []string{"cover", "image", "images", "featured_image", "featuredImage", "thumbnail", "feature_image", "banner"}
	authorKeys   = []string{"author", "authors", "by"}
	urlKeys      = []string{"url", "permalink"}
	categoryKeys = []string{"categories", "category"}
	tagKeys      = []string{"tags", "tag"}
	pinnedKeys   = []string{"pinned", "sticky", "top"}
)

// consumed are keys the mapping reads; the others are kept as they are.
var consumed = func() map[string]bool {
	m := map[string]bool{"title": true, "date": true, "draft": true, "published": true, "slug": true,
		"description": true, "aliases": true, "publishDate": true, "expiryDate": true, "pubdate": true,
		"expirydate": true, "publishdate": true, "layout": true, "weight": true, "source": true, "footer": true, "cascade": true}
	for _, list := range [][]string{lastmodKeys, summaryKeys, coverKeys, authorKeys, urlKeys, categoryKeys, tagKeys, pinnedKeys} {
		for _, k := range list {
			m[k] = true
		}
	}
	return m
}()

// defaultLayouts are the layout names generators use for their ordinary
// pages, which bulletin's own layouts replace.
var defaultLayouts = map[string]bool{"post": true, "page": true, "default": true, "single": true, "list": true, "posts": true, "article": true, "": true}

// mapper turns one post's old front matter into bulletin's.
type mapper struct {
	p        *Post
	zone     *time.Location // for dates without an offset
	siteZone *time.Location
	sep      string
	out      []Field
	notes    []Note
	err      *Note
}

func (m *mapper) note(key, format string, args ...any) {
	m.notes = append(m.notes, Note{File: m.p.File, Line: m.p.Line(key), Msg: fmt.Sprintf(format, args...)})
}

func (m *mapper) fail(key, format string, args ...any) {
	if m.err == nil {
		m.err = &Note{File: m.p.File, Line: m.p.Line(key), Msg: fmt.Sprintf(format, args...)}
	}
}

func (m *mapper) set(key string, v any) { m.out = append(m.out, Field{Key: key, Value: v}) }

// first returns the first of keys that is set, and its value.
func (m *mapper) first(keys []string) (string, any, bool) {
	for _, k := range keys {
		if v, ok := m.p.Get(k); ok && v != nil {
			return k, v, true
		}
	}
	return "", nil, false
}

// mapFront maps the front matter; a failure means the post cannot be
// imported.
func (m *mapper) mapFront() {
	m.title()
	m.dates()
	m.draft()
	m.strings()
	m.lists()
	m.others()
}

func (m *mapper) title() {
	if v, ok := m.p.Get("title"); ok {
		if s, ok := scalarString(v); ok && strings.TrimSpace(s) != "" {
			m.set("title", strings.TrimSpace(s))
			return
		}
	}
	if m.p.Kind == SectionIndex {
		return
	}
	title := strings.ReplaceAll(m.p.Name, "-", " ")
	m.set("title", title)
	m.note("title", "no title: the file name %q stands in", title)
}

func (m *mapper) dates() {
	var date Date
	v, ok := m.p.Get("date")
	switch {
	case ok:
		d, err := ParseDate(v, m.zone)
		if err != nil {
			m.fail("date", "%v", err)
			return
		}
		date = d
	case m.p.DefaultDate != "":
		d, err := ParseDate(m.p.DefaultDate, m.zone)
		if err != nil {
			m.fail("date", "%v", err)
			return
		}
		date = d
	case m.p.Kind == Article && !m.p.ModTime.IsZero():
		date = Date{T: m.p.ModTime.In(m.zone).Truncate(time.Second), HasTime: true}
		m.note("date", "no date: the file's modification time stands in")
	case m.p.Kind == Article:
		m.fail("date", "no date, and bulletin's articles need one")
		return
	}
	if !date.T.IsZero() {
		m.set("date", date.Format(m.siteZone))
	}
	if k, v, ok := m.first(lastmodKeys); ok {
		m.date("lastmod", k, v)
	}
	for _, pair := range [][2]string{{"publishDate", "publishDate"}, {"publishDate", "publishdate"}, {"publishDate", "pubdate"}, {"expiryDate", "expiryDate"}, {"expiryDate", "expirydate"}} {
		if v, ok := m.p.Get(pair[1]); ok {
			m.date(pair[0], pair[1], v)
		}
	}
	if v, ok := m.p.Get("published"); ok {
		if _, isBool := v.(bool); !isBool {
			m.date("publishDate", "published", v)
		}
	}
}

// date maps one date-valued key; one bulletin cannot read is dropped.
func (m *mapper) date(to, from string, v any) {
	for _, f := range m.out {
		if f.Key == to {
			return
		}
	}
	d, err := ParseDate(v, m.zone)
	if err != nil {
		m.note(from, "%s: %v; left out", from, err)
		return
	}
	m.set(to, d.Format(m.siteZone))
}

func (m *mapper) draft() {
	draft := false
	if v, ok := m.p.Get("draft"); ok {
		draft = truthy(v)
	}
	if v, ok := m.p.Get("published"); ok {
		if b, isBool := v.(bool); isBool && !b {
			draft = true
		}
	}
	if draft {
		m.set("draft", true)
	}
}

func (m *mapper) strings() {
	if v, ok := m.p.Get("slug"); ok {
		s, _ := scalarString(v)
		if content.Slugify(s) != "" && !strings.ContainsAny(s, `/\`) {
			m.set("slug", s)
		} else if s != "" {
			m.note("slug", "slug %q is not one path segment bulletin can use; the file name gives the slug", s)
		}
	}
	if k, v, ok := m.first(urlKeys); ok {
		m.url(k, v)
	}
	if k, v, ok := m.first(authorKeys); ok {
		if s := personName(v); s != "" {
			m.set("author", s)
		} else {
			m.note(k, "%s: no name in it; left out", k)
		}
	}
	if _, v, ok := m.first(summaryKeys); ok {
		if s, ok := scalarString(v); ok && strings.TrimSpace(s) != "" {
			m.set("summary", strings.TrimSpace(s))
		}
	}
	if v, ok := m.p.Get("description"); ok {
		if s, ok := scalarString(v); ok && strings.TrimSpace(s) != "" {
			m.set("description", strings.TrimSpace(s))
		}
	}
	if k, v, ok := m.first(coverKeys); ok {
		if s := imagePath(v); s != "" {
			m.set("cover", s)
		} else {
			m.note(k, "%s: no image path in it; left out", k)
		}
	}
}

// url keeps a page's own path; one with placeholders or a query cannot be
// a bulletin url.
func (m *mapper) url(key string, v any) {
	s, _ := scalarString(v)
	s = strings.TrimSpace(s)
	if s == "" {
		return
	}
	if !strings.HasPrefix(s, "/") {
		s = "/" + s
	}
	if err := content.CheckPath(s); err != nil || strings.Contains(s, ":") {
		m.note(key, "%s %q cannot be a bulletin url; the section's URL is used and the old one kept as an alias where known", key, s)
		return
	}
	m.set("url", s)
}
