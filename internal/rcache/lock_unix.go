//go:build unix

package rcache

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// lockAppendix takes an exclusive advisory lock on the appendix f (see
// appendChunk), held until f is closed, waiting for another bulletin's
// append to end. false when the file system refuses locks: the append
// goes on without one.
func lockAppendix(f *os.File) bool {
	conn, err := f.SyscallConn()
	if err != nil {
		return false
	}
	var ferr error
	err = conn.Control(func(fd uintptr) {
		for {
			ferr = unix.Flock(int(fd), unix.LOCK_EX)
			if !errors.Is(ferr, unix.EINTR) {
				return
			}
		}
	})
	return err == nil && ferr == nil
}
