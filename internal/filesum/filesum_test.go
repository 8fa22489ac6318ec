package filesum

import (
	"bytes"
	"testing"
)

// TestOf pins the sums: the manifest outlives the build, so the same
// bytes must give the same Sum in every process and every version (a
// library update that changed them would make each build rewrite its
// whole output once). The empty input's is XXH3-128's published test
// vector.
func TestOf(t *testing.T) {
	page := bytes.Repeat([]byte("<p>公司新闻</p>\n"), 2000)
	for _, tt := range []struct {
		data []byte
		want string
	}{
		{nil, "99aa06d3014798d86001c324468d497f"},
		{page, "6036a18245e042f5d3a5366a16a8e64b"},
	} {
		got := Of(tt.data)
		if got.String() != tt.want || string(got.AppendHex([]byte("x"))) != "x"+tt.want {
			t.Errorf("Of(%d bytes) = %s (appended %q), want %s", len(tt.data), got, got.AppendHex([]byte("x")), tt.want)
		}
	}
	changed := bytes.Clone(page)
	changed[len(changed)/2] ^= 1
	if Of(changed) == Of(page) {
		t.Error("a changed byte gave the same sum")
	}
}
