package build

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/bulletin-ssg/bulletin/internal/rcache"
)

// TestRenderCache: builds that read and write .bulletin/cache give exactly
// the bytes of a build without it; a warm cache is used; corrupt entries
// are ignored, never served; an edit or a moved link target renders anew.
func TestRenderCache(t *testing.T) {
	e := &siteEditor{t: t, dir: t.TempDir()}
	e.write("content/_index.md", "---\ntitle: Site\nlanguage: zh-CN\n---\nHello.\n")
	e.write("content/news/a.md", "---\ntitle: A\ndate: 2020-01-01\n---\n## 公司新闻\n\nSee [b](b.md#细节) and [d](d.md).[^1]\n\n> [!NOTE]\n> 标题随网站的语言。\n\n[^1]: Note.\n")
	e.write("content/news/b.md", "---\ntitle: B\ndate: 2020-01-02\n---\n## 细节\n\nText.\n")
	e.write("content/news/d.md", "---\ntitle: D\ndate: 2020-01-03\ndraft: true\n---\nDraft.\n")
	src := os.DirFS(e.dir)
	dir := filepath.Join(t.TempDir(), "cache")
	var store *rcache.Store
	// compare builds with a cache as a new process would (a fresh Store on
	// the folder, committed after the build) and without one.
	compare := func(step string) {
		t.Helper()
		want, err := buildFS(t, src, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if store, err = rcache.Open(dir); err != nil {
			t.Fatal(err)
		}
		got, err := buildFS(t, src, Options{Memory: &Memory{store: store}})
		if err != nil {
			t.Fatal(err)
		}
		if err := store.Commit(); err != nil {
			t.Fatal(err)
		}
		if len(got.files) != len(want.files) {
			t.Fatalf("%s: %d files with the cache, %d without", step, len(got.files), len(want.files))
		}
		for name, w := range want.files {
			if !bytes.Equal(got.files[name], w) {
				t.Fatalf("%s: %s differs with the cache:\n%s\nwithout:\n%s", step, name, got.files[name], w)
			}
		}
	}
	compare("cold")
	if hits, _ := store.Stats(); hits != 0 {
		t.Errorf("a cold build hit %d entries", hits)
	}
	compare("warm")
	if hits, misses := store.Stats(); hits < 3 || misses != 0 {
		t.Errorf("a warm build: %d hits, %d misses; want every page from the cache", hits, misses)
	}

	// A corrupt pack is ignored: the build renders and gives the bytes.
	if err := os.WriteFile(filepath.Join(dir, "markdown.pack"), []byte("not a pack"), 0o644); err != nil {
		t.Fatal(err)
	}
	compare("corrupt")
	if hits, _ := store.Stats(); hits != 0 {
		t.Errorf("a corrupt pack served %d entries", hits)
	}

	// The link target moves (its slug changes):
	// a's entry must not be served with the old URL.
	e.write("content/news/b.md", "---\ntitle: B\ndate: 2020-01-02\nslug: bee\n---\n## 细节\n\nText.\n")
	compare("moved target")
	// The draft is published: the link that was text becomes a link.
	e.write("content/news/d.md", "---\ntitle: D\ndate: 2020-01-03\n---\nDraft.\n")
	compare("published target")
	// The site's language changes: a callout's title changes with it, so
	// no rendering in the old language may be served.
	e.write("content/_index.md", "---\ntitle: Site\nlanguage: en\n---\nHello.\n")
	compare("language")
	e.write("content/news/a.md", "---\ntitle: A\ndate: 2020-01-01\n---\nEdited.\n")
	compare("edited")
}
