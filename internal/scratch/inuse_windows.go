package scratch

import (
	"errors"
	"syscall"
)

// The errors Windows gives for a file another program has open: without
// FILE_SHARE_DELETE, renaming over it or removing it is refused as a
// sharing violation or as access denied. (A folder that is not empty is
// not among them: removing one is how callers find out that it is not.)
const (
	errorAccessDenied     = syscall.Errno(5)
	errorSharingViolation = syscall.Errno(32)
	errorLockViolation    = syscall.Errno(33)
)

func inUse(err error) bool {
	var errno syscall.Errno
	if !errors.As(err, &errno) {
		return false
	}
	switch errno {
	case errorAccessDenied, errorSharingViolation, errorLockViolation:
		return true
	}
	return false
}
