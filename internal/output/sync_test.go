package output

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

func TestFolderSync(t *testing.T) {
	root := t.TempDir()
	source := filepath.Join(root, "site")
	dest := filepath.Join(root, "out")
	if err := os.MkdirAll(source, 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := OpenFolder(dest, source, "out")
	if err != nil {
		t.Fatal(err)
	}
	files := MapFiles{"index.html": []byte("home"), "news/a/index.html": []byte("a"), "news/b/index.html": []byte("b")}
	if err := f.Sync(files, []string{"index.html", "news/a/index.html", "news/b/index.html"}); err != nil {
		t.Fatal(err)
	}
	old := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := os.Chtimes(filepath.Join(dest, "index.html"), old, old); err != nil {
		t.Fatal(err)
	}
	// index.html is named as changed but its bytes are the same: untouched.
	delete(files, "news/b/index.html")
	files["news/a/index.html"] = []byte("a2")
	if err := f.Sync(files, []string{"index.html", "news/a/index.html"}); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(filepath.Join(dest, "index.html")); !info.ModTime().Equal(old) {
		t.Error("an unchanged file was rewritten")
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "news/a/index.html")); string(b) != "a2" {
		t.Errorf("changed file holds %q", b)
	}
	if _, err := os.Stat(filepath.Join(dest, "news/b")); !os.IsNotExist(err) {
		t.Error("a removed page's folder is still there")
	}
	if got := strings.Join(f.Files(), ","); got != "index.html,news/a/index.html" {
		t.Errorf("files %s", got)
	}
	m, err := ReadManifest(dest)
	if err != nil || len(m.Files) != 2 {
		t.Errorf("manifest %+v %v", m, err)
	}
	// A reopened folder knows what it holds; a file the user added is kept.
	if err := os.WriteFile(filepath.Join(dest, "mine.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	g, err := OpenFolder(dest, source, "out")
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	if err := g.Sync(MapFiles{"index.html": []byte("home")}, []string{"index.html"}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "mine.txt")); err != nil {
		t.Errorf("the user's file was removed: %v", err)
	}
	// A non-empty folder without a manifest is refused.
	other := filepath.Join(root, "other")
	if err := os.MkdirAll(other, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(other, "x.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenFolder(other, source, "other"); err == nil || !strings.Contains(err.Error(), "x.txt") {
		t.Errorf("a folder bulletin does not know: %v", err)
	}
	if err := f.Sync(MapFiles{"../x": []byte("x")}, []string{"../x"}); err == nil {
		t.Error("Sync wrote outside the folder")
	}
}

// MapFiles is an output held wholly in memory.
type MapFiles map[string][]byte

// Get returns one file, or fs.ErrNotExist.
func (m MapFiles) Get(rel string) ([]byte, error) {
	if b, ok := m[rel]; ok {
		return b, nil
	}
	return nil, fs.ErrNotExist
}

// Has reports whether the output has a file.
func (m MapFiles) Has(rel string) bool { _, ok := m[rel]; return ok }

// Files lists what the folder holds, sorted (for tests).
func (f *Folder) Files() []string {
	out := make([]string, 0, len(f.files))
	for k := range f.files {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
