package sockerr

import "syscall"

// Windows Sockets' codes (winerror.h).
const (
	wsaAddrInUse   = syscall.Errno(10048)
	wsaConnRefused = syscall.Errno(10061)
)
