//go:build unix

package rcache

import (
	"os"
	"syscall"
)

// readPack maps the pack into memory read-only instead of reading it: a
// warm build touches only the few bytes of each entry that say where its
// text is, not the text itself, and reading a large site's pack made a
// rebuild pay for copying and page faults it had no use for. The mapping
// lives as long as the process (the entries not yet decoded point into
// it).
//
// bulletin writes a pack only under another name and renames it into
// place, so another bulletin never changes a mapped file: the mapping
// keeps the pack it was opened on. Something else may (truncate, a copy
// over it): a read past a new end faults and one of rewritten bytes
// finds other bytes, so every read goes through guard, and what is
// decoded is a copy checked against its sum (see entry).
func readPack(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close() // the mapping outlives the descriptor
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	size := info.Size()
	if size == 0 || size != int64(int(size)) || !info.Mode().IsRegular() {
		return os.ReadFile(path)
	}
	return syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
}

// releasePack gives back what readPack returned, when nothing points
// into it.
func releasePack(data []byte) {
	// Refused (EINVAL) for data that was read, not mapped: the collector
	// has that.
	_ = syscall.Munmap(data)
}
