package scratch

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

func TestIs(t *testing.T) {
	for _, c := range []struct {
		name string
		pid  int
		ok   bool
	}{
		{".bulletin-42-0123456789abcdef.tmp", 42, true},
		{".bulletin-42-0123456789abcdef", 0, false},    // no suffix
		{".bulletin-42-0123456789abcde.tmp", 0, false}, // 15 digits
		{".bulletin-42-0123456789ABCDEF.tmp", 0, false},
		{".bulletin-042-0123456789abcdef.tmp", 0, false},
		{".bulletin--0123456789abcdef.tmp", 0, false},
		{".bulletin-0-0123456789abcdef.tmp", 0, false},
		{".bulletin-x-0123456789abcdef.tmp", 0, false},
		{"bulletin-42-0123456789abcdef.tmp", 0, false},
		{"photo.tmp", 0, false},
	} {
		pid, ok := Is(c.name, ".bulletin-", ".tmp")
		if pid != c.pid || ok != c.ok {
			t.Errorf("Is(%q) = %d, %v; want %d, %v", c.name, pid, ok, c.pid, c.ok)
		}
	}
	name := Name(".bulletin-", ".tmp")
	if pid, ok := Is(name, ".bulletin-", ".tmp"); !ok || pid != os.Getpid() {
		t.Errorf("Is(Name()) = %d, %v", pid, ok)
	}
}

// deadPID returns the ID of a process that has ended.
func deadPID(t *testing.T) int {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

func TestClean(t *testing.T) {
	dir := t.TempDir()
	dead := strconv.Itoa(deadPID(t))
	names := map[string]bool{ // name: abandoned
		".bulletin-" + dead + "-0123456789abcdef.tmp":                      true,
		".bulletin-" + strconv.Itoa(os.Getpid()) + "-0123456789abcdef.tmp": false, // ours
		".bulletin-" + dead + "-0123456789abcdef.tmp.keep":                 false,
		"notes.tmp": false,
	}
	for name := range names {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	folder := ".bulletin-" + dead + "-fedcba9876543210.tmp"
	names[folder] = true
	if err := os.MkdirAll(filepath.Join(dir, folder, "news"), 0o755); err != nil {
		t.Fatal(err)
	}
	if n := Clean(dir, ".bulletin-", ".tmp"); n != 2 {
		t.Errorf("Clean removed %d, want 2", n)
	}
	for name, abandoned := range names {
		_, err := os.Lstat(filepath.Join(dir, name))
		if gone := err != nil; gone != abandoned {
			t.Errorf("%s: gone %v, want %v", name, gone, abandoned)
		}
	}
}

func TestCreateAndMkdir(t *testing.T) {
	dir := t.TempDir()
	f, err := Create(dir, ".markdown-", ".tmp")
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if _, ok := Is(filepath.Base(f.Name()), ".markdown-", ".tmp"); !ok {
		t.Errorf("Create made %s", f.Name())
	}
	path, err := Mkdir(dir, ".public.staging-", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := Is(filepath.Base(path), ".public.staging-", ""); !ok {
		t.Errorf("Mkdir made %s", path)
	}
	if Abandoned(dir, filepath.Base(path), ".public.staging-", "") {
		t.Error("this process's own folder is abandoned")
	}
	old := time.Now().Add(-MaxAge - time.Minute)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	if !Abandoned(dir, filepath.Base(path), ".public.staging-", "") {
		t.Error("a folder older than MaxAge is not abandoned")
	}
}
