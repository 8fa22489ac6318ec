package output

import (
	"os"
	"path/filepath"
	"testing"
)

// TestRegularFiles: the survey's look at each kept file (regularFiles,
// relative to a folder two steps up where the system allows) finds a
// regular file where one is, at any depth, and nothing where a file was
// removed, replaced by a folder or a link, or lost its folder or its
// folder's folder.
func TestRegularFiles(t *testing.T) {
	dest := t.TempDir()
	write := func(name string) {
		t.Helper()
		p := filepath.Join(dest, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{
		"index.html", "robots.txt", "css/site.css", "news/index.html",
		"news/2020/07/launch/index.html", "news/2020/07/other/index.html",
		"tags/a/index.html", "gone-file/index.html", "gone-dir/x/index.html",
		"gone-parent/a/b/index.html", "was-file/index.html", "deep/a/b/c/d/e.html",
		// A folder of many files, which is read whole.
		"photo/index.html", "photo/a.jpg", "photo/a_480w.jpg", "photo/a_480w.webp", "photo/gone.jpg", "photo/was-file.jpg",
	} {
		write(name)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Remove(filepath.Join(dest, "gone-file/index.html")))
	must(os.RemoveAll(filepath.Join(dest, "gone-dir/x")))
	must(os.RemoveAll(filepath.Join(dest, "gone-parent")))
	must(os.Remove(filepath.Join(dest, "was-file/index.html")))
	must(os.Mkdir(filepath.Join(dest, "was-file/index.html"), 0o755))
	// A folder where a file's grandparent folder was.
	must(os.RemoveAll(filepath.Join(dest, "news/2020")))
	write("news/2020/07/launch/index.html")
	must(os.RemoveAll(filepath.Join(dest, "news/2020/07")))
	must(os.WriteFile(filepath.Join(dest, "news/2020/07"), []byte("not a folder"), 0o644))
	must(os.Remove(filepath.Join(dest, "photo/gone.jpg")))
	must(os.Remove(filepath.Join(dest, "photo/was-file.jpg")))
	must(os.Mkdir(filepath.Join(dest, "photo/was-file.jpg"), 0o755))
	for _, link := range []string{"linked.html", "photo/linked.jpg"} {
		if err := os.Symlink(filepath.Join(dest, "robots.txt"), filepath.Join(dest, link)); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}

	want := map[string]bool{
		"index.html":                     true,
		"robots.txt":                     true,
		"css/site.css":                   true,
		"news/index.html":                true,
		"tags/a/index.html":              true,
		"deep/a/b/c/d/e.html":            true,
		"news/2020/07/launch/index.html": false, // its folder's folder is a file now
		"news/2020/07/other/index.html":  false,
		"gone-file/index.html":           false,
		"gone-dir/x/index.html":          false,
		"gone-parent/a/b/index.html":     false,
		"was-file/index.html":            false, // a folder now
		"linked.html":                    false, // a link, even to a regular file
		"never/was.html":                 false,
		"photo/index.html":               true,
		"photo/a.jpg":                    true,
		"photo/a_480w.jpg":               true,
		"photo/a_480w.webp":              true,
		"photo/gone.jpg":                 false,
		"photo/was-file.jpg":             false,
		"photo/linked.jpg":               false,
		"photo/never.jpg":                false,
	}
	var names []string
	for name := range want {
		names = append(names, filepath.FromSlash(name))
	}
	got := regularFiles(dest, names)
	for i, name := range names {
		if w := want[filepath.ToSlash(name)]; got[i] != w {
			t.Errorf("%s: regular %v, want %v", name, got[i], w)
		}
	}
}
