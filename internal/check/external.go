package check

import (
	"context"
	"fmt"
	"strings"

	"github.com/bulletin-ssg/bulletin/internal/linkcheck"
	"github.com/bulletin-ssg/bulletin/internal/site"
)

// External checks with lc the links and images that lead to other
// sites: the http and https URLs of the places the site's own links are
// found in (a URL that starts with // is asked as https). Each URL is
// asked once, and each finding about it stands at every place that
// names it:
//
//	error    broken-external-link  an answer of 400 or more, a network
//	                               error, a redirect loop
//	warning  redirect              it answers at another URL, the one
//	                               to link to
//	warning  rate-limited          429: the site would not say, this time
//
// It returns the findings, sorted, and the results by URL.
func External(ctx context.Context, s *site.Site, lc *linkcheck.Checker) ([]Finding, map[string]linkcheck.Result) {
	var found []place
	var urls []string
	places(s, func(pl place) {
		if u := externalURL(pl.dest); u != "" {
			found = append(found, pl)
			urls = append(urls, u)
		}
	})
	if len(urls) == 0 {
		return nil, nil
	}
	results := lc.Check(ctx, urls)
	var out []Finding
	for i, pl := range found {
		if f, ok := externalFinding(pl, results[urls[i]]); ok {
			out = append(out, f)
		}
	}
	Sort(out)
	return out, results
}

// externalURL is the URL asked for a link or image, or "" for one that
// stays in the site (or is no web address: mailto:, tel:).
func externalURL(dest string) string {
	if strings.HasPrefix(dest, "//") {
		dest = "https:" + dest
	}
	if !linkcheck.IsExternal(dest) {
		return ""
	}
	return dest
}

func externalFinding(pl place, r linkcheck.Result) (Finding, bool) {
	what := "link"
	if pl.image {
		what = "image"
	}
	f := Finding{File: pl.file, Line: pl.line, Column: pl.col}
	switch r.Verdict {
	case linkcheck.Redirected:
		f.Severity, f.Code = Warning, "redirect"
		f.Message = fmt.Sprintf("%s %q redirects (%s) to %q: link there instead", what, pl.dest, linkcheck.StatusText(r.Redirect), r.Final)
	case linkcheck.RateLimited:
		f.Severity, f.Code = Warning, "rate-limited"
		f.Message = fmt.Sprintf("%s %q not checked: the site answered %s; it is asked again on the next check", what, pl.dest, linkcheck.StatusText(r.Status))
	case linkcheck.Broken:
		why := r.Err
		if why == "" {
			why = linkcheck.StatusText(r.Status)
		}
		if r.Final != "" {
			why = fmt.Sprintf("redirects to %q: %s", r.Final, why)
		}
		f.Severity, f.Code = Error, "broken-external-link"
		f.Message = fmt.Sprintf("%s %q is broken: %s", what, pl.dest, why)
	default:
		return f, false
	}
	return f, true
}
