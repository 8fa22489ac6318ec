package diagtest

import (
	"path/filepath"
	"testing"
)

func TestSlashed(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{filepath.FromSlash("content/news/a.md") + `:3:7: value "a\r\nb"`, `content/news/a.md:3:7: value "a\r\nb"`},
		{filepath.FromSlash("content/a.md") + ": x\n" + filepath.FromSlash("content/b/c.md") + ":1:1: y", "content/a.md: x\ncontent/b/c.md:1:1: y"},
		{`no position \n`, `no position \n`},
	} {
		if got := Slashed(tc.in); got != tc.want {
			t.Errorf("Slashed(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
