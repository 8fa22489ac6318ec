package cli

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/pagelist"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// axeScript reads axe-core, which .ci/run installs from npm at the
// version .ci/browser pins. CI must run the accessibility test; a local
// run without the package skips it.
func axeScript(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", ".ci", "browser", "node_modules", "axe-core", "axe.min.js"))
	if err == nil {
		return string(b)
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("CI must run the accessibility test: %v (npm ci --prefix .ci/browser)", err)
	}
	t.Skipf("axe-core not installed: skipping the accessibility test (npm ci --prefix .ci/browser): %v", err)
	return ""
}

// a11ySite is the sample site of the repository's root with what it does
// not show (testdata/a11y: a sub-section, a pinned article with a video
// file and a player, callouts, a figure, a wide table, long lines of
// code, a definition list, a task list, a formula), copied so that the
// server's cache stays out of the repository.
func a11ySite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, from := range []string{filepath.Join("..", ".."), filepath.Join("testdata", "a11y")} {
		if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS(filepath.Join(from, "content"))); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// a11yPages reads the pages to check: testdata/a11y/pages.txt, a page
// of every kind the theme has.
func a11yPages(t *testing.T) []pagelist.Page {
	t.Helper()
	pages, err := pagelist.Read(filepath.Join("testdata", "a11y", "pages.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

// a11yModes are the screens every page is checked on: a phone's width
// and a desktop's, each in the light and the dark colour scheme.
var a11yModes = []struct {
	scheme        string
	width, height int64
}{
	{"light", 390, 844},
	{"dark", 390, 844},
	{"light", 1280, 800},
	{"dark", 1280, 800},
}

// axeRun runs every rule axe-core runs by default (WCAG 2.x A and AA,
// and its best practices) on the page as it is now, and gives each
// violation as {id, impact, help, nodes: [{target, summary}]}. Players
// of other sites are left out: their pages are theirs (and out of reach
// of the test), while the iframe element itself is still checked.
const axeRun = `axe.run(document, {iframes: false, resultTypes: ["violations"]}).then(r => r.violations.map(v => ({
	id: v.id, impact: v.impact || "", help: v.help,
	nodes: v.nodes.map(n => ({target: n.target.map(String).join(" "), summary: n.failureSummary || ""})),
})))`

type axeViolation struct {
	ID, Impact, Help string
	Nodes            []struct{ Target, Summary string }
}

// TestBrowserAccessibility checks a page of every kind of the built-in
// theme in headless Chromium, on a phone's and a desktop's width, in
// light and dark mode: it fails on any violation of axe-core's rules,
// and on any element the keyboard reaches that shows no focus. One
// browser and one load of each page serve all four views.
func TestBrowserAccessibility(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test in -short mode")
	}
	exe := chromium(t)
	axe := axeScript(t)
	base := startServe(t, a11ySite(t))
	waitServing(t, base+"/")

	browserCtx := startBrowser(t, exe)
	for _, p := range a11yPages(t) {
		ctx, cancelStep := context.WithTimeout(browserCtx, 60*time.Second)
		// A key pressed first: the page takes the focus moved next as the
		// keyboard's, as it would be for someone who reads with one.
		actions := []chromedp.Action[chromedp.Void]{chromedp.Navigate(base + p.Path)}
		if strings.Contains(p.Path, "?q=") { // a search: checked with its results shown
			actions = append(actions, waitJS(`String(document.querySelectorAll(".search-result").length > 0)`, "true"))
		}
		actions = append(actions, chromedp.Evaluate[chromedp.Void](axe), chromedp.KeyEvent("\t"))
		err := chromedp.Do(ctx, actions...)
		if err != nil {
			cancelStep()
			t.Fatalf("%s %s: open and inject axe-core: %v", p.Kind, p.Path, err)
		}
		for _, m := range a11yModes {
			where := fmt.Sprintf("the %s %s, %s, %d px", p.Kind, p.Path, m.scheme, m.width)
			violations, unseen, err := checkPage(ctx, m.scheme, m.width, m.height)
			if err != nil {
				cancelStep()
				t.Fatalf("%s: %v", where, err)
			}
			for _, v := range violations {
				var b strings.Builder
				fmt.Fprintf(&b, "%s (%s) on %s: %s", v.ID, v.Impact, where, v.Help)
				for _, n := range v.Nodes {
					fmt.Fprintf(&b, "\n\t%s\n\t\t%s", n.Target, strings.ReplaceAll(n.Summary, "\n", "\n\t\t"))
				}
				t.Error(b.String())
			}
			if len(unseen) > 0 {
				t.Errorf("focus not visible on %s:\n\t%s", where, strings.Join(unseen, "\n\t"))
			}
		}
		cancelStep()
	}
}

// checkPage shows the open page in a colour scheme at a size, and gives
// what axe-core finds and the elements whose focus cannot be seen.
func checkPage(ctx context.Context, scheme string, width, height int64) ([]axeViolation, []string, error) {
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	})
	if err != nil {
		return nil, nil, err
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, height)); err != nil {
		return nil, nil, err
	}
	violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, nil, fmt.Errorf("run axe-core: %w", err)
	}
	unseen, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](focusCheck))
	if err != nil {
		return nil, nil, fmt.Errorf("check the focus: %w", err)
	}
	return violations, unseen, nil
}

// focusCheck focuses each element the keyboard reaches, in turn, and
// lists those that show no outline when focused (WCAG 2.4.7, which
// axe-core does not check), or one of less than 3:1 contrast with the
// background it is drawn on (WCAG 1.4.11): the theme's outline stands
// off the element, so that is the background of the element's parent.
const focusCheck = `(() => {
	const rgba = c => { const v = (c.match(/[\d.]+/g) || []).map(Number); return v.length === 3 ? [...v, 1] : v; };
	const lum = ([r, g, b]) => {
		const f = v => (v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
		return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
	};
	const behind = el => {
		for (let e = el.parentElement; e; e = e.parentElement) {
			const c = rgba(getComputedStyle(e).backgroundColor);
			if (c[3] > 0) return c;
		}
		return [255, 255, 255, 1];
	};
	const describe = el => el.outerHTML.slice(0, el.outerHTML.indexOf(">") + 1);
	const unseen = [];
	for (const el of document.querySelectorAll("a[href], button, input, select, textarea, summary, video[controls], iframe, [tabindex]")) {
		if (el.tabIndex < 0 || el.disabled || el.getClientRects().length === 0) continue;
		el.focus({preventScroll: true});
		if (document.activeElement !== el) continue;
		// The focus of a frame is in the other site's page: the box around
		// the frame shows where the keys go.
		const ring = el.tagName === "IFRAME" ? el.parentElement : el;
		const s = getComputedStyle(ring), c = rgba(s.outlineColor), bg = behind(ring);
		if (!ring.matches(ring === el ? ":focus-visible" : ":focus-within") || s.outlineStyle === "none" || parseFloat(s.outlineWidth) < 2 || c[3] === 0) {
			unseen.push(describe(el) + ": no outline");
			continue;
		}
		const [a, b] = [lum(c), lum(bg)];
		const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
		if (ratio < 3) unseen.push(describe(el) + ": outline " + s.outlineColor + " on rgba(" + bg + ") is " + ratio.toFixed(2) + ":1");
	}
	if (document.activeElement) document.activeElement.blur();
	return unseen;
})()`

// waitServing polls url until the server answers it, as `bulletin serve`
// builds the site before it listens.
func waitServing(t *testing.T, url string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not answer: %v", url, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
