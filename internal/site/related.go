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
// comparing it with every other article: see relatedSearch.
func (site *Site) buildRelated() {
	count := site.Settings.Related.Count
	if count == 0 || len(site.Articles) < 2 {
		return
	}
	ix := newRelatedIndex(site.Articles, site.Taxonomies, site.Settings.Related.Weights)
	if len(ix.weight) == 0 {
		return
	}
	workers := min(runtime.GOMAXPROCS(0), 1+len(ix.byDate)/256)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			search := newRelatedSearch(ix, count)
			for r := w; r < len(ix.byDate); r += workers {
				search.run(int32(r))
				if len(search.best) == 0 {
					continue
				}
				related := make([]*Page, len(search.best))
				for i, b := range search.best {
					related[i] = ix.byDate[b.rank]
				}
				ix.byDate[r].Related = related
			}
		})
	}
	wg.Wait()
}

// relatedIndex is the taxonomy index of one language's articles, in the
// terms related articles weigh: articles by rank (0 is the newest, as
// SortByDate orders them), terms by id.
type relatedIndex struct {
	byDate   []*Page
	weight   []int32   // term id -> its taxonomy's weight (only terms that weigh are indexed)
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
