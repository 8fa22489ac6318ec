// Package render turns the site graph into bytes: HTML pages through the
// theme, RSS and Atom feeds, the sitemap, robots.txt and alias redirects.
//
// It writes nothing to disk; the build hands its bytes to output. Every
// function is pure over its inputs, so pages render in parallel and two
// runs give identical bytes.
package render

import (
	"bytes"
	"fmt"
	"html"

	"github.com/bulletin-ssg/bulletin/internal/site"
	"github.com/bulletin-ssg/bulletin/internal/theme"
)

// Data is the dot of every template: .Site, .Page and .Paginator (nil on
// pages that are not lists). Templates always see the graph through
// views (view.go), whatever the build: the fields a template may read
// are the views' and nothing else, in a build from scratch as in a
// rebuild that records what each page read.
type Data struct {
	Site      *SiteView
	Page      *PageView
	Paginator *PaginatorView
	rec       *Recorder
}

// ReadLog is theme.Recorded: partialCached notes what a partial it serves
// read.
func (d Data) ReadLog() theme.ReadLog { return d.rec.readLog() }

// ReadSubject is theme.Recorded: the dot stands for its page.
func (d Data) ReadSubject() string { return d.Page.p.Path }

// Page renders one HTML page (a list page: one page of its pagination)
// with its kind's template, appending to buf (a build reuses its buffers).
// rec, when not nil, records what the templates read.
func Page(buf *bytes.Buffer, th *theme.Theme, s *site.Site, p *site.Page, pager *site.Paginator, rec *Recorder) error {
	if l := p.LanguageSite(); l != nil {
		s = l // .Site is the site of the page's language
	}
	data := Data{Site: &SiteView{s, rec}, Page: &PageView{p, rec}, rec: rec}
	if pager != nil {
		data.Paginator = &PaginatorView{owner: p, pg: pager, rec: rec}
	}
	if err := th.Execute(buf, p.Kind, p.Section, p.Layout, data); err != nil {
		where := p.File
		if where == "" {
			where = p.Path
		}
		return fmt.Errorf("%s: %w", where, err)
	}
	return nil
}

// Alias renders the redirect page that stands at an old path.
func Alias(a site.Alias) []byte {
	target := html.EscapeString(a.Target.Permalink)
	return []byte(`<!doctype html>
<html lang="` + html.EscapeString(a.Target.Lang) + `">
<head>
<meta charset="utf-8">
<title>` + html.EscapeString(a.Target.Title) + `</title>
<link rel="canonical" href="` + target + `">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url=` + target + `">
</head>
<body><p><a href="` + target + `">` + html.EscapeString(a.Target.Title) + `</a></p></body>
</html>
`)
}

// Robots renders robots.txt, pointing crawlers at the sitemap.
func Robots(s *site.Site) []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + s.BaseURL + site.SitemapFile + "\n")
}
