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
	tests := []struct {
		in   any
		zone *time.Location
		want time.Time
	}{
		{"2020-07-30", sh, time.Date(2020, 7, 30, 0, 0, 0, 0, sh)},
		{"2020-07-30 16:20", sh, time.Date(2020, 7, 30, 16, 20, 0, 0, sh)},
		{"2020-07-30 16:20:05", sh, time.Date(2020, 7, 30, 16, 20, 5, 0, sh)},
		{"2020-07-30T16:20:05", sh, time.Date(2020, 7, 30, 16, 20, 5, 0, sh)},
		{"2020-07-30T16:20", ny, time.Date(2020, 7, 30, 16, 20, 0, 0, ny)},
		{"2020-07-30 16:20:05.25", sh, time.Date(2020, 7, 30, 16, 20, 5, 250000000, sh)},
		{"2020-07-30T16:20:05+08:00", ny, time.Date(2020, 7, 30, 8, 20, 5, 0, time.UTC)},
		{"2020-07-30T08:20:05Z", sh, time.Date(2020, 7, 30, 8, 20, 5, 0, time.UTC)},
		{"2020-07-30 16:20:05-04:00", sh, time.Date(2020, 7, 30, 20, 20, 5, 0, time.UTC)},
		{"  2020-07-30 16:20  ", sh, time.Date(2020, 7, 30, 16, 20, 0, 0, sh)},
		{time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC), sh, time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)},
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
		if s, ok := tt.in.(string); ok && !hasZone(strings.TrimSpace(s)) && got.Location() != tt.zone {
			t.Errorf("Parse(%q) zone = %v, want %v", tt.in, got.Location(), tt.zone)
		}
	}
}

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
		{"2020-07-30T16:20:05+25:00", `date "2020-07-30T16:20:05+25:00"`},
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
	for _, s := range []string{"2020-07-30", "2020-07-30 16:20", "2020-07-30T16:20:05+08:00", "2020-07-30 16:20:05.1", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseString(s, time.UTC)
		if err == nil && got.IsZero() && !strings.HasPrefix(strings.TrimSpace(s), "0001-01-01") {
			t.Fatalf("%q parsed as the zero time", s)
		}
	})
}
