package scratch

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var errBusy = errors.New("busy")

// TestRetryInUseLoop: a file in use is tried again with growing pauses
// until it is free or the patience is spent; any other error is returned
// at once.
func TestRetryInUseLoop(t *testing.T) {
	for _, tc := range []struct {
		name      string
		failures  int   // op fails this many times, then succeeds
		fail      error // with this error
		wantCalls int
		wantErr   string
	}{
		{"free at once", 0, errBusy, 1, ""},
		{"free after three tries", 3, errBusy, 4, ""},
		{"another error is not retried", 5, errors.New("disk full"), 1, "disk full"},
		{"in use for ever", 1 << 30, errBusy, 0, "another program has it open"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			calls := 0
			var slept time.Duration
			op := func() error {
				calls++
				if calls <= tc.failures {
					return tc.fail
				}
				return nil
			}
			err := retryInUse(op, func(err error) bool { return err == errBusy },
				func(d time.Duration) { slept += d })
			if tc.wantErr == "" && err != nil || tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("err = %v, want %q", err, tc.wantErr)
			}
			if tc.wantCalls > 0 && calls != tc.wantCalls {
				t.Errorf("op ran %d times, want %d", calls, tc.wantCalls)
			}
			if tc.failures > 1000 {
				if !errors.Is(err, errBusy) {
					t.Errorf("%v does not wrap the last error", err)
				}
				if slept < inUsePatience || slept > inUsePatience+time.Second {
					t.Errorf("gave up after %v of pauses, want about %v", slept, inUsePatience)
				}
			}
		})
	}
}

// TestReplaceOverOpenFile: replacing a file another program has open
// works (at once where the system allows it, after retries on Windows
// once the program lets go of it).
func TestReplaceOverOpenFile(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "page.html")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	reader, err := os.Open(target)
	if err != nil {
		t.Fatal(err)
	}
	go func() { time.Sleep(100 * time.Millisecond); reader.Close() }()
	if err := (Replace{Prefix: ".bulletin-"}).WriteFile(Dir(dir), "page.html", []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(target); string(b) != "new" {
		t.Errorf("page.html holds %q", b)
	}
}
