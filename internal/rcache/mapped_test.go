package rcache

import (
	"fmt"
	"html/template"
	"math/rand/v2"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/bulletin-ssg/bulletin/internal/markdown"
)

// mappedEntries are entries whose pack spans many pages of memory, so
// that cutting it short leaves some of the mapping readable and some not.
func mappedEntries() map[Key]*Entry {
	want := map[Key]*Entry{}
	for i := range 64 {
		want[Key{byte(i), 7}] = &Entry{
			Result: markdown.Result{
				HTML:     template.HTML(strings.Repeat(fmt.Sprintf("<p>%d</p>", i), 1000)),
				Summary:  template.HTML(fmt.Sprintf("summary %d", i)),
				Headings: []markdown.Heading{{Level: 2, ID: fmt.Sprint("h", i), Text: "H"}},
			},
			Answers: []Answer{{Target: fmt.Sprint(i, ".md"), URL: fmt.Sprint("/", i, "/"), Found: markdown.Published}},
		}
	}
	return want
}

// checkServed asks s for every entry of want, from several goroutines at
// once: each is served exactly as put, or not at all. It returns how
// many were served whole (Get).
func checkServed(t *testing.T, s *Store, want map[Key]*Entry) int {
	t.Helper()
	var mu sync.Mutex
	served := 0
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for k, w := range want {
				if n, ok := s.Notes(k); ok && (n.Summary != w.Result.Summary || !reflect.DeepEqual(n.Answers, w.Answers)) {
					t.Errorf("entry %d: notes served damaged: %+v", k[0], n)
				}
				e, ok := s.Get(k)
				if ok && !reflect.DeepEqual(e, w) {
					t.Errorf("entry %d served damaged", k[0])
				}
				if ok {
					mu.Lock()
					served++
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	return served / 4
}

// TestPackChangedUnderStore: the pack's file cut short, rewritten in
// place or removed after a store mapped it (another program, a user):
// the store neither crashes nor serves an entry other than as it was
// put, and its Commit and the next process's store do not either.
func TestPackChangedUnderStore(t *testing.T) {
	want := mappedEntries()
	for _, c := range []struct {
		name   string
		change func(t *testing.T, path string)
		served func(n int) bool // of len(want) entries
	}{
		{"cut to 100 bytes", func(t *testing.T, path string) {
			if err := os.Truncate(path, 100); err != nil {
				t.Fatal(err)
			}
		}, func(n int) bool { return n == 0 }},
		{"cut in half", func(t *testing.T, path string) {
			info, _ := os.Stat(path)
			if err := os.Truncate(path, info.Size()/2); err != nil {
				t.Fatal(err)
			}
			// The table was copied when read: entries in the half still
			// there are served (checkServed checks them whole), the others
			// fault and are not.
		}, func(n int) bool { return n > 0 && n < len(want) }},
		{"rewritten in place", func(t *testing.T, path string) {
			info, _ := os.Stat(path)
			junk := make([]byte, info.Size())
			for i := range junk {
				junk[i] = byte(rand.N(256))
			}
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if _, err := f.WriteAt(junk, 0); err != nil {
				t.Fatal(err)
			}
		}, func(n int) bool { return n == 0 }},
		{"removed", func(t *testing.T, path string) {
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
		}, func(n int) bool { return n == len(want) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			s := openAs(dir, "v")
			for k, e := range want {
				_ = s.Put(k, e)
			}
			if err := s.Commit(); err != nil {
				t.Fatal(err)
			}
			s = openAs(dir, "v")
			s.load() // the pack is mapped, its table read
			if len(s.old) != len(want) {
				t.Fatalf("%d entries read, want %d", len(s.old), len(want))
			}
			c.change(t, s.packPath())
			if n := checkServed(t, s, want); packMapped && !c.served(n) || !packMapped && n != len(want) {
				t.Errorf("%d of %d entries served", n, len(want))
			}
			// Its Commit carries the entries it was asked for into a new
			// pack (one more makes it write one): none damaged.
			_ = s.Put(Key{200}, &Entry{})
			for k := range 20 {
				_ = s.Put(Key{201, byte(k)}, &Entry{})
			}
			if err := s.Commit(); err != nil {
				t.Fatal(err)
			}
			checkServed(t, openAs(dir, "v"), want)
		})
	}
}

// TestPackCutWhileRead: the pack cut short while goroutines decode its
// entries: each is served as put, or not at all.
func TestPackCutWhileRead(t *testing.T) {
	want := mappedEntries()
	dir := t.TempDir()
	s := openAs(dir, "v")
	for k, e := range want {
		_ = s.Put(k, e)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(s.packPath())
	if err != nil {
		t.Fatal(err)
	}
	for round := range 20 {
		if err := s.Commit(); err != nil { // the pack as it was
			t.Fatal(err)
		}
		s = openAs(dir, "v")
		for k, e := range want {
			_ = s.Put(k, e) // the next Commit writes them all again
		}
		s.load()
		done := make(chan int)
		go func() { done <- checkServed(t, s, want) }()
		if err := os.Truncate(s.packPath(), int64(rand.N(info.Size()))); err != nil {
			t.Fatal(err)
		}
		<-done
		if t.Failed() {
			t.Fatalf("round %d", round)
		}
	}
}
