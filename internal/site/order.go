package site

import (
	"cmp"
	"slices"
	"sort"
	"strings"
)

// sortList orders a list page's pages: pinned first (by weight among
// themselves), then newest first, then by source path so the order is
// total and two builds agree. The pages are source pages (articles and
// pages, each with its own file), so no two compare equal and an
// unstable sort gives the one order there is; pdqsort also takes the
// usual input (source files in date order, oldest first) in linear time.
func sortList(pages []*Page) {
	slices.SortFunc(pages, func(a, b *Page) int {
		if a.Pinned != b.Pinned {
			if a.Pinned {
				return -1
			}
			return 1
		}
		if a.Pinned && a.Weight != b.Weight {
			return cmp.Compare(a.Weight, b.Weight)
		}
		return CompareNewer(a, b)
	})
}

// SortByDate orders source pages newest first, then by source path (feeds
// too: they go by date alone, pinned or not).
func SortByDate(pages []*Page) { slices.SortFunc(pages, CompareNewer) }

// CompareNewer orders source pages as SortByDate does.
func CompareNewer(a, b *Page) int {
	switch {
	case newer(a, b):
		return -1
	case newer(b, a):
		return 1
	}
	return 0
}

func newer(a, b *Page) bool {
	if !a.Date.Equal(b.Date) {
		return a.Date.After(b.Date)
	}
	return a.File < b.File
}

// linkPrevNext links the articles of one section in time order: Prev is
// the older neighbour, Next the newer.
func linkPrevNext(pages []*Page) {
	chrono := slices.Clone(pages)
	SortByDate(chrono)
	for i, p := range chrono {
		p.Prev, p.Next = nil, nil
		if i+1 < len(chrono) {
			p.Prev = chrono[i+1]
		}
		if i > 0 {
			p.Next = chrono[i-1]
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func lessFold(a, b string) bool {
	la, lb := strings.ToLower(a), strings.ToLower(b)
	if la != lb {
		return la < lb
	}
	return a < b
}
