package rcache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"html/template"
	"io"
	"maps"
	"os"
	"unsafe"

	"github.com/bulletin-ssg/bulletin/internal/wire"

	"github.com/bulletin-ssg/bulletin/internal/diag"
	"github.com/bulletin-ssg/bulletin/internal/markdown"
)

// The pack is a plain binary encoding: a page's entry is mostly its HTML,
// so reading and writing it should cost little more than copying bytes
// (gob took seconds for a 10,000-article site).
//
//	pack   = magic format version count (key size entry)*
//	         (count: 8 bytes, little-endian, so that a pack written as
//	         its entries come can be told its count at the end)
//	size   = the entry's length in bytes, 4 bytes, little-endian
//	entry  = warnings answers (the notes), html summary toc truncated
//	         more words minutes headings refs (the result)
//	string = uvarint length, bytes; int = varint; bool = one byte

var errCorrupt = errors.New("render cache: corrupt pack")

type writer struct{ b []byte }

func (w *writer) str(s string) { w.b = wire.AppendField(w.b, s) }
func (w *writer) int(n int)    { w.b = binary.AppendVarint(w.b, int64(n)) }
func (w *writer) count(n int)  { w.b = binary.AppendUvarint(w.b, uint64(n)) }
func (w *writer) bool(v bool) {
	if v {
		w.b = append(w.b, 1)
	} else {
		w.b = append(w.b, 0)
	}
}

func (w *writer) entry(e *entry) {
	if e.raw != nil {
		// Read from a pack and kept: copied, not decoded and encoded.
		w.b = binary.LittleEndian.AppendUint32(w.b, uint32(len(e.raw)))
		w.b = append(w.b, e.raw...)
		return
	}
	at := len(w.b)
	w.b = append(w.b, 0, 0, 0, 0) // the length, known at the end
	w.count(len(e.Warnings))
	for _, d := range e.Warnings {
		w.str(d.File)
		w.int(d.Line)
		w.int(d.Col)
		w.str(d.Msg)
	}
	w.count(len(e.Answers))
	for _, a := range e.Answers {
		w.str(a.Target)
		w.str(a.URL)
		w.int(int(a.Found))
	}
	r := &e.Result
	w.str(string(r.HTML))
	w.str(string(r.Summary))
	w.str(string(r.TOC))
	w.bool(r.Truncated)
	w.bool(r.More)
	w.int(r.WordCount)
	w.int(r.ReadingTime)
	w.count(len(r.Headings))
	for _, h := range r.Headings {
		w.int(h.Level)
		w.str(h.ID)
		w.str(h.Text)
	}
	w.count(len(r.Refs))
	for _, f := range r.Refs {
		w.str(f.Dest)
		w.int(f.Line)
		w.int(f.Col)
		w.bool(f.Image)
	}
	binary.LittleEndian.PutUint32(w.b[at:], uint32(len(w.b)-at-4))
}

// reader decodes entries; their text stays in the buffer it was read
// into, which nothing writes again (decodePack's contract): copying a
// 100 MB pack into strings was most of the time a warm build spent on
// the cache.
type reader struct{ *wire.Reader }

func (r reader) str() string {
	b := r.Field()
	return unsafe.String(unsafe.SliceData(b), len(b))
}

func (r reader) int() int   { return int(r.Varint()) }
func (r reader) bool() bool { return r.Byte() == 1 }
func (r reader) count() int { return r.Count(1) }

// entryCount reads a count of keys and entries.
func (r reader) entryCount() int { return r.Count(len(Key{})) }

// key reads an entry's key.
func (r reader) key() (k Key) {
	copy(k[:], r.Bytes(len(k)))
	return k
}

// entries reads n keys and entries, each left encoded (see entry). The
// entries are allocated a block at a time.
func (r reader) entries(n int) (map[Key]*entry, error) {
	entries := make(map[Key]*entry, n)
	var block []entry
	for ; n > 0 && r.Err() == nil; n-- {
		if len(block) == 0 {
			block = make([]entry, min(n, entryBlock)) // n may be a corrupt count
		}
		e := &block[0]
		block = block[1:]
		k := r.key()
		size := uint32(0)
		if b := r.Bytes(4); b != nil {
			size = binary.LittleEndian.Uint32(b)
		}
		if e.raw = r.Bytes(int(size)); e.raw == nil {
			e.raw = []byte{} // not served: r.Err says why
		}
		entries[k] = e
	}
	return entries, r.Err()
}

// entryBlock is how many entries one allocation holds.
const entryBlock = 1024

// listCap is the capacity a list is made with for a count read from the
// pack: its length, up to a bound a corrupt count cannot push into a huge
// allocation (longer lists grow as they are read).
func listCap(n int) int { return min(n, 256) }

// notes reads an entry's warnings and answers.
func (r reader) notes(e *entry) {
	if n := r.count(); n > 0 {
		e.Warnings = make([]diag.Error, 0, listCap(n))
		for ; n > 0 && r.Err() == nil; n-- {
			e.Warnings = append(e.Warnings, diag.Error{File: r.str(), Line: r.int(), Col: r.int(), Msg: r.str()})
		}
	}
	if n := r.count(); n > 0 {
		e.Answers = make([]Answer, 0, listCap(n))
		for ; n > 0 && r.Err() == nil; n-- {
			e.Answers = append(e.Answers, Answer{Target: r.str(), URL: r.str(), Found: markdown.Found(r.int())})
		}
	}
}

// result reads an entry's rendering.
func (r reader) result(res *markdown.Result) {
	res.HTML = template.HTML(r.str())
	res.Summary = template.HTML(r.str())
	res.TOC = template.HTML(r.str())
	res.Truncated = r.bool()
	res.More = r.bool()
	res.WordCount = r.int()
	res.ReadingTime = r.int()
	if n := r.count(); n > 0 {
		res.Headings = make([]markdown.Heading, 0, listCap(n))
		for ; n > 0 && r.Err() == nil; n-- {
			res.Headings = append(res.Headings, markdown.Heading{Level: r.int(), ID: r.str(), Text: r.str()})
		}
	}
	if n := r.count(); n > 0 {
		res.Refs = make([]markdown.Ref, 0, listCap(n))
		for ; n > 0 && r.Err() == nil; n-- {
			res.Refs = append(res.Refs, markdown.Ref{Dest: r.str(), Line: r.int(), Col: r.int(), Image: r.bool()})
		}
	}
}

const magic = "bulletin render cache\n"

// packHead is the start of a pack of count entries.
func packHead(version string, count int) []byte {
	w := &writer{b: []byte(magic)}
	w.str(format)
	w.str(version)
	w.b = binary.LittleEndian.AppendUint64(w.b, uint64(count))
	return w.b
}

// encodeEntries writes keys and entries to out a megabyte at a time:
// holding a whole 100 MB pack in memory besides the site was what a cold
// build paid most.
func encodeEntries(out io.Writer, entries map[Key]*entry) error {
	w := &writer{b: make([]byte, 0, 2<<20)}
	for k, e := range entries {
		w.b = append(w.b, k[:]...)
		w.entry(e)
		if len(w.b) > 1<<20 {
			if _, err := out.Write(w.b); err != nil {
				return err
			}
			w.b = w.b[:0]
		}
	}
	_, err := out.Write(w.b)
	return err
}

// decodePack reads a pack of this format and version; anything else is
// an error, and the caller starts afresh. The entries' text points into
// data, which the caller must never change afterwards.
func decodePack(data []byte, version string) (map[Key]*entry, error) {
	if len(data) < len(magic) || string(data[:len(magic)]) != magic {
		return nil, errCorrupt
	}
	r := reader{wire.NewReader(data[len(magic):])}
	if r.str() != format || r.str() != version {
		return nil, errors.New("render cache: written by another bulletin")
	}
	n := uint64(0)
	if b := r.Bytes(8); b != nil {
		n = binary.LittleEndian.Uint64(b)
	}
	if n > uint64(r.Len()/len(Key{})) {
		return nil, errCorrupt
	}
	entries, err := r.entries(int(n))
	if err != nil || r.Len() != 0 {
		return nil, errCorrupt
	}
	return entries, nil
}

// The appendix is a series of chunks, each whole or ignored:
//
//	chunk = uvarint length, checksum (16 bytes of the body's SHA-256), body
//	body  = version count (key entry)*
//
// A chunk cut short by a crash, damaged, or written by another bulletin
// ends the reading (or is skipped, for another bulletin's).

// appendChunk appends a chunk of count entries: those encoded in encoded,
// then entries.
func appendChunk(path, version string, count int, encoded []byte, entries map[Key]*entry) error {
	body := &writer{}
	body.str(version)
	body.count(count)
	body.b = append(body.b, encoded...)
	for k, e := range entries {
		body.b = append(body.b, k[:]...)
		body.entry(e)
	}
	sum := sha256.Sum256(body.b)
	chunk := binary.AppendUvarint(nil, uint64(len(body.b)))
	chunk = append(append(chunk, sum[:16]...), body.b...)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	_, werr := f.Write(chunk)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	return werr
}

// decodeAppendix adds the entries of every whole chunk of this version
// to into. As with decodePack, data must never change afterwards.
func decodeAppendix(data []byte, version string, into map[Key]*entry) {
	for len(data) > 0 {
		n, k := binary.Uvarint(data)
		if k <= 0 || uint64(len(data)-k) < 16+n {
			return
		}
		sum, body := data[k:k+16], data[k+16:k+16+int(n)]
		data = data[k+16+int(n):]
		if full := sha256.Sum256(body); !bytes.Equal(full[:16], sum) {
			return
		}
		r := reader{wire.NewReader(body)}
		if r.str() != version {
			continue
		}
		entries, err := r.entries(r.entryCount())
		if err != nil || r.Len() != 0 {
			return
		}
		maps.Copy(into, entries)
	}
}
