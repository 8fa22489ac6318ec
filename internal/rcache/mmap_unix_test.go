//go:build unix

package rcache

// packMapped: here the pack is mapped, so another process changing it
// changes what this one reads (see mmap_unix.go).
const packMapped = true
