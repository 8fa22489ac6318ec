package cli

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestFailedStreamedBuild: a build from scratch writes pages while it
// still renders Markdown (in batches of 512), so a broken link in the
// site's oldest article is found after hundreds of pages went to the
// output. The build must still fail with the error and leave the output,
// updated in place or staged, and the render cache as they were, with no
// temporary file left behind.
func TestFailedStreamedBuild(t *testing.T) {
	site := t.TempDir()
	write := func(rel, text string) {
		t.Helper()
		path := filepath.Join(site, rel)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	article := func(i int, body string) {
		date := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i)
		write(fmt.Sprintf("content/news/a%04d.md", i),
			fmt.Sprintf("---\ntitle: Article %d\ndate: %s\ntags: [t%d]\n---\n%s\n", i, date.Format("2006-01-02"), i%7, body))
	}
	write("content/_index.md", "---\ntitle: Site\n---\n")
	const n = 1200 // three batches of articles
	for i := range n {
		article(i, fmt.Sprintf("Body %d.", i))
	}
	build := func(args ...string) (int, string) {
		var out, errOut bytes.Buffer
		code := Main(context.Background(), append([]string{"build", "--source", site}, args...), IO{Out: &out, Err: &errOut})
		return code, errOut.String()
	}
	if code, stderr := build("-q"); code != ExitOK {
		t.Fatalf("first build: exit %d: %s", code, stderr)
	}
	public := filepath.Join(site, "public")
	cache := filepath.Join(site, ".bulletin", "cache")
	before, cacheBefore := snapshot(t, public), snapshot(t, cache)

	// The newest article changes (the first batch writes it), the oldest
	// (the last batch) links nowhere.
	article(n-1, "Changed.")
	article(0, "[x](nowhere.md)")
	for _, tc := range []struct {
		name string
		args []string
		prep func()
	}{
		// No cache: nothing to compare with, every page streams; the
		// output is updated in place.
		{"in place", []string{"--no-cache"}, func() {}},
		// An empty cache: pages stream and the cache spills its entries.
		{"cold cache", nil, func() {
			if err := os.RemoveAll(cache); err != nil {
				t.Fatal(err)
			}
			cacheBefore = nil
		}},
	} {
		tc.prep()
		code, stderr := build(tc.args...)
		if code == ExitOK || !strings.Contains(stderr, `a0000.md:6:1: link to "nowhere.md": no such page`) {
			t.Fatalf("%s: exit %d: %s", tc.name, code, stderr)
		}
		if after := snapshot(t, public); !maps.EqualFunc(after, before, bytes.Equal) {
			t.Errorf("%s: the failed build changed the output", tc.name)
		}
		after := snapshot(t, cache)
		for name := range after {
			if strings.HasSuffix(name, ".tmp") {
				t.Errorf("%s: left %s in the cache", tc.name, name)
			}
		}
		if cacheBefore != nil && !maps.EqualFunc(after, cacheBefore, bytes.Equal) {
			t.Errorf("%s: the failed build changed the render cache", tc.name)
		}
		if leftovers, _ := filepath.Glob(filepath.Join(site, ".*")); len(leftovers) != 1 { // .bulletin
			t.Errorf("%s: left %v beside the output", tc.name, leftovers)
		}
	}
}

// snapshot reads every file under dir (none if it is missing).
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		files[strings.TrimPrefix(path, dir)] = data
		return err
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return files
}
