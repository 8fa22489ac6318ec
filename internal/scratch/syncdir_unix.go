//go:build unix

package scratch

import (
	"errors"
	"syscall"
)

// syncDir writes the folder dir of in to the disk: a rename is an entry
// of its folder, and reaches the disk with the folder, not with the file.
// A file system that cannot sync a folder (EINVAL, ENOTSUP) gets as far
// as it goes.
func syncDir(in Folder, dir string) error {
	d, err := in.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	if errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP) {
		return nil
	}
	return err
}
