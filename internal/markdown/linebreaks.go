package markdown

import (
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// joinCJKLines drops the soft line breaks that stand between two CJK
// characters (Chinese lines joined without a stray space) and keeps every
// other one as the newline it was. The characters on either side are the
// ones the reader sees, wherever they are in the tree: the break between
// "中文" and "*强调*" goes, the one between "available as" and
// "[context](x)" stays.
//
// goldmark's own CJK option decides by the text node right after the
// break alone, and so dropped the break before every link, emphasis,
// code span and image: the words on either side ran together.
func joinCJKLines(breaks []*ast.Text, src []byte) {
	for _, t := range breaks {
		if !t.SoftLineBreak() || t.Parent() == nil {
			continue
		}
		before, ok := lastRuneBefore(t, src)
		if !ok || !isWide(before) {
			continue
		}
		if after, ok := firstRuneAfter(t, src); ok && isWide(after) {
			t.SetSoftLineBreak(false)
		}
	}
}

// notText stands for something a reader sees that is not a character of
// text (an image, a footnote mark, raw HTML): never CJK.
const notText = utf8.RuneError

// lastRuneBefore is the last character shown before t's line break: the
// end of t's text, else of what precedes it in its block.
func lastRuneBefore(t *ast.Text, src []byte) (rune, bool) {
	if v := t.Segment.Value(src); len(v) > 0 {
		r, _ := utf8.DecodeLastRune(v)
		return r, true
	}
	for n := ast.Node(t); n != nil && n.Type() == ast.TypeInline; n = n.Parent() {
		for s := n.PreviousSibling(); s != nil; s = s.PreviousSibling() {
			if r, ok := lastRune(s, src); ok {
				return r, true
			}
		}
	}
	return 0, false
}

// firstRuneAfter is the first character shown after t's line break.
func firstRuneAfter(t *ast.Text, src []byte) (rune, bool) {
	for n := ast.Node(t); n != nil && n.Type() == ast.TypeInline; n = n.Parent() {
		for s := n.NextSibling(); s != nil; s = s.NextSibling() {
			if r, ok := firstRune(s, src); ok {
				return r, true
			}
		}
	}
	return 0, false
}

// firstRune is the first character n shows; false when n shows nothing.
func firstRune(n ast.Node, src []byte) (rune, bool) {
	switch n := n.(type) {
	case *ast.Text:
		if v := n.Segment.Value(src); len(v) > 0 {
			r, _ := utf8.DecodeRune(v)
			return r, true
		}
		if n.SoftLineBreak() || n.HardLineBreak() {
			return '\n', true
		}
		return 0, false
	case *ast.String:
		if len(n.Value) > 0 {
			r, _ := utf8.DecodeRune(n.Value)
			return r, true
		}
		return 0, false
	case *ast.AutoLink:
		r, _ := utf8.DecodeRune(n.Label(src))
		return r, true
	case *ast.Image, *ast.RawHTML, *east.FootnoteLink, *east.TaskCheckBox:
		return notText, true
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if r, ok := firstRune(c, src); ok {
			return r, true
		}
	}
	return 0, false
}

// lastRune is the last character n shows; false when n shows nothing.
func lastRune(n ast.Node, src []byte) (rune, bool) {
	switch n := n.(type) {
	case *ast.Text:
		if n.SoftLineBreak() || n.HardLineBreak() {
			return '\n', true
		}
		if v := n.Segment.Value(src); len(v) > 0 {
			r, _ := utf8.DecodeLastRune(v)
			return r, true
		}
		return 0, false
	case *ast.String:
		if len(n.Value) > 0 {
			r, _ := utf8.DecodeLastRune(n.Value)
			return r, true
		}
		return 0, false
	case *ast.AutoLink:
		r, _ := utf8.DecodeLastRune(n.Label(src))
		return r, true
	case *ast.Image, *ast.RawHTML, *east.FootnoteLink, *east.TaskCheckBox:
		return notText, true
	}
	for c := n.LastChild(); c != nil; c = c.PreviousSibling() {
		if r, ok := lastRune(c, src); ok {
			return r, true
		}
	}
	return 0, false
}
