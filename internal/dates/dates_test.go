package dates

import (
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	sh, err := LoadZone("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	ny, _ := LoadZone("America/New_York")
	plus2 := time.FixedZone("", 2*3600)
	tests := []struct {
		in   any
		zone *time.Location
		want time.Time
		// offset is the zone the time keeps when the text names one, in
		// seconds east of UTC; nil: the site's zone.
		offset *int
	}{
		{"2020-07-30", sh, time.Date(2020, 7, 30, 0, 0, 0, 0, sh), nil},
		{"2020-07-30 16:20", sh, time.Date(2020, 7, 30, 16, 20, 0, 0, sh), nil},
		{"2020-07-30 16:20:05", sh, time.Date(2020, 7, 30, 16, 20, 5, 0, sh), nil},
		{"2020-07-30T16:20:05", sh, time.Date(2020, 7, 30, 16, 20, 5, 0, sh), nil},
		{"2020-07-30T16:20", ny, time.Date(2020, 7, 30, 16, 20, 0, 0, ny), nil},
		{"2020-07-30 16:20:05.25", sh, time.Date(2020, 7, 30, 16, 20, 5, 250000000, sh), nil},
		{"2020-07-30T16:20:05+08:00", ny, time.Date(2020, 7, 30, 8, 20, 5, 0, time.UTC), offset(8 * 3600)},
		{"2020-07-30T08:20:05Z", sh, time.Date(2020, 7, 30, 8, 20, 5, 0, time.UTC), offset(0)},
		{"2020-07-30 16:20:05-04:00", sh, time.Date(2020, 7, 30, 20, 20, 5, 0, time.UTC), offset(-4 * 3600)},
		{"  2020-07-30 16:20  ", sh, time.Date(2020, 7, 30, 16, 20, 0, 0, sh), nil},
		{time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC), sh, time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC), nil},
		// Jekyll's and Hexo's forms, and offsets written with a space.
		{"2013-05-06 02:12:52 +0200", sh, time.Date(2013, 5, 6, 2, 12, 52, 0, plus2), offset(2 * 3600)},
		{"2013-05-06T02:12:52+02:00", sh, time.Date(2013, 5, 6, 2, 12, 52, 0, plus2), offset(2 * 3600)},
		{"2013-05-06 02:12:52 +02:00", sh, time.Date(2013, 5, 6, 2, 12, 52, 0, plus2), offset(2 * 3600)},
		{"2013-05-06 02:12:52+0200", sh, time.Date(2013, 5, 6, 2, 12, 52, 0, plus2), offset(2 * 3600)},
		{"2013-05-06 02:12 -0530", sh, time.Date(2013, 5, 6, 7, 42, 0, 0, time.UTC), offset(-(5*3600 + 30*60))},
		{"2013-05-06 02:12:52 Z", sh, time.Date(2013, 5, 6, 2, 12, 52, 0, time.UTC), offset(0)},
		{"2013-05-06 23:30:00.5 +0200", ny, time.Date(2013, 5, 6, 21, 30, 0, 500000000, time.UTC), offset(2 * 3600)},
		{"2020/07/30", sh, time.Date(2020, 7, 30, 0, 0, 0, 0, sh), nil},
		{"2020/07/30 16:20", sh, time.Date(2020, 7, 30, 16, 20, 0, 0, sh), nil},
		{"2020/07/30 16:20:05", ny, time.Date(2020, 7, 30, 16, 20, 5, 0, ny), nil},
		{"2020/07/30 16:20:05 +0800", ny, time.Date(2020, 7, 30, 8, 20, 5, 0, time.UTC), offset(8 * 3600)},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in, tt.zone)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if !got.Equal(tt.want) {
			t.Errorf("Parse(%q) = %v, want %v", tt.in, got, tt.want)
		}
		if _, ok := tt.in.(string); !ok {
			continue
		}
		if tt.offset == nil && got.Location() != tt.zone {
			t.Errorf("Parse(%q) zone = %v, want %v", tt.in, got.Location(), tt.zone)
		}
		if _, off := got.Zone(); tt.offset != nil && off != *tt.offset {
			t.Errorf("Parse(%q) offset = %d, want %d (the zone as written)", tt.in, off, *tt.offset)
		}
	}
}

func offset(seconds int) *int { return &seconds }

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in   any
		want string
	}{
		{"2020-13-01", `date "2020-13-01": month out of range`},
		{"2020-02-30 10:00", `date "2020-02-30 10:00": day out of range`},
		{"2020-07-30 25:00", `date "2020-07-30 25:00": hour out of range`},
		{"30/07/2020", `date "30/07/2020": want 2020-07-30`},
		{"yesterday", `date "yesterday": want`},
		{"", "date is empty"},
		{nil, "date is empty"},
		{int64(2020), "date 2020: want a date"},
		{"2020-07-30T16:20:05+25:00", `date "2020-07-30T16:20:05+25:00": zone offset +25:00 out of range`},
		{"2020-07-30 16:20 +8", `date "2020-07-30 16:20 +8": zone "+8": want an offset such as +08:00`},
		{"2020-07-30 16:20 +08:0:0", `zone "+08:0:0"`},
		{"2020-07-30 +0800", `date "2020-07-30 +0800": want 2020-07-30`},
		{"2020/13/30", `date "2020/13/30": month out of range`},
		{"2020/7/30", `date "2020/7/30": want 2020-07-30`},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in, time.UTC)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%v) err = %v, want it to contain %q", tt.in, err, tt.want)
		}
	}
}

func TestLoadZone(t *testing.T) {
	if _, err := LoadZone("Mars/Olympus"); err == nil {
		t.Error("unknown zone loaded")
	}
	if z, _ := LoadZone(""); z != time.UTC {
		t.Error(`"" should be UTC`)
	}
}

func FuzzParseString(f *testing.F) {
	for _, s := range []string{"2020-07-30", "2020-07-30 16:20", "2020-07-30T16:20:05+08:00", "2020-07-30 16:20:05.1", "x",
		"2013-05-06 02:12:52 +0200", "2013-05-06 02:12:52 +02:00", "2013-05-06 02:12:52 Z", "2020/07/30 16:20", "2020/07/30 16:20:05"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseString(s, time.UTC)
		// Only a time written in the first day of year 1, or its eve in
		// year 0 with an offset west of UTC, is the zero time.
		if err == nil && got.IsZero() && !strings.HasPrefix(strings.TrimSpace(s), "000") {
			t.Fatalf("%q parsed as the zero time", s)
		}
	})
}
