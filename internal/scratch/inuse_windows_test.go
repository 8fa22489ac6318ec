package scratch

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestInUseWindows: the refusals Windows gives for an open file are
// recognised, wrapped as the os package wraps them; others are not.
func TestInUseWindows(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{&os.LinkError{Op: "rename", Old: "a", New: "b", Err: errorSharingViolation}, true},
		{&os.PathError{Op: "remove", Path: "a", Err: errorAccessDenied}, true},
		{errorLockViolation, true},
		{&os.PathError{Op: "remove", Path: "a", Err: syscall.Errno(145)}, false}, // a folder not empty
		{os.ErrNotExist, false},
	} {
		if got := inUse(tc.err); got != tc.want {
			t.Errorf("inUse(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}

// TestRenameOverHeldFile: a file held open (Go opens files without
// FILE_SHARE_DELETE) cannot be replaced, and the error names it after the
// patience is spent.
func TestRenameOverHeldFile(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "page.html")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	held, err := os.Open(target)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	err = (Replace{Prefix: ".bulletin-"}).WriteFile(Dir(dir), "page.html", []byte("new"), 0o644)
	if err == nil || !inUse(errors.Unwrap(err)) && !inUse(err) || !strings.Contains(err.Error(), "page.html") {
		t.Fatalf("err = %v, want an in-use error naming page.html", err)
	}
	if b, _ := os.ReadFile(target); string(b) != "old" {
		t.Errorf("page.html holds %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("left %d files, want page.html alone", len(entries))
	}
}
