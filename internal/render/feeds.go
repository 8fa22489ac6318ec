package render

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"slices"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/content"
	"github.com/bulletin-ssg/bulletin/internal/site"
)

// DefaultFeedLimit is how many articles a feed carries unless the
// settings' feedLimit says otherwise (0 or less: all).
const DefaultFeedLimit = 20

func feedLimit(s *site.Site) int {
	switch v := s.Params["feedLimit"].(type) {
	case int64:
		return int(v)
	case float64:
		return int(v)
	}
	return DefaultFeedLimit
}

// FeedItems are the articles a list's feeds carry: the newest, as many
// as feedLimit allows.
func FeedItems(s *site.Site, list *site.Page) []*site.Page { return limited(s, list.Pages) }

func limited(s *site.Site, pages []*site.Page) []*site.Page {
	sorted := pages
	if !slices.IsSortedFunc(pages, site.CompareNewer) {
		// Lists put pinned pages first; a feed goes by date alone.
		sorted = append([]*site.Page(nil), pages...)
		site.SortByDate(sorted)
	}
	if n := feedLimit(s); n > 0 && len(sorted) > n {
		sorted = sorted[:n]
	}
	return sorted
}

type rss struct {
	XMLName xml.Name   `xml:"rss"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language,omitempty"`
	LastBuildDate string    `xml:"lastBuildDate,omitempty"`
	Self          atomLink  `xml:"atom:link"`
	Items         []rssItem `xml:"item"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
}

type rssItem struct {
	Title       string        `xml:"title"`
	Link        string        `xml:"link"`
	GUID        rssGUID       `xml:"guid"`
	PubDate     string        `xml:"pubDate"`
	Author      string        `xml:"dc:creator,omitempty"`
	Categories  []string      `xml:"category"`
	Enclosure   *rssEnclosure `xml:"enclosure,omitempty"`
	Description string        `xml:"description"`
}

type rssGUID struct {
	IsPermaLink bool   `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

// rssEnclosure is an article's cover. RSS asks for its length in bytes;
// 0 is what the RSS Advisory Board says to write when it is not known.
type rssEnclosure struct {
	URL    string `xml:"url,attr"`
	Length int    `xml:"length,attr"`
	Type   string `xml:"type,attr"`
}

// feedTitle is a list's feed's title: the site's, after the list's own
// for a section or a term.
func feedTitle(s *site.Site, list *site.Page) string {
	if list.Kind == content.KindHome || list.Title == "" {
		return s.Title
	}
	return list.Title + " - " + s.Title
}

// FullFeeds reports whether a language's feeds carry whole articles
// (feedContent: full) rather than their summaries.
func FullFeeds(s *site.Site) bool {
	return s.Settings != nil && s.Settings.FeedContent == "full"
}

// feedText is what a feed carries of an article: its summary, or with
// feedContent: full the whole article with its URLs made absolute (a
// feed reader shows it away from the site).
func feedText(s *site.Site, p *site.Page) string {
	if !FullFeeds(s) {
		return string(p.Summary)
	}
	p.AwaitContent()
	return absoluteURLs(string(p.Content), p.Permalink)
}

// coverURL is an article's cover as an absolute URL, or "": its
// link-preview variant when it is a photo of the site (a reader gets
// 1200 pixels, not the camera's 4000).
func coverURL(p *site.Page) string {
	if p.CoverImage.Share != "" {
		return absoluteURL(p.CoverImage.Share, p.Permalink)
	}
	if p.Cover == "" {
		return ""
	}
	return absoluteURL(p.Cover, p.Permalink)
}

// Feed renders one of a language's feeds.
func Feed(s *site.Site, f site.Feed) ([]byte, error) {
	switch f.Format {
	case site.Atom:
		return Atom(s, f.List)
	case site.JSONFeed:
		return JSONFeed(s, f.List)
	}
	return RSS(s, f.List)
}

// RSS renders an RSS 2.0 feed of a list's articles (the home page, a
// section or a term).
func RSS(s *site.Site, list *site.Page) ([]byte, error) {
	pages := limited(s, list.Pages)
	ch := rssChannel{
		Title: feedTitle(s, list), Link: list.Permalink, Description: firstNonEmpty(list.Description, s.Description, s.Title),
		Language: s.Language,
		Self:     atomLink{Href: list.Permalink + site.FeedFile, Rel: "self", Type: "application/rss+xml"},
	}
	if len(pages) > 0 {
		ch.LastBuildDate = pages[0].Date.Format(time.RFC1123Z)
	}
	for _, p := range pages {
		item := rssItem{
			Title: p.Title, Link: p.Permalink, GUID: rssGUID{true, p.Permalink},
			PubDate: p.Date.Format(time.RFC1123Z), Author: p.Author, Description: feedText(s, p),
		}
		for _, c := range p.Categories {
			item.Categories = append(item.Categories, c.Name)
		}
		if u := coverURL(p); u != "" {
			item.Enclosure = &rssEnclosure{URL: u, Type: mediaType(u)}
		}
		ch.Items = append(ch.Items, item)
	}
	doc := rss{Channel: ch}
	return encode(doc, `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">`)
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr,omitempty"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  *atomAuthor `xml:"author,omitempty"`
	Entries []atomEntry `xml:"entry"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title      string         `xml:"title"`
	ID         string         `xml:"id"`
	Links      []atomLink     `xml:"link"`
	Published  string         `xml:"published"`
	Updated    string         `xml:"updated"`
	Author     *atomAuthor    `xml:"author,omitempty"`
	Categories []atomCategory `xml:"category"`
	Summary    *atomText      `xml:"summary,omitempty"`
	Content    *atomText      `xml:"content,omitempty"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

type atomText struct {
	Type  string `xml:"type,attr"`
	Value string `xml:",chardata"`
}

// Atom renders an Atom feed of a list's articles.
func Atom(s *site.Site, list *site.Page) ([]byte, error) {
	pages := limited(s, list.Pages)
	feed := atomFeed{
		Lang: s.Language, Title: feedTitle(s, list), ID: list.Permalink,
		Links:  []atomLink{{Href: list.Permalink + site.AtomFile, Rel: "self", Type: "application/atom+xml"}, {Href: list.Permalink, Rel: "alternate", Type: "text/html"}},
		Author: &atomAuthor{Name: publisherName(s)},
	}
	updated := time.Unix(0, 0).UTC()
	full := FullFeeds(s)
	for _, p := range pages {
		if p.Lastmod.After(updated) {
			updated = p.Lastmod
		}
		e := atomEntry{
			Title: p.Title, ID: p.Permalink, Links: []atomLink{{Href: p.Permalink, Rel: "alternate", Type: "text/html"}},
			Published: p.Date.Format(time.RFC3339), Updated: p.Lastmod.Format(time.RFC3339),
		}
		text := &atomText{Type: "html", Value: feedText(s, p)}
		if full {
			e.Content = text
		} else {
			e.Summary = text
		}
		if p.Author != "" {
			e.Author = &atomAuthor{Name: p.Author}
		}
		for _, c := range p.Categories {
			e.Categories = append(e.Categories, atomCategory{Term: c.Name})
		}
		if u := coverURL(p); u != "" {
			e.Links = append(e.Links, atomLink{Href: u, Rel: "enclosure", Type: mediaType(u)})
		}
		feed.Entries = append(feed.Entries, e)
	}
	feed.Updated = updated.Format(time.RFC3339)
	return encode(feed, "")
}

// publisherName is who publishes the site: its company, else its title.
func publisherName(s *site.Site) string {
	return firstNonEmpty(s.Company.Name, s.Title)
}

// jsonFeed is a JSON Feed 1.1 document (jsonfeed.org/version/1.1).
type jsonFeed struct {
	Version     string           `json:"version"`
	Title       string           `json:"title"`
	HomePageURL string           `json:"home_page_url"`
	FeedURL     string           `json:"feed_url"`
	Description string           `json:"description,omitempty"`
	Language    string           `json:"language,omitempty"`
	Authors     []jsonFeedAuthor `json:"authors,omitempty"`
	Items       []jsonFeedItem   `json:"items"`
}

type jsonFeedAuthor struct {
	Name string `json:"name"`
}

type jsonFeedItem struct {
	ID            string           `json:"id"`
	URL           string           `json:"url"`
	Title         string           `json:"title"`
	ContentHTML   string           `json:"content_html"`
	Image         string           `json:"image,omitempty"`
	DatePublished string           `json:"date_published"`
	DateModified  string           `json:"date_modified,omitempty"`
	Authors       []jsonFeedAuthor `json:"authors,omitempty"`
	Tags          []string         `json:"tags,omitempty"`
	Language      string           `json:"language,omitempty"`
}

// JSONFeed renders a JSON Feed 1.1 of a list's articles.
func JSONFeed(s *site.Site, list *site.Page) ([]byte, error) {
	pages := limited(s, list.Pages)
	feed := jsonFeed{
		Version: "https://jsonfeed.org/version/1.1", Title: feedTitle(s, list),
		HomePageURL: list.Permalink, FeedURL: list.Permalink + site.JSONFeedFile,
		Description: firstNonEmpty(list.Description, s.Description), Language: s.Language,
		Authors: []jsonFeedAuthor{{Name: publisherName(s)}},
		Items:   make([]jsonFeedItem, 0, len(pages)),
	}
	for _, p := range pages {
		item := jsonFeedItem{
			ID: p.Permalink, URL: p.Permalink, Title: p.Title, ContentHTML: feedText(s, p),
			Image: coverURL(p), DatePublished: p.Date.Format(time.RFC3339),
		}
		if !p.Lastmod.IsZero() && !p.Lastmod.Equal(p.Date) {
			item.DateModified = p.Lastmod.Format(time.RFC3339)
		}
		if p.Author != "" {
			item.Authors = []jsonFeedAuthor{{Name: p.Author}}
		}
		for _, t := range p.Tags {
			item.Tags = append(item.Tags, t.Name)
		}
		if p.Lang != "" && p.Lang != s.Language {
			item.Language = p.Lang
		}
		feed.Items = append(feed.Items, item)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(feed); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Sitemap renders a sitemap file (a urlset) of the given pages: every
// page of the site, or one part of a sitemap split in parts (see
// site.SitemapParts). It is written directly rather than through
// encoding/xml, whose reflection made it a visible part of a rebuild on
// a large site; TestSitemapMatchesEncoder holds the two to the same
// bytes.
func Sitemap(s *site.Site, pages []*site.Page) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(128 * len(pages))
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"`)
	multilingual := len(s.Languages) > 1
	if multilingual {
		b.WriteString(` xmlns:xhtml="http://www.w3.org/1999/xhtml"`)
	}
	if slices.ContainsFunc(pages, func(p *site.Page) bool { return p.Cover != "" }) {
		b.WriteString(` xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"`)
	}
	b.WriteString(">")
	for _, p := range pages {
		b.WriteString("\n  <url>\n    <loc>")
		if err := xml.EscapeText(&b, []byte(p.Permalink)); err != nil {
			return nil, err
		}
		b.WriteString("</loc>")
		if t := lastmod(p); !t.IsZero() {
			b.WriteString("\n    <lastmod>")
			b.WriteString(t.Format(time.RFC3339))
			b.WriteString("</lastmod>")
		}
		if multilingual && len(p.Translations) > 0 {
			// Every version, this one too, and the default language's as
			// x-default: as the pages' heads list them.
			def := s.Languages[0].Language
			versions := append([]*site.Page{p}, p.Translations...)
			for _, v := range versions {
				writeAlternate(&b, v.Lang, v.Permalink)
			}
			for _, v := range versions {
				if v.Lang == def {
					writeAlternate(&b, "x-default", v.Permalink)
				}
			}
		}
		if u := coverURL(p); u != "" {
			b.WriteString("\n    <image:image>\n      <image:loc>")
			_ = xml.EscapeText(&b, []byte(u)) // a bytes.Buffer does not fail
			b.WriteString("</image:loc>\n    </image:image>")
		}
		b.WriteString("\n  </url>")
	}
	b.WriteString("\n</urlset>\n")
	return b.Bytes(), nil
}

// SitemapIndex renders sitemap.xml of a sitemap split in parts (see
// site.SitemapParts): the index of its files, each with the newest
// lastmod of its pages.
func SitemapIndex(s *site.Site, parts [][]*site.Page) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	for i, part := range parts {
		b.WriteString("\n  <sitemap>\n    <loc>")
		_ = xml.EscapeText(&b, []byte(s.BaseURL+site.SitemapPartFile(i)))
		b.WriteString("</loc>")
		var newest time.Time
		for _, p := range part {
			if t := lastmod(p); t.After(newest) {
				newest = t
			}
		}
		if !newest.IsZero() {
			b.WriteString("\n    <lastmod>" + newest.Format(time.RFC3339) + "</lastmod>")
		}
		b.WriteString("\n  </sitemap>")
	}
	b.WriteString("\n</sitemapindex>\n")
	return b.Bytes()
}

// writeAlternate writes a sitemap's link to a page's version in a
// language.
func writeAlternate(b *bytes.Buffer, lang, href string) {
	b.WriteString("\n    <xhtml:link rel=\"alternate\" hreflang=\"")
	_ = xml.EscapeText(b, []byte(lang)) // a bytes.Buffer does not fail
	b.WriteString("\" href=\"")
	_ = xml.EscapeText(b, []byte(href))
	b.WriteString("\"/>")
}

// lastmod is when a page last changed: its own date, else the newest of
// the pages it lists (directly, or through its terms).
func lastmod(p *site.Page) time.Time {
	if !p.Lastmod.IsZero() {
		return p.Lastmod
	}
	t := newest(p.Pages)
	for _, term := range p.Terms {
		if n := newest(term.Pages); n.After(t) {
			t = n
		}
	}
	return t
}

func newest(pages []*site.Page) time.Time {
	var t time.Time
	for _, p := range pages {
		if p.Lastmod.After(t) {
			t = p.Lastmod
		}
	}
	return t
}

// encode writes an XML document; open, when set, replaces the root's
// opening tag (encoding/xml cannot declare extra namespaces itself).
func encode(v any, open string) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	out := buf.Bytes()
	if open != "" {
		start := len(xml.Header)
		end := bytes.IndexByte(out[start:], '>') + start + 1
		out = append(append([]byte(xml.Header+open), out[end:]...), '\n')
		return out, nil
	}
	return append(out, '\n'), nil
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
