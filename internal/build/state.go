package build

import (
	"encoding/binary"
	"errors"
	"sync"

	"github.com/bulletin-ssg/bulletin/internal/filesum"
	"github.com/bulletin-ssg/bulletin/internal/render"
	"github.com/bulletin-ssg/bulletin/internal/wire"
)

// PageMemory carries the pages of one `bulletin build` to the next into
// an output that still holds them: for every HTML page, the digest of
// its bytes, what its templates read and which kind template made it,
// with the digests of the graph they read (render.Digests). A page none
// of whose reads changed since is kept as the output holds it, when the
// sink can vouch for that (see keeper), instead of being rendered again.
//
// The CLI keeps it in the render cache folder; it is only ever a hint:
// a page is kept only when the output's manifest says the file holds
// exactly the bytes remembered.
type PageMemory struct {
	prev func() *renderState // the last build's (nil: render everything), once decoded
	next *renderState        // this build's, once it succeeded
}

// NewPageMemory decodes what Encode wrote; anything it cannot read (or
// nil) gives a memory of nothing, and every page is rendered. load is
// called, and its bytes decoded, beside the build's first stages: the
// memory is needed only when pages are written.
func NewPageMemory(load func() []byte) *PageMemory {
	prev := make(chan *renderState, 1)
	go func() {
		st, err := decodeState(load())
		if err != nil {
			st = nil
		}
		prev <- st
	}()
	return &PageMemory{prev: sync.OnceValue(func() *renderState { return <-prev })}
}

// Encode returns what to keep for the next build: this build's pages, or
// nil when the build did not finish (keep the old memory then).
func (m *PageMemory) Encode() []byte {
	if m == nil || m.next == nil {
		return nil
	}
	return encodeState(m.next)
}

// The encoding, after the caller's header (rcache adds the binary's
// version and a checksum):
//
//	state   = env [32] build [8] site-sums [16 per site group] count (path page-sums [16 per page group])*
//	          count kind[32]* count output*
//	output  = rel sum[16] kind-index length reads
//	reads   = (id group)*, length bytes in all
//	id indexes the page paths above, the table: 0 is the site, i+1 page i.
//	string  = uvarint length, bytes; numbers are uvarints.
//
// A kept page's reads stay as they were encoded from one build to the
// next (renderedPage.reads): while the table starts with the previous
// one, they are copied, neither decoded nor encoded again. A page
// rendered is encoded against the table when it is remembered.

var errBadState = errors.New("page memory: corrupt")

func encodeState(st *renderState) []byte {
	table, index, same := st.nextTable()
	// The outputs first, to size the encoding: it is one allocation, with
	// no growing and copying of a large site's megabytes. The pages'
	// reads are copied as they are when the table is st's; else they are
	// translated into encoded, at the offsets the output's item gives.
	type item struct {
		rel        string
		sum        filesum.Sum
		kind       uint64
		start, end int // in encoded, when reads is nil
		reads      []byte
	}
	items := make([]item, 0, len(st.outputs))
	var encoded []byte
	var kinds [][32]byte
	kindIndex := map[[32]byte]uint64{}
	size := 32 + len(st.build) + len(st.digests.Site)*16 + 3*binary.MaxVarintLen64
	for _, p := range table {
		size += binary.MaxVarintLen16 + len(p) + len(render.PageDigest{})*16
	}
	for rel, o := range st.outputs {
		it := item{rel: rel, sum: o.sum, start: len(encoded)}
		ok := true
		if same {
			it.reads = o.reads
		} else {
			encoded, ok = st.translate(encoded, o.reads, index)
		}
		if !ok {
			// An output that read a page the graph does not have (it
			// cannot, but nothing here depends on it) is left out, and
			// rendered next time.
			encoded = encoded[:it.start]
			continue
		}
		it.end = len(encoded)
		k, known := kindIndex[o.kind]
		if !known {
			k = uint64(len(kinds))
			kindIndex[o.kind] = k
			kinds = append(kinds, o.kind)
		}
		it.kind = k
		size += 2*binary.MaxVarintLen32 + len(rel) + len(o.sum) + binary.MaxVarintLen64 + len(it.reads) + it.end - it.start
		items = append(items, it)
	}
	size += len(kinds) * 32

	b := make([]byte, 0, size)
	b = append(b, st.env[:]...)
	b = append(b, st.build[:]...)
	for _, s := range st.digests.Site {
		b = append(b, s[:]...)
	}
	b = binary.AppendUvarint(b, uint64(len(table)))
	for _, p := range table {
		b = wire.AppendField(b, p)
		for _, s := range st.digests.Pages[p] {
			b = append(b, s[:]...)
		}
	}
	b = binary.AppendUvarint(b, uint64(len(kinds)))
	for _, k := range kinds {
		b = append(b, k[:]...)
	}
	b = binary.AppendUvarint(b, uint64(len(items)))
	for _, it := range items {
		reads := it.reads
		if reads == nil {
			reads = encoded[it.start:it.end]
		}
		b = wire.AppendField(b, it.rel)
		b = append(b, it.sum[:]...)
		b = binary.AppendUvarint(b, it.kind)
		b = wire.AppendField(b, reads)
	}
	return b
}

// nextTable orders the graph's page paths for the encoding: the
// previous table's order while every page in it is still there (then
// same is true, and kept pages' reads are copied), the other pages
// after it. index gives each path's id.
func (st *renderState) nextTable() (table []string, index map[string]uint64, same bool) {
	pages := st.digests.Pages
	table = make([]string, 0, len(pages))
	index = make(map[string]uint64, len(pages))
	same = true
	for _, p := range st.table {
		if _, ok := pages[p]; !ok {
			same = false
			break
		}
	}
	if same {
		for _, p := range st.table {
			table = append(table, p)
			index[p] = uint64(len(table))
		}
	}
	if len(table) < len(pages) {
		// Map order: sorting every name was a large part of the encoding.
		for p := range pages {
			if _, ok := index[p]; !ok {
				table = append(table, p)
				index[p] = uint64(len(table))
			}
		}
	}
	return table, index, same
}

// encodeReads appends deps encoded against index; ok is false when one
// of them is not in it.
func encodeReads(b []byte, deps []render.Dep, index map[string]uint64) (_ []byte, ok bool) {
	lastID, last := "", uint64(0)
	for _, d := range deps {
		id := uint64(0) // the site
		switch {
		case d.ID == render.SiteID:
		case d.ID == lastID:
			id = last // deps are sorted: a page's groups come together
		default:
			if id = index[d.ID]; id == 0 {
				return b, false
			}
			lastID, last = d.ID, id
		}
		b = binary.AppendUvarint(b, id)
		b = append(b, byte(d.Group))
	}
	return b, true
}

// translate appends reads, encoded against st's table, encoded against
// index instead; ok is false when one of them is not in it.
func (st *renderState) translate(b, reads []byte, index map[string]uint64) (_ []byte, ok bool) {
	ok = eachRead(reads, func(id uint64, g byte) bool {
		switch {
		case id == 0:
		case id <= uint64(len(st.table)):
			if id = index[st.table[id-1]]; id == 0 {
				return false
			}
		default:
			return false
		}
		b = binary.AppendUvarint(b, id)
		b = append(b, g)
		return true
	})
	return b, ok
}

// eachRead calls yield with every (id, group) of encoded reads until it
// returns false; it reports whether it saw them all, well formed.
func eachRead(reads []byte, yield func(id uint64, group byte) bool) bool {
	for len(reads) > 0 {
		id, n := binary.Uvarint(reads)
		if n <= 0 || n >= len(reads) {
			return false
		}
		if !yield(id, reads[n]) {
			return false
		}
		reads = reads[n+1:]
	}
	return true
}

func decodeState(data []byte) (*renderState, error) {
	if len(data) == 0 {
		return nil, errBadState
	}
	r := wire.NewReader(data)
	st := &renderState{digests: &render.Digests{}}
	copy(st.env[:], r.Bytes(32))
	copy(st.build[:], r.Bytes(len(st.build)))
	for i := range st.digests.Site {
		copy(st.digests.Site[i][:], r.Bytes(16))
	}
	n := r.Count(1 + len(render.PageDigest{})*16)
	st.digests.Pages = make(map[string]render.PageDigest, n)
	st.table = make([]string, n)
	for i := range n {
		p := r.String()
		var d render.PageDigest
		for j := range d {
			copy(d[j][:], r.Bytes(16))
		}
		if _, dup := st.digests.Pages[p]; dup {
			r.Fail() // a path's id must be one
		}
		st.table[i] = p
		st.digests.Pages[p] = d
	}
	kinds := make([][32]byte, r.Count(32))
	for i := range kinds {
		copy(kinds[i][:], r.Bytes(32))
	}
	n = r.Count(1 + len(filesum.Sum{}) + 2)
	st.outputs = make(map[string]renderedPage, n)
	for range n {
		if r.Err() != nil {
			break
		}
		rel := r.String()
		var o renderedPage
		copy(o.sum[:], r.Bytes(len(o.sum)))
		k := r.Uvarint()
		if k >= uint64(len(kinds)) {
			r.Fail()
			break
		}
		o.kind = kinds[k]
		// Kept as they are: a page whose reads are checked reads them
		// by id (pageRenderer.touched), and one kept is copied.
		o.reads = r.Field()
		if o.reads == nil {
			o.reads = []byte{}
		}
		st.outputs[rel] = o
	}
	if r.Err() != nil || r.Len() != 0 {
		return nil, errBadState
	}
	return st, nil
}
