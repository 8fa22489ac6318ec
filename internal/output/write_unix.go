//go:build unix

package output

import (
	"errors"
	"io"
	"io/fs"

	"golang.org/x/sys/unix"
)

// writeNew writes a page to a new file of the staging folder, as
// os.WriteFile(name, data, 0o644) does, with the system calls alone:
// os.OpenFile also offers every file to the runtime's poller, which a
// regular file refuses, five more calls for each of the thousands of
// files a build writes.
func writeNew(name string, data []byte) error {
	fd, err := retried(func() (int, error) {
		return unix.Open(name, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC, 0o644)
	})
	if err != nil {
		return &fs.PathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 {
		n, err := retried(func() (int, error) { return unix.Write(fd, data) })
		if err == nil && n == 0 {
			err = io.ErrShortWrite
		}
		if err != nil {
			_ = unix.Close(fd)
			return &fs.PathError{Op: "write", Path: name, Err: err}
		}
		data = data[n:]
	}
	if err := unix.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: name, Err: err}
	}
	return nil
}

// retried calls fn again while a signal interrupts it.
func retried(fn func() (int, error)) (int, error) {
	for {
		n, err := fn()
		if !errors.Is(err, unix.EINTR) {
			return n, err
		}
	}
}
