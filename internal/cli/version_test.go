package cli

import (
	"bytes"
	"runtime"
	"testing"
)

// TestVersionStamped: a release's stamped version is what `bulletin
// version` prints (.goreleaser.yaml and .ci/release-builds write it in).
func TestVersionStamped(t *testing.T) {
	old := stamped
	t.Cleanup(func() { stamped = old })
	stamped = "v1.2.3"
	var out bytes.Buffer
	if code := Main(t.Context(), []string{"version"}, IO{Out: &out, Err: &out}); code != 0 {
		t.Fatalf("exit %d: %s", code, out.String())
	}
	if want := "bulletin v1.2.3 " + runtime.GOOS + "/" + runtime.GOARCH + " "; !bytes.HasPrefix(out.Bytes(), []byte(want)) {
		t.Errorf("version printed %q, want it to start %q", out.String(), want)
	}
}
