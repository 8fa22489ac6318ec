package render

import (
	"encoding/json"
	"html/template"
	"strings"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/content"
)

// StructuredData is a page's schema.org data as a JSON-LD script element
// (<script type="application/ld+json">): NewsArticle and its breadcrumb on
// an article, the publishing Organization and the WebSite on the home
// page, a breadcrumb on a section. It reads the page through the views
// (what it reads is recorded as a template's reads are). encoding/json
// escapes <, > and & in every string, so no title, author or description
// can end the script; the element is written whole here, so templates
// place it as HTML and never in a script's context. A page it describes
// nothing of gives "".
func StructuredData(dot any) (template.HTML, error) {
	d, ok := dot.(Data)
	if !ok || d.Page == nil || d.Site == nil {
		return "", nil
	}
	var graph []any
	switch d.Page.Kind() {
	case content.KindArticle:
		graph = append(graph, newsArticle(d), breadcrumb(d))
	case content.KindHome:
		if d.Paginator != nil && d.Paginator.PageNumber() > 1 {
			return "", nil // the site is described once, on its first page
		}
		graph = append(graph, organization(d.Site), webSite(d.Site))
	case content.KindSection:
		graph = append(graph, breadcrumb(d))
	default:
		return "", nil
	}
	data, err := json.Marshal(map[string]any{"@context": "https://schema.org", "@graph": graph})
	if err != nil {
		return "", err
	}
	return template.HTML(`<script type="application/ld+json">` + string(data) + `</script>`), nil
}

type object = map[string]any

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
// publisher and the home page's subject.
func publisher(s *SiteView) object {
	o := object{"@type": s.PublisherType(), "@id": s.BaseURL() + "#publisher", "name": s.publisherName(), "url": s.BaseURL()}
	if logo := s.logoURL(); logo != "" {
		o["logo"] = object{"@type": "ImageObject", "url": logo}
	}
	return o
}

func organization(s *SiteView) object {
	o := publisher(s)
	c := s.Company()
	if c.Address != "" {
		o["address"] = object{"@type": "PostalAddress", "streetAddress": c.Address}
	}
	if c.Phone != "" {
		o["telephone"] = c.Phone
	}
	if c.Email != "" {
		o["email"] = c.Email
	}
	return o
}

func webSite(s *SiteView) object {
	o := object{"@type": "WebSite", "name": s.Title(), "url": s.Home().Permalink(), "inLanguage": s.Language(),
		"publisher": object{"@id": s.BaseURL() + "#publisher"}}
	if desc := s.Description(); desc != "" {
		o["description"] = desc
	}
	return o
}

func newsArticle(d Data) object {
	p, s := d.Page, d.Site
	o := object{
		"@type":            "NewsArticle",
		"headline":         p.Title(),
		"datePublished":    p.Date().Format(time.RFC3339),
		"mainEntityOfPage": object{"@type": "WebPage", "@id": p.Permalink()},
		"url":              p.Permalink(),
		"publisher":        publisher(s),
	}
	if lastmod := p.Lastmod(); !lastmod.IsZero() {
		o["dateModified"] = lastmod.Format(time.RFC3339)
	}
	if author := p.Author(); author != "" {
		o["author"] = object{"@type": "Person", "name": author}
	} else {
		o["author"] = object{"@type": s.PublisherType(), "name": s.publisherName(), "url": s.BaseURL()}
	}
	if lang := p.Lang(); lang != "" {
		o["inLanguage"] = lang
	} else {
		o["inLanguage"] = s.Language()
	}
	if desc := p.Description(); desc != "" {
		o["description"] = desc
	}
	if cover := p.Cover(); cover != "" {
		o["image"] = []string{absoluteURL(cover, p.Permalink())}
	} else if logo := s.logoURL(); logo != "" {
		o["image"] = []string{logo}
	}
	if sec := p.SectionPage(); sec != nil {
		o["articleSection"] = sec.Title()
	}
	var keywords []string
	for _, t := range p.Tags() {
		keywords = append(keywords, t.Name())
	}
	if len(keywords) > 0 {
		o["keywords"] = keywords
	}
	return o
}

// breadcrumb is the trail from the home page down to the page, as the
// theme's breadcrumb shows it.
func breadcrumb(d Data) object {
	trail := append(d.Page.Ancestors(), d.Page)
	items := make([]any, 0, len(trail))
	for i, a := range trail {
		name := a.Title()
		if name == "" {
			name = d.Site.Title() // the home page's, when its _index.md has none
		}
		items = append(items, object{"@type": "ListItem", "position": i + 1, "name": name, "item": a.Permalink()})
	}
	return object{"@type": "BreadcrumbList", "itemListElement": items}
}
