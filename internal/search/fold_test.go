package search

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
)

func TestFold(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"發展", "发展"},
		{"发展", "发展"},
		{"臺灣", "台湾"},
		{"國際展覽會", "国际展览会"},
		{"東京オフィス開設", "东京オフィス开设"}, // kanji fold as hanzi do
		{"新闻 News", "新闻 News"},
		{"乾隆", "干隆"}, // one form for every use of a character, as 干 is in simplified writing
		{"㘔", "𫬐"},   // to a character beyond U+FFFF
		{"𠗣", "㓆"},   // from one
		{"a\xff發", "a\xff发"},
		{"", ""},
	} {
		if got := foldString(tc.text); got != tc.want {
			t.Errorf("foldString(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestFoldTable: the table is OpenCC's: each character it folds, OpenCC
// converts (t2s) to what it folds to, and nothing else; every character
// is Han, below foldLimit, and folds to a character that folds no more.
func TestFoldTable(t *testing.T) {
	start := time.Now()
	ft := newFoldTable(tsCharacters())
	t.Logf("%d pairs, made in %v", len(ft.pairs), time.Since(start))
	if len(ft.pairs) < 4000 {
		t.Fatalf("%d pairs", len(ft.pairs))
	}
	cc, err := opencc.New("t2s")
	if err != nil {
		t.Fatal(err)
	}
	var from, to strings.Builder
	for _, p := range ft.pairs {
		from.WriteRune(p[0])
		from.WriteByte(' ')
		to.WriteRune(p[1])
		to.WriteByte(' ')
		if !isIdeographic(p[0]) || !isIdeographic(p[1]) || ft.fold(p[1]) != p[1] || ft.fold(p[0]) != p[1] {
			t.Errorf("%c -> %c", p[0], p[1])
		}
		if p[0] < 0x10000 && !ft.from.has(p[0]) {
			t.Errorf("%c is not in the runes that fold", p[0])
		}
	}
	converted, err := cc.Convert(from.String())
	if err != nil {
		t.Fatal(err)
	}
	got, want := strings.Fields(converted), strings.Fields(to.String())
	chains := 0
	for i := range want {
		if got[i] != want[i] {
			chains++ // OpenCC converts once; the table to the end
			if c, _ := utf8.DecodeRuneInString(got[i]); ft.fold(c) != ft.pairs[i][1] {
				t.Errorf("%c: OpenCC %s, the table %s", ft.pairs[i][0], got[i], want[i])
			}
		}
	}
	if chains > 3 {
		t.Errorf("%d characters fold twice", chains)
	}
	pairs := map[rune]rune{}
	for _, p := range ft.pairs {
		pairs[p[0]] = p[1]
	}
	for r := rune(0); r < foldLimit+0x100; r++ {
		if f := ft.fold(r); f != r && pairs[r] != f {
			t.Fatalf("%U folds to %U, not a pair", r, f)
		}
		if r < 0x10000 && ft.from.has(r) != (ft.fold(r) != r) {
			t.Fatalf("%U: from %v", r, ft.from.has(r))
		}
	}
	for k, v := range tsCharacters() {
		if k >= foldLimit || v >= foldLimit {
			t.Errorf("%U -> %U is beyond the table", k, v)
		}
	}
}
