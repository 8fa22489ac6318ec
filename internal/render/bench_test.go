package render_test

import (
	"testing"

	"github.com/bulletin-ssg/bulletin/internal/site"
)

// BenchmarkPages renders an article page and a list page with the
// built-in theme: the template side of a build.
func BenchmarkPages(b *testing.B) {
	ts := newSite(b, newsSources("zh-CN", "https://news.example.com/", ""))
	th := ts.theme(b, nil)
	var article, list *site.Page
	for _, p := range ts.Articles {
		if p.Prev != nil && p.Next != nil {
			article = p
		}
	}
	list = ts.Home
	for _, tc := range []struct {
		name  string
		page  *site.Page
		pager *site.Paginator
	}{{"article", article, nil}, {"home", list, list.Pagers[0]}} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := pageBytes(th, ts.Site, tc.page, tc.pager, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
