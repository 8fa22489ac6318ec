package site

// SetSitemapLimits lowers the sizes a sitemap is split at, for a test;
// the returned function puts them back.
func SetSitemapLimits(urls, bytes int) (restore func()) {
	old := sitemapLimits
	sitemapLimits.urls, sitemapLimits.bytes = urls, bytes
	return func() { sitemapLimits = old }
}

// SetRelatedWindow changes how many of a term's newest articles related
// articles are looked for among, for a test; the returned function puts
// it back.
func SetRelatedWindow(n int) (restore func()) {
	old := relatedWindow
	relatedWindow = n
	return func() { relatedWindow = old }
}

// SameRelatedLists reports whether two graphs hold one memo's lists of
// related articles: the later took the earlier's as they were.
func SameRelatedLists(a, b *Site) bool {
	return a.related != nil && b.related != nil && len(a.related.found) > 0 &&
		&a.related.found[0] == &b.related.found[0]
}
