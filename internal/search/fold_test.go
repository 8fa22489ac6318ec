package search

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/bulletin-ssg/bulletin/internal/search/internal/tsdict"
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
	// The copy in tscharacters.go is the library's table.
	lib, err := tsdict.Pairs()
	if err != nil {
		t.Fatal(err)
	}
	if len(lib) != len(tsCharacters) {
		t.Fatalf("tscharacters.go has %d pairs, the library %d: go generate ./internal/search", len(tsCharacters), len(lib))
	}
	for _, p := range tsCharacters {
		if lib[p[0]] != p[1] {
			t.Errorf("tscharacters.go: %c -> %c, the library: %c (go generate ./internal/search)", p[0], p[1], lib[p[0]])
		}
	}
	start := time.Now()
	ft := folds()
	t.Logf("%d pairs, made in %v", len(ft.pairs), time.Since(start))
	if len(ft.pairs) < 4000 {
		t.Fatalf("%d pairs", len(ft.pairs))
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
	converted, err := tsdict.Convert(from.String())
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
	for _, p := range tsCharacters {
		if k, v := p[0], p[1]; k >= foldLimit || v >= foldLimit {
			t.Errorf("%U -> %U is beyond the table", p[0], p[1])
		}
	}
}

// variantDocs are written in traditional characters, in simplified, and
// in Japanese.
var variantDocs = []Doc{
	{URL: "/hant/expo/", Title: "公司參加國際展覽會", Section: "新聞", Date: day("2024-04-01"),
		Body: "我們在臺灣舉辦新產品發表會，歡迎客戶參觀。公司的發展令人矚目。（㘔）"}, // 㘔 folds beyond U+FFFF
	{URL: "/hans/growth/", Title: "公司发展报告", Section: "新闻", Date: day("2024-07-01"),
		Body: "东京办事处开业，业务发展迅速，欢迎新客户。详细资料见年报。"},
	{URL: "/ja/tokyo/", Title: "東京オフィス開設のお知らせ", Date: day("2024-08-01"),
		Body: "東京に新しい事務所を開設しました。"},
}

// TestVariantsMatch: a query in traditional characters finds what is
// written in simplified, and the reverse, on an index of either script or
// of both; the fragments keep the characters they were written in.
func TestVariantsMatch(t *testing.T) {
	hant, hans, ja := variantDocs[0].URL, variantDocs[1].URL, variantDocs[2].URL
	for _, tc := range []struct {
		name string
		docs []Doc
		want map[string][]string // query -> the URLs found, in any order
	}{
		{"both", variantDocs, map[string][]string{
			"發展": {hant, hans}, "发展": {hant, hans}, "發展報告": {hans}, "发展報告": {hans},
			"台湾": {hant}, "臺灣": {hant}, "参观": {hant}, "國": {hant}, "国际": {hant},
			"東京": {hans, ja}, "东京": {hans, ja}, "オフィス開設": {ja}, "开设": {ja}, "𫬐": {hant},
		}},
		{"traditional", variantDocs[:1], map[string][]string{
			"发展": {hant}, "发表会": {hant}, "欢迎客户": {hant}, "產品": {hant}, "产品": {hant},
		}},
		{"simplified", variantDocs[1:2], map[string][]string{
			"發展": {hans}, "報告": {hans}, "東京辦事處": {hans}, "業務": {hans}, "业务": {hans}, "㊮料": {hans},
		}},
	} {
		r := newReader(t, Build(tc.docs, Options{}))
		for q, want := range tc.want {
			got := r.search(q, 10)
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("%s: %q found %q, want %q", tc.name, q, got, want)
			}
		}
	}

	ix := Build(variantDocs, Options{})
	r := newReader(t, ix)
	var f fragmentFile
	var table []string
	r.load(r.entry.Tables[0], &table)
	r.load("f/"+table[0]+".json", &f)
	if f.URL != hant || f.Title != variantDocs[0].Title || f.Text != variantDocs[0].Body {
		t.Errorf("fragment %+v", f)
	}
}

// TestFoldFile: the fold file has the pairs of the characters the terms
// have, and an index without them has none.
func TestFoldFile(t *testing.T) {
	r := newReader(t, Build(variantDocs, Options{}))
	if r.entry.Fold == "" || !strings.HasPrefix(r.entry.Fold, "v/") {
		t.Fatalf("the entry names the fold file %q", r.entry.Fold)
	}
	var pairs string
	r.load(r.entry.Fold, &pairs)
	has := map[rune]bool{}
	for _, d := range variantDocs {
		for _, c := range foldString(d.Title + d.Body) {
			has[c] = true
		}
	}
	cs := []rune(pairs)
	if len(cs)%2 != 0 {
		t.Fatalf("%d characters", len(cs))
	}
	folded := map[rune]rune{}
	for i := 0; i < len(cs); i += 2 {
		folded[cs[i]] = cs[i+1]
		if folds().fold(cs[i]) != cs[i+1] || !has[cs[i+1]] || i > 0 && cs[i] <= cs[i-2] {
			t.Errorf("pair %c%c", cs[i], cs[i+1])
		}
	}
	for _, p := range folds().pairs {
		if has[p[1]] && folded[p[0]] != p[1] {
			t.Errorf("%c%c is not in the file", p[0], p[1])
		}
	}
	for _, want := range []string{"發发", "臺台", "東东", "參参", "㘔𫬐"} {
		if !strings.Contains(pairs, want) {
			t.Errorf("no %s in %q", want, pairs)
		}
	}
	t.Logf("%d pairs", len(cs)/2)

	en := Build(sampleDocs[3:], Options{})
	var entry map[string]any
	if err := json.Unmarshal(en.Files[en.Entry], &entry); err != nil {
		t.Fatal(err)
	}
	if _, ok := entry["c"]; ok {
		t.Errorf("an English index has a fold file: %s", en.Files[en.Entry])
	}
}

// BenchmarkTerms splits the same article written in simplified
// characters, which fold to themselves, and in traditional, a third of
// which fold.
func BenchmarkTerms(b *testing.B) {
	hans := benchDocs(1)[0].Body
	hant := strings.NewReplacer(strings.Split(
		"闻聞发發布佈会會产產术術伙夥户戶务務场場销銷团團队隊签簽约約项項质質环環员員动動议議国國际際经經济濟创創数數据據台臺统統", "")...).Replace(hans)
	for _, tc := range []struct{ name, text string }{{"simplified", hans}, {"traditional", hant}} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(tc.text)))
			n := 0
			for b.Loop() {
				split(tc.text, func(string, termKind) { n++ })
			}
		})
	}
}
