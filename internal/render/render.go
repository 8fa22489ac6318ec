// Package render turns the site graph into bytes: HTML pages through the
// theme, RSS and Atom feeds, the sitemap, robots.txt and alias redirects.
//
// It writes nothing to disk; the build hands its bytes to output. Every
// function is pure over its inputs, so pages render in parallel and two
// runs give identical bytes.
package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"strings"

	"github.com/bulletin-ssg/bulletin/internal/minify"
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
	start := buf.Len()
	where := p.File
	if where == "" {
		where = p.Path
	}
	if err := th.Execute(buf, p.Kind, p.Section, p.Layout, data); err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	if s.Settings != nil && s.Settings.Minify {
		min, err := minify.File("page.html", buf.Bytes()[start:])
		if err != nil {
			return fmt.Errorf("%s: minifying its page: %w", where, err)
		}
		buf.Truncate(start)
		buf.Write(min)
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

// LanguageChoice renders the page at / of a site whose languages are
// all under their tags: it sends the visitor to the home page of the
// language they prefer (navigator.languages) among the site's, else of
// the default language, and lists every language for a visitor without
// scripts.
func LanguageChoice(s *site.Site) []byte {
	def := s.Languages[0]
	var b strings.Builder
	esc := html.EscapeString
	b.WriteString("<!doctype html>\n<html lang=\"" + esc(def.Language) + "\">\n<head>\n<meta charset=\"utf-8\">\n")
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	b.WriteString("<title>" + esc(def.Title) + "</title>\n")
	// Search engines take the default language's home for this page; the
	// homes list their versions themselves.
	b.WriteString("<link rel=\"canonical\" href=\"" + esc(def.Home.Permalink) + "\">\n")
	// The script runs before the refresh: a visitor whose browser prefers
	// one of the site's languages goes there, any other to the default.
	homes := map[string]string{}
	tags := make([]string, len(s.Languages))
	for i, l := range s.Languages {
		tags[i] = strings.ToLower(l.Language)
		homes[tags[i]] = l.Home.RelPermalink
	}
	data, _ := json.Marshal(struct {
		Tags  []string          `json:"tags"`
		Homes map[string]string `json:"homes"`
	}{tags, homes})
	b.WriteString("<script>(function(){var s=" + strings.ReplaceAll(string(data), "</", "<\\/") +
		";var p=navigator.languages||[navigator.language||\"\"];for(var i=0;i<p.length;i++){var t=String(p[i]).toLowerCase();" +
		"for(var j=0;j<s.tags.length;j++){var u=s.tags[j];if(t===u||t.split(\"-\")[0]===u||u.split(\"-\")[0]===t){location.replace(s.homes[u]);return}}}" +
		"location.replace(s.homes[s.tags[0]])})();</script>\n")
	b.WriteString("<meta http-equiv=\"refresh\" content=\"0; url=" + esc(def.Home.RelPermalink) + "\">\n")
	b.WriteString("</head>\n<body>\n<ul>\n")
	for _, l := range s.Languages {
		b.WriteString("<li><a href=\"" + esc(l.Home.RelPermalink) + "\" hreflang=\"" + esc(l.Language) + "\" lang=\"" + esc(l.Language) + "\">" +
			esc(l.Words().LanguageName(l.Language)) + "</a></li>\n")
	}
	b.WriteString("</ul>\n</body>\n</html>\n")
	return []byte(b.String())
}

// Robots renders robots.txt, pointing crawlers at the sitemap.
func Robots(s *site.Site) []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + s.BaseURL + site.SitemapFile + "\n")
}
