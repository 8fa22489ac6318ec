package build

import (
	"errors"
	"fmt"
	"path/filepath"
	"sync"

	"github.com/bulletin-ssg/bulletin/internal/rcache"
	"github.com/bulletin-ssg/bulletin/internal/search"
)

// Memory is everything that carries work from one build of a site to the
// next, with one lifetime: a command opens it, hands it to every build
// it runs, and commits it after each build whose result it keeps (once
// for `bulletin build` and `check`, after every successful rebuild for
// `watch` and `serve`). The output is the same with or without it.
//
//   - the render cache (rendered Markdown, .bulletin/cache), for any
//     later build or process;
//   - the page and file memories (what the last `bulletin build` wrote,
//     and the front matter it read), for the next process that builds
//     into the same output;
//   - a Session's cache (graph, front matter, listings, templates, page
//     reads), for the next build of the same process.
//
// A memory without a folder (--no-cache) keeps nothing on disk.
type Memory struct {
	store *rcache.Store // nil: nothing on disk
	pages *PageMemory   // a one-off build's; nil in a session
	files *FileMemory
	cache *Cache // a session's; nil in a one-off build
	// images are the processed images and what the last build knew of
	// each image file (opened by the first build that has images).
	images     *imageMemory
	imagesOnce sync.Once
	// search has each language's search records (see searchMemory);
	// searchSaved, what a one-off build reads of them (read once).
	search      searchMemory
	searchOnce  sync.Once
	searchSaved map[string][]byte

	encoded chan savedBlob // Prepare's encodings, for Commit
}

// The memories' names in the render cache's folder.
const (
	pagesFile = "pages.memory"
	filesFile = "files.memory"
)

type savedBlob struct {
	name string
	data []byte
}

// OpenMemory opens the memory kept in dir (made if needed); dir "" is a
// memory that keeps nothing on disk.
func OpenMemory(dir string) (*Memory, error) {
	m := &Memory{}
	if dir == "" {
		return m, nil
	}
	store, err := rcache.Open(dir)
	if err != nil {
		return m, err
	}
	m.store = store
	return m, nil
}

// forBuild makes ready, and starts decoding beside the build's first
// stages, the memories a one-off build uses: the file memory, and the
// page memory when the build writes an output. A session has its cache
// instead, and decodes neither.
func (m *Memory) forBuild(output bool) {
	if m.store == nil || m.cache != nil {
		return
	}
	store := m.store
	if m.files == nil {
		m.files = NewFileMemory(func() []byte { return store.Load(filesFile) })
	}
	if output && m.pages == nil {
		m.pages = NewPageMemory(func() []byte { return store.Load(pagesFile) })
	}
}

// imageMemory returns the image memory, opening it the first time: its
// folder is images/ in the render cache's, none without a render cache.
func (m *Memory) imageMemory() *imageMemory {
	m.imagesOnce.Do(func() {
		dir := ""
		if m.store != nil {
			dir = filepath.Join(m.store.Dir(), "images")
		}
		m.images = openImageMemory(dir)
	})
	return m.images
}

// searchLanguage returns the search memory of language tag, for this
// build, indexing fields (see searchDoc). A one-off build starts from the records the last one saved; a
// session from its own last build's.
func (m *Memory) searchLanguage(tag string, fields []string) *searchLanguage {
	var load func(string) (*search.Indexer, []*search.Record)
	if m.store != nil && m.cache == nil {
		load = func(tag string) (*search.Indexer, []*search.Record) {
			m.searchOnce.Do(func() { m.searchSaved = decodeSearchMemory(m.store.Load(searchFile)) })
			x, records, err := search.Decode(m.searchSaved[tag], search.Options{})
			if err != nil {
				return nil, nil // then every page is read
			}
			return x, records
		}
	}
	return m.search.language(tag, fields, load, m.cache != nil)
}

// WriteThrough makes the rendered Markdown of the next build go to the
// cache's folder as it comes rather than stay in memory until Commit:
// for a one-off build, which asks for each entry once.
func (m *Memory) WriteThrough() error {
	if m == nil || m.store == nil {
		return nil
	}
	return m.store.WriteThrough()
}

// Prepare starts encoding what the last build leaves for the next
// process (the page, file and search memories), while the caller commits
// its output.
func (m *Memory) Prepare() {
	if m == nil || m.store == nil || m.encoded != nil {
		return
	}
	m.encoded = make(chan savedBlob, len(savedBlobs))
	go func() { m.encoded <- savedBlob{pagesFile, m.pages.Encode()} }()
	go func() { m.encoded <- savedBlob{filesFile, m.files.Encode()} }()
	go func() {
		var data []byte
		if m.cache == nil { // a session keeps its records in memory
			data = m.search.encode()
		}
		m.encoded <- savedBlob{searchFile, data}
	}()
}

// savedBlobs are the memories Prepare encodes, one goroutine each.
var savedBlobs = []string{pagesFile, filesFile, searchFile}

// Commit keeps what the last successful build left for the next: the
// rendered Markdown, and, after a one-off build, its page and file
// memories. Call it only once the build's result is kept (its output
// committed): a memory that outlived its output would describe files
// that are not there.
func (m *Memory) Commit() error {
	if m == nil {
		return nil
	}
	if m.store == nil {
		m.search.commit()
		if m.images != nil {
			return m.images.save() // in memory: for a session's next build
		}
		return nil
	}
	m.Prepare()
	var errs []error
	if err := m.store.Commit(); err != nil {
		errs = append(errs, fmt.Errorf("render cache not saved: %w", err))
	}
	for range savedBlobs {
		b := <-m.encoded
		if b.data == nil {
			continue
		}
		if err := m.store.Save(b.name, b.data); err != nil {
			errs = append(errs, fmt.Errorf("%s not saved: %w", b.name, err))
		}
	}
	m.encoded = nil
	m.search.commit()
	if m.images != nil {
		if err := m.images.save(); err != nil {
			errs = append(errs, fmt.Errorf("image memory not saved: %w", err))
		}
	}
	return errors.Join(errs...)
}

// Discard forgets what the last build put and did not commit (it
// failed, or its output could not be committed).
func (m *Memory) Discard() {
	if m != nil && m.store != nil {
		m.store.Discard()
	}
	if m != nil && m.images != nil {
		m.images.discard()
	}
	if m != nil {
		m.search.discard()
	}
}

// Recalled reports how many files the last one-off build recalled from
// the file memory without reading them.
func (m *Memory) Recalled() int {
	if m == nil {
		return 0
	}
	return m.files.Recalled()
}
