package site

import (
	"time"
)

// ArchiveYear is one year of the archive, newest first.
type ArchiveYear struct {
	Year   int
	Date   time.Time // first day of the year, in the site zone
	Months []ArchiveMonth
}

// ArchiveMonth is one month of a year, newest first.
type ArchiveMonth struct {
	Month int
	Date  time.Time // first day of the month, in the site zone
	Pages []*Page
}

// buildArchive groups every article by year and month, in the site zone.
func (site *Site) buildArchive() {
	byDate := append([]*Page(nil), site.Articles...)
	SortByDate(byDate)
	zone := site.Settings.Zone
	var years []ArchiveYear
	for _, p := range byDate {
		d := p.Date.In(zone)
		if len(years) == 0 || years[len(years)-1].Year != d.Year() {
			years = append(years, ArchiveYear{Year: d.Year(), Date: time.Date(d.Year(), 1, 1, 0, 0, 0, 0, zone)})
		}
		y := &years[len(years)-1]
		if len(y.Months) == 0 || y.Months[len(y.Months)-1].Month != int(d.Month()) {
			y.Months = append(y.Months, ArchiveMonth{Month: int(d.Month()), Date: time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, zone)})
		}
		m := &y.Months[len(y.Months)-1]
		m.Pages = append(m.Pages, p)
	}
	site.ArchivePage = site.generated(KindArchive, "/archives/", site.word("archives"))
	site.ArchivePage.Archive = years
	site.ArchivePage.Parent, site.ArchivePage.Ancestors = site.Home, []*Page{site.Home}
	site.ArchivePage.Pages = byDate
}
