package main

import (
	"slices"
	"strings"
	"testing"
)

// TestSummarize: the median of each category over the runs, and each
// audit that cost points once, with the runs it did.
func TestSummarize(t *testing.T) {
	run := func(score float64, failing ...string) *report {
		c := category{Score: &score}
		audits := map[string]audit{}
		for _, id := range []string{"speed-index", "total-blocking-time", "unweighted"} {
			weight := 1.0
			if id == "unweighted" {
				weight = 0
			}
			c.AuditRefs = append(c.AuditRefs, auditRef{id, weight})
			s := 1.0
			if slices.Contains(failing, id) {
				s = 0.5
			}
			audits[id] = audit{Title: id, Score: &s}
		}
		return &report{Categories: map[string]category{"performance": c}, Audits: audits}
	}
	median, lost := summarize([]*report{run(0.91, "total-blocking-time", "unweighted"), run(1), run(0.97, "speed-index", "total-blocking-time")}, "performance")
	if median != 97 {
		t.Errorf("median %d, want 97", median)
	}
	var got []string
	for _, a := range lost {
		got = append(got, a.id+" "+strings.Repeat("x", a.runs))
	}
	if want := []string{"total-blocking-time xx", "speed-index x"}; !slices.Equal(got, want) {
		t.Errorf("lost %v, want %v", got, want)
	}
}
