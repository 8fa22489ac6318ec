package output

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// deadPID returns the ID of a process that has ended.
func deadPID(t *testing.T) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return strconv.Itoa(cmd.Process.Pid)
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestFolderNeverThroughLinks: a folder of the output replaced by a link
// to a folder elsewhere is never written or removed through, by watch's
// Sync or by a build.
func TestFolderNeverThroughLinks(t *testing.T) {
	root := t.TempDir()
	source, dest, elsewhere := filepath.Join(root, "site"), filepath.Join(root, "out"), filepath.Join(root, "elsewhere")
	writeFile(t, filepath.Join(source, "content", "_index.md"), "")
	writeFile(t, filepath.Join(elsewhere, "keep.pdf"), "not bulletin's")
	f, err := OpenFolder(dest, source, "out")
	if err != nil {
		t.Fatal(err)
	}
	files := MapFiles{"index.html": []byte("home"), "downloads/keep.pdf": []byte("v1")}
	if err := f.Sync(files, []string{"index.html", "downloads/keep.pdf"}); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dest, "downloads")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, filepath.Join(dest, "downloads")); err != nil {
		t.Fatal(err)
	}
	files["downloads/keep.pdf"] = []byte("v2")
	files["downloads/new.pdf"] = []byte("new")
	if err := f.Sync(files, []string{"downloads/keep.pdf", "downloads/new.pdf"}); err == nil {
		t.Error("Sync wrote through a link out of the output")
	}
	delete(files, "downloads/keep.pdf") // the manifest's entry: removed
	delete(files, "downloads/new.pdf")
	_ = f.Sync(files, nil)
	for _, c := range []struct{ name, want string }{{"keep.pdf", "not bulletin's"}, {"new.pdf", ""}} {
		got, err := os.ReadFile(filepath.Join(elsewhere, c.name))
		if c.want == "" && err == nil || c.want != "" && string(got) != c.want {
			t.Errorf("elsewhere/%s = %q, %v; want %q", c.name, got, err, c.want)
		}
	}
	for _, opts := range []Options{{}, {CleanDest: true}} {
		// A build that writes there fails, and removes nothing there.
		err := stage(t, dest, source, opts, map[string]string{"index.html": "home", "downloads/keep.pdf": "v3"})
		if err == nil {
			t.Errorf("%+v: a build wrote through a link out of the output", opts)
		}
		if got, _ := os.ReadFile(filepath.Join(elsewhere, "keep.pdf")); string(got) != "not bulletin's" {
			t.Errorf("%+v: elsewhere/keep.pdf = %q", opts, got)
		}
	}
}

// TestKilledInPlaceLeftovers: the temporary files a killed update in
// place or watch left in the output (after its mark) are never carried
// into the next output, with or without CleanDest, and never listed.
func TestKilledInPlaceLeftovers(t *testing.T) {
	for _, opts := range []Options{{}, {CleanDest: true}} {
		root := t.TempDir()
		source, dest := filepath.Join(root, "site"), filepath.Join(root, "out")
		writeFile(t, filepath.Join(source, "content", "_index.md"), "")
		pages := map[string]string{"index.html": "home", "news/a/index.html": "a"}
		if err := stage(t, dest, source, opts, pages); err != nil {
			t.Fatal(err)
		}
		dead := deadPID(t)
		junk := []string{
			".bulletin-" + dead + "-0123456789abcdef.tmp",
			"news/a/.bulletin-" + dead + "-0123456789abcdef.tmp",
			"news/.bulletin-0123456789abcdef.tmp", // an earlier bulletin's name
			"news/.bulletin-123456789.tmp",
		}
		for _, name := range junk {
			writeFile(t, filepath.Join(dest, name), "half a page")
		}
		writeFile(t, filepath.Join(dest, updatingFile), "")
		writeFile(t, filepath.Join(dest, "CNAME"), "news.example.com") // the user's
		pages["news/a/index.html"] = "a2"
		if err := stage(t, dest, source, opts, pages); err != nil {
			t.Fatal(err)
		}
		if left := leftovers(t, root); len(left) > 0 {
			t.Errorf("%+v: left %v", opts, left)
		}
		checkFiles(t, dest, map[string]string{"CNAME": "news.example.com", "news/a/index.html": "a2"})
		m, err := ReadManifest(dest)
		if err != nil {
			t.Fatal(err)
		}
		for rel := range m.Files {
			if strings.Contains(rel, ".tmp") {
				t.Errorf("%+v: the manifest lists %s", opts, rel)
			}
		}
	}
}

// TestKilledStagedCommit: a staged build killed between its two renames
// left no output, the previous one aside and its staging folder; the
// next build puts the previous output back first, and removes the
// leftovers of dead builds but not those of a live one.
func TestKilledStagedCommit(t *testing.T) {
	root := t.TempDir()
	source, dest := filepath.Join(root, "site"), filepath.Join(root, "out")
	writeFile(t, filepath.Join(source, "content", "_index.md"), "")
	if err := stage(t, dest, source, Options{}, map[string]string{"index.html": "home", "mine.html": "v1"}); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dest, "CNAME"), "news.example.com") // the user's, kept only if dest comes back
	dead := deadPID(t)
	staging := filepath.Join(root, ".out.staging-"+dead+"-0123456789abcdef")
	if err := os.Rename(dest, staging+oldSuffix); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(staging, "index.html"), "half a build")
	live := filepath.Join(root, ".out.staging-"+strconv.Itoa(os.Getpid())+"-fedcba9876543210")
	writeFile(t, filepath.Join(live, "index.html"), "a build under way")

	s, err := Begin(dest, source, "out", Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkFiles(t, dest, map[string]string{"CNAME": "news.example.com", "mine.html": "v1"})
	for _, p := range []string{staging, staging + oldSuffix} {
		if _, err := os.Lstat(p); err == nil {
			t.Errorf("%s is still there", filepath.Base(p))
		}
	}
	if _, err := os.Lstat(live); err != nil {
		t.Error("a live build's staging folder was removed")
	}
	s.Abort()
}

// TestCleanDestRefusesToUnpublish: --clean-dest removes at most half of
// the previous output's pages unless Force; nothing is removed when it
// refuses.
func TestCleanDestRefusesToUnpublish(t *testing.T) {
	before := map[string]string{"index.html": "home", "style.css": "css"}
	for i := range 9 {
		before["news/"+strconv.Itoa(i)+"/index.html"] = "page"
	}
	for _, c := range []struct {
		name string
		keep int // pages of news/ the build still produces
		opts Options
		ok   bool
	}{
		{"half kept", 4, Options{CleanDest: true}, true}, // 5 of 10 pages go
		{"fewer than half kept", 3, Options{CleanDest: true}, false},
		{"none kept", 0, Options{CleanDest: true}, false},
		{"forced", 0, Options{CleanDest: true, Force: true}, true},
		{"without clean-dest nothing goes", 0, Options{}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			source, dest := filepath.Join(root, "site"), filepath.Join(root, "out")
			writeFile(t, filepath.Join(source, "content", "_index.md"), "")
			if err := stage(t, dest, source, Options{}, before); err != nil {
				t.Fatal(err)
			}
			after := map[string]string{"index.html": "home2", "style.css": "css"}
			for i := range c.keep {
				after["news/"+strconv.Itoa(i)+"/index.html"] = "page"
			}
			err := stage(t, dest, source, c.opts, after)
			if (err == nil) != c.ok {
				t.Fatalf("err = %v, want ok %v", err, c.ok)
			}
			if err != nil {
				if !strings.Contains(err.Error(), "--force") {
					t.Errorf("the refusal does not say how to go on: %v", err)
				}
				checkFiles(t, dest, before)
				if left := leftovers(t, root); len(left) > 0 {
					t.Errorf("left %v", left)
				}
			}
		})
	}
}

// TestVerifyRestoresHandEdits: a page edited by hand in the output is
// kept by a build that trusts the manifest, and written again by one
// that verifies (--no-cache); a file whose bytes are right keeps its
// modification time either way.
func TestVerifyRestoresHandEdits(t *testing.T) {
	root := t.TempDir()
	source, dest := filepath.Join(root, "site"), filepath.Join(root, "out")
	writeFile(t, filepath.Join(source, "content", "_index.md"), "")
	pages := map[string]string{"index.html": "home", "news/a/index.html": "a"}
	if err := stage(t, dest, source, Options{}, pages); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dest, "news/a/index.html"), "defaced")
	old := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := os.Chtimes(filepath.Join(dest, "index.html"), old, old); err != nil {
		t.Fatal(err)
	}
	if err := stage(t, dest, source, Options{}, pages); err != nil {
		t.Fatal(err)
	}
	checkFiles(t, dest, map[string]string{"news/a/index.html": "defaced"})
	if err := stage(t, dest, source, Options{Verify: true}, pages); err != nil {
		t.Fatal(err)
	}
	checkFiles(t, dest, pages)
	if info, err := os.Stat(filepath.Join(dest, "index.html")); err != nil || !info.ModTime().Equal(old) {
		t.Errorf("a file with the right bytes was written again: %v", err)
	}
}

// TestManifestWriteIfChanged: a build that changes nothing leaves the
// manifest as it was, modification time included, whichever way it
// commits; one that changes a file rewrites it.
func TestManifestWriteIfChanged(t *testing.T) {
	root := t.TempDir()
	source, dest := filepath.Join(root, "site"), filepath.Join(root, "out")
	writeFile(t, filepath.Join(source, "content", "_index.md"), "")
	pages := map[string]string{"index.html": "home", "news/a/index.html": "a"}
	if err := stage(t, dest, source, Options{}, pages); err != nil {
		t.Fatal(err)
	}
	manifest := filepath.Join(dest, ManifestFile)
	old := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name   string
		commit func() error
	}{
		{"in place", func() error { return stage(t, dest, source, Options{}, pages) }},
		{"staged", func() error {
			writeFile(t, filepath.Join(dest, updatingFile), "") // distrusted: staged
			return stage(t, dest, source, Options{}, pages)
		}},
		{"watch", func() error {
			f, err := OpenFolder(dest, source, "out")
			if err != nil {
				return err
			}
			files := MapFiles{}
			for k, v := range pages {
				files[k] = []byte(v)
			}
			return f.Sync(files, nil)
		}},
	} {
		if err := os.Chtimes(manifest, old, old); err != nil {
			t.Fatal(err)
		}
		if err := c.commit(); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if info, err := os.Stat(manifest); err != nil || !info.ModTime().Equal(old) {
			t.Errorf("%s: the manifest was written again with the same bytes (%v)", c.name, err)
		}
	}
	pages["news/b/index.html"] = "b"
	if err := stage(t, dest, source, Options{}, pages); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(manifest); info.ModTime().Equal(old) {
		t.Error("a manifest whose files changed was not written")
	}
}
