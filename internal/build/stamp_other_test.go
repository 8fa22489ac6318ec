//go:build !linux && !darwin

package build

import "testing"

// TestStampWithoutChangeTime: without a change time, a stamp is the size
// and the modification time, so a rewrite of the same size under a
// restored modification time keeps it (what the racy window and
// --no-cache are for).
func TestStampWithoutChangeTime(t *testing.T) {
	before, after := rewrittenStamps(t)
	if before != after || after.ino != 0 || after.ctime != 0 {
		t.Errorf("stamps %+v and %+v, want the same size and time alone", before, after)
	}
}
