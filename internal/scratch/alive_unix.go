//go:build unix

package scratch

import (
	"errors"
	"syscall"
)

// alive reports whether a process with this ID exists: signal 0 checks
// without sending anything (EPERM: it exists, as another user's).
func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
