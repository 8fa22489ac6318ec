package site

// SetSitemapLimits lowers the sizes a sitemap is split at, for a test;
// the returned function puts them back.
func SetSitemapLimits(urls, bytes int) (restore func()) {
	old := sitemapLimits
	sitemapLimits.urls, sitemapLimits.bytes = urls, bytes
	return func() { sitemapLimits = old }
}
