package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/rogpeppe/go-internal/testscript"

	"github.com/bulletin-ssg/bulletin/internal/deploy"
	"github.com/bulletin-ssg/bulletin/internal/deploy/s3test"
	"github.com/bulletin-ssg/bulletin/internal/diag/diagtest"
)

// TestDeployScripts runs testdata/deploy/*.txtar: bulletin deploy as CI
// runs it, against a real S3 store (SeaweedFS on 127.0.0.1), each
// script with a bucket of its own: $DEPLOY_URL is its target URL, for
// the settings the scripts write with expand.
func TestDeployScripts(t *testing.T) {
	server := s3test.Shared(t)
	testscript.Run(t, testscript.Params{
		Dir: "testdata/deploy",
		Setup: func(env *testscript.Env) error {
			name := server.NewBucket(env.T().(testing.TB))
			env.Values[bucketKey{}] = name
			env.Setenv("BUCKET", name)
			env.Setenv("DEPLOY_URL", fmt.Sprintf("s3://%s/?endpoint=%s&region=us-east-1&use_path_style=true", name, server.Endpoint))
			env.Setenv("AWS_ACCESS_KEY_ID", s3test.AccessKeyID)
			env.Setenv("AWS_SECRET_ACCESS_KEY", s3test.SecretAccessKey)
			h := newHolder(server.Endpoint)
			env.Defer(h.close)
			env.Values[holderKey{}] = h
			env.Setenv("HELD_URL", fmt.Sprintf("s3://%s/?endpoint=%s&region=us-east-1&use_path_style=true", name, h.URL))
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"expand": expandCmd,
			"bucket": func(ts *testscript.TestScript, neg bool, args []string) { bucketCmd(ts, neg, args, server) },
			"hold":   holdCmd,
		},
	})
}

type bucketKey struct{}

// expand SRC DST: copy SRC to DST with $VARIABLES replaced by the
// script's environment.
func expandCmd(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 || neg {
		ts.Fatalf("usage: expand SRC DST")
	}
	data := ts.ReadFile(args[0])
	dst := ts.MkAbs(args[1])
	ts.Check(os.MkdirAll(filepath.Dir(dst), 0o755))
	ts.Check(os.WriteFile(dst, []byte(os.Expand(data, ts.Getenv)), 0o644))
}

// bucket ls: print the script's bucket's keys, one a line;
// bucket head KEY: print the headers it serves KEY with;
// bucket put KEY TEXT: put an object there, as another tool would;
// bucket cat KEY: print what it holds at KEY.
func bucketCmd(ts *testscript.TestScript, neg bool, args []string, server *s3test.Server) {
	if len(args) == 0 || neg {
		ts.Fatalf("usage: bucket ls | head KEY | put KEY TEXT | cat KEY")
	}
	name := ts.Value(bucketKey{}).(string)
	c, err := server.Client()
	ts.Check(err)
	ctx := context.Background()
	out := ts.Stdout()
	switch {
	case args[0] == "ls" && len(args) == 1:
		var keys []string
		for o := range c.ListObjects(ctx, name, minio.ListObjectsOptions{Recursive: true}) {
			ts.Check(o.Err)
			keys = append(keys, o.Key)
		}
		slices.Sort(keys)
		for _, k := range keys {
			fmt.Fprintln(out, k)
		}
	case args[0] == "head" && len(args) == 2:
		h, err := server.Head(name, args[1])
		ts.Check(err)
		for _, k := range []string{"Content-Type", "Cache-Control", "Content-Encoding"} {
			if v := h.Get(k); v != "" {
				fmt.Fprintf(out, "%s: %s\n", k, v)
			}
		}
	case args[0] == "put" && len(args) == 3:
		_, err := c.PutObject(ctx, name, args[1], strings.NewReader(args[2]), int64(len(args[2])), minio.PutObjectOptions{})
		ts.Check(err)
	case args[0] == "cat" && len(args) == 2:
		o, err := c.GetObject(ctx, name, args[1], minio.GetObjectOptions{})
		ts.Check(err)
		defer o.Close()
		_, err = io.Copy(out, o)
		ts.Check(err)
	default:
		ts.Fatalf("usage: bucket ls | head KEY | put KEY TEXT | cat KEY")
	}
}

type holderKey struct{}

// holder is the store behind a proxy that can hold an upload: while it
// holds it, the script kills the deploy, which is then part way at a
// known point.
type holder struct {
	*httptest.Server
	mu      sync.Mutex
	puts    int
	holdAt  int           // the PUT to hold, counting from 1; 0: none
	holding chan struct{} // closed once that PUT is held
	release chan struct{}
}

func newHolder(endpoint string) *holder {
	target, _ := url.Parse(endpoint)
	proxy := httputil.NewSingleHostReverseProxy(target)
	h := &holder{holding: make(chan struct{}), release: make(chan struct{})}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPut {
			h.mu.Lock()
			h.puts++
			hold := h.puts == h.holdAt
			h.mu.Unlock()
			if hold {
				close(h.holding)
				select {
				case <-h.release:
				case <-r.Context().Done():
				}
				http.Error(w, "held", http.StatusServiceUnavailable)
				return
			}
		}
		// The request's Host stays the proxy's, which the client
		// signed.
		proxy.ServeHTTP(w, r)
	}))
	return h
}

func (h *holder) close() {
	close(h.release)
	h.Server.Close()
}

// hold N: from now on, hold the Nth upload through $HELD_URL, counting
// from the next; hold wait: wait until it is held (10 s at most).
func holdCmd(ts *testscript.TestScript, neg bool, args []string) {
	h := ts.Value(holderKey{}).(*holder)
	if len(args) != 1 || neg {
		ts.Fatalf("usage: hold N | hold wait")
	}
	if args[0] == "wait" {
		select {
		case <-h.holding:
		case <-time.After(10 * time.Second):
			ts.Fatalf("no upload was held within 10s")
		}
		return
	}
	n, err := strconv.Atoi(args[0])
	ts.Check(err)
	h.mu.Lock()
	h.holdAt = h.puts + n
	h.mu.Unlock()
}

// TestDeployFlags checks flag parsing apart from deploying.
func TestDeployFlags(t *testing.T) {
	tests := []struct {
		args []string
		want DeployOptions
	}{
		{nil, DeployOptions{Source: ".", MaxDeletes: DefaultMaxDeletes, Workers: deploy.DefaultWorkers}},
		{[]string{"--source", "site", "--dest", "out", "--target", "prod", "--base-url", "https://x.example/", "--yes", "--force", "--all", "--max-deletes", "10", "--workers", "2"},
			DeployOptions{Source: "site", Dest: "out", Target: "prod", BaseURL: "https://x.example/", Yes: true, Force: true, All: true, MaxDeletes: 10, Workers: 2}},
		{[]string{"-s", "a", "-d", "b", "-t", "c", "--dry-run"}, DeployOptions{Source: "a", Dest: "b", Target: "c", DryRun: true, MaxDeletes: DefaultMaxDeletes, Workers: deploy.DefaultWorkers}},
	}
	for _, tt := range tests {
		var got *DeployOptions
		cmd := NewCmdDeploy(IO{}, func(_ context.Context, o *DeployOptions) error { got = o; return nil })
		cmd.SetArgs(tt.args)
		if err := cmd.Execute(); err != nil {
			t.Fatalf("%v: %v", tt.args, err)
		}
		got.IO = IO{}
		if fmt.Sprintf("%+v", *got) != fmt.Sprintf("%+v", tt.want) {
			t.Errorf("%v:\n got %+v\nwant %+v", tt.args, *got, tt.want)
		}
	}
}

// deploySite writes and builds a small site whose settings name the
// targets given.
func deploySite(t *testing.T, deploySettings string) string {
	t.Helper()
	return builtSite(t, "baseURL: https://news.example.com/\n"+deploySettings)
}

// TestDeployExitCodes: wrong usage exits 2 and names the fix; settings,
// keys or an output that cannot be deployed exit 1 before any request;
// keys never show.
func TestDeployExitCodes(t *testing.T) {
	one := deploySite(t, "deploy:\n  targets:\n    - {name: prod, url: \"s3://news/?endpoint=http://127.0.0.1:1&use_path_style=true\"}\n")
	two := deploySite(t, "deploy:\n  targets:\n    - {name: prod, url: \"s3://news/?endpoint=http://127.0.0.1:1\"}\n    - {name: staging, url: \"s3://news/staging/?endpoint=http://127.0.0.1:1\"}\n")
	none := deploySite(t, "")
	empty := t.TempDir()
	os.MkdirAll(filepath.Join(empty, "content"), 0o755)
	os.WriteFile(filepath.Join(empty, "content/_index.md"), []byte("---\ndeploy:\n  targets: [{name: prod, url: \"s3://news/?region=x\"}]\n---\n"), 0o644)
	os.MkdirAll(filepath.Join(empty, "public"), 0o755)
	bad := t.TempDir()
	os.MkdirAll(filepath.Join(bad, "content"), 0o755)
	os.WriteFile(filepath.Join(bad, "content/_index.md"), []byte("---\ndeploy:\n  targets:\n    - {name: prod, url: \"s3://news/../x?region=x\"}\n---\n"), 0o644)
	os.Remove(filepath.Join(two, "public", ".bulletin-manifest.json"))

	t.Setenv("AWS_ACCESS_KEY_ID", "AKIDSECRETID")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "the-secret-value")
	tests := []struct {
		args []string
		env  map[string]string
		code int
		want string
	}{
		{[]string{"deploy", "--source", one}, nil, ExitUsage, "not at a terminal: add --yes to deploy, or --dry-run"},
		{[]string{"deploy", "--source", one, "--yes", "--dry-run"}, nil, ExitUsage, "--yes and --dry-run: choose one"},
		{[]string{"deploy", "--source", one, "--yes", "--workers", "0"}, nil, ExitUsage, "--workers 0: want 1 or more"},
		{[]string{"deploy", "--source", one, "--yes", "extra"}, nil, ExitUsage, "unexpected argument"},
		{[]string{"deploy", "--source", one, "--yes", "--target", "nosuch"}, nil, ExitUsage, "--target nosuch: content/_index.md names no such target (it has prod)"},
		{[]string{"deploy", "--source", two, "--yes"}, nil, ExitUsage, "content/_index.md names 2 targets (prod, staging): choose one with --target"},
		{[]string{"deploy", "--source", none, "--yes"}, nil, ExitError, "content/_index.md: no deploy targets: add deploy:"},
		{[]string{"deploy", "--source", bad, "--yes"}, nil, ExitError, `content/_index.md:4:5: deploy.targets[0] (prod): url: prefix "../x": a segment ".." would write outside the prefix`},
		{[]string{"deploy", "--source", one, "--yes"}, map[string]string{"AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": ""}, ExitError, "prod: no keys: set $AWS_ACCESS_KEY_ID and $AWS_SECRET_ACCESS_KEY (or $BULLETIN_DEPLOY_PROD_ACCESS_KEY_ID"},
		{[]string{"deploy", "--source", one, "--yes"}, map[string]string{"AWS_SECRET_ACCESS_KEY": ""}, ExitError, "prod: $AWS_ACCESS_KEY_ID and $AWS_SECRET_ACCESS_KEY: one is set, the other is not"},
		{[]string{"deploy", "--source", one, "--yes", "--dest", filepath.Join(one, "nosuch")}, nil, ExitError, "no such folder: build the site first"},
		{[]string{"deploy", "--source", two, "--yes", "--target", "staging"}, nil, ExitError, "public: no .bulletin-manifest.json: not the output of a finished build; build the site first"},
		{[]string{"deploy", "--source", empty, "--yes"}, nil, ExitError, "public: no .bulletin-manifest.json"},
		// Nothing listens there: the store cannot be reached, and the
		// message names neither key.
		{[]string{"deploy", "--source", one, "--yes"}, nil, ExitError, "prod: reading .bulletin-deploy.json: "},
	}
	for _, tt := range tests {
		for k, v := range tt.env {
			t.Setenv(k, v)
		}
		var out, errOut bytes.Buffer
		got := Main(context.Background(), tt.args, IO{Out: &out, Err: &errOut})
		if got != tt.code || !strings.Contains(diagtest.Slashed(errOut.String()), tt.want) || strings.Contains(errOut.String(), "AKIDSECRETID") || strings.Contains(errOut.String(), "the-secret-value") {
			t.Errorf("bulletin %v = %d, want %d; stderr %q, want %q in it", tt.args, got, tt.code, errOut.String(), tt.want)
		}
		t.Setenv("AWS_ACCESS_KEY_ID", "AKIDSECRETID")
		t.Setenv("AWS_SECRET_ACCESS_KEY", "the-secret-value")
	}
}

// TestDeployKeysFromEnvironment: a target's own variables come first,
// then bulletin's, then AWS's.
func TestDeployKeysFromEnvironment(t *testing.T) {
	for _, k := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"} {
		t.Setenv(k, "aws-"+k)
	}
	t.Setenv("BULLETIN_DEPLOY_ACCESS_KEY_ID", "bulletin-id")
	t.Setenv("BULLETIN_DEPLOY_SECRET_ACCESS_KEY", "bulletin-secret")
	t.Setenv("BULLETIN_DEPLOY_SESSION_TOKEN", "")
	t.Setenv("BULLETIN_DEPLOY_CN_PROD_ACCESS_KEY_ID", "own-id")
	t.Setenv("BULLETIN_DEPLOY_CN_PROD_SECRET_ACCESS_KEY", "own-secret")
	tests := map[string]deploy.Credentials{
		"cn-prod": {AccessKeyID: "own-id", SecretAccessKey: "own-secret"},
		"staging": {AccessKeyID: "bulletin-id", SecretAccessKey: "bulletin-secret"},
	}
	for target, want := range tests {
		if got, err := deployCredentials(target); err != nil || got != want {
			t.Errorf("%s: %+v, %v; want %+v", target, got, err, want)
		}
	}
	t.Setenv("BULLETIN_DEPLOY_ACCESS_KEY_ID", "")
	t.Setenv("BULLETIN_DEPLOY_SECRET_ACCESS_KEY", "")
	want := deploy.Credentials{AccessKeyID: "aws-AWS_ACCESS_KEY_ID", SecretAccessKey: "aws-AWS_SECRET_ACCESS_KEY", SessionToken: "aws-AWS_SESSION_TOKEN"}
	if got, err := deployCredentials("staging"); err != nil || got != want {
		t.Errorf("AWS's: %+v, %v", got, err)
	}
}

// siteOnS3 is a built site whose one target, prod, is a new bucket of
// the shared store (with more settings of the target), and the keys of
// the store in the environment.
func siteOnS3(t *testing.T, more string) (site string, server *s3test.Server, bucket string) {
	server = s3test.Shared(t)
	bucket = server.NewBucket(t)
	site = deploySite(t, fmt.Sprintf("deploy:\n  targets:\n    - {name: prod, url: \"s3://%s/?endpoint=%s&region=us-east-1&use_path_style=true\"%s}\n", bucket, server.Endpoint, more))
	t.Setenv("AWS_ACCESS_KEY_ID", s3test.AccessKeyID)
	t.Setenv("AWS_SECRET_ACCESS_KEY", s3test.SecretAccessKey)
	return site, server, bucket
}

// TestDeployTerminal: at a terminal, deploy without --yes is a dry run.
func TestDeployTerminal(t *testing.T) {
	site, server, name := siteOnS3(t, "")
	var out, errOut bytes.Buffer
	opts := &DeployOptions{IO: IO{Out: &out, Err: &errOut}, Source: site, MaxDeletes: DefaultMaxDeletes, Workers: 2, Terminal: func() bool { return true }}
	if err := deployRun(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "upload index.html (new, ") || !strings.Contains(errOut.String(), "a dry run: --yes deploys") {
		t.Errorf("stdout %q\nstderr %q", out.String(), errOut.String())
	}
	c, _ := server.Client()
	for o := range c.ListObjects(context.Background(), name, minio.ListObjectsOptions{Recursive: true}) {
		t.Errorf("the dry run put %s in the bucket", o.Key)
	}

	// With --yes at a terminal, one line kept up to date.
	out.Reset()
	errOut.Reset()
	opts.Yes, opts.DryRun = true, false
	if err := deployRun(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errOut.String(), "\r\x1b[Kbulletin: prod: sitemap: ") || !strings.Contains(errOut.String(), "bulletin: prod: deployed: uploaded ") {
		t.Errorf("stderr %q", errOut.String())
	}
}

// TestDeployCDN: after a deploy, the CDN refreshes the URLs of what
// changed, each page at its folder's URL too; a CDN that refuses fails
// the command once the site is deployed, saying so.
func TestDeployCDN(t *testing.T) {
	site, _, _ := siteOnS3(t, ", cdn: {provider: tencent}")
	var (
		mu     sync.Mutex
		purged []string
		refuse bool
	)
	fake := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		defer mu.Unlock()
		if refuse {
			io.WriteString(w, `{"Response":{"Error":{"Code":"AuthFailure","Message":"refused"},"RequestId":"r"}}`)
			return
		}
		purged = append(purged, r.Header.Get("X-TC-Action")+" "+string(body))
		io.WriteString(w, `{"Response":{"TaskId":"t","RequestId":"r"}}`)
	}))
	defer fake.Close()
	t.Setenv(CDNEndpointEnv, fake.URL)
	run := func() (string, error) {
		var errOut bytes.Buffer
		err := deployRun(context.Background(), &DeployOptions{IO: IO{Out: io.Discard, Err: &errOut}, Source: site, Yes: true, MaxDeletes: DefaultMaxDeletes, Workers: 2})
		return errOut.String(), err
	}
	stderr, err := run()
	if err != nil {
		t.Fatal(err, stderr)
	}
	if len(purged) != 1 || !strings.HasPrefix(purged[0], "PurgeUrlsCache ") || !strings.Contains(purged[0], `"https://news.example.com/news/"`) || !strings.Contains(purged[0], `"https://news.example.com/news/index.html"`) {
		t.Errorf("purged %q", purged)
	}
	if !strings.Contains(stderr, "bulletin: prod: cdn tencent: refreshed ") {
		t.Errorf("stderr %q", stderr)
	}
	// Nothing changed: nothing to refresh.
	purged = nil
	if stderr, err = run(); err != nil || len(purged) != 0 {
		t.Errorf("nothing changed: purged %q, %v (%s)", purged, err, stderr)
	}
	// The CDN refuses: the deploy is made, the command fails saying so.
	os.WriteFile(filepath.Join(site, "content/about.md"), []byte("---\ntitle: About us\n---\nNew text.\n"), 0o644)
	var errOut bytes.Buffer
	if code := Main(context.Background(), []string{"build", "--quiet", "--source", site}, IO{Out: io.Discard, Err: &errOut}); code != ExitOK {
		t.Fatal(errOut.String())
	}
	refuse = true
	stderr, err = run()
	if err == nil || !strings.Contains(err.Error(), "prod: deployed, but the CDN (tencent) did not refresh ") || !strings.Contains(stderr, "deployed: uploaded ") {
		t.Errorf("a refusing CDN: %v (%s)", err, stderr)
	}
}
