package site

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/config"
)

// BenchmarkRelated finds the related articles of sites shaped as
// cmd/benchsite's are: each article has one to four of sixty tags and
// one of eight categories. The time per article should not grow with
// the site.
func BenchmarkRelated(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 50_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			site := syntheticSite(n)
			b.ResetTimer()
			for range b.N {
				site.buildRelated(nil)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/article")
		})
	}
}

func syntheticSite(n int) *Site {
	r := rand.New(rand.NewPCG(1, 2))
	settings := &config.Settings{Related: config.DefaultRelated}
	site := &Site{Settings: settings, Taxonomies: map[string][]*Term{}}
	tags := make([]*Term, 60)
	for i := range tags {
		tags[i] = &Term{Name: fmt.Sprint("t", i)}
	}
	cats := make([]*Term, 8)
	for i := range cats {
		cats[i] = &Term{Name: fmt.Sprint("c", i)}
	}
	site.Taxonomies["tags"], site.Taxonomies["categories"] = tags, cats
	start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		a := &Page{File: fmt.Sprintf("content/news/%06d.md", i), Date: start.Add(time.Duration(i) * time.Hour)}
		for len(a.Tags) < 1+i%4 {
			t := tags[r.IntN(len(tags))]
			if !containsTerm(a.Tags, t) {
				a.Tags = append(a.Tags, t)
			}
		}
		a.Categories = []*Term{cats[r.IntN(len(cats))]}
		for _, t := range append(a.Tags, a.Categories...) {
			t.Pages = append(t.Pages, a)
		}
		site.Articles = append(site.Articles, a)
	}
	return site
}

func containsTerm(terms []*Term, t *Term) bool {
	for _, x := range terms {
		if x == t {
			return true
		}
	}
	return false
}
