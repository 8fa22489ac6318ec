//go:build !windows

package sockerr

import "syscall"

// Elsewhere the POSIX codes are the ones given.
const (
	wsaAddrInUse   = syscall.Errno(0)
	wsaConnRefused = syscall.Errno(0)
)
