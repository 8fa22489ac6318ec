package site

import (
	"slices"
	"sort"
	"strings"
)

// sortList orders a list page's pages: pinned first (by weight among
// themselves), then newest first, then by source path so the order is
// total and two builds agree.
func sortList(pages []*Page) {
	sort.SliceStable(pages, func(i, j int) bool {
		a, b := pages[i], pages[j]
		if a.Pinned != b.Pinned {
			return a.Pinned
		}
		if a.Pinned && a.Weight != b.Weight {
			return a.Weight < b.Weight
		}
		return newer(a, b)
	})
}

// sortByDate orders pages newest first, then by source path.
func sortByDate(pages []*Page) {
	sort.SliceStable(pages, func(i, j int) bool { return newer(pages[i], pages[j]) })
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
	sortByDate(chrono)
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
