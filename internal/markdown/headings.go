package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// assignHeadingIDs gives every heading an id: its {#attribute} if
// written, else one made from its text. IDs are unique within the document.
func assignHeadingIDs(headings []*ast.Heading, src []byte, st *state) {
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
		h.SetAttributeString("id", []byte(id))
		st.headings = append(st.headings, Heading{Level: h.Level, ID: id, Text: label})
	}
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
