package linkcheck_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/linkcheck"
)

// fakeSite is a server with the ways other sites answer, which records
// every request it gets as "METHOD /path".
type fakeSite struct {
	*httptest.Server
	mu       sync.Mutex
	requests []string
}

func newFakeSite(t *testing.T) *fakeSite {
	t.Helper()
	s := &fakeSite{}
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.UserAgent(), "bulletin") || r.Header.Get("Cookie") != "" {
			http.Error(w, "who is asking?", http.StatusBadRequest)
			return
		}
		fmt.Fprint(w, strings.Repeat("news ", 10000))
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	mux.HandleFunc("/fails", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "oops", http.StatusInternalServerError)
	})
	mux.HandleFunc("/busy", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "later", http.StatusTooManyRequests)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/ok#top", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/moved-to-gone", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/gone", http.StatusFound)
	})
	mux.HandleFunc("/to", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Query().Get("url"), http.StatusFound)
	})
	mux.HandleFunc("/loop/a", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "b", http.StatusFound) })
	mux.HandleFunc("/loop/b", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "a", http.StatusFound) })
	// /chain/N redirects to /chain/N-1, /chain/0 answers.
	mux.HandleFunc("/chain/{n}", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscan(r.PathValue("n"), &n)
		if n == 0 {
			return
		}
		http.Redirect(w, r, fmt.Sprint(n-1), http.StatusTemporaryRedirect)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	for path, status := range map[string]int{"/head405": 405, "/head501": 501, "/head404": 404, "/head403": 403} {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodHead {
				w.WriteHeader(status)
			}
		})
	}
	mux.HandleFunc("/forbidden", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "no", http.StatusForbidden)
	})
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.requests = append(s.requests, r.Method+" "+r.URL.Path)
		s.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// take returns the requests since the last take.
func (s *fakeSite) take() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.requests
	s.requests = nil
	return out
}

func TestCheck(t *testing.T) {
	site := newFakeSite(t)
	refused := closedPort(t)
	tls := httptest.NewUnstartedServer(http.NotFoundHandler()) // its certificate is no authority's
	tls.Config.ErrorLog = log.New(io.Discard, "", 0)
	tls.StartTLS()
	t.Cleanup(tls.Close)
	tests := []struct {
		path     string // under the fake site; a whole URL otherwise
		want     linkcheck.Result
		requests []string
	}{
		{"/ok", linkcheck.Result{Verdict: linkcheck.OK, Status: 200}, []string{"HEAD /ok"}},
		{"/gone", linkcheck.Result{Verdict: linkcheck.Broken, Status: 404}, []string{"HEAD /gone", "GET /gone"}},
		{"/fails", linkcheck.Result{Verdict: linkcheck.Broken, Status: 500}, []string{"HEAD /fails"}},
		{"/busy", linkcheck.Result{Verdict: linkcheck.RateLimited, Status: 429}, []string{"HEAD /busy"}},
		{"/moved", linkcheck.Result{Verdict: linkcheck.Redirected, Status: 200, Redirect: 301, Final: "SITE/ok"},
			[]string{"HEAD /moved", "HEAD /ok"}},
		{"/moved-to-gone", linkcheck.Result{Verdict: linkcheck.Broken, Status: 404, Redirect: 302, Final: "SITE/gone"},
			[]string{"HEAD /moved-to-gone", "HEAD /gone", "GET /moved-to-gone", "GET /gone"}},
		{"/loop/a", linkcheck.Result{Verdict: linkcheck.Broken, Status: 302, Redirect: 302,
			Err: "redirect loop: SITE/loop/b redirects back to SITE/loop/a"}, []string{"HEAD /loop/a", "HEAD /loop/b"}},
		{"/chain/10", linkcheck.Result{Verdict: linkcheck.Redirected, Status: 200, Redirect: 307, Final: "SITE/chain/0"}, nil},
		{"/chain/11", linkcheck.Result{Verdict: linkcheck.Broken, Status: 307, Redirect: 307,
			Err: "more than 10 redirects"}, nil},
		{"/head405", linkcheck.Result{Verdict: linkcheck.OK, Status: 200}, []string{"HEAD /head405", "GET /head405"}},
		{"/head501", linkcheck.Result{Verdict: linkcheck.OK, Status: 200}, []string{"HEAD /head501", "GET /head501"}},
		{"/head404", linkcheck.Result{Verdict: linkcheck.OK, Status: 200}, []string{"HEAD /head404", "GET /head404"}},
		{"/head403", linkcheck.Result{Verdict: linkcheck.OK, Status: 200}, []string{"HEAD /head403", "GET /head403"}},
		{"/forbidden", linkcheck.Result{Verdict: linkcheck.Broken, Status: 403}, []string{"HEAD /forbidden", "GET /forbidden"}},
		{refused + "/x", linkcheck.Result{Verdict: linkcheck.Broken, Err: "connection refused"}, nil},
		{"/to?url=" + refused + "/x", linkcheck.Result{Verdict: linkcheck.Broken, Redirect: 302, Final: refused + "/x", Err: "connection refused"},
			[]string{"HEAD /to"}},
		{tls.URL + "/x", linkcheck.Result{Verdict: linkcheck.Broken,
			Err: "tls: failed to verify certificate: x509: certificate signed by unknown authority"}, nil},
		{"ftp://example.com/a", linkcheck.Result{Verdict: linkcheck.Broken, Err: "not an http or https URL"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			u := tt.path
			if strings.HasPrefix(u, "/") {
				u = site.URL + u
			}
			got := (&linkcheck.Checker{}).Check(context.Background(), []string{u})[u]
			got.Final = strings.ReplaceAll(got.Final, site.URL, "SITE")
			got.Err = strings.ReplaceAll(got.Err, site.URL, "SITE")
			if got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
			requests := site.take()
			if tt.requests != nil && strings.Join(requests, ", ") != strings.Join(tt.requests, ", ") {
				t.Errorf("requests %q, want %q", requests, tt.requests)
			}
		})
	}
}

// A server that does not answer within the timeout is broken, and the
// check does not wait for it longer.
func TestCheckTimeout(t *testing.T) {
	site := newFakeSite(t)
	start := time.Now()
	c := &linkcheck.Checker{Timeout: 200 * time.Millisecond}
	got := c.Check(context.Background(), []string{site.URL + "/slow"})[site.URL+"/slow"]
	if want := (linkcheck.Result{Verdict: linkcheck.Broken, Err: "no answer within 200ms"}); got != want {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("took %s", took)
	}
	if r := site.take(); len(r) != 1 || r[0] != "HEAD /slow" {
		t.Errorf("requests %q", r)
	}
}

// closedPort is the URL of a port nothing listens on.
func closedPort(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr
}

// Each URL is asked once, however often it is given, and links that
// differ only in their #fragment are one URL; every given URL has its
// result.
func TestCheckEachURLOnce(t *testing.T) {
	site := newFakeSite(t)
	urls := []string{site.URL + "/ok", site.URL + "/gone", site.URL + "/ok#a", site.URL + "/ok", site.URL + "/ok#b", site.URL + "/gone"}
	got := (&linkcheck.Checker{}).Check(context.Background(), urls)
	if len(got) != 4 {
		t.Errorf("%d results, want 4: %v", len(got), got)
	}
	for _, u := range urls {
		want := linkcheck.OK
		if strings.HasSuffix(u, "/gone") {
			want = linkcheck.Broken
		}
		if got[u].Verdict != want {
			t.Errorf("%s: %+v", u, got[u])
		}
	}
	requests := strings.Join(site.take(), ", ")
	if strings.Count(requests, "HEAD /ok") != 1 || strings.Count(requests, "HEAD /gone") != 1 || strings.Count(requests, "GET /gone") != 1 {
		t.Errorf("requests: %s", requests)
	}
}

// countingSite counts the requests in flight to it, and to all the
// sites that share a counter. Each request stays in flight a while, so
// that requests a limiter let through together are seen together, and
// until wait have been in flight at once (to all, when they share; a
// second at most), so that the limit is seen to be reached.
type countingSite struct {
	*httptest.Server
	inflight, peak atomic.Int32
}

func newCountingSite(t *testing.T, wait int32, shared *countingSite) *countingSite {
	s := &countingSite{}
	waitFor := s
	if shared != nil {
		waitFor = shared
	}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, c := range []*countingSite{s, shared} {
			if c == nil {
				continue
			}
			n := c.inflight.Add(1)
			defer c.inflight.Add(-1)
			for p := c.peak.Load(); n > p && !c.peak.CompareAndSwap(p, n); p = c.peak.Load() {
			}
		}
		deadline := time.Now().Add(time.Second)
		for waitFor.peak.Load() < wait && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond)
		}
		time.Sleep(20 * time.Millisecond)
	}))
	t.Cleanup(s.Close)
	return s
}

func TestCheckConcurrency(t *testing.T) {
	t.Run("per host", func(t *testing.T) {
		s := newCountingSite(t, 2, nil)
		var urls []string
		for i := range 20 {
			urls = append(urls, fmt.Sprintf("%s/%d", s.URL, i))
		}
		(&linkcheck.Checker{PerHost: 2, Total: 16}).Check(context.Background(), urls)
		if p := s.peak.Load(); p != 2 {
			t.Errorf("at most %d requests at once, want 2", p)
		}
	})
	t.Run("in all", func(t *testing.T) {
		all := &countingSite{}
		var sites []*countingSite
		var urls []string
		for range 4 {
			s := newCountingSite(t, 3, all)
			sites = append(sites, s)
			for i := range 5 {
				urls = append(urls, fmt.Sprintf("%s/%d", s.URL, i))
			}
		}
		(&linkcheck.Checker{PerHost: 2, Total: 3}).Check(context.Background(), urls)
		if p := all.peak.Load(); p != 3 {
			t.Errorf("at most %d requests at once in all, want 3", p)
		}
		for i, s := range sites {
			if p := s.peak.Load(); p > 2 {
				t.Errorf("site %d: %d requests at once, want at most 2", i, p)
			}
		}
	})
}

// An interrupted check asks nothing more, and says the URLs were not
// checked.
func TestCheckInterrupted(t *testing.T) {
	site := newFakeSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	got := (&linkcheck.Checker{}).Check(ctx, []string{site.URL + "/ok"})[site.URL+"/ok"]
	if got.Verdict != linkcheck.Broken || got.Err != "not checked: interrupted" {
		t.Errorf("got %+v", got)
	}
	if r := site.take(); len(r) != 0 {
		t.Errorf("requests %q", r)
	}
}
