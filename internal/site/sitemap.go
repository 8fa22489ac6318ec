package site

import (
	"strconv"
	"unicode/utf8"

	"github.com/bulletin-ssg/bulletin/internal/diag"
)

// The most a sitemap file may hold (sitemaps.org): past either, the
// sitemap becomes an index of numbered files.
const (
	MaxSitemapURLs  = 50_000
	MaxSitemapBytes = 50 << 20 // 52,428,800 bytes, uncompressed
)

// sitemapLimits are the limits SitemapParts splits by; tests lower them.
var sitemapLimits = struct{ urls, bytes int }{MaxSitemapURLs, MaxSitemapBytes}

// SitemapPartFile is the output path of the i-th (from 0) file of a
// sitemap split in parts.
func SitemapPartFile(i int) string { return "sitemap-" + strconv.Itoa(i+1) + ".xml" }

// SitemapPages are the pages a sitemap lists: every page but the 404
// page and the search page (nothing to find there without a query), of
// every language.
func (site *Site) SitemapPages() []*Page {
	all := site.AllPages()
	out := make([]*Page, 0, len(all))
	for _, p := range all {
		if p.Kind != Kind404 && p.Kind != KindSearch {
			out = append(out, p)
		}
	}
	return out
}

// SitemapParts are the sitemap's pages in the files it is written as:
// one (sitemap.xml itself) unless they pass the limits, else as many as
// they need, sitemap.xml then being their index.
func (site *Site) SitemapParts() [][]*Page { return site.sitemapParts }

// splitSitemap decides SitemapParts where every output is claimed, from
// a bound on each entry's size that the written entry never exceeds
// (TestSitemapSplit holds the two together).
func (site *Site) splitSitemap() [][]*Page {
	var parts [][]*Page
	var cur []*Page
	size := sitemapHeadBytes
	for _, p := range site.SitemapPages() {
		n := SitemapEntryBound(p)
		if len(cur) == sitemapLimits.urls || (len(cur) > 0 && size+n > sitemapLimits.bytes) {
			parts = append(parts, cur)
			cur, size = nil, sitemapHeadBytes
		}
		cur = append(cur, p)
		size += n
	}
	return append(parts, cur)
}

// sitemapHeadBytes bounds a sitemap file's bytes besides its entries
// (the XML declaration, the urlset element and its namespaces).
const sitemapHeadBytes = 512

// SitemapEntryBound is the most bytes a page's sitemap entry can take:
// fixed markup, its URL, its date, its versions in other languages and
// its cover, each text at its longest once escaped.
func SitemapEntryBound(p *Page) int {
	const (
		entry     = 64  // <url>, <loc>, <lastmod> and its date, their line breaks
		alternate = 64  // one <xhtml:link rel="alternate" hreflang="" href=""/>
		image     = 80  // <image:image><image:loc></image:loc></image:image>
		zone      = 40  // a date in RFC 3339, generously
		xDefault  = 10  // "x-default"
		margin    = 128 // spare
	)
	n := entry + zone + escapedBound(p.Permalink) + margin
	if len(p.Translations) > 0 {
		n += (alternate + escapedBound(p.Lang) + escapedBound(p.Permalink)) * 2 // itself, and as x-default
		for _, v := range p.Translations {
			n += (alternate + escapedBound(v.Lang) + escapedBound(v.Permalink)) * 2
		}
		n += xDefault
	}
	if p.Cover != "" {
		n += image + escapedBound(p.Cover) + len(p.Permalink) // a relative cover is made absolute
	}
	return n
}

// escapedBound is the longest s can be once escaped as XML text: an
// escaped character takes at most six bytes (&#x9;), and a byte of
// invalid UTF-8 becomes U+FFFD (three).
func escapedBound(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '&' || c == '<' || c == '>' || c == '"' || c == '\'' || c < 0x20:
			n += 6
		case c >= utf8.RuneSelf:
			n += 3
		default:
			n++
		}
	}
	return n
}

// claimSitemapParts splits the sitemap and claims the numbered files of a
// sitemap in parts (sitemap.xml is claimed with the fixed outputs). It
// runs once every page's translations are linked: they are part of an
// entry's size.
func (site *Site) claimSitemapParts() []error {
	site.sitemapParts = site.splitSitemap()
	if len(site.sitemapParts) < 2 {
		return nil
	}
	var errs []error
	for i := range site.sitemapParts {
		f := SitemapPartFile(i)
		c := claim{owner: "bulletin's " + f}
		if prev, taken := site.outputs[f]; taken {
			if e := prev.err("output " + f + " is also written by bulletin's sitemap"); e != nil {
				errs = append(errs, e)
			} else {
				errs = append(errs, diag.At("", 0, 0, "output %s is written by both %s and bulletin's sitemap", f, prev.name()))
			}
			continue
		}
		site.outputs[f] = c
	}
	return errs
}
