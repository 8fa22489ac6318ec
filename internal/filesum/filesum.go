// Package filesum names the bytes of a site's files: the output's
// manifest lists each output file's Sum, and a build that knows the Sum
// of the page it would write (its page memory does) leaves the file as it
// is when the manifest lists the same; the render cache and the file
// memory know a Markdown body by its Sum.
//
// A Sum is the 128-bit XXH3 hash. It only ever tells whether bytes are
// those a build saw before, where nobody gains from a collision between a
// site's own files; a cryptographic hash such as SHA-256 was a visible
// part of a cold build's CPU on a large site, for no safety gained. A Sum
// must never be used to trust bytes from elsewhere.
package filesum

import (
	"encoding/hex"

	"github.com/zeebo/xxh3"
)

// Sum identifies a file's bytes.
type Sum [16]byte

// Of returns the Sum of data.
func Of(data []byte) Sum { return xxh3.Hash128(data).Bytes() }

// String is the Sum in hex, as the manifest writes it.
func (s Sum) String() string { return hex.EncodeToString(s[:]) }

// AppendHex appends the Sum in hex, without allocating.
func (s Sum) AppendHex(b []byte) []byte { return hex.AppendEncode(b, s[:]) }
