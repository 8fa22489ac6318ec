package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/push"
	"github.com/rogpeppe/go-internal/testscript"
)

// TestPushScripts runs testdata/push/*.txtar: bulletin push as CI runs
// it, against fake Baidu and IndexNow endpoints that the scripts set
// answers of (fake) and read what they were sent from (received).
func TestPushScripts(t *testing.T) {
	skipScriptsOnWindows(t)
	testscript.Run(t, testscript.Params{
		Dir: "testdata/push",
		Setup: func(env *testscript.Env) error {
			f := newFakeEngines()
			env.Defer(f.close)
			env.Values[fakeEnginesKey{}] = f
			env.Setenv(BaiduEndpointEnv, f.baidu.URL+"/urls")
			env.Setenv(IndexNowEndpointEnv, f.indexNow.URL+"/indexnow")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"fake":     fakeCmd,
			"received": receivedCmd,
		},
	})
}

type fakeEnginesKey struct{}

// fakeEngines are a Baidu and an IndexNow endpoint. Baidu takes every
// URL while its quota lasts, as the real one does; either answers with a
// status the script sets.
type fakeEngines struct {
	baidu, indexNow *httptest.Server

	mu            sync.Mutex
	quota         int
	baiduStatus   int // 0: take the URLs
	indexNowCode  int
	sent          map[string][]string // per engine, since the last received
	baiduRequests int
}

func newFakeEngines() *fakeEngines {
	f := &fakeEngines{quota: 1000, indexNowCode: http.StatusOK, sent: map[string][]string{}}
	f.baidu = httptest.NewServer(http.HandlerFunc(f.serveBaidu))
	f.indexNow = httptest.NewServer(http.HandlerFunc(f.serveIndexNow))
	return f
}

func (f *fakeEngines) close() {
	f.baidu.Close()
	f.indexNow.Close()
}

func (f *fakeEngines) serveBaidu(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	urls := strings.Fields(string(body))
	f.mu.Lock()
	defer f.mu.Unlock()
	f.baiduRequests++
	q := r.URL.Query()
	head := fmt.Sprintf("# site=%s token=%s type=%s", q.Get("site"), q.Get("token"), r.Header.Get("Content-Type"))
	switch {
	case f.baiduStatus != 0:
		w.WriteHeader(f.baiduStatus)
		fmt.Fprintf(w, `{"error":%d,"message":"token is not valid"}`, f.baiduStatus)
	case len(urls) > f.quota:
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"error":400,"message":"over quota"}`)
	default:
		f.quota -= len(urls)
		f.sent["baidu"] = append(append(f.sent["baidu"], head), urls...)
		fmt.Fprintf(w, `{"remain":%d,"success":%d,"not_same_site":[],"not_valid":[]}`, f.quota, len(urls))
	}
}

func (f *fakeEngines) serveIndexNow(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Host, Key, KeyLocation string
		URLList                []string
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.indexNowCode == http.StatusOK || f.indexNowCode == http.StatusAccepted {
		head := fmt.Sprintf("# host=%s key=%s keyLocation=%s", body.Host, body.Key, body.KeyLocation)
		f.sent["indexnow"] = append(append(f.sent["indexnow"], head), body.URLList...)
	}
	w.WriteHeader(f.indexNowCode)
}

// fake baidu quota N | fake baidu status CODE | fake indexnow status CODE:
// what the fake engines answer from now on (status 0: Baidu takes URLs).
func fakeCmd(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 || neg {
		ts.Fatalf("usage: fake baidu quota N | fake baidu|indexnow status CODE")
	}
	f := ts.Value(fakeEnginesKey{}).(*fakeEngines)
	n, err := strconv.Atoi(args[2])
	ts.Check(err)
	f.mu.Lock()
	defer f.mu.Unlock()
	switch args[0] + " " + args[1] {
	case "baidu quota":
		f.quota = n
	case "baidu status":
		f.baiduStatus = n
	case "indexnow status":
		f.indexNowCode = n
	default:
		ts.Fatalf("fake %s %s: unknown", args[0], args[1])
	}
}

// received baidu|indexnow: print what the engine took since the last
// received, for stdout to check: a "# …" line for each request (Baidu:
// its site, token and content type; IndexNow: its host, key and key
// location), then its URLs, one a line.
func receivedCmd(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 || neg {
		ts.Fatalf("usage: received baidu|indexnow")
	}
	f := ts.Value(fakeEnginesKey{}).(*fakeEngines)
	f.mu.Lock()
	lines := f.sent[args[0]]
	delete(f.sent, args[0])
	f.mu.Unlock()
	out := ts.Stdout() // nothing received is an empty stdout, not the last exec's
	for _, l := range lines {
		fmt.Fprintln(out, l)
	}
}

// TestPushFlags checks flag parsing apart from pushing.
func TestPushFlags(t *testing.T) {
	tests := []struct {
		args []string
		want PushOptions
	}{
		{nil, PushOptions{Source: "."}},
		{[]string{"--source", "site", "--dest", "out", "--base-url", "https://x.example/", "--yes", "--strict"},
			PushOptions{Source: "site", Dest: "out", BaseURL: "https://x.example/", Yes: true, Strict: true}},
		{[]string{"-s", "a", "-d", "b"}, PushOptions{Source: "a", Dest: "b"}},
	}
	for _, tt := range tests {
		var got *PushOptions
		cmd := NewCmdPush(IO{}, func(_ context.Context, o *PushOptions) error { got = o; return nil })
		cmd.SetArgs(tt.args)
		if err := cmd.Execute(); err != nil {
			t.Fatalf("%v: %v", tt.args, err)
		}
		got.IO = IO{}
		if *got != tt.want {
			t.Errorf("%v:\n got %+v\nwant %+v", tt.args, *got, tt.want)
		}
	}
}

// builtSite writes a small site and builds it, for the tests that run
// push in this process.
func builtSite(t *testing.T, settings string) string {
	t.Helper()
	dir := writeSite(t, map[string]string{
		"content/_index.md":                 "---\ntitle: News\n" + settings + "language: en\n---\nHome.\n",
		"content/news/_index.md":            "---\ntitle: News\n---\n",
		"content/news/2024-06-01-launch.md": "---\ntitle: Launch\naliases: [/old-launch/]\n---\nText.\n",
	})
	var errOut bytes.Buffer
	if code := Main(context.Background(), []string{"build", "--quiet", "--no-cache", "--source", dir}, IO{Out: io.Discard, Err: &errOut}); code != ExitOK {
		t.Fatalf("build: exit %d: %s", code, errOut.String())
	}
	return dir
}

// TestPushExitCodes: wrong usage exits 2; a site without a base URL, an
// output that is not there and a key IndexNow would refuse exit 1; a
// dry run exits 0.
func TestPushExitCodes(t *testing.T) {
	site := builtSite(t, "baseURL: https://news.example.com/\n")
	bare := builtSite(t, "")
	t.Setenv(BaiduTokenEnv, "")
	tests := []struct {
		args []string
		key  string
		code int
		want string
	}{
		{[]string{"push", "--source", site}, "", ExitOK, "indexnow: skipped"},
		{[]string{"push", "--source", site, "extra"}, "", ExitUsage, "unexpected argument"},
		{[]string{"push", "--source", filepath.Join(site, "nosuch")}, "", ExitUsage, "not a folder"},
		{[]string{"push", "--source", site, "--nosuch"}, "", ExitUsage, "unknown flag"},
		{[]string{"push", "--source", bare}, "", ExitError, "no baseURL"},
		{[]string{"push", "--source", site, "--dest", filepath.Join(site, "nosuch")}, "", ExitError, "no such folder: build the site first"},
		{[]string{"push", "--source", site}, "short", ExitError, IndexNowKeyEnv + ": not an IndexNow key"},
		{[]string{"push", "--source", site, "--yes"}, "abcd_1234", ExitError, IndexNowKeyEnv + ": not an IndexNow key"},
	}
	for _, tt := range tests {
		t.Setenv(IndexNowKeyEnv, tt.key)
		var out, errOut bytes.Buffer
		if got := Main(context.Background(), tt.args, IO{Out: &out, Err: &errOut}); got != tt.code || !strings.Contains(errOut.String(), tt.want) {
			t.Errorf("bulletin %v = %d, want %d; stderr %q, want %q in it", tt.args, got, tt.code, errOut.String(), tt.want)
		}
	}
}

// TestPushServiceDown: a service that cannot be reached is tried again,
// then a warning, and the push exits 0; with --strict it exits 1. The
// other service's URLs are recorded; the down one's wait for the next
// push, which sends them.
func TestPushServiceDown(t *testing.T) {
	site := builtSite(t, "baseURL: https://news.example.com/\n")
	down := httptest.NewServer(http.NotFoundHandler())
	down.Close()
	var indexNowRequests int
	var mu sync.Mutex
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		mu.Lock()
		indexNowRequests++
		mu.Unlock()
		w.WriteHeader(http.StatusAccepted)
	}))
	defer up.Close()
	t.Setenv(BaiduTokenEnv, "s3cret")
	t.Setenv(BaiduEndpointEnv, down.URL+"/urls")
	t.Setenv(IndexNowKeyEnv, "abcd1234")
	t.Setenv(IndexNowEndpointEnv, up.URL)

	run := func(strict bool) (string, error) {
		var errOut bytes.Buffer
		opts := &PushOptions{IO: IO{Out: io.Discard, Err: &errOut}, Source: site, Yes: true, Strict: strict,
			Sender: push.Sender{Backoff: time.Millisecond}}
		err := pushRun(context.Background(), opts)
		return errOut.String(), err
	}
	stderr, err := run(false)
	if err != nil {
		t.Fatalf("down without --strict: %v", err)
	}
	if !strings.Contains(stderr, "bulletin: warning: baidu: "+down.URL+"/urls: ") || !strings.Contains(stderr, "wait for the next push") || strings.Contains(stderr, "s3cret") {
		t.Errorf("stderr %q: want a warning naming the endpoint, not the token", stderr)
	}
	if !strings.Contains(stderr, "bulletin: indexnow: submitted ") {
		t.Errorf("stderr %q: want IndexNow's pages submitted", stderr)
	}

	stderr, err = run(true)
	if err == nil || !strings.Contains(err.Error(), "1 of 2 services failed (--strict)") {
		t.Errorf("down with --strict: %v, want the push to fail", err)
	}
	if !strings.Contains(stderr, "indexnow: nothing new to submit") {
		t.Errorf("stderr %q: IndexNow was sent its pages again", stderr)
	}
	if indexNowRequests != 1 {
		t.Errorf("%d requests to IndexNow, want 1", indexNowRequests)
	}

	// Baidu is back: it gets every page.
	var got []string
	back := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		urls := strings.Fields(string(body))
		got = append(got, urls...)
		fmt.Fprintf(w, `{"remain":100,"success":%d}`, len(urls))
	}))
	defer back.Close()
	t.Setenv(BaiduEndpointEnv, back.URL)
	if stderr, err = run(true); err != nil {
		t.Fatalf("Baidu back: %v (%s)", err, stderr)
	}
	if len(got) == 0 || !strings.Contains(stderr, fmt.Sprintf("baidu: submitted %d URLs; 100 left of today's quota", len(got))) {
		t.Errorf("Baidu back: sent %q; stderr %q", got, stderr)
	}
}

// TestReportPush: what each service made of a push, in one line each;
// a failure or a refusal is a warning and counts for --strict, a quota
// used up does not.
func TestReportPush(t *testing.T) {
	u := func(n int) []string { return make([]string, n) }
	tests := []struct {
		name string
		sent int
		res  push.Result
		ok   bool
		want string
	}{
		{"all taken", 3, push.Result{Accepted: u(3), Quota: -1}, true,
			"bulletin: indexnow: submitted 3 URLs\n"},
		{"with a quota", 1, push.Result{Accepted: u(1), Quota: 99}, true,
			"bulletin: indexnow: submitted 1 URL; 99 left of today's quota\n"},
		{"quota used up", 5, push.Result{Accepted: u(2), Quota: 0, OverQuota: true}, true,
			"bulletin: indexnow: submitted 2 URLs; 0 left of today's quota\nbulletin: indexnow: today's quota is used up; 3 URLs wait for the next push\n"},
		{"refused", 3, push.Result{Accepted: u(2), Refused: []string{"https://a.example/x"}, Quota: 5}, false,
			"bulletin: indexnow: submitted 2 URLs; 5 left of today's quota\nbulletin: warning: indexnow: refused 1 URL as not valid or not of the site, such as https://a.example/x; they are sent again next time\n"},
		{"down", 2, push.Result{Quota: -1, Err: fmt.Errorf("503 Service Unavailable")}, false,
			"bulletin: warning: indexnow: 503 Service Unavailable; 2 URLs wait for the next push\n"},
		{"down half way", 4001, push.Result{Accepted: u(2001), Quota: 7, Err: fmt.Errorf("EOF")}, false,
			"bulletin: indexnow: submitted 2001 URLs; 7 left of today's quota\nbulletin: warning: indexnow: EOF; 2000 URLs wait for the next push\n"},
	}
	for _, tt := range tests {
		var errOut bytes.Buffer
		if ok := reportPush(IO{Err: &errOut}, "indexnow", tt.sent, tt.res); ok != tt.ok || errOut.String() != tt.want {
			t.Errorf("%s: ok %v, printed\n%s\nwant ok %v,\n%s", tt.name, ok, errOut.String(), tt.ok, tt.want)
		}
	}
}
