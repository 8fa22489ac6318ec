package build

import (
	"io/fs"
	"syscall"
)

// inodeAndChange reads a file's inode and change time (UnixNano).
func inodeAndChange(info fs.FileInfo) (uint64, int64) {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return st.Ino, st.Ctimespec.Nano()
	}
	return 0, 0
}
