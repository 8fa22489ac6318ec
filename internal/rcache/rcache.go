// Package rcache is bulletin's persistent render cache: the rendered
// Markdown of every page, kept in .bulletin/cache/ under the site so that
// the next build (a CI job that restores the folder, the next `bulletin
// build` on a laptop) renders only what changed.
//
// An entry is found by a key that hashes everything its rendering depends
// on: this bulletin binary (a new version renders anew), the Markdown
// settings, the file's path and first line (errors and links name them)
// and its bytes. The links a document resolved are stored with it and
// checked again by the caller: a moved or unpublished target renders the
// page again. The entries live in one pack file, written into a
// temporary file (as they come, for a one-off build: WriteThrough) and
// renamed into place, so a crash leaves nothing half-written,
// and an appendix of checksummed chunks for builds that added little; a
// pack or chunk that does not decode, or that another bulletin wrote, is
// ignored. Load and Save keep other blobs in the folder (the build's page
// and file memories), checksummed and tied to the binary the same way.
// The folder is safe to delete.
package rcache

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"maps"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/bulletin-ssg/bulletin/internal/diag"
	"github.com/bulletin-ssg/bulletin/internal/filesum"
	"github.com/bulletin-ssg/bulletin/internal/markdown"
	"github.com/bulletin-ssg/bulletin/internal/scratch"
	"github.com/bulletin-ssg/bulletin/internal/wire"
	"github.com/zeebo/xxh3"
)

// Dir is the cache's folder under the site root.
const Dir = ".bulletin/cache"

// scratchPrefixes begin the names of the temporary files the store
// writes (see package scratch).
var scratchPrefixes = []string{".markdown-", ".markdown-table-", ".blob-"}

// A pack and a blob are written into a scratch file and renamed into
// place, synced: a later build trusts them once their sums match, and a
// power cut must not leave the name over bytes never written (their
// sums would catch it, but the whole cache would be lost).
var (
	replacePack = scratch.Replace{Prefix: ".markdown-", Suffix: ".tmp", Sync: true}
	replaceBlob = scratch.Replace{Prefix: ".blob-", Suffix: ".tmp", Sync: true}
)

// format changes when the shape of an entry changes.
const format = "bulletin-md-13"

// Store is a render cache folder. Its entries live in one pack file and
// its appendix, indexed when the store is opened (the pack mapped where
// the system allows; each entry decoded when first asked for) and
// written by Commit: a small file per entry cost a large site's build
// more time than it saved.
type Store struct {
	dir     string
	version string // identifies the bulletin binary

	once sync.Once
	old  map[Key]*entry // read from the pack and its appendix; fixed once read

	mu     sync.Mutex
	fresh  map[Key]*entry // put in this build (a key of old put again replaces it)
	nfresh atomic.Int64   // len(fresh), read without the lock
	spill  *spill         // after WriteThrough: the next pack, written as entries are put

	hits, misses atomic.Int64
}

// Open makes (if needed) and opens the cache folder dir.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("render cache: %w", err)
	}
	// What a killed bulletin was writing (a whole pack) would stay
	// forever otherwise.
	for _, prefix := range scratchPrefixes {
		scratch.Clean(dir, prefix, ".tmp")
	}
	return openAs(dir, binaryVersion()), nil
}

// openAs opens the folder for a binary of the given version.
func openAs(dir, version string) *Store {
	s := &Store{dir: dir, version: version, fresh: map[Key]*entry{}}
	// Read the pack while the build reads the site: the build's first
	// question would otherwise wait for all of it.
	go s.load()
	return s
}

// Dir is the cache's folder, where other caches of a site's build (its
// processed images) keep their files beside the render cache.
func (s *Store) Dir() string { return s.dir }

func (s *Store) packPath() string { return filepath.Join(s.dir, "markdown.pack") }

// addPath is the pack's appendix: entries added since the pack was
// written, in chunks (see appendChunk).
func (s *Store) addPath() string { return filepath.Join(s.dir, "markdown.add") }

// load reads the pack and its appendix once; a missing, corrupt or
// foreign pack is empty, and so is each chunk of the appendix that is.
func (s *Store) load() {
	s.once.Do(func() {
		s.old = map[Key]*entry{}
		if data, err := readPack(s.packPath()); err == nil {
			if entries, err := decodePack(data, s.version); err == nil {
				s.old = entries
			} else {
				releasePack(data) // nothing points into it
			}
		}
		if data, err := os.ReadFile(s.addPath()); err == nil {
			decodeAppendix(data, s.version, s.old)
		}
	})
}

// binaryVersion identifies the running executable: any change to
// bulletin, released or not, gives a new one and so a fresh cache. It is
// the Go build ID, whose last part hashes the linked binary; where it
// cannot be read, a digest of the whole file (slower, but taken once per process).
var binaryVersion = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return "unknown"
	}
	if id := goBuildID(exe); id != "" {
		return "go-build-id:" + id
	}
	f, err := os.Open(exe)
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "unknown"
	}
	return hex.EncodeToString(h.Sum(nil))
})

// goBuildID reads the build ID the Go linker writes into every binary:
// an ELF note on Linux, else a marked string near the start of the file
// (Mach-O, PE), as `go tool buildid` finds it. "" when there is none.
func goBuildID(exe string) string {
	if f, err := elf.Open(exe); err == nil {
		defer f.Close()
		if sec := f.Section(".note.go.buildid"); sec != nil {
			if data, err := sec.Data(); err == nil && len(data) > 16 {
				// namesz, descsz, type (4 bytes each), "Go\x00\x00", desc.
				descsz := int(f.ByteOrder.Uint32(data[4:8]))
				if string(data[12:16]) == "Go\x00\x00" && 16+descsz <= len(data) {
					return string(data[16 : 16+descsz])
				}
			}
		}
		return ""
	}
	file, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer file.Close()
	head := make([]byte, 64<<10)
	n, _ := io.ReadFull(file, head)
	head = head[:n]
	const marker = "\xff Go build ID: \""
	i := bytes.Index(head, []byte(marker))
	if i < 0 {
		return ""
	}
	rest := head[i+len(marker):]
	j := bytes.IndexByte(rest, '"')
	if j <= 0 {
		return ""
	}
	return string(rest[:j])
}

// Key identifies one rendering of one document: an XXH3-128 (filesum)
// of what it depends on, as strong as the sum of the body it holds
// (asked for every page of every build, SHA-256 was a measurable part of
// a warm build's CPU).
type Key [16]byte

// KeyOf is the key of doc rendered with the given Markdown options;
// bodySum is the filesum of doc.Source (a build that remembers a file
// knows it without reading the file). Every field of the options is in
// the key: TestKeyCoversOptions fails for one that is not.
func (s *Store) KeyOf(doc markdown.Doc, bodySum filesum.Sum, opts markdown.Options) Key {
	// The same bytes fmt.Fprintf("%s\x00%s\x00%v\x00%s\x00%s\x00%s\x00%d\x00")
	// wrote, without fmt (asked for every page of every build).
	var buf [512]byte // on the stack: a large site asks for every page
	b := buf[:0]
	add := func(part string) { b = append(append(b, part...), 0) }
	add(format)
	add(s.version)
	add(strconv.FormatBool(opts.UnsafeHTML))
	add(opts.Language)
	add(doc.File)
	add(doc.Path)
	t := opts.Titles
	add(t.Note)
	add(t.Tip)
	add(t.Important)
	add(t.Warning)
	add(t.Caution)
	add(t.Video)
	add(t.Code)
	add(t.Table)
	add(opts.ImageWidths)
	b = append(strconv.AppendInt(b, int64(doc.Line), 10), 0)
	b = append(b, bodySum[:]...)
	return Key(filesum.Of(b))
}

// Answer is a link the document resolved, and what it got.
type Answer struct {
	Target, URL string
	Found       markdown.Found
}

// Entry is what the cache keeps of a rendering.
type Entry struct {
	Result  markdown.Result
	Answers []Answer
}

// entry is Entry as stored: warnings become their parts. An entry read
// from a pack stays encoded until it is asked for, its notes and its
// result each decoded the first time: a build after an article's edit
// shows most pages without their Markdown (see Notes), and decoding
// every entry when the pack was opened was most of a warm build's time
// on the cache for a large site, which it then waited for.
type entry struct {
	Result   markdown.Result
	Warnings []diag.Error
	Answers  []Answer
	used     atomic.Bool // asked for in this build: kept in the next pack

	// encoded is set for an entry read from a pack or chunk: its notes
	// and result as they were read. One put in this build is decoded.
	// The notes are a copy (decodePack copies the table). The result may
	// lie in the mapped pack, which another program may cut short or
	// rewrite under us: it is read only through guard, and decoded from
	// a copy (own), so that nothing served points into the mapping.
	encoded               bool
	notesRaw, resultRaw   []byte
	notesSum, resultSum   uint64 // XXH3-64 of each, as written
	notesOnce, resultOnce sync.Once
	notesOK, resultOK     bool
}

// decodedNotes decodes e's warnings and answers, once, and reports
// whether they decoded.
func (e *entry) decodedNotes() bool {
	if !e.encoded {
		return true
	}
	e.notesOnce.Do(func() {
		raw := e.notesRaw
		if xxh3.Hash(raw) != e.notesSum {
			return // damaged: rendered again, never served
		}
		r := reader{wire.NewReader(raw)}
		r.notes(e)
		e.notesOK = r.Err() == nil && r.Len() == 0
	})
	return e.notesOK
}

// decoded decodes all of e, once, and reports whether it decoded: an
// entry that does not is never served.
func (e *entry) decoded() bool {
	if !e.encoded {
		return true
	}
	if !e.decodedNotes() {
		return false
	}
	e.resultOnce.Do(func() {
		raw, ok := own(e.resultRaw)
		if !ok || xxh3.Hash(raw) != e.resultSum {
			return // damaged: rendered again, never served
		}
		r := reader{wire.NewReader(raw)}
		r.result(&e.Result)
		e.resultOK = r.Err() == nil && r.Len() == 0
	})
	return e.resultOK
}

// Get returns the entry of k, if the cache has one.
func (s *Store) Get(k Key) (*Entry, bool) {
	e := s.lookup(k)
	if !s.answer(e, e != nil && e.decoded()) {
		return nil, false
	}
	out := &Entry{Result: e.Result, Answers: e.Answers}
	out.Result.Warnings = e.warnings()
	return out, true
}

// Notes are what a build needs of an entry whose rendering it may never
// use: the links to check again, the warnings to report, and the summary
// (which the page's digests cover).
type Notes struct {
	Answers   []Answer
	Warnings  []error
	Summary   template.HTML
	Truncated bool
}

// Notes returns the notes of k's entry, if the cache has one, and keeps
// the entry for the next build as Get does; its rendering is not
// decoded until Get asks for it.
func (s *Store) Notes(k Key) (Notes, bool) {
	e := s.lookup(k)
	if !s.answer(e, e != nil && e.decodedNotes()) {
		return Notes{}, false
	}
	return Notes{Answers: e.Answers, Warnings: e.warnings(), Summary: e.Result.Summary, Truncated: e.Result.Truncated}, true
}

// lookup returns the entry of k, or nil.
func (s *Store) lookup(k Key) *entry {
	s.load()
	// A build asks once per page, on every core: the pack's entries are
	// read without a lock (answer marks them used in place).
	if s.nfresh.Load() > 0 {
		s.mu.Lock()
		e := s.fresh[k]
		s.mu.Unlock()
		if e != nil {
			return e
		}
	}
	return s.old[k]
}

// answer counts a question, and marks the entry that answered it used.
func (s *Store) answer(e *entry, ok bool) bool {
	if !ok {
		s.misses.Add(1)
		return false
	}
	e.used.Store(true)
	s.hits.Add(1)
	return true
}

// warnings returns e's warnings as a rendering reports them.
func (e *entry) warnings() []error {
	var out []error
	for i := range e.Warnings {
		w := e.Warnings[i]
		out = append(out, &w)
	}
	return out
}

// Put keeps the entry of k for the next pack.
func (s *Store) Put(k Key, e *Entry) error {
	stored := &entry{Result: e.Result, Answers: e.Answers}
	stored.Result.Warnings = nil
	for _, w := range e.Result.Warnings {
		var d *diag.Error
		if !errors.As(w, &d) {
			return nil // a warning without a place: not kept
		}
		stored.Warnings = append(stored.Warnings, diag.Error{File: d.File, Line: d.Line, Col: d.Col, Msg: d.Msg, Code: d.Code})
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if sp := s.spill; sp != nil {
		return sp.put(k, stored)
	}
	s.fresh[k] = stored
	s.nfresh.Store(int64(len(s.fresh)))
	return nil
}

// spill is a pack being written, into a temporary file, as its entries
// are put.
type spill struct {
	f    *scratch.File
	pack *packWriter
	keys map[Key]bool
}

// WriteThrough makes the entries put from now on go to the next pack's
// file as they come, not into memory until Commit: a one-off build asks
// for each page's entry once, before rendering it, and need not hold a
// large site's rendered Markdown all at once for the cache's sake. Get
// does not find such entries. Commit, or Discard, ends it.
func (s *Store) WriteThrough() error {
	sp, err := newSpill(s.dir, s.version)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.spill = sp
	return nil
}

// newSpill starts a pack in a temporary file of dir.
func newSpill(dir, version string) (*spill, error) {
	f, err := replacePack.Create(scratch.Dir(dir), ".")
	if err != nil {
		return nil, err
	}
	pw := newPackWriter(f, version)
	pw.spoolDir = dir
	return &spill{f: f, pack: pw, keys: map[Key]bool{}}, nil
}

// has reports whether k was put into the spill (none: false).
func (sp *spill) has(k Key) bool { return sp != nil && sp.keys[k] }

// count is how many entries were put into the spill (none: 0).
func (sp *spill) count() int {
	if sp == nil {
		return 0
	}
	return sp.pack.n
}

func (sp *spill) put(k Key, e *entry) error {
	if sp.pack.err != nil {
		return nil // reported once, by the write that failed, and by Commit
	}
	sp.keys[k] = true
	return sp.pack.add(k, e)
}

// entries returns the entries put so far, encoded as a chunk holds them.
func (sp *spill) entries() ([]byte, error) {
	if err := sp.pack.flush(); err != nil {
		return nil, err
	}
	data := make([]byte, sp.pack.at)
	if _, err := sp.f.ReadAt(data, 0); err != nil {
		return nil, err
	}
	// The rows as the table will hold them, the results where they are.
	rows, err := sp.pack.rows()
	if err != nil {
		return nil, err
	}
	t := reader{wire.NewReader(rows)}
	var w writer
	for range sp.pack.n {
		row, ok := t.row()
		if !ok || row.at+row.size > uint64(len(data)) {
			return nil, errCorrupt // not what add wrote
		}
		w.chunkEntry(row.key, &entry{encoded: true, notesRaw: row.notes, notesSum: row.notesSum, resultRaw: data[row.at : row.at+row.size], resultSum: row.resultSum})
	}
	return w.b, nil
}

// drop removes the spill's file.
func (sp *spill) drop() {
	sp.pack.close()
	sp.f.Abort()
}

// Discard forgets the entries put and not committed, as when the build
// that rendered them failed.
func (s *Store) Discard() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.spill != nil {
		s.spill.drop()
		s.spill = nil
	}
	s.fresh = map[Key]*entry{}
	s.nfresh.Store(0)
}

// Commit keeps the entries this build used, and only those, for the next
// build. A build that added or dropped few of them appends what it added
// to the pack's appendix (a one-article edit need not rewrite a large
// site's pack); otherwise the pack is written anew (through a temporary file
// and a rename) without the entries no build used since, and the
// appendix goes. The cache never holds much more than one build's worth.
func (s *Store) Commit() error {
	s.load()
	s.mu.Lock()
	defer s.mu.Unlock()
	sp := s.spill
	s.spill = nil
	fresh := s.fresh
	if sp != nil {
		// Put after WriteThrough: the spilled entry is the later one.
		fresh = maps.Clone(fresh)
		maps.DeleteFunc(fresh, func(k Key, _ *entry) bool { return sp.has(k) })
	}
	added := len(fresh) + sp.count()
	used := make(map[Key]*entry, len(s.old)+len(fresh))
	for k, e := range s.old {
		_, replaced := fresh[k]
		if e.used.Load() && !replaced && !sp.has(k) {
			used[k] = e
		}
	}
	unused := len(s.old) - len(used) // not asked for, or replaced
	if added == 0 && unused == 0 {
		if sp != nil {
			sp.drop()
		}
		return nil // the files hold exactly these entries
	}
	if len(s.old) > 0 && 8*added <= len(s.old) && 8*unused <= len(s.old) {
		// A later chunk's entry replaces an earlier one of the same key.
		var spilled []byte
		if sp != nil {
			var err error
			spilled, err = sp.entries()
			sp.drop()
			if err != nil {
				return err
			}
		}
		if err := appendChunk(s.addPath(), s.version, added, spilled, fresh); err != nil {
			return err
		}
		s.committed(used, fresh)
		return nil
	}
	maps.Copy(used, fresh)
	if sp == nil {
		var err error
		if sp, err = newSpill(s.dir, s.version); err != nil {
			return err
		}
	}
	var werr error
	for k, e := range used {
		if werr = sp.pack.add(k, e); werr != nil {
			break
		}
	}
	if werr == nil {
		werr = sp.pack.finish()
	}
	sp.pack.close() // finished or not
	if werr != nil {
		sp.f.Abort()
		return werr
	}
	if err := sp.f.Commit(filepath.Base(s.packPath()), 0o644); err != nil {
		return err
	}
	// An appendix left by a crash here holds valid entries (each is found
	// by a key naming all it depends on): only space is lost.
	if err := scratch.RetryInUse(func() error { return os.Remove(s.addPath()) }); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	s.committed(used, fresh)
	return nil
}

// committed makes what a Commit kept the store's entries: a process that
// commits again (watch and serve, after every rebuild) then writes only
// what it put since, and counts as used what it used before.
func (s *Store) committed(used, fresh map[Key]*entry) {
	for _, e := range fresh {
		e.used.Store(true)
	}
	maps.Copy(used, fresh)
	s.old = used
	s.fresh = map[Key]*entry{}
	s.nfresh.Store(0)
}

// blobMagic starts a file Save wrote.
const blobMagic = "bulletin cache blob\n"

// Load returns what Save kept under name, when this same bulletin binary
// saved it and it is whole (its checksum matches); nil otherwise.
func (s *Store) Load(name string) []byte {
	data, err := os.ReadFile(filepath.Join(s.dir, name))
	if err != nil || !bytes.HasPrefix(data, []byte(blobMagic)) {
		return nil
	}
	r := reader{wire.NewReader(data[len(blobMagic):])}
	var sum filesum.Sum
	if r.str() != s.version || r.Len() < len(sum) {
		return nil
	}
	copy(sum[:], r.Bytes(len(sum)))
	body := r.Bytes(r.Len())
	if filesum.Of(body) != sum {
		return nil
	}
	return body
}

// Save keeps data under name in the cache folder, for Load in a later
// process of the same binary: through a scratch file and a rename
// (replaceBlob), so a crash leaves the old file or the new one.
func (s *Store) Save(name string, data []byte) error {
	w := &writer{b: []byte(blobMagic)}
	w.str(s.version)
	// A checksum against damage, not tampering: XXH3 reads a large
	// site's memories far faster than SHA-256, which was a measurable
	// cost on loading and again on saving.
	sum := filesum.Of(data)
	head := append(w.b, sum[:]...)
	f, err := replaceBlob.Create(scratch.Dir(s.dir), ".")
	if err != nil {
		return err
	}
	_, werr := f.Write(head)
	if werr == nil {
		_, werr = f.Write(data)
	}
	if werr != nil {
		f.Abort()
		return werr
	}
	return f.Commit(name, 0o644)
}

// Stats reports the hits and misses of this process.
func (s *Store) Stats() (hits, misses int64) { return s.hits.Load(), s.misses.Load() }
