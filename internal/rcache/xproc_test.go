package rcache

import (
	"fmt"
	"html/template"
	"maps"
	"os"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/bulletin-ssg/bulletin/internal/markdown"
)

// entryFor is the one entry ever put under k in these tests, size bytes
// of HTML long: whichever store put it, a store serves it exactly so or
// not at all.
func entryFor(k Key, size int) *Entry {
	return &Entry{
		Result:  markdown.Result{HTML: template.HTML(strings.Repeat(fmt.Sprintf("%x;", k[:3]), size/7+1)[:size]), Summary: template.HTML(fmt.Sprintf("%x", k))},
		Answers: []Answer{{Target: fmt.Sprintf("%x.md", k[:3]), URL: "/", Found: markdown.Published}},
	}
}

// checkStore asks s for every key of puts (key: its HTML's size): each
// is served as put or not at all. It returns how many were served.
func checkStore(t *testing.T, s *Store, puts map[Key]int) int {
	t.Helper()
	served := 0
	for k, size := range puts {
		if n, ok := s.Notes(k); ok && n.Summary != entryFor(k, size).Result.Summary {
			t.Errorf("entry %x: notes served damaged", k[:3])
		}
		if e, ok := s.Get(k); ok {
			served++
			if !reflect.DeepEqual(e, entryFor(k, size)) {
				t.Errorf("entry %x served damaged", k[:3])
			}
		}
	}
	return served
}

// TestStoresOfTwoProcesses: two stores on one folder (as two bulletins
// would open it: openAs), committing in turn and at once, appending to
// the appendix or writing a new pack, while a third reads: every entry
// any of them, or the next process, serves is exactly as put.
func TestStoresOfTwoProcesses(t *testing.T) {
	dir := t.TempDir()
	var mu sync.Mutex
	puts := map[Key]int{}
	put := func(s *Store, k Key, size int) {
		mu.Lock()
		puts[k] = size
		mu.Unlock()
		if err := s.Put(k, entryFor(k, size)); err != nil {
			t.Error(err)
		}
	}
	s := openAs(dir, "v")
	for i := range 200 {
		put(s, Key{byte(i), 1}, 2000+i)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	snapshot := func() map[Key]int {
		mu.Lock()
		defer mu.Unlock()
		return maps.Clone(puts)
	}
	// build is one process's build: it asks for every entry it knows,
	// puts few (appended) or many (a new pack), and commits.
	build := func(round, who int, many bool, start *sync.WaitGroup) {
		s := openAs(dir, "v")
		if who == 0 {
			if err := s.WriteThrough(); err != nil {
				t.Error(err)
			}
		}
		known := snapshot()
		checkStore(t, s, known)
		n := 3
		if many {
			n = 60
		}
		for i := range n {
			put(s, Key{byte(i), byte(round), byte(2 + who)}, 1000+300*i)
		}
		if start != nil {
			start.Done()
			start.Wait()
		}
		if err := s.Commit(); err != nil {
			t.Error(err)
		}
	}
	for round := range 24 {
		many := round%6 == 5
		if round%2 == 0 { // in turn
			build(round, 0, many, nil)
			build(round, 1, false, nil)
			continue
		}
		var start, done sync.WaitGroup
		start.Add(2)
		for who := range 2 {
			done.Go(func() { build(round, who, many && who == 1, &start) })
		}
		done.Go(func() { checkStore(t, openAs(dir, "v"), snapshot()) })
		done.Wait()
		if t.Failed() {
			t.Fatalf("round %d", round)
		}
	}
	if served := checkStore(t, openAs(dir, "v"), snapshot()); served == 0 {
		t.Error("nothing served at all")
	}
}

// TestConcurrentAppends: two stores appending chunks of megabytes at
// once lose none of them: the appendix's lock keeps chunks whole.
func TestConcurrentAppends(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no lock on the appendix here: interleaved chunks are lost, not served")
	}
	dir := t.TempDir()
	s := openAs(dir, "v")
	base := map[Key]int{}
	for i := range 200 {
		base[Key{byte(i), 1}] = 100
		_ = s.Put(Key{byte(i), 1}, entryFor(Key{byte(i), 1}, 100))
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	big := map[Key]int{}
	for round := range 6 {
		var wg sync.WaitGroup
		for who := range 2 {
			k := Key{byte(round), byte(who), 9}
			big[k] = 3<<20 + round
			wg.Go(func() {
				s := openAs(dir, "v")
				checkStore(t, s, base) // all used: the commit appends
				_ = s.Put(k, entryFor(k, 3<<20+round))
				if err := s.Commit(); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
	}
	if served := checkStore(t, openAs(dir, "v"), big); served != len(big) {
		t.Errorf("%d of %d appended entries served", served, len(big))
	}
	if info, err := os.Stat(s.packPath()); err != nil || info.Size() > 1<<20 {
		t.Errorf("the pack was written anew: %v", err)
	}
}

// TestAppendAfterCutChunk: a chunk a killed bulletin left half written
// at the end of the appendix does not hide the chunks appended after it.
func TestAppendAfterCutChunk(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no lock on the appendix here: a cut chunk is cut off only under it")
	}
	dir := t.TempDir()
	s := openAs(dir, "v")
	keys := map[Key]int{}
	for i := range 64 {
		keys[Key{byte(i), 1}] = 100
		_ = s.Put(Key{byte(i), 1}, entryFor(Key{byte(i), 1}, 100))
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := appendChunk(s.addPath(), "v", 1, nil, map[Key]*entry{{200}: {}}); err != nil {
		t.Fatal(err)
	}
	whole, _ := os.ReadFile(s.addPath())
	if err := appendChunk(s.addPath(), "v", 1, nil, map[Key]*entry{{201}: {Result: markdown.Result{HTML: "cut"}}}); err != nil {
		t.Fatal(err)
	}
	add, _ := os.ReadFile(s.addPath())
	if err := os.WriteFile(s.addPath(), add[:len(whole)+(len(add)-len(whole))/2], 0o644); err != nil {
		t.Fatal(err)
	}
	s = openAs(dir, "v")
	checkStore(t, s, keys)
	k := Key{202}
	_ = s.Put(k, entryFor(k, 500))
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	s = openAs(dir, "v")
	if _, ok := s.Get(Key{200}); !ok {
		t.Error("the chunk before the cut one is lost")
	}
	if _, ok := s.Get(Key{201}); ok {
		t.Error("the cut chunk's entry was served")
	}
	if checkStore(t, s, map[Key]int{k: 500}) != 1 {
		t.Error("the chunk appended after a cut one is hidden")
	}
}
