package search

import (
	"html"
	"strings"
)

// Text is the text of an article's HTML as a reader sees it: tags left
// out (a block's end separates words, so "</p><p>" does not join two),
// what scripts, styles and templates hold left out, entities decoded.
func Text(h string) string {
	var b strings.Builder
	b.Grow(len(h) / 2)
	skip := "" // the element whose text is left out, until its end tag
	for len(h) > 0 {
		lt := strings.IndexByte(h, '<')
		if lt < 0 {
			lt = len(h)
		}
		if skip == "" && lt > 0 {
			b.WriteString(html.UnescapeString(h[:lt]))
		}
		h = h[lt:]
		if h == "" {
			break
		}
		gt := strings.IndexByte(h, '>')
		if gt < 0 {
			break // a tag never closed: the rest is inside it
		}
		tag := strings.ToLower(h[1:gt])
		h = h[gt+1:]
		name := strings.TrimLeft(tag, "/")
		if i := strings.IndexAny(name, " \t\n/"); i >= 0 {
			name = name[:i]
		}
		switch {
		case skip != "":
			if tag == "/"+skip {
				skip = ""
			}
			continue
		case !strings.HasPrefix(tag, "/") && (name == "script" || name == "style" || name == "template"):
			skip = name
			continue
		}
		if !inline[name] {
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// inline are the elements whose tags do not separate words.
var inline = map[string]bool{
	"a": true, "abbr": true, "b": true, "bdi": true, "bdo": true, "cite": true, "code": true, "data": true,
	"del": true, "dfn": true, "em": true, "i": true, "ins": true, "kbd": true, "mark": true, "q": true,
	"s": true, "samp": true, "small": true, "span": true, "strong": true, "sub": true, "sup": true,
	"time": true, "u": true, "var": true, "wbr": true,
}
