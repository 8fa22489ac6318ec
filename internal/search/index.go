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
//     document has the term (a title's count TitleWeight times) and the
//     document's length in terms, counted the same way: what BM25 scores
//     with, in the browser. Terms are cut into shards of about ShardBytes,
//     so a query loads the shards of its terms alone; a term typed in part
//     matches every term it begins, in one shard or the next ones.
//   - t/H.json: a document table: for TableDocs documents in a row, the
//     name of each one's fragment.
//   - f/H.json: a fragment: one document's URL, title, date, section and
//     text (up to ExcerptRunes), from which the page shows the result and
//     cuts the excerpt around the hits.
//   - m/H.json: each document's section and year, for the filters, loaded
//     when the reader filters.
//
// Documents are numbered newest first: when two score the same, the newer
// comes first.
package search

import (
	"cmp"
	"encoding/json"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/bulletin-ssg/bulletin/internal/filesum"
	"github.com/bulletin-ssg/bulletin/internal/jsonstr"
)

// A Doc is one page as the index knows it.
type Doc struct {
	URL     string // as the browser asks for it: "/news/2024/05/launch/"
	Title   string
	Section string // its section's title; "" for none
	Date    time.Time
	Text    string // the body as plain text
}

// Options size the index; zero fields take their defaults.
type Options struct {
	ShardBytes   int // about this many bytes of JSON per shard (half to twice it); default 24,000
	TableDocs    int // documents per table; default 512
	ExcerptRunes int // of a document's text kept for its excerpt; default 1,500
	TitleWeight  int // a term in the title counts this many times; default 3
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
	return o
}

// Index is one language's index as files, named relative to the folder
// they are published in.
type Index struct {
	Entry string            // EntryFile
	Files map[string][]byte // name -> bytes
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
		Shards        [][2]string `json:"s"` // first term, file
		Tables        []string    `json:"t"`
		TableDocs     int         `json:"d"` // documents per table
		Meta          string      `json:"m"`
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

// posting is one document's counts of one term.
type posting struct {
	doc         int32
	title, body int32
}

// share is what one worker counted: the terms of a run of documents, in
// a dictionary of its own.
type share struct {
	first int              // the number of its first document
	dict  map[string]int32 // term -> local id
	terms []string         // local id -> term
	docs  [][]posting      // per document: its terms' local ids (in doc) and counts
}

// count counts the terms of docs, numbered from first.
func count(docs []Doc, first int) *share {
	sh := &share{first: first, dict: map[string]int32{}, docs: make([][]posting, len(docs))}
	var slot []int32 // local id -> 1 + index into the document's postings, 0 for none
	for i, doc := range docs {
		var ps []posting
		add := func(term string, title bool) {
			id, ok := sh.dict[term]
			if !ok {
				id = int32(len(sh.terms))
				sh.dict[term] = id
				sh.terms = append(sh.terms, term)
				slot = append(slot, 0)
			}
			if slot[id] == 0 {
				ps = append(ps, posting{doc: id})
				slot[id] = int32(len(ps))
			}
			if title {
				ps[slot[id]-1].title++
			} else {
				ps[slot[id]-1].body++
			}
		}
		Terms(doc.Title, func(t string, _ int) { add(t, true) })
		Terms(doc.Text, func(t string, _ int) { add(t, false) })
		for _, p := range ps {
			slot[p.doc] = 0
		}
		sh.docs[i] = ps
	}
	return sh
}

// Build makes the index of docs.
func Build(docs []Doc, opts Options) Index {
	opts = opts.withDefaults()
	docs = slices.Clone(docs)
	slices.SortStableFunc(docs, func(a, b Doc) int {
		if c := b.Date.Compare(a.Date); c != 0 {
			return c
		}
		return strings.Compare(a.URL, b.URL)
	})

	// Count every term of every document, the title's apart: the
	// documents in as many runs as there are processors, each counted
	// with a dictionary of its own, then the dictionaries made one.
	workers := min(runtime.GOMAXPROCS(0), max(1, len(docs)/64))
	shares := make([]*share, workers)
	var wg sync.WaitGroup
	for w := range workers {
		from, to := w*len(docs)/workers, (w+1)*len(docs)/workers
		wg.Go(func() { shares[w] = count(docs[from:to], from) })
	}
	wg.Wait()
	ids := map[string]int32{}
	var terms []string
	lengths := make([]int, len(docs))
	total := 0
	globals := make([][]int32, len(shares)) // per share: local id -> id
	var df []int32
	for s, sh := range shares {
		global := make([]int32, len(sh.terms))
		for local, t := range sh.terms {
			id, ok := ids[t]
			if !ok {
				id = int32(len(terms))
				ids[t] = id
				terms = append(terms, t)
				df = append(df, 0)
			}
			global[local] = id
		}
		for _, ps := range sh.docs {
			for _, p := range ps {
				df[global[p.doc]]++
			}
		}
		globals[s] = global
	}
	// One allocation for every posting, cut into each term's list.
	postings := make([][]posting, len(terms))
	all := make([]posting, 0, func() (n int) {
		for _, c := range df {
			n += int(c)
		}
		return n
	}())
	for id, c := range df {
		postings[id] = all[len(all) : len(all) : len(all)+int(c)]
		all = all[:len(all)+int(c)]
	}
	for s, sh := range shares {
		global := globals[s]
		for i, ps := range sh.docs {
			d := sh.first + i
			n := 0
			for _, p := range ps {
				g := global[p.doc]
				postings[g] = append(postings[g], posting{doc: int32(d), title: p.title, body: p.body})
				n += int(p.title)*opts.TitleWeight + int(p.body)
			}
			lengths[d] = n
			total += n
		}
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

	entry := entryFile{Version: 1, Docs: len(docs), AverageLength: float64(total) / float64(max(1, len(docs))), TableDocs: opts.TableDocs}
	order := make([]int32, len(terms))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(terms[a], terms[b]) })
	var shard []int32 // term ids, in order
	size := 0
	flush := func() {
		if len(shard) > 0 {
			entry.Shards = append(entry.Shards, [2]string{terms[shard[0]], addBytes("s/", encodeShard(shard, terms, postings, lengths, opts.TitleWeight))})
		}
		shard, size = shard[:0], 0
	}
	for _, id := range order {
		t := terms[id]
		shard = append(shard, id)
		size += len(t) + 4 + 8*len(postings[id])
		if size >= 2*opts.ShardBytes || size >= opts.ShardBytes/2 && cutAfter(t) {
			flush()
		}
	}
	flush()

	sections := map[string]int{}
	years := map[int]bool{}
	var meta metaFile
	for start := 0; start < len(docs); start += opts.TableDocs {
		var table []string
		for _, doc := range docs[start:min(len(docs), start+opts.TableDocs)] {
			table = append(table, strings.TrimSuffix(strings.TrimPrefix(add("f/", fragmentFile{
				URL: doc.URL, Title: doc.Title, Date: doc.Date.Format(time.DateOnly), Section: doc.Section,
				Text: clip(doc.Text, opts.ExcerptRunes),
			}), "f/"), ".json"))
			s := -1
			if doc.Section != "" {
				i, ok := sections[doc.Section]
				if !ok {
					i = len(entry.Sections)
					sections[doc.Section] = i
					entry.Sections = append(entry.Sections, doc.Section)
				}
				s = i
			}
			meta.Sections = append(meta.Sections, s)
			meta.Years = append(meta.Years, doc.Date.Year())
			years[doc.Date.Year()] = true
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

// encodeShard writes the JSON of a shard of the terms ids: as shardFile
// would be marshalled, without its reflection (a large site's shards
// hold millions of numbers).
func encodeShard(ids []int32, terms []string, postings [][]posting, lengths []int, titleWeight int) []byte {
	b := []byte(`{"t":[`)
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
			b = strconv.AppendInt(b, int64(int(p.title)*titleWeight+int(p.body)), 10)
			b = append(b, ',')
			b = strconv.AppendInt(b, int64(lengths[p.doc]), 10)
			prev = p.doc
		}
		b = append(b, ']')
	}
	return append(b, "]}"...)
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
// space.
func clip(text string, n int) string {
	b := make([]byte, 0, min(len(text), 4*n))
	space := false
	for _, r := range text {
		if unicode.IsSpace(r) {
			space = len(b) > 0
			continue
		}
		if n == 0 {
			break
		}
		if space {
			b = append(b, ' ')
			if n--; n == 0 {
				break
			}
			space = false
		}
		b = utf8.AppendRune(b, r)
		n--
	}
	return string(b)
}
