package search

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

// reader reads an index as the browser does (search.js): the entry,
// then the shards a query's terms fall in, then the tables and fragments
// of the results. It counts the files read.
type reader struct {
	t         *testing.T
	ix        Index
	entry     entryFile
	read      map[string]bool
	tableDocs int // as the index was built with
}

func newReader(t *testing.T, ix Index) *reader {
	r := &reader{t: t, ix: ix, read: map[string]bool{}, tableDocs: Options{}.withDefaults().TableDocs}
	r.load(ix.Entry, &r.entry)
	return r
}

func (r *reader) load(name string, v any) {
	r.t.Helper()
	data, ok := r.ix.Files[name]
	if !ok {
		r.t.Fatalf("no file %s", name)
	}
	r.read[name] = true
	if err := json.Unmarshal(data, v); err != nil {
		r.t.Fatalf("%s: %v", name, err)
	}
}

// matches returns each document's best BM25 score for the term: the
// term itself, or with prefix every term it begins.
func (r *reader) matches(q QueryTerm) map[int]float64 {
	const k1, b = 1.2, 0.75
	out := map[int]float64{}
	shards := r.entry.Shards
	// The shard the term falls in, and with a prefix the ones after it
	// that begin with it.
	i := max(0, sort.Search(len(shards), func(i int) bool { return shards[i][0] > q.Text })-1)
	for ; i < len(shards); i++ {
		if i > 0 && shards[i][0] > q.Text && !(q.Prefix && strings.HasPrefix(shards[i][0], q.Text)) {
			break
		}
		var s shardFile
		r.load(shards[i][1], &s)
		for k, term := range s.Terms {
			if term != q.Text && !(q.Prefix && strings.HasPrefix(term, q.Text)) {
				continue
			}
			ps := s.Postings[k]
			df, n := float64(len(ps)/3), float64(r.entry.Docs)
			idf := math.Log(1 + (n-df+0.5)/(df+0.5))
			doc := 0
			for p := 0; p < len(ps); p += 3 {
				doc += ps[p]
				tf, dl := float64(ps[p+1]), math.Pow(r.entry.LengthBase, float64(ps[p+2]))
				out[doc] = max(out[doc], idf*tf*(k1+1)/(tf+k1*(1-b+b*dl/r.entry.AverageLength)))
			}
		}
	}
	return out
}

// search returns the URLs of the best n documents for query, as the
// script finds them: every word matched, and at least half of the pairs
// of characters; those holding more terms first, then by their summed
// scores, newer first on a tie.
func (r *reader) search(query string, n int) []string { return r.searchFiltered(query, "", "", n) }

// searchFiltered is search among the documents of a section and a year
// ("" for any).
func (r *reader) searchFiltered(query, section, year string, n int) []string {
	terms := QueryTerms(query)
	total, held, wordsHeld := map[int]float64{}, map[int]int{}, map[int]int{}
	words := 0
	for _, q := range terms {
		c, _ := utf8.DecodeRuneInString(q.Text)
		word := !ideographic(c)
		if word {
			words++
		}
		for doc, score := range r.matches(q) {
			total[doc] += score
			held[doc]++
			if word {
				wordsHeld[doc]++
			}
		}
	}
	least := words + (len(terms)-words+1)/2
	var docs []int
	for doc, h := range held {
		if wordsHeld[doc] == words && h >= least {
			docs = append(docs, doc)
		}
	}
	if section != "" || year != "" {
		var meta metaFile
		r.load(r.entry.Meta, &meta)
		s := slices.Index(r.entry.Sections, section)
		docs = slices.DeleteFunc(docs, func(d int) bool {
			return section != "" && meta.Sections[d] != s || year != "" && strconv.Itoa(meta.Years[d]) != year
		})
	}
	slices.SortFunc(docs, func(a, b int) int {
		if c := cmp.Compare(held[b], held[a]); c != 0 {
			return c
		}
		if c := cmp.Compare(total[b], total[a]); c != 0 {
			return c
		}
		return b - a // the newer
	})
	var urls []string
	tableDocs := r.tableDocs
	for _, d := range docs[:min(n, len(docs))] {
		var table []string
		r.load(r.entry.Tables[d/tableDocs], &table)
		var f fragmentFile
		r.load("f/"+table[d%tableDocs]+".json", &f)
		urls = append(urls, f.URL)
	}
	return urls
}

// Build makes the index of docs with a new indexer, as a cold build does.
func Build(docs []Doc, opts Options) Index {
	x := NewIndexer(opts)
	records := make([]*Record, len(docs))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(docs); i += workers {
				records[i] = x.Record(docs[i])
			}
		})
	}
	wg.Wait()
	return x.Build(records, nil)
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

var sampleDocs = []Doc{
	{URL: "/news/recruit/", Title: "2024年春季校园招聘启动", Section: "新闻", Date: day("2024-03-01"), Body: "公司正式启动2024年春季校园招聘，面向应届毕业生开放研发、销售等岗位。"},
	{URL: "/news/expo/", Title: "公司亮相上海国际展会", Section: "新闻", Date: day("2024-05-20"), Body: "我们在展会上展示了新一代产品，吸引了众多客户。展会期间签约三家合作伙伴。"},
	{URL: "/news/office/", Title: "新办公室落成", Section: "公告", Date: day("2023-11-02"), Body: "新办公室位于杭州，欢迎客户来访。"},
	{URL: "/en/news/launch/", Title: "Bulletin launches its new product line", Section: "News", Date: day("2024-06-01"), Body: "Today we launched three products. The launch event was held in Hangzhou."},
	{URL: "/en/news/hiring/", Title: "We are hiring engineers", Section: "News", Date: day("2024-02-10"), Body: "Our engineering team is growing: we are hiring backend and frontend engineers."},
	{URL: "/en/news/old-launch/", Title: "Archive", Section: "Archive", Date: day("2019-01-01"), Body: "An older launch, in a longer article about many other things that happened that year, and the year before, and the one after."},
}

func TestSearchFinds(t *testing.T) {
	for _, shardBytes := range []int{0, 40} { // one shard; many, so prefixes cross shards
		ix := Build(sampleDocs, Options{ShardBytes: shardBytes})
		r := newReader(t, ix)
		if shardBytes > 0 && len(r.entry.Shards) < 10 {
			t.Fatalf("%d shards of %d bytes", len(r.entry.Shards), shardBytes)
		}
		for _, tc := range []struct {
			query string
			want  []string // the first results, in order
		}{
			{"招聘", []string{"/news/recruit/"}},
			{"校园招聘", []string{"/news/recruit/"}},
			{"展会", []string{"/news/expo/"}},
			{"展会 2024", nil},                        // 2024 is not in that article
			{"2024 招聘", []string{"/news/recruit/"}}, // in this one
			{"招", []string{"/news/recruit/"}},       // one character: a prefix
			{"校园招聘岗位", []string{"/news/recruit/"}},  // words typed together: 4 of the 5 pairs (not 聘岗)
			{"展会招聘", nil},                           // 1 of the 3 pairs in each article: less than half
			{"杭州", []string{"/news/office/"}},
			{"launch", []string{"/en/news/launch/", "/en/news/old-launch/"}},
			{"launching", []string{"/en/news/launch/", "/en/news/old-launch/"}},
			{"laun", []string{"/en/news/launch/", "/en/news/old-launch/"}}, // typed in part
			{"laun ", nil}, // a finished word matches whole words only
			{"ＨＩＲＩＮＧ", []string{"/en/news/hiring/"}},
			{"hiring engineers", []string{"/en/news/hiring/"}},
			{"hiring launch", nil},
			{"nothing here", nil},
		} {
			got := r.search(tc.query, 10)
			if len(got) > len(tc.want) {
				got = got[:max(len(tc.want), min(len(got), 1))]
			}
			if tc.want == nil && got != nil || !slices.Equal(got[:min(len(got), len(tc.want))], tc.want) {
				t.Errorf("shards of %d: %q found %q, want %q first", shardBytes, tc.query, got, tc.want)
			}
		}
	}
}

// TestTitlesWeighMore: a term in the title outranks the same term in a
// body of the same length, and of two equal documents the newer is first.
func TestTitlesWeighMore(t *testing.T) {
	docs := []Doc{
		{URL: "/body/", Title: "Other", Date: day("2024-01-02"), Body: "expo news here"},
		{URL: "/title/", Title: "Expo", Date: day("2024-01-01"), Body: "other news here"},
		{URL: "/older/", Title: "Same", Date: day("2020-01-01"), Body: "tie word"},
		{URL: "/newer/", Title: "Same", Date: day("2021-01-01"), Body: "tie word"},
	}
	r := newReader(t, Build(docs, Options{}))
	if got := r.search("expo", 10); !slices.Equal(got, []string{"/title/", "/body/"}) {
		t.Errorf("expo: %q", got)
	}
	if got := r.search("tie", 10); !slices.Equal(got, []string{"/newer/", "/older/"}) {
		t.Errorf("tie: %q", got)
	}
}

// TestKeywordsFound: a page is found by its keywords (tags, categories,
// description), which weigh more than its body and less than its title.
func TestKeywordsFound(t *testing.T) {
	docs := []Doc{
		{URL: "/body/", Title: "A", Date: day("2024-01-03"), Body: "亲子阅读 reading and more words here"},
		{URL: "/keywords/", Title: "B", Date: day("2024-01-02"), Body: "other words here and more", Keywords: "亲子阅读 reading"},
		{URL: "/title/", Title: "亲子阅读 reading", Date: day("2024-01-01"), Body: "other words here and more"},
	}
	r := newReader(t, Build(docs, Options{}))
	for _, q := range []string{"亲子阅读", "reading"} {
		if got := r.search(q, 10); !slices.Equal(got, []string{"/title/", "/keywords/", "/body/"}) {
			t.Errorf("%s: %q", q, got)
		}
	}
}

// TestNamesFollowBytes: the same documents give the same files; an edit
// of one document renames its fragment, its table, the entry and the
// shards of the terms it gained or lost, and nothing else.
func TestNamesFollowBytes(t *testing.T) {
	a := Build(sampleDocs, Options{ShardBytes: 60})
	b := Build(slices.Clone(sampleDocs), Options{ShardBytes: 60})
	if !maps.EqualFunc(a.Files, b.Files, func(x, y []byte) bool { return string(x) == string(y) }) || a.Entry != b.Entry {
		t.Fatal("two builds of the same documents differ")
	}
	edited := slices.Clone(sampleDocs)
	edited[5].Body = "An older launch."
	c := Build(edited, Options{ShardBytes: 60})
	changed := map[string]int{}
	for name, data := range c.Files {
		if old, ok := a.Files[name]; !ok || string(old) != string(data) {
			kind := name // the entry
			if dir, _, ok := strings.Cut(name, "/"); ok {
				kind = dir
			}
			changed[kind]++
		}
	}
	shards := len(newReader(t, c).entry.Shards)
	t.Logf("renamed %v of %d shards", changed, shards)
	if changed[EntryFile] != 1 || changed["f"] != 1 || changed["t"] != 1 || changed["m"] != 0 ||
		changed["s"] == 0 || changed["s"] > shards/2 {
		t.Errorf("an edit of one document renamed %v (of %d shards)", changed, shards)
	}
}

func TestClip(t *testing.T) {
	for _, tc := range []struct {
		text string
		n    int
		want string
	}{
		{"a  b\n\nc", 10, "a b c"},
		{"公司新闻稿", 2, "公司"},
		{"abc", 3, "abc"},
		{"abcdef", 4, "abcd"},
		{"ab cd", 4, "ab c"},
		{"\u3000 lead\u00a0and\ttab", 8, "lead and"},
		{"公司 新闻", 4, "公司 新"},
		{"ab", 0, ""},
	} {
		if got := clip(tc.text, tc.n); got != tc.want {
			t.Errorf("clip(%q, %d) = %q, want %q", tc.text, tc.n, got, tc.want)
		}
	}
}

// TestBuildAfterEdits: an indexer that builds again after edits (a
// session: unchanged documents keep their records) writes what a fresh
// build of the same documents writes, and keeps the bytes of the shards
// whose terms no changed document has.
func TestBuildAfterEdits(t *testing.T) {
	for seed := range uint64(4) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) { buildAfterEdits(t, seed) })
	}
}

func buildAfterEdits(t *testing.T, seed uint64) {
	rnd := rand.New(rand.NewPCG(seed, 3))
	docs := benchDocs(60)
	x := NewIndexer(Options{ShardBytes: 400})
	records := map[string]*Record{}
	build := func() (Index, int) {
		var rs []*Record
		for _, d := range docs {
			r := records[d.URL]
			if r == nil || !r.Describes(d) {
				r = x.Record(d)
				records[d.URL] = r
			}
			rs = append(rs, r)
		}
		before := map[string]*byte{}
		if x.last != nil {
			for _, sh := range x.last.shards {
				before[sh.name] = &sh.data[0]
			}
		}
		ix := x.Build(rs, nil)
		kept := 0
		for name, data := range ix.Files {
			if p, ok := before[name]; ok && p == &data[0] {
				kept++
			}
		}
		return ix, kept
	}
	build()
	keptAfterEdits := 0
	for step := range 40 {
		i := rnd.IntN(len(docs))
		switch op := rnd.IntN(6); op {
		case 0, 1, 2: // an edit of one document's text
			docs[i].Body += " 新的段落 more words"
			delete(records, docs[i].URL) // its text changed: a new record
		case 3: // a new article, the newest
			d := docs[i]
			d.URL, d.Date = fmt.Sprintf("/new/%d/", step), d.Date.AddDate(10, 0, step)
			docs = append(docs, d)
		case 4: // a backdated one
			d := docs[i]
			d.URL, d.Date = fmt.Sprintf("/old/%d/", step), d.Date.AddDate(-10, 0, 0)
			docs = append(docs, d)
		case 5: // a document gone
			docs = slices.Delete(docs, i, i+1)
		}
		got, kept := build()
		want := Build(docs, Options{ShardBytes: 400})
		if !maps.EqualFunc(got.Files, want.Files, func(a, b []byte) bool { return string(a) == string(b) }) {
			t.Fatalf("step %d: the indexer's build differs from a fresh one", step)
		}
		if len(want.Files) == 0 {
			t.Fatal("no files")
		}
		keptAfterEdits += kept
	}
	if keptAfterEdits == 0 {
		t.Error("no shard was kept from one build to the next")
	}
	t.Logf("%d shards kept over 40 steps", keptAfterEdits)
}

// FuzzClip: clip is collapse, the general way, whether it takes a piece
// of the text or collapses it.
func FuzzClip(f *testing.F) {
	for _, s := range []string{"a  b\n\nc", "公司 新闻", " lead", "trail ", "a b", "\u3000x\u00a0y"} {
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, text string, n int) {
		n = n%50 + 1
		if n < 1 {
			n = 1
		}
		if got, want := clip(text, n), collapse(text, n); got != want {
			t.Fatalf("clip(%q, %d) = %q, collapse %q", text, n, got, want)
		}
	})
}

// FuzzFragment: a fragment's JSON is what encoding/json writes of it.
func FuzzFragment(f *testing.F) {
	f.Add("/news/a/", "公司<新闻> & \"更多\"", "新闻", "text \u2028 \xff end", int64(1700000000))
	f.Add("/en/", "Title", "", "", int64(0))
	f.Fuzz(func(t *testing.T, url, title, section, text string, unix int64) {
		date := time.Unix(unix%(1<<33), 0).UTC()
		doc := Doc{URL: url, Title: title, Section: section, Date: date}
		want, err := json.Marshal(fragmentFile{URL: url, Title: title, Date: date.Format(time.DateOnly), Section: section, Text: text})
		if err != nil {
			t.Fatal(err)
		}
		if got := encodeFragment(doc, text); string(got) != string(want) {
			t.Fatalf("encodeFragment: %s\nencoding/json: %s", got, want)
		}
	})
}
