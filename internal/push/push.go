// Package push tells search engines which pages of a deployed site are
// new or changed since the last push: it works out the pages from a
// finished build's output, keeps a record of what each search engine
// accepted, and submits the rest to Baidu's link submission API and to
// IndexNow.
//
// What users rely on:
//   - the pages submitted are those the output's sitemap lists, which is
//     bulletin's own list of what a search engine should index: never a
//     404 page, an alias's redirect page, the page that sends a visitor to
//     a language, a list's later pages, a feed or any other file;
//   - a page goes to a service again only when its file's sum in the
//     output's manifest differs from the one recorded when that service
//     last accepted it; each service is recorded apart, so one that was
//     down or refused gets the pages the next time;
//   - Baidu is sent no more URLs than the daily quota it reports has
//     left, the newest pages first; the others wait for the next push;
//   - a request that failed on the network, was refused as too many or
//     met a server error is tried again after a growing wait; one the
//     service refused for any other reason is not.
//
// It must never submit a URL that is not under the site's base URL,
// record a URL as accepted that the service did not accept, write
// anything but its record (under the site's .bulletin/ folder, replaced
// whole), or show a service's token in a message. It reads the output
// and never changes it; it does not decide whether to send (a dry run is
// the caller's) or what the exit status is.
package push

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/output"
	"github.com/bulletin-ssg/bulletin/internal/site"
)

// Page is a page of the output that search engines should know.
type Page struct {
	URL     string    // absolute, as the sitemap lists it (percent-encoded)
	File    string    // its file in the output: "news/launch/index.html"
	Sum     string    // the file's sum in the output's manifest
	Lastmod time.Time // the sitemap's lastmod; zero when it has none
}

// Output is what push reads of a finished build.
type Output struct {
	Pages []Page // newest first
	files map[string]output.Entry
}

// Lists reports whether the build wrote the file rel into the output.
func (o *Output) Lists(rel string) bool {
	_, ok := o.files[rel]
	return ok
}

// ReadOutput reads the finished build in fsys (the output folder) made
// for the base URL base (absolute, ending in "/", as the settings
// normalise it): its manifest, and from its sitemap the pages to submit.
func ReadOutput(fsys fs.FS, base string) (*Output, error) {
	m, err := output.ManifestOf(fsys)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no %s: build the site first", output.ManifestFile)
	}
	if err != nil {
		return nil, err
	}
	entries, err := readSitemap(fsys, m.Files, base)
	if err != nil {
		return nil, err
	}
	out := &Output{files: m.Files}
	seen := map[string]bool{}
	for _, e := range entries {
		file, err := pageFile(e.loc, base)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", e.in, err)
		}
		if !isHTML(file) || seen[e.loc] {
			continue // a page a site wrote as .xml or .json is no page to submit
		}
		seen[e.loc] = true
		entry, ok := m.Files[file]
		if !ok {
			return nil, fmt.Errorf("%s lists %s, but the manifest has no %s: build the site again", e.in, e.loc, file)
		}
		if entry.Sum == "" {
			// An earlier bulletin's manifest: no sum tells whether the
			// page changed.
			return nil, fmt.Errorf("the manifest has no sum for %s: build the site again", file)
		}
		out.Pages = append(out.Pages, Page{URL: e.loc, File: file, Sum: entry.Sum, Lastmod: e.lastmod})
	}
	slices.SortStableFunc(out.Pages, func(a, b Page) int { return b.Lastmod.Compare(a.Lastmod) })
	return out, nil
}

type sitemapEntry struct {
	loc     string
	lastmod time.Time
	in      string // the sitemap file that lists it
}

// sitemapDoc is a sitemap file: a urlset, or the index of the files of
// a sitemap split in parts.
type sitemapDoc struct {
	XMLName xml.Name
	URLs    []struct {
		Loc     string `xml:"loc"`
		Lastmod string `xml:"lastmod"`
	} `xml:"url"`
	Sitemaps []struct {
		Loc string `xml:"loc"`
	} `xml:"sitemap"`
}

// readSitemap returns the URLs the output's sitemap lists, with their
// lastmod, in its order: those of sitemap.xml, or of each of its parts
// when it is their index. Every file it reads must be the build's.
func readSitemap(fsys fs.FS, files map[string]output.Entry, base string) ([]sitemapEntry, error) {
	doc, err := readSitemapFile(fsys, files, site.SitemapFile)
	if err != nil {
		return nil, err
	}
	if doc.XMLName.Local == "urlset" {
		return doc.entries(site.SitemapFile), nil
	}
	var entries []sitemapEntry
	for _, s := range doc.Sitemaps {
		part, err := pageFile(strings.TrimSpace(s.Loc), base)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", site.SitemapFile, err)
		}
		pdoc, err := readSitemapFile(fsys, files, part)
		if err != nil {
			return nil, err
		}
		if pdoc.XMLName.Local != "urlset" {
			return nil, fmt.Errorf("%s: a part of the sitemap that is no urlset", part)
		}
		entries = append(entries, pdoc.entries(part)...)
	}
	return entries, nil
}

func readSitemapFile(fsys fs.FS, files map[string]output.Entry, name string) (*sitemapDoc, error) {
	if _, ok := files[name]; !ok {
		return nil, fmt.Errorf("the manifest lists no %s: build the site again", name)
	}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	var doc sitemapDoc
	if err := xml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if l := doc.XMLName.Local; l != "urlset" && l != "sitemapindex" {
		return nil, fmt.Errorf("%s: <%s>, not a sitemap's <urlset> or <sitemapindex>", name, l)
	}
	return &doc, nil
}

// entries are the URLs of the urlset in, in its order.
func (doc *sitemapDoc) entries(in string) []sitemapEntry {
	out := make([]sitemapEntry, 0, len(doc.URLs))
	for _, u := range doc.URLs {
		e := sitemapEntry{loc: strings.TrimSpace(u.Loc), in: in}
		if t, err := time.Parse(time.RFC3339, strings.TrimSpace(u.Lastmod)); err == nil {
			e.lastmod = t
		}
		out = append(out, e)
	}
	return out
}

// pageFile is the output file that serves the page at loc, a URL under
// base: "news/x/index.html" for base+"news/x/", "index.html" for base.
func pageFile(loc, base string) (string, error) {
	rel, ok := strings.CutPrefix(loc, base)
	if !ok {
		return "", fmt.Errorf("%s is not under the base URL %s: the output was built for another base URL (build and push must be given the same one)", loc, base)
	}
	rel, err := url.PathUnescape(rel)
	if err != nil {
		return "", fmt.Errorf("%s: %w", loc, err)
	}
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	if !fs.ValidPath(rel) || rel == "." {
		return "", fmt.Errorf("%s: no file of the output", loc)
	}
	return rel, nil
}

func isHTML(file string) bool {
	ext := strings.ToLower(path.Ext(file))
	return ext == ".html" || ext == ".htm"
}

// URLs returns the pages' URLs, in their order.
func URLs(pages []Page) []string {
	out := make([]string, len(pages))
	for i, p := range pages {
		out[i] = p.URL
	}
	return out
}

// byURL finds pages by their URL.
func byURL(pages []Page) map[string]Page {
	m := make(map[string]Page, len(pages))
	for _, p := range pages {
		m[p.URL] = p
	}
	return m
}
