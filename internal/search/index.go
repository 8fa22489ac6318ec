// Package search builds a site's search index at build time, as static
// files a browser reads a few at a time, so that a news site searches its
// articles, in Chinese, Japanese and English alike, with no server and no
// other site.
//
// The files of one language's index (Index.Files); every name but the
// entry's is a hash of the file's bytes, so a file that did not change
// keeps its name, and a CDN may keep it for ever:
//
//   - index.json: the entry, the one file whose name is fixed, what the
//     page loads first: the count of documents and their average length,
//     the first term of every shard with the shard's name, the names of
//     the document tables, the sections and years for the filters.
//   - s/H.json: a shard: a run of terms in sorted order, and for each its
//     postings: document numbers (ascending, each after the first as the
//     difference from the one before) and, after each, how often the
//     document has the term (a title's count TitleWeight times, its
//     keywords' KeywordWeight times) and the class of the document's
//     length in terms, counted the same way (see lengthClass): what BM25
//     scores with, in the browser. Terms are cut into shards of about
//     ShardBytes, so a query loads the shards of its terms alone; a term
//     typed in part matches every term it begins, in one shard or the
//     next ones.
//   - t/H.json: a document table: for TableDocs documents in a row, the
//     name of each one's fragment.
//   - f/H.json: a fragment: one document's URL, title, date, section and
//     text (up to ExcerptRunes), from which the page shows the result and
//     cuts the excerpt around the hits.
//   - m/H.json: each document's section and year, for the filters, loaded
//     when the reader filters.
//   - v/H.json: the fold file, a string of pairs of characters: each
//     traditional character whose simplified form a term has, then that
//     form (see foldTable), loaded when a query has Han, so that the
//     browser folds the query as the terms were folded.
//
// Documents are numbered oldest first (see Indexer.Build): when two score
// the same, the one with the higher number, the newer, comes first.
//
// An Indexer makes each page's Record as the page renders, and the files
// from the records; it keeps what its last Build made, so that the next
// one makes again only the shards whose postings an edit changed, and
// Encode and Decode carry its records and shards to the next process.
package search

import (
	"cmp"
	"encoding/json"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/filesum"
	"github.com/bulletin-ssg/bulletin/internal/jsonstr"
)

// A Doc is one page as the index knows it.
type Doc struct {
	URL     string // as the browser asks for it: "/news/2024/05/launch/"
	Title   string
	Section string // its section's title; "" for none
	Date    time.Time
	Body    string // the body as HTML (see Text for what of it is read)
	// Keywords are what else the page is known by (its description,
	// tags, categories): indexed, counted KeywordWeight times, not shown.
	Keywords string
}

// Options size the index; zero fields take their defaults.
type Options struct {
	ShardBytes    int // about this many bytes of JSON per shard (half to twice it); default 24,000
	TableDocs     int // documents per table; default 512
	ExcerptRunes  int // of a document's text kept for its excerpt; default 1,500
	TitleWeight   int // a term in the title counts this many times; default 3
	KeywordWeight int // a term of the keywords counts this many times; default 2
}

func (o Options) withDefaults() Options {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.ShardBytes, 24000)
	def(&o.TableDocs, 512)
	def(&o.ExcerptRunes, 1500)
	def(&o.TitleWeight, 3)
	def(&o.KeywordWeight, 2)
	return o
}

// Index is one language's index as files, named relative to the folder
// they are published in.
type Index struct {
	Entry string            // EntryFile
	Files map[string][]byte // name -> bytes; not the files Build's keep kept, nor a decoded record's fragment (see Record.Fragment)
}

// EntryFile is the name of the index's entry, the file the page reads
// first.
const EntryFile = "index.json"

// The JSON of each file; the names are short, since every byte of a
// shard is read by every query that loads it.
type (
	entryFile struct {
		Version       int         `json:"v"`
		Docs          int         `json:"n"`
		AverageLength float64     `json:"l"` // of a document, in weighted terms
		LengthBase    float64     `json:"b"` // a length class c is a length of b to the power c
		Shards        [][2]string `json:"s"` // first term, file
		Tables        []string    `json:"t"`
		TableDocs     int         `json:"d"` // documents per table
		Meta          string      `json:"m"`
		Fold          string      `json:"c,omitempty"` // the fold file, when the terms have Han that folds
		Sections      []string    `json:"sections"`
		Years         []int       `json:"years"`
	}
	shardFile struct {
		Terms    []string `json:"t"`
		Postings [][]int  `json:"p"` // per term: doc delta, count, doc length, and again
	}
	fragmentFile struct {
		URL     string `json:"u"`
		Title   string `json:"t"`
		Date    string `json:"d"` // 2006-01-02
		Section string `json:"s,omitempty"`
		Text    string `json:"x"`
	}
	metaFile struct {
		Sections []int `json:"s"` // per doc: index into entry's sections, -1 for none
		Years    []int `json:"y"` // per doc
	}
)

// An Indexer makes one language's index: Record reads each document,
// from any number of goroutines at once (a build calls it as each page
// renders), and Build makes the files of the records. Its dictionary
// numbers every term it has read, so that records hold numbers, not
// strings, and a session's next build reuses the records of the pages
// that did not change.
type Indexer struct {
	opts     Options
	dict     *dict
	counters sync.Pool
	last     *built // the last Build's
}

// NewIndexer returns an indexer; zero options take their defaults.
func NewIndexer(opts Options) *Indexer {
	x := &Indexer{opts: opts.withDefaults(), dict: newDict()}
	x.counters.New = func() any { return &counter{dict: x.dict} }
	return x
}

// A Record is one document as the index holds it: what its fragment and
// its postings need, without its text.
type Record struct {
	// Source is the caller's, for telling whether a later version of
	// the document is the same (a build keeps its page's content
	// identity here); Encode keeps it.
	Source [32]byte

	url, title, section string
	keywords            string
	date                time.Time
	fragment            []byte      // the fragment file; nil in a decoded record
	sum                 filesum.Sum // the fragment's
	name                string      // the fragment's name: the start of its sum in hex
	length              int         // in terms, the title's counted TitleWeight times
	terms               []termCount
}

// Describes reports whether r was made from a document of doc's URL,
// title, section, date and keywords (its text aside).
func (r *Record) Describes(doc Doc) bool {
	_, zone := doc.Date.Zone()
	_, rzone := r.date.Zone()
	return r.url == doc.URL && r.title == doc.Title && r.section == doc.Section && r.keywords == doc.Keywords &&
		r.date.Equal(doc.Date) && zone == rzone
}

// DropFragment lets the fragment's bytes go, once the caller has
// written them: a record then holds its fragment by name and sum alone,
// as a decoded one does.
func (r *Record) DropFragment() { r.fragment = nil }

// URL is the URL of r's document.
func (r *Record) URL() string { return r.url }

// Fragment is the name of r's fragment file, under f/ beside the entry,
// its bytes (nil when r was decoded: the previous output holds them) and
// their sum.
func (r *Record) Fragment() (name string, data []byte, sum filesum.Sum) {
	return "f/" + r.name + ".json", r.fragment, r.sum
}

// termCount is how often a document has a term, the title's counted
// TitleWeight times.
type termCount struct{ term, count int32 }

// Record reads doc. It is safe to call from several goroutines.
func (x *Indexer) Record(doc Doc) *Record {
	c := x.counters.Get().(*counter)
	defer x.counters.Put(c)
	w, kw := int32(x.opts.TitleWeight), int32(x.opts.KeywordWeight)
	start := func() {
		c.next()
		split(doc.Title, func(t string, kind termKind) { c.add(t, kind, w) })
		split(doc.Keywords, func(t string, kind termKind) { c.add(t, kind, kw) })
	}
	start()
	text, ok := c.scanHTML(doc.Body, 1, x.opts.ExcerptRunes)
	if !ok { // a text that needs NFKC: counted again, the general way
		start()
		text = Text(doc.Body)
		split(text, func(t string, kind termKind) { c.add(t, kind, 1) })
	}
	r := &Record{url: doc.URL, title: doc.Title, date: doc.Date, section: doc.Section, keywords: doc.Keywords, terms: slices.Clone(c.terms)}
	for _, t := range r.terms {
		r.length += int(t.count)
	}
	r.fragment = encodeFragment(doc, clip(text, x.opts.ExcerptRunes))
	r.sum = filesum.Of(r.fragment)
	r.name = r.sum.String()[:12]
	return r
}

// Build makes the index of the records, which x made, keeping the bytes
// of the last Build's shards none of whose terms is in a document that
// changed since (a record of its own, or another number). Of a last
// build recalled from another process (see Decode) it has no bytes: keep,
// when not nil, leaves such a file where the previous output has it, if
// it holds those bytes (it reports whether it did); else Build makes it.
// Not for several goroutines at once.
func (x *Indexer) Build(records []*Record, keep func(name string, sum filesum.Sum) bool) Index {
	opts := x.opts
	// Documents are numbered oldest first, so that a new article takes
	// the next number and every other keeps its own: the postings, the
	// tables and the shards of the terms it does not have stay as they
	// were.
	records = numbered(records)
	terms := x.dict.snapshot()
	last := x.last
	touched := touchedTerms(last, records, len(terms))

	df := make([]int32, len(terms)) // how many documents have each term
	total := 0
	for _, r := range records {
		for _, t := range r.terms {
			df[t.term]++
		}
		total += r.length
	}
	classes := make([]int32, len(records))
	for d, r := range records {
		classes[d] = lengthClass(r.length)
	}
	// The terms some document has, in order: the last build's, unless a
	// term came or went.
	var used []int32
	if last != nil && sameTerms(last.df, df, touched) {
		used = last.used
	} else {
		for id, n := range df {
			if n > 0 {
				used = append(used, int32(id))
			}
		}
		slices.SortFunc(used, func(a, b int32) int { return strings.Compare(terms[a], terms[b]) })
	}

	// Postings carry counts, not scores: a score depends on every
	// document (how many hold the term, how long they are on average), so
	// shards holding scores would all change with any edit. The browser
	// scores (BM25) with the document count and average length from the
	// entry.
	ix := Index{Files: map[string][]byte{}}
	addBytes := func(dir string, data []byte) string {
		name := dir + filesum.Of(data).String()[:12] + ".json"
		ix.Files[name] = data
		return name
	}
	add := func(dir string, v any) string {
		data, err := json.Marshal(v)
		if err != nil {
			panic(err) // the types above always marshal
		}
		return addBytes(dir, data)
	}

	entry := entryFile{Version: 2, Docs: len(records), AverageLength: float64(total) / float64(max(1, len(records))), TableDocs: opts.TableDocs, LengthBase: LengthBase}
	if pairs := foldPairs(terms, used); pairs != "" {
		entry.Fold = add("v/", pairs)
	}
	// The shards' ends; then the bytes of each, the last build's when it
	// has the same terms and none of them is in a document that changed.
	var shards []builtShard
	size, from := 0, 0
	for i, id := range used {
		t := terms[id]
		size += len(t) + 4 + 8*int(df[id])
		if size >= 2*opts.ShardBytes || size >= opts.ShardBytes/2 && cutAfter(t) || i == len(used)-1 {
			shards = append(shards, builtShard{terms: used[from : i+1]})
			size, from = 0, i+1
		}
	}
	var lastShards map[int32]builtShard // by first term
	if last != nil {
		lastShards = make(map[int32]builtShard, len(last.shards))
		for _, sh := range last.shards {
			lastShards[sh.terms[0]] = sh
		}
	}
	needed := make([]bool, len(terms)) // the terms of the shards to make
	var todo []int                     // those shards
	for i, sh := range shards {
		if old, ok := lastShards[sh.terms[0]]; ok && slices.Equal(old.terms, sh.terms) && !slices.ContainsFunc(sh.terms, func(id int32) bool { return touched[id] }) &&
			(old.data != nil || keep != nil && keep(old.name, old.sum)) {
			shards[i] = old
			continue
		}
		todo = append(todo, i)
		for _, id := range sh.terms {
			needed[id] = true
		}
	}
	postings := postingsOf(records, df, needed)
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), len(todo))
	for w := range workers {
		wg.Go(func() {
			for k := w; k < len(todo); k += workers {
				sh := &shards[todo[k]]
				sh.data = encodeShard(sh.terms, terms, postings, classes)
				sh.sum = filesum.Of(sh.data)
				sh.name = "s/" + sh.sum.String()[:12] + ".json"
			}
		})
	}
	wg.Wait()
	for _, sh := range shards {
		if sh.data != nil {
			ix.Files[sh.name] = sh.data
		}
		entry.Shards = append(entry.Shards, [2]string{terms[sh.terms[0]], sh.name})
	}
	x.last = &built{records: records, df: df, used: used, shards: shards}

	sections := map[string]int{}
	years := map[int]bool{}
	var meta metaFile
	for start := 0; start < len(records); start += opts.TableDocs {
		var table []string
		for _, r := range records[start:min(len(records), start+opts.TableDocs)] {
			if r.fragment != nil {
				ix.Files["f/"+r.name+".json"] = r.fragment
			}
			table = append(table, r.name)
			s := -1
			if r.section != "" {
				i, ok := sections[r.section]
				if !ok {
					i = len(entry.Sections)
					sections[r.section] = i
					entry.Sections = append(entry.Sections, r.section)
				}
				s = i
			}
			meta.Sections = append(meta.Sections, s)
			meta.Years = append(meta.Years, r.date.Year())
			years[r.date.Year()] = true
		}
		entry.Tables = append(entry.Tables, add("t/", table))
	}
	for y := range years {
		entry.Years = append(entry.Years, y)
	}
	slices.SortFunc(entry.Years, func(a, b int) int { return cmp.Compare(b, a) })
	entry.Meta = add("m/", meta)
	data, err := json.Marshal(entry)
	if err != nil {
		panic(err)
	}
	ix.Entry = EntryFile
	ix.Files[EntryFile] = data
	return ix
}

// posting is one document's count of one term.
type posting struct{ doc, count int32 }

// built is what an Indexer's Build made, for the next Build to keep what
// did not change: its records in the order of their numbers, the count
// of documents of each term, the terms in order, and the shards.
type built struct {
	records []*Record
	df      []int32
	used    []int32
	shards  []builtShard
}

// builtShard is a shard: its terms, in order, its bytes (nil in one
// recalled from another process: the output holds them), their sum and
// its file.
type builtShard struct {
	terms []int32
	data  []byte
	sum   filesum.Sum
	name  string
}

// recall makes an indexer's last build the one whose records and
// shards another process encoded, so that its next Build keeps the
// shards no edit touched. It is the build of those records only if the
// shards hold every term the records have, once, in order; else the
// next Build makes every shard.
func (x *Indexer) recall(records []*Record, used []int32, shards []builtShard) {
	terms := x.dict.snapshot()
	df := make([]int32, len(terms))
	for _, r := range records {
		for _, t := range r.terms {
			df[t.term]++
		}
	}
	n := 0
	for _, c := range df {
		if c > 0 {
			n++
		}
	}
	if n != len(used) || !slices.IsSortedFunc(used, func(a, b int32) int { return strings.Compare(terms[a], terms[b]) }) {
		return
	}
	for i, id := range used {
		if df[id] == 0 || i > 0 && used[i-1] == id {
			return
		}
	}
	x.last = &built{records: numbered(records), df: df, used: used, shards: shards}
}

// numbered sorts records in the order of their numbers: oldest first, by
// URL among the same date.
func numbered(records []*Record) []*Record {
	records = slices.Clone(records)
	slices.SortFunc(records, func(a, b *Record) int {
		if c := a.date.Compare(b.date); c != 0 {
			return c
		}
		return strings.Compare(a.url, b.url)
	})
	return records
}

// touchedTerms marks the terms whose postings may differ from the last
// build's: a posting is a document's number, count and length class, so
// where the record numbered d is not last build's (an edit; or, when
// documents came or went, another document), the terms whose postings
// at d differ (see markChanged), and every term of a document numbered
// beyond the other build's last. Nil when there is no last build: every
// term.
func touchedTerms(last *built, records []*Record, terms int) []bool {
	if last == nil {
		return nil
	}
	touched := make([]bool, terms)
	for d := range max(len(records), len(last.records)) {
		switch {
		case d >= len(records):
			markAll(touched, last.records[d])
		case d >= len(last.records):
			markAll(touched, records[d])
		case records[d] != last.records[d]:
			markChanged(touched, last.records[d], records[d])
		}
	}
	return touched
}

func markAll(touched []bool, r *Record) {
	for _, t := range r.terms {
		touched[t.term] = true
	}
}

// markChanged marks the terms whose postings differ between two records
// of the same number (of one document or of two): every term of both
// when the length class differs (it is in each of their postings), else
// those whose count differs, or that one of them has.
func markChanged(touched []bool, old, r *Record) {
	if lengthClass(old.length) != lengthClass(r.length) {
		markAll(touched, old)
		markAll(touched, r)
		return
	}
	counts := make(map[int32]int32, len(old.terms))
	for _, t := range old.terms {
		counts[t.term] = t.count
	}
	for _, t := range r.terms {
		if c, ok := counts[t.term]; !ok || c != t.count {
			touched[t.term] = true
		}
		delete(counts, t.term)
	}
	for id := range counts {
		touched[id] = true
	}
}

// sameTerms reports whether the documents have the same terms as the
// last build's (lastDF): whether no touched term came or went.
func sameTerms(lastDF, df []int32, touched []bool) bool {
	if touched == nil {
		return false
	}
	for id, t := range touched {
		was := id < len(lastDF) && lastDF[id] > 0
		if t && was != (df[id] > 0) {
			return false
		}
	}
	return true
}

// postingsOf lays out the postings of the needed terms, in the order of
// the documents, in one allocation.
func postingsOf(records []*Record, df []int32, needed []bool) [][]posting {
	n := 0
	for id, c := range df {
		if needed[id] {
			n += int(c)
		}
	}
	all := make([]posting, n)
	postings := make([][]posting, len(df))
	at := 0
	for id, c := range df {
		if needed[id] && c > 0 {
			postings[id] = all[at : at : at+int(c)]
			at += int(c)
		}
	}
	for d, r := range records {
		for _, t := range r.terms {
			if needed[t.term] {
				postings[t.term] = append(postings[t.term], posting{doc: int32(d), count: t.count})
			}
		}
	}
	return postings
}

// lengthClass is a document's length as its postings give it: the
// nearest power of LengthBase, as its exponent. BM25 needs a document's
// length only roughly (Lucene keeps it in one byte), and an exact length
// would change every posting of a document, so every shard of its terms,
// at the least edit; a class changes only when the length moves by about
// a tenth.
func lengthClass(n int) int32 {
	if n <= 1 {
		return 0
	}
	return int32(math.Round(math.Log(float64(n)) / math.Log(LengthBase)))
}

// LengthBase is the base of lengthClass, given to the browser in the
// entry.
const LengthBase = 1.125

// encodeShard writes the JSON of a shard of the terms ids: as shardFile
// would be marshalled, without its reflection (a large site's shards
// hold millions of numbers).
func encodeShard(ids []int32, terms []string, postings [][]posting, classes []int32) []byte {
	size := 16
	for _, id := range ids {
		size += len(terms[id]) + 6 + 12*len(postings[id])
	}
	b := make([]byte, 0, size)
	b = append(b, `{"t":[`...)
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsonstr.Append(b, terms[id])
	}
	b = append(b, `],"p":[`...)
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		prev := int32(0)
		for k, p := range postings[id] {
			if k > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, int64(p.doc-prev), 10)
			b = append(b, ',')
			b = strconv.AppendInt(b, int64(p.count), 10)
			b = append(b, ',')
			b = strconv.AppendInt(b, int64(classes[p.doc]), 10)
			prev = p.doc
		}
		b = append(b, ']')
	}
	return append(b, "]}"...)
}

// encodeFragment writes doc's fragment with excerpt as its text: as
// fragmentFile would be marshalled, in one allocation.
func encodeFragment(doc Doc, excerpt string) []byte {
	b := make([]byte, 0, 48+len(doc.URL)+len(doc.Title)+len(doc.Section)+len(excerpt)+len(excerpt)/8)
	b = append(b, `{"u":`...)
	b = jsonstr.Append(b, doc.URL)
	b = append(b, `,"t":`...)
	b = jsonstr.Append(b, doc.Title)
	b = append(b, `,"d":"`...)
	b = doc.Date.AppendFormat(b, time.DateOnly)
	b = append(b, '"')
	if doc.Section != "" {
		b = append(b, `,"s":`...)
		b = jsonstr.Append(b, doc.Section)
	}
	b = append(b, `,"x":`...)
	b = jsonstr.Append(b, excerpt)
	return append(b, '}')
}

// cutAfter says whether a shard may end after term t: one term in eight,
// chosen by the term alone. A shard ends at the first such term once it
// holds half of ShardBytes (or at twice ShardBytes), so an edit that makes
// one shard longer or shorter moves the ends of the next few shards at
// most: the others keep their terms, their bytes and their names.
func cutAfter(t string) bool {
	h := uint32(2166136261) // FNV-1a
	for i := 0; i < len(t); i++ {
		h = (h ^ uint32(t[i])) * 16777619
	}
	return h%8 == 0
}

// clip keeps the first n runes of text, each run of white space made one
// space: a piece of text itself, without a copy, when it has nothing to
// collapse there (Text's never has).
func clip(text string, n int) string {
	i, space := 0, true // a space at the start would be dropped
	for k := 0; k < n && i < len(text); k++ {
		r, size := nextRune(text, i)
		if isSpace(r) && (r != ' ' || space) {
			return collapse(text, n)
		}
		space = r == ' '
		i += size
	}
	if space && i > 0 {
		// A space at the end stays only before a character.
		if i == len(text) {
			return collapse(text, n)
		}
		if r, _ := nextRune(text, i); isSpace(r) {
			return collapse(text, n)
		}
	}
	return text[:i]
}

// collapse is clip, for text that has white space to collapse.
func collapse(text string, n int) string {
	b := make([]byte, 0, min(len(text), 4*n))
	space := false
	for i := 0; i < len(text) && n > 0; {
		r, size := nextRune(text, i)
		if isSpace(r) {
			space = len(b) > 0
			i += size
			continue
		}
		if space {
			b = append(b, ' ')
			if n--; n == 0 {
				break
			}
			space = false
		}
		// The run of characters up to the next space, or the nth, at once.
		j := i + size
		for n--; j < len(text) && n > 0; n-- {
			r, size := nextRune(text, j)
			if isSpace(r) {
				break
			}
			j += size
		}
		b = append(b, text[i:j]...)
		i = j
	}
	return string(b)
}
