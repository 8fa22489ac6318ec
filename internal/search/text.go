package search

import (
	"html"
	"strings"
	"sync"
	"unicode/utf8"
)

// Text is the text of an article's HTML as a reader sees it: tags left
// out (a block's end separates words, so "</p><p>" does not join two),
// what scripts, styles and templates hold left out, entities decoded.
func Text(h string) string {
	w := textWriter{b: textBuffers.Get().(*[]byte)}
	*w.b = (*w.b)[:0]
	defer textBuffers.Put(w.b)
	htmlText(h, w.write, func() { w.space = len(*w.b) > 0 })
	return string(*w.b) // its own bytes, at their length: the buffer goes back
}

// htmlText calls text with each piece of h's text that a reader sees, in
// order, entities decoded, and apart where a tag separates words (any
// but an inline element's): what is between two pieces without apart
// between them joins into one word.
func htmlText(h string, text func(string), apart func()) {
	skip := "" // the element whose text is left out, until its end tag
	for len(h) > 0 {
		lt := strings.IndexByte(h, '<')
		if lt < 0 {
			lt = len(h)
		}
		if skip == "" && lt > 0 {
			if t := h[:lt]; strings.IndexByte(t, '&') >= 0 {
				text(html.UnescapeString(t))
			} else {
				text(t)
			}
		}
		h = h[lt:]
		if h == "" {
			break
		}
		gt := strings.IndexByte(h, '>')
		if gt < 0 {
			break // a tag never closed: the rest is inside it
		}
		tag := h[1:gt]
		h = h[gt+1:]
		closing := strings.HasPrefix(tag, "/")
		name := strings.TrimPrefix(tag, "/")
		if i := strings.IndexAny(name, " \t\n/"); i >= 0 {
			name = name[:i]
		}
		name = strings.ToLower(name)
		switch {
		case skip != "":
			if closing && name == skip {
				skip = ""
			}
			continue
		case !closing && (name == "script" || name == "style" || name == "template"):
			skip = name
			continue
		}
		if !inline[name] {
			apart()
		}
	}
}

// textBuffers hold a page's text while Text gathers it.
var textBuffers = sync.Pool{New: func() any { return new([]byte) }}

// textWriter collects text, each run of white space one space, none at
// either end.
type textWriter struct {
	b     *[]byte // from textBuffers
	space bool    // a space is due before the next text
	runes int     // written
}

func (w *textWriter) write(s string) {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf && c > ' ' { // the common case, a character of a word
		} else if r, size := nextRune(s, i); isSpace(r) {
			w.space = w.space || len(*w.b) > 0
			i += size
			continue
		}
		// The run of characters up to the next space, counted as it goes.
		j, runes := i, 0
		for j < len(s) {
			if c := s[j]; c < utf8.RuneSelf {
				if c <= ' ' && isSpace(rune(c)) {
					break
				}
				j++
			} else {
				r, size := nextRune(s, j)
				if isSpace(r) {
					break
				}
				j += size
			}
			runes++
		}
		if w.space {
			*w.b = append(*w.b, ' ')
			w.space = false
			w.runes++
		}
		*w.b = append(*w.b, s[i:j]...)
		w.runes += runes
		i = j
	}
}

// isSpace is unicode.IsSpace, without its table for the runes beyond
// Latin-1 (every character of a Chinese text is one): the few spaces
// there are listed.
func isSpace(r rune) bool {
	if r <= 0xFF {
		return r == ' ' || '\t' <= r && r <= '\r' || r == 0x85 || r == 0xA0
	}
	return r == 0x1680 || 0x2000 <= r && r <= 0x200A || r == 0x2028 || r == 0x2029 || r == 0x202F || r == 0x205F || r == 0x3000
}

// inline are the elements whose tags do not separate words.
var inline = map[string]bool{
	"a": true, "abbr": true, "b": true, "bdi": true, "bdo": true, "cite": true, "code": true, "data": true,
	"del": true, "dfn": true, "em": true, "i": true, "ins": true, "kbd": true, "mark": true, "q": true,
	"s": true, "samp": true, "small": true, "span": true, "strong": true, "sub": true, "sup": true,
	"time": true, "u": true, "var": true, "wbr": true,
}
