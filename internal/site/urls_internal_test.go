package site

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
)

func TestWritePadded(t *testing.T) {
	for _, tc := range []struct{ n, width int }{{7, 2}, {12, 2}, {2020, 4}, {5, 4}, {12345, 4}, {0, 2}, {-3, 4}} {
		var b strings.Builder
		writePadded(&b, tc.n, tc.width)
		if want := fmt.Sprintf("%0*d", tc.width, tc.n); b.String() != want {
			t.Errorf("writePadded(%d, %d) = %q, want %q", tc.n, tc.width, b.String(), want)
		}
	}
}

// FuzzEscapePath: the fast way (a path with nothing to escape is
// returned as it is) gives what escaping each segment gives.
func FuzzEscapePath(f *testing.F) {
	for _, p := range []string{"/", "/news/2020/07/launch/", "/tags/公司/", "/a b/", "/a%2F/", "/~x_y.z-1/", "/$&+,:;=@/", ""} {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, p string) {
		segs := strings.Split(p, "/")
		for i, s := range segs {
			segs[i] = url.PathEscape(s)
		}
		if got, want := escapePath(p), strings.Join(segs, "/"); got != want {
			t.Errorf("escapePath(%q) = %q, want %q", p, got, want)
		}
	})
}

func TestWindowsReserved(t *testing.T) {
	for file, want := range map[string]string{
		"news/a/index.html":        "",
		"news/con/index.html":      "con",
		"news/AUX.txt":             "AUX.txt",
		"lpt9/index.html":          "lpt9",
		"news/console/index.html":  "",
		"news/com10/index.html":    "",
		"news/trailing./index.htm": "trailing.",
		"news/space /index.html":   "space ",
		"nul":                      "nul",
		"news/a.b.c/index.html":    "",
	} {
		if got := windowsReserved(file); got != want {
			t.Errorf("windowsReserved(%q) = %q, want %q", file, got, want)
		}
	}
}
