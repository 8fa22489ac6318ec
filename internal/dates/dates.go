// Package dates parses the times authors write in front matter.
//
// Accepted forms: "2020-07-30", "2020-07-30 16:20", "2020-07-30
// 16:20:05", the same with slashes ("2020/07/30 16:20", as Hexo writes
// them), and RFC 3339 ("2020-07-30T16:20:05+08:00"); a "T" may stand for
// the space, fractional seconds are allowed. A time may end in a zone:
// "Z", "+08:00" or "+0800", with or without a space before it (Jekyll
// writes "2013-05-06 02:12:52 +0200"). A time written with a zone keeps
// that offset, so its calendar day is the one written; one without is in
// the site's zone. Zone data is embedded in the binary, so
// "Asia/Shanghai" loads on a machine without tzdata. A text in none of
// these forms is an error naming the forms it accepts, never a guess.
package dates

import (
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // zones load on machines without /usr/share/zoneinfo
)

const wantForms = "want 2020-07-30, 2020-07-30 16:20 or 2020-07-30 16:20:05, or one of them followed by a zone such as +08:00"

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
	body, offset, zoned, err := splitZone(s)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q: %v", s, err)
	}
	if len(body) >= 10 && body[4] == '/' && body[7] == '/' {
		body = body[:4] + "-" + body[5:7] + "-" + body[8:]
	}
	layout := ""
	clock := body
	// Fractional seconds: accept them on the longest forms.
	if i := strings.IndexByte(body, '.'); i > 0 {
		clock = body[:i]
	}
	for _, l := range zoneless {
		if len(l) == len(clock) && l[10:min(11, len(l))] == clock[10:min(11, len(clock))] {
			layout = l
			if clock != body {
				layout += ".999999999"
			}
			break
		}
	}
	if layout == "" || zoned && len(layout) == len("2006-01-02") {
		return time.Time{}, fmt.Errorf("date %q: %s", s, wantForms)
	}
	if zoned {
		zone = time.UTC
	}
	t, err := time.ParseInLocation(layout, body, zone)
	if err != nil {
		return time.Time{}, describe(s, err)
	}
	if zoned && offset != 0 {
		// A zone of its own, whatever the machine's: the same file gives
		// the same time, and the same name of its zone, everywhere.
		t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.FixedZone("", offset))
	}
	return t, nil
}

// splitZone cuts the zone off the end of s: "Z", or an offset "+08:00"
// or "+0800", after the date and with or without a space before it.
// offset is in seconds east of UTC.
func splitZone(s string) (body string, offset int, zoned bool, err error) {
	if len(s) <= 10 {
		return s, 0, false, nil
	}
	if last := s[len(s)-1]; last == 'Z' || last == 'z' {
		return strings.TrimRight(s[:len(s)-1], " "), 0, true, nil
	}
	i := strings.LastIndexAny(s[10:], "+-")
	if i < 0 {
		return s, 0, false, nil
	}
	i += 10
	sign, digits := s[i], strings.Replace(s[i+1:], ":", "", 1)
	if len(digits) != 4 || strings.Trim(digits, "0123456789") != "" || len(s[i+1:]) == 5 && s[i+3] != ':' {
		return "", 0, false, fmt.Errorf("zone %q: want an offset such as +08:00 or +0800", s[i:])
	}
	h := int(digits[0]-'0')*10 + int(digits[1]-'0')
	m := int(digits[2]-'0')*10 + int(digits[3]-'0')
	if h > 23 || m > 59 {
		return "", 0, false, fmt.Errorf("zone offset %s out of range", s[i:])
	}
	offset = (h*60 + m) * 60
	if sign == '-' {
		offset = -offset
	}
	return strings.TrimRight(s[:i], " "), offset, true, nil
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
