package search

//go:generate go run mkfold.go

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// foldLimit is the end of the runes a foldTable covers, the first four
// planes: every Han character, of every extension, is below it.
const foldLimit = 0x40000

// A foldTable folds traditional Han characters to simplified ones, as
// lower case folds upper: before terms are made, every Han character
// that has a simplified form in OpenCC's table of traditional characters
// (TSCharacters) becomes that form, in what is indexed and in what a
// reader types alike (發展 and 发展 are both 发展). It is character by
// character, without OpenCC's phrases: both sides fold the same way, so
// a character with two simplified forms needs no choice (the first is
// taken), and what folds together is what simplified writing already
// writes alike. Japanese kanji fold as hanzi do (東京 and 东京 meet). A
// fragment keeps the characters it was written in; the browser folds a
// query with the pairs of the index's fold file (see foldPairs), and
// folds the excerpt and the query alike to find where to mark, one
// character for one.
//
// The table holds the fold of every rune below foldLimit, in blocks of
// 256 runes: a block with nothing to fold is not kept, and a rune that
// does not fold is 0 in its block, so that a fold is two lookups.
type foldTable struct {
	index  [foldLimit >> 8]uint16 // the block of the runes r>>8; 0 for none
	blocks [][256]rune            // blocks[0] is not used
	from   runeSet                // the runes below U+10000 that fold, for prepare
	pairs  [][2]rune              // what folds to what, in the order of the first
}

// fold is r's canonical form: its simplified form, or r.
func (t *foldTable) fold(r rune) rune {
	if uint32(r) >= foldLimit {
		return r
	}
	if b := t.index[r>>8]; b != 0 {
		if f := t.blocks[b][r&0xff]; f != 0 {
			return f
		}
	}
	return r
}

// folds is the fold table, made once from OpenCC's TSCharacters (the
// pairs in tscharacters.go), the first time a text has a character that
// might fold (a few milliseconds).
var folds = sync.OnceValue(func() *foldTable {
	m := make(map[rune]rune, len(tsCharacters))
	for _, p := range tsCharacters {
		m[p[0]] = p[1]
	}
	return newFoldTable(m)
})

// newFoldTable makes the table of the pairs m, each character folded to
// the end of its chain (a simplified form that OpenCC folds once more), so
// that a folded text folds to itself.
func newFoldTable(m map[rune]rune) *foldTable {
	t := &foldTable{blocks: make([][256]rune, 1)}
	for from, to := range m {
		for range 8 { // to the end of the chain (OpenCC's are one step at most)
			next, ok := m[to]
			if !ok || next == to {
				break
			}
			to = next
		}
		if from == to || from >= foldLimit || to >= foldLimit || !isIdeographic(from) || !isIdeographic(to) {
			continue
		}
		b := t.index[from>>8]
		if b == 0 {
			b = uint16(len(t.blocks))
			t.blocks = append(t.blocks, [256]rune{})
			t.index[from>>8] = b
		}
		t.blocks[b][from&0xff] = to
		if from < 0x10000 {
			t.from[from>>6] |= 1 << (from & 63)
		}
		t.pairs = append(t.pairs, [2]rune{from, to})
	}
	slices.SortFunc(t.pairs, func(a, b [2]rune) int { return cmp.Compare(a[0], b[0]) })
	return t
}

// foldString folds every character of s (see foldTable.fold); s itself
// when none folds.
func foldString(s string) string {
	var t *foldTable // made the first time a text has Han
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := nextRune(s, i)
		if r >= 0x3400 {
			if t == nil {
				t = folds()
			}
			if t.fold(r) != r {
				return t.foldFrom(s, i)
			}
		}
		i += size
	}
	return s
}

// foldFrom is s folded, the first i bytes of which fold to themselves:
// the runs between the characters that fold are copied as they are.
func (t *foldTable) foldFrom(s string, i int) string {
	b := make([]byte, 0, len(s)+len(s)/8) // a character may fold to one a byte longer
	from := 0                             // s[from:i] is still to copy
	for i < len(s) {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := nextRune(s, i)
		if f := t.fold(r); f != r {
			b = append(b, s[from:i]...)
			if 0x800 <= f && f < 0x10000 { // three bytes, as most are
				b = append(b, byte(0xE0|f>>12), byte(0x80|f>>6&0x3F), byte(0x80|f&0x3F))
			} else {
				b = utf8.AppendRune(b, f)
			}
			from = i + size
		}
		i += size
	}
	return string(append(b, s[from:]...))
}

// foldPairs is the fold file's text for an index of the terms used: each
// character that folds to a character some term has, followed by what it
// folds to, in the order of the first. A query's other characters fold to
// what no term has, so they match nothing folded or not: the browser
// needs the pairs of the site's characters alone. "" when no term has a
// folded character.
func foldPairs(terms []string, used []int32) string {
	var has [foldLimit / 64]uint64
	han := false
	for _, id := range used {
		term := terms[id]
		if term == "" || term[0] < 0xE2 { // below U+2000: no Han
			continue
		}
		han = true
		for _, r := range term {
			if r < foldLimit {
				has[r>>6] |= 1 << (r & 63)
			}
		}
	}
	if !han {
		return ""
	}
	var b strings.Builder
	for _, p := range folds().pairs {
		if has[p[1]>>6]&(1<<(p[1]&63)) != 0 {
			b.WriteRune(p[0])
			b.WriteRune(p[1])
		}
	}
	return b.String()
}
