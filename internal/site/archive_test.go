package site_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/site"
)

func TestArchive(t *testing.T) {
	tests := []struct {
		name string
		zone string
		want []string // "year", then "  month: files"
	}{
		{
			name: "Shanghai",
			zone: "Asia/Shanghai",
			want: []string{
				"2024",
				"  3: [content/blog/c.md]",
				"  1: [content/news/b.md content/news/pin.md]",
				"2021",
				"  1: [content/news/eve.md]",
				"2020",
				"  7: [content/news/a.md]",
			},
		},
		{
			// The same instants in New York: eve (2021-01-01 09:00 in
			// Shanghai) is still 2020-12-31, c (2024-03-01 12:00 in
			// Shanghai) is still February 29.
			name: "New York",
			zone: "America/New_York",
			want: []string{
				"2024",
				"  2: [content/blog/c.md]",
				"  1: [content/news/b.md content/news/pin.md]",
				"2020",
				"  12: [content/news/eve.md]",
				"  7: [content/news/a.md]",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(t, map[string]string{
				"_index.md":   doc("title: Site", "timezone: "+tt.zone),
				"news/a.md":   article("A", "2020-07-30T16:20:00+08:00"),
				"news/eve.md": article("Eve", "2020-12-31T20:00:00-05:00"),
				"news/b.md":   article("B", "2024-01-20T12:00:00+08:00"),
				"news/pin.md": article("Pin", "2024-01-10T12:00:00+08:00", "pinned: true"),
				"blog/c.md":   article("C", "2024-03-01T12:00:00+08:00"),
				"about.md":    doc("title: About", "date: 2024-02-01"),
			}, site.Options{})
			ap := s.ArchivePage
			if ap.Kind != site.KindArchive || ap.Path != "/archives/" {
				t.Fatalf("archive page: kind %q path %q", ap.Kind, ap.Path)
			}
			zone, _ := time.LoadLocation(tt.zone)
			var got []string
			for _, y := range ap.Archive {
				got = append(got, fmt.Sprint(y.Year))
				if want := time.Date(y.Year, 1, 1, 0, 0, 0, 0, zone); !y.Date.Equal(want) {
					t.Errorf("%d: Date %v, want %v", y.Year, y.Date, want)
				}
				for _, m := range y.Months {
					got = append(got, fmt.Sprintf("  %d: %v", m.Month, files(m.Pages)))
					if want := time.Date(y.Year, time.Month(m.Month), 1, 0, 0, 0, 0, zone); !m.Date.Equal(want) {
						t.Errorf("%d-%d: Date %v, want %v", y.Year, m.Month, m.Date, want)
					}
				}
			}
			sameStrings(t, "archive", got, tt.want)
			// Pages: every article by date, pinned or not.
			sameStrings(t, "archive pages", files(ap.Pages), []string{
				"content/blog/c.md", "content/news/b.md", "content/news/pin.md", "content/news/eve.md", "content/news/a.md",
			})
		})
	}
}

func TestArchiveEmpty(t *testing.T) {
	s := newSite(t, map[string]string{"about.md": doc("title: About")}, site.Options{})
	if s.ArchivePage == nil || len(s.ArchivePage.Archive) != 0 || len(s.ArchivePage.Pages) != 0 {
		t.Errorf("archive of a site without articles: %+v", s.ArchivePage)
	}
}
