package build

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// rewrittenStamps writes a file, then other bytes of the same size, and
// sets the modification time back as a tool restoring times would; it
// returns the file's stamp before and after.
func rewrittenStamps(t *testing.T) (before, after stamp) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "a.md")
	when := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
	for i, text := range []string{"first", "other"} {
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, when, when); err != nil {
			t.Fatal(err)
		}
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			before = stampOf(info)
		} else {
			after = stampOf(info)
		}
	}
	return before, after
}
