package rcache

import (
	"bytes"
	"runtime/debug"
)

// guard runs read, which reads bytes of a mapped pack, and reports
// whether it ran to its end. The pack's file may be cut short under the
// mapping (by another program, or a user): a read past its new end is
// then a fault, which would end the process; here it ends read, and the
// bytes it was reading count as damaged. Only a fault is caught: any
// other panic goes on.
func guard(read func()) (ok bool) {
	old := debug.SetPanicOnFault(true)
	defer func() {
		debug.SetPanicOnFault(old)
		if r := recover(); r != nil {
			if _, fault := r.(interface{ Addr() uintptr }); !fault {
				panic(r)
			}
			ok = false
		}
	}()
	read()
	return true
}

// own copies raw, bytes of an entry that may lie in a mapped pack, out of
// it: what is decoded and checked is then this copy, which nothing else
// changes, not bytes another program may rewrite between the check and
// the decoding. false when reading raw faulted (see guard).
func own(raw []byte) (b []byte, ok bool) {
	ok = guard(func() { b = bytes.Clone(raw) })
	return b, ok
}
