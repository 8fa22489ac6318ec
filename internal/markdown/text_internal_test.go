package markdown

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// countReference is wordCounts.add as it was written first, a rune at a
// time: add's table and its CJK shortcut must count the same.
func countReference(s []byte) wordCounts {
	var c wordCounts
	inWord := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRune(s[i:])
		i += size
		switch {
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '\'' && inWord):
			if !inWord {
				c.words++
			}
			inWord = true
		case r < utf8.RuneSelf:
			inWord = false
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
	return c
}

func FuzzWordCounts(f *testing.F) {
	for _, s := range []string{"", "It's a test, isn't it?", "公司新闻发布会", "ok公司'x", "\xe5\x80", "\xe9\xbf\xbf\xe5", "Ünïcödé wörds 123", "ゲーム 한국어 ﾃｽﾄ", "a'b 'c' d''e", "\xff\xfe公"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, s []byte) {
		var got wordCounts
		got.add(s)
		if want := countReference(s); got != want {
			t.Fatalf("%q: %+v, want %+v", s, got, want)
		}
	})
}

func BenchmarkWordCounts(b *testing.B) {
	text := []byte(strings.Repeat("The company's news, in English and 公司新闻发布会的中文。 ", 200))
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		var c wordCounts
		c.add(text)
	}
}

// summarizeReference is Summarize as it was written first, a rune at a
// time into the builder: Summarize, which writes runs of text whole, must
// give the same.
func summarizeReference(s string) (string, bool) {
	// cost is in units of 1/(120*200): a word costs 200, a CJK character 120.
	const budget = summaryWords * summaryCJK
	var b strings.Builder
	cost := 0
	inWord, space := false, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space, inWord = b.Len() > 0, false
			continue
		}
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
			// r starts the word or character that overflows.
			cut := strings.TrimRightFunc(b.String(), func(r rune) bool { return !isCJK(r) && !unicode.IsLetter(r) && !unicode.IsDigit(r) })
			return cut + "…", true
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String(), false
}

func FuzzSummarize(f *testing.F) {
	long := strings.Repeat("The company's quarterly news, 公司新闻发布会。 ", 40)
	for _, s := range []string{"", "  lead and trail  ", "a\u00a0b\u3000c\td\n\ne", long, "x" + strings.Repeat(" word", 200), strings.Repeat("字", 250), "é\xffb", "it's  ok -- fine"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, cut := Summarize(s)
		want, wantCut := summarizeReference(s)
		if got != want || cut != wantCut {
			t.Fatalf("Summarize(%q) = %q, %v; want %q, %v", s, got, cut, want, wantCut)
		}
	})
}

func BenchmarkSummarize(b *testing.B) {
	text := strings.Repeat("The company's news, in English and 公司新闻发布会的中文。 ", 60)
	for b.Loop() {
		Summarize(text)
	}
}

// Summarize is summarize with a buffer of its own, for the tests.
func Summarize(s string) (string, bool) {
	summary, cut, _ := summarize(s, nil)
	return summary, cut
}
