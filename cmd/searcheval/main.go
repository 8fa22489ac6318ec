// Command searcheval measures bulletin's search on labelled query sets:
// it builds each site with bulletin, runs every query through the
// theme's own assets/js/search.js in Node, and prints the top-3 hit rate,
// the misses, the bytes each query transfers, the index's size and the
// build's time with and without search; then the same for Pagefind run
// over bulletin's output, its queries run by its own script in headless
// Chromium.
//
//	go run ./cmd/searcheval                      # sample and library sites, with Pagefind
//	go run ./cmd/searcheval -sites bench -n 10000
//
// The query sets and their format are in testdata/ (see readQueries);
// cmd/bench/README.md says what every figure counts. Run it from the
// repository's root.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
)

type config struct {
	sites    []string
	n        int
	runs     int
	work     string
	bulletin string
	node     string
	pagefind bool
	npm      string
	chrome   string
	queries  string
	verbose  bool
	w        io.Writer
}

func main() {
	var c config
	sites := flag.String("sites", "sample,library", "sites to measure, of sample (content/ of the repository), library (the generated library site) and bench (cmd/benchsite's site, bytes only)")
	flag.IntVar(&c.n, "n", 10000, "articles of the bench site")
	flag.IntVar(&c.runs, "runs", 3, "cold builds timed with and without search, alternating; medians are printed")
	flag.StringVar(&c.work, "work", "", "work folder (default: a new temporary folder, removed at the end)")
	flag.StringVar(&c.bulletin, "bulletin", "", "bulletin binary (default: built from ./cmd/bulletin)")
	flag.BoolVar(&c.pagefind, "pagefind", true, "compare with Pagefind (npm ci --prefix cmd/searcheval/_npm first)")
	flag.StringVar(&c.npm, "npm", filepath.Join("cmd", "searcheval", "_npm"), "folder of the pinned Pagefind package")
	flag.StringVar(&c.chrome, "chrome", "", "Chromium (default: $CHROME_PATH or chromium on the PATH)")
	flag.StringVar(&c.queries, "queries", filepath.Join("cmd", "searcheval", "testdata"), "folder of the query sets, SITE.txt each")
	flag.BoolVar(&c.verbose, "v", false, "also print every query's results and the files it read")
	gen := flag.String("gen", "", "only write the generated library site into this folder")
	flag.Parse()
	c.sites = strings.Split(*sites, ",")
	c.w = os.Stdout
	if *gen != "" {
		if err := writeLibrary(*gen); err != nil {
			fatal(err)
		}
		return
	}
	if err := run(c); err != nil {
		fatal(err)
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "searcheval:", err)
	os.Exit(1)
}

func run(c config) error {
	var err error
	if c.node, err = exec.LookPath("node"); err != nil {
		return fmt.Errorf("node is needed to run search.js: %v", err)
	}
	if c.work == "" {
		if c.work, err = os.MkdirTemp("", "searcheval"); err != nil {
			return err
		}
		defer os.RemoveAll(c.work)
	}
	if c.bulletin == "" {
		c.bulletin = filepath.Join(c.work, "bulletin")
		if msg, err := exec.Command("go", "build", "-o", c.bulletin, "./cmd/bulletin").CombinedOutput(); err != nil {
			return fmt.Errorf("go build: %v\n%s", err, msg)
		}
	}
	var br *browser
	if c.pagefind {
		if c.chrome == "" {
			c.chrome = os.Getenv("CHROME_PATH")
		}
		if c.chrome == "" {
			if c.chrome, err = exec.LookPath("chromium"); err != nil {
				return fmt.Errorf("chromium is needed for Pagefind (or -pagefind=false): %v", err)
			}
		}
		if br, err = startBrowser(c.chrome); err != nil {
			return err
		}
		defer br.cancel()
	}
	for _, name := range c.sites {
		if err := measure(c, name, br); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

// prepare writes site name's sources into dir and says what they are.
func prepare(c config, name, dir string) (string, error) {
	switch name {
	case "sample":
		return "the sample site (content/ of the repository)", copyDir("content", filepath.Join(dir, "content"))
	case "library":
		return "the generated library site (writeLibrary)", writeLibrary(dir)
	case "bench":
		cmd := exec.Command("go", "run", "./cmd/benchsite", "-n", fmt.Sprint(c.n), "-out", dir)
		if msg, err := cmd.CombinedOutput(); err != nil {
			return "", fmt.Errorf("benchsite: %v\n%s", err, msg)
		}
		return fmt.Sprintf("the bench site (cmd/benchsite -n %d)", c.n), nil
	}
	return "", fmt.Errorf("no site %q: sample, library or bench", name)
}

func copyDir(from, to string) error {
	return filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
}

var searchLine = regexp.MustCompile(`(?m)^search:.*\n`)

// setSearch turns the site's search on or off in the front matter of
// content/_index.md: a line of its own, whatever the site said (search
// is on unless search: false).
func setSearch(src string, on bool) error {
	p := filepath.Join(src, "content", "_index.md")
	data, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	text := searchLine.ReplaceAllString(string(data), "")
	rest, ok := strings.CutPrefix(text, "---\n")
	if !ok {
		return fmt.Errorf("%s: no front matter in YAML", p)
	}
	text = fmt.Sprintf("---\nsearch: %v\n%s", on, rest)
	return os.WriteFile(p, []byte(text), 0o644)
}

// buildTimes times cold builds of src (no render cache, an empty
// output), runs of them without and with search, alternating, and leaves
// the last build with search in out.
func buildTimes(c config, src, out string) (without, with []time.Duration, err error) {
	build := func(on bool) (time.Duration, error) {
		if err := setSearch(src, on); err != nil {
			return 0, err
		}
		if err := os.RemoveAll(out); err != nil {
			return 0, err
		}
		cmd := exec.Command(c.bulletin, "build", "--source", src, "--dest", out, "--no-cache", "-q")
		start := time.Now()
		if msg, err := cmd.CombinedOutput(); err != nil {
			return 0, fmt.Errorf("bulletin build: %v\n%s", err, msg)
		}
		return time.Since(start), nil
	}
	for range max(1, c.runs) {
		d, err := build(false)
		if err != nil {
			return nil, nil, err
		}
		without = append(without, d)
		if d, err = build(true); err != nil {
			return nil, nil, err
		}
		with = append(with, d)
	}
	return without, with, nil
}

func median[T int | time.Duration](xs []T) T {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// onlyTheirs is the row of Pagefind's results less the pages bulletin
// does not index (lists, tags): the theme marks no data-pagefind-body,
// so Pagefind indexes every page's whole body.
const onlyTheirs = "Pagefind, bulletin's pages only"

// A row is one tool's figures on one language's queries.
type row struct {
	tool   string
	hits   int
	scored int // queries with expectations
	bytes  []int
	extra  []int // Pagefind: its program's bytes, on top
	size   dirSize
	misses []string
}

func measure(c config, name string, br *browser) error {
	dir := filepath.Join(c.work, name)
	src, out := filepath.Join(dir, "src"), filepath.Join(dir, "out")
	what, err := prepare(c, name, src)
	if err != nil {
		return err
	}
	qs, err := readQueryFile(filepath.Join(c.queries, name+".txt"))
	if err != nil {
		return err
	}
	without, with, err := buildTimes(c, src, out)
	if err != nil {
		return err
	}
	results, err := runBulletin(c.node, filepath.Join("assets", "js", "search.js"), out, qs)
	if err != nil {
		return err
	}
	var langs []string
	for _, q := range qs {
		if !slices.Contains(langs, q.lang) {
			langs = append(langs, q.lang)
		}
	}
	rows := map[string][]*row{}
	for _, l := range langs {
		r := &row{tool: "bulletin"}
		if r.size, err = indexSize(out, l); err != nil {
			return err
		}
		rows[l] = append(rows[l], r)
	}
	for i, q := range qs {
		r := rows[q.lang][0]
		r.bytes = append(r.bytes, results[i].Bytes)
		score(r, q, results[i].URLs)
		if c.verbose {
			var files []string
			for _, f := range results[i].Files {
				rel, _ := filepath.Rel(out, f)
				files = append(files, filepath.ToSlash(rel))
			}
			fmt.Fprintf(c.w, "bulletin %s %q: %s, %v; read %d B: %s\n", q.lang, q.text, strings.Join(results[i].URLs[:min(3, len(results[i].URLs))], " "), len(results[i].URLs), results[i].Bytes, strings.Join(files, " "))
		}
	}

	var pfTimes []time.Duration
	if br != nil {
		pf := filepath.Join(dir, "pagefind")
		for range max(1, c.runs) {
			d, err := runPagefind(c.npm, out, pf)
			if err != nil {
				return err
			}
			pfTimes = append(pfTimes, d)
		}
		srv, err := startServer(out, pf)
		if err != nil {
			return err
		}
		defer srv.close()
		for _, l := range langs {
			all, only := &row{tool: "Pagefind"}, &row{tool: onlyTheirs}
			if all.size, err = pagefindIndexSize(pf, strings.ToLower(pagefindLang(l))); err != nil {
				return err
			}
			only.size = all.size
			rows[l] = append(rows[l], all, only)
		}
		indexed := map[string]map[string]bool{}
		for _, l := range langs {
			if indexed[l], err = indexedURLs(out, l); err != nil {
				return err
			}
		}
		for _, q := range qs {
			urls, sent, err := br.pagefindSearch(srv, pagefindLang(q.lang), q.text)
			if err != nil {
				return fmt.Errorf("pagefind %q: %v", q.text, err)
			}
			index, engine := 0, 0
			var mine []sentFile
			for _, f := range sent {
				// The page itself, and what the browser asks for of its
				// own (a favicon), are not the search's.
				if !strings.HasPrefix(f.path, "/pagefind/") {
					continue
				}
				mine = append(mine, f)
				if pagefindEngine(f.path) {
					engine += f.bytes
				} else {
					index += f.bytes
				}
			}
			if c.verbose {
				var files []string
				for _, f := range mine {
					files = append(files, fmt.Sprintf("%s (%d)", f.path, f.bytes))
				}
				fmt.Fprintf(c.w, "Pagefind %s %q: %s; read %d B + %d B program: %s\n", q.lang, q.text, strings.Join(urls[:min(3, len(urls))], " "), index, engine, strings.Join(files, " "))
			}
			var theirs []string
			for _, u := range urls {
				if indexed[q.lang][decoded(u)] {
					theirs = append(theirs, u)
				}
			}
			all, only := rows[q.lang][1], rows[q.lang][2]
			all.bytes, all.extra = append(all.bytes, index), append(all.extra, engine)
			score(all, q, urls)
			score(only, q, theirs)
		}
	}

	w := c.w
	fmt.Fprintf(w, "## %s: %s\n\n", name, what)
	fmt.Fprintf(w, "%d queries (%s); cold builds, median of %d: %s without search, %s with",
		len(qs), filepath.Join(c.queries, name+".txt"), len(with), secs(median(without)), secs(median(with)))
	if len(pfTimes) > 0 {
		fmt.Fprintf(w, "; Pagefind over the output: %s", secs(median(pfTimes)))
	}
	fmt.Fprint(w, ".\n\n")
	fmt.Fprintln(w, "| language | search | top-3 hits | bytes a query, median | max | index files | index bytes | gzipped |")
	fmt.Fprintln(w, "| --- | --- | --- | --- | --- | --- | --- | --- |")
	for _, l := range langs {
		for _, r := range rows[l] {
			if r.tool == onlyTheirs && r.scored == 0 {
				continue // no labels: nothing to tell it from the row above
			}
			hits := "—"
			if r.scored > 0 {
				hits = fmt.Sprintf("%d/%d (%.0f%%)", r.hits, r.scored, 100*float64(r.hits)/float64(r.scored))
			}
			med, mx := "—", "—"
			if len(r.bytes) > 0 {
				med, mx = kb(median(r.bytes)), kb(slices.Max(r.bytes))
				if len(r.extra) > 0 {
					med += " + " + kb(median(r.extra)) + " program"
					mx += " + " + kb(slices.Max(r.extra))
				}
			}
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %d | %s | %s |\n", l, r.tool, hits, med, mx, r.size.files, kb(r.size.bytes), kb(r.size.transfer))
		}
	}
	fmt.Fprintln(w)
	for _, l := range langs {
		for _, r := range rows[l] {
			if len(r.misses) == 0 {
				continue
			}
			fmt.Fprintf(w, "Misses, %s, %s:\n\n", r.tool, l)
			for _, m := range r.misses {
				fmt.Fprintf(w, "- %s\n", m)
			}
			fmt.Fprintln(w)
		}
	}
	return nil
}

// score counts q's hit or miss in r, given the URLs found.
func score(r *row, q query, got []string) {
	if len(q.expect) == 0 {
		return
	}
	r.scored++
	if hit(q.expect, got) {
		r.hits++
		return
	}
	shown := "nothing"
	if len(got) > 0 {
		shown = strings.Join(got[:min(3, len(got))], " ")
	}
	r.misses = append(r.misses, fmt.Sprintf("%q (line %d): expected %s; got %s", q.text, q.line, strings.Join(q.expect, " "), shown))
}

func secs(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }

func kb(n int) string {
	if n < 10000 {
		return fmt.Sprintf("%.1f KB", float64(n)/1000)
	}
	return fmt.Sprintf("%.0f KB", float64(n)/1000)
}
