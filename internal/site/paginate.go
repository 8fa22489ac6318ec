package site

import "strconv"

// Paginator is one page of a list, as templates see .Paginator.
type Paginator struct {
	Pages      []*Page
	PageNumber int
	TotalPages int
	URL        string // URL of this page of the list
	HasPrev    bool
	Prev       string // URL of the newer page, "" on the first
	HasNext    bool
	Next       string // URL of the older page, "" on the last
	First      string
	Last       string
	Term       *Term  // term pages
	Path       string // site path of this page of the list
}

// OutputFile is this page of the list's file relative to the output folder.
func (p *Paginator) OutputFile() string { return outputFile(p.Path) }

// paginate splits a list page into pages of the site's size: page 1 at
// the list's own path, page N at "<path>page/N/". An empty list still has
// one page.
func (site *Site) paginate(list *Page) []*Paginator {
	per := site.Settings.Paginate
	total := max(1, (len(list.Pages)+per-1)/per)
	pathOf := func(n int) string {
		if n == 1 {
			return list.Path
		}
		return list.Path + "page/" + strconv.Itoa(n) + "/"
	}
	// Each page's path and URL once: every pager links to its
	// neighbours and to both ends.
	paths := make([]string, total+1)
	urls := make([]string, total+1)
	for n := 1; n <= total; n++ {
		paths[n] = pathOf(n)
		urls[n] = site.relURL(paths[n])
	}
	pagers := make([]*Paginator, total)
	for i := range pagers {
		n := i + 1
		lo, hi := i*per, min((i+1)*per, len(list.Pages))
		pg := &Paginator{
			Pages: list.Pages[lo:hi], PageNumber: n, TotalPages: total,
			HasPrev: n > 1, HasNext: n < total, Term: list.Term, Path: paths[n],
			URL: urls[n], First: urls[1], Last: urls[total],
		}
		if pg.HasPrev {
			pg.Prev = urls[n-1]
		}
		if pg.HasNext {
			pg.Next = urls[n+1]
		}
		pagers[i] = pg
	}
	return pagers
}
