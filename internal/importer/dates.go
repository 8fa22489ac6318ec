package importer

import (
	"fmt"
	"strings"
	"time"
)

// sourceLayouts are the date forms the generators write: RFC 3339,
// Jekyll's "2006-01-02 15:04:05 -0700", Hexo's moment.js forms with
// slashes, each with or without seconds or a time.
var sourceLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 -07:00",
	"2006-01-02 15:04 -0700",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02 15:04:05",
	"2006/01/02 15:04",
	"2006/01/02",
	"2006-1-2 15:04:05",
	"2006-1-2 15:04",
	"2006-1-2",
	"2006/1/2 15:04:05",
	"2006/1/2 15:04",
	"2006/1/2",
}

// Date is a source date read: the instant, and whether it was written
// with its own offset.
type Date struct {
	T       time.Time
	Offset  bool // written with an offset or Z
	HasTime bool // written with a time of day
}

// ParseDate reads a date as an old site wrote it. One without an offset is
// in zone.
func ParseDate(v any, zone *time.Location) (Date, error) {
	switch v := v.(type) {
	case time.Time:
		return Date{T: v, Offset: true, HasTime: true}, nil
	case string:
		s := strings.TrimSpace(v)
		for _, l := range sourceLayouts {
			withZone := strings.Contains(l, "0700") || strings.Contains(l, "07:00")
			var t time.Time
			var err error
			if withZone {
				t, err = time.Parse(l, s)
			} else {
				t, err = time.ParseInLocation(l, s, zone)
			}
			if err == nil {
				return Date{T: t, Offset: withZone, HasTime: strings.Contains(l, "15")}, nil
			}
		}
		return Date{}, fmt.Errorf("date %q: not a date this importer reads (want a form such as 2020-07-30 16:20:05)", s)
	case nil:
		return Date{}, fmt.Errorf("date is empty")
	}
	return Date{}, fmt.Errorf("date %v: not a date", v)
}

// Format writes d as bulletin reads it, keeping what it means: a date
// with its own offset keeps that offset (RFC 3339); one without is
// written without a zone when its zone is the site's, else with the
// offset its zone had then.
func (d Date) Format(siteZone *time.Location) string {
	if !d.Offset && sameZone(d.T.Location(), siteZone) {
		if !d.HasTime {
			return d.T.Format("2006-01-02")
		}
		if d.T.Nanosecond() != 0 {
			return d.T.Format("2006-01-02 15:04:05.999999999")
		}
		return d.T.Format("2006-01-02 15:04:05")
	}
	return d.T.Format(time.RFC3339Nano)
}

func sameZone(a, b *time.Location) bool {
	return a == b || a.String() == b.String()
}
