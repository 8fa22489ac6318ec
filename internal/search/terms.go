package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// split calls fn with each term of text, in order, and its kind. The
// reader's query goes through the same steps in the browser
// (assets/js/search.js; its Go statement is QueryTerms, in the tests,
// which check the two agree), so that a query term and an indexed term
// meet:
//
//   - NFKC: full-width letters and digits become half-width (ＡＢＣ１ ->
//     ABC1), compatibility forms their plain ones; then lower case; then
//     traditional Han characters their simplified forms (發展 -> 发展; see
//     foldTable), so that either script finds the other.
//   - A run of Han, Hiragana, Katakana or Hangul gives its overlapping
//     pairs of characters (招聘会 -> 招聘, 聘会) and its last character
//     alone (会), so that a one-character query, a prefix, meets it: Chinese
//     and Japanese need no dictionary, and a word of any length is found
//     by the pairs it holds.
//   - Any other run of letters and digits is a word, lightly stemmed when
//     it is Latin (see stem). Everything else separates.
func split(text string, fn func(term string, kind termKind)) {
	splitPrepared(prepare(text), fn)
}

type termKind int

const (
	word   termKind = iota
	pair            // two characters of an ideographic run
	runEnd          // the last character of a run of two or more
	lone            // a run of one character
)

// prepare is foldString(strings.ToLower(norm.NFKC.String(text))) as far
// as terms go, without its cost where it changes no term: Chinese text is
// rarely NFKC (its full-width commas are not), but what NFKC changes in
// it separates words before and after, so most text is not normalised at
// all, is lowered byte by byte when no character beyond ASCII has a case,
// and is folded only when it has a character that folds.
func prepare(text string) string {
	nfkc, cased, upper, fold := false, false, false, false
	inert, hasCase := inertRunes(), casedRunes()
	var folding *runeSet // made the first time a text has Han
	for i, r := range text {
		switch {
		case r < utf8.RuneSelf:
			upper = upper || 'A' <= r && r <= 'Z'
		case r == utf8.RuneError && !strings.HasPrefix(text[i:], "\uFFFD"):
			nfkc = true // not UTF-8: as norm takes it
		case r >= 0x10000 || !inert.has(r):
			nfkc = true
		default:
			cased = cased || hasCase.has(r)
			if !fold && r >= 0x3400 {
				if folding == nil {
					folding = &folds().from
				}
				fold = folding.has(r)
			}
		}
	}
	if nfkc {
		return foldString(strings.ToLower(norm.NFKC.String(text)))
	}
	if cased {
		text = strings.ToLower(text)
	} else if upper {
		text = lowerASCII(text)
	}
	if fold {
		return foldString(text)
	}
	return text
}

// lowerASCII is text with its ASCII capitals lowered, in one copy: the
// runs between capitals are copied whole.
func lowerASCII(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	from := 0
	for i := 0; i < len(text); i++ {
		if c := text[i]; 'A' <= c && c <= 'Z' {
			b.WriteString(text[from:i])
			b.WriteByte(c + 'a' - 'A')
			from = i + 1
		}
	}
	b.WriteString(text[from:])
	return b.String()
}

// runeSet is a set of the runes below U+10000.
type runeSet [0x10000 / 64]uint64

func (s *runeSet) has(r rune) bool { return s[r>>6]&(1<<(r&63)) != 0 }

// inertRunes are the runes beyond ASCII that NFKC can leave alone for
// the terms' sake (see findInertRunes, in runesets_test.go).
//
// This set and the others of the runes below U+10000 (cased, and the
// classes of runeClasses) are written out in runesets.go: finding them
// from the Unicode tables (NFKC of every rune) was a cost every process
// that indexed a page paid again, a visible part of a warm build.
func inertRunes() *runeSet { return &inert }

// casedRunes are the runes below U+10000 that lower case changes.
func casedRunes() *runeSet { return &cased }

func splitPrepared(text string, fn func(term string, kind termKind)) {
	for i := 0; i < len(text); {
		r, size := nextRune(text, i)
		switch {
		case ideographic(r):
			j := i
			prev := -1 // start of the previous character of the run
			for j < len(text) {
				r, n := nextRune(text, j)
				if !ideographic(r) {
					break
				}
				if prev >= 0 {
					fn(text[prev:j+n], pair)
				}
				prev = j
				j += n
			}
			if prev == i {
				fn(text[prev:j], lone)
			} else {
				fn(text[prev:j], runEnd)
			}
			i = j
		case wordRune(r):
			j := i + size
			for j < len(text) {
				r, n := nextRune(text, j)
				if !wordRune(r) || ideographic(r) {
					break
				}
				j += n
			}
			fn(stem(text[i:j]), word)
			i = j
		default:
			i += size
		}
	}
}

// ideographic reports whether r is written without spaces between words.
func ideographic(r rune) bool {
	switch {
	case r < 0x2E80:
		return false
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0xAC00 && r <= 0xD7A3: // the common Han; Hangul syllables
		return true
	case r < 0x10000:
		return classes.ideographic.has(r)
	}
	return isIdeographic(r)
}

// isIdeographic is what ideographic reports, from Unicode's tables: the
// Han, kana and Hangul from U+2E80 on (the conjoining Hangul letters
// below it come composed out of NFKC).
func isIdeographic(r rune) bool {
	return r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r) || r == 'ー')
}

func wordRune(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	case r < 0x10000:
		return classes.word.has(r)
	}
	return isWordRune(r)
}

// isWordRune is what wordRune reports, from Unicode's tables.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// runeClasses are ideographic and wordRune as tables, for the runes
// below U+10000: looking a rune up in Unicode's tables, as they do for
// the rest, was a tenth of the time of splitting a Chinese text, most of
// it for its punctuation.
type runeClasses struct{ ideographic, word runeSet }

// stem takes the commonest English endings off a lower-case word, so that
// "launches", "launched" and "launching" meet "launch", and a final e goes
// ("update", "updated" -> "updat"). It is deliberately light: a word that
// is not all ASCII letters, or of three letters or fewer, stays as it is,
// and -ing and -ed go only where a vowel stays before them.
func stem(w string) string {
	n := len(w)
	if n <= 3 {
		return w
	}
	for i := 0; i < n; i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return w
		}
	}
	s := w
	switch {
	case strings.HasSuffix(w, "ies") && n > 4:
		s = w[:n-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "shes"),
		strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "zes"):
		s = w[:n-2]
	case strings.HasSuffix(w, "ing") && n-3 >= 3 && vowel(w[:n-3]):
		s = undouble(w[:n-3])
	case strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "eed") && n-2 >= 3 && vowel(w[:n-2]):
		s = undouble(w[:n-2])
	case w[n-1] == 's' && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		s = w[:n-1]
	}
	if len(s) >= 4 && s[len(s)-1] == 'e' {
		s = s[:len(s)-1]
	}
	return s
}

func vowel(s string) bool { return strings.ContainsAny(s, "aeiouy") }

// undouble takes back the consonant an ending doubled: "planned" ->
// "plann" -> "plan".
func undouble(w string) string {
	if n := len(w); n >= 4 && w[n-1] == w[n-2] && !strings.ContainsRune("aeiouls", rune(w[n-1])) {
		return w[:n-1]
	}
	return w
}
