//go:build !unix

package rcache

// packMapped: here the pack is read whole, so another process changing
// it later changes nothing this one serves.
const packMapped = false
