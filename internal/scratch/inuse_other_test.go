//go:build unix

package scratch

import (
	"io/fs"
	"syscall"
	"testing"
)

// TestNothingInUse: outside Windows no error means "in use", so nothing
// is tried twice, not even a refusal that reads like one.
func TestNothingInUse(t *testing.T) {
	for _, err := range []error{syscall.EACCES, syscall.EBUSY, syscall.ETXTBSY, &fs.PathError{Op: "rename", Path: "a", Err: syscall.EPERM}} {
		if inUse(err) {
			t.Errorf("inUse(%v) = true", err)
		}
	}
}
