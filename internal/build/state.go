package build

import (
	"encoding/binary"
	"errors"
	"maps"
	"slices"
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
//	state   = env [32] build [8] site-sums [4×16] count (path page-sums [5×16])*
//	          count kind[32]* count output*
//	output  = rel sum[16] kind-index count (id-index group)*
//	id-index indexes the page paths above; 0 is the site, i+1 page i.
//	string  = uvarint length, bytes; numbers are uvarints.

var errBadState = errors.New("page memory: corrupt")

func encodeState(st *renderState) []byte {
	b := make([]byte, 0, 128*len(st.digests.Pages)+64*len(st.outputs))
	b = append(b, st.env[:]...)
	b = append(b, st.build[:]...)
	for _, s := range st.digests.Site {
		b = append(b, s[:]...)
	}
	// Map order: the file need not be the same bytes twice, and sorting
	// every name was a large part of the encoding.
	paths := slices.Collect(maps.Keys(st.digests.Pages))
	index := make(map[string]uint64, len(paths))
	b = binary.AppendUvarint(b, uint64(len(paths)))
	for i, p := range paths {
		index[p] = uint64(i) + 1
		b = wire.AppendField(b, p)
		for _, s := range st.digests.Pages[p] {
			b = append(b, s[:]...)
		}
	}
	// An output that read a page the graph does not have (it cannot, but
	// nothing here depends on it) is left out, and rendered next time.
	// Each output is encoded once, into outs, in the same pass that
	// checks its reads: a large site's pages read a great many things.
	var kinds [][32]byte
	kindIndex := map[[32]byte]uint64{}
	outs := make([]byte, 0, 24*len(st.outputs))
	count := 0
	for rel, o := range st.outputs {
		k, ok := kindIndex[o.kind]
		if !ok {
			k = uint64(len(kinds))
			kindIndex[o.kind] = k
			kinds = append(kinds, o.kind)
		}
		start := len(outs)
		outs = wire.AppendField(outs, rel)
		outs = append(outs, o.sum[:]...)
		outs = binary.AppendUvarint(outs, k)
		outs = binary.AppendUvarint(outs, uint64(len(o.deps)))
		complete := true
		lastID, last := "", uint64(0)
		for _, d := range o.deps {
			id := uint64(0) // the site
			switch {
			case d.ID == render.SiteID:
			case d.ID == lastID:
				id = last // deps are sorted: a page's groups come together
			default:
				if id = index[d.ID]; id == 0 {
					complete = false
				}
				lastID, last = d.ID, id
			}
			if !complete {
				break
			}
			outs = binary.AppendUvarint(outs, id)
			outs = append(outs, byte(d.Group))
		}
		if !complete {
			outs = outs[:start]
			continue
		}
		count++
	}
	b = binary.AppendUvarint(b, uint64(len(kinds)))
	for _, k := range kinds {
		b = append(b, k[:]...)
	}
	b = binary.AppendUvarint(b, uint64(count))
	b = append(b, outs...)
	return b
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
	n := r.Count(1 + 5*16)
	st.digests.Pages = make(map[string]render.PageDigest, n)
	paths := make([]string, n)
	for i := range n {
		paths[i] = r.String()
		var d render.PageDigest
		for j := range d {
			copy(d[j][:], r.Bytes(16))
		}
		st.digests.Pages[paths[i]] = d
	}
	kinds := make([][32]byte, r.Count(32))
	for i := range kinds {
		copy(kinds[i][:], r.Bytes(32))
	}
	n = r.Count(1 + len(filesum.Sum{}) + 2)
	st.outputs = make(map[string]renderedPage, n)
	var deps []render.Dep
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
		if n := r.Count(2); n > 0 {
			if len(deps) < n {
				deps = make([]render.Dep, max(n, 4096)) // a block for many outputs
			}
			o.deps, deps = deps[:n:n], deps[n:]
		}
		for i := range o.deps {
			id := r.Uvarint()
			g := r.Byte()
			switch {
			case id == 0:
				o.deps[i] = render.Dep{ID: render.SiteID, Group: render.Group(g)}
			case id <= uint64(len(paths)):
				o.deps[i] = render.Dep{ID: paths[id-1], Group: render.Group(g)}
			default:
				r.Fail()
			}
		}
		st.outputs[rel] = o
	}
	if r.Err() != nil || r.Len() != 0 {
		return nil, errBadState
	}
	return st, nil
}
