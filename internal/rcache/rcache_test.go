package rcache

import (
	"bytes"
	"encoding/binary"
	"html/template"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/bulletin-ssg/bulletin/internal/diag"
	"github.com/bulletin-ssg/bulletin/internal/filesum"
	"github.com/bulletin-ssg/bulletin/internal/markdown"
	"github.com/zeebo/xxh3"
)

func TestPackRoundTrip(t *testing.T) {
	e := &entry{
		Result: markdown.Result{
			HTML: template.HTML("<h2 id=\"公司新闻\">公司新闻</h2>"), Summary: "摘要", TOC: "<ul></ul>", Truncated: true, More: true,
			WordCount: 42, ReadingTime: 1,
			Headings: []markdown.Heading{{Level: 2, ID: "公司新闻", Text: "公司新闻"}},
			Refs:     []markdown.Ref{{Dest: "/news/a/", Line: 3, Col: 7}, {Dest: "photo.png", Line: 4, Col: 1, Image: true}},
		},
		Warnings: []diag.Error{{File: "content/a.md", Line: 5, Col: 2, Msg: "link to \"d.md\": not published", Code: "linked-draft"}},
		Answers:  []Answer{{Target: "news/d.md", Found: markdown.Unpublished}, {Target: "news/b.md", URL: "/news/b/", Found: markdown.Published}},
	}
	in := map[Key]*entry{{1}: e, {2}: {}}
	var buf bytes.Buffer
	if err := encodePack(&buf, "v1", in); err != nil {
		t.Fatal(err)
	}
	out, err := decodePack(buf.Bytes(), "v1")
	if err != nil {
		t.Fatal(err)
	}
	got := out[Key{1}]
	if !got.decodedNotes() || !reflect.DeepEqual(got.Warnings, e.Warnings) || !reflect.DeepEqual(got.Answers, e.Answers) {
		t.Errorf("notes' round trip:\n got %+v %+v\nwant %+v %+v", got.Warnings, got.Answers, e.Warnings, e.Answers)
	}
	if got.Result.Summary != e.Result.Summary || got.Result.Truncated != e.Result.Truncated {
		t.Errorf("the notes' summary %q %v, want %q %v", got.Result.Summary, got.Result.Truncated, e.Result.Summary, e.Result.Truncated)
	}
	if got.Result.HTML != "" {
		t.Error("the notes decoded the result too")
	}
	if !got.decoded() || !reflect.DeepEqual(got.Result, e.Result) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got.Result, e.Result)
	}
	// An entry kept in the next pack is copied as it was read.
	buf.Reset()
	if err := encodePack(&buf, "v1", out); err != nil {
		t.Fatal(err)
	}
	again, err := decodePack(buf.Bytes(), "v1")
	if err != nil || !again[Key{1}].decoded() || !reflect.DeepEqual(again[Key{1}].Result, e.Result) {
		t.Errorf("an entry written again: %v", err)
	}
	if _, err := decodePack(buf.Bytes(), "v2"); err == nil {
		t.Error("a pack of another bulletin was accepted")
	}
}

// TestDamagedPack: a pack whose trailer or table does not hold together
// is refused whole (the build starts afresh), not half served.
func TestDamagedPack(t *testing.T) {
	var buf bytes.Buffer
	if err := encodePack(&buf, "v", map[Key]*entry{{1}: {Result: markdown.Result{HTML: "one"}}}); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	if _, err := decodePack(good, "v"); err != nil {
		t.Fatal(err)
	}
	end := len(good) - 16
	tableAt := int(binary.LittleEndian.Uint64(good[end+8:]))
	row := tableAt + len(Key{}) + 4 // after the key and the notes' size
	// forged changes a row's head and gives it the sum that matches, as
	// no damage would: the bounds are checked all the same.
	forged := func(b []byte, change func()) []byte {
		change()
		binary.LittleEndian.PutUint64(b[tableAt+rowHead:], xxh3.Hash(b[tableAt:tableAt+rowHead]))
		return b
	}
	for _, c := range []struct {
		name   string
		damage func(b []byte) []byte
	}{
		{"cut short", func(b []byte) []byte { return b[:len(b)-1] }},
		{"grown", func(b []byte) []byte { return append(b, 0) }},
		{"count too large", func(b []byte) []byte { b[end]++; return b }},
		{"count too small", func(b []byte) []byte { b[end]--; return b }},
		{"table past the end", func(b []byte) []byte { binary.LittleEndian.PutUint64(b[end+8:], uint64(end+1)); return b }},
		{"table in the head", func(b []byte) []byte { binary.LittleEndian.PutUint64(b[end+8:], 3); return b }},
		{"result in the head", func(b []byte) []byte {
			return forged(b, func() { binary.LittleEndian.PutUint64(b[row:], 1) })
		}},
		{"result into the table", func(b []byte) []byte {
			return forged(b, func() { binary.LittleEndian.PutUint32(b[row+8:], uint32(tableAt)) })
		}},
	} {
		if _, err := decodePack(c.damage(bytes.Clone(good)), "v"); err == nil {
			t.Errorf("%s: decoded", c.name)
		}
	}
}

// TestDamagedEntry: an entry is decoded only when asked for, so damage
// inside one is found then: Get and Notes treat it as missing, and the
// pack's other entries are served. Damage to an entry's result alone
// leaves its notes served, never its rendering.
func TestDamagedEntry(t *testing.T) {
	dir := t.TempDir()
	s := openAs(dir, "v")
	_ = s.Put(Key{1}, &Entry{Result: markdown.Result{HTML: "one"}})
	_ = s.Put(Key{2}, &Entry{Result: markdown.Result{HTML: "two"}, Answers: []Answer{{Target: "a.md"}}})
	_ = s.Put(Key{3}, &Entry{Result: markdown.Result{HTML: "three", Headings: []markdown.Heading{{Level: 2, ID: "h", Text: "H"}}}})
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	pack, err := os.ReadFile(s.packPath())
	if err != nil {
		t.Fatal(err)
	}
	// Entry 3's heading count claims more headings than its bytes hold.
	three := bytes.Index(pack, []byte("\x05three\x00\x00\x00\x00\x01"))
	if three < 0 {
		t.Fatal("entry 3's result not found in the pack")
	}
	pack[three+len("\x05three\x00\x00\x00\x00")] = 0x7f
	// Entry 2's answer count claims more answers than its bytes hold.
	k := Key{2}
	at := bytes.Index(pack, k[:])
	if at < 0 {
		t.Fatal("entry 2 not found in the pack")
	}
	notes := at + tableRowSize
	if pack[notes] != 0 || pack[notes+1] != 1 { // no warnings, one answer
		t.Fatalf("unexpected encoding % x", pack[notes:notes+2])
	}
	pack[notes+1] = 0x7f
	if err := os.WriteFile(s.packPath(), pack, 0o644); err != nil {
		t.Fatal(err)
	}
	s = openAs(dir, "v")
	if _, ok := s.Notes(Key{2}); ok {
		t.Error("Notes served a damaged entry")
	}
	if _, ok := s.Get(Key{2}); ok {
		t.Error("Get served a damaged entry")
	}
	if _, ok := s.Notes(Key{3}); !ok {
		t.Error("Notes refused an entry whose result alone is damaged")
	}
	if _, ok := s.Get(Key{3}); ok {
		t.Error("Get served an entry whose result is damaged")
	}
	if e, ok := s.Get(Key{1}); !ok || e.Result.HTML != "one" {
		t.Errorf("the undamaged entry: %v %v", e, ok)
	}
}

// TestNoDamagedByteServed flips each byte of a pack in turn: whatever
// the byte, Notes and Get serve an entry exactly as it was put, or not at
// all, and a build that keeps the damaged entries' encoded parts in its
// next pack (asked only for their notes) does not launder the damage.
func TestNoDamagedByteServed(t *testing.T) {
	want := map[Key]*Entry{
		{1}: {Result: markdown.Result{HTML: "<p>10 月 8 日</p>", Summary: "<p>摘要</p>", WordCount: 3, Refs: []markdown.Ref{{Dest: "a.png", Line: 2, Col: 1, Image: true}}},
			Answers: []Answer{{Target: "news/b.md", URL: "/news/b/", Found: markdown.Published}}},
		{2}: {Result: markdown.Result{HTML: "<h2 id=\"h\">H</h2>", TOC: "<ul></ul>", Headings: []markdown.Heading{{Level: 2, ID: "h", Text: "H"}},
			Warnings: []error{&diag.Error{File: "content/b.md", Line: 3, Col: 4, Msg: "link to a draft", Code: "linked-draft"}}}},
		{3}: {Result: markdown.Result{HTML: "<p>Coordinator</p>", Summary: "Coordinator", Truncated: true}},
	}
	dir := t.TempDir()
	s := openAs(dir, "v")
	for k, e := range want {
		_ = s.Put(k, e)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(s.packPath())
	if err != nil {
		t.Fatal(err)
	}
	check := func(s *Store, at int, when string) {
		for k, w := range want {
			if n, ok := s.Notes(k); ok && (n.Summary != w.Result.Summary || n.Truncated != w.Result.Truncated ||
				!reflect.DeepEqual(n.Answers, w.Answers) || !reflect.DeepEqual(n.Warnings, w.Result.Warnings)) {
				t.Fatalf("byte %d flipped, %s: entry %d's notes served damaged: %+v", at, when, k[0], n)
			}
			if e, ok := s.Get(k); ok && !reflect.DeepEqual(e, w) {
				t.Fatalf("byte %d flipped, %s: entry %d served damaged:\n got %+v\nwant %+v", at, when, k[0], e, w)
			}
		}
	}
	for at := range good {
		damaged := bytes.Clone(good)
		damaged[at] ^= 0x21
		if err := os.WriteFile(s.packPath(), damaged, 0o644); err != nil {
			t.Fatal(err)
		}
		s := openAs(dir, "v")
		for k := range want {
			s.Notes(k) // used: kept in the next pack as read
		}
		check(s, at, "first read")
		_ = s.Put(Key{9}, &Entry{}) // enough that the pack is written anew
		if err := s.Commit(); err != nil {
			t.Fatal(err)
		}
		check(openAs(dir, "v"), at, "in the next pack")
	}
}

// FuzzDecodePack: a pack on disk is untrusted input; decoding never panics.
func FuzzDecodePack(f *testing.F) {
	var seed bytes.Buffer
	_ = encodePack(&seed, "v", map[Key]*entry{{7}: {Result: markdown.Result{HTML: "x"}}})
	f.Add(seed.Bytes())
	f.Add([]byte(magic))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, _ := decodePack(data, "v")
		for _, e := range entries {
			e.decoded() // entries decode when asked for
		}
		chunks := map[Key]*entry{}
		decodeAppendix(data, "v", chunks) // the appendix's chunks too
		for _, e := range chunks {
			e.decoded()
		}
	})
}

// TestGoBuildID reads the test binary's build ID as `go tool buildid`
// does: the cache's version must change whenever the binary does, and
// reading the ID spares hashing the whole executable on every build.
func TestGoBuildID(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Skipf("go tool buildid: %v", err)
	}
	want := strings.TrimSpace(string(out))
	if got := goBuildID(exe); got != want {
		t.Errorf("goBuildID = %q, want %q", got, want)
	}
	if got := binaryVersion(); got != "go-build-id:"+want {
		t.Errorf("binaryVersion = %q", got)
	}
}

// TestBlobs: what Save keeps, Load returns to the same binary only, and
// never when the file was damaged.
func TestBlobs(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if s.Load("pages") != nil {
		t.Error("a blob never saved loaded")
	}
	if err := s.Save("pages", []byte("state of the pages")); err != nil {
		t.Fatal(err)
	}
	if got := s.Load("pages"); string(got) != "state of the pages" {
		t.Errorf("Load = %q", got)
	}
	other := openAs(dir, "another bulletin")
	if other.Load("pages") != nil {
		t.Error("another binary's blob loaded")
	}
	path := filepath.Join(dir, "pages")
	data, _ := os.ReadFile(path)
	for _, damage := range []func([]byte) []byte{
		func(b []byte) []byte { b[len(b)-1] ^= 1; return b }, // a flipped bit
		func(b []byte) []byte { return b[:len(b)-3] },        // cut short
		func(b []byte) []byte { return append(b, 'x') },      // grown
		func(b []byte) []byte { return []byte("garbage") },   // not a blob
	} {
		if err := os.WriteFile(path, damage(bytes.Clone(data)), 0o644); err != nil {
			t.Fatal(err)
		}
		if got := s.Load("pages"); got != nil {
			t.Errorf("a damaged blob loaded: %q", got)
		}
	}
}

// TestAppendix: a build that adds a few entries appends them to the
// pack's appendix instead of rewriting the pack; the next process finds
// them; a chunk cut short is ignored, not served; a build that changes
// much writes the pack anew and drops the appendix.
func TestAppendix(t *testing.T) {
	dir := t.TempDir()
	entryOf := func(i int) *Entry {
		return &Entry{Result: markdown.Result{HTML: template.HTML(strings.Repeat("x", i))}}
	}
	open := func() *Store { return openAs(dir, "v") }
	s := open()
	for i := range 16 {
		_ = s.Put(Key{byte(i)}, entryOf(i))
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	pack, _ := os.Stat(s.packPath())

	// One new entry among sixteen: appended.
	s = open()
	for i := range 16 {
		if _, ok := s.Get(Key{byte(i)}); !ok {
			t.Fatalf("entry %d lost", i)
		}
	}
	_ = s.Put(Key{100}, entryOf(100))
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if now, _ := os.Stat(s.packPath()); now.ModTime() != pack.ModTime() || now.Size() != pack.Size() {
		t.Error("the pack was rewritten for one new entry")
	}
	s = open()
	if e, ok := s.Get(Key{100}); !ok || len(e.Result.HTML) != 100 {
		t.Fatalf("the appended entry: %v %v", e, ok)
	}

	// A chunk with a byte changed fails its checksum: ignored.
	add, _ := os.ReadFile(s.addPath())
	damaged := bytes.Clone(add)
	damaged[len(damaged)-20] ^= 1 // in the appended entry's HTML (the chunk ends with it)
	if err := os.WriteFile(s.addPath(), damaged, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, ok := open().Get(Key{100}); ok {
		t.Error("an entry of a chunk that fails its checksum was served")
	}

	// A chunk cut short is ignored; the pack's entries stay.
	if err := os.WriteFile(s.addPath(), add[:len(add)-1], 0o644); err != nil {
		t.Fatal(err)
	}
	s = open()
	if _, ok := s.Get(Key{100}); ok {
		t.Error("an entry of a damaged chunk was served")
	}
	if _, ok := s.Get(Key{3}); !ok {
		t.Error("a damaged appendix lost the pack's entries")
	}

	// Another bulletin's chunk is skipped, later chunks are read.
	if err := os.Remove(s.addPath()); err != nil {
		t.Fatal(err)
	}
	_ = appendChunk(s.addPath(), "other", 1, nil, map[Key]*entry{{200}: {}})
	_ = appendChunk(s.addPath(), "v", 1, nil, map[Key]*entry{{201}: {}})
	s = open()
	if _, ok := s.Get(Key{200}); ok {
		t.Error("another bulletin's entry was served")
	}
	if _, ok := s.Get(Key{201}); !ok {
		t.Error("a chunk after another bulletin's was not read")
	}

	// An entry put again under its key (its links resolved otherwise)
	// replaces the old one for the next process too.
	s = open()
	for i := range 16 {
		s.Get(Key{byte(i)})
	}
	s.Get(Key{201})
	_ = s.Put(Key{5}, entryOf(55))
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	s = open()
	if e, ok := s.Get(Key{5}); !ok || len(e.Result.HTML) != 55 {
		t.Fatalf("a replaced entry came back as %v %v", e, ok)
	}

	// Half the entries unused: the pack is written anew, the appendix goes.
	s = open()
	for i := range 8 {
		s.Get(Key{byte(i)})
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(s.addPath()); !os.IsNotExist(err) {
		t.Error("the appendix survived a new pack")
	}
	s = open()
	if _, ok := s.Get(Key{7}); !ok {
		t.Error("a used entry left the new pack")
	}
	if _, ok := s.Get(Key{9}); ok {
		t.Error("an unused entry stayed in the new pack")
	}
}

// TestWriteThrough: entries put after WriteThrough go to disk as they
// come and come back from the next process exactly as put, whichever way
// Commit keeps them (a new pack, or a chunk of the appendix); Discard
// leaves the cache as it was; no temporary file outlives either.
func TestWriteThrough(t *testing.T) {
	dir := t.TempDir()
	open := func() *Store { return openAs(dir, "v") }
	html := func(k, version int) template.HTML {
		// 100 KB each: twenty of them pass the spill's buffer.
		return template.HTML(strings.Repeat(string(rune('a'+k%26)), 100<<10) + strconv.Itoa(version))
	}
	put := func(s *Store, k, version int) {
		t.Helper()
		e := &Entry{Result: markdown.Result{HTML: html(k, version), WordCount: k},
			Answers: []Answer{{Target: "b.md", URL: "/b/", Found: markdown.Published}}}
		if err := s.Put(Key{byte(k)}, e); err != nil {
			t.Fatal(err)
		}
	}
	// want checks what a new process finds: key -> version, 0 for absent.
	want := func(step string, versions map[int]int) {
		t.Helper()
		s := open()
		for k, v := range versions {
			e, ok := s.Get(Key{byte(k)})
			switch {
			case v == 0 && ok:
				t.Errorf("%s: entry %d is still there", step, k)
			case v != 0 && !ok:
				t.Errorf("%s: entry %d is lost", step, k)
			case ok && (e.Result.HTML != html(k, v) || e.Result.WordCount != k || len(e.Answers) != 1):
				t.Errorf("%s: entry %d is not the one put (version %d)", step, k, v)
			}
		}
		if tmp, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(tmp) > 0 {
			t.Errorf("%s: left %v", step, tmp)
		}
	}
	writeThrough := func(s *Store) {
		t.Helper()
		if err := s.WriteThrough(); err != nil {
			t.Fatal(err)
		}
	}
	commit := func(s *Store) {
		t.Helper()
		if err := s.Commit(); err != nil {
			t.Fatal(err)
		}
	}

	// A first build: every entry spilled, the spill becomes the pack.
	s := open()
	writeThrough(s)
	all := map[int]int{}
	for k := range 20 {
		put(s, k, 1)
		all[k] = 1
	}
	if _, ok := s.Get(Key{3}); ok {
		t.Error("Get found a spilled entry")
	}
	commit(s)
	want("first build", all)

	// One entry replaced, one added: a chunk of the appendix.
	pack, _ := os.Stat(s.packPath())
	s = open()
	for k := range 20 {
		s.Get(Key{byte(k)})
	}
	writeThrough(s)
	put(s, 3, 2)
	put(s, 30, 1)
	commit(s)
	if now, _ := os.Stat(s.packPath()); now.Size() != pack.Size() || now.ModTime() != pack.ModTime() {
		t.Error("the pack was rewritten for two entries")
	}
	all[3], all[30] = 2, 1
	want("appended", all)

	// Half the entries unused: a new pack of the used ones and the spill.
	s = open()
	for k := range 10 {
		s.Get(Key{byte(k)})
	}
	writeThrough(s)
	for k := 40; k < 45; k++ {
		put(s, k, 1)
		all[k] = 1
	}
	put(s, 2, 3) // a used entry replaced
	all[2] = 3
	commit(s)
	for k := 10; k < 20; k++ {
		all[k] = 0
	}
	all[30] = 0
	want("new pack", all)
	if _, err := os.Stat(s.addPath()); !os.IsNotExist(err) {
		t.Error("the appendix survived a new pack")
	}

	// A failed build's entries are forgotten (and it commits nothing).
	s = open()
	writeThrough(s)
	put(s, 50, 1)
	put(s, 1, 9)
	s.Discard()
	all[50] = 0
	want("discarded", all)
}

// encodePack writes a pack of entries as Commit does when it writes one
// anew.
func encodePack(out io.Writer, version string, entries map[Key]*entry) error {
	pw := newPackWriter(out, version)
	for k, e := range entries {
		if err := pw.add(k, e); err != nil {
			return err
		}
	}
	return pw.finish()
}

// TestPackTableBlocks: a table larger than one block (a spill sets each
// full block of rows aside in a temporary file) is written whole and in
// order, into a new pack and, read back, into the appendix; no
// temporary file is left.
func TestPackTableBlocks(t *testing.T) {
	const n = 4000 // with 600-byte summaries: about 2.4 MB of rows
	entryOf := func(i int) *Entry {
		return &Entry{Result: markdown.Result{HTML: template.HTML(strconv.Itoa(i)), Summary: template.HTML(strings.Repeat("s", 600) + strconv.Itoa(i))}}
	}
	keyOf := func(i int) Key { return Key{byte(i), byte(i >> 8), 1} }
	dir := t.TempDir()
	s := openAs(dir, "v")
	if err := s.WriteThrough(); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		if err := s.Put(keyOf(i), entryOf(i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if tableBlock*2 > n*600 {
		t.Fatalf("the rows (%d bytes) fit in fewer than two blocks of %d", n*600, tableBlock)
	}
	s = openAs(dir, "v")
	for i := range n {
		notes, ok := s.Notes(keyOf(i))
		e, ok2 := s.Get(keyOf(i))
		if !ok || !ok2 || notes.Summary != entryOf(i).Result.Summary || e.Result.HTML != entryOf(i).Result.HTML {
			t.Fatalf("entry %d: %v %v", i, ok, ok2)
		}
	}

	// A spill of more than a block's rows that goes to the appendix (the
	// pack holds eight times as many entries, all used).
	const more = 500 // with 2,500-byte summaries: 1.25 MB of rows
	big := func(i int) *Entry {
		return &Entry{Result: markdown.Result{HTML: template.HTML(strconv.Itoa(i)), Summary: template.HTML(strings.Repeat("b", 2500))}}
	}
	s = openAs(dir, "v")
	for i := range n {
		s.Get(keyOf(i))
	}
	if err := s.WriteThrough(); err != nil {
		t.Fatal(err)
	}
	for i := range more {
		if err := s.Put(Key{byte(i), byte(i >> 8), 2}, big(i)); err != nil {
			t.Fatal(err)
		}
	}
	if 8*more > n || more*2500 < tableBlock {
		t.Fatal("the second build does not append a spill of more than a block")
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(s.addPath()); err != nil {
		t.Fatalf("no appendix: %v", err)
	}
	s = openAs(dir, "v")
	for i := range more {
		if e, ok := s.Get(Key{byte(i), byte(i >> 8), 2}); !ok || e.Result.HTML != big(i).Result.HTML || e.Result.Summary != big(i).Result.Summary {
			t.Fatalf("appended entry %d: %v", i, ok)
		}
	}
	if tmp, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(tmp) > 0 {
		t.Errorf("left over: %v", tmp)
	}
}

// TestOpenRemovesLeftovers: the temporary files a killed bulletin was
// writing (a pack, a table spool, a blob) are removed when the cache is
// next opened; those of a live process are not.
func TestOpenRemovesLeftovers(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	dead := strconv.Itoa(cmd.Process.Pid)
	live := strconv.Itoa(os.Getpid())
	names := map[string]bool{ // name: removed
		".markdown-" + dead + "-0123456789abcdef.tmp":       true,
		".markdown-table-" + dead + "-0123456789abcdef.tmp": true,
		".blob-" + dead + "-0123456789abcdef.tmp":           true,
		".markdown-" + live + "-0123456789abcdef.tmp":       false,
		"markdown.pack": false,
	}
	for name := range names {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := Open(dir); err != nil {
		t.Fatal(err)
	}
	for name, removed := range names {
		_, err := os.Stat(filepath.Join(dir, name))
		if gone := err != nil; gone != removed {
			t.Errorf("%s: removed %v, want %v", name, gone, removed)
		}
	}
}

// TestKeyCoversOptions: changing any field of the Markdown options, or
// any part of the document, changes the key (a rendering in Chinese is
// not served to an English site).
func TestKeyCoversOptions(t *testing.T) {
	s := openAs(t.TempDir(), "v")
	doc := markdown.Doc{File: "content/a.md", Path: "a.md", Line: 4}
	var sum filesum.Sum
	base := s.KeyOf(doc, sum, markdown.Options{})
	seen := map[Key]string{base: "zero options"}
	// Every field, and every field of a field that is a struct (the
	// titles), set alone.
	var set func(v reflect.Value, name string, o *markdown.Options)
	set = func(v reflect.Value, name string, o *markdown.Options) {
		for i := range v.NumField() {
			f, fname := v.Field(i), name+"."+v.Type().Field(i).Name
			switch f.Kind() {
			case reflect.Bool:
				f.SetBool(true)
			case reflect.String:
				f.SetString("zh-CN")
			case reflect.Struct:
				set(f, fname, o)
				continue
			default:
				t.Fatalf("markdown.Options%s: a field of kind %s; teach this test and KeyOf about it", fname, f.Kind())
			}
			k := s.KeyOf(doc, sum, *o)
			if other, ok := seen[k]; ok {
				t.Errorf("markdown.Options%s: same key as %s", fname, other)
			}
			seen[k] = fname
			f.SetZero()
		}
	}
	var o markdown.Options
	set(reflect.ValueOf(&o).Elem(), "", &o)
	if s.KeyOf(doc, sum, markdown.Options{Language: "en"}) == s.KeyOf(doc, sum, markdown.Options{Language: "zh"}) {
		t.Error("en and zh share a key")
	}
	for name, d := range map[string]markdown.Doc{
		"file": {File: "content/b.md", Path: "a.md", Line: 4},
		"path": {File: "content/a.md", Path: "b.md", Line: 4},
		"line": {File: "content/a.md", Path: "a.md", Line: 5},
	} {
		if k := s.KeyOf(d, sum, markdown.Options{}); k == base {
			t.Errorf("%s: same key", name)
		}
	}
	if k := s.KeyOf(doc, filesum.Of([]byte("x")), markdown.Options{}); k == base {
		t.Error("body: same key")
	}
}

// TestCommitAgain: a process that commits after every build (watch,
// serve) writes only what it put since the last commit, and keeps what
// it committed before, whether the commit appended or wrote the pack.
func TestCommitAgain(t *testing.T) {
	dir := t.TempDir()
	s := openAs(dir, "v")
	for i := range 16 {
		_ = s.Put(Key{byte(i)}, &Entry{Result: markdown.Result{HTML: template.HTML(strconv.Itoa(i))}})
	}
	if err := s.Commit(); err != nil { // the pack, written
		t.Fatal(err)
	}
	_ = s.Put(Key{100}, &Entry{Result: markdown.Result{HTML: "edit 1"}})
	if err := s.Commit(); err != nil { // appended
		t.Fatal(err)
	}
	before, _ := os.Stat(s.addPath())
	_ = s.Put(Key{101}, &Entry{Result: markdown.Result{HTML: "edit 2"}})
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(s.addPath())
	if grown := after.Size() - before.Size(); grown > before.Size() {
		t.Errorf("the third commit appended %d bytes, the second %d: it wrote its earlier entries again", grown, before.Size())
	}
	again := openAs(dir, "v")
	for i := range 16 {
		if e, ok := again.Get(Key{byte(i)}); !ok || string(e.Result.HTML) != strconv.Itoa(i) {
			t.Errorf("entry %d lost", i)
		}
	}
	for k, want := range map[byte]string{100: "edit 1", 101: "edit 2"} {
		if e, ok := again.Get(Key{k}); !ok || string(e.Result.HTML) != want {
			t.Errorf("entry %d: %v %v", k, e, ok)
		}
	}
}

// BenchmarkKeyOf is the key of one page's rendering: a build asks for
// every page's.
func BenchmarkKeyOf(b *testing.B) {
	s := openAs(b.TempDir(), "v")
	doc := markdown.Doc{File: "content/news/2024/2024-05-01-a-fairly-long-article-name.md", Path: "news/2024/2024-05-01-a-fairly-long-article-name.md", Line: 7}
	opts := markdown.Options{Language: "zh-CN", Titles: markdown.Titles{Note: "注意", Tip: "提示", Important: "重要", Warning: "警告", Caution: "小心", Video: "视频"}}
	var sum filesum.Sum
	b.ReportAllocs()
	for b.Loop() {
		s.KeyOf(doc, sum, opts)
	}
}
