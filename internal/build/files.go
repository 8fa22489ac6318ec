package build

import (
	"encoding/binary"
	"errors"
	"io/fs"
	"reflect"
	"sync"

	"github.com/bulletin-ssg/bulletin/internal/diag"
	"github.com/bulletin-ssg/bulletin/internal/filesum"
	"github.com/bulletin-ssg/bulletin/internal/frontmatter"
	"github.com/bulletin-ssg/bulletin/internal/wire"
)

// FileMemory carries the site's Markdown files from one `bulletin build`
// to the next: for each, its stamp when it was read, its decoded front
// matter (frontmatter.Encode) and the filesum.Sum of its body; and a
// digest of the names of content's other files, which links and images
// resolve to, and of the sizes of the site's photos, which pictures show
// (see bodiesOnly). A file whose
// stamp is the same, and was read outside the racy window, is neither
// read nor parsed again: its body is read only if its Markdown must be
// rendered (the render cache lacks it), and then checked against the
// digest.
//
// The CLI keeps it in the render cache folder. It is only ever a shortcut
// to what reading the file gives: stamps include the inode and change time
// where the system has them, which every write moves.
type FileMemory struct {
	// prev is by site-relative path, once decoded, with the build that
	// left it.
	prev func() (map[string]fileMemo, buildID)
	// prevOthers is the digest of the other files' names and the
	// photos' sizes the memory holds; others this build's, once noted.
	prevOthers func() filesum.Sum
	others     filesum.Sum

	mu       sync.Mutex
	next     map[string]fileMemo
	recalled int
	done     bool    // the build succeeded: next is worth keeping
	build    buildID // the build, once done
}

// Recalled reports how many files this build took from the memory.
func (m *FileMemory) Recalled() int {
	if m == nil {
		return 0
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.recalled
}

type fileMemo struct {
	stamp   stamp
	readAt  int64
	matter  []byte // frontmatter.Encode
	bodySum filesum.Sum
}

// NewFileMemory decodes what Encode wrote; anything it cannot read (or
// nil) gives a memory of nothing. load is called, and its bytes decoded,
// while the build lists the site.
func NewFileMemory(load func() []byte) *FileMemory {
	type decoded struct {
		files  map[string]fileMemo
		build  buildID
		others filesum.Sum
	}
	prev := make(chan decoded, 1)
	go func() {
		files, build, others, _ := decodeFiles(load())
		prev <- decoded{files, build, others}
	}()
	d := sync.OnceValue(func() decoded { return <-prev })
	return &FileMemory{next: map[string]fileMemo{},
		prev:       func() (map[string]fileMemo, buildID) { return d().files, d().build },
		prevOthers: func() filesum.Sum { return d().others },
	}
}

// Encode returns what to keep for the next build, or nil when the build
// did not finish.
func (m *FileMemory) Encode() []byte {
	if m == nil || !m.done {
		return nil
	}
	return encodeFiles(m.next, m.build, m.others)
}

// noteOthers notes the content-relative names of content's files that
// are not Markdown pages (sorted), and images, what pages see of the
// site's photos (builder.imagesDigest): a photo replaced by one of
// another size keeps its name.
func (m *FileMemory) noteOthers(rels []string, images string) {
	if m != nil {
		m.others = othersDigest(rels, images)
	}
}

// sameOthers reports whether content's other files have the names, and
// the photos the sizes, the memory knew (noteOthers was called with this
// build's).
func (m *FileMemory) sameOthers() bool {
	return m != nil && m.prevOthers() == m.others
}

func othersDigest(rels []string, images string) filesum.Sum {
	n := len(images) + 1
	for _, r := range rels {
		n += len(r) + 1
	}
	b := make([]byte, 0, n)
	for _, r := range rels {
		b = append(append(b, r...), 0)
	}
	b = append(append(b, 0xff), images...)
	return filesum.Of(b)
}

// recall returns the remembered front matter of a file stamped st, with
// where its body starts and the body's digest.
func (m *FileMemory) recall(path string, st stamp) (*frontmatter.Matter, int, filesum.Sum, bool) {
	if m == nil {
		return nil, 0, filesum.Sum{}, false
	}
	e, ok := m.files()[path]
	if !ok || !trusted(e.stamp, st, e.readAt) {
		return nil, 0, filesum.Sum{}, false
	}
	matter, start, err := frontmatter.Decode(e.matter)
	if err != nil {
		return nil, 0, filesum.Sum{}, false
	}
	m.keep(path, e)
	m.mu.Lock()
	m.recalled++
	m.mu.Unlock()
	return matter, start, e.bodySum, true
}

// sameMatter reports whether a file this build read again has the front
// matter the memory had for it: only its body changed. (The encodings
// are compared decoded: a map's keys are encoded in no fixed order.)
func (m *FileMemory) sameMatter(path string) bool {
	if m == nil {
		return false
	}
	old, ok := m.files()[path]
	if !ok {
		return false
	}
	m.mu.Lock()
	now, ok := m.next[path]
	m.mu.Unlock()
	if !ok {
		return false
	}
	a, startA, errA := frontmatter.Decode(old.matter)
	b, startB, errB := frontmatter.Decode(now.matter)
	return errA == nil && errB == nil && startA == startB && reflect.DeepEqual(a, b)
}

// files are the remembered files by site-relative path.
func (m *FileMemory) files() map[string]fileMemo {
	files, _ := m.prev()
	return files
}

// from reports whether the memory was left by the given build.
func (m *FileMemory) from(build buildID) bool {
	_, b := m.prev()
	return b == build
}

// knows reports whether the memory holds exactly the files of paths.
func (m *FileMemory) knows(paths []string) bool {
	prev := m.files()
	if len(prev) != len(paths) {
		return false
	}
	for _, p := range paths {
		if _, ok := prev[p]; !ok {
			return false
		}
	}
	return true
}

// remember notes a file this build read and parsed.
func (m *FileMemory) remember(path string, st stamp, readAt int64, matter *frontmatter.Matter, bodyStart int, bodySum filesum.Sum) {
	if m == nil {
		return
	}
	data, ok := frontmatter.Encode(matter, bodyStart)
	if !ok {
		return // parsed every time
	}
	m.keep(path, fileMemo{stamp: st, readAt: readAt, matter: data, bodySum: bodySum})
}

func (m *FileMemory) keep(path string, e fileMemo) {
	m.mu.Lock()
	if len(m.next) == 0 {
		// Sized for the files remembered: most come again, and growing
		// the map to a large site's size rehashed it again and again.
		m.next = make(map[string]fileMemo, len(m.files()))
	}
	m.next[path] = e
	m.mu.Unlock()
}

// readBody reads the body of a remembered file, which the build did not
// read: it must still be the body the memory has the digest of.
func readBody(src fs.FS, file string, bodyStart int, sum filesum.Sum) ([]byte, error) {
	data, err := fs.ReadFile(src, file)
	if err != nil {
		return nil, diag.At(file, 0, 0, "%v", err)
	}
	if bodyStart > len(data) || filesum.Of(data[bodyStart:]) != sum {
		return nil, diag.At(file, 0, 0, "changed while the site was being built; build again")
	}
	return data[bodyStart:], nil
}

// The encoding: build[8] others[16] count (path size mod ino ctime
// readAt sum[16] matter)*, strings and numbers as in the page memory.

func encodeFiles(files map[string]fileMemo, build buildID, others filesum.Sum) []byte {
	size := len(build) + len(others)
	for path, e := range files {
		size += len(path) + len(e.matter) + 96
	}
	b := append(make([]byte, 0, size), build[:]...)
	b = append(b, others[:]...)
	b = binary.AppendUvarint(b, uint64(len(files)))
	for path, e := range files {
		b = wire.AppendField(b, path)
		for _, n := range []int64{e.stamp.size, e.stamp.mod, int64(e.stamp.ino), e.stamp.ctime, e.readAt} {
			b = binary.AppendVarint(b, n)
		}
		b = append(b, e.bodySum[:]...)
		b = wire.AppendField(b, string(e.matter))
	}
	return b
}

var errBadFiles = errors.New("file memory: corrupt")

func decodeFiles(data []byte) (map[string]fileMemo, buildID, filesum.Sum, error) {
	var build buildID
	var others filesum.Sum
	if len(data) < len(build)+len(others) {
		return nil, build, others, errBadFiles
	}
	r := wire.NewReader(data)
	copy(build[:], r.Bytes(len(build)))
	copy(others[:], r.Bytes(len(others)))
	n := r.Count(1 + 5 + 32 + 1)
	files := make(map[string]fileMemo, n)
	for ; n > 0 && r.Err() == nil; n-- {
		path := r.String()
		var nums [5]int64
		for i := range nums {
			nums[i] = r.Varint()
		}
		e := fileMemo{stamp: stamp{size: nums[0], mod: nums[1], ino: uint64(nums[2]), ctime: nums[3]}, readAt: nums[4]}
		copy(e.bodySum[:], r.Bytes(len(e.bodySum)))
		e.matter = r.Field() // the caller's buffer, kept as it is
		files[path] = e
	}
	if r.Err() != nil || r.Len() != 0 {
		return nil, buildID{}, filesum.Sum{}, errBadFiles
	}
	return files, build, others, nil
}
