// Command bench times bulletin against its floor (cmd/benchfloor: front
// matter, goldmark, one template, one file per article) and, when `hugo`
// is installed, against Hugo with the equivalent minimal site in hugo/. It
// generates a deterministic site of N articles with cmd/benchsite, runs
// the tools in turn (paired, run by run), and prints the median wall time,
// CPU time and peak memory of each, and the ratios. "bulletin" is a cold
// build (no render cache, empty output folder); "rebuild" follows it in
// each run: one article edited, warm render cache, previous output kept.
//
//	go run ./cmd/bench -n 10000 -runs 5 -out /dev/shm/bench
//	go run ./cmd/bench -n 1000 -runs 3 -max-floor-ratio 2.5   # CI's guard
//	go run ./cmd/bench -n 10000 -scale 50000 -hugo=false      # how time grows
//
// With -against BIN, each run also times another bulletin binary's cold
// build and rebuild on the same site, and prints bulletin's ratios to it:
// a change's cost, measured in the same runs as the code before it.
//
//	go run ./cmd/bench -n 10000 -hugo=false -against /tmp/bulletin-before
//
// With -photos, each run also builds the site with a phone's photo in
// every article (cmd/benchsite -photos), cold and after one edit, the
// same bundles without the photos (-bundles) after one edit, and Hugo
// resizes the same photos to the same widths.
//
//	go run ./cmd/bench -n 1000 -runs 3 -photos -out /var/tmp/bench
//
// With -plaincode, each run also builds, cold, the site with search:
// false and its code blocks marked as plain text: what highlighting costs
// beside -nosearch's row.
//
// With -scale M, each run also builds a site of M articles from scratch
// with bulletin and the floor, so the two sizes are timed in the same
// runs (a machine's speed drifts over the minutes between two separate
// benchmarks), and the ratios of their medians are printed.
//
// Every tool writes to the same file system: -out names the work folder
// (/dev/shm for memory, a disk folder for disk). It runs from the
// repository's root and never writes outside the work folder. The
// figures it gave, dated, are in README.md beside this file.
package main

import (
	"bytes"
	"embed"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// all: the layouts are in _default/, which go:embed leaves out without it.
//
//go:embed all:hugo
var hugoSite embed.FS

type tool struct {
	name string
	args func(site, out string) []string
	site string // which generated site it reads
	// prepare runs before each timed run, untimed.
	prepare func(run int) error
	// keep leaves the output of the previous run in place (a rebuild).
	keep bool
}

type sample struct {
	wall, cpu time.Duration
	peakKB    int64
}

// flags are the command's flags.
type flags struct {
	n, runs, scale               int
	work, against                string
	maxFloor                     float64
	withHugo, translated, minify bool
	noSearch, plainCode, photos  bool
}

func main() {
	var f flags
	flag.IntVar(&f.n, "n", 1000, "articles")
	flag.IntVar(&f.runs, "runs", 3, "paired runs")
	flag.StringVar(&f.work, "out", "", "work folder (default: a new temporary folder)")
	flag.Float64Var(&f.maxFloor, "max-floor-ratio", 0, "fail when bulletin's median wall time exceeds the floor's by more than this factor (0: report only)")
	flag.BoolVar(&f.withHugo, "hugo", true, "compare with hugo when it is installed")
	flag.IntVar(&f.scale, "scale", 0, "also build a site of this many articles in each run, and print how the time grows (0: not)")
	flag.StringVar(&f.against, "against", "", "also time this other bulletin binary's cold build and rebuild in the same runs, and compare (an earlier version, say)")
	flag.BoolVar(&f.translated, "translated", false, "also build the same site with every article in English too, and compare")
	flag.BoolVar(&f.minify, "minify", false, "also time the cold build with --minify, and compare")
	flag.BoolVar(&f.noSearch, "nosearch", false, "also time the cold build and the rebuild of the same site with search: false, and compare")
	flag.BoolVar(&f.plainCode, "plaincode", false, "also time the cold build of the same site with search: false and its code blocks as plain text (what highlighting costs), and compare")
	flag.BoolVar(&f.photos, "photos", false, "also build the same site with a 4000×3000 photo in every article, cold and after one edit, the same bundles without the photos after one edit, and Hugo resizing the same photos to the same widths")
	flag.Parse()
	if err := run(f); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(f flags) error {
	n, runs, work, withHugo, scale, against := f.n, f.runs, f.work, f.withHugo, f.scale, f.against
	if work == "" {
		var err error
		if work, err = os.MkdirTemp("", "bulletin-bench-"); err != nil {
			return err
		}
		defer os.RemoveAll(work)
	}
	bin := filepath.Join(work, "bin")
	for _, cmd := range []string{"bulletin", "benchfloor", "benchsite"} {
		if err := sh("go", "build", "-o", filepath.Join(bin, cmd), "./cmd/"+cmd); err != nil {
			return err
		}
	}
	// generate writes a site of count articles into work/name, with
	// benchsite's extra flags.
	generate := func(name string, count int, extra ...string) (string, error) {
		dir := filepath.Join(work, name)
		_ = os.RemoveAll(dir)
		args := append([]string{"-n", fmt.Sprint(count), "-out", dir}, extra...)
		return dir, sh(filepath.Join(bin, "benchsite"), args...)
	}
	// cold is a cold build of site by exe: no render cache (.bulletin/)
	// and no earlier output.
	cold := func(name, exe, site string, extra ...string) tool {
		return tool{name: name, site: site, args: func(s, o string) []string {
			return append([]string{exe, "build", "--quiet", "--source", s, "--dest", o}, extra...)
		}, prepare: func(int) error { return os.RemoveAll(filepath.Join(site, ".bulletin")) }}
	}
	// rebuild follows the cold build after in each run: one article
	// changed, with the render cache and the output of that build, what
	// a CI that keeps .bulletin/ and public/ between runs does on each
	// push. It writes into the cold build's output folder.
	rebuild := func(name string, after tool, exe string) tool {
		return tool{name: name, site: after.site, keep: true, args: func(s, o string) []string {
			return []string{exe, "build", "--quiet", "--source", s, "--dest", filepath.Join(filepath.Dir(o), "out-"+after.name)}
		}, prepare: func(run int) error { return editArticle(after.site, run) }}
	}
	floor := func(name, site string) tool {
		return tool{name: name, site: site, args: func(s, o string) []string {
			return []string{filepath.Join(bin, "benchfloor"), "-source", s, "-dest", o}
		}}
	}
	bulletin := filepath.Join(bin, "bulletin")
	site, err := generate("site", n)
	if err != nil {
		return err
	}
	first := cold("bulletin", bulletin, site)
	tools := []tool{floor("floor", site), first, rebuild("rebuild", first, bulletin)}
	if against != "" {
		// The other binary's own cold build and rebuild, on the same site:
		// each cold build removes the render cache, so each rebuild uses
		// the cache of the cold build of its own binary just before it.
		other := cold("against", against, site)
		tools = append(tools, other, rebuild("against-rebuild", other, against))
	}
	if scale > 0 {
		big, err := generate(fmt.Sprintf("site-%d", scale), scale)
		if err != nil {
			return err
		}
		tools = append(tools, floor(fmt.Sprintf("floor-%d", scale), big), cold(fmt.Sprintf("bulletin-%d", scale), bulletin, big))
	}
	if f.translated {
		both, err := generate("site-translated", n, "-translate")
		if err != nil {
			return err
		}
		tools = append(tools, cold("translated", bulletin, both))
	}
	if f.minify {
		tools = append(tools, cold("minify", bulletin, site, "--minify"))
	}
	if f.noSearch {
		// The same articles, with search: false in the site's settings:
		// what the search index costs, cold and after one edit.
		plain, err := generate("site-nosearch", n)
		if err == nil {
			err = addSetting(plain, "search: false")
		}
		if err != nil {
			return err
		}
		nosearch := cold("nosearch", bulletin, plain)
		tools = append(tools, nosearch, rebuild("nosearch-rebuild", nosearch, bulletin))
	}
	if f.plainCode {
		// The same articles with search: false, their code blocks
		// marked as plain text: the cold build without highlighting.
		plain, err := generate("site-plaincode", n)
		if err == nil {
			err = addSetting(plain, "search: false")
		}
		if err == nil {
			err = plainCode(plain)
		}
		if err != nil {
			return err
		}
		tools = append(tools, cold("plaincode", bulletin, plain))
	}
	if f.photos {
		// Every article a bundle with its own phone photo: a cold build
		// (no render cache: every photo processed), and a rebuild after
		// one edit, to set beside the rebuild of the same bundles
		// without their photos.
		for _, kind := range []string{"photos", "bundles"} {
			dir, err := generate("site-"+kind, n, "-"+kind)
			if err != nil {
				return err
			}
			built := cold(kind, bulletin, dir)
			tools = append(tools, built, rebuild(kind+"-rebuild", built, bulletin))
		}
	}
	if hugo, err := exec.LookPath("hugo"); err == nil && withHugo {
		hsite := filepath.Join(work, "hugo-site")
		if err := hugoCopy(bin, n, hsite, false); err != nil {
			return err
		}
		tools = append(tools, tool{name: "hugo", site: hsite, args: func(s, o string) []string {
			return []string{hugo, "--quiet", "--source", s, "--destination", o}
		}})
		if f.photos {
			hshot := filepath.Join(work, "hugo-site-photos")
			if err := hugoCopy(bin, n, hshot, true); err != nil {
				return err
			}
			// Hugo keeps resized images in resources/_gen: a cold build
			// starts without them.
			tools = append(tools, tool{name: "photos-hugo", site: hshot, args: func(s, o string) []string {
				return []string{hugo, "--quiet", "--source", s, "--destination", o}
			}, prepare: func(int) error { return os.RemoveAll(filepath.Join(hshot, "resources")) }})
		}
	} else if withHugo {
		fmt.Println("hugo not installed (apt-get install hugo): comparing with the floor only")
	}

	results := map[string][]sample{}
	for r := range runs {
		for _, t := range tools {
			dest := filepath.Join(work, "out-"+t.name)
			if !t.keep {
				_ = os.RemoveAll(dest)
			}
			if t.prepare != nil {
				if err := t.prepare(r); err != nil {
					return err
				}
			}
			s, err := timeRun(t.args(t.site, dest))
			if err != nil {
				return fmt.Errorf("%s, run %d: %w", t.name, r+1, err)
			}
			results[t.name] = append(results[t.name], s)
		}
	}
	fmt.Printf("%d articles, %d paired runs, output under %s\n", n, runs, work)
	fmt.Printf("%-14s %10s %10s %10s\n", "tool", "wall", "cpu", "peak MB")
	med := map[string]sample{}
	for _, t := range tools {
		m := median(results[t.name])
		med[t.name] = m
		fmt.Printf("%-14s %10s %10s %10d\n", t.name, m.wall.Round(time.Millisecond), m.cpu.Round(time.Millisecond), m.peakKB/1024)
	}
	ratio := func(a, b string) {
		if _, ok := med[b]; ok {
			fmt.Printf("bulletin/%s: wall %.2f×, cpu %.2f×, memory %.2f×\n", b,
				float64(med[a].wall)/float64(med[b].wall), float64(med[a].cpu)/float64(med[b].cpu), float64(med[a].peakKB)/float64(med[b].peakKB))
		}
	}
	ratio("bulletin", "floor")
	ratio("bulletin", "hugo")
	ratio("bulletin", "against")
	if _, ok := med["against-rebuild"]; ok {
		fmt.Printf("rebuild/against-rebuild: wall %.2f×, cpu %.2f×\n",
			float64(med["rebuild"].wall)/float64(med["against-rebuild"].wall), float64(med["rebuild"].cpu)/float64(med["against-rebuild"].cpu))
	}
	fmt.Printf("rebuild/bulletin (one article changed, warm cache): wall %.2f×\n",
		float64(med["rebuild"].wall)/float64(med["bulletin"].wall))
	if f.translated {
		fmt.Printf("translated/bulletin (every article in English too, cold): wall %.2f×, cpu %.2f×\n",
			float64(med["translated"].wall)/float64(med["bulletin"].wall), float64(med["translated"].cpu)/float64(med["bulletin"].cpu))
	}
	if f.minify {
		fmt.Printf("minify/bulletin (cold, --minify): wall %.2f×, cpu %.2f×; minify/floor: wall %.2f×\n",
			float64(med["minify"].wall)/float64(med["bulletin"].wall), float64(med["minify"].cpu)/float64(med["bulletin"].cpu),
			float64(med["minify"].wall)/float64(med["floor"].wall))
	}
	if f.noSearch {
		fmt.Printf("bulletin/nosearch (cold, with and without the search index): wall %.2f×, cpu %.2f×; rebuild/nosearch-rebuild: wall %.2f×, cpu %.2f×; nosearch/floor: wall %.2f×\n",
			float64(med["bulletin"].wall)/float64(med["nosearch"].wall), float64(med["bulletin"].cpu)/float64(med["nosearch"].cpu),
			float64(med["rebuild"].wall)/float64(med["nosearch-rebuild"].wall), float64(med["rebuild"].cpu)/float64(med["nosearch-rebuild"].cpu),
			float64(med["nosearch"].wall)/float64(med["floor"].wall))
	}
	if f.plainCode {
		fmt.Printf("plaincode/floor (cold, search: false, code not highlighted): wall %.2f×", float64(med["plaincode"].wall)/float64(med["floor"].wall))
		if _, ok := med["nosearch"]; ok {
			fmt.Printf("; nosearch/plaincode (what highlighting costs): wall %.2f×, cpu %.2f×",
				float64(med["nosearch"].wall)/float64(med["plaincode"].wall), float64(med["nosearch"].cpu)/float64(med["plaincode"].cpu))
		}
		fmt.Println()
	}
	if f.photos {
		fmt.Printf("photos-rebuild/bundles-rebuild (one edit, warm, the same bundles with and without photos): wall %.2f×\n",
			float64(med["photos-rebuild"].wall)/float64(med["bundles-rebuild"].wall))
		if _, ok := med["photos-hugo"]; ok {
			fmt.Printf("photos/photos-hugo (cold, every photo resized): wall %.2f×, cpu %.2f×\n",
				float64(med["photos"].wall)/float64(med["photos-hugo"].wall), float64(med["photos"].cpu)/float64(med["photos-hugo"].cpu))
		}
	}
	if scale > 0 {
		grow := func(name string) float64 {
			return float64(med[fmt.Sprintf("%s-%d", name, scale)].wall) / float64(med[name].wall)
		}
		fmt.Printf("%d articles over %d: bulletin wall %.2f×, floor %.2f× (%.1f× the articles)\n",
			scale, n, grow("bulletin"), grow("floor"), float64(scale)/float64(n))
	}
	if f.maxFloor > 0 {
		if r := float64(med["bulletin"].wall) / float64(med["floor"].wall); r > f.maxFloor {
			return fmt.Errorf("bulletin took %.2f× the floor's time (limit %.2f×)", r, f.maxFloor)
		}
	}
	return nil
}

// editArticle appends a paragraph to the body of the site's newest
// article, different on each run, so the rebuild has one changed page.
// addSetting adds a line to the settings of the site's content/_index.md.
func addSetting(site, line string) error {
	index := filepath.Join(site, "content", "_index.md")
	data, err := os.ReadFile(index)
	if err != nil {
		return err
	}
	rest, ok := bytes.CutPrefix(data, []byte("---\n"))
	if !ok {
		return fmt.Errorf("%s: no front matter", index)
	}
	return os.WriteFile(index, append([]byte("---\n"+line+"\n"), rest...), 0o644)
}

// plainCode marks every fenced code block of the site's articles as
// plain text, which is not highlighted.
func plainCode(site string) error {
	return filepath.WalkDir(filepath.Join(site, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		lines := strings.SplitAfter(string(data), "\n")
		open := false
		for i, l := range lines {
			if strings.HasPrefix(l, "```") {
				if !open && strings.TrimSpace(l) != "```" {
					lines[i] = "```text\n"
				}
				open = !open
			}
		}
		return os.WriteFile(p, []byte(strings.Join(lines, "")), 0o644)
	})
}

func editArticle(site string, run int) error {
	var newest string
	err := filepath.WalkDir(filepath.Join(site, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".md") && d.Name() != "_index.md" && d.Name() > filepath.Base(newest) {
			newest = p
		}
		return nil
	})
	if err != nil {
		return err
	}
	f, err := os.OpenFile(newest, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(f, "\nEdited for rebuild %d.\n", run+1)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// hugoCopy writes the Hugo version of the corpus: the same articles with
// RFC 3339 dates (Hugo misreads "2020-07-30 16:20"), and the site in hugo/.
func hugoCopy(bin string, n int, dir string, photos bool) error {
	_ = os.RemoveAll(dir)
	if err := sh(filepath.Join(bin, "benchsite"), "-n", fmt.Sprint(n), "-out", dir, "-hugo", fmt.Sprintf("-photos=%v", photos)); err != nil {
		return err
	}
	// Hugo reads its settings from hugo.toml, not content/_index.md.
	if err := os.Remove(filepath.Join(dir, "content", "_index.md")); err != nil {
		return err
	}
	return fs.WalkDir(hugoSite, "hugo", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := hugoSite.ReadFile(p)
		if err != nil {
			return err
		}
		target := filepath.Join(dir, strings.TrimPrefix(p, "hugo/"))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}

// timeRun runs a command and reads its wall time, CPU time and peak
// resident memory from the kernel's accounting.
func timeRun(args []string) (sample, error) {
	cmd := exec.Command(args[0], args[1:]...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return sample{}, fmt.Errorf("%v: %w\n%s", args, err, tail(stderr.String()))
	}
	cpu, peakKB, ok := usage(cmd.ProcessState)
	if !ok {
		return sample{}, errors.New("no resource usage on this system")
	}
	return sample{wall: wall, cpu: cpu, peakKB: peakKB}, nil
}

func tail(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > 5 {
		lines = lines[len(lines)-5:]
	}
	return strings.Join(lines, "\n")
}

func median(s []sample) sample {
	pick := func(key func(sample) int64) int64 {
		v := make([]int64, len(s))
		for i := range s {
			v[i] = key(s[i])
		}
		sort.Slice(v, func(i, j int) bool { return v[i] < v[j] })
		return v[len(v)/2]
	}
	return sample{
		wall:   time.Duration(pick(func(x sample) int64 { return int64(x.wall) })),
		cpu:    time.Duration(pick(func(x sample) int64 { return int64(x.cpu) })),
		peakKB: pick(func(x sample) int64 { return x.peakKB }),
	}
}

func sh(name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	return cmd.Run()
}
