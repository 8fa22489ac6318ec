package search

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func terms(text string) []string {
	var out []string
	split(text, func(t string, _ termKind) { out = append(out, t) })
	return out
}

func TestTerms(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"招聘", []string{"招聘", "聘"}},
		{"公司招聘会", []string{"公司", "司招", "招聘", "聘会", "会"}},
		{"展会 2024", []string{"展会", "会", "2024"}},
		{"展会2024年", []string{"展会", "会", "2024", "年"}},
		{"ＡＢＣ１２３", []string{"abc123"}},
		{"Launches, launched; LAUNCHING launch", []string{"launch", "launch", "launch", "launch"}},
		{"update updated updates", []string{"updat", "updat", "updat"}},
		{"planned running called passed", []string{"plan", "run", "call", "pass"}},
		{"companies stories boxes buses", []string{"company", "story", "box", "bus"}},
		{"news this was string speed need", []string{"new", "this", "was", "string", "speed", "need"}},
		{"東京オフィス開設", []string{"东京", "京オ", "オフ", "フィ", "ィス", "ス开", "开设", "设"}},
		{"發展", []string{"发展", "展"}},
		{"发展", []string{"发展", "展"}},
		{"臺灣 Taiwan", []string{"台湾", "湾", "taiwan"}},
		{"ＡＢＣ國際", []string{"abc", "国际", "际"}},
		{"서울 사무소", []string{"서울", "울", "사무", "무소", "소"}},
		{"café naïve", []string{"café", "naïve"}},
		{"ICP备12345678号", []string{"icp", "备", "12345678", "号"}},
		{"", nil},
		{"—!?", nil},
	} {
		if got := terms(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("split(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// FuzzTerms: any text gives terms that are not empty, valid UTF-8 when
// the text is, folded (each folds to itself), and those of the whole
// text put through NFKC, lower case and the fold.
func FuzzTerms(f *testing.F) {
	for _, s := range []string{"公司招聘会", "Launches ＡＢＣ", "東京オフィス", "a\xffb", "ｶﾀｶﾅ", "發展與发展", "臺灣ÉTÉ", "㘔𠗣", "㊮料 ⼾"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		split(text, func(term string, _ termKind) {
			if term == "" || !utf8.ValidString(term) && utf8.ValidString(text) || foldString(term) != term {
				t.Fatalf("term %q of %q", term, text)
			}
		})
		if got, want := terms(text), referenceTerms(text); !slices.Equal(got, want) {
			t.Fatalf("%q: terms %q, NFKC's %q", text, got, want)
		}
	})
}

// referenceTerms splits text the plain way: all of it through NFKC,
// lower case and the fold, then split.
func referenceTerms(text string) []string {
	var out []string
	prepared := strings.Map(folds().fold, strings.ToLower(norm.NFKC.String(text)))
	splitPrepared(prepared, func(t string, _ termKind) { out = append(out, t) })
	return out
}

// TestPrepareMatchesNFKC: the shortcut gives the terms NFKC gives, for
// every rune below U+10000 alone, after a letter, and before a mark.
func TestPrepareMatchesNFKC(t *testing.T) {
	// The shortcut is taken for Chinese with its punctuation, and for
	// English: neither goes through NFKC.
	for _, text := range []string{"公司新闻，发布会。", "ＡＢＣ", "Launch Day"} {
		if got, want := prepare(text), strings.ToLower(text); text != "ＡＢＣ" && got != want {
			t.Errorf("prepare(%q) = %q, want %q", text, got, want)
		}
	}
	if !inertRunes().has('公') || !inertRunes().has('，') || inertRunes().has('Ａ') {
		t.Error("the inert runes are not what the shortcut needs")
	}
	for r := rune(0); r < 0x10000; r++ {
		for _, text := range []string{string(r), "a" + string(r), string(r) + "\u0301", "公" + string(r) + "司"} {
			if got, want := terms(text), referenceTerms(text); !slices.Equal(got, want) {
				t.Fatalf("%U in %q: terms %q, NFKC's %q", r, text, got, want)
			}
		}
	}
}

// TestRuneClasses: ideographic and wordRune, with their shortcuts and
// tables, say what Unicode's tables say of every rune.
func TestRuneClasses(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if ideographic(r) != isIdeographic(r) {
			t.Errorf("ideographic(%U) = %v", r, ideographic(r))
		}
		if wordRune(r) != isWordRune(r) {
			t.Errorf("wordRune(%U) = %v", r, wordRune(r))
		}
	}
}

// FuzzNextRune: nextRune decodes as utf8.DecodeRuneInString does.
func FuzzNextRune(f *testing.F) {
	for _, s := range []string{"a", "招聘", "\xe6\x8b", "\xed\xa0\x80", "\xe0\x80\xaf", "ｶ", "\U00020BB7", "é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i := 0; i < len(s); {
			r, size := nextRune(s, i)
			wr, wsize := utf8.DecodeRuneInString(s[i:])
			if r != wr || size != wsize {
				t.Fatalf("nextRune(%q, %d) = %U, %d; want %U, %d", s, i, r, size, wr, wsize)
			}
			i += size
		}
	})
}

// TestKeys: a term's key in a counter is its characters, however they
// are decoded, and a word's has wordKey set.
func TestKeys(t *testing.T) {
	for _, tc := range []struct {
		term string
		kind termKind
		want uint64
	}{
		{"招聘", pair, 0x62DB<<32 | 0x8058},
		{"会", runEnd, 0x4F1A << 32},
		{"𠮷野", pair, 0x20BB7<<32 | 0x91CE},
		{"野𠮷", pair, 0x91CE<<32 | 0x20BB7},
		{"ㄱ가", pair, 0x3131<<32 | 0xAC00},
	} {
		if got := key(tc.term, tc.kind); got != tc.want {
			t.Errorf("key(%q) = %#x, want %#x", tc.term, got, tc.want)
		}
	}
	if key("launch", word)&wordKey == 0 || key("launch", word) != key("launch", word) || key("launch", word) == key("launches", word) {
		t.Error("a word's key")
	}
}
