// Package wire reads and writes the plain binary encodings of bulletin's
// caches (the render cache's pack, the page and file memories, the front
// matter memo): numbers as varints, texts and byte strings as a uvarint
// length and the bytes.
//
// A Reader stops at the first problem and remembers it: every later read
// gives zero values, so a decoder reads on and checks Err once at the end.
// Nothing a Reader returns is ever longer than what is left of its input,
// so a damaged length cannot make a decoder allocate without bound, and
// a Reader never panics on damaged input.
package wire

import (
	"encoding/binary"
	"errors"
)

// ErrCorrupt is what a Reader reports for input it cannot read.
var ErrCorrupt = errors.New("corrupt data")

// Reader reads an encoding from a byte slice, which it never changes.
type Reader struct {
	b   []byte
	err error
}

// NewReader reads b.
func NewReader(b []byte) *Reader { return &Reader{b: b} }

// Err is the first problem met, or nil.
func (r *Reader) Err() error { return r.err }

// Len is how many bytes are left.
func (r *Reader) Len() int { return len(r.b) }

// Fail marks the input corrupt (a decoder found a value it cannot take).
func (r *Reader) Fail() {
	if r.err == nil {
		r.err = ErrCorrupt
	}
	r.b = nil
}

// Uvarint reads an unsigned varint.
func (r *Reader) Uvarint() uint64 {
	v, k := binary.Uvarint(r.b)
	if k <= 0 {
		r.Fail()
		return 0
	}
	r.b = r.b[k:]
	return v
}

// Varint reads a signed varint.
func (r *Reader) Varint() int64 {
	v, k := binary.Varint(r.b)
	if k <= 0 {
		r.Fail()
		return 0
	}
	r.b = r.b[k:]
	return v
}

// Count reads a number of items that take at least min bytes each,
// refusing one the rest of the input cannot hold.
func (r *Reader) Count(min int) int {
	n := r.Uvarint()
	if n > uint64(len(r.b)/max(min, 1)) {
		r.Fail()
		return 0
	}
	return int(n)
}

// Bytes returns the next n bytes, aliasing the input (nil past its end).
func (r *Reader) Bytes(n int) []byte {
	if n < 0 || n > len(r.b) {
		r.Fail()
		return nil
	}
	out := r.b[:n:n]
	r.b = r.b[n:]
	return out
}

// Byte reads one byte.
func (r *Reader) Byte() byte {
	b := r.Bytes(1)
	if b == nil {
		return 0
	}
	return b[0]
}

// Field reads what AppendField wrote, aliasing the input.
func (r *Reader) Field() []byte { return r.Bytes(r.Count(1)) }

// String reads what AppendField wrote, as a new string.
func (r *Reader) String() string { return string(r.Field()) }

// AppendField appends s as its length and its bytes.
func AppendField[T string | []byte](b []byte, s T) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}
