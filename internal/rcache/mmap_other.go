//go:build !unix

package rcache

import "os"

// readPack reads the pack whole (see mmap_unix.go for why unix maps it).
func readPack(path string) ([]byte, error) { return os.ReadFile(path) }

// releasePack leaves data to the collector.
func releasePack([]byte) {}
