package scratch

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestReplace: a file replaced through a Dir or an *os.Root holds the new
// bytes with the permissions asked for, synced or not, and no scratch
// file is left, also when the rename fails.
func TestReplace(t *testing.T) {
	dir := t.TempDir()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	if err := os.Mkdir(filepath.Join(dir, "news"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, in := range []Folder{Dir(dir), root} {
		for _, sync := range []bool{false, true} {
			r := Replace{Prefix: ".bulletin-", Suffix: ".tmp", Sync: sync}
			for _, data := range []string{"first", "second"} {
				if err := r.WriteFile(in, filepath.Join("news", "a.html"), []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
				got, err := os.ReadFile(filepath.Join(dir, "news", "a.html"))
				if err != nil || string(got) != data {
					t.Fatalf("%T, sync %v: read %q, %v; want %q", in, sync, got, err, data)
				}
			}
			info, _ := os.Stat(filepath.Join(dir, "news", "a.html"))
			if runtime.GOOS != "windows" && info.Mode().Perm() != 0o644 {
				t.Errorf("%T: mode %v", in, info.Mode())
			}
			// A rename over a folder that is not empty fails: the folder
			// stays, and so does no scratch file.
			if err := r.WriteFile(in, "news", []byte("x"), 0o644); err == nil {
				t.Errorf("%T: a file replaced a folder", in)
			}
			left, _ := filepath.Glob(filepath.Join(dir, ".bulletin-*"))
			more, _ := filepath.Glob(filepath.Join(dir, "news", ".bulletin-*"))
			if left = append(left, more...); len(left) > 0 {
				t.Errorf("%T: left %v", in, left)
			}
		}
	}
}

// TestReplaceInRoot: through an *os.Root, a name that leads out of the
// folder by a link is refused, and nothing is written there.
func TestReplaceInRoot(t *testing.T) {
	outside, dir := t.TempDir(), t.TempDir()
	if err := os.Symlink(outside, filepath.Join(dir, "link")); err != nil {
		t.Skip(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	r := Replace{Prefix: ".bulletin-", Suffix: ".tmp", Sync: true}
	if err := r.WriteFile(root, filepath.Join("link", "a.html"), []byte("x"), 0o644); err == nil {
		t.Error("written through a link out of the folder")
	}
	if entries, _ := os.ReadDir(outside); len(entries) > 0 {
		t.Errorf("the folder a link leads to holds %v", entries)
	}
}

// TestReplaceCreate: a File written in parts and committed, or aborted.
func TestReplaceCreate(t *testing.T) {
	dir := t.TempDir()
	r := Replace{Prefix: ".blob-", Suffix: ".tmp", Sync: true}
	f, err := r.Create(Dir(dir), ".")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := Is(filepath.Base(f.Name()), ".blob-", ".tmp"); !ok {
		t.Errorf("Create made %s", f.Name())
	}
	f.Write([]byte("head,"))
	f.Write([]byte("body"))
	if err := f.Commit("blob", 0o644); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "blob")); string(got) != "head,body" {
		t.Errorf("read %q", got)
	}
	f, err = r.Create(Dir(dir), ".")
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("never"))
	f.Abort()
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("after Abort the folder holds %v", entries)
	}
}
