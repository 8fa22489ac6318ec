package site_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/bulletin-ssg/bulletin/internal/diag/diagtest"
	"github.com/bulletin-ssg/bulletin/internal/site"
)

// articles is a site of n articles in one section.
func articles(n int) map[string]string {
	files := map[string]string{"_index.md": doc("title: News", "baseURL: https://news.example.com/")}
	for i := range n {
		files[fmt.Sprintf("news/a%05d.md", i)] = article(fmt.Sprintf("Article %d", i), fmt.Sprintf("2024-01-01T%02d:%02d:00Z", i/60%24, i%60))
	}
	return files
}

// checkParts checks that the parts hold every page of the sitemap once,
// in order, none past the limits.
func checkParts(t *testing.T, s *site.Site, urls, bytes int) {
	t.Helper()
	var joined []*site.Page
	for i, part := range s.SitemapParts() {
		if len(part) == 0 || len(part) > urls {
			t.Errorf("part %d has %d pages (limit %d)", i, len(part), urls)
		}
		size := 512
		for _, p := range part {
			size += site.SitemapEntryBound(p)
		}
		if size > bytes && len(part) > 1 {
			t.Errorf("part %d may take %d bytes (limit %d)", i, size, bytes)
		}
		joined = append(joined, part...)
	}
	if !slices.Equal(joined, s.SitemapPages()) {
		t.Errorf("the parts hold %d pages, the sitemap lists %d", len(joined), len(s.SitemapPages()))
	}
}

func TestSitemapSplit(t *testing.T) {
	for _, tc := range []struct {
		name        string
		n           int
		urls, bytes int
		parts       int
	}{
		{"under both", 5, 100, 1 << 20, 1},
		{"by count", 25, 10, 1 << 20, 3},
		{"at the count", 15, 20, 1 << 20, 1},
		{"by size", 25, 100, 4096, 0}, // as many as the sizes need
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer site.SetSitemapLimits(tc.urls, tc.bytes)()
			s := newSite(t, articles(tc.n), site.Options{})
			pages := len(s.SitemapPages())
			parts := len(s.SitemapParts())
			switch {
			case tc.name == "at the count" && pages != 20:
				t.Fatalf("fixture has %d sitemap pages, want 20", pages)
			case tc.parts == 0 && parts < 2:
				t.Errorf("%d pages in %d part(s): the size limit split nothing", pages, parts)
			case tc.parts > 0 && parts != tc.parts:
				t.Errorf("%d pages in %d parts, want %d", pages, parts, tc.parts)
			}
			checkParts(t, s, tc.urls, tc.bytes)
		})
	}
}

// TestSitemapJustOverTheLimit builds a site of 50,001 sitemap URLs, one
// more than a sitemap file may list: it becomes two files.
func TestSitemapJustOverTheLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("50,001 pages")
	}
	extra := len(newSite(t, articles(1), site.Options{}).SitemapPages()) - 1 // home, section, lists
	s := newSite(t, articles(site.MaxSitemapURLs+1-extra), site.Options{})
	if n := len(s.SitemapPages()); n != site.MaxSitemapURLs+1 {
		t.Fatalf("%d sitemap URLs, want %d", n, site.MaxSitemapURLs+1)
	}
	parts := s.SitemapParts()
	if len(parts) != 2 || len(parts[0]) != site.MaxSitemapURLs || len(parts[1]) != 1 {
		t.Fatalf("parts of %d pages: %d", site.MaxSitemapURLs+1, len(parts))
	}
	checkParts(t, s, site.MaxSitemapURLs, site.MaxSitemapBytes)
}

// A page cannot take the name of a part of a split sitemap.
func TestSitemapPartClaimed(t *testing.T) {
	defer site.SetSitemapLimits(10, 1<<20)()
	files := articles(20)
	files["about.md"] = doc("title: About", "url: /sitemap-2.xml")
	_, err := buildSite(t, files, site.Options{})
	if err == nil || !strings.Contains(diagtest.Slashed(err.Error()), "content/about.md:3:6: output sitemap-2.xml is also written by bulletin's sitemap") {
		t.Errorf("error %v", err)
	}
}
