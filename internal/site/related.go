package site

import (
	"runtime"
	"slices"
	"sync"
)

// relatedWindow bounds what a term brings: an article is related to
// another through a term they share only when it is among the newest
// relatedWindow articles of that term. A term of a few hundred articles
// counts whole; one that thousands share offers its newest. The bound
// keeps the work per article the same on a site of fifty thousand
// articles as on one of a thousand, whatever the tags.
var relatedWindow = 100

// buildRelated sets every article's Related: up to related.count other
// articles of its language, those sharing the heaviest terms (each shared
// term weighs its taxonomy's related.weights) first, newer first among
// equals. Each article's list is found on the taxonomy index, not by
// comparing it with every other article: see relatedSearch. When prev,
// the previous graph's, was found from the same articles, terms and
// settings, its lists are taken as they are: most saves in a watched
// session change no tag.
func (site *Site) buildRelated(prev *relatedMemo) {
	settings := site.Settings.Related
	if settings.Count == 0 || len(site.Articles) < 2 {
		return
	}
	ix := newRelatedIndex(site.Articles, site.Taxonomies, settings.Weights)
	if len(ix.weight) == 0 {
		return
	}
	memo := ix.memo(settings.Count)
	if prev.sameInputs(memo) {
		memo.found, memo.foundAt = prev.found, prev.foundAt
	} else {
		memo.search(ix, settings.Count)
	}
	site.related = memo
	for r, a := range ix.byDate {
		found := memo.found[memo.foundAt[r]:memo.foundAt[r+1]]
		if len(found) == 0 {
			continue
		}
		a.Related = make([]*Page, len(found))
		for i, rank := range found {
			a.Related[i] = ix.byDate[rank]
		}
	}
}

// relatedMemo is what one graph's related articles were found from, and
// what was found, by rank. It holds no page, so a graph that keeps its
// memo keeps no other graph.
type relatedMemo struct {
	count          int
	weights        []int32  // term id -> weight
	files          []string // rank -> the article's source
	termKeys       []string // term id -> its taxonomy and name
	terms, termsAt []int32  // as relatedIndex has them
	found, foundAt []int32  // rank -> the ranks of its related articles, best first
}

func (ix *relatedIndex) memo(count int) *relatedMemo {
	m := &relatedMemo{count: count, weights: ix.weight, terms: ix.terms, termsAt: ix.termsAt,
		files: make([]string, len(ix.byDate)), termKeys: ix.termKeys}
	for r, a := range ix.byDate {
		m.files[r] = a.File
	}
	return m
}

// sameInputs reports whether m was found from what next is to be.
func (m *relatedMemo) sameInputs(next *relatedMemo) bool {
	return m != nil && m.count == next.count && slices.Equal(m.weights, next.weights) &&
		slices.Equal(m.files, next.files) && slices.Equal(m.termKeys, next.termKeys) &&
		slices.Equal(m.terms, next.terms) && slices.Equal(m.termsAt, next.termsAt)
}

// search finds every article's related articles, on every core.
func (m *relatedMemo) search(ix *relatedIndex, count int) {
	found := make([][]int32, len(ix.byDate))
	workers := min(runtime.GOMAXPROCS(0), 1+len(ix.byDate)/256)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			search := newRelatedSearch(ix, count)
			for r := w; r < len(ix.byDate); r += workers {
				search.run(int32(r))
				ranks := make([]int32, len(search.best))
				for i, b := range search.best {
					ranks[i] = b.rank
				}
				found[r] = ranks
			}
		})
	}
	wg.Wait()
	m.foundAt = make([]int32, 0, len(found)+1)
	for _, ranks := range found {
		m.foundAt = append(m.foundAt, int32(len(m.found)))
		m.found = append(m.found, ranks...)
	}
	m.foundAt = append(m.foundAt, int32(len(m.found)))
}

// relatedIndex is the taxonomy index of one language's articles, in the
// terms related articles weigh: articles by rank (0 is the newest, as
// SortByDate orders them), terms by id.
type relatedIndex struct {
	byDate   []*Page
	weight   []int32   // term id -> its taxonomy's weight (only terms that weigh are indexed)
	termKeys []string  // term id -> its taxonomy and name
	postings [][]int32 // term id -> the ranks of its newest articles, up to relatedWindow
	terms    []int32   // the term ids of every article, rank after rank
	termsAt  []int32   // rank -> where its term ids start in terms; one more at the end
}

func newRelatedIndex(articles []*Page, taxonomies map[string][]*Term, weights map[string]int) *relatedIndex {
	ix := &relatedIndex{byDate: slices.Clone(articles)}
	SortByDate(ix.byDate)
	ids := map[*Term]int32{}
	for _, tax := range Taxonomies {
		w := weights[tax]
		if w == 0 {
			continue
		}
		for _, t := range taxonomies[tax] {
			ids[t] = int32(len(ix.weight))
			ix.weight = append(ix.weight, int32(w))
			ix.termKeys = append(ix.termKeys, tax+"\x00"+t.Name)
		}
	}
	ix.postings = make([][]int32, len(ix.weight))
	ix.termsAt = make([]int32, 0, len(ix.byDate)+1)
	for r, a := range ix.byDate {
		ix.termsAt = append(ix.termsAt, int32(len(ix.terms)))
		for _, tax := range Taxonomies {
			for _, t := range *a.termsIn(tax) {
				if id, ok := ids[t]; ok {
					ix.terms = append(ix.terms, id)
					if len(ix.postings[id]) < relatedWindow {
						ix.postings[id] = append(ix.postings[id], int32(r))
					}
				}
			}
		}
	}
	ix.termsAt = append(ix.termsAt, int32(len(ix.terms)))
	return ix
}

// termsOf returns the ids of the article of rank r's terms.
func (ix *relatedIndex) termsOf(r int32) []int32 { return ix.terms[ix.termsAt[r]:ix.termsAt[r+1]] }

// relatedSearch finds one article's related articles at a time; a worker
// keeps one and reuses its memory. It adds up, for every article on the
// lists of the searched article's terms, the weights of the lists it is
// on, then keeps the count best: the work is the length of those lists,
// never more than relatedWindow each.
type relatedSearch struct {
	ix      *relatedIndex
	count   int
	score   []int32 // rank -> its score so far; zero again after each search
	touched []int32 // the ranks scored
	best    []scoredRank
}

type scoredRank struct{ score, rank int32 }

// beats orders the best first: the higher score, then the newer.
func (c scoredRank) beats(d scoredRank) bool {
	return c.score > d.score || c.score == d.score && c.rank < d.rank
}

func newRelatedSearch(ix *relatedIndex, count int) *relatedSearch {
	return &relatedSearch{ix: ix, count: count, score: make([]int32, len(ix.byDate))}
}

// run finds the related articles of the article of rank r: s.best,
// best first.
func (s *relatedSearch) run(r int32) {
	s.touched = s.touched[:0]
	for _, t := range s.ix.termsOf(r) {
		w := s.ix.weight[t]
		for _, b := range s.ix.postings[t] {
			if s.score[b] == 0 {
				s.touched = append(s.touched, b)
			}
			s.score[b] += w
		}
	}
	s.best = s.best[:0]
	for _, b := range s.touched {
		if b != r {
			s.offer(scoredRank{score: s.score[b], rank: b})
		}
		s.score[b] = 0
	}
}

// offer keeps c among the best when there is room or it beats the
// weakest held.
func (s *relatedSearch) offer(c scoredRank) {
	if len(s.best) == s.count {
		if !c.beats(s.best[len(s.best)-1]) {
			return
		}
		s.best = s.best[:len(s.best)-1]
	}
	i := len(s.best)
	for i > 0 && c.beats(s.best[i-1]) {
		i--
	}
	s.best = slices.Insert(s.best, i, c)
}
