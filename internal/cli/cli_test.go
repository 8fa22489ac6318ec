package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/deploy/s3test"
	"github.com/bulletin-ssg/bulletin/internal/lockedbuf"
	"github.com/bulletin-ssg/bulletin/internal/tmplexec"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/spf13/cobra"
)

func TestMain(m *testing.M) {
	// A panic in tmplexec fails the test (and the bulletin commands of
	// the scripts) instead of falling back to html/template unseen.
	tmplexec.PanicIsFatal = true
	testscript.Main(closingS3{m}, map[string]func(){
		"bulletin": func() { // as cmd/bulletin's main
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
			code := Main(ctx, os.Args[1:], IO{Out: os.Stdout, Err: os.Stderr})
			stop()
			os.Exit(code)
		},
	})
}

// closingS3 stops the S3 store the deploy tests started, once the tests
// ran (testscript.Main exits).
type closingS3 struct{ m *testing.M }

func (c closingS3) Run() int {
	defer s3test.CloseShared()
	return c.m.Run()
}

// TestScripts runs testdata/script/*.txtar: the command line as a user
// types it, with exit codes and messages.
// skipScriptsOnWindows: the scripts are the CLI as a Unix shell sees it:
// they run diff and signal background commands, and match positions
// printed as content/news/a.md (Windows prints content\news\a.md). The
// packages' own tests cover the same behaviour there.
func skipScriptsOnWindows(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the scripts need a Unix shell's tools and paths")
	}
}

func TestScripts(t *testing.T) {
	skipScriptsOnWindows(t)
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			port, err := freePort()
			env.Setenv("PORT", strconv.Itoa(port))
			return err
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"httpwait": httpWait,
			"httpget":  httpGet,
			"ssewait":  sseWait,
			"filewait": fileWait,
			"mtime":    mtimeCmd,
		},
	})
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// httpwait URL TEXT: poll URL until its body contains TEXT (10 s at most).
// With !, poll until it no longer does.
func httpWait(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: httpwait URL TEXT")
	}
	deadline := time.Now().Add(10 * time.Second)
	last := ""
	for time.Now().Before(deadline) {
		res, err := http.Get(args[0])
		if err == nil {
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			last = fmt.Sprintf("%d %s", res.StatusCode, body)
			if strings.Contains(string(body), args[1]) != neg {
				return
			}
		} else {
			last = err.Error()
		}
		time.Sleep(20 * time.Millisecond)
	}
	ts.Fatalf("%s: waited 10s for %q (negated: %v); last answer: %.300s", args[0], args[1], neg, last)
}

// ssewait URL EVENT TEXT: read the event stream at URL until an event
// named EVENT whose data contains TEXT arrives (10 s at most).
func sseWait(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 || neg {
		ts.Fatalf("usage: ssewait URL EVENT TEXT")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, args[0], nil)
	ts.Check(err)
	res, err := http.DefaultClient.Do(req)
	ts.Check(err)
	defer res.Body.Close()
	sc := bufio.NewScanner(res.Body)
	event := ""
	for sc.Scan() {
		line := sc.Text()
		if name, ok := strings.CutPrefix(line, "event: "); ok {
			event = name
		}
		if data, ok := strings.CutPrefix(line, "data: "); ok && event == args[1] && strings.Contains(data, args[2]) {
			return
		}
	}
	ts.Fatalf("%s: no %q event with %q within 10s", args[0], args[1], args[2])
}

// filewait FILE TEXT: poll until FILE holds TEXT (10 s at most); with !,
// until FILE is gone.
func fileWait(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 1 || (!neg && len(args) != 2) {
		ts.Fatalf("usage: filewait FILE TEXT | ! filewait FILE")
	}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		data, err := os.ReadFile(ts.MkAbs(args[0]))
		if neg && os.IsNotExist(err) {
			return
		}
		if !neg && err == nil && strings.Contains(string(data), args[1]) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	ts.Fatalf("%s: waited 10s (negated: %v)", args[0], neg)
}

// mtime FILE old: set FILE's modification time to 2001-01-01 (first use)
// or check that it still is (later uses): a rebuild that rewrote the file
// would have moved it.
func mtimeCmd(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 || args[1] != "old" {
		ts.Fatalf("usage: mtime FILE old")
	}
	file := ts.MkAbs(args[0])
	old := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
	info, err := os.Stat(file)
	ts.Check(err)
	key := "mtime-set:" + file
	if ts.Getenv(key) == "" {
		ts.Check(os.Chtimes(file, old, old))
		ts.Setenv(key, "1")
		return
	}
	if info.ModTime().Equal(old) == neg {
		ts.Fatalf("%s: modification time %s (rewritten: %v)", args[0], info.ModTime(), !info.ModTime().Equal(old))
	}
}

// httpget URL STATUS [HOST]: one GET (with Host, when given) must answer STATUS.
func httpGet(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 {
		ts.Fatalf("usage: httpget URL STATUS [HOST]")
	}
	req, err := http.NewRequest(http.MethodGet, args[0], nil)
	ts.Check(err)
	if len(args) > 2 {
		req.Host = args[2]
	}
	res, err := http.DefaultClient.Do(req)
	ts.Check(err)
	res.Body.Close()
	if got := strconv.Itoa(res.StatusCode); (got == args[1]) == neg {
		ts.Fatalf("GET %s: status %s, want %s", args[0], got, args[1])
	}
}

// TestBuildFlags checks flag parsing apart from building.
func TestBuildFlags(t *testing.T) {
	tests := []struct {
		args []string
		want BuildOptions
	}{
		{nil, BuildOptions{SiteFlags: SiteFlags{Source: "."}}},
		{[]string{"--source", "site", "--dest", "out", "--base-url", "https://x.example/", "--drafts", "--future", "--expired", "--quiet", "--clean-dest"},
			BuildOptions{SiteFlags: SiteFlags{Source: "site", Drafts: true, Future: true, Expired: true}, Dest: "out", BaseURL: "https://x.example/", Quiet: true, CleanDest: true}},
		{[]string{"-s", "a", "-d", "b", "-DFEq"}, BuildOptions{SiteFlags: SiteFlags{Source: "a", Drafts: true, Future: true, Expired: true}, Dest: "b", Quiet: true}},
		{[]string{"--html-template-only", "-v"}, BuildOptions{SiteFlags: SiteFlags{Source: ".", HTMLTemplateOnly: true, Verbose: true}}},
	}
	for _, tt := range tests {
		var got *BuildOptions
		cmd := NewCmdBuild(IO{}, func(_ context.Context, o *BuildOptions) error { got = o; return nil })
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

// TestSiteFlagsOfEveryCommand: the flags of a site's commands are the
// same on build, serve, watch and check.
func TestSiteFlagsOfEveryCommand(t *testing.T) {
	args := []string{"--html-template-only", "-v", "--no-cache"}
	want := SiteFlags{Source: ".", HTMLTemplateOnly: true, Verbose: true, NoCache: true}
	var got []SiteFlags
	for _, cmd := range []*cobra.Command{
		NewCmdBuild(IO{}, func(_ context.Context, o *BuildOptions) error { got = append(got, o.SiteFlags); return nil }),
		NewCmdServe(IO{}, func(_ context.Context, o *ServeOptions) error { got = append(got, o.SiteFlags); return nil }),
		NewCmdWatch(IO{}, func(_ context.Context, o *WatchOptions) error { got = append(got, o.SiteFlags); return nil }),
		NewCmdCheck(IO{}, func(_ context.Context, o *CheckOptions) error { got = append(got, o.SiteFlags); return nil }),
	} {
		cmd.SetArgs(args)
		if err := cmd.Execute(); err != nil {
			t.Fatalf("%s %v: %v", cmd.Name(), args, err)
		}
		if got[len(got)-1] != want {
			t.Errorf("%s %v:\n got %+v\nwant %+v", cmd.Name(), args, got[len(got)-1], want)
		}
	}
	if opts := want.buildOptions(nil, "", nil); !opts.HTMLTemplateOnly {
		t.Error("--html-template-only does not reach the build's options")
	}
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"version"}, ExitOK},
		{[]string{"--help"}, ExitOK},
		{[]string{"nosuch"}, ExitUsage},
		{[]string{"build", "--nosuch"}, ExitUsage},
		{[]string{"build", "extra"}, ExitUsage},
		{[]string{"build", "--source", "/nonexistent/site"}, ExitUsage},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		if got := Main(context.Background(), tt.args, IO{Out: &out, Err: &errOut}); got != tt.code {
			t.Errorf("bulletin %v = %d, want %d (stderr %q)", tt.args, got, tt.code, errOut.String())
		}
	}
}

// TestCheckJSON parses --format json: one object per finding, with the
// fields CI annotations need.
func TestCheckJSON(t *testing.T) {
	site := writeSite(t, map[string]string{
		"content/_index.md": "---\ntitle: T\nlanguage: zh-CN\n---\n",
		"content/news/a.md": "---\ntitle: A\ndate: 2020-01-01\n---\n![x](gone.png)\n",
	})
	var out, errOut bytes.Buffer
	code := Main(context.Background(), []string{"check", "--source", site, "--format", "json"}, IO{Out: &out, Err: &errOut})
	if code != ExitError {
		t.Fatalf("exit %d, want %d (%s)", code, ExitError, errOut.String())
	}
	type finding struct {
		File     string `json:"file"`
		Line     int    `json:"line"`
		Column   int    `json:"column"`
		Severity string `json:"severity"`
		Code     string `json:"code"`
		Message  string `json:"message"`
	}
	var got []finding
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var f finding
		if err := json.Unmarshal([]byte(line), &f); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		got = append(got, f)
	}
	want := []finding{
		{"content/_index.md", 1, 1, "warning", "missing-icp", "the site is in zh-CN but its footer has no ICP filing number (footer: {icp: 京ICP备…号}); sites hosted in China must show it"},
		{"content/news/a.md", 5, 1, "error", "missing-image", `image "gone.png" leads nowhere: there is no content/news/gone.png`},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("finding %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

// TestServePortTaken: a port in use is a clear usage error, not a trace.
func TestServePortTaken(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	site := writeSite(t, map[string]string{"content/_index.md": "---\ntitle: T\n---\n"})
	var out, errOut bytes.Buffer
	code := Main(context.Background(), []string{"serve", "--source", site, "--port", port}, IO{Out: &out, Err: &errOut})
	if code != ExitUsage || !strings.Contains(errOut.String(), "port "+port+" on 127.0.0.1 is already in use") {
		t.Errorf("exit %d, stderr %q", code, errOut.String())
	}
}

// TestServeWarnsBeyondLoopback: binding anything but loopback says so.
func TestServeWarnsBeyondLoopback(t *testing.T) {
	tests := map[string]bool{"127.0.0.1": true, "::1": true, "localhost": true, "0.0.0.0": false, "192.168.1.10": false, "::": false}
	for host, want := range tests {
		if got := isLoopback(host); got != want {
			t.Errorf("isLoopback(%q) = %v, want %v", host, got, want)
		}
	}
	site := writeSite(t, map[string]string{"content/_index.md": "---\ntitle: T\n---\n"})
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var out lockedbuf.Buffer
	done := make(chan int, 1)
	go func() {
		done <- Main(ctx, []string{"serve", "--source", site, "--bind", "0.0.0.0", "--port", strconv.Itoa(port)}, IO{Out: &out, Err: &out})
	}()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), "Serving") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	<-done
	if !strings.Contains(out.String(), "warning: serving beyond this machine") {
		t.Errorf("no warning for --bind 0.0.0.0:\n%s", out.String())
	}
}
