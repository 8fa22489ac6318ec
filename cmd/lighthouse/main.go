// Command lighthouse measures the built-in theme with Lighthouse: it
// builds a site (by default the sample site with the additions of the
// accessibility test, internal/cli/testdata/a11y), serves the output on
// 127.0.0.1, runs Lighthouse in headless Chromium on a page of every
// kind (the test's list, pages.txt there), as a phone and as a desktop,
// and prints the four category scores of each as a Markdown table, then
// every audit that cost a point.
//
//	npm ci --prefix cmd/lighthouse/_npm     # Lighthouse, at the version its lock file pins
//	go run ./cmd/lighthouse
//	go run ./cmd/lighthouse -runs 3 -min 100   # medians of three runs; exit 1 when one is below 100
//
// Performance on a phone is simulated from the page's own work in the
// browser, so a busy machine costs points a page does not: -runs gives
// the median of several runs, and the audits say in how many each cost.
//
// Lighthouse is a measurement, not a test: CI does not install it, and
// its figures, dated, are in cmd/bench/README.md. The site is built with
// the server's address as its base URL, as a deployed site is, so links
// that name the site (canonical, hreflang) point where it is served.
// Every run starts its own browser with an empty profile; runs are one
// at a time, as two at once would slow each other's pages.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/bulletin-ssg/bulletin/internal/cli"
	"github.com/bulletin-ssg/bulletin/internal/headless"
	"github.com/bulletin-ssg/bulletin/internal/pagelist"
)

// categories are the four Lighthouse categories, in the order printed.
var categories = []struct{ id, name string }{
	{"performance", "performance"},
	{"accessibility", "accessibility"},
	{"best-practices", "best practices"},
	{"seo", "SEO"},
}

func main() {
	site := flag.String("site", ".", "the site to measure: its content/, layouts/ and assets/ are copied")
	extra := flag.String("extra", filepath.Join("internal", "cli", "testdata", "a11y"), "a folder whose content/ is added to the site's (\"\": none)")
	pagesFile := flag.String("pages", filepath.Join("internal", "cli", "testdata", "a11y", "pages.txt"), "the pages to measure: a path, a tab and a kind on each line")
	lighthouse := flag.String("lighthouse", lighthouseBin(), "the Lighthouse command")
	chrome := flag.String("chrome", chromePath(), "the browser Lighthouse drives (CHROME_PATH)")
	forms := flag.String("forms", "mobile,desktop", "form factors: mobile (Lighthouse's default) and desktop (--preset=desktop)")
	runs := flag.Int("runs", 1, "runs of each page and form; the median score of each category is printed")
	minScore := flag.Int("min", 0, "exit 1 when any (median) score is below this (100: all perfect)")
	flag.Parse()
	code, err := run(*site, *extra, *pagesFile, *lighthouse, *chrome, strings.Split(*forms, ","), *runs, *minScore)
	if err != nil {
		fmt.Fprintln(os.Stderr, "lighthouse:", err)
		os.Exit(2)
	}
	os.Exit(code)
}

// lighthouseBin is the command npm installs in cmd/lighthouse/_npm.
func lighthouseBin() string {
	name := "lighthouse"
	if runtime.GOOS == "windows" {
		name += ".cmd"
	}
	return filepath.Join("cmd", "lighthouse", "_npm", "node_modules", ".bin", name)
}

func chromePath() string {
	if p := os.Getenv("CHROME_PATH"); p != "" {
		return p
	}
	return "/usr/bin/chromium"
}

func run(site, extra, pagesFile, lighthouse, chrome string, forms []string, runs, minScore int) (int, error) {
	if runs < 1 {
		return 0, errors.New("-runs: at least 1")
	}
	for _, f := range forms {
		if f != "mobile" && f != "desktop" {
			return 0, fmt.Errorf("-forms: %q is neither mobile nor desktop", f)
		}
	}
	if _, err := os.Stat(lighthouse); err != nil {
		return 0, fmt.Errorf("%w (install it: npm ci --prefix cmd/lighthouse/_npm)", err)
	}
	pages, err := pagelist.Read(pagesFile)
	if err != nil {
		return 0, err
	}
	work, err := os.MkdirTemp("", "bulletin-lighthouse-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(work)
	src := filepath.Join(work, "site")
	if err := copySite(site, extra, src); err != nil {
		return 0, err
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	base := "http://" + ln.Addr().String()
	out := filepath.Join(work, "public")
	var buildErr bytes.Buffer
	if cli.Main(context.Background(), []string{"build", "--source", src, "--dest", out, "--base-url", base + "/", "--quiet"},
		cli.IO{Out: io.Discard, Err: &buildErr}) != cli.ExitOK {
		ln.Close()
		return 0, fmt.Errorf("build: %s", buildErr.String())
	}
	srv := &http.Server{Handler: http.FileServer(http.Dir(out))}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()

	fmt.Println("| page | form | performance | accessibility | best practices | SEO |")
	fmt.Println("| --- | --- | --- | --- | --- | --- |")
	var lost []string
	below := false
	for _, p := range pages {
		for _, form := range forms {
			reports := make([]*report, runs)
			for i := range reports {
				if reports[i], err = measure(lighthouse, chrome, base+p.Path, form); err != nil {
					return 0, fmt.Errorf("%s (%s): %w", p.Path, form, err)
				}
			}
			row := fmt.Sprintf("| `%s` %s | %s |", p.Path, p.Kind, form)
			for _, c := range categories {
				median, audits := summarize(reports, c.id)
				row += fmt.Sprintf(" %d |", median)
				if median < minScore {
					below = true
				}
				for _, a := range audits {
					line := fmt.Sprintf("%s %s, %s: %s", p.Path, form, c.name, a.text)
					if runs > 1 {
						line += fmt.Sprintf(" (in %d of %d runs)", a.runs, runs)
					}
					lost = append(lost, line)
				}
			}
			fmt.Println(row)
		}
	}
	if len(lost) > 0 {
		fmt.Println("\nAudits that cost points:")
		for _, l := range lost {
			fmt.Println("- " + l)
		}
	}
	if below {
		fmt.Fprintf(os.Stderr, "lighthouse: a score is below %d\n", minScore)
		return 1, nil
	}
	return 0, nil
}

// copySite copies what a build reads of site, and extra's content over
// it, to dst: the build's cache and output stay out of both.
func copySite(site, extra, dst string) error {
	for _, dir := range []string{"content", "layouts", "assets"} {
		from := filepath.Join(site, dir)
		if _, err := os.Stat(from); errors.Is(err, os.ErrNotExist) && dir != "content" {
			continue
		}
		if err := os.CopyFS(filepath.Join(dst, dir), os.DirFS(from)); err != nil {
			return err
		}
	}
	if extra == "" {
		return nil
	}
	return os.CopyFS(filepath.Join(dst, "content"), os.DirFS(filepath.Join(extra, "content")))
}

// report is what is read of Lighthouse's JSON report.
type report struct {
	RuntimeError *struct{ Code, Message string } `json:"runtimeError"`
	Categories   map[string]category             `json:"categories"`
	Audits       map[string]audit                `json:"audits"`
}

type category struct {
	Score     *float64   `json:"score"`
	AuditRefs []auditRef `json:"auditRefs"`
}

type auditRef struct {
	ID     string  `json:"id"`
	Weight float64 `json:"weight"` // 0: shown, but no part of the score
}

type audit struct {
	Title   string   `json:"title"`
	Score   *float64 `json:"score"`
	Details struct {
		Items []struct {
			URL            string                   `json:"url"`
			Description    string                   `json:"description"`
			Node           struct{ Snippet string } `json:"node"`
			SourceLocation struct{ URL string }     `json:"sourceLocation"`
		} `json:"items"`
	} `json:"details"`
}

// score is a category's score out of 100 (-1 when Lighthouse gave none).
func (r *report) score(category string) int {
	c, ok := r.Categories[category]
	if !ok || c.Score == nil {
		return -1
	}
	return int(*c.Score*100 + 0.5)
}

// lostAudit is an audit that cost points: its id, what it says, and in
// how many runs it did.
type lostAudit struct {
	id, text string
	runs     int
}

// summarize gives a category's median score over the runs, and the
// audits that cost points in any run, in the order first seen.
func summarize(reports []*report, category string) (int, []lostAudit) {
	scores := make([]int, len(reports))
	var audits []lostAudit
	for i, r := range reports {
		scores[i] = r.score(category)
		for _, a := range r.lost(category) {
			j := slices.IndexFunc(audits, func(b lostAudit) bool { return b.id == a.id })
			if j < 0 {
				audits = append(audits, a)
				j = len(audits) - 1
			}
			audits[j].runs++
		}
	}
	slices.Sort(scores)
	return scores[len(scores)/2], audits
}

// lost lists the audits of a category that count and did not pass.
func (r *report) lost(category string) []lostAudit {
	var out []lostAudit
	for _, ref := range r.Categories[category].AuditRefs {
		a, ok := r.Audits[ref.ID]
		if !ok || ref.Weight == 0 || a.Score == nil || *a.Score >= 1 {
			continue
		}
		line := fmt.Sprintf("%s (%s, %.2f)", ref.ID, a.Title, *a.Score)
		for i, item := range a.Details.Items {
			if i == 3 {
				line += fmt.Sprintf("; and %d more", len(a.Details.Items)-i)
				break
			}
			what := strings.TrimSpace(strings.Join([]string{item.URL, item.SourceLocation.URL, item.Description, item.Node.Snippet}, " "))
			if what != "" {
				line += "; " + what
			}
		}
		out = append(out, lostAudit{id: ref.ID, text: line})
	}
	slices.SortFunc(out, func(a, b lostAudit) int { return strings.Compare(a.id, b.id) })
	return out
}

// measure runs Lighthouse on url as a phone or a desktop.
func measure(lighthouse, chrome, url, form string) (*report, error) {
	args := []string{url, "--output=json", "--output-path=stdout", "--quiet",
		"--only-categories=performance,accessibility,best-practices,seo",
		"--chrome-flags=" + headless.CommandLine()}
	if form == "desktop" {
		args = append(args, "--preset=desktop")
	}
	cmd := exec.Command(lighthouse, args...)
	cmd.Env = append(os.Environ(), "CHROME_PATH="+chrome)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%v: %s", err, stderr.String())
	}
	var r report
	if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
		return nil, fmt.Errorf("read the report: %w", err)
	}
	if r.RuntimeError != nil && r.RuntimeError.Code != "NO_ERROR" {
		return nil, fmt.Errorf("%s: %s", r.RuntimeError.Code, r.RuntimeError.Message)
	}
	return &r, nil
}
