package search

import (
	"html"
	"strings"
	"unicode"
)

// Text is the text of an article's HTML as a reader sees it: tags left
// out (a block's end separates words, so "</p><p>" does not join two),
// what scripts, styles and templates hold left out, entities decoded.
func Text(h string) string {
	w := textWriter{b: make([]byte, 0, len(h)/2)}
	skip := "" // the element whose text is left out, until its end tag
	for len(h) > 0 {
		lt := strings.IndexByte(h, '<')
		if lt < 0 {
			lt = len(h)
		}
		if skip == "" && lt > 0 {
			if text := h[:lt]; strings.IndexByte(text, '&') >= 0 {
				w.write(html.UnescapeString(text))
			} else {
				w.write(text)
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
			w.space = len(w.b) > 0
		}
	}
	return string(w.b)
}

// textWriter collects text, each run of white space one space, none at
// either end.
type textWriter struct {
	b     []byte
	space bool // a space is due before the next text
}

func (w *textWriter) write(s string) {
	for len(s) > 0 {
		i := strings.IndexFunc(s, unicode.IsSpace)
		if i < 0 {
			i = len(s)
		}
		if i > 0 {
			if w.space {
				w.b = append(w.b, ' ')
				w.space = false
			}
			w.b = append(w.b, s[:i]...)
		}
		s = s[i:]
		if j := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsSpace(r) }); j >= 0 {
			w.space = w.space || len(w.b) > 0
			s = s[j:]
		} else {
			w.space = w.space || len(s) > 0 && len(w.b) > 0
			s = ""
		}
	}
}

// inline are the elements whose tags do not separate words.
var inline = map[string]bool{
	"a": true, "abbr": true, "b": true, "bdi": true, "bdo": true, "cite": true, "code": true, "data": true,
	"del": true, "dfn": true, "em": true, "i": true, "ins": true, "kbd": true, "mark": true, "q": true,
	"s": true, "samp": true, "small": true, "span": true, "strong": true, "sub": true, "sup": true,
	"time": true, "u": true, "var": true, "wbr": true,
}
