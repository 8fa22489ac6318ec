// Package importer moves the articles of a Hexo, Hugo, Jekyll or WordPress
// site into a bulletin site.
//
// A generator's package (hexo, hugo, jekyll, wordpress below this one)
// reads the old site into a Source: its posts and pages with their front
// matter as written, the URL each had, the files that go beside them, the
// site's static files, and a converter from its syntax (tag plugins,
// shortcodes, Liquid, HTML) to Markdown. This package does the rest, the
// same for every generator: front matter mapped to bulletin's keys, dates
// kept in their zone, each page's place and URL in the bulletin site, an
// alias for every old URL bulletin does not serve itself, internal links
// turned into links to the .md files, heading anchors that changed
// rewritten where they are linked, and files written without ever
// replacing one. What could only be approximated, and what could not be
// imported, goes into a Report at the source file's line.
package importer

import (
	"strconv"
	"time"
)

// Kind is what a source page becomes.
type Kind int

const (
	// Article is a dated post of a section.
	Article Kind = iota
	// Page is a standalone page: content/<name>.md.
	Page
	// SectionIndex is a section's own page: content/<section>/_index.md,
	// or a sub-section's: content/<section>/<sub>/_index.md.
	SectionIndex
)

// Post is one page of the old site, as its generator's reader found it.
type Post struct {
	File    string // where it is, relative to the old site's root: "source/_posts/a.md"
	Kind    Kind
	Section string // bulletin section of an article or section index
	// Sub is the folder below Section of the sub-section an article or
	// section index is in ("press", "press/2024"), "" in the section
	// itself.
	Sub      string
	Name     string // file name without extension and folder: "hello-world"
	Front    []Field
	Body     string
	BodyLine int    // line of File on which Body starts
	OldURL   string // its path on the old site ("/2020/07/30/a/"), "" when unknown
	// OtherURLs are further addresses of it on the old site (WordPress's
	// ?p=123): links to them are rewritten too, but get no alias.
	OtherURLs []string
	// Label names it in the report instead of File ("export.xml:40").
	Label string
	// Keys are the names other pages of the old site link to it by:
	// a Hexo post_link slug, a Jekyll post_url name, a Hugo ref path.
	Keys []string
	// Assets are the files that go beside it; a post with any becomes a
	// page bundle.
	Assets []Asset
	// Zone reads its dates written without an offset, when the
	// generator knows better than the site's zone (WordPress: the offset
	// between a post's local and GMT dates).
	Zone *time.Location
	// Notes are what its reader approximated already.
	Notes []Note
	// DefaultDate is its date when the front matter gives none (a Jekyll
	// post's file name), as written there.
	DefaultDate string
	// ModTime is the file's modification time, the date of last resort.
	ModTime time.Time

	plan plan // filled by the importer
}

// Field is one front-matter key as written, with its line.
type Field struct {
	Key   string
	Value any
	Line  int
}

// Get returns the value of key, case-sensitively, and whether it is set.
func (p *Post) Get(key string) (any, bool) {
	for _, f := range p.Front {
		if f.Key == key {
			return f.Value, true
		}
	}
	return nil, false
}

// Line is the line of key's value in File, or 1.
func (p *Post) Line(key string) int {
	for _, f := range p.Front {
		if f.Key == key && f.Line > 0 {
			return f.Line
		}
	}
	return 1
}

// Asset is a file of the old site that goes beside a post or page.
type Asset struct {
	Src  string // absolute path on disk
	Name string // slash-separated path within the bundle: "photo.jpg", "img/a.png"
}

// StaticFile is a file of the old site served at its own path, which the
// bulletin site serves at the same path from assets/.
type StaticFile struct {
	Src  string // absolute path on disk
	File string // relative to the old site's root, for the report
	Path string // site path without the leading slash: "images/a.png"
}

// Note is something approximated or refused, at a line of a source file.
type Note struct {
	File string
	Line int
	Msg  string
}

func (n Note) String() string {
	if n.Line > 0 {
		return n.File + ":" + strconv.Itoa(n.Line) + ": " + n.Msg
	}
	return n.File + ": " + n.Msg
}

// Source is an old site read by its generator's reader.
type Source struct {
	Generator string // "hexo", "hugo", "jekyll", "wordpress"
	Posts     []*Post
	Files     []StaticFile
	// Refused are files the reader could not read (a broken front matter).
	Refused []Note
	// Notes are what the reader left to do by hand about no page it
	// read: the old home page (see HomePageNote).
	Notes []Note
	// Zone is the zone the old site's settings name, nil when none.
	Zone *time.Location
	// Root is the old site's path under its host ("/" or "/blog/"): old
	// URLs are paths below it, and links starting with it lose it.
	Root string
	// Hosts are the old site's absolute URLs ("https://example.com/blog/"):
	// a link starting with one is a link within the site.
	Hosts []string
	// Convert turns a post's body into bulletin's Markdown.
	Convert func(p *Post, c *Context) string
	// HeadingID is the id the old site gave a heading of this text
	// (before numbering repeats).
	HeadingID func(text string) string
	// ListSep splits a tags or categories string: "," for most, space
	// for Jekyll.
	ListSep string
}

// HomePageNote is the note about the old site's home page, at file:
// bulletin's home page is its own, its text content/_index.md's.
func HomePageNote(file string) Note {
	return Note{File: file, Msg: "the old home page's text is not imported: edit content/_index.md"}
}

// ReadOptions are what a generator's reader needs besides the old site.
type ReadOptions struct {
	// Zone reads dates written without an offset when the old site's
	// settings name no zone: --timezone, else the bulletin site's.
	Zone *time.Location
	// Uploads is WordPress's wp-content/uploads folder, "" when not given.
	Uploads string
}
