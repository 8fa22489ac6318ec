// Package linkcheck asks other web sites whether the links a site makes
// to them still lead somewhere: what `bulletin check --external` reports.
// It takes URLs and says of each whether it answered, redirected, was
// rate-limited or is broken; where the links stand in the site is
// package check's business, not this one's.
//
// How it asks, which the sites it asks rely on:
//
//   - Each URL is asked once per run, however many pages link to it
//     (its #fragment is never sent, so links that differ only there are
//     one URL).
//   - HEAD first. Many servers mishandle HEAD, so a HEAD answered with
//     400, 403, 404, 405 or 501 is asked again with GET, of whose body
//     at most a few KB are read before the connection is closed.
//   - At most PerHost requests at once to one host (and port), Total in
//     all; each request has a timeout; the User-Agent names bulletin.
//   - Redirects are followed, at most MaxRedirects of them: a URL that
//     redirects to one that answers is Redirected (the author should
//     link to where it leads); a loop, or more redirects than that, is
//     Broken.
//   - An answer of 429 Too Many Requests is RateLimited: the link may be
//     fine, and the server asks to be left alone.
//   - Any other answer of 400 or more, and every network failure (no
//     such host, refused, TLS, no answer within the timeout), is Broken.
//
// A Cache keeps the URLs that answered or redirected for a day
// (Fresh), so a CI job run many times a day asks each site once. It keeps
// no failure: a link fixed since, or a site that was down for a minute,
// is asked again on the next run.
//
// It must never send anything but HEAD and GET, without a body or
// cookies; never ask anything unless the author asked for external
// links to be checked; never fail a run because its cache file is
// missing, cut short or not its own (such a file is ignored and written
// anew); and never leave that file half written.
package linkcheck

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Limits of a Checker whose fields leave them unset.
const (
	DefaultTimeout = 10 * time.Second
	DefaultPerHost = 2
	DefaultTotal   = 16
	// MaxRedirects is the number of redirects followed from one URL.
	MaxRedirects = 10
)

// Verdict is what became of a URL.
type Verdict int

const (
	OK          Verdict = iota // answered
	Redirected                 // answered at another URL: Result.Final
	RateLimited                // answered 429 Too Many Requests
	Broken                     // an answer of 400 or more, a network error, a redirect loop
)

// Result is what one URL's check found.
type Result struct {
	Verdict Verdict
	// Status is the HTTP status of the last answer; 0 when none came.
	Status int
	// Redirect is the status of the first redirect, when there were
	// redirects; Final is the URL they led to, whose answer (or failure)
	// the result is, unless they went round in a loop or on too long.
	Redirect int
	Final    string
	// Err says what went wrong when no answer ended the check: a network
	// error, a timeout, a redirect loop.
	Err string
	// Cached says the result is the Cache's, from an earlier run.
	Cached bool
}

// Checker checks URLs. Its zero value is ready to use.
type Checker struct {
	// Client sends the requests (nil: a client of the checker's own). The
	// checker follows redirects itself, whatever the client's policy.
	Client *http.Client
	// Timeout bounds each request, reading its answer included.
	Timeout time.Duration
	// PerHost and Total bound the requests in flight to one host and in
	// all.
	PerHost, Total int
	// UserAgent names the checker to the sites it asks.
	UserAgent string
	// Cache, when set, answers for URLs checked fine within a day, and
	// keeps what this run finds fine.
	Cache *Cache
	// Now is the clock the Cache is read and written by (nil: time.Now).
	Now func() time.Time
}

// Check asks about each URL once, at most PerHost at a time to one host,
// and returns the results by the URLs as given. A URL that is not http
// or https is Broken. Check returns when every URL has its result; when
// ctx ends, those not yet asked are Broken with ctx's error.
func (c *Checker) Check(ctx context.Context, urls []string) map[string]Result {
	index := map[string]int{} // of each key in keys
	var keys []string
	for _, u := range urls {
		k := Key(u)
		if _, ok := index[k]; !ok {
			index[k] = len(keys)
			keys = append(keys, k)
		}
	}
	results := make([]Result, len(keys))
	r := c.runner()
	var wg sync.WaitGroup
	for i, k := range keys {
		if res, ok := c.Cache.get(k, c.now()); ok {
			results[i] = res
			continue
		}
		wg.Go(func() {
			results[i] = r.check(ctx, k)
			if ctx.Err() == nil {
				c.Cache.put(k, results[i], c.now())
			}
		})
	}
	wg.Wait()
	out := make(map[string]Result, len(urls))
	for _, u := range urls {
		out[u] = results[index[Key(u)]]
	}
	return out
}

// Key is the URL that is asked for u: u without its #fragment, which a
// browser never sends.
func Key(u string) string {
	k, _, _ := strings.Cut(u, "#")
	return k
}

// IsExternal reports whether dest is a URL this package checks: http or
// https, with a host. (A link that starts with // is another site too,
// but its scheme is the page's: check asks it as https.)
func IsExternal(dest string) bool {
	u, err := url.Parse(dest)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

func (c *Checker) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}
