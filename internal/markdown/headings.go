package markdown

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// assignHeadingIDs gives every heading an id: its {#attribute} if
// written, else one made from its text. IDs are unique within the document.
//
// Unless raw HTML is allowed, a heading keeps no other attribute than its
// id and the classes allowedClass accepts: goldmark would otherwise pass
// "{style=...}", which can lay a heading over the whole page, and
// "{tabindex=... data-...}" and the like, which raw HTML being off is meant
// to keep out of an author's reach.
func assignHeadingIDs(headings []*ast.Heading, src []byte, st *state, unsafeHTML bool) {
	used := make(map[string]bool, len(headings))
	for _, h := range headings {
		label := plainText(h, src)
		id := ""
		if v, ok := h.AttributeString("id"); ok {
			if b, ok := v.([]byte); ok {
				id = string(b)
			}
		}
		if id == "" {
			id = HeadingID(label)
		}
		id = unique(id, used)
		var class []byte
		if !unsafeHTML && h.Attributes() != nil {
			class = allowedClasses(h)
			h.RemoveAttributes()
		}
		h.SetAttributeString("id", []byte(id))
		if class != nil {
			h.SetAttributeString("class", class)
		}
		st.headings = append(st.headings, Heading{Level: h.Level, ID: id, Text: label})
	}
}

// allowedClasses is the part of a heading's class attribute that
// allowedClass accepts, or nil.
func allowedClasses(h *ast.Heading) []byte {
	v, ok := h.AttributeString("class")
	if !ok {
		return nil
	}
	b, ok := v.([]byte)
	if !ok {
		return nil
	}
	var kept []byte
	for _, c := range bytes.Fields(b) {
		if allowedClass(c) {
			if kept != nil {
				kept = append(kept, ' ')
			}
			kept = append(kept, c...)
		}
	}
	return kept
}

// allowedClass accepts the heading classes an author may set without raw
// HTML: "md-" and lowercase letters, digits and dashes. No built-in style
// uses that prefix, so such a class reaches only the rules a site writes
// for its authors, never the theme's own (".skip-link" is positioned, for
// one).
func allowedClass(c []byte) bool {
	const prefix = "md-"
	if len(c) <= len(prefix) || string(c[:len(prefix)]) != prefix {
		return false
	}
	for _, b := range c[len(prefix):] {
		if !('a' <= b && b <= 'z' || '0' <= b && b <= '9' || b == '-') {
			return false
		}
	}
	return true
}

// HeadingID makes an id from a heading's text the way GitHub does, but
// keeping letters of every script: lowercase, spaces to dashes, other
// punctuation dropped.
func HeadingID(label string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(label) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			b.WriteRune(unicode.ToLower(r))
		case r == '-' || r == '_':
			b.WriteRune(r)
		case unicode.IsSpace(r):
			b.WriteByte('-')
		}
	}
	if b.Len() == 0 {
		return "heading"
	}
	return b.String()
}

func unique(id string, used map[string]bool) string {
	candidate := id
	for i := 1; used[candidate]; i++ {
		candidate = id + "-" + strconv.Itoa(i)
	}
	used[candidate] = true
	return candidate
}
