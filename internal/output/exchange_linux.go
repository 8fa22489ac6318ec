package output

import "golang.org/x/sys/unix"

// exchange swaps the folders a and b in one step (renameat2's
// RENAME_EXCHANGE), so that there is no moment without either. It fails
// where the file system cannot, and the caller renames twice.
func exchange(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}
