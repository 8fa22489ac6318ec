package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/headless"
	"github.com/chromedp/chromedp"
)

// chromium finds the browser for the browser test. CI installs it (see
// .ci/run) and must run the test; a local run without it skips.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("CI must run the browser test: install chromium (apt-get install -y chromium)")
	}
	t.Skip("chromium not installed: skipping the browser test (apt-get install -y chromium)")
	return ""
}

// startServe runs `bulletin serve` in this process on a free port and
// returns its URL; it stops when the test ends.
func startServe(t *testing.T, site string) string {
	t.Helper()
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- Main(ctx, []string{"serve", "--source", site, "--port", strconv.Itoa(port)}, IO{Out: &out, Err: &errOut})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("serve did not stop")
		}
	})
	return fmt.Sprintf("http://127.0.0.1:%d", port)
}

// browserOptions start headless Chromium with an empty profile and no
// network traffic of its own, then the given options.
func browserOptions(t *testing.T, exe string, more ...chromedp.ExecAllocatorOption) []chromedp.ExecAllocatorOption {
	return append(headless.Options(exe, t.TempDir()), more...)
}

// startBrowser starts Chromium (exe) with browserOptions and more, and
// gives its context; the browser stops when the test ends. The start
// has no deadline (a deadline on it would stop the browser); callers
// give each step one.
func startBrowser(t *testing.T, exe string, more ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), browserOptions(t, exe, more...)...)
	t.Cleanup(cancelAlloc)
	browserCtx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(cancel)
	if err := chromedp.Do(browserCtx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return browserCtx
}

func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestBrowserLiveReload opens an article in headless Chromium, edits its
// Markdown, and waits for the open page to show the new text with no
// manual reload; a stylesheet change is swapped in; a broken save shows
// the error overlay and a fix clears it.
func TestBrowserLiveReload(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test in -short mode")
	}
	exe := chromium(t)
	article := "---\ntitle: Ministers talk\ndate: 2020-07-30 16:20\n---\n%s\n"
	site := writeSite(t, map[string]string{
		"content/_index.md":               "---\ntitle: Preview\nlanguage: zh-CN\n---\n",
		"content/news/2020-07-30-talk.md": fmt.Sprintf(article, "Original words."),
		"assets/css/extra.css":            "body{}",
		"layouts/partials/extra.html":     "",
	})
	base := startServe(t, site)

	browserCtx := startBrowser(t, exe)
	step := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		ctx, cancel := context.WithTimeout(browserCtx, 20*time.Second)
		defer cancel()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	edit := func(body string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(site, "content/news/2020-07-30-talk.md"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	step("open the article", chromedp.Navigate(base+"/news/talk/"), waitText("Original words."))
	// Mark this document: a reload makes a new one, without the mark.
	step("mark the page", setMark(), waitEventStream())

	edit(fmt.Sprintf(article, "Edited words."))
	step("the open page shows the edit", waitText("Edited words."), waitJS(`window.bulletinMark ? "same" : "reloaded"`, "reloaded"))
	step("mark the page", setMark(), waitEventStream())

	// A broken save: an overlay with file and line; a fix clears it.
	edit("---\ntitle: Ministers talk\ndate: 2020-13-30\n---\nBroken.\n")
	step("the error overlay", waitJS(`(document.getElementById("bulletin-error")||{}).textContent||""`, "content/news/2020-07-30-talk.md:3:7"))
	edit(fmt.Sprintf(article, "Fixed words."))
	step("the fix", waitText("Fixed words."), waitJS(`document.getElementById("bulletin-error") ? "overlay" : "clear"`, "clear"))
	step("mark the page", setMark(), waitEventStream())

	// A stylesheet-only change swaps the stylesheet without a reload.
	if err := os.WriteFile(filepath.Join(site, "assets/css/style.css"), []byte("body{outline:1px solid red}"), 0o644); err != nil {
		t.Fatal(err)
	}
	step("the stylesheet swap",
		waitJS(`Array.from(document.querySelectorAll("link[rel=stylesheet]")).map(l => l.href).join(" ")`, "bulletin-reload="),
		waitJS(`window.bulletinMark ? "same" : "reloaded"`, "same"))
}

func setMark() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Evaluate[bool](`(window.bulletinMark = true)`)(ctx, t)
		return err
	})
}

// waitText polls until the page's text contains s.
func waitText(s string) chromedp.Action[chromedp.Void] {
	return waitJS(`document.body ? document.body.innerText : ""`, s)
}

// waitEventStream waits until the page's live-reload stream is open, so an
// edit made next cannot slip in before the page listens.
func waitEventStream() chromedp.Action[chromedp.Void] {
	return waitJS(`window.bulletinLiveReload && window.bulletinLiveReload.readyState === 1 ? "open" : "no"`, "open")
}

// waitJS polls a JavaScript expression until its string value contains want.
func waitJS(expr, want string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		var got string
		for {
			v, err := chromedp.Evaluate[string](expr)(ctx, t)
			if err == nil {
				got = v
				if strings.Contains(got, want) {
					return nil
				}
			}
			select {
			case <-ctx.Done():
				return fmt.Errorf("waiting for %q in %s: last %q: %w", want, expr, got, ctx.Err())
			case <-time.After(25 * time.Millisecond):
			}
		}
	})
}

// TestBrowserLanguageChoice: with every language under its tag, / sends a
// browser to the language it prefers among the site's, else to the
// default language.
func TestBrowserLanguageChoice(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test in -short mode")
	}
	exe := chromium(t)
	site := writeSite(t, map[string]string{
		"content/_index.md":    "---\ntitle: 新闻\nlanguage: zh-CN\ndefaultLanguageInSubdir: true\nfooter: {icp: 京ICP备1号}\nlanguages:\n  en: {title: News}\n  ja: {title: ニュース}\n---\n",
		"content/news/a.md":    "---\ntitle: 甲\ndate: 2020-07-30\n---\n甲。\n",
		"content/news/a.en.md": "---\ntitle: A\ndate: 2020-07-30\n---\nA.\n",
	})
	base := startServe(t, site)
	for _, tc := range []struct{ prefers, lands string }{
		{"en-US,en", "/en/"},
		{"ja", "/ja/"},
		{"zh", "/zh-cn/"},
		{"fr-FR,fr", "/zh-cn/"}, // none of the site's: the default
	} {
		t.Run(tc.prefers, func(t *testing.T) {
			browserCtx := startBrowser(t, exe,
				chromedp.Flag("lang", strings.Split(tc.prefers, ",")[0]),
				chromedp.Flag("accept-lang", tc.prefers))
			ctx, cancelStep := context.WithTimeout(browserCtx, 20*time.Second)
			defer cancelStep()
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"), waitJS(`location.pathname`, tc.lands)); err != nil {
				t.Fatalf("browser preferring %s: %v", tc.prefers, err)
			}
		})
	}
}
