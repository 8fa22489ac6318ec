package server

import (
	"bufio"
	"context"
	"errors"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

func testServer(t *testing.T) *Server {
	t.Helper()
	s, err := New("127.0.0.1:8080", nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Publish(NewSnapshot(MapFiles{
		"index.html":           []byte("<html><body><h1>Home</h1></body></html>"),
		"news/a/index.html":    []byte("<html><BODY>A</BODY></html>"),
		"news/公司新闻/index.html": []byte("<p>中文</p>"),
		"404.html":             []byte("<html><body>not here</body></html>"),
		"css/style.css":        []byte("body{}"),
		"fonts/a.woff2":        []byte("wOF2"),
		"img/x.webp":           []byte("RIFF"),
		"img/y.avif":           []byte("avif"),
		"img/z.svg":            []byte("<svg/>"),
		"index.xml":            []byte("<rss/>"),
		"data.json":            []byte("{}"),
		"js/app.js":            []byte("1"),
	}), nil)
	return s
}

// get sends target exactly as a client would put it on the wire.
func get(t *testing.T, s *Server, target, host string) *http.Response {
	t.Helper()
	req, err := http.ReadRequest(bufio.NewReader(strings.NewReader("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n")))
	if err != nil {
		t.Fatalf("request %q: %v", target, err)
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	return rec.Result()
}

func TestPaths(t *testing.T) {
	s := testServer(t)
	tests := []struct {
		target string
		status int
		body   string
	}{
		{"/", 200, "<h1>Home</h1>"},
		{"/news/a/", 200, "A"},
		{"/news/a/index.html", 200, "A"},
		{"/news/%E5%85%AC%E5%8F%B8%E6%96%B0%E9%97%BB/", 200, "中文"},
		{"/news/a", 301, ""},
		{"/nope/", 404, "not here"},
		{"/../../etc/passwd", 400, ""},
		{"/news/../index.html", 400, ""},
		{"/%2e%2e/%2e%2e/etc/passwd", 400, ""},
		{"/news%2fa/index.html", 400, ""},
		{"/news%5ca", 400, ""},
		{"/a%00b", 400, ""},
		{"/./index.html", 400, ""},
	}
	for _, tt := range tests {
		res := get(t, s, tt.target, "127.0.0.1:8080")
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != tt.status {
			t.Errorf("GET %s = %d, want %d (%s)", tt.target, res.StatusCode, tt.status, body)
			continue
		}
		if !strings.Contains(string(body), tt.body) {
			t.Errorf("GET %s body %q lacks %q", tt.target, body, tt.body)
		}
		if res.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("GET %s: Cache-Control %q", tt.target, res.Header.Get("Cache-Control"))
		}
	}
}

func TestContentTypes(t *testing.T) {
	s := testServer(t)
	tests := map[string]string{
		"/":              "text/html; charset=utf-8",
		"/css/style.css": "text/css; charset=utf-8",
		"/js/app.js":     "text/javascript; charset=utf-8",
		"/img/z.svg":     "image/svg+xml",
		"/index.xml":     "application/xml",
		"/data.json":     "application/json",
		"/fonts/a.woff2": "font/woff2",
		"/img/x.webp":    "image/webp",
		"/img/y.avif":    "image/avif",
	}
	for target, want := range tests {
		res := get(t, s, target, "127.0.0.1:8080")
		if got := res.Header.Get("Content-Type"); got != want {
			t.Errorf("%s: Content-Type %q, want %q", target, got, want)
		}
	}
}

func TestScriptInjection(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<html><body>x</body></html>", "x" + string(reloadScript) + "</body></html>"},
		{"<html><BODY>x</BODY></html>", "x" + string(reloadScript) + "</BODY></html>"},
		{"<p>no body</p>", "<p>no body</p>" + string(reloadScript)},
		{"<body><pre></body></pre></body>", "<body><pre></body></pre>" + string(reloadScript) + "</body>"},
	}
	for _, tt := range tests {
		if got := string(injectScript([]byte(tt.in))); !strings.HasSuffix(got, tt.want) {
			t.Errorf("injectScript(%q) = %q", tt.in, got)
		}
	}
	s := testServer(t)
	res := get(t, s, "/css/style.css", "127.0.0.1:8080")
	if body, _ := io.ReadAll(res.Body); string(body) != "body{}" {
		t.Errorf("CSS got a script: %q", body)
	}
}

func TestHostCheck(t *testing.T) {
	tests := []struct {
		bind, host string
		ok         bool
	}{
		{"127.0.0.1:8080", "127.0.0.1:8080", true},
		{"127.0.0.1:8080", "localhost:8080", true},
		{"127.0.0.1:8080", "LOCALHOST:8080", true},
		{"127.0.0.1:8080", "[::1]:8080", true},
		{"127.0.0.1:8080", "evil.example:8080", false},
		{"127.0.0.1:8080", "127.0.0.1:9090", false},
		{"127.0.0.1:8080", "127.0.0.1", false},
		{"127.0.0.1:80", "localhost", true},
		{"0.0.0.0:8080", "192.168.1.5:8080", true},
		{"0.0.0.0:8080", "rebind.example:8080", false},
		{"192.168.1.5:8080", "192.168.1.5:8080", true},
		{"192.168.1.5:8080", "10.0.0.1:8080", false},
	}
	for _, tt := range tests {
		c, err := newHostCheck(tt.bind)
		if err != nil {
			t.Fatal(err)
		}
		if got := c.allowed(tt.host); got != tt.ok {
			t.Errorf("bind %s, Host %s: allowed = %v, want %v", tt.bind, tt.host, got, tt.ok)
		}
	}
	s := testServer(t)
	if res := get(t, s, "/", "attacker.example:8080"); res.StatusCode != http.StatusForbidden {
		t.Errorf("foreign Host: status %d, want 403", res.StatusCode)
	}
}

// TestEventsOverHTTP runs the server on a real loopback listener and reads
// the event stream as a browser would.
func TestEventsOverHTTP(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(ln.Addr().String(), nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Publish(NewSnapshot(MapFiles{"index.html": []byte("v1")}), nil)
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()
	base := "http://" + ln.Addr().String()

	// A foreign Origin is refused.
	req, _ := http.NewRequest(http.MethodGet, base+EventsPath, nil)
	req.Header.Set("Origin", "http://evil.example")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("foreign Origin: %d, want 403", res.StatusCode)
	}

	// Two tabs: one that reads and one that never reads.
	open := func() *bufio.Reader {
		req, _ := http.NewRequest(http.MethodGet, base+EventsPath, nil)
		req.Header.Set("Origin", base)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { res.Body.Close() })
		if res.Header.Get("Content-Type") != "text/event-stream" {
			t.Fatalf("events content type %q", res.Header.Get("Content-Type"))
		}
		r := bufio.NewReader(res.Body)
		if line, _ := r.ReadString('\n'); !strings.HasPrefix(line, "retry:") {
			t.Fatalf("first line %q", line)
		}
		return r
	}
	reader := open()
	_ = open() // a stalled tab
	waitClients(t, s, 2)

	next := func() string {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for time.Now().Before(deadline) {
			line, err := reader.ReadString('\n')
			if err != nil {
				t.Fatal(err)
			}
			if strings.HasPrefix(line, "event: ") {
				return strings.TrimSpace(strings.TrimPrefix(line, "event: "))
			}
		}
		t.Fatal("no event")
		return ""
	}
	for i := 0; i < 50; i++ { // the stalled tab must not block these
		s.Publish(NewSnapshot(MapFiles{"index.html": []byte("v2")}), []string{"index.html"})
		if ev := next(); ev != "reload" {
			t.Fatalf("event %q, want reload", ev)
		}
	}
	s.Publish(NewSnapshot(MapFiles{"index.html": []byte("v2")}), []string{"css/a.css"})
	if ev := next(); ev != "css" {
		t.Errorf("css-only change: event %q", ev)
	}
	s.Fail(errors.New("content/a.md:3:7: bad date"))
	if ev := next(); ev != "error" {
		t.Errorf("failed build: event %q", ev)
	}
	// The last good site is still served.
	res, err = http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.HasPrefix(string(body), "v2") {
		t.Errorf("after a failure served %q", body)
	}
	s.Publish(NewSnapshot(MapFiles{"index.html": []byte("v3")}), nil)
	if ev := next(); ev != "ok" {
		t.Errorf("good build after failure: event %q", ev)
	}

	cancel()
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not stop with its context (stalled tab kept it?)")
	}
}

func waitClients(t *testing.T, s *Server, n int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		s.hub.mu.Lock()
		got := len(s.hub.clients)
		s.hub.mu.Unlock()
		if got == n {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("never saw %d event clients", n)
}

// A first build that fails leaves no site: the page and the error the
// tabs are sent say so, and never that a previous site is shown; once a
// build worked, a failure shows over that site.
func TestNoSiteYet(t *testing.T) {
	s, _ := New("127.0.0.1:8080", nil)
	s.Fail(errors.New("content/a.md:1:1: <broken>"))
	res := get(t, s, "/", "127.0.0.1:8080")
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(body), "content/a.md:1:1: &lt;broken&gt;") || !strings.Contains(string(body), EventsPath) {
		t.Errorf("no site: %d %s", res.StatusCode, body)
	}
	if page := string(body); !strings.Contains(page, "there is no site to show yet") || strings.Count(page, "previous site") != 1 {
		// The one "previous site" is the script's text for a later failure.
		t.Errorf("no site: the page does not say there is none:\n%s", page)
	}
	if m := s.errorMessage("x"); m.data != `{"message":"x","site":false}` {
		t.Errorf("error before any site: %s", m.data)
	}
	s.Publish(NewSnapshot(MapFiles{"index.html": []byte("v1")}), []string{"index.html"})
	s.Fail(errors.New("content/a.md:1:1: <broken>"))
	if m := s.errorMessage("x"); m.data != `{"message":"x","site":true}` {
		t.Errorf("error over a site: %s", m.data)
	}
	if strings.ContainsAny(noSiteYet, "\"\\\n<") {
		t.Error("noSiteYet must be a plain JavaScript string")
	}
}

func FuzzCleanPath(f *testing.F) {
	for _, s := range []string{"/", "/a/b/", "/../x", "/%2e%2e/", "/a%2fb", "/a\\b", "/%00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, target string) {
		req, err := http.NewRequest(http.MethodGet, "http://127.0.0.1:8080"+target, nil)
		if err != nil {
			return
		}
		name, ok := cleanPath(req)
		if !ok {
			return
		}
		if strings.Contains(name, "..") && strings.Contains("/"+name+"/", "/../") || strings.HasPrefix(name, "/") {
			t.Fatalf("%q -> %q escapes", target, name)
		}
	})
}

// MapFiles is an output held wholly in memory.
type MapFiles map[string][]byte

// Get returns one file, or fs.ErrNotExist.
func (m MapFiles) Get(name string) ([]byte, error) {
	if b, ok := m[name]; ok {
		return b, nil
	}
	return nil, fs.ErrNotExist
}

// Has reports whether the output has a file.
func (m MapFiles) Has(name string) bool { _, ok := m[name]; return ok }

// TestSlashRedirectEscapes: "/news/x" for the folder "/news/x/" redirects
// to a Location that names that folder whatever its name holds.
func TestSlashRedirectEscapes(t *testing.T) {
	names := []string{"q?x", "we ird#sec", "pct%41", "新闻"}
	files := MapFiles{}
	for _, n := range names {
		files["news/"+n+"/index.html"] = []byte("section " + n)
	}
	ts := httptest.NewUnstartedServer(nil)
	s, err := New(ts.Listener.Addr().String(), nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Publish(NewSnapshot(files), nil)
	ts.Config.Handler = s
	ts.Start()
	defer ts.Close()
	for _, n := range names {
		target := ts.URL + "/news/" + url.PathEscape(n)
		res, err := ts.Client().Get(target)
		if err != nil {
			t.Errorf("%s: %v", n, err)
			continue
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || !strings.HasPrefix(string(body), "section "+n) {
			t.Errorf("GET %s, redirected to %s: %d %q", target, res.Request.URL, res.StatusCode, body)
		}
		if res.Request.URL.Path != "/news/"+n+"/" {
			t.Errorf("GET %s ended at %s", target, res.Request.URL)
		}
	}
}
