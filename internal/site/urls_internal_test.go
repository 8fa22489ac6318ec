package site

import (
	"fmt"
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
