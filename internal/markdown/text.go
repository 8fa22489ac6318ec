package markdown

import (
	"bytes"
	"html"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	ghtml "github.com/yuin/goldmark/renderer/html"
)

// plainText is the text of n's inline content, without markup.
func plainText(n ast.Node, src []byte) string {
	return string(bytes.TrimSpace(appendText(nil, n, src)))
}

func appendText(b []byte, n ast.Node, src []byte) []byte {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			if c.IsRaw() { // a code span's text: shown as written
				b = append(b, c.Segment.Value(src)...)
			} else {
				b = appendPlain(b, c.Segment.Value(src))
			}
			if c.SoftLineBreak() || c.HardLineBreak() {
				b = append(b, '\n')
			}
		case *ast.String:
			if c.IsCode() || c.IsRaw() {
				b = append(b, c.Value...)
			} else {
				b = appendPlain(b, c.Value)
			}
		case *ast.RawHTML, *east.FootnoteLink:
			// markup, not words
		case *ast.AutoLink:
			b = append(b, c.Label(src)...)
		default:
			b = appendText(b, c, src)
		}
	}
	return b
}

// plainWriter is the writer goldmark renders text with (see New).
var plainWriter = ghtml.NewWriter(ghtml.WithEscapedSpace())

// appendPlain appends Markdown text as the reader sees it: "AT&amp;T" is
// "AT&T", "\*" is "*". The text of a summary, a heading or a table of
// contents is escaped once where it is written out; text taken from the
// source as it is was escaped twice there, and readers saw "&amp;".
// goldmark's own writer decodes it, so both agree on every entity.
func appendPlain(b, v []byte) []byte {
	if bytes.IndexByte(v, '&') < 0 && bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, 0) < 0 {
		return append(b, v...)
	}
	var buf htmlBuffer
	plainWriter.Write(&buf, v)
	return append(b, html.UnescapeString(buf.String())...)
}

// textStats walks a rendered document once for its word count and the
// text of its paragraphs (the material of an automatic summary: headings,
// lists, definition lists, code, tables and footnotes are structure, not
// running text).
//
// Only the first summaryText bytes of paragraphs are gathered: a summary
// never needs more, and joining whole articles was a noticeable part of a
// build.
// more reports that paragraphs were left out. The text is gathered by
// appending to paras (Render's pooled buffer) and joined in place: it is
// a slice of paras, which the caller reads and then reuses.
func textStats(root ast.Node, src, paras []byte) (c wordCounts, text []byte, more bool) {
	// The paragraphs' text, each trimmed, one a line: gathered in one
	// buffer (a string per paragraph, then their join, were a large share
	// of a cold build's allocations).
	count := 0
	gathered := 0
	depth := 0 // inside structure that the summary leaves out
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *east.FootnoteList, *ast.FencedCodeBlock, *ast.CodeBlock, *east.Table, *ast.Heading, *ast.List, *east.DefinitionList:
			if entering {
				depth++
			} else {
				depth--
			}
			if entering && isCode(n) {
				lines := n.Lines()
				for i := 0; i < lines.Len(); i++ {
					seg := lines.At(i)
					c.add(seg.Value(src))
				}
			}
		case *ast.Paragraph, *ast.TextBlock:
			if entering && depth == 0 {
				if gathered >= summaryText {
					more = true
				} else {
					if count++; count > 1 {
						paras = append(paras, '\n')
					}
					start := len(paras)
					paras = appendText(paras, n, src)
					t := bytes.TrimSpace(paras[start:])
					paras = paras[:start+copy(paras[start:], t)]
					gathered += len(t)
				}
			}
		case *ast.Text:
			if entering {
				c.add(n.Segment.Value(src))
			}
		case *ast.String:
			if entering {
				c.add(n.Value)
			}
		}
		return ast.WalkContinue, nil
	})
	return c, joinLines(paras), more
}

// summaryText bounds the text gathered for a summary: far more than 120
// words or 200 CJK characters take.
const summaryText = 4 << 10

// textBuffers hold a document's paragraphs and its summary while Render
// makes the summary, which it copies out: both were garbage of every
// page, a large share of a cold build's allocations.
type textBuffers struct{ paras, summary []byte }

var textPool = sync.Pool{New: func() any {
	return &textBuffers{paras: make([]byte, 0, summaryText+512), summary: make([]byte, 0, 2<<10)}
}}

// maxPooledText bounds the buffers kept for the next document: a
// paragraph may be a whole article, and a pool should not hold on to it.
const maxPooledText = 64 << 10

func (t *textBuffers) release() {
	if cap(t.paras) <= maxPooledText && cap(t.summary) <= maxPooledText {
		textPool.Put(t)
	}
}

func isCode(n ast.Node) bool {
	switch n.(type) {
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		return true
	}
	return false
}

// joinLines joins the lines of a paragraph the way a browser shows them,
// except that a break between two CJK characters vanishes, as
// joinCJKLines renders it. It joins them in s itself and returns the
// joined part: each line break becomes a space or nothing, so what is
// written never passes what is still to be read.
func joinLines(s []byte) []byte {
	out := s[:0]
	for i := 0; len(s) > 0 || i == 0; i++ {
		var l []byte
		l, s, _ = bytes.Cut(s, []byte("\n"))
		l = bytes.TrimSpace(l)
		if i > 0 && len(out) > 0 && len(l) > 0 {
			last, _ := utf8.DecodeLastRune(out)
			first, _ := utf8.DecodeRune(l)
			if !isWide(last) || !isWide(first) {
				out = append(out, ' ')
			}
		}
		out = append(out, l...) // a move within s, left or nowhere
	}
	return out
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

func (c *wordCounts) add(s []byte) {
	inWord := false
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf { // ASCII: one table lookup
			i++
			switch asciiWord[b] {
			case wordByte:
				if !inWord {
					c.words++
				}
				inWord = true
			case otherByte:
				inWord = false
			} // an apostrophe neither starts nor ends a word
			continue
		}
		// U+5000-U+9FFF, most Chinese text, is CJK: no decoding needed
		// beyond checking the sequence is well formed.
		if 0xE5 <= b && b <= 0xE9 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			i += 3
			c.cjk++
			inWord = false
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		i += size
		switch {
		case isCJK(r):
			c.cjk++
			inWord = false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if !inWord {
				c.words++
			}
			inWord = true
		default:
			inWord = false
		}
	}
}

// The classes of ASCII bytes for counting words.
const (
	otherByte = iota
	wordByte
	apostrophe
)

var asciiWord = func() (t [utf8.RuneSelf]uint8) {
	for b := range t {
		switch {
		case 'a' <= b && b <= 'z', 'A' <= b && b <= 'Z', '0' <= b && b <= '9':
			t[b] = wordByte
		case b == '\'':
			t[b] = apostrophe
		}
	}
	return t
}()

// isCJK reports letters of scripts written without spaces between words:
// Han, Hiragana, Katakana and Hangul. It runs once per character of every
// article, so it tests code-point ranges instead of Unicode tables.
func isCJK(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case r >= 0x4E00 && r <= 0x9FFF, // CJK Unified Ideographs
		r >= 0x3040 && r <= 0x30FF,                                                         // Hiragana, Katakana
		r >= 0xAC00 && r <= 0xD7AF,                                                         // Hangul syllables
		r >= 0x3400 && r <= 0x4DBF,                                                         // CJK Extension A
		r >= 0xF900 && r <= 0xFAFF,                                                         // CJK Compatibility Ideographs
		r >= 0x20000 && r <= 0x3134F,                                                       // CJK Extensions B–H
		r >= 0x1100 && r <= 0x11FF,                                                         // Hangul Jamo
		r >= 0x3130 && r <= 0x318F,                                                         // Hangul Compatibility Jamo
		r >= 0x31F0 && r <= 0x31FF,                                                         // Katakana Phonetic Extensions
		r >= 0xFF66 && r <= 0xFF9D,                                                         // half-width Katakana
		r == 0x3005 || r == 0x3006 || r == 0x3007 || r == 0x303B,                           // 々 〆 〇 〻
		r >= 0x2E80 && r <= 0x2FDF,                                                         // CJK and Kangxi radicals
		r >= 0xA960 && r <= 0xA97F, r >= 0xD7B0 && r <= 0xD7FF, r >= 0xFFA0 && r <= 0xFFDC, // more Hangul
		r >= 0x1B000 && r <= 0x1B16F, r >= 0x16FE0 && r <= 0x16FFF, r >= 0x1AFF0 && r <= 0x1AFFF, // Kana supplement and extensions
		r >= 0x2F800 && r <= 0x2FA1F: // CJK Compatibility Supplement
		return true
	}
	return false
}

// isWide reports CJK letters and CJK punctuation (。，、「」 and full-width
// forms): between two of them a line break is no space. Hangul is not:
// Korean puts spaces between words, and a line break is one of them.
func isWide(r rune) bool {
	return (isCJK(r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)) && !isHangul(r)
}

// isHangul reports the Hangul letters isCJK counts.
func isHangul(r rune) bool {
	return r >= 0xAC00 && r <= 0xD7AF || r >= 0x1100 && r <= 0x11FF || r >= 0x3130 && r <= 0x318F ||
		r >= 0xA960 && r <= 0xA97F || r >= 0xD7B0 && r <= 0xD7FF || r >= 0xFFA0 && r <= 0xFFDC
}

// Summary budget: about 120 words or about 200 CJK characters.
const (
	summaryWords = 120
	summaryCJK   = 200
)

// summarize cuts plain text to about 120 words or 200 CJK characters (a
// mix counts proportionally), at a word boundary, and says whether it
// cut. Runs of white space become one space. It reads only as far as the
// summary goes. It writes the summary in b before it copies it out,
// exactly as long as it is, and returns b as it grew, for the next
// summary (Render keeps it in a pool: the summary of every page was
// written in a buffer of its own, garbage right after).
func summarize(s string, b []byte) (summary string, cut bool, buf []byte) {
	// cost is in units of 1/(120*200): a word costs 200, a CJK character 120.
	const budget = summaryWords * summaryCJK
	b = b[:0]
	cost := 0
	inWord, space := false, false
	run := -1 // where the text not yet written starts: it goes out whole
	for i, r := range s {
		if unicode.IsSpace(r) {
			if run >= 0 {
				b = append(b, s[run:i]...)
				run = -1
			}
			space, inWord = len(b) > 0, false
			continue
		}
		switch {
		case r < utf8.RuneSelf:
			if asciiWord[r] != wordByte {
				inWord = false
			} else if !inWord {
				cost += summaryCJK
				inWord = true
			}
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
			// r starts the word or character that overflows.
			if run >= 0 {
				b = append(b, s[run:i]...)
			}
			b = bytes.TrimRightFunc(b, func(r rune) bool { return !isCJK(r) && !unicode.IsLetter(r) && !unicode.IsDigit(r) })
			b = append(b, "…"...)
			return string(b), true, b
		}
		if run < 0 && space {
			b = append(b, ' ')
			space = false
		}
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				// A byte that is not UTF-8 goes out as U+FFFD.
				if run >= 0 {
					b = append(b, s[run:i]...)
					run = -1
				}
				b = utf8.AppendRune(b, r)
				continue
			}
		}
		if run < 0 {
			run = i
		}
	}
	if run >= 0 {
		b = append(b, s[run:]...)
	}
	return string(b), false, b
}
