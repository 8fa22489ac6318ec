package rcache

import (
	"bytes"
	"encoding/binary"
	"errors"
	"html/template"
	"io"
	"maps"
	"os"
	"unsafe"

	"github.com/bulletin-ssg/bulletin/internal/filesum"
	"github.com/bulletin-ssg/bulletin/internal/scratch"
	"github.com/bulletin-ssg/bulletin/internal/wire"
	"github.com/zeebo/xxh3"

	"github.com/bulletin-ssg/bulletin/internal/diag"
	"github.com/bulletin-ssg/bulletin/internal/markdown"
)

// The pack is a plain binary encoding: a page's entry is mostly its HTML,
// so reading and writing it should cost little more than copying bytes
// (gob was far slower on a large site).
//
//	pack    = magic format version result* table trailer
//	table   = (head head-sum notes)*
//	head    = key notes-size result-at result-size result-sum notes-sum
//	trailer = count table-at (8 bytes each, little-endian: a pack
//	          written as its entries come knows them at the end)
//	notes   = warnings answers summary truncated
//	warning = file line col message code
//	result  = html toc more words minutes headings refs
//	sizes   = 4 bytes, little-endian; result-at = 8 bytes, its offset
//	sums    = 8 bytes, little-endian: XXH3-64 of the bytes they name
//	string  = uvarint length, bytes; int = varint; bool = one byte
//
// The table holds every entry's key and notes in one place: a build that
// shows most pages without their Markdown (see Store.Notes) reads the
// table of a mapped pack, not a page of memory for each of a large
// site's entries spread over the whole pack (each a page fault). The summary
// is in the notes: lists show it, and a page's digests need it.
//
// An appendix chunk's entries are read whole, each as
//
//	key notes-size notes notes-sum result-size result result-sum
//
// Every byte an entry is served from is checked against a sum before it
// is used: a row's head when the table is read, its notes and its result
// when they are first decoded. A damaged byte would otherwise reach a
// published page, and every later build would carry it forward. A part
// carried into a new pack or chunk without being decoded keeps the sum
// it was read with, so damage in it is still found later. A head whose
// sum does not match ends the table (its sizes cannot be trusted to find
// the next row): the entries from there on are rendered again.

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

// notes writes e's warnings and answers.
func (w *writer) notes(e *entry) {
	if e.encoded {
		w.b = append(w.b, e.notesRaw...) // kept as read
		return
	}
	w.count(len(e.Warnings))
	for _, d := range e.Warnings {
		w.str(d.File)
		w.int(d.Line)
		w.int(d.Col)
		w.str(d.Msg)
		w.str(d.Code)
	}
	w.count(len(e.Answers))
	for _, a := range e.Answers {
		w.str(a.Target)
		w.str(a.URL)
		w.int(int(a.Found))
	}
	w.str(string(e.Result.Summary))
	w.bool(e.Result.Truncated)
}

// result writes e's rendering.
func (w *writer) result(e *entry) {
	if e.encoded {
		w.b = append(w.b, e.resultRaw...) // kept as read: not decoded and encoded
		return
	}
	r := &e.Result
	w.str(string(r.HTML))
	w.str(string(r.TOC))
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
}

// sized writes a 4-byte size, then what part writes.
func (w *writer) sized(part func(*entry), e *entry) {
	at := len(w.b)
	w.b = append(w.b, 0, 0, 0, 0)
	part(e)
	binary.LittleEndian.PutUint32(w.b[at:], uint32(len(w.b)-at-4))
}

// summed writes a part of e as sized does, then the sum it is stored
// with: a fresh entry's own, or the one an encoded part was read with.
func (w *writer) summed(part func(*entry), e *entry, carried uint64) {
	at := len(w.b) + 4
	w.sized(part, e)
	sum := carried
	if !e.encoded {
		sum = xxh3.Hash(w.b[at:])
	}
	w.b = binary.LittleEndian.AppendUint64(w.b, sum)
}

// chunkEntry writes a key and entry as an appendix chunk holds them.
func (w *writer) chunkEntry(k Key, e *entry) {
	w.b = append(w.b, k[:]...)
	w.summed(w.notes, e, e.notesSum)
	w.summed(w.result, e, e.resultSum)
}

// reader decodes entries; their text stays in the buffer it was read
// into, which nothing writes again: the copy of an entry's part that was
// checked against its sum (see own), never the mapped pack itself.
// Copying each decoded string again would cost a warm build an
// allocation for each summary its lists show.
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

// u32 and u64 read little-endian numbers of 4 and 8 bytes.
func (r reader) u32() uint32 {
	if b := r.Bytes(4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

func (r reader) u64() uint64 {
	if b := r.Bytes(8); b != nil {
		return binary.LittleEndian.Uint64(b)
	}
	return 0
}

// sizedBytes reads a 4-byte size and that many bytes, never nil (an
// entry's parts are nil only when it was never encoded).
func (r reader) sizedBytes() []byte {
	if b := r.Bytes(int(r.u32())); b != nil {
		return b
	}
	return []byte{} // r.Err says why
}

// chunkEntries reads n keys and entries of a chunk, each left encoded (see
// entry), allocated a block at a time.
func (r reader) chunkEntries(n int) (map[Key]*entry, error) {
	entries := make(map[Key]*entry, n)
	var block []entry
	for ; n > 0 && r.Err() == nil; n-- {
		if len(block) == 0 {
			block = make([]entry, min(n, entryBlock)) // n may be a corrupt count
		}
		e := &block[0]
		block = block[1:]
		k := r.key()
		e.encoded = true
		e.notesRaw, e.notesSum = r.sizedBytes(), r.u64()
		e.resultRaw, e.resultSum = r.sizedBytes(), r.u64()
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
			e.Warnings = append(e.Warnings, diag.Error{File: r.str(), Line: r.int(), Col: r.int(), Msg: r.str(), Code: r.str()})
		}
	}
	if n := r.count(); n > 0 {
		e.Answers = make([]Answer, 0, listCap(n))
		for ; n > 0 && r.Err() == nil; n-- {
			e.Answers = append(e.Answers, Answer{Target: r.str(), URL: r.str(), Found: markdown.Found(r.int())})
		}
	}
	e.Result.Summary = template.HTML(r.str())
	e.Result.Truncated = r.bool()
}

// result reads an entry's rendering.
func (r reader) result(res *markdown.Result) {
	res.HTML = template.HTML(r.str())
	res.TOC = template.HTML(r.str())
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

// packHead is the start of a pack.
func packHead(version string) []byte {
	w := &writer{b: []byte(magic)}
	w.str(format)
	w.str(version)
	return w.b
}

// rowHead is the size of a table row's head, tableRowSize the least a
// row takes: its head and the head's sum.
const (
	rowHead      = len(Key{}) + 4 + 8 + 4 + 8 + 8
	tableRowSize = rowHead + 8
)

// tableRow is a row of a pack's table.
type tableRow struct {
	key                 Key
	notes               []byte
	at, size            uint64 // where the result lies in the pack
	notesSum, resultSum uint64
}

// row reads a table row; false when its head does not match its sum.
// The head is copied before it is checked: the sizes used are those
// checked, even if the pack is rewritten under its mapping meanwhile.
func (t reader) row() (tableRow, bool) {
	var head [rowHead]byte
	copy(head[:], t.Bytes(rowHead))
	sum := t.u64()
	if t.Err() != nil || sum != xxh3.Hash(head[:]) {
		return tableRow{}, false
	}
	le := binary.LittleEndian
	row := tableRow{key: Key(head[:16])}
	notesSize := le.Uint32(head[16:])
	row.at, row.size = le.Uint64(head[20:]), uint64(le.Uint32(head[28:]))
	row.resultSum, row.notesSum = le.Uint64(head[32:]), le.Uint64(head[40:])
	row.notes = t.Bytes(int(notesSize))
	return row, t.Err() == nil
}

// packWriter writes a pack: the head, each entry's result as it comes,
// then, at finish, the table and the trailer.
type packWriter struct {
	out   io.Writer
	at    int64  // bytes written to out
	table writer // the rows of the current block (all of them, without a spoolDir)
	notes writer // the notes of the row being written
	// spoolDir, when set, is where each full block of rows goes, to a
	// temporary file (spool, spooled bytes): held in memory until the
	// pack was finished, the rows of the largest sites were a good part
	// of their build's live heap, and growing them one slice cost a cold
	// build as many bytes again in copies. (The tests' writers have none.)
	spoolDir string
	spool    *os.File
	spooled  int64
	n        int
	buf      writer // results not yet written to out
	err      error  // the first write that failed: the pack is then lost
}

// packBuffer is how much of the results a packWriter holds before
// writing them; tableBlock, how much of the table one block holds.
const (
	packBuffer = 1 << 20
	tableBlock = 1 << 20
)

// putBlock writes the current block of rows to the spool, and starts
// another.
func (pw *packWriter) putBlock() {
	if pw.spool == nil && pw.err == nil {
		pw.spool, pw.err = scratch.Create(pw.spoolDir, ".markdown-table-", ".tmp")
	}
	if pw.err == nil {
		var n int
		n, pw.err = pw.spool.Write(pw.table.b)
		pw.spooled += int64(n)
	}
	pw.table.b = pw.table.b[:0]
}

// rows returns the table's rows so far.
func (pw *packWriter) rows() ([]byte, error) {
	if pw.spool == nil {
		return pw.table.b, nil
	}
	data := make([]byte, pw.spooled, pw.spooled+int64(len(pw.table.b)))
	if _, err := pw.spool.ReadAt(data, 0); err != nil {
		return nil, err
	}
	return append(data, pw.table.b...), nil
}

// close removes the spool, if any.
func (pw *packWriter) close() {
	if pw.spool != nil {
		pw.spool.Close()
		os.Remove(pw.spool.Name())
		pw.spool = nil
	}
}

func newPackWriter(out io.Writer, version string) *packWriter {
	// The buffer grows as results come: a warm build opens a spill and
	// puts one entry, or none.
	return &packWriter{out: out, buf: writer{b: packHead(version)}}
}

// add writes k's entry.
func (pw *packWriter) add(k Key, e *entry) error {
	start := pw.at + int64(len(pw.buf.b))
	inBuf := len(pw.buf.b)
	pw.notes.b = pw.notes.b[:0]
	// An entry carried from a mapped pack is copied as read: a pack cut
	// short under the mapping loses it (rendered again when asked for).
	if !guard(func() { pw.buf.result(e); pw.notes.notes(e) }) {
		pw.buf.b = pw.buf.b[:inBuf]
		return pw.err
	}
	resultSum, notesSum := e.resultSum, e.notesSum // as read: damage stays found
	if !e.encoded {
		resultSum, notesSum = xxh3.Hash(pw.buf.b[inBuf:]), xxh3.Hash(pw.notes.b)
	}
	row := len(pw.table.b)
	t := append(pw.table.b, k[:]...)
	t = binary.LittleEndian.AppendUint32(t, uint32(len(pw.notes.b)))
	t = binary.LittleEndian.AppendUint64(t, uint64(start))
	t = binary.LittleEndian.AppendUint32(t, uint32(len(pw.buf.b)-inBuf))
	t = binary.LittleEndian.AppendUint64(t, resultSum)
	t = binary.LittleEndian.AppendUint64(t, notesSum)
	t = binary.LittleEndian.AppendUint64(t, xxh3.Hash(t[row:]))
	pw.table.b = append(t, pw.notes.b...)
	if len(pw.table.b) >= tableBlock && pw.spoolDir != "" {
		pw.putBlock()
	}
	pw.n++
	if len(pw.buf.b) >= packBuffer {
		return pw.flush()
	}
	return pw.err
}

func (pw *packWriter) flush() error {
	if pw.err == nil && len(pw.buf.b) > 0 {
		_, pw.err = pw.out.Write(pw.buf.b)
		pw.at += int64(len(pw.buf.b))
		pw.buf.b = pw.buf.b[:0]
	}
	return pw.err
}

// finish writes the table and the trailer.
func (pw *packWriter) finish() error {
	defer pw.close()
	if err := pw.flush(); err != nil {
		return err
	}
	tableAt := pw.at
	if pw.spool != nil {
		if _, err := pw.spool.Seek(0, io.SeekStart); err != nil {
			return err
		}
		n, err := io.Copy(pw.out, pw.spool)
		pw.at += n
		if err != nil {
			return err
		}
	}
	pw.buf.b = append(pw.buf.b, pw.table.b...)
	pw.buf.b = binary.LittleEndian.AppendUint64(pw.buf.b, uint64(pw.n))
	pw.buf.b = binary.LittleEndian.AppendUint64(pw.buf.b, uint64(tableAt))
	return pw.flush()
}

// decodePack reads a pack of this format and version; anything else is
// an error, and the caller starts afresh. Only the table is read, under
// guard (data may be mapped), and copied; the entries' results point
// into data.
func decodePack(data []byte, version string) (entries map[Key]*entry, err error) {
	if !guard(func() { entries, err = decodeTable(data, version) }) {
		return nil, errCorrupt // cut short under its mapping
	}
	return entries, err
}

func decodeTable(data []byte, version string) (map[Key]*entry, error) {
	if len(data) < len(magic) || string(data[:len(magic)]) != magic {
		return nil, errCorrupt
	}
	r := reader{wire.NewReader(data[len(magic):])}
	if r.str() != format || r.str() != version {
		return nil, errors.New("render cache: written by another bulletin")
	}
	head := uint64(len(data) - r.Len())
	if r.Err() != nil || uint64(len(data))-head < 16 {
		return nil, errCorrupt
	}
	end := uint64(len(data)) - 16
	n := binary.LittleEndian.Uint64(data[end:])
	tableAt := binary.LittleEndian.Uint64(data[end+8:])
	if tableAt < head || tableAt > end || n > (end-tableAt)/uint64(tableRowSize) {
		return nil, errCorrupt
	}
	// The table is copied out of the mapping whole: rows and notes are
	// then checked and decoded from bytes nothing else changes, with one
	// copy rather than one per page asked for.
	t := reader{wire.NewReader(bytes.Clone(data[tableAt:end]))}
	entries := make(map[Key]*entry, n)
	var block []entry
	for i := uint64(0); i < n && t.Err() == nil; i++ {
		if len(block) == 0 {
			block = make([]entry, min(n-i, entryBlock))
		}
		row, ok := t.row()
		if !ok {
			return entries, nil // see "A head whose sum does not match"
		}
		at, size := row.at, row.size
		if at < head || at > tableAt || size > tableAt-at {
			return nil, errCorrupt
		}
		e := &block[0]
		block = block[1:]
		e.encoded, e.notesRaw, e.notesSum = true, row.notes, row.notesSum
		e.resultRaw, e.resultSum = data[at:at+size:at+size], row.resultSum
		entries[row.key] = e
	}
	if t.Err() != nil || t.Len() != 0 {
		return nil, errCorrupt
	}
	return entries, nil
}

// The appendix is a series of chunks, each whole or ignored:
//
//	chunk = uvarint length, checksum (the body's XXH3-128, filesum), body
//	body  = version count (key notes-size notes result-size result)*
//
// A chunk cut short by a crash, damaged, or written by another bulletin
// ends the reading (or is skipped, for another bulletin's).
//
// Two bulletins may append at once (a build while bulletin serve runs,
// two builds). Each writes a whole chunk at the end of the file (opened
// for appending), holding an advisory lock on it where the system has
// one (lockAppendix): chunks never interleave, however the system splits
// a write of several megabytes. Holding the lock, an appender
// first cuts off a chunk a killed bulletin left half written, which
// would otherwise hide every chunk after it. Without the lock, chunks
// that did interleave fail their checksums: their entries are lost and
// rendered again, never served damaged. So are the chunks appended to an
// appendix that another bulletin removed meanwhile, writing a new pack.

// appendChunk appends a chunk of count entries: those encoded in encoded,
// then entries.
func appendChunk(path, version string, count int, encoded []byte, entries map[Key]*entry) error {
	body := &writer{}
	body.str(version)
	body.count(count)
	body.b = append(body.b, encoded...)
	for k, e := range entries {
		body.chunkEntry(k, e)
	}
	sum := filesum.Of(body.b)
	chunk := binary.AppendUvarint(nil, uint64(len(body.b)))
	chunk = append(append(chunk, sum[:16]...), body.b...)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	werr := writeChunk(f, chunk)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	return werr
}

// writeChunk appends chunk to the appendix f, under the lock if the
// system has one (held until f is closed).
func writeChunk(f *os.File, chunk []byte) error {
	if !lockAppendix(f) {
		_, err := f.Write(chunk)
		return err
	}
	end, err := wholeChunks(f)
	if err != nil {
		return err
	}
	if _, err := f.Write(chunk); err != nil {
		_ = f.Truncate(end) // no chunk begun that would hide the next ones
		return err
	}
	return nil
}

// wholeChunks cuts off the appendix f after its last whole chunk (by the
// lengths chunks begin with; their sums are checked when read) and
// returns where that is. The appendix is locked.
func wholeChunks(f *os.File) (int64, error) {
	info, err := f.Stat()
	if err != nil {
		return 0, err
	}
	size := info.Size()
	var head [binary.MaxVarintLen64]byte
	at := int64(0)
	for at < size {
		n, _ := f.ReadAt(head[:], at)
		length, k := binary.Uvarint(head[:n])
		if k <= 0 || length > uint64(size-at) || at+int64(k)+16+int64(length) > size {
			return at, f.Truncate(at)
		}
		at += int64(k) + 16 + int64(length)
	}
	return at, nil
}

// decodeAppendix adds the entries of every whole chunk of this version
// to into. The entries' raw parts point into data, which must never
// change afterwards.
func decodeAppendix(data []byte, version string, into map[Key]*entry) {
	for len(data) > 0 {
		n, k := binary.Uvarint(data)
		// n is compared alone first: 16+n wraps around for a length near
		// 2^64, which a damaged chunk may claim.
		if k <= 0 || n > uint64(len(data)-k) || uint64(len(data)-k)-n < 16 {
			return
		}
		sum, body := data[k:k+16], data[k+16:k+16+int(n)]
		data = data[k+16+int(n):]
		if full := filesum.Of(body); !bytes.Equal(full[:], sum) {
			return
		}
		r := reader{wire.NewReader(body)}
		if r.str() != version {
			continue
		}
		entries, err := r.chunkEntries(r.entryCount())
		if err != nil || r.Len() != 0 {
			return
		}
		maps.Copy(into, entries)
	}
}
