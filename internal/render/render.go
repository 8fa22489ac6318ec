// Package render turns the site graph into bytes: HTML pages through the
// theme, RSS and Atom feeds, the sitemap, robots.txt and alias redirects.
//
// It writes nothing to disk; the build hands its bytes to output. Every
// function is pure over its inputs, so pages render in parallel and two
// runs give identical bytes. It imports site and theme.
package render

import (
	"bytes"
	"fmt"
	"html"

	"github.com/bulletin-ssg/bulletin/internal/site"
	"github.com/bulletin-ssg/bulletin/internal/theme"
)

// Data is the dot of every template: .Site, .Page and .Paginator (nil on
// pages that are not lists).
//
// A full build hands templates the graph itself (*site.Site, *site.Page,
// *site.Paginator): field access is the fastest text/template has. A
// rebuild that records what templates read hands them views whose
// methods have the same names and results (view.go); the session tests
// prove both shapes render the same bytes.
type Data struct {
	Site      any
	Page      any
	Paginator any
	rec       *Recorder
}

// ReadLog is theme.Recorded: partialCached notes what a partial it serves
// read.
func (d Data) ReadLog() theme.ReadLog { return d.rec.readLog() }

// Page renders one HTML page (a list page: one page of its pagination)
// with its kind's template, appending to buf (a build reuses its buffers).
// rec, when not nil, records what the templates read.
func Page(buf *bytes.Buffer, th *theme.Theme, s *site.Site, p *site.Page, pager *site.Paginator, rec *Recorder) error {
	data := Data{Site: s, Page: p}
	if pager != nil {
		data.Paginator = pager
	}
	if rec != nil {
		data = Data{Site: &SiteView{s, rec}, Page: &PageView{p, rec}, rec: rec}
		if pager != nil {
			data.Paginator = &PaginatorView{owner: p, pg: pager, rec: rec}
		}
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
