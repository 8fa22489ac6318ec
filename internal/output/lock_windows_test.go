package output

import (
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"
)

// TestLockPathExcludes: the output's lock is held by one at a time,
// whatever the case the path is written in, and a second taker waits.
func TestLockPathExcludes(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "Out")
	unlock := lockPath(dest)
	var taken atomic.Bool
	done := make(chan struct{})
	go func() {
		defer close(done)
		other := lockPath(filepath.Join(filepath.Dir(dest), "out"))
		taken.Store(true)
		other()
	}()
	time.Sleep(200 * time.Millisecond)
	if taken.Load() {
		t.Fatal("the lock was taken twice")
	}
	unlock()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the second taker never got the lock")
	}
}
