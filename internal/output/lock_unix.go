//go:build unix

package output

import (
	"os"

	"golang.org/x/sys/unix"
)

// lockable says whether commits into an output lock it (see hold.go).
const lockable = true

// lockInFolder: the lock is the folder handle's (flock).
const lockInFolder = true

// lockDir takes an exclusive advisory lock on the output folder dir,
// held until dir is closed, waiting for another holder to let go. A file
// system that refuses locks gets none.
func lockDir(dir *os.File) {
	conn, err := dir.SyscallConn()
	if err != nil {
		return
	}
	_ = conn.Control(func(fd uintptr) {
		for unix.Flock(int(fd), unix.LOCK_EX) == unix.EINTR {
		}
	})
}

// lockPath: the lock is the folder's (lockDir).
func lockPath(string) (unlock func()) { return func() {} }
