package output

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/bulletin-ssg/bulletin/internal/filesum"
)

// begin starts a build of files into dest, written but not committed.
func begin(t *testing.T, dest, source string, files map[string]string) *Staging {
	t.Helper()
	s, err := Begin(dest, source, "out", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if err := s.Write(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// checkManifest: every file the manifest lists holds the bytes it says,
// unless the output has the mark (then the next build trusts none).
func checkManifest(t *testing.T, dest string) *Manifest {
	t.Helper()
	m, err := ReadManifest(dest)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, updatingFile)); err == nil {
		return m
	}
	for rel, e := range m.Files {
		data, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(rel)))
		if err != nil || filesum.Of(data).String() != e.Sum {
			t.Errorf("%s: not what the manifest lists (%v)", rel, err)
		}
	}
	return m
}

// TestCommitsOfTwoBuilds: two builds that began on the same output commit
// one after the other. The second finds the output changed since it
// began: the first one's new files stay bulletin's (no "a file bulletin
// did not write" error, now or in the next build), and an update in
// place leaves the mark, so that the next build writes everything.
func TestCommitsOfTwoBuilds(t *testing.T) {
	if !lockable {
		t.Skip("commits of two bulletins into one output are not serialised on this system")
	}
	root := t.TempDir()
	source, dest := filepath.Join(root, "site"), filepath.Join(root, "out")
	if err := os.MkdirAll(source, 0o755); err != nil {
		t.Fatal(err)
	}

	// Both first builds: staged, the second into an output the first
	// made meanwhile.
	a := begin(t, dest, source, map[string]string{"x/index.html": "X"})
	b := begin(t, dest, source, map[string]string{"y/index.html": "Y"})
	if err := a.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	checkFiles(t, dest, map[string]string{"x/index.html": "X", "y/index.html": "Y"})
	if m := checkManifest(t, dest); len(m.Files) != 2 {
		t.Errorf("the manifest lists %v", m.Files)
	}

	// Both updates in place.
	before := inode(t, dest)
	a = begin(t, dest, source, map[string]string{"x/index.html": "X2", "y/index.html": "Y", "a/index.html": "A"})
	b = begin(t, dest, source, map[string]string{"x/index.html": "X3", "y/index.html": "Y", "b/index.html": "B"})
	if err := a.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, updatingFile)); err == nil {
		t.Error("the first commit left the mark")
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	if !inode(t, dest).same(before) {
		t.Fatal("not updates in place")
	}
	if _, err := os.Stat(filepath.Join(dest, updatingFile)); err != nil {
		t.Error("the second commit, into an output changed since it began, cleared the mark")
	}
	checkFiles(t, dest, map[string]string{"x/index.html": "X3", "a/index.html": "A", "b/index.html": "B"})
	if m := checkManifest(t, dest); len(m.Files) != 4 {
		t.Errorf("the manifest lists %v", m.Files)
	}

	// The next build distrusts the output, and keeps both new files.
	if err := stage(t, dest, source, Options{}, map[string]string{"x/index.html": "X4", "y/index.html": "Y"}); err != nil {
		t.Fatal(err)
	}
	checkFiles(t, dest, map[string]string{"x/index.html": "X4", "a/index.html": "A", "b/index.html": "B"})
	checkManifest(t, dest)
	if left := leftovers(t, root); len(left) > 0 {
		t.Errorf("left %v", left)
	}
}

// TestConcurrentCommits: builds committing into one output at once all
// succeed, and leave a manifest that lists what the output holds.
func TestConcurrentCommits(t *testing.T) {
	if !lockable {
		t.Skip("commits of two bulletins into one output are not serialised on this system")
	}
	root := t.TempDir()
	source, dest := filepath.Join(root, "site"), filepath.Join(root, "out")
	if err := os.MkdirAll(source, 0o755); err != nil {
		t.Fatal(err)
	}
	for round := range 6 {
		var wg sync.WaitGroup
		for who := range 4 {
			wg.Go(func() {
				files := map[string]string{"index.html": fmt.Sprint(round)}
				for i := range 20 {
					files[fmt.Sprintf("p%d/index.html", i)] = fmt.Sprint(round, who%2, i)
				}
				if round%3 == 2 {
					files[fmt.Sprintf("new%d-%d/index.html", round, who)] = "new"
				}
				if err := stage(t, dest, source, Options{}, files); err != nil {
					t.Errorf("round %d, build %d: %v", round, who, err)
				}
			})
		}
		wg.Wait()
		checkManifest(t, dest)
	}
	// The next build alone: a manifest it can trust, nothing left.
	final := map[string]string{"index.html": "final"}
	if err := stage(t, dest, source, Options{}, final); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, updatingFile)); err == nil {
		t.Error("the mark stayed")
	}
	checkManifest(t, dest)
	if left := leftovers(t, root); len(left) > 0 {
		t.Errorf("left %v", left)
	}
}

// TestFolderSyncAfterAnotherBuild: a folder kept up to date in place
// (bulletin watch) into which a build committed meanwhile: its Syncs
// leave the mark (a page it did not write again may be the build's), and
// a page only the build made goes as any page the watch no longer makes.
func TestFolderSyncAfterAnotherBuild(t *testing.T) {
	root := t.TempDir()
	source, dest := filepath.Join(root, "site"), filepath.Join(root, "out")
	if err := os.MkdirAll(source, 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := OpenFolder(dest, source, "out")
	if err != nil {
		t.Fatal(err)
	}
	files := MapFiles{"index.html": []byte("home")}
	if err := f.Sync(files, []string{"index.html"}); err != nil {
		t.Fatal(err)
	}
	if err := stage(t, dest, source, Options{}, map[string]string{"index.html": "home", "built/index.html": "B"}); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		files["index.html"] = append(files["index.html"], '!')
		if err := f.Sync(files, []string{"index.html"}); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(dest, updatingFile)); err != nil {
			t.Error("a Sync into a folder another build wrote cleared the mark")
		}
		if _, err := os.Stat(filepath.Join(dest, "built", "index.html")); err == nil {
			t.Error("a page the watch does not make stayed")
		}
		checkFiles(t, dest, map[string]string{"index.html": string(files["index.html"])})
	}
}
