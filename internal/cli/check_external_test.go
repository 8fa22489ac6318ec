package cli

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/diag/diagtest"
	"github.com/bulletin-ssg/bulletin/internal/linkcheck"
	"github.com/bulletin-ssg/bulletin/internal/rcache"
)

// partnerSite is another company's site the news links to; it counts
// the requests it gets by path.
type partnerSite struct {
	*httptest.Server
	mu    sync.Mutex
	asked map[string]int
}

func newPartnerSite(t *testing.T) *partnerSite {
	p := &partnerSite{asked: map[string]int{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/about", func(http.ResponseWriter, *http.Request) {})
	mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/about", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/gone", http.NotFound)
	p.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.asked[r.URL.Path]++
		p.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(p.Close)
	return p
}

// take returns the paths asked since the last take, with their counts.
func (p *partnerSite) take() map[string]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := p.asked
	p.asked = map[string]int{}
	return out
}

// TestCheckExternal runs check as a user does, against a partner's site:
// nothing is asked without --external; a broken link exits 1, redirects
// alone exit 0 unless --strict; the answers of the day are kept unless
// --no-cache.
func TestCheckExternal(t *testing.T) {
	partner := newPartnerSite(t)
	srv := partner.URL
	site := writeSite(t, map[string]string{
		"content/_index.md": "---\ntitle: T\nlanguage: en\nmenu:\n  - {name: Partner, url: " + srv + "/old}\n---\n",
		"content/news/a.md": "---\ntitle: A\ndate: 2020-01-01\n---\nSee [our partner](" + srv + "/gone).\n",
	})
	check := func(args ...string) (code int, stdout, stderr string) {
		t.Helper()
		var out, errOut bytes.Buffer
		code = Main(context.Background(), append([]string{"check", "--source", site}, args...), IO{Out: &out, Err: &errOut})
		return code, strings.ReplaceAll(out.String(), srv, "SRV"), errOut.String()
	}
	cacheFile := filepath.Join(site, rcache.Dir, linkcheck.CacheFile)
	broken := `content/news/a.md:5:5: error: link "SRV/gone" is broken: 404 Not Found [broken-external-link]` + "\n"
	redirect := `content/_index.md:5:3: warning: link "SRV/old" redirects (301 Moved Permanently) to "SRV/about": link there instead [redirect]` + "\n"
	for _, step := range []struct {
		name     string
		edit     func()
		args     []string
		code     int
		stdout   string
		stderr   string // a pattern
		asked    map[string]int
		cacheOut bool // the cache file exists after the step
	}{
		{"without --external nothing is asked", nil, nil, ExitOK, "", `^bulletin check: 0 errors, 0 warnings in `, map[string]int{}, false},
		{"a broken link, with --no-cache", nil, []string{"--external", "--no-cache"}, ExitError, redirect + broken,
			`(?m)^bulletin check: 2 external URLs asked, 0 more answered within the last day\nbulletin check: 1 errors, 1 warnings in `,
			map[string]int{"/gone": 2, "/old": 1, "/about": 1}, false},
		{"a broken link", nil, []string{"--external"}, ExitError, redirect + broken, `2 external URLs asked, 0 more`,
			map[string]int{"/gone": 2, "/old": 1, "/about": 1}, true},
		{"the redirect is kept a day, the failure asked again", nil, []string{"--external"}, ExitError, redirect + broken, `1 external URLs asked, 1 more`,
			map[string]int{"/gone": 2}, true},
		{"a redirect alone is a warning", func() {
			os.WriteFile(filepath.Join(site, "content/news/a.md"), []byte("---\ntitle: A\ndate: 2020-01-01\n---\nSee [our partner](/).\n"), 0o644)
		}, []string{"--external"}, ExitOK, redirect, `0 external URLs asked, 1 more.*\n.*0 errors, 1 warnings`, map[string]int{}, true},
		{"and an error with --strict", nil, []string{"--external", "--strict"}, ExitError, strings.Replace(redirect, "warning", "error", 1), `0 errors|1 errors`, map[string]int{}, true},
		{"--no-cache asks again", nil, []string{"--external", "--no-cache", "--format", "json"}, ExitOK,
			`{"file":"content/_index.md","line":5,"column":3,"severity":"warning","code":"redirect","message":"link \"SRV/old\" redirects (301 Moved Permanently) to \"SRV/about\": link there instead"}` + "\n",
			`1 external URLs asked, 0 more`, map[string]int{"/old": 1, "/about": 1}, true},
	} {
		if step.edit != nil {
			step.edit()
		}
		code, stdout, stderr := check(step.args...)
		stdout = diagtest.Slashed(stdout)
		if code != step.code || stdout != step.stdout || !regexp.MustCompile(step.stderr).MatchString(stderr) {
			t.Errorf("%s: exit %d, want %d\nstdout:\n%s\nwant:\n%s\nstderr:\n%s\nwant /%s/", step.name, code, step.code, stdout, step.stdout, stderr, step.stderr)
		}
		if asked := partner.take(); !equalCounts(asked, step.asked) {
			t.Errorf("%s: asked %v, want %v", step.name, asked, step.asked)
		}
		if _, err := os.Stat(cacheFile); (err == nil) != step.cacheOut {
			t.Errorf("%s: cache file: %v, want it there: %v", step.name, err, step.cacheOut)
		}
	}
}

func equalCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, n := range a {
		if b[k] != n {
			return false
		}
	}
	return true
}

// TestCheckExternalFlags checks the flags apart from checking.
func TestCheckExternalFlags(t *testing.T) {
	for _, tt := range []struct {
		args     []string
		external bool
		timeout  time.Duration
		code     int
	}{
		{nil, false, linkcheck.DefaultTimeout, ExitOK},
		{[]string{"--external"}, true, linkcheck.DefaultTimeout, ExitOK},
		{[]string{"--external", "--external-timeout", "3s"}, true, 3 * time.Second, ExitOK},
		{[]string{"--external", "--external-timeout", "0s"}, true, 0, ExitUsage},
		{[]string{"--external-timeout", "soon"}, false, 0, ExitUsage},
	} {
		var got *CheckOptions
		cmd := NewCmdCheck(IO{}, func(_ context.Context, o *CheckOptions) error { got = o; return nil })
		cmd.SetArgs(tt.args)
		cmd.SetOut(&bytes.Buffer{})
		cmd.SetErr(&bytes.Buffer{})
		err := cmd.Execute()
		if tt.code == ExitUsage {
			if err == nil {
				t.Errorf("%v: no error", tt.args)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%v: %v", tt.args, err)
		}
		if got.External != tt.external || got.ExternalTimeout != tt.timeout {
			t.Errorf("%v: external %v, timeout %s", tt.args, got.External, got.ExternalTimeout)
		}
	}
	var out, errOut bytes.Buffer
	if code := Main(context.Background(), []string{"check", "--external-timeout", "-1s"}, IO{Out: &out, Err: &errOut}); code != ExitUsage {
		t.Errorf("--external-timeout -1s: exit %d (%s)", code, errOut.String())
	}
}
