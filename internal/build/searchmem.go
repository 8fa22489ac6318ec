package build

import (
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/zeebo/xxh3"

	"github.com/bulletin-ssg/bulletin/internal/search"
	"github.com/bulletin-ssg/bulletin/internal/site"
	"github.com/bulletin-ssg/bulletin/internal/wire"
)

// searchFile is the search memory's name in the render cache's folder.
const searchFile = "search.memory"

// searchMemory carries each language's search records from one build to
// the next, so that a page whose text, title, section, date and keywords
// did not change is not read again: in a session, in memory (the records keep
// their fragments); from one `bulletin build` to the next, in the render
// cache's folder (without the fragments, which the output holds). A
// language keeps its indexer, whose dictionary numbers the terms the
// records hold, for as long as its records.
type searchMemory struct {
	mu    sync.Mutex
	langs map[string]*searchLanguage // by language tag
}

// searchLanguage is one language's indexer and records: those of the
// last kept build (prev) and this build's (next), by URL.
type searchLanguage struct {
	x          *search.Indexer
	fields     []string // the language's search.fields
	mu         sync.Mutex
	prev, next map[string]*search.Record
	// In a session, the content each record was made from, by URL: a
	// page whose content is the very string its record was made from
	// (the session's cache hands an unchanged page's content over as it
	// is) needs no hashing to tell (see sameSource). Held here, the
	// string cannot be another's.
	prevBody, nextBody map[string]string
	read               atomic.Int64 // pages this build read (Result.SearchRead)
	// dir is where this build publishes the language's index; written
	// are the records whose fragments it wrote as their pages streamed
	// (see outputs.writeFragment), under outputs.searchMu.
	dir     string
	written map[*search.Record]bool
}

// language returns the memory of language tag, with an empty next,
// made from what load decodes the first time (an empty one without), to
// index fields; in a session, it also keeps each record's content.
func (m *searchMemory) language(tag string, fields []string, load func(tag string) (*search.Indexer, []*search.Record), session bool) *searchLanguage {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.langs == nil {
		m.langs = map[string]*searchLanguage{}
	}
	l := m.langs[tag]
	if l == nil {
		l = &searchLanguage{prev: map[string]*search.Record{}}
		var records []*search.Record
		if load != nil {
			l.x, records = load(tag)
		}
		if l.x == nil {
			l.x = search.NewIndexer(search.Options{})
		}
		for _, r := range records {
			l.prev[r.URL()] = r
		}
		m.langs[tag] = l
	}
	l.next, l.nextBody = map[string]*search.Record{}, nil
	if session {
		l.nextBody = map[string]string{}
	}
	l.fields = fields
	l.read.Store(0)
	return l
}

// How searchLanguage.record may take the last build's record of a page.
const (
	reuse         = iota // when it describes the page as it is
	reuseInMemory        // only a record of this process (it has its fragment's bytes)
	readAgain            // never: read the page
)

// record returns page p's record: the last build's, as how allows, when
// it describes the page and was made from the same content, else a new
// one (which needs p's content). It is kept as this build's.
func (l *searchLanguage) record(p *site.Page, how int) *search.Record {
	doc := searchDoc(p, l.fields)
	l.mu.Lock()
	r, body := l.prev[p.RelPermalink], l.prevBody[p.RelPermalink]
	l.mu.Unlock()
	if r != nil && how == reuseInMemory {
		if _, data, _ := r.Fragment(); data == nil {
			r = nil
		}
	}
	if how == readAgain || r == nil || !r.Describes(doc) || !l.sameBody(body, p) && !sameSource(r.Source, p) {
		p.AwaitContent()
		doc.Body = string(p.Content)
		r = l.x.Record(doc)
		r.Source = sourceOf(p)
		l.read.Add(1)
	}
	if l.nextBody != nil {
		p.AwaitContent()
	}
	l.mu.Lock()
	l.next[p.RelPermalink] = r
	if l.nextBody != nil {
		l.nextBody[p.RelPermalink] = string(p.Content)
	}
	l.mu.Unlock()
	return r
}

// sameBody reports whether p's content is body, the string (not only
// the bytes) a session's last record of p was made from: the same
// memory, the same length. It reads p's content only in a session.
func (l *searchLanguage) sameBody(body string, p *site.Page) bool {
	if l.nextBody == nil || body == "" {
		return false
	}
	p.AwaitContent()
	content := string(p.Content)
	return len(content) == len(body) && unsafe.StringData(content) == unsafe.StringData(body)
}

// sourceOf is what a record of p is made from: p's content identity
// (ContentSum; zero when the build has no render cache) and a hash of its
// content, which p must have.
func sourceOf(p *site.Page) (src [32]byte) {
	copy(src[:16], p.ContentSum[:])
	text := xxh3.HashString128(string(p.Content)).Bytes()
	copy(src[16:], text[:])
	return src
}

// sameSource reports whether a record made from src holds p's content:
// by the content's identity when both know it (a page whose rendering
// waits in the render cache is not read for it), else by the hash of
// p's content.
func sameSource(src [32]byte, p *site.Page) bool {
	var none [16]byte
	if p.ContentSum != none && [16]byte(src[:16]) != none {
		return [16]byte(src[:16]) == p.ContentSum
	}
	p.AwaitContent()
	return [16]byte(src[16:]) == xxh3.HashString128(string(p.Content)).Bytes()
}

// commit makes this build's records the last kept build's, in every
// language this build indexed.
func (m *searchMemory) commit() {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, l := range m.langs {
		if l.next != nil {
			l.prev, l.next = l.next, nil
			l.prevBody, l.nextBody = l.nextBody, nil
		}
	}
}

// discard forgets this build's records.
func (m *searchMemory) discard() {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, l := range m.langs {
		l.next, l.nextBody = nil, nil
	}
}

// encode writes this build's records of every language it indexed, for
// the next process; nil when it indexed none.
func (m *searchMemory) encode() []byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	var b []byte
	tags := slices.Sorted(maps.Keys(m.langs))
	for _, tag := range tags {
		l := m.langs[tag]
		if l.next == nil {
			continue
		}
		records := slices.SortedFunc(maps.Values(l.next), func(a, b *search.Record) int { return strings.Compare(a.URL(), b.URL()) })
		b = wire.AppendField(b, tag)
		b = wire.AppendField(b, l.x.Encode(records))
	}
	return b
}

// decodeSearchMemory reads what encode wrote: by language tag, its
// encoding (see search.Decode). Nothing for data it cannot read: the
// build then reads every page.
func decodeSearchMemory(data []byte) map[string][]byte {
	langs := map[string][]byte{}
	r := wire.NewReader(data)
	for r.Len() > 0 {
		tag, enc := r.String(), r.Field()
		if r.Err() != nil {
			return nil
		}
		langs[tag] = enc
	}
	return langs
}
