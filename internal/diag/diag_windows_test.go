package diag

import "testing"

// TestWindowsSeparators: an author on Windows reads the path as Explorer
// and the editor show it.
func TestWindowsSeparators(t *testing.T) {
	if got, want := At("content/news/a.md", 3, 7, "x").Error(), `content\news\a.md:3:7: x`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
