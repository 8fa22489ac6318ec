package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Terms calls fn with each term of text, in order, and its position (the
// count of terms before it). The reader's query goes through the same
// steps in the browser (assets/js/search.js; its Go statement is
// QueryTerms, in the tests, which check the two agree), so that a query
// term and an indexed term meet:
//
//   - NFKC: full-width letters and digits become half-width (ＡＢＣ１ ->
//     ABC1), compatibility forms their plain ones; then lower case.
//   - A run of Han, Hiragana, Katakana or Hangul gives its overlapping
//     pairs of characters (招聘会 -> 招聘, 聘会) and its last character
//     alone (会), so that a one-character query, a prefix, meets it: Chinese
//     and Japanese need no dictionary, and a word of any length is found
//     by the pairs it holds.
//   - Any other run of letters and digits is a word, lightly stemmed when
//     it is Latin (see stem). Everything else separates.
func Terms(text string, fn func(term string, pos int)) {
	pos := 0
	split(text, func(t string, _ termKind) { fn(t, pos); pos++ })
}

type termKind int

const (
	word   termKind = iota
	pair            // two characters of an ideographic run
	runEnd          // the last character of a run of two or more
	lone            // a run of one character
)

func split(text string, fn func(term string, kind termKind)) {
	if !norm.NFKC.IsNormalString(text) { // most text is: no copy then
		text = norm.NFKC.String(text)
	}
	text = strings.ToLower(text)
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case ideographic(r):
			j := i
			prev := -1 // start of the previous character of the run
			for j < len(text) {
				r, n := utf8.DecodeRuneInString(text[j:])
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
				r, n := utf8.DecodeRuneInString(text[j:])
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
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r) || r == 'ー'
}

func wordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

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
