//go:build linux || darwin

package build

import "testing"

// TestStampSeesRewrite: the change time moves with every write, so a
// rewrite of the same size under a restored modification time is seen.
func TestStampSeesRewrite(t *testing.T) {
	before, after := rewrittenStamps(t)
	if before == after {
		t.Errorf("stamp %+v unchanged by a rewrite", before)
	}
	if after.ctime == 0 {
		t.Error("no change time read")
	}
}
