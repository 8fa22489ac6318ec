//go:build darwin || dragonfly || freebsd || netbsd || openbsd

package watch

import (
	"syscall"
	"testing"
)

// TestBudgetKqueue: kqueue's budget is half the open-file limit.
func TestBudgetKqueue(t *testing.T) {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		t.Fatal(err)
	}
	if got, want := watchBudget(), int(min(lim.Cur, 1<<30)/2); got != want || got <= 0 {
		t.Errorf("watchBudget() = %d, want %d", got, want)
	}
}
