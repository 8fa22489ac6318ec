package render

import (
	"html/template"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/content"
	"github.com/bulletin-ssg/bulletin/internal/jsonstr"
)

// StructuredData is a page's schema.org data as a JSON-LD script element
// (<script type="application/ld+json">): NewsArticle and its breadcrumb on
// an article, the publishing Organization and the WebSite on the home
// page, a breadcrumb on a section. It reads the page through the views
// (what it reads is recorded as a template's reads are). Every string is
// escaped as encoding/json escapes it for HTML (<, > and & as \u003c…),
// so no title, author or description can end the script; the element is
// written whole here, so templates place it as HTML and never in a
// script's context. A page it describes nothing of gives "".
//
// The JSON is written as it goes, keys in schema.org's usual order: a
// page of every build has one, and marshalling maps through reflection
// was a tenth of a build's allocations.
func StructuredData(dot any) (template.HTML, error) {
	d, ok := dot.(Data)
	if !ok || d.Page == nil || d.Site == nil {
		return "", nil
	}
	w := ldWriters.Get().(*ldWriter)
	defer ldWriters.Put(w)
	w.b = append(w.b[:0], `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[`...)
	switch d.Page.Kind() {
	case content.KindArticle:
		newsArticle(w, d)
		breadcrumb(w, d)
	case content.KindHome:
		if d.Paginator != nil && d.Paginator.PageNumber() > 1 {
			return "", nil // the site is described once, on its first page
		}
		organization(w, d.Site)
		webSite(w, d.Site)
	case content.KindSection:
		breadcrumb(w, d)
	default:
		return "", nil
	}
	w.b = append(w.b, "]}</script>"...)
	return template.HTML(string(w.b)), nil
}

// publisherName is who publishes: the company, else the site.
func (v *SiteView) publisherName() string {
	if c := v.Company(); c.Name != "" {
		return c.Name
	}
	return v.Title()
}

// logoURL is the site's logo (a file under assets/) as an absolute URL.
func (v *SiteView) logoURL() string {
	if logo := v.Logo(); logo != "" {
		return v.BaseURL() + strings.TrimPrefix(logo, "/")
	}
	return ""
}

// publisher is the Organization that publishes the site, as an article's
// publisher and the home page's subject; organization adds its details.
func publisher(w *ldWriter, s *SiteView, details func()) {
	w.object(s.PublisherType())
	w.str("@id", s.BaseURL()+"#publisher")
	w.str("name", s.publisherName())
	w.str("url", s.BaseURL())
	if logo := s.logoURL(); logo != "" {
		w.key("logo")
		w.object("ImageObject")
		w.str("url", logo)
		w.end()
	}
	if details != nil {
		details()
	}
	w.end()
}

func organization(w *ldWriter, s *SiteView) {
	publisher(w, s, func() {
		c := s.Company()
		if c.Address != "" {
			w.key("address")
			w.object("PostalAddress")
			w.str("streetAddress", c.Address)
			w.end()
		}
		w.optional("telephone", c.Phone)
		w.optional("email", c.Email)
	})
}

func webSite(w *ldWriter, s *SiteView) {
	w.object("WebSite")
	w.str("name", s.Title())
	w.optional("description", s.Description())
	w.str("url", s.Home().Permalink())
	w.str("inLanguage", s.Language())
	w.key("publisher")
	w.b = append(w.b, '{')
	w.str("@id", s.BaseURL()+"#publisher")
	w.end()
	w.end()
}

func newsArticle(w *ldWriter, d Data) {
	p, s := d.Page, d.Site
	w.object("NewsArticle")
	w.str("headline", p.Title())
	w.optional("description", p.Description())
	w.str("datePublished", p.Date().Format(time.RFC3339))
	if lastmod := p.Lastmod(); !lastmod.IsZero() {
		w.str("dateModified", lastmod.Format(time.RFC3339))
	}
	w.key("author")
	if author := p.Author(); author != "" {
		w.object("Person")
		w.str("name", author)
	} else {
		w.object(s.PublisherType())
		w.str("name", s.publisherName())
		w.str("url", s.BaseURL())
	}
	w.end()
	w.key("publisher")
	publisher(w, s, nil)
	image := ""
	if share := p.CoverImage().Share; share != "" {
		image = absoluteURL(share, p.Permalink()) // the 1200-pixel variant Google asks for
	} else if cover := p.Cover(); cover != "" {
		image = absoluteURL(cover, p.Permalink())
	} else if share := s.LogoImage().Share; share != "" {
		image = absoluteURL(share, p.Permalink()) // as og:image: the logo's link-preview variant
	} else {
		image = s.logoURL()
	}
	if image != "" {
		w.key("image")
		w.b = append(w.b, '[')
		w.b = jsonstr.Append(w.b, image)
		w.b = append(w.b, ']')
	}
	w.key("mainEntityOfPage")
	w.object("WebPage")
	w.str("@id", p.Permalink())
	w.end()
	w.str("url", p.Permalink())
	if lang := p.Lang(); lang != "" {
		w.str("inLanguage", lang)
	} else {
		w.str("inLanguage", s.Language())
	}
	if sec := p.SectionPage(); sec != nil {
		w.str("articleSection", sec.Title())
	}
	if tags := p.Tags(); len(tags) > 0 {
		w.key("keywords")
		w.b = append(w.b, '[')
		for i, t := range tags {
			if i > 0 {
				w.b = append(w.b, ',')
			}
			w.b = jsonstr.Append(w.b, t.Name())
		}
		w.b = append(w.b, ']')
	}
	w.end()
}

// breadcrumb is the trail from the home page down to the page, as the
// theme's breadcrumb shows it.
func breadcrumb(w *ldWriter, d Data) {
	w.object("BreadcrumbList")
	w.key("itemListElement")
	w.b = append(w.b, '[')
	for i, a := range append(d.Page.Ancestors(), d.Page) {
		name := a.Title()
		if name == "" {
			name = d.Site.Title() // the home page's, when its _index.md has none
		}
		w.object("ListItem")
		w.num("position", i+1)
		w.str("name", name)
		w.str("item", a.Permalink())
		w.end()
	}
	w.b = append(w.b, ']')
	w.end()
}

// ldWriter writes JSON in order. A key or an object in an array is
// preceded by a comma unless it is the first in its object or array,
// which the last byte written tells.
type ldWriter struct{ b []byte }

// ldWriters keep the buffers of pages written: each page's script is
// copied out of one into its string.
var ldWriters = sync.Pool{New: func() any { return &ldWriter{b: make([]byte, 0, 2048)} }}

func (w *ldWriter) comma() {
	if n := len(w.b); n > 0 && w.b[n-1] != '{' && w.b[n-1] != '[' && w.b[n-1] != ':' {
		w.b = append(w.b, ',')
	}
}

// object opens an object of a schema.org type; end closes it.
func (w *ldWriter) object(typ string) {
	w.comma()
	w.b = append(w.b, '{')
	w.str("@type", typ)
}

func (w *ldWriter) end() { w.b = append(w.b, '}') }

func (w *ldWriter) key(k string) {
	w.comma()
	w.b = jsonstr.Append(w.b, k)
	w.b = append(w.b, ':')
}

func (w *ldWriter) str(k, v string) {
	w.key(k)
	w.b = jsonstr.Append(w.b, v)
}

// optional writes a text that is not empty.
func (w *ldWriter) optional(k, v string) {
	if v != "" {
		w.str(k, v)
	}
}

func (w *ldWriter) num(k string, n int) {
	w.key(k)
	w.b = strconv.AppendInt(w.b, int64(n), 10)
}
