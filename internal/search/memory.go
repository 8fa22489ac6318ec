package search

import (
	"encoding/binary"
	"errors"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/filesum"
	"github.com/bulletin-ssg/bulletin/internal/wire"
)

// memoryVersion is the version of Encode's format; Decode takes no other.
const memoryVersion = 3

// Encode writes records, which x made, for a later process: their terms
// by number with the dictionary they need, their fragments by name and
// sum (the output holds their bytes), and their Source.
func (x *Indexer) Encode(records []*Record) []byte {
	terms := x.dict.snapshot()
	// The terms the records use, numbered from 0 in the order the
	// records first use them, so that the commonest have small numbers.
	local := make([]int32, len(terms)) // 1 + the local number; 0 for none yet
	var used []int32
	for _, r := range records {
		for _, t := range r.terms {
			if local[t.term] == 0 {
				used = append(used, t.term)
				local[t.term] = int32(len(used))
			}
		}
	}
	size := 16 + 8*len(used)
	for _, r := range records {
		size += 128 + len(r.url) + len(r.title) + len(r.section) + len(r.keywords) + 4*len(r.terms)
	}
	b := make([]byte, 0, size) // grown once, if at all: a large site's is megabytes
	b = binary.AppendUvarint(b, memoryVersion)
	b = binary.AppendUvarint(b, uint64(len(used)))
	for _, id := range used {
		b = wire.AppendField(b, terms[id])
	}
	b = binary.AppendUvarint(b, uint64(len(records)))
	for _, r := range records {
		b = append(b, r.Source[:]...)
		b = wire.AppendField(b, r.url)
		b = wire.AppendField(b, r.title)
		b = wire.AppendField(b, r.section)
		b = wire.AppendField(b, r.keywords)
		_, zone := r.date.Zone()
		b = binary.AppendVarint(b, r.date.Unix())
		b = binary.AppendUvarint(b, uint64(r.date.Nanosecond()))
		b = binary.AppendVarint(b, int64(zone))
		b = append(b, r.sum[:]...)
		b = binary.AppendUvarint(b, uint64(len(r.terms)))
		for _, t := range r.terms {
			b = binary.AppendUvarint(b, uint64(local[t.term]-1))
			b = binary.AppendUvarint(b, uint64(t.count))
		}
	}
	// The shards of the last Build, when it was of these records: by
	// their terms and sums, so that the next process keeps those no
	// edit touched.
	var shards []builtShard
	if last := x.last; last != nil && sameRecords(last.records, records) {
		shards = last.shards
	}
	b = binary.AppendUvarint(b, uint64(len(shards)))
	for _, sh := range shards {
		b = append(b, sh.sum[:]...)
		b = binary.AppendUvarint(b, uint64(len(sh.terms)))
		for _, id := range sh.terms {
			b = binary.AppendUvarint(b, uint64(local[id]-1))
		}
	}
	return b
}

// sameRecords reports whether a and b hold the same records.
func sameRecords(a, b []*Record) bool {
	if len(a) != len(b) {
		return false
	}
	in := make(map[*Record]bool, len(a))
	for _, r := range a {
		in[r] = true
	}
	for _, r := range b {
		if !in[r] {
			return false
		}
	}
	return true
}

// errMemory is what Decode reports for data it cannot read.
var errMemory = errors.New("search memory: unreadable")

// Decode reads what Encode wrote: an indexer whose dictionary holds the
// records' terms, and the records, without their fragments' bytes.
func Decode(data []byte, opts Options) (*Indexer, []*Record, error) {
	r := wire.NewReader(data)
	if r.Uvarint() != memoryVersion {
		return nil, nil, errMemory
	}
	x := NewIndexer(opts)
	n := r.Count(1)
	for range n {
		term := r.String()
		if term == "" {
			r.Fail()
			break
		}
		kind := word
		if c, _ := nextRune(term, 0); ideographic(c) {
			kind = pair
		}
		x.dict.id(term, key(term, kind))
	}
	if r.Err() != nil || len(x.dict.terms) != n {
		return nil, nil, errMemory // a term twice
	}
	records := make([]*Record, r.Count(len(Record{}.Source)+len(filesum.Sum{})+6))
	all := make([]Record, len(records))
	var terms []termCount // the records' terms, cut from few allocations
	for i := range records {
		rec := &all[i]
		copy(rec.Source[:], r.Bytes(len(rec.Source)))
		rec.url, rec.title, rec.section, rec.keywords = r.String(), r.String(), r.String(), r.String()
		sec, nsec, zone := r.Varint(), r.Uvarint(), r.Varint()
		if nsec >= 1e9 || zone < -24*3600 || zone > 24*3600 {
			r.Fail()
		}
		rec.date = time.Unix(sec, int64(nsec)).In(time.FixedZone("", int(zone)))
		copy(rec.sum[:], r.Bytes(len(rec.sum)))
		rec.name = rec.sum.String()[:12]
		count := r.Count(2)
		if cap(terms)-len(terms) < count {
			terms = make([]termCount, 0, max(count, 1<<16))
		}
		rec.terms, terms = terms[len(terms):len(terms)+count:len(terms)+count], terms[:len(terms)+count]
		for k := range rec.terms {
			id, count := r.Uvarint(), r.Uvarint()
			if id >= uint64(n) || count == 0 || count > 1<<30 {
				r.Fail()
				break
			}
			rec.terms[k] = termCount{int32(id), int32(count)}
			rec.length += int(count)
		}
		if r.Err() != nil {
			return nil, nil, errMemory
		}
		records[i] = rec
	}
	shards := make([]builtShard, r.Count(len(filesum.Sum{})+2))
	var used []int32 // the shards' terms, in order: every term a record has
	for i := range shards {
		sh := &shards[i]
		copy(sh.sum[:], r.Bytes(len(sh.sum)))
		sh.name = "s/" + sh.sum.String()[:12] + ".json"
		sh.terms = make([]int32, r.Count(1))
		for k := range sh.terms {
			id := r.Uvarint()
			if id >= uint64(n) {
				r.Fail()
				break
			}
			sh.terms[k] = int32(id)
		}
		used = append(used, sh.terms...)
	}
	if r.Err() != nil || r.Len() != 0 {
		return nil, nil, errMemory
	}
	if len(shards) > 0 {
		x.recall(records, used, shards)
	}
	return x, records, nil
}
