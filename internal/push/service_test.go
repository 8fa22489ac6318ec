package push

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// fake is a search engine's endpoint: it keeps every request and
// answers each from a script, the last answer repeating.
type fake struct {
	*httptest.Server
	mu       sync.Mutex
	requests []request
	answers  []func(w http.ResponseWriter, r request)
}

type request struct {
	query       string
	contentType string
	body        string
}

func newFake(t *testing.T, answers ...func(w http.ResponseWriter, r request)) *fake {
	f := &fake{answers: answers}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		req := request{query: r.URL.RawQuery, contentType: r.Header.Get("Content-Type"), body: string(body)}
		f.mu.Lock()
		f.requests = append(f.requests, req)
		answer := f.answers[min(len(f.requests), len(f.answers))-1]
		f.mu.Unlock()
		answer(w, req)
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *fake) got() []request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]request(nil), f.requests...)
}

// status answers with a status and a body.
func status(code int, body string) func(http.ResponseWriter, request) {
	return func(w http.ResponseWriter, _ request) {
		w.WriteHeader(code)
		io.WriteString(w, body)
	}
}

// hangUp closes the connection without an answer.
func hangUp(http.ResponseWriter, request) { panic(http.ErrAbortHandler) }

// baiduTakes answers as Baidu does when it takes every URL sent, with
// quota left of the day's before the request.
func baiduTakes(quota *int) func(http.ResponseWriter, request) {
	return func(w http.ResponseWriter, r request) {
		n := len(strings.Fields(r.body))
		if n > *quota {
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, `{"error":400,"message":"over quota"}`)
			return
		}
		*quota -= n
		fmt.Fprintf(w, `{"remain":%d,"success":%d,"not_same_site":[],"not_valid":[]}`, *quota, n)
	}
}

// quick retries at once: the tests' waits are milliseconds.
var quick = Sender{Backoff: time.Millisecond, Timeout: 5 * time.Second}

func someURLs(n int) []string {
	urls := make([]string, n)
	for i := range urls {
		urls[i] = fmt.Sprintf("%snews/%05d/", base, i)
	}
	return urls
}

func sizes(reqs []request) []int {
	var out []int
	for _, r := range reqs {
		out = append(out, len(strings.Fields(r.body)))
	}
	return out
}

func TestBaiduSite(t *testing.T) {
	tests := []struct{ base, want string }{
		{"https://news.example.com/", "https://news.example.com"},
		{"http://news.example.com/", "news.example.com"},
		{"https://example.com:8443/blog/", "https://example.com:8443"},
	}
	for _, tt := range tests {
		if got, err := BaiduSite(tt.base); err != nil || got != tt.want {
			t.Errorf("BaiduSite(%q) = %q, %v; want %q", tt.base, got, err, tt.want)
		}
	}
	if _, err := BaiduSite("news.example.com"); err == nil {
		t.Error("a base URL without a scheme gives a site")
	}
}

// TestBaiduRequest: text, one URL a line, the site and the token in the
// query.
func TestBaiduRequest(t *testing.T) {
	quota := 100
	f := newFake(t, baiduTakes(&quota))
	b := &Baidu{Endpoint: f.URL + "/urls", Site: "https://news.example.com", Token: "t0k&n", Sender: quick}
	res := b.Submit(context.Background(), someURLs(3))
	if res.Err != nil || len(res.Accepted) != 3 || res.Quota != 97 {
		t.Fatalf("result %+v", res)
	}
	reqs := f.got()
	if reqs[0].query != "site=https%3A%2F%2Fnews.example.com&token=t0k%26n" {
		t.Errorf("query %q", reqs[0].query)
	}
	if reqs[1].contentType != "text/plain" || reqs[1].body != base+"news/00001/\n"+base+"news/00002/\n" {
		t.Errorf("request %+v", reqs[1])
	}
}

func TestBaiduQuotaAndBatches(t *testing.T) {
	tests := []struct {
		name      string
		quota     int
		urls      int
		sizes     []int // of the requests
		accepted  int
		overQuota bool
	}{
		{"one URL", 10, 1, []int{1}, 1, false},
		{"batches of 2000", 100000, 4500, []int{1, 2000, 2000, 499}, 4500, false},
		{"stops at the quota", 5, 12, []int{1, 4}, 5, true},
		{"quota used up by the first", 1, 3, []int{1}, 1, true},
		{"no quota left", 0, 3, []int{1}, 0, true},
		{"quota of exactly the URLs", 3, 3, []int{1, 2}, 3, false},
	}
	for _, tt := range tests {
		quota := tt.quota
		f := newFake(t, baiduTakes(&quota))
		b := &Baidu{Endpoint: f.URL, Site: "news.example.com", Token: "t", Sender: quick}
		urls := someURLs(tt.urls)
		res := b.Submit(context.Background(), urls)
		if res.Err != nil {
			t.Errorf("%s: %v", tt.name, res.Err)
			continue
		}
		if got := sizes(f.got()); !reflect.DeepEqual(got, tt.sizes) {
			t.Errorf("%s: requests of %v URLs, want %v", tt.name, got, tt.sizes)
		}
		if !slices.Equal(res.Accepted, urls[:tt.accepted]) {
			t.Errorf("%s: accepted %d URLs, want the first %d", tt.name, len(res.Accepted), tt.accepted)
		}
		if res.OverQuota != tt.overQuota || res.Quota != quota {
			t.Errorf("%s: over quota %v with %d left, want %v with %d", tt.name, res.OverQuota, res.Quota, tt.overQuota, quota)
		}
	}
}

// TestBaiduRefusals: what Baidu lists as not valid or not of the site is
// refused; a success count short of the rest records none of them.
func TestBaiduRefusals(t *testing.T) {
	urls := someURLs(4)
	f := newFake(t,
		status(200, `{"remain":100,"success":1}`),
		status(200, fmt.Sprintf(`{"remain":98,"success":1,"not_same_site":[%q],"not_valid":[%q]}`, urls[1], urls[2])),
	)
	b := &Baidu{Endpoint: f.URL, Site: "news.example.com", Token: "t", Sender: quick}
	res := b.Submit(context.Background(), urls)
	if !reflect.DeepEqual(res.Accepted, []string{urls[0], urls[3]}) || !reflect.DeepEqual(res.Refused, []string{urls[1], urls[2]}) {
		t.Errorf("accepted %q, refused %q", res.Accepted, res.Refused)
	}

	f = newFake(t, status(200, `{"remain":100,"success":1}`), status(200, `{"remain":99,"success":1}`))
	b.Endpoint = f.URL
	res = b.Submit(context.Background(), urls[:3])
	if !reflect.DeepEqual(res.Accepted, urls[:1]) || len(res.Refused) != 2 {
		t.Errorf("success short of the URLs: accepted %q, refused %q", res.Accepted, res.Refused)
	}
}

// TestRetries: network errors, 429 and 5xx are tried again, up to the
// retries, with growing waits; other refusals are not.
func TestRetries(t *testing.T) {
	ok := status(200, `{"remain":10,"success":1}`)
	tests := []struct {
		name     string
		answers  []func(http.ResponseWriter, request)
		requests int
		err      string // "" for success
	}{
		{"5xx then success", []func(http.ResponseWriter, request){status(502, "bad gateway"), status(503, ""), ok}, 3, ""},
		{"429 then success", []func(http.ResponseWriter, request){status(429, `{"error":429,"message":"too many"}`), ok}, 2, ""},
		{"hang-up then success", []func(http.ResponseWriter, request){hangUp, ok}, 2, ""},
		{"always 500", []func(http.ResponseWriter, request){status(500, `{"error":500,"message":"internal error"}`)}, 4, "500 internal error"},
		{"always hanging up", []func(http.ResponseWriter, request){hangUp}, 4, "EOF"},
		{"401 is not tried again", []func(http.ResponseWriter, request){status(401, `{"error":401,"message":"token is not valid"}`)}, 1, "check the token"},
		{"400 is not tried again", []func(http.ResponseWriter, request){status(400, `{"error":400,"message":"site error"}`)}, 1, "site error"},
		{"an answer not Baidu's", []func(http.ResponseWriter, request){status(200, `<html>`)}, 1, `"<html>"`},
	}
	for _, tt := range tests {
		f := newFake(t, tt.answers...)
		b := &Baidu{Endpoint: f.URL, Site: "news.example.com", Token: "s3cret", Sender: quick}
		res := b.Submit(context.Background(), someURLs(1))
		if n := len(f.got()); n != tt.requests {
			t.Errorf("%s: %d requests, want %d", tt.name, n, tt.requests)
		}
		switch {
		case tt.err == "" && (res.Err != nil || len(res.Accepted) != 1):
			t.Errorf("%s: %+v, want the URL accepted", tt.name, res)
		case tt.err != "" && (res.Err == nil || !strings.Contains(res.Err.Error(), tt.err)):
			t.Errorf("%s: error %v, want one saying %q", tt.name, res.Err, tt.err)
		case res.Err != nil && strings.Contains(res.Err.Error(), "s3cret"):
			t.Errorf("%s: the error shows the token: %v", tt.name, res.Err)
		}
	}
}

// TestBackoff: each wait is twice the one before.
func TestBackoff(t *testing.T) {
	var mu sync.Mutex
	var times []time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		mu.Lock()
		times = append(times, time.Now())
		mu.Unlock()
		w.WriteHeader(503)
	}))
	defer srv.Close()
	s := Sender{Backoff: 20 * time.Millisecond, Retries: 3}
	a, err := s.post(context.Background(), srv.URL, "text/plain", nil)
	if err != nil || a.status != 503 || len(times) != 4 {
		t.Fatalf("%d requests, last %d %v", len(times), a.status, err)
	}
	for i, want := range []time.Duration{20, 40, 80} {
		if gap := times[i+1].Sub(times[i]); gap < want*time.Millisecond {
			t.Errorf("wait %d: %v, want at least %v", i+1, gap, want*time.Millisecond)
		}
	}
}

// TestTimeoutAndDown: a service that does not answer in time, or is not
// there, is an error that names the endpoint without its query.
func TestTimeoutAndDown(t *testing.T) {
	stop := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { <-stop }))
	defer slow.Close()
	defer close(stop)
	s := Sender{Timeout: 50 * time.Millisecond, Retries: -1}
	if _, err := s.post(context.Background(), slow.URL+"/urls?token=s3cret", "text/plain", nil); err == nil || !strings.Contains(err.Error(), "no answer in time") || strings.Contains(err.Error(), "s3cret") {
		t.Errorf("slow service: %v", err)
	}
	down := httptest.NewServer(http.NotFoundHandler())
	down.Close()
	if _, err := s.post(context.Background(), down.URL+"/urls?token=s3cret", "text/plain", nil); err == nil || !strings.Contains(err.Error(), down.URL+"/urls:") || strings.Contains(err.Error(), "s3cret") {
		t.Errorf("service down: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := (Sender{}).post(ctx, down.URL, "text/plain", nil); err != context.Canceled {
		t.Errorf("interrupted: %v", err)
	}
}

func TestCheckIndexNowKey(t *testing.T) {
	tests := []struct {
		key string
		ok  bool
	}{
		{"abcd1234", true},
		{"0f1e2d3c-4b5a-6978-ABCD-ef0123456789", true},
		{strings.Repeat("a", 128), true},
		{"abc1234", false},
		{strings.Repeat("a", 129), false},
		{"abcd_1234", false},
		{"abcd 1234", false},
		{"abcd1234\n", false},
		{"clé-12345", false},
		{"", false},
	}
	for _, tt := range tests {
		if err := CheckIndexNowKey(tt.key); (err == nil) != tt.ok {
			t.Errorf("CheckIndexNowKey(%q) = %v, want ok %v", tt.key, err, tt.ok)
		}
	}
}

// TestIndexNowRequest: JSON with the host, the key, the key's location
// and the URLs, in batches of 10,000; 200 and 202 accept them.
func TestIndexNowRequest(t *testing.T) {
	f := newFake(t, status(200, ""), status(202, ""))
	n := &IndexNow{Endpoint: f.URL + "/indexnow", Base: "https://example.com/blog/", Key: "abcd1234", Sender: quick}
	urls := someURLs(10001)
	res := n.Submit(context.Background(), urls)
	if res.Err != nil || len(res.Accepted) != len(urls) {
		t.Fatalf("accepted %d, %v", len(res.Accepted), res.Err)
	}
	reqs := f.got()
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want 2", len(reqs))
	}
	var body struct {
		Host        string   `json:"host"`
		Key         string   `json:"key"`
		KeyLocation string   `json:"keyLocation"`
		URLList     []string `json:"urlList"`
	}
	if err := json.Unmarshal([]byte(reqs[1].body), &body); err != nil {
		t.Fatal(err)
	}
	if body.Host != "example.com" || body.Key != "abcd1234" || body.KeyLocation != "https://example.com/blog/abcd1234.txt" || !reflect.DeepEqual(body.URLList, urls[10000:]) {
		t.Errorf("body %+v", body)
	}
	if reqs[0].contentType != "application/json; charset=utf-8" {
		t.Errorf("content type %q", reqs[0].contentType)
	}
}

// TestIndexNowRefusals: each refusal says what it means, and nothing is
// accepted; 429 is tried again, the others are not.
func TestIndexNowRefusals(t *testing.T) {
	tests := []struct {
		status, requests int
		want             string
	}{
		{400, 1, "not in IndexNow's format"},
		{403, 1, "the key is not valid: the site does not serve it as https://news.example.com/<key>.txt"},
		{422, 1, "not of the host"},
		{429, 4, "takes this for spam"},
		{404, 1, "404 Not Found"},
		{503, 4, "503 Service Unavailable"},
	}
	for _, tt := range tests {
		f := newFake(t, status(tt.status, ""))
		n := &IndexNow{Endpoint: f.URL, Base: base, Key: "abcd1234", Sender: quick}
		res := n.Submit(context.Background(), someURLs(2))
		if res.Err == nil || !strings.Contains(res.Err.Error(), tt.want) || len(res.Accepted) != 0 {
			t.Errorf("%d: %+v, want an error saying %q", tt.status, res, tt.want)
		}
		if strings.Contains(res.Err.Error(), "abcd1234") {
			t.Errorf("%d: the error shows the key: %v", tt.status, res.Err)
		}
		if got := len(f.got()); got != tt.requests {
			t.Errorf("%d: %d requests, want %d", tt.status, got, tt.requests)
		}
	}
	n := &IndexNow{Endpoint: "http://127.0.0.1:1", Base: base, Key: "short"}
	if res := n.Submit(context.Background(), someURLs(1)); res.Err == nil {
		t.Error("a bad key is sent")
	}
}
