package search

import (
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// A scanner counts the terms of an article's HTML in one pass over it,
// the terms split(Text(html)) gives, without making the text or
// preparing it: reading an article's text, then preparing it, then
// splitting it went over every character three times and copied the text
// twice, which was most of what indexing added to a build. It takes the
// common way alone: text whose characters need no NFKC (see prepare), so
// that lower case and the traditional-to-simplified fold are each a
// character's own business; anything else it leaves to split (see
// ok).
type scanner struct {
	c      *counter
	weight int32
	inert  *runeSet
	cased  *runeSet
	folded *foldTable // nil until a character may fold

	// The word being read: word is its characters as prepared; when
	// they are a piece of one text as written (lower case ASCII, in one
	// piece between tags), piece holds that piece instead, and word is
	// unused.
	inWord bool
	piece  string
	word   []byte
	// The ideographic run being read: its last character, and how many
	// it has so far.
	last rune
	run  int
	// ok turns false at the first character that needs NFKC, or at
	// bytes that are not UTF-8: the caller then splits the text.
	ok bool
}

// asciiClass is wordByte for the ASCII bytes a word is made of that lower
// case keeps, upperByte for those it changes, 0 for the rest.
var asciiClass = func() (c [utf8.RuneSelf]uint8) {
	for b := range utf8.RuneSelf {
		switch {
		case 'a' <= b && b <= 'z' || '0' <= b && b <= '9':
			c[b] = wordByte
		case 'A' <= b && b <= 'Z':
			c[b] = upperByte
		}
	}
	return c
}()

const (
	wordByte = 1 + iota
	upperByte
)

// scanHTML counts the terms of h's text n times each into c, as
// split(Text(h)) gives them, and reports whether it could; when it could
// not, c holds some of them, and the caller starts the document again.
// limit > 0 also returns the first limit+1 runes of Text(h) (or all of
// it), what clip needs to cut the excerpt as from the whole text.
func (c *counter) scanHTML(h string, n int32, limit int) (prefix string, ok bool) {
	s := scanner{c: c, weight: n, inert: inertRunes(), cased: casedRunes(), ok: true}
	s.word = c.scratch[:0]
	var w textWriter
	if limit > 0 {
		w.b = textBuffers.Get().(*[]byte)
		*w.b = (*w.b)[:0]
		defer textBuffers.Put(w.b)
	}
	htmlText(h, func(text string) {
		if s.ok {
			s.text(text)
		}
		if w.b != nil && w.runes <= limit {
			w.write(text)
		}
	}, func() {
		s.end()
		w.space = w.b != nil && len(*w.b) > 0
	})
	s.end()
	c.scratch = s.word
	if w.b != nil {
		prefix = string(*w.b)
	}
	return prefix, s.ok
}

// text reads one piece of the text: the word or run being read goes on
// into the next piece, as an inline tag does not separate words.
func (s *scanner) text(t string) {
	for i := 0; i < len(t); {
		b := t[i]
		if b < utf8.RuneSelf {
			class := asciiClass[b]
			if class == 0 {
				if s.inWord || s.run > 0 {
					s.end()
				}
				i++
				continue
			}
			if s.run > 0 {
				s.endRun()
			}
			// A run of ASCII word bytes at once.
			j := i + 1
			for j < len(t) && t[j] < utf8.RuneSelf && asciiClass[t[j]] != 0 {
				class |= asciiClass[t[j]]
				j++
			}
			switch {
			case !s.inWord && class == wordByte && j < len(t) && t[j] < utf8.RuneSelf:
				// The whole word, as written (an ASCII separator ends
				// it): counted as it stands.
				s.addWord(t[i:j])
			case !s.inWord && class == wordByte:
				s.inWord, s.piece = true, t[i:j]
			default:
				s.spill()
				s.inWord = true
				for k := i; k < j; k++ {
					c := t[k]
					if asciiClass[c] == upperByte {
						c += 'a' - 'A'
					}
					s.word = append(s.word, c)
				}
			}
			i = j
			continue
		}
		r, size := nextRune(t, i)
		if r == utf8.RuneError && size == 1 || r >= 0x10000 || !s.inert.has(r) {
			s.ok = false // NFKC's business: see prepare
			return
		}
		i += size
		if s.cased.has(r) {
			r = unicode.ToLower(r)
		}
		if r >= 0x3400 {
			if s.folded == nil {
				s.folded = folds()
			}
			r = s.folded.fold(r)
		}
		switch {
		case ideographic(r):
			s.endWord()
			if s.run > 0 {
				s.c.addRunes(s.last, r, s.weight)
			}
			s.last = r
			s.run++
		case wordRune(r):
			if s.run > 0 {
				s.endRun()
			}
			s.spill()
			s.inWord = true
			s.word = utf8.AppendRune(s.word, r)
		default:
			s.end()
		}
	}
}

// spill moves the word being read into word, to add to it.
func (s *scanner) spill() {
	if s.piece != "" {
		s.word = append(s.word, s.piece...)
		s.piece = ""
	}
}

// end ends the word or run being read.
func (s *scanner) end() {
	s.endWord()
	if s.run > 0 {
		s.endRun()
	}
}

func (s *scanner) endWord() {
	if !s.inWord {
		return
	}
	if s.piece != "" {
		s.addWord(s.piece)
		s.piece = ""
	} else {
		// A view of the buffer: the counter copies what it keeps.
		s.addWord(unsafe.String(unsafe.SliceData(s.word), len(s.word)))
		s.word = s.word[:0]
	}
	s.inWord = false
}

// endRun counts the last character of the run alone: see split.
func (s *scanner) endRun() {
	s.c.addRunes(s.last, 0, s.weight)
	s.run = 0
}

func (s *scanner) addWord(w string) { s.c.add(stem(w), word, s.weight) }
