// Package dates parses the times authors write in front matter.
//
// Accepted forms: "2020-07-30", "2020-07-30 16:20",
// "2020-07-30 16:20:05", and RFC 3339 ("2020-07-30T16:20:05+08:00"); a "T"
// may stand for the space, fractional seconds are allowed. A time written
// without a zone is in the site's zone. Zone data is embedded in the
// binary, so "Asia/Shanghai" loads on a machine without tzdata.
package dates

import (
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // zones load on machines without /usr/share/zoneinfo
)

const wantForms = "want 2020-07-30, 2020-07-30 16:20, 2020-07-30 16:20:05 or RFC 3339"

var zoneless = []string{
	"2006-01-02",
	"2006-01-02 15:04",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04",
	"2006-01-02T15:04:05",
}

// Parse reads a front-matter date. v is a string, or a time.Time that a
// decoder already read with its own zone (a TOML offset date-time).
func Parse(v any, zone *time.Location) (time.Time, error) {
	switch v := v.(type) {
	case time.Time:
		return v, nil
	case string:
		return ParseString(v, zone)
	case nil:
		return time.Time{}, fmt.Errorf("date is empty")
	default:
		return time.Time{}, fmt.Errorf("date %v: want a date such as 2020-07-30 16:20", v)
	}
}

// ParseString parses s in one of the accepted forms.
func ParseString(s string, zone *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, fmt.Errorf("date is empty")
	}
	if hasZone(s) {
		t, err := time.Parse(time.RFC3339Nano, strings.Replace(s, " ", "T", 1))
		if err != nil {
			return time.Time{}, describe(s, err)
		}
		return t, nil
	}
	layout := ""
	body := s
	// Fractional seconds: accept them on the longest forms.
	if i := strings.IndexByte(s, '.'); i > 0 {
		body = s[:i]
	}
	for _, l := range zoneless {
		if len(l) == len(body) && l[10:min(11, len(l))] == body[10:min(11, len(body))] {
			layout = l
			if body != s {
				layout += ".999999999"
			}
			break
		}
	}
	if layout == "" {
		return time.Time{}, fmt.Errorf("date %q: %s", s, wantForms)
	}
	t, err := time.ParseInLocation(layout, s, zone)
	if err != nil {
		return time.Time{}, describe(s, err)
	}
	return t, nil
}

// hasZone reports whether s ends in Z or a ±hh:mm offset after its time.
func hasZone(s string) bool {
	if len(s) <= 10 {
		return false
	}
	rest := s[10:]
	return strings.HasSuffix(rest, "Z") || strings.HasSuffix(rest, "z") ||
		strings.ContainsAny(rest, "+") || strings.Count(rest, "-") > 0
}

// describe turns time's parse error into the words an author can act on.
func describe(s string, err error) error {
	if pe, ok := err.(*time.ParseError); ok && pe.Message != "" {
		return fmt.Errorf("date %q: %s", s, strings.TrimPrefix(pe.Message, ": "))
	}
	return fmt.Errorf("date %q: %s", s, wantForms)
}

// LoadZone loads an IANA zone name; "" means UTC.
func LoadZone(name string) (*time.Location, error) {
	if name == "" {
		return time.UTC, nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("timezone %q: unknown zone (use an IANA name such as Asia/Shanghai)", name)
	}
	return loc, nil
}
