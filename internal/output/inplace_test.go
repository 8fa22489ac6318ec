package output

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/filesum"
)

// folderID identifies a folder: a staged build swaps in a new one, an
// update in place keeps it. (os.SameFile compares what each system
// identifies a file by: inode numbers, Windows' file indexes.)
type folderID struct{ info fs.FileInfo }

func inode(t *testing.T, dir string) folderID {
	t.Helper()
	info, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	// On Windows the identity is read when first compared, by path:
	// compared only after the folder was swapped, it would be the new
	// folder's. Compare now to read it now.
	os.SameFile(info, info)
	return folderID{info}
}

func (a folderID) same(b folderID) bool { return os.SameFile(a.info, b.info) }

// leftovers lists temporary files, marks and staging folders.
func leftovers(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && (strings.HasPrefix(d.Name(), ".bulletin-") && d.Name() != ManifestFile || strings.Contains(d.Name(), ".staging-")) {
			out = append(out, p)
		}
		return nil
	})
	return out
}

func checkFiles(t *testing.T, dest string, want map[string]string) {
	t.Helper()
	for name, w := range want {
		got, err := os.ReadFile(filepath.Join(dest, name))
		if w == "" {
			if err == nil {
				t.Errorf("%s is still there", name)
			}
			continue
		}
		if string(got) != w {
			t.Errorf("%s = %q (%v), want %q", name, got, err, w)
		}
	}
}

func TestUpdateInPlace(t *testing.T) {
	root := t.TempDir()
	source, dest := filepath.Join(root, "site"), filepath.Join(root, "out")
	if err := os.MkdirAll(source, 0o755); err != nil {
		t.Fatal(err)
	}
	first := map[string]string{"a/index.html": "A", "b/index.html": "B", "c/index.html": "C"}
	if err := stage(t, dest, source, Options{}, first); err != nil {
		t.Fatal(err)
	}

	// A build that changes little is written in place: the same folder,
	// no staging folder, nothing left over.
	before := inode(t, dest)
	second := map[string]string{"a/index.html": "A", "b/index.html": "B2", "d/index.html": "D"}
	if err := stage(t, dest, source, Options{CleanDest: true}, second); err != nil {
		t.Fatal(err)
	}
	if !inode(t, dest).same(before) {
		t.Error("the output folder was replaced, not updated in place")
	}
	checkFiles(t, dest, map[string]string{"a/index.html": "A", "b/index.html": "B2", "d/index.html": "D", "c/index.html": ""})
	if _, err := os.Stat(filepath.Join(dest, "c")); err == nil {
		t.Error("the folder of a dropped page is still there")
	}
	if l := leftovers(t, root); len(l) > 0 {
		t.Errorf("left over: %v", l)
	}
	m, err := ReadManifest(dest)
	if err != nil || len(m.Files) != 3 || m.Files["b/index.html"].Size != 2 {
		t.Errorf("manifest %v (%v)", m, err)
	}

	// A file removed by hand comes back, though the manifest lists it with
	// the same bytes.
	if err := os.Remove(filepath.Join(dest, "a/index.html")); err != nil {
		t.Fatal(err)
	}
	if err := stage(t, dest, source, Options{CleanDest: true}, second); err != nil {
		t.Fatal(err)
	}
	checkFiles(t, dest, map[string]string{"a/index.html": "A"})

	// A file of the user's where the build writes: refused before anything
	// changes.
	if err := os.WriteFile(filepath.Join(dest, "mine.html"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	err = stage(t, dest, source, Options{}, map[string]string{"a/index.html": "A", "b/index.html": "B3", "d/index.html": "D", "mine.html": "ours"})
	if err == nil || !strings.Contains(err.Error(), "mine.html") {
		t.Fatalf("a stranger's file in the way: %v", err)
	}
	checkFiles(t, dest, map[string]string{"b/index.html": "B2", "mine.html": "mine"})
	if l := leftovers(t, root); len(l) > 0 {
		t.Errorf("left over after a refused update: %v", l)
	}

	// Writing through a link out of the output fails, and writes nothing
	// there.
	outside := filepath.Join(root, "outside")
	if err := os.Mkdir(outside, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dest, "ext")); err != nil {
		t.Fatal(err)
	}
	if err := stage(t, dest, source, Options{}, map[string]string{"a/index.html": "A", "ext/x.html": "X"}); err == nil {
		t.Error("a write through a link out of the output succeeded")
	}
	if entries, _ := os.ReadDir(outside); len(entries) > 0 {
		t.Errorf("written outside the output: %v", entries)
	}
	if err := os.Remove(filepath.Join(dest, "ext")); err != nil {
		t.Fatal(err)
	}

	// An update cut short (its mark left behind): the next build trusts
	// nothing of the manifest, stages the whole output, and clears the mark.
	if err := os.WriteFile(filepath.Join(dest, "b/index.html"), []byte("half-written"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dest, updatingFile), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	before = inode(t, dest)
	if err := stage(t, dest, source, Options{}, second); err != nil {
		t.Fatal(err)
	}
	if inode(t, dest).same(before) {
		t.Error("an output whose update was cut short was updated in place")
	}
	checkFiles(t, dest, map[string]string{"b/index.html": "B2", "mine.html": "mine"})
	if l := leftovers(t, root); len(l) > 0 {
		t.Errorf("left over after a recovery: %v", l)
	}
}

// TestUpdateInPlaceSpills: a build that writes more than maxPending bytes
// turns into a staged one, with the same result.
func TestUpdateInPlaceSpills(t *testing.T) {
	defer func(n int) { maxPending = n }(maxPending)
	maxPending = 3
	root := t.TempDir()
	source, dest := filepath.Join(root, "site"), filepath.Join(root, "out")
	if err := os.MkdirAll(source, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := stage(t, dest, source, Options{}, map[string]string{"a/index.html": "A", "b/index.html": "B", "k.html": "K"}); err != nil {
		t.Fatal(err)
	}
	before := inode(t, dest)
	s, err := Begin(dest, source, "out", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !s.Keep("k.html", filesum.Of([]byte("K"))) {
		t.Fatal("an unchanged file was not kept")
	}
	for name, data := range map[string]string{"a/index.html": "A2", "b/index.html": "B2"} {
		if err := s.Write(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if s.pending != nil {
		t.Fatal("still in place after more than maxPending bytes")
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if inode(t, dest).same(before) {
		t.Error("a spilled build was written in place")
	}
	checkFiles(t, dest, map[string]string{"a/index.html": "A2", "b/index.html": "B2", "k.html": "K"})
	if l := leftovers(t, root); len(l) > 0 {
		t.Errorf("left over: %v", l)
	}
}

// TestPagesOpenElsewhere: a page open in another program (a browser, an
// editor, a virus scan) while a build replaces or removes it does not fail
// the build once the program lets go of it, in place or staged. (Only
// Windows refuses to rename over an open file; there, the build waits.)
func TestPagesOpenElsewhere(t *testing.T) {
	root := t.TempDir()
	source, dest := filepath.Join(root, "site"), filepath.Join(root, "out")
	if err := os.MkdirAll(source, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := stage(t, dest, source, Options{}, map[string]string{"a/index.html": "A", "b/index.html": "B", "c/index.html": "C"}); err != nil {
		t.Fatal(err)
	}
	hold := func(names ...string) {
		for _, name := range names {
			f, err := os.Open(filepath.Join(dest, name))
			if err != nil {
				t.Fatal(err)
			}
			time.AfterFunc(150*time.Millisecond, func() { f.Close() })
		}
	}

	hold("b/index.html", "c/index.html") // replaced, removed
	if err := stage(t, dest, source, Options{CleanDest: true}, map[string]string{"a/index.html": "A", "b/index.html": "B2"}); err != nil {
		t.Fatal(err)
	}
	checkFiles(t, dest, map[string]string{"a/index.html": "A", "b/index.html": "B2", "c/index.html": ""})

	// An update cut short makes the next build a staged one: the whole
	// folder is moved aside and replaced.
	if err := os.WriteFile(filepath.Join(dest, updatingFile), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	before := inode(t, dest)
	hold("a/index.html")
	if err := stage(t, dest, source, Options{}, map[string]string{"a/index.html": "A3"}); err != nil {
		t.Fatal(err)
	}
	if inode(t, dest).same(before) {
		t.Error("the build was not staged")
	}
	checkFiles(t, dest, map[string]string{"a/index.html": "A3"})
	if l := leftovers(t, root); len(l) > 0 {
		t.Errorf("left over: %v", l)
	}
}
