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
