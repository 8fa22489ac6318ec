package check_test

import (
	"context"
	"maps"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/bulletin-ssg/bulletin"
	"github.com/bulletin-ssg/bulletin/internal/build"
	"github.com/bulletin-ssg/bulletin/internal/check"
	"github.com/bulletin-ssg/bulletin/internal/diag/diagtest"
	"github.com/bulletin-ssg/bulletin/internal/linkcheck"
)

// otherSite answers as the sites a news site links to do, and counts
// the requests it gets by "METHOD /path".
type otherSite struct {
	*httptest.Server
	mu       sync.Mutex
	requests map[string]int
}

func newOtherSite(t *testing.T) *otherSite {
	o := &otherSite{requests: map[string]int{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(http.ResponseWriter, *http.Request) {})
	mux.HandleFunc("/new", func(http.ResponseWriter, *http.Request) {})
	mux.HandleFunc("/gone", http.NotFound)
	mux.HandleFunc("/gone/too", http.NotFound)
	mux.HandleFunc("/busy", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusTooManyRequests) })
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/new", http.StatusMovedPermanently) })
	mux.HandleFunc("/moved-to-gone", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/gone/too", http.StatusFound) })
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	o.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		o.mu.Lock()
		o.requests[r.Method+" "+r.URL.Path]++
		o.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(o.Close)
	return o
}

func (o *otherSite) asked() map[string]int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return maps.Clone(o.requests)
}

// TestExternal: each finding at its place, each URL asked once however
// many places name it, and nothing asked by the site's own check.
func TestExternal(t *testing.T) {
	other := newOtherSite(t)
	srv := other.URL
	host := strings.TrimPrefix(srv, "http://")
	fsys := fstest.MapFS{
		"content/_index.md": {Data: []byte("---\ntitle: T\nlanguage: en\nmenu:\n  - {name: Partner, url: " + srv + "/moved}\n---\n")},
		"content/news/a.md": {Data: []byte("---\ntitle: A\ndate: 2020-01-01\ncover: " + srv + "/moved-to-gone\n---\n" +
			"[ok](" + srv + "/ok)\n\n[gone](" + srv + "/gone#part)\n\n![img](" + srv + "/gone)\n\n" +
			"[mail](mailto:news@example.com) [home](/)\n\n[busy](" + srv + "/busy)\n\n" +
			"[loop](" + srv + "/loop)\n\n[no scheme](//" + host + "/ok)\n")},
		"content/news/b.md": {Data: []byte("---\ntitle: B\ndate: 2020-01-02\n---\n[gone again](" + srv + "/gone)\n")},
	}
	res, err := build.Build(context.Background(), build.Options{
		Source: fsys, Builtin: bulletin.Theme, NoOutput: true, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if found := check.Site(res.Site); len(found) != 0 || len(other.asked()) != 0 {
		t.Fatalf("the site's own check: %v, requests %v", found, other.asked())
	}
	found, results := check.External(context.Background(), res.Site, &linkcheck.Checker{})
	var got []string
	for _, f := range found {
		got = append(got, strings.ReplaceAll(strings.ReplaceAll(diagtest.Slashed(f.String()), srv, "SRV"), host, "HOST"))
	}
	want := []string{
		`content/_index.md:5:3: warning: link "SRV/moved" redirects (301 Moved Permanently) to "SRV/new": link there instead [redirect]`,
		`content/news/a.md:4:8: error: image "SRV/moved-to-gone" is broken: redirects to "SRV/gone/too": 404 Not Found [broken-external-link]`,
		`content/news/a.md:8:1: error: link "SRV/gone#part" is broken: 404 Not Found [broken-external-link]`,
		`content/news/a.md:10:1: error: image "SRV/gone" is broken: 404 Not Found [broken-external-link]`,
		`content/news/a.md:14:1: warning: link "SRV/busy" not checked: the site answered 429 Too Many Requests; it is asked again on the next check [rate-limited]`,
		`content/news/a.md:16:1: error: link "SRV/loop" is broken: redirect loop: SRV/loop redirects back to SRV/loop [broken-external-link]`,
		`content/news/a.md:18:1: error: link "//HOST/ok" is broken: http: server gave HTTP response to HTTPS client [broken-external-link]`,
		`content/news/b.md:5:1: error: link "SRV/gone" is broken: 404 Not Found [broken-external-link]`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(results) != 8 {
		t.Errorf("%d results, want 8 (one per URL as written): %v", len(results), results)
	}
	for req, n := range other.asked() {
		if n != 1 {
			t.Errorf("%s asked %d times", req, n)
		}
	}
}
