// Package sockerr recognises the network errors bulletin explains to an
// author, in the numbers each system gives them: Windows' sockets report
// their own codes (WSAECONNREFUSED, 10061), not the POSIX ones Go names
// in package syscall, so errors.Is(err, syscall.ECONNREFUSED) is false
// there for a refused connection.
package sockerr

import (
	"errors"
	"syscall"
)

// Refused reports whether err is a connection the other side refused.
func Refused(err error) bool { return is(err, syscall.ECONNREFUSED, wsaConnRefused) }

// AddrInUse reports whether err is an address another program listens on.
func AddrInUse(err error) bool { return is(err, syscall.EADDRINUSE, wsaAddrInUse) }

func is(err error, posix, windows syscall.Errno) bool {
	return errors.Is(err, posix) || windows != 0 && errors.Is(err, windows)
}
