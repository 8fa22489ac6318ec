//go:build !(darwin || dragonfly || freebsd || netbsd || openbsd)

package watch

import "testing"

// TestBudgetOther: inotify and Windows watch folders, not files: no
// budget up front, so a site of any size is watched, not polled.
func TestBudgetOther(t *testing.T) {
	if got := watchBudget(); got != 0 {
		t.Errorf("watchBudget() = %d, want 0", got)
	}
}
