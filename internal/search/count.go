package search

import (
	"hash/maphash"
	"math/bits"
	"strings"
	"sync"
	"unicode/utf8"
)

// A counter counts the terms of one document at a time, for one
// goroutine at a time (an Indexer keeps a pool of them). A document of a
// few thousand characters has as many terms to count, and a site has
// millions: so the counter is a hash table of its own, open addressed (a
// term is found in one or two probes of flat arrays, faster than a map),
// and it keeps every term it has met with the term's number in the
// dictionary, so that the dictionary, shared by every goroutine and
// locked, is asked once per term per counter, not once per document.
type counter struct {
	dict   *dict
	keys   []uint64 // 0: empty
	ids    []int32  // the term's number in the dictionary
	words  []string // a word's text (another word may have its key)
	seen   []uint32 // the document that last had the term
	slot   []int32  // its index in terms, when seen is the document
	filled int
	doc    uint32 // the document being counted, from 1
	terms  []termCount
	// scratch holds a word while a scanner reads it, kept for the next.
	scratch []byte
}

// wordSeed hashes words; ideographic terms are their own keys.
var wordSeed = maphash.MakeSeed()

// wordKey marks the key of a word, which is its hash: an ideographic
// term's key is its characters, which never reach this bit.
const wordKey = 1 << 63

// key is a term's key in a counter: an ideographic term's one or two
// characters (its first in the high half), a word's hash with wordKey
// set.
func key(term string, kind termKind) uint64 {
	if kind == word {
		return maphash.String(wordSeed, term) | wordKey
	}
	if len(term) == 6 && term[0]&0xF0 == 0xE0 && term[3]&0xF0 == 0xE0 {
		// Two characters of three bytes, as nearly all of Chinese and
		// Japanese are (split gives valid UTF-8 only): decoded here.
		r1 := uint64(term[0]&0x0F)<<12 | uint64(term[1]&0x3F)<<6 | uint64(term[2]&0x3F)
		r2 := uint64(term[3]&0x0F)<<12 | uint64(term[4]&0x3F)<<6 | uint64(term[5]&0x3F)
		return r1<<32 | r2
	}
	r1, size := nextRune(term, 0)
	r2 := rune(0)
	if size < len(term) {
		r2, _ = nextRune(term, size)
	}
	return uint64(r1)<<32 | uint64(r2)
}

// next starts counting a document.
func (c *counter) next() {
	c.terms = c.terms[:0]
	c.doc++
}

func (c *counter) add(term string, kind termKind, n int32) {
	if 2*(c.filled+1) > len(c.keys) {
		c.grow()
	}
	k := key(term, kind)
	mask := uint64(len(c.keys) - 1)
	at := spread(k) & mask
	for c.keys[at] != 0 && (c.keys[at] != k || k&wordKey != 0 && c.words[at] != term) {
		at = (at + 1) & mask
	}
	if c.keys[at] == 0 {
		id, text := c.dict.id(term, k)
		c.keys[at], c.ids[at] = k, id
		if k&wordKey != 0 {
			c.words[at] = text
		}
		c.filled++
	}
	c.count(at, n)
}

// addRunes adds an ideographic term, as add would: a pair of characters,
// or with second 0 one character alone. Its text is made only the first
// time the counter meets it.
func (c *counter) addRunes(first, second rune, n int32) {
	if 2*(c.filled+1) > len(c.keys) {
		c.grow()
	}
	k := uint64(first)<<32 | uint64(second)
	mask := uint64(len(c.keys) - 1)
	at := spread(k) & mask
	for c.keys[at] != 0 && c.keys[at] != k {
		at = (at + 1) & mask
	}
	if c.keys[at] == 0 {
		var b [2 * utf8.UTFMax]byte
		t := utf8.AppendRune(b[:0], first)
		if second != 0 {
			t = utf8.AppendRune(t, second)
		}
		id, _ := c.dict.id(string(t), k)
		c.keys[at], c.ids[at] = k, id
		c.filled++
	}
	c.count(at, n)
}

// count adds n to the count of the term at place at in this document.
func (c *counter) count(at uint64, n int32) {
	if c.seen[at] != c.doc {
		c.seen[at], c.slot[at] = c.doc, int32(len(c.terms))
		c.terms = append(c.terms, termCount{c.ids[at], 0})
	}
	c.terms[c.slot[at]].count += n
}

// grow doubles the table (to 4,096 places at first) and puts the terms
// back.
func (c *counter) grow() {
	old := *c
	size := max(4096, 2*len(c.keys))
	c.keys, c.ids, c.words = make([]uint64, size), make([]int32, size), make([]string, size)
	c.seen, c.slot = make([]uint32, size), make([]int32, size)
	mask := uint64(size - 1)
	for i, k := range old.keys {
		if k == 0 {
			continue
		}
		at := spread(k) & mask
		for c.keys[at] != 0 {
			at = (at + 1) & mask
		}
		c.keys[at], c.ids[at], c.words[at] = k, old.ids[i], old.words[i]
		c.seen[at], c.slot[at] = old.seen[i], old.slot[i]
	}
}

// spread mixes a key's bits into its low ones (Fibonacci hashing): an
// ideographic key's low bits are one character's, and neighbouring
// characters would crowd into neighbouring places.
func spread(k uint64) uint64 {
	hi, lo := bits.Mul64(k, 0x9E3779B97F4A7C15)
	return hi ^ lo
}

// dictParts is how many locks the dictionary's terms are spread over, so
// that goroutines reading documents seldom wait for each other.
const dictParts = 64

// dict numbers terms, each the first time it is seen.
type dict struct {
	parts [dictParts]struct {
		sync.Mutex
		chars map[uint64]int32 // ideographic terms, by key
		words map[string]int32
	}
	mu    sync.Mutex
	terms []string // number -> term
}

func newDict() *dict {
	d := &dict{}
	for i := range d.parts {
		d.parts[i].chars, d.parts[i].words = map[uint64]int32{}, map[string]int32{}
	}
	return d
}

// id returns the number of term, whose key is k, and the dictionary's
// copy of its text.
func (d *dict) id(term string, k uint64) (int32, string) {
	p := &d.parts[spread(k)%dictParts]
	p.Lock()
	defer p.Unlock()
	var id int32
	var ok bool
	if k&wordKey == 0 {
		id, ok = p.chars[k]
	} else {
		id, ok = p.words[term]
	}
	if ok {
		return id, d.term(id)
	}
	term = strings.Clone(term) // it was a piece of the document's text
	d.mu.Lock()
	id = int32(len(d.terms))
	d.terms = append(d.terms, term)
	d.mu.Unlock()
	if k&wordKey == 0 {
		p.chars[k] = id
	} else {
		p.words[term] = id
	}
	return id, term
}

func (d *dict) term(id int32) string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.terms[id]
}

// snapshot is every term, by number.
func (d *dict) snapshot() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.terms
}

// nextRune is the rune at s[i:] and its size: utf8.DecodeRuneInString,
// without a call for ASCII and for the three bytes of a Chinese or
// Japanese character.
func nextRune(s string, i int) (rune, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	if c&0xF0 == 0xE0 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
		r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
		if r >= 0x800 && (r < 0xD800 || r > 0xDFFF) {
			return r, 3
		}
	}
	return utf8.DecodeRuneInString(s[i:])
}
