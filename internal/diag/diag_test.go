package diag

import (
	"errors"
	"path/filepath"
	"testing"
)

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		err  *Error
		want string
	}{
		{At("content/news/a.md", 3, 7, "date %q: month out of range", "2020-13-01"), filepath.FromSlash("content/news/a.md") + `:3:7: date "2020-13-01": month out of range`},
		{At("content/a.md", 3, 0, "x"), filepath.FromSlash("content/a.md") + ":3: x"},
		{At("content/a.md", 0, 0, "x"), filepath.FromSlash("content/a.md") + ": x"},
		{At("", 0, 0, "x"), "x"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

func TestSortedFlattensAndOrders(t *testing.T) {
	err := Sorted([]error{
		errors.Join(At("b.md", 1, 1, "b"), At("a.md", 9, 1, "late")),
		At("a.md", 2, 1, "early"),
	})
	got := Flatten(err)
	want := []string{"a.md:2:1: early", "a.md:9:1: late", "b.md:1:1: b"}
	if len(got) != len(want) {
		t.Fatalf("got %d errors, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].Error() != want[i] {
			t.Errorf("[%d] = %q, want %q", i, got[i], want[i])
		}
	}
	if Sorted(nil) != nil {
		t.Error("Sorted(nil) should be nil")
	}
}
