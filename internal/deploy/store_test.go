package deploy

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/minio/minio-go/v7"

	"github.com/bulletin-ssg/bulletin/internal/deploy/s3test"
	"github.com/bulletin-ssg/bulletin/internal/deploy/target"
)

func TestMain(m *testing.M) {
	code := m.Run()
	s3test.CloseShared()
	os.Exit(code)
}

// bucket is a test's bucket on the shared SeaweedFS, with what it was
// asked.
type bucket struct {
	t      *testing.T
	server *s3test.Server
	url    target.URL
	// requests counts the store's requests by method.
	requests *counter
}

type counter struct {
	mu sync.Mutex
	n  map[string]int
	// fail answers the next requests with this status instead of
	// passing them on, while failN > 0.
	fail  int
	failN int
	next  http.RoundTripper
	// redirects are the website redirect headers sent with each PUT, by
	// the request's path.
	redirects map[string]string
}

func (c *counter) RoundTrip(r *http.Request) (*http.Response, error) {
	c.mu.Lock()
	c.n[r.Method]++
	if v := r.Header.Get("X-Amz-Website-Redirect-Location"); v != "" && r.Method == http.MethodPut {
		c.redirects[r.URL.Path] = v
	}
	fail := c.failN > 0
	if fail {
		c.failN--
	}
	c.mu.Unlock()
	if fail {
		if r.Body != nil {
			r.Body.Close()
		}
		body := "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>"
		return &http.Response{StatusCode: c.fail, Status: http.StatusText(c.fail), Header: http.Header{"Content-Type": {"application/xml"}},
			Body: io.NopCloser(strings.NewReader(body)), ContentLength: int64(len(body)), Request: r}, nil
	}
	return c.next.RoundTrip(r)
}

// take returns the counts since the last take.
func (c *counter) take() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.n
	c.n = map[string]int{}
	return n
}

func newBucket(t *testing.T, prefix string) *bucket {
	s := s3test.Shared(t)
	name := s.NewBucket(t)
	u, err := target.ParseURL(fmt.Sprintf("s3://%s/%s?endpoint=%s&region=us-east-1&use_path_style=true", name, prefix, s.Endpoint))
	if err != nil {
		t.Fatal(err)
	}
	return &bucket{t: t, server: s, url: u, requests: &counter{n: map[string]int{}, next: http.DefaultTransport, redirects: map[string]string{}}}
}

func (b *bucket) store() *S3 {
	s, err := NewS3(b.url, Credentials{AccessKeyID: s3test.AccessKeyID, SecretAccessKey: s3test.SecretAccessKey}, S3Options{Transport: b.requests, Retries: 3})
	if err != nil {
		b.t.Fatal(err)
	}
	return s
}

// deploy deploys fsys with opts and returns the plan it carried out, and
// the order in which the store took it.
func (b *bucket) deploy(fsys fstest.MapFS, opts Options) (*Plan, []string) {
	b.t.Helper()
	rec := &recorder{Store: b.store()}
	p, err := b.plan(fsys, opts, rec)
	if err != nil {
		b.t.Fatal(err)
	}
	if err := p.Run(context.Background(), rec, RunOptions{Workers: 4}); err != nil {
		b.t.Fatal(err)
	}
	return p, rec.ops
}

func (b *bucket) plan(fsys fstest.MapFS, opts Options, s Store) (*Plan, error) {
	l, err := ReadOutput(fsys, opts)
	if err != nil {
		return nil, err
	}
	r, err := ReadRemote(context.Background(), s)
	if err != nil {
		return nil, err
	}
	return MakePlan(l, r, false)
}

// objects are the keys of the bucket, sorted.
func (b *bucket) objects() []string {
	c, err := b.server.Client()
	if err != nil {
		b.t.Fatal(err)
	}
	var keys []string
	for o := range c.ListObjects(context.Background(), b.url.Bucket, minio.ListObjectsOptions{Recursive: true}) {
		if o.Err != nil {
			b.t.Fatal(o.Err)
		}
		keys = append(keys, o.Key)
	}
	slices.Sort(keys)
	return keys
}

func (b *bucket) get(key string) string {
	c, _ := b.server.Client()
	o, err := c.GetObject(context.Background(), b.url.Bucket, key, minio.GetObjectOptions{})
	if err != nil {
		b.t.Fatal(err)
	}
	defer o.Close()
	data, err := io.ReadAll(o)
	if err != nil {
		b.t.Fatalf("%s: %v", key, err)
	}
	return string(data)
}

func (b *bucket) put(key, data string) {
	c, _ := b.server.Client()
	if _, err := c.PutObject(context.Background(), b.url.Bucket, key, strings.NewReader(data), int64(len(data)), minio.PutObjectOptions{}); err != nil {
		b.t.Fatal(err)
	}
}

// recorder is a Store that writes down what it was asked, in order, and
// can stop the deploy after a number of uploads as a kill would.
type recorder struct {
	Store
	mu  sync.Mutex
	ops []string
	// stopAfter, when > 0, cancels the deploy once that many files
	// were uploaded.
	stopAfter int
	cancel    func()
	puts      int
}

func (r *recorder) Put(ctx context.Context, rel string, body io.Reader, size int64, o Object) error {
	r.mu.Lock()
	if r.stopAfter > 0 && r.puts >= r.stopAfter {
		r.cancel()
		r.mu.Unlock()
		return ctx.Err()
	}
	r.puts++
	r.mu.Unlock()
	err := r.Store.Put(ctx, rel, body, size, o)
	if err == nil {
		r.mu.Lock()
		r.ops = append(r.ops, "put "+rel)
		r.mu.Unlock()
	}
	return err
}

func (r *recorder) Delete(ctx context.Context, rels []string) error {
	err := r.Store.Delete(ctx, rels)
	if err == nil {
		r.mu.Lock()
		r.ops = append(r.ops, "delete "+strings.Join(rels, " "))
		r.mu.Unlock()
	}
	return err
}

// site is a small site's output, as build writes it.
func site1() map[string]string {
	return map[string]string{
		"index.html":                "<!doctype html><link rel=stylesheet href=/css/style.css><p>Home",
		"news/launch/index.html":    "<!doctype html><p>Launch",
		"news/award/index.html":     "<!doctype html><p>Award",
		"css/style.css":             "body{color:#222}",
		"css/print.0123abcd.css":    "@media print{}",
		"images/team.png":           "\x89PNG team",
		"fonts/a.woff2":             "wOF2",
		"index.xml":                 "<rss/>",
		"news/atom.xml":             "<feed/>",
		"feed.json":                 "{}",
		"sitemap.xml":               "<urlset/>",
		"robots.txt":                "User-agent: *\n",
		"downloads/price list.xlsx": "PK",
	}
}

// checkOrder checks the store took the deploy in the order that never
// breaks a page: the journal; assets, pages, feeds, the sitemap; the
// manifest; the deletes; the journal gone.
func checkOrder(t *testing.T, ops []string) {
	t.Helper()
	if len(ops) < 3 || ops[0] != "put "+JournalKey || ops[len(ops)-1] != "delete "+JournalKey {
		t.Fatalf("ops %q: want the journal first and its delete last", ops)
	}
	last := Asset
	manifest := false
	for _, op := range ops[1 : len(ops)-1] {
		verb, rel, _ := strings.Cut(op, " ")
		switch {
		case rel == ManifestKey:
			manifest = true
		case verb == "delete":
			if !manifest {
				t.Errorf("ops %q: %s before the manifest", ops, op)
			}
		case manifest:
			t.Errorf("ops %q: %s after the manifest", ops, op)
		default:
			k := KindOf(rel)
			if k < last {
				t.Errorf("ops %q: %s (%v) after %v", ops, rel, k, last)
			}
			last = k
		}
	}
	if !manifest {
		t.Errorf("ops %q: no manifest", ops)
	}
}

func puts(ops []string) []string {
	var out []string
	for _, op := range ops {
		if rel, ok := strings.CutPrefix(op, "put "); ok && rel != JournalKey && rel != ManifestKey {
			out = append(out, rel)
		}
	}
	slices.Sort(out)
	return out
}

// TestDeploy: the first deploy uploads every file in order; a second
// uploads nothing, in two requests; an edit uploads that page only; a
// file the build no longer writes is deleted, one bulletin did not
// upload never.
func TestDeploy(t *testing.T) {
	b := newBucket(t, "site/")
	files := site1()
	p, ops := b.deploy(outputFS(files), Options{})
	checkOrder(t, ops)
	if got := puts(ops); len(got) != len(files) || p.Unchanged != 0 || len(p.Deletes) != 0 {
		t.Errorf("first deploy: uploaded %q (%d unchanged), want all %d files", got, p.Unchanged, len(files))
	}
	b.requests.take()
	for rel, data := range files {
		if got := b.get("site/" + rel); got != data {
			t.Errorf("%s: the bucket holds %q, want %q", rel, got, data)
		}
	}
	b.put("other/file.txt", "outside the prefix")
	b.put("site/CNAME", "news.example.com")

	p, ops = b.deploy(outputFS(files), Options{})
	if !p.Empty() || len(ops) != 0 || p.Unchanged != len(files) || p.Listing {
		t.Errorf("second deploy: %+v, ops %q", p, ops)
	}
	if n := b.requests.take(); n["GET"] != 2 || len(n) != 1 {
		t.Errorf("second deploy: requests %v, want GET the manifest and the journal alone", n)
	}

	files["news/launch/index.html"] = "<!doctype html><p>Launch, edited"
	p, ops = b.deploy(outputFS(files), Options{})
	checkOrder(t, ops)
	if got := puts(ops); !slices.Equal(got, []string{"news/launch/index.html"}) || p.Uploads[0].Why != "changed" {
		t.Errorf("an edit: uploaded %q, want the page alone", got)
	}
	if n := b.requests.take(); n["PUT"] != 3 || n["DELETE"] != 1 || n["GET"] != 2 {
		t.Errorf("an edit: requests %v, want 2 GETs, 3 PUTs (journal, page, manifest) and the journal's DELETE", n)
	}

	delete(files, "news/award/index.html")
	delete(files, "images/team.png")
	files["images/new.png"] = "\x89PNG new"
	p, ops = b.deploy(outputFS(files), Options{})
	checkOrder(t, ops)
	if !slices.Equal(p.Deletes, []string{"images/team.png", "news/award/index.html"}) || !slices.Equal(puts(ops), []string{"images/new.png"}) {
		t.Errorf("deletes %q, uploads %q", p.Deletes, puts(ops))
	}
	want := []string{"other/file.txt", "site/" + ManifestKey, "site/CNAME"}
	for rel := range files {
		want = append(want, "site/"+rel)
	}
	slices.Sort(want)
	if got := b.objects(); !slices.Equal(got, want) {
		t.Errorf("the bucket holds\n%q\nwant\n%q", got, want)
	}
}

// TestHeaders: what the store gives back of each file's headers, by the
// rules: types from the one table, Cache-Control by rule, text
// compressed with Content-Encoding; and an alias's website redirect
// header sent (SeaweedFS does not keep it: AWS S3 does).
func TestHeaders(t *testing.T) {
	b := newBucket(t, "")
	files := site1()
	alias := `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Launch</title>
<link rel="canonical" href="https://news.example.com/news/launch/">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url=https://news.example.com/news/launch/">
</head>
<body><p><a href="https://news.example.com/news/launch/">Launch</a></p></body>
</html>
`
	files["old-launch/index.html"] = alias
	rule, _ := target.ParseRule("fonts/**", "public, max-age=604800")
	b.deploy(outputFS(files), Options{Rules: []target.Rule{rule}, Compress: "gzip", RedirectHeader: true})
	tests := []struct {
		key                         string
		ctype, cache, enc, redirect string
	}{
		{"index.html", "text/html; charset=utf-8", target.Short, "gzip", ""},
		{"old-launch/index.html", "text/html; charset=utf-8", target.Short, "gzip", "https://news.example.com/news/launch/"},
		{"css/style.css", "text/css; charset=utf-8", target.Hour, "gzip", ""},
		{"css/print.0123abcd.css", "text/css; charset=utf-8", target.Immutable, "gzip", ""},
		{"images/team.png", "image/png", target.Hour, "", ""},
		{"fonts/a.woff2", "font/woff2", "public, max-age=604800", "", ""},
		{"index.xml", "application/xml", target.Short, "gzip", ""},
		{"feed.json", "application/json", target.Short, "gzip", ""},
		{"downloads/price list.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", target.Hour, "", ""},
		{ManifestKey, "application/json", "no-store", "", ""},
	}
	for _, tt := range tests {
		h, err := b.server.Head(b.url.Bucket, tt.key)
		if err != nil {
			t.Errorf("%s: %v", tt.key, err)
			continue
		}
		got := [3]string{h.Get("Content-Type"), h.Get("Cache-Control"), h.Get("Content-Encoding")}
		if want := [3]string{tt.ctype, tt.cache, tt.enc}; got != want {
			t.Errorf("%s: type, cache, encoding %q, want %q", tt.key, got, want)
		}
	}
	redirects := map[string]string{"/" + b.url.Bucket + "/old-launch/index.html": "https://news.example.com/news/launch/"}
	if !maps.Equal(b.requests.redirects, redirects) {
		t.Errorf("redirect headers sent %q, want %q", b.requests.redirects, redirects)
	}
	// The page gzipped is the page.
	gz := b.get("index.html")
	if body, err := gunzip(gz); err != nil || body != files["index.html"] {
		t.Errorf("index.html: %q, %v", body, err)
	}

	// Other rules: every file whose headers change is uploaded again,
	// and nothing else.
	rule, _ = target.ParseRule("css/*.css", "no-cache")
	p, _ := b.deploy(outputFS(files), Options{Rules: []target.Rule{rule}, Compress: "gzip", RedirectHeader: true})
	var got []string
	for _, u := range p.Uploads {
		got = append(got, u.Rel+" "+u.Why)
	}
	if want := []string{"css/print.0123abcd.css headers", "css/style.css headers", "fonts/a.woff2 headers"}; !slices.Equal(got, want) {
		t.Errorf("new rules: uploads %q, want %q", got, want)
	}
}

// TestInterrupted: a deploy stopped part way (as by a kill: after any
// upload) leaves every page's assets in the bucket before the page, and
// the last deploy's manifest; the next deploy uploads what the stopped
// one may not have, deletes what it was to delete, and removes its
// journal.
func TestInterrupted(t *testing.T) {
	b := newBucket(t, "")
	files := site1()
	b.deploy(outputFS(files), Options{})

	// The next build: a new stylesheet the pages use, every page
	// changed, an old page gone.
	files["css/style.89abcdef.css"] = "body{color:#000}"
	for rel := range files {
		if KindOf(rel) == Page {
			files[rel] += " new"
		}
	}
	delete(files, "news/award/index.html")
	for stop := 1; stop <= 3; stop++ {
		ctx, cancel := context.WithCancel(context.Background())
		rec := &recorder{Store: b.store(), stopAfter: stop, cancel: cancel}
		p, err := b.plan(outputFS(files), Options{}, rec)
		if err != nil {
			t.Fatal(err)
		}
		if err := p.Run(ctx, rec, RunOptions{Workers: 1}); !errors.Is(err, context.Canceled) {
			t.Fatalf("stopped after %d: %v", stop, err)
		}
		cancel()
		// Nothing of the new build but what was uploaded; the old
		// manifest; the journal.
		uploaded := puts(rec.ops)
		for _, rel := range uploaded {
			if KindOf(rel) == Page && b.get(rel) == files[rel] && !slices.Contains(uploaded, "css/style.89abcdef.css") {
				t.Errorf("stopped after %d: %s is up before its stylesheet", stop, rel)
			}
		}
		if !strings.Contains(b.get(JournalKey), "news/award/index.html") {
			t.Errorf("stopped after %d: the journal %q does not list the delete", stop, b.get(JournalKey))
		}
		if strings.Contains(b.get(ManifestKey), "89abcdef") {
			t.Errorf("stopped after %d: the manifest lists the new build", stop)
		}
	}

	// The next deploy finishes the job.
	p, ops := b.deploy(outputFS(files), Options{})
	checkOrder(t, ops)
	if !slices.Equal(p.Deletes, []string{"news/award/index.html"}) {
		t.Errorf("deletes %q", p.Deletes)
	}
	for rel, data := range files {
		if got := b.get(rel); got != data {
			t.Errorf("%s: %q, want %q", rel, got, data)
		}
	}
	want := append(slices.Sorted(func(yield func(string) bool) {
		for rel := range files {
			if !yield(rel) {
				return
			}
		}
	}), ManifestKey)
	slices.Sort(want)
	if got := b.objects(); !slices.Equal(got, want) {
		t.Errorf("the bucket holds %q, want %q", got, want)
	}
	if p, _ := b.deploy(outputFS(files), Options{}); !p.Empty() {
		t.Errorf("after the finished deploy: %+v", p)
	}
}

// TestListing: a bucket that bulletin never deployed to (uploaded by
// another tool) is compared by its listing: a file of the same bytes is
// left, one of other bytes uploaded, and nothing bulletin did not
// upload is deleted.
func TestListing(t *testing.T) {
	b := newBucket(t, "www/")
	files := site1()
	b.put("www/index.html", files["index.html"])           // the same
	b.put("www/css/style.css", "body{color:red}")          // other bytes
	b.put("www/news/atom.xml", strings.ToUpper("<feed/>")) // same size, other bytes
	b.put("www/old/index.html", "<p>an old page")          // not in the output
	b.put("www/uploads/logo.png", "\x89PNG logo")          // not in the output
	b.put("elsewhere/index.html", "<p>another site's")     // outside the prefix
	p, ops := b.deploy(outputFS(files), Options{})
	checkOrder(t, ops)
	if !p.Listing || p.Unchanged != 1 || p.Kept != 2 || len(p.Deletes) != 0 {
		t.Errorf("plan: listing %v, %d unchanged, %d kept, deletes %q", p.Listing, p.Unchanged, p.Kept, p.Deletes)
	}
	if got := puts(ops); slices.Contains(got, "index.html") || !slices.Contains(got, "css/style.css") || !slices.Contains(got, "news/atom.xml") || len(got) != len(files)-1 {
		t.Errorf("uploads %q", got)
	}
	if b.get("www/old/index.html") != "<p>an old page" || b.get("elsewhere/index.html") == "" {
		t.Error("a file bulletin did not upload was deleted")
	}
	// From now on, the remote manifest: still nothing of the others is
	// deleted.
	delete(files, "news/launch/index.html")
	p, _ = b.deploy(outputFS(files), Options{})
	if !slices.Equal(p.Deletes, []string{"news/launch/index.html"}) || p.Listing {
		t.Errorf("after the first deploy: deletes %q, listing %v", p.Deletes, p.Listing)
	}
	if b.get("www/uploads/logo.png") == "" {
		t.Error("a file bulletin did not upload was deleted")
	}
}

// TestListingCompressed: with compression, the listing's ETags are
// compared with the MD5 of the compressed bytes, which are the same
// every time.
func TestListingCompressed(t *testing.T) {
	b := newBucket(t, "")
	files := site1()
	b.deploy(outputFS(files), Options{Compress: "br"})
	c, _ := b.server.Client()
	if err := c.RemoveObject(context.Background(), b.url.Bucket, ManifestKey, minio.RemoveObjectOptions{}); err != nil {
		t.Fatal(err)
	}
	p, _ := b.deploy(outputFS(files), Options{Compress: "br"})
	if !p.Listing || len(p.Uploads) != 0 || p.Unchanged != len(files) {
		t.Errorf("listing: %v, uploads %d, unchanged %d", p.Listing, len(p.Uploads), p.Unchanged)
	}
}

// TestRetries: a store that is slow to take requests (503 Slow Down) is
// asked again; one that keeps failing fails the deploy, and its message
// holds no key.
func TestRetries(t *testing.T) {
	b := newBucket(t, "")
	files := site1()
	b.requests.fail, b.requests.failN = http.StatusServiceUnavailable, 2
	if p, _ := b.deploy(outputFS(files), Options{}); len(p.Uploads) != len(files) {
		t.Errorf("uploads %d", len(p.Uploads))
	}
	if n := b.requests.take(); n["PUT"] < len(files)+2 {
		t.Errorf("requests %v: the failed ones were not tried again", n)
	}
	files["index.html"] = "<p>new"
	b.requests.failN = 1000
	rec := &recorder{Store: b.store()}
	p, err := b.plan(outputFS(files), Options{}, rec)
	if err == nil {
		err = p.Run(context.Background(), rec, RunOptions{})
	}
	if err == nil || !strings.Contains(err.Error(), "reduce your request rate") {
		t.Errorf("a failing store: %v", err)
	}
	if n := b.requests.take(); n["GET"] != 3 {
		t.Errorf("requests %v: want 3 tries of the first GET", n)
	}
	b.requests.failN = 0

	// Wrong keys: the store refuses, the message shows neither.
	s, _ := NewS3(b.url, Credentials{AccessKeyID: "AKIDWRONGKEY", SecretAccessKey: "wrong-secret-value"}, S3Options{Retries: 1})
	_, err = ReadRemote(context.Background(), s)
	if err == nil || strings.Contains(err.Error(), "AKIDWRONGKEY") || strings.Contains(err.Error(), "wrong-secret-value") {
		t.Errorf("wrong keys: %v", err)
	}
}

func TestRedact(t *testing.T) {
	s := Credentials{AccessKeyID: "AKID123", SecretAccessKey: "s3cret"}
	err := s.Redact(fmt.Errorf("PUT https://b/x?X-Amz-Credential=AKID123/2024 with s3cret failed"))
	if msg := err.Error(); strings.Contains(msg, "AKID123") || strings.Contains(msg, "s3cret") || !strings.Contains(msg, "[redacted]") {
		t.Errorf("%q", msg)
	}
	if err := s.Redact(context.Canceled); !errors.Is(err, context.Canceled) {
		t.Errorf("an error without keys changed: %v", err)
	}
}

func gunzip(s string) (string, error) {
	r, err := gzip.NewReader(strings.NewReader(s))
	if err != nil {
		return "", err
	}
	b, err := io.ReadAll(r)
	return string(b), err
}

// TestRemoteNotBulletins: a record or a journal in the bucket that is
// not bulletin deploy's stops the deploy before it changes anything,
// saying what to remove.
func TestRemoteNotBulletins(t *testing.T) {
	b := newBucket(t, "")
	tests := []struct{ key, data, want string }{
		{ManifestKey, "{", ManifestKey + " in the bucket is not bulletin deploy's"},
		{ManifestKey, `{"generator":"another tool","files":{}}`, ManifestKey + " in the bucket is another generator's"},
		{JournalKey, `{"uploads":3}`, JournalKey + " in the bucket is not bulletin deploy's"},
	}
	for _, tt := range tests {
		b.put(tt.key, tt.data)
		_, err := ReadRemote(context.Background(), b.store())
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s %q: %v, want %q", tt.key, tt.data, err, tt.want)
		}
		c, _ := b.server.Client()
		c.RemoveObject(context.Background(), b.url.Bucket, tt.key, minio.RemoveObjectOptions{})
	}
}

// TestLargeFile: a file larger than is read whole is checked against
// its sum, then streamed from the output, in parts; a file changed since
// the build (small or large) fails the deploy before it is uploaded.
func TestLargeFile(t *testing.T) {
	defer func(m int64, p uint64) { maxInMemory, partSize = m, p }(maxInMemory, partSize)
	maxInMemory, partSize = 1<<20, 5<<20 // S3's smallest part
	b := newBucket(t, "")
	video := strings.Repeat("0123456789abcdef", (6<<20)/16)
	files := map[string]string{"index.html": "<p>Home", "downloads/launch.mp4": video}
	_, ops := b.deploy(outputFS(files), Options{})
	if got := puts(ops); len(got) != 2 {
		t.Fatalf("uploads %q", got)
	}
	if n := b.requests.take(); n["POST"] != 2 || n["PUT"] != 5 {
		t.Errorf("requests %v: want the video in two parts (a POST to start, a PUT a part, a POST to finish), and the journal, the page and the manifest", n)
	}
	if got := b.get("downloads/launch.mp4"); got != video {
		t.Errorf("the bucket holds %d bytes, not the video's %d", len(got), len(video))
	}
	if p, _ := b.deploy(outputFS(files), Options{}); !p.Empty() {
		t.Errorf("again: %+v", p.Uploads)
	}

	for _, rel := range []string{"downloads/launch.mp4", "index.html"} {
		next := maps.Clone(files)
		next["index.html"] += " edited"
		next["downloads/launch.mp4"] = strings.Repeat("fedcba9876543210", (6<<20)/16)
		fsys := outputFS(next)
		fsys[rel].Data = []byte(strings.ToUpper(next[rel])) // changed after the build wrote its manifest
		p, err := b.plan(fsys, Options{}, b.store())
		if err != nil {
			t.Fatal(err)
		}
		err = p.Run(context.Background(), b.store(), RunOptions{})
		if err == nil || !strings.Contains(err.Error(), rel+" changed since the build: build the site again") {
			t.Errorf("%s changed: %v", rel, err)
		}
	}
}
