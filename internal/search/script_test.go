package search

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
)

// queryStrings are what readers type, for comparing the script's terms
// with QueryTerms: widths, cases, endings, scripts, and typing in part.
var queryStrings = []string{
	"招聘", "招聘 ", "招", "展会 2024", "公司招聘会", "ＡＢＣ１２３", "Launches launched launching", "laun",
	"laun ", "hiring engineers", "東京オフィス開設", "서울 사무소", "café naïve", "ICP备12345678号", "  ", "",
	"update updated updates", "planned running called passed", "companies stories boxes buses", "news this string speed need",
	"ＨＩＲＩＮＧ", "Ⅻ ﬁle ㍿", "İstanbul", "e-mail", "C++ 与 Go", "𠮷野家", "ｶﾀｶﾅ ﾃｽﾄ", "ΟΔΟΣ οδος", "Straße STRASSE",
	"發展", "发展", "臺灣 台湾", "國", "東京", "開設 开设", "國際展覽會", "㘔", "發展報告 2024", "㊮料",
}

// TestScriptAgrees: search.js, run by Node, splits queries as QueryTerms
// does and finds what the Go reader of the index finds, in the same
// order, with and without filters. The script folds a query with the
// index's fold file, which has the characters whose folded form a term
// has: the traditional characters of the queries fold to those of
// variantDocs (a character that folds to none of them finds nothing,
// folded or not).
func TestScriptAgrees(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed (apt-get install -y nodejs)")
	}
	ix := Build(slices.Concat(sampleDocs, variantDocs), Options{ShardBytes: 40, TableDocs: 4})
	dir := t.TempDir()
	for name, data := range ix.Files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	type query struct {
		Query  string            `json:"query"`
		Filter map[string]string `json:"filter,omitempty"`
	}
	queries := []query{
		{Query: "招聘"}, {Query: "展会"}, {Query: "招"}, {Query: "launch"}, {Query: "laun"}, {Query: "laun "},
		{Query: "hiring engineers"}, {Query: "新"}, {Query: "杭州"}, {Query: "the"}, {Query: "2024"},
		{Query: "2024", Filter: map[string]string{"section": "新闻"}},
		{Query: "launch", Filter: map[string]string{"year": "2019"}},
		{Query: "發展"}, {Query: "发展"}, {Query: "台湾"}, {Query: "東京"}, {Query: "国"}, {Query: "國際"}, {Query: "開設"},
		{Query: "發展", Filter: map[string]string{"section": "新聞"}},
	}
	type mark struct {
		Text   string `json:"text"`
		Query  string `json:"query"`
		Around int    `json:"around,omitempty"`
	}
	marks := []mark{
		{Text: "公司正式启动<2024>年春季校园招聘", Query: "招聘"},
		{Text: "Today we Launched three products.", Query: "launch"},
		{Text: "ＡＢＣ and abc", Query: "abc"},
		{Text: "a long text before the word launch and after it", Query: "launch", Around: 20},
		{Text: "我們在臺灣舉辦新產品發表會", Query: "台湾"},
		{Text: "公司发展报告", Query: "發展報告"},
		{Text: "（㘔）東京的發展", Query: "发展 东京"}, // 㘔 folds to two UTF-16 units
	}
	// And random strings of characters of every kind the steps treat
	// apart.
	pool := []rune("招聘会展東京オフィスカタｶﾀ서울사무aAbBeEiIsSdgnİΣσςßé\u0301ＡＢ１２12 ,.-_ー〜！？\U00020BB7😀Ⅻﬁ㍿發发臺灣國參会㘔")
	rnd := rand.New(rand.NewPCG(1, 2))
	terms := slices.Clone(queryStrings)
	for range 400 {
		r := make([]rune, rnd.IntN(12))
		for i := range r {
			r[i] = pool[rnd.IntN(len(pool))]
		}
		terms = append(terms, string(r))
	}
	req, _ := json.Marshal(map[string]any{"dir": dir, "queries": queries, "terms": terms, "marks": marks})
	cmd := exec.Command(node, filepath.Join("testdata", "run.js"))
	cmd.Stdin = bytes.NewReader(req)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	var got struct {
		Found [][]string
		Terms [][]QueryTerm
		Marks []string
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	for i, s := range terms {
		want := QueryTerms(s)
		if len(want) == 0 && len(got.Terms[i]) == 0 {
			continue
		}
		if !reflect.DeepEqual(got.Terms[i], want) {
			t.Errorf("%q: the script's terms %+v, Go's %+v", s, got.Terms[i], want)
		}
	}
	r := newReader(t, ix)
	r.tableDocs = 4
	for i, q := range queries {
		want := r.searchFiltered(q.Query, q.Filter["section"], q.Filter["year"], 10)
		if len(want) == 0 && len(got.Found[i]) == 0 {
			continue
		}
		if !reflect.DeepEqual(got.Found[i], want) {
			t.Errorf("%q %v: the script found %q, Go %q", q.Query, q.Filter, got.Found[i], want)
		}
	}
	for i, want := range []string{
		"公司正式启动&lt;2024&gt;年春季校园<mark>招聘</mark>",
		"Today we <mark>Launch</mark>ed three products.",
		"<mark>ABC</mark> and <mark>abc</mark>",
		"…word <mark>launch</mark> and afte…",
		"我們在<mark>臺灣</mark>舉辦新產品發表會",
		"公司<mark>发展报告</mark>",
		"(㘔)<mark>東京</mark>的<mark>發展</mark>",
	} {
		if got.Marks[i] != want {
			t.Errorf("marks(%q, %q) = %q, want %q", marks[i].Text, marks[i].Query, got.Marks[i], want)
		}
	}
}
