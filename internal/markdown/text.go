package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// plainText is the text of n's inline content, without markup.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	writeText(&b, n, src)
	return strings.TrimSpace(b.String())
}

func writeText(b *strings.Builder, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte('\n')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.RawHTML, *east.FootnoteLink:
			// markup, not words
		case *ast.AutoLink:
			b.Write(c.Label(src))
		default:
			writeText(b, c, src)
		}
	}
}

// paragraphText is the text of the document's paragraphs, in order: the
// material of an automatic summary. Headings, lists, code, tables and
// footnotes are structure, not running text, and are left out.
func paragraphText(root ast.Node, src []byte) string {
	var lines []string
	walk(root, func(n ast.Node) ast.WalkStatus {
		switch n.(type) {
		case *east.FootnoteList, *ast.FencedCodeBlock, *ast.CodeBlock, *east.Table, *ast.Heading, *ast.List:
			return ast.WalkSkipChildren
		case *ast.Paragraph, *ast.TextBlock:
			lines = append(lines, plainText(n, src))
			return ast.WalkSkipChildren
		}
		return ast.WalkContinue
	})
	return joinLines(strings.Join(lines, "\n"))
}

// joinLines joins the lines of a paragraph the way a browser shows them,
// except that a break between two CJK characters vanishes, as goldmark's
// CJK extension renders it.
func joinLines(s string) string {
	lines := strings.Split(s, "\n")
	var b strings.Builder
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if i > 0 && b.Len() > 0 && l != "" {
			last, _ := utf8.DecodeLastRuneInString(b.String())
			first, _ := utf8.DecodeRuneInString(l)
			if !isWide(last) || !isWide(first) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}

// wordCounts tallies words of spaced scripts and CJK characters apart.
type wordCounts struct{ words, cjk int }

func (w wordCounts) total() int { return w.words + w.cjk }

// minutes reads 220 words or 450 CJK characters a minute, rounded up.
func (w wordCounts) minutes() int {
	if w.total() == 0 {
		return 0
	}
	m := (w.words*450 + w.cjk*220 + 220*450 - 1) / (220 * 450)
	return max(m, 1)
}

func countWords(root ast.Node, src []byte) wordCounts {
	var c wordCounts
	walk(root, func(n ast.Node) ast.WalkStatus {
		switch n := n.(type) {
		case *ast.Text:
			c.add(string(n.Segment.Value(src)))
		case *ast.String:
			c.add(string(n.Value))
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				c.add(string(seg.Value(src)))
			}
		}
		return ast.WalkContinue
	})
	return c
}

func (c *wordCounts) add(s string) {
	inWord := false
	for _, r := range s {
		switch {
		case isCJK(r):
			c.cjk++
			inWord = false
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' && inWord:
			if !inWord {
				c.words++
			}
			inWord = true
		default:
			inWord = false
		}
	}
}

// isCJK reports letters of scripts written without spaces between words.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// isWide reports CJK letters and CJK punctuation (。，、「」 and full-width
// forms): between two of them a line break is no space.
func isWide(r rune) bool {
	return isCJK(r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
}

// Summary budget: about 120 words or about 200 CJK characters.
const (
	summaryWords = 120
	summaryCJK   = 200
)

// Summarize cuts plain text to about 120 words or 200 CJK characters (a mix
// counts proportionally), at a word boundary, and says whether it cut.
func Summarize(s string) (string, bool) {
	s = strings.Join(strings.Fields(s), " ")
	// cost is in units of 1/(120*200): a word costs 200, a CJK character 120.
	const budget = summaryWords * summaryCJK
	cost := 0
	inWord := false
	for i, r := range s {
		switch {
		case isCJK(r):
			cost += summaryWords
			inWord = false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if !inWord {
				cost += summaryCJK
			}
			inWord = true
		default:
			inWord = false
		}
		if cost > budget {
			// i is the start of the word or character that overflows.
			cut := strings.TrimRightFunc(s[:i], func(r rune) bool { return !isCJK(r) && !unicode.IsLetter(r) && !unicode.IsDigit(r) })
			return cut + "…", true
		}
	}
	return s, false
}
