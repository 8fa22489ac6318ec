package cli

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestConcurrentBuilds runs two bulletin builds of one site at once,
// cold, after an edit (both append to the render cache's appendix and
// update the output in place) and after many (both write a new pack):
// both succeed, and a third build's output is a build's without the
// cache.
func TestConcurrentBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site of 300 articles ten times")
	}
	bin, err := exec.LookPath("bulletin") // the test binary, as testscript.Main set it up
	if err != nil {
		t.Skip(err)
	}
	site := t.TempDir()
	writeNewsSite(t, site, 300)
	run := func(args ...string) error {
		cmd := exec.Command(bin, append([]string{"build", "--quiet", "--source", site}, args...)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("bulletin build %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
		}
		return nil
	}
	both := func(step string) {
		t.Helper()
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i := range errs {
			wg.Go(func() { errs[i] = run() })
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatalf("%s: %v", step, err)
			}
		}
	}
	edit := func(every int) {
		for i := 0; i < 300; i += every {
			f, err := os.OpenFile(articlePath(site, i), os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(f, "\nEdited, every %d.\n", every)
			f.Close()
		}
	}
	both("cold")
	edit(300)
	both("one article edited")
	edit(3)
	both("a third of the articles edited")
	edit(300)
	both("one more edited")

	if err := run(); err != nil {
		t.Fatal(err)
	}
	fresh := filepath.Join(t.TempDir(), "fresh")
	if err := run("--no-cache", "--dest", fresh); err != nil {
		t.Fatal(err)
	}
	got, want := readTree(t, filepath.Join(site, "public")), readTree(t, fresh)
	for name, data := range want {
		if g, ok := got[name]; !ok {
			t.Errorf("%s: missing", name)
		} else if !bytes.Equal(g, data) {
			t.Errorf("%s: not what a build without the cache writes", name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: more than a build without the cache writes", name)
		}
	}
}

func articlePath(site string, i int) string {
	return filepath.Join(site, "content", "news", fmt.Sprint(2015+i%5), fmt.Sprintf("article-%03d.md", i))
}

// writeNewsSite writes a site of n articles, each linking to an earlier
// one, with tags (list pages that show their summaries).
func writeNewsSite(t *testing.T, site string, n int) {
	t.Helper()
	files := map[string]string{
		filepath.Join(site, "content", "_index.md"):         "---\ntitle: News\nbaseURL: https://news.example.com/\nlanguage: en\npaginate: 10\npermalinks:\n  news: /news/:year/:slug/\n---\nHome.\n",
		filepath.Join(site, "content", "news", "_index.md"): "---\ntitle: News\n---\n",
	}
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: Article %d\ndate: %d-03-%02d 10:00\ntags: [topic-%d, topic-%d]\n---\n\n", i, 2015+i%5, 1+i%28, i%7, i%11)
		fmt.Fprintf(&b, "The summary of article %d.\n\n<!--more-->\n\n", i)
		for p := range 12 {
			fmt.Fprintf(&b, "## Part %d\n\nParagraph %d of article %d, with *some* words and `code`. %s\n\n", p, p, i, strings.Repeat("More words follow here. ", 20))
		}
		if i > 0 {
			rel, _ := filepath.Rel(filepath.Dir(articlePath(site, i)), articlePath(site, i/2))
			fmt.Fprintf(&b, "See [an earlier one](%s).\n", filepath.ToSlash(rel))
		}
		files[articlePath(site, i)] = b.String()
	}
	for name, text := range files {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// readTree reads every file under dir by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
