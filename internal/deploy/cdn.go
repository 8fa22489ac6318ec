package deploy

import (
	"context"
	"net/url"
	"strings"
)

// Purger refreshes a CDN's cache of URLs after a deploy.
type Purger interface {
	// Purge refreshes urls, all under base (the site's base URL); it
	// may refresh all of base instead.
	Purge(ctx context.Context, base string, urls []string) error
}

// PurgeURLs are the URLs a CDN must fetch afresh after the plan: those of
// every file uploaded or deleted (a new file's too: a CDN may have kept
// its 404), each page also at its folder's URL ("news/a/" for
// "news/a/index.html"), under base (absolute, ending in "/").
func PurgeURLs(base string, p *Plan) []string {
	var urls []string
	add := func(rel string) {
		u := base + escapePath(rel)
		if dir, ok := strings.CutSuffix(rel, "index.html"); ok && (dir == "" || strings.HasSuffix(dir, "/")) {
			urls = append(urls, base+escapePath(dir))
		}
		urls = append(urls, u)
	}
	for _, u := range p.Uploads {
		add(u.Rel)
	}
	for _, rel := range p.Deletes {
		add(rel)
	}
	return urls
}

// escapePath percent-encodes each segment of rel as a URL's path.
func escapePath(rel string) string {
	segs := strings.Split(rel, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}
