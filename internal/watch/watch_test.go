package watch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/lockedbuf"

	"github.com/fsnotify/fsnotify"
)

func TestNoise(t *testing.T) {
	for name, want := range map[string]bool{
		"a.md": false, "index.html": false, "4913.md": false, "a~b.md": false, "logo.svg": false,
		"a.md.swp": true, ".a.md.swp": true, "a.md.swx": true, "a.md.swo": true, "a.md~": true,
		"4913": true, ".#a.md": true, "#a.md#": true, "a.md.tmp": true, "a.md.bck": true, "a.md.bak": true,
		".hidden": true, ".git": true, "a.md___jb_tmp___": true, "a.md___jb_old___": true,
	} {
		if got := noise(name); got != want {
			t.Errorf("noise(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		rel  string
		kind Kind // 0: not a site file
	}{
		{"content/a.md", Content},
		{"content/news/2024/a.md", Content},
		{"content/news/_index.md", Content},
		{"content/_index.md", Settings},
		{"content/news/2013-05-06-a.markdown", Content},
		{"content/news/launch/photo.png", Content},
		{"content/_index.markdown", Content}, // not the settings: the build refuses the name
		{"layouts/base.html", Layout},
		{"layouts/partials/footer.html", Layout},
		{"assets/css/site.css", Asset},
		{"content", 0},
		{"public/index.html", 0},
		{"README.md", 0},
		{"contents/a.md", 0},
	} {
		kind, ok := classify(tc.rel)
		if kind != tc.kind || ok != (tc.kind != 0) {
			t.Errorf("classify(%q) = %v, %v; want %v", tc.rel, kind, ok, tc.kind)
		}
	}
	if s := fmt.Sprint(Content, Settings, Layout, Asset, Changed, Removed); s != "content settings layout asset changed removed" {
		t.Errorf("String() = %q", s)
	}
}

// modes runs a test with fsnotify and with polling.
func modes(t *testing.T, test func(t *testing.T, opts Options)) {
	t.Run("fsnotify", func(t *testing.T) { test(t, Options{}) })
	t.Run("poll", func(t *testing.T) { test(t, Options{Poll: true, PollInterval: 20 * time.Millisecond}) })
}

func TestKinds(t *testing.T) {
	modes(t, func(t *testing.T, opts Options) {
		root := newSite(t)
		w := start(t, root, opts)
		edits := []Event{
			{"content/a.md", Changed, Content},
			{"content/news/b.md", Changed, Content},
			{"content/_index.md", Changed, Settings},
			{"layouts/base.html", Changed, Layout},
			{"assets/css/site.css", Changed, Asset},
		}
		for _, tc := range edits {
			write(t, root, tc.Path, "written by TestKinds")
			expect(t, w, tc)
		}
		nothingMore(t, w, edits[len(edits)-1])
	})
}

func TestNewFolders(t *testing.T) {
	modes(t, func(t *testing.T, opts Options) {
		root := newSite(t)
		w := start(t, root, opts)
		write(t, root, "content/new/deep/a.md", "a") // mkdir -p, then write at once
		write(t, root, "content/new/b.md", "b")
		write(t, root, "content/new/deep/deeper/c.md", "c")
		outside := t.TempDir()
		write(t, outside, "moved/d.md", "d")
		write(t, outside, "moved/inner/e.md", "e")
		write(t, outside, "moved/inner/.e.md.swp", "noise")
		if err := os.Rename(filepath.Join(outside, "moved"), filepath.Join(root, "layouts/moved")); err != nil {
			t.Fatal(err)
		}
		expect(t, w,
			Event{"content/new/b.md", Changed, Content},
			Event{"content/new/deep/a.md", Changed, Content},
			Event{"content/new/deep/deeper/c.md", Changed, Content},
			Event{"layouts/moved/d.md", Changed, Layout},
			Event{"layouts/moved/inner/e.md", Changed, Layout},
		)
		// The new folders are watched: a later write in them is seen.
		edited := Event{"layouts/moved/inner/e.md", Changed, Layout}
		write(t, root, "layouts/moved/inner/e.md", "e, edited")
		expect(t, w, edited)
		nothingMore(t, w, edited)
	})
}

func TestRemovals(t *testing.T) {
	modes(t, func(t *testing.T, opts Options) {
		root := newSite(t)
		write(t, root, "content/gone/g.md", "g")
		write(t, root, "content/gone/sub/h.md", "h")
		write(t, root, "content/docs/guide/x.md", "x")
		w := start(t, root, opts)

		remove(t, root, "content/news/b.md")
		expect(t, w, Event{"content/news/b.md", Removed, Content})

		remove(t, root, "content/news")
		expect(t, w,
			Event{"content/news/2024/c.md", Removed, Content},
			Event{"content/news/_index.md", Removed, Content},
		)

		// A folder renamed out of the site reports the files it held.
		if err := os.Rename(filepath.Join(root, "content/gone"), filepath.Join(t.TempDir(), "gone")); err != nil {
			t.Fatal(err)
		}
		expect(t, w,
			Event{"content/gone/g.md", Removed, Content},
			Event{"content/gone/sub/h.md", Removed, Content},
		)

		// A folder renamed inside the site: old paths removed, new ones
		// changed, and its sub-folders are watched under their new names.
		rename(t, root, "content/docs", "content/manual")
		expect(t, w,
			Event{"content/docs/guide/x.md", Removed, Content},
			Event{"content/manual/guide/x.md", Changed, Content},
		)
		write(t, root, "content/manual/guide/y.md", "y")
		expect(t, w, Event{"content/manual/guide/y.md", Changed, Content})

		// A folder deleted and made again before the watcher looks (a git
		// checkout): the watcher is held at its first event meanwhile.
		w.mu.Lock()
		remove(t, root, "layouts/partials")
		write(t, root, "layouts/partials/head.html", "head")
		w.mu.Unlock()
		expect(t, w,
			Event{"layouts/partials/foot.html", Removed, Layout},
			Event{"layouts/partials/head.html", Changed, Layout},
		)
		write(t, root, "layouts/partials/foot.html", "foot again")
		expect(t, w, Event{"layouts/partials/foot.html", Changed, Layout})
		nothingMore(t, w)
	})
}

func TestAtomicSaves(t *testing.T) {
	root := newSite(t)
	w := start(t, root, Options{})
	a := Event{"content/a.md", Changed, Content}
	saves := []struct {
		name  string
		steps func()
	}{
		{"vim backup", func() {
			write(t, root, "content/4913", "")
			remove(t, root, "content/4913")
			rename(t, root, "content/a.md", "content/a.md~")
			write(t, root, "content/a.md", "vim")
			remove(t, root, "content/a.md~")
		}},
		{"tilde rename", func() {
			write(t, root, "content/a.md~", "tilde")
			rename(t, root, "content/a.md~", "content/a.md")
		}},
		{"tmp rename (VS Code)", func() {
			write(t, root, "content/a.md.tmp", "vscode")
			rename(t, root, "content/a.md.tmp", "content/a.md")
		}},
		{"JetBrains", func() {
			write(t, root, "content/a.md___jb_tmp___", "jetbrains")
			rename(t, root, "content/a.md", "content/a.md___jb_old___")
			rename(t, root, "content/a.md___jb_tmp___", "content/a.md")
			remove(t, root, "content/a.md___jb_old___")
		}},
		{"vim swap and emacs lock", func() {
			write(t, root, "content/.a.md.swp", "swap")
			write(t, root, "content/#a.md#", "autosave")
			write(t, root, "content/a.md", "emacs")
			remove(t, root, "content/.a.md.swp")
		}},
	}
	for _, save := range saves {
		save.steps()
		if batches := expect(t, w, a); len(batches) != 1 {
			t.Errorf("%s: %d batches %v, want one with %v", save.name, len(batches), batches, a)
		}
	}
	nothingMore(t, w)
}

// TestWriteSameSizeAndTime shows that fsnotify events are trusted: a write
// that leaves size and modification time as they were is still a change.
func TestWriteSameSizeAndTime(t *testing.T) {
	root := newSite(t)
	w := start(t, root, Options{})
	p := filepath.Join(root, "content/a.md")
	before, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	// The watcher is held at the event of b.md, so it looks at a.md once
	// size and time are as they were.
	w.mu.Lock()
	write(t, root, "content/b.md", "b")
	write(t, root, "content/a.md", "A") // same size as "a"
	err = os.Chtimes(p, before.ModTime(), before.ModTime())
	w.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	expect(t, w, Event{"content/a.md", Changed, Content}, Event{"content/b.md", Changed, Content})
}

func TestBurst(t *testing.T) {
	root := newSite(t)
	var log lockedbuf.Buffer
	w := start(t, root, Options{Quiet: 40 * time.Millisecond, MaxWait: time.Second, Logger: slog.New(slog.NewTextHandler(&log, nil))})
	// Where the system lost notices (a buffer it could not fill, or
	// that overflowed) the watcher looked at the whole site again: the
	// burst may then take more than one batch, and after an overflow
	// every file of the site comes as changed too.
	rescanned := func() bool { return strings.Contains(log.String(), "rescanning") }
	written := map[string]bool{} // the burst's files
	burst := map[string]bool{}   // those not reported yet
	check := func(e Event) {
		switch {
		case burst[e.Path] && e.Op == Changed && e.Kind == Content:
			delete(burst, e.Path)
		case rescanned() && e.Op == Changed && (siteFiles[e.Path] != "" || written[e.Path]):
		default:
			t.Errorf("unexpected %v", e)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	type result struct {
		events []Event
		err    error
		at     time.Time
	}
	next := make(chan result, 1)
	go func() { // the server waiting for a change when git checkout starts
		events, err := w.Next(ctx)
		next <- result{events, err, time.Now()}
	}()

	began := time.Now()
	var pause time.Duration // the longest the writer stopped between two files
	for i, prev := 0, began; i < 500; i++ {
		rel := fmt.Sprintf("content/burst/%02d/%03d.md", i%10, i) // 10 new folders among them
		write(t, root, rel, "checked out")
		written[rel], burst[rel] = true, true
		pause, prev = max(pause, time.Since(prev)), time.Now()
	}
	wrote := time.Now()
	r := <-next
	if r.err != nil {
		t.Fatal(r.err)
	}
	t.Logf("500 files written in %v (longest pause %v); delivered %v after the last write, %v after the first",
		wrote.Sub(began).Round(time.Millisecond), pause.Round(time.Millisecond),
		r.at.Sub(wrote).Round(time.Millisecond), r.at.Sub(began).Round(time.Millisecond))
	for _, e := range r.events {
		check(e)
	}
	switch {
	case len(burst) == 0:
	case wrote.Sub(began) < 800*time.Millisecond && pause < 20*time.Millisecond && !rescanned(): // with room for the watcher's lag
		t.Errorf("one Next call returned %d events; %d files missing", len(r.events), len(burst))
	default: // a starved machine: MaxWait or a pause past Quiet cut the burst
		t.Logf("the writer was too slow for one batch, or notices were lost (rescanned: %v); the rest comes next", rescanned())
		for len(burst) > 0 {
			events, err := w.Next(ctx)
			if err != nil {
				t.Fatalf("Next: %v; %d files missing", err, len(burst))
			}
			for _, e := range events {
				check(e)
			}
		}
	}
	var again []Event
	if rescanned() {
		again = allChanged()
	}
	nothingMore(t, w, again...)
}

// TestErrorsMeanRescan shows that an error from the system's notices is
// taken as notices lost: the site is looked at again. A file written in a
// folder the watcher was refused stands for a notice lost.
func TestErrorsMeanRescan(t *testing.T) {
	for _, tc := range []struct {
		name    string
		err     error
		want    []Event
		warning string
	}{
		// A notice buffer read short: what differs from what was seen.
		{"read error", errors.New("events have likely been missed"), []Event{{"content/blind/a.md", Changed, Content}}, "events have likely been missed"},
		// The queue overflowed: every file may have changed unseen.
		{"overflow", fsnotify.ErrEventOverflow, allChanged("content/blind/a.md", "content/blind/keep.txt"), "too many file events"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := newSite(t)
			write(t, root, "content/blind/keep.txt", "not a page")
			var log lockedbuf.Buffer
			w := start(t, root, Options{
				Logger: slog.New(slog.NewTextHandler(&log, nil)),
				addWatch: func(fw *fsnotify.Watcher, dir string) error {
					if filepath.Base(dir) == "blind" {
						return errors.New("refused")
					}
					return fw.Add(dir)
				},
			})
			write(t, root, "content/blind/a.md", "unseen")
			nothingMore(t, w)

			lose(w, tc.err)
			expect(t, w, tc.want...)
			if !strings.Contains(log.String(), tc.warning) {
				t.Errorf("log %q does not say %q", log.String(), tc.warning)
			}
		})
	}
}

// TestRescanIsOneBatch shows that a rescan longer than the quiet window
// is delivered whole: what it finds early waits for what it finds late.
func TestRescanIsOneBatch(t *testing.T) {
	root := newSite(t)
	write(t, root, "content/slow/a.md", "a")
	var slow atomic.Bool
	w := start(t, root, Options{
		Quiet: 5 * time.Millisecond,
		addWatch: func(fw *fsnotify.Watcher, dir string) error {
			if filepath.Base(dir) == "slow" && slow.Load() {
				time.Sleep(300 * time.Millisecond) // a rescan of a large site on a slow disk
			}
			return fw.Add(dir)
		},
	})
	slow.Store(true)
	lose(w, fsnotify.ErrEventOverflow)
	batches := expect(t, w, allChanged("content/slow/a.md")...)
	if len(batches) != 1 {
		t.Errorf("the rescan came in %d batches: %v", len(batches), batches)
	}
}

func TestMaxWait(t *testing.T) {
	root := newSite(t)
	// The quiet window never passes: only MaxWait can deliver.
	w := start(t, root, Options{Quiet: time.Hour, MaxWait: 50 * time.Millisecond})
	write(t, root, "content/a.md", "a, edited")
	expect(t, w, Event{"content/a.md", Changed, Content})
}

func TestEventsWhileBusy(t *testing.T) {
	root := newSite(t)
	// A quiet window of 1ns: any two events reach a waiting caller apart.
	w := start(t, root, Options{Quiet: time.Nanosecond})
	write(t, root, "content/a.md", "first save")
	expect(t, w, Event{"content/a.md", Changed, Content})

	// The caller builds and does not call Next meanwhile.
	write(t, root, "content/b.md", "b")
	waitPending(t, w, Event{"content/b.md", Changed, Content})
	write(t, root, "layouts/base.html", "layout")
	waitPending(t, w, Event{"layouts/base.html", Changed, Layout})
	remove(t, root, "content/a.md")
	waitPending(t, w, Event{"content/a.md", Removed, Content})

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	got, err := w.Next(ctx)
	want := []Event{
		{"content/a.md", Removed, Content},
		{"content/b.md", Changed, Content},
		{"layouts/base.html", Changed, Layout},
	}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("Next = %v, %v; want %v in one call", got, err, want)
	}
}

func TestIgnored(t *testing.T) {
	real := filepath.Join(t.TempDir(), "real")
	write(t, real, "content/a.md", "a")
	write(t, real, "content/out/index.html", "old output")
	write(t, real, "public/index.html", "old output")
	root := filepath.Join(t.TempDir(), "link") // through a symlink: paths compare resolved
	if err := os.Symlink(real, root); err != nil {
		t.Fatal(err)
	}
	w := start(t, root, Options{Exclude: []string{"content/out", filepath.Join(root, "content/gen"), ".bulletin"}})
	for _, dir := range w.fs.WatchList() {
		if strings.Contains(dir, "out") || strings.Contains(dir, "public") {
			t.Errorf("watching %s", dir)
		}
	}

	write(t, root, "content/out/index.html", "new output")
	write(t, root, "content/out/news/index.html", "new output")
	write(t, root, "content/gen/x.md", "excluded, created later")
	write(t, root, "public/news/index.html", "output")
	write(t, root, ".bulletin/cache", "cache")
	write(t, root, ".git/HEAD", "ref: refs/heads/main")
	write(t, root, "node_modules/x/index.js", "js")
	write(t, root, "README.md", "not a site file")
	remove(t, root, "public/index.html")
	if err := os.Chmod(filepath.Join(root, "content/a.md"), 0o600); err != nil {
		t.Fatal(err)
	}
	// touch sets both times: chmod-only too. (Setting only the
	// modification time, as touch -m does, is an inotify IN_MODIFY.)
	if soon := time.Now().Add(time.Hour); os.Chtimes(filepath.Join(root, "content/a.md"), soon, soon) != nil {
		t.Fatal("touch failed")
	}
	write(t, root, "content/sentinel.md", "after all the rest")
	expect(t, w, Event{"content/sentinel.md", Changed, Content})
	nothingMore(t, w)
}

// TestWatchLimit: at the system's limit (inotify's watches, or the open
// files kqueue holds), the watcher polls, misses nothing, and says once
// how to raise the limit.
func TestWatchLimit(t *testing.T) {
	for _, limit := range []struct {
		err     error
		warning string // the setting the warning names
	}{
		{syscall.ENOSPC, "fs.inotify.max_user_watches"},
		{syscall.EMFILE, "ulimit -n"},
		{syscall.ENFILE, "ulimit -n"},
	} {
		t.Run("at start/"+limit.err.Error(), func(t *testing.T) {
			root := newSite(t)
			var log lockedbuf.Buffer
			var adds atomic.Int32
			w := start(t, root, Options{
				Logger:       slog.New(slog.NewTextHandler(&log, nil)),
				PollInterval: 20 * time.Millisecond,
				addWatch: func(fw *fsnotify.Watcher, dir string) error {
					if adds.Add(1) > 3 {
						return fmt.Errorf("add watch %s: %w", dir, limit.err)
					}
					return fw.Add(dir)
				},
			})
			if !w.Polling() {
				t.Fatal("not polling after the watch limit")
			}
			write(t, root, "content/news/2024/new.md", "new")
			expect(t, w, Event{"content/news/2024/new.md", Changed, Content})
			checkWarning(t, log.String(), limit.warning)
		})
		t.Run("later/"+limit.err.Error(), func(t *testing.T) {
			root := newSite(t)
			var log lockedbuf.Buffer
			w := start(t, root, Options{
				Logger:       slog.New(slog.NewTextHandler(&log, nil)),
				PollInterval: 20 * time.Millisecond,
				addWatch: func(fw *fsnotify.Watcher, dir string) error {
					if filepath.Base(dir) == "limit" {
						return limit.err
					}
					return fw.Add(dir)
				},
			})
			if w.Polling() {
				t.Fatal("polling from the start")
			}
			write(t, root, "content/limit/a.md", "a")
			expect(t, w, Event{"content/limit/a.md", Changed, Content})
			if !w.Polling() {
				t.Error("not polling after the watch limit")
			}
			write(t, root, "content/limit/b.md", "b")
			remove(t, root, "content/news/b.md")
			expect(t, w, Event{"content/limit/b.md", Changed, Content}, Event{"content/news/b.md", Removed, Content})
			checkWarning(t, log.String(), limit.warning)
		})
	}
}

// TestWatchBudget: where the limit is known up front (kqueue), a site
// larger than it polls from the start, with one line; a smaller one is
// watched.
func TestWatchBudget(t *testing.T) {
	for _, tc := range []struct {
		budget  int
		polling bool
	}{
		{0, false},    // not known up front
		{1000, false}, // room to spare
		{5, true},     // the site has more files and folders
	} {
		t.Run(strconv.Itoa(tc.budget), func(t *testing.T) {
			root := newSite(t)
			var log lockedbuf.Buffer
			w := start(t, root, Options{
				Logger:       slog.New(slog.NewTextHandler(&log, nil)),
				PollInterval: 20 * time.Millisecond,
				addWatch:     (*fsnotify.Watcher).Add,
				budget:       func() int { return tc.budget },
			})
			if w.Polling() != tc.polling {
				t.Fatalf("Polling() = %v, want %v", w.Polling(), tc.polling)
			}
			write(t, root, "content/news/2024/new.md", "new")
			expect(t, w, Event{"content/news/2024/new.md", Changed, Content})
			if tc.polling {
				checkWarning(t, log.String(), "ulimit -n")
			} else if log.String() != "" {
				t.Errorf("logged %q", log.String())
			}
		})
	}
}

// checkWarning wants one warning in log, naming setting and how to raise
// it.
func checkWarning(t *testing.T, log, setting string) {
	t.Helper()
	if !strings.Contains(log, setting) || strings.Count(log, "level=WARN") != 1 ||
		!strings.Contains(log, "polling") || !strings.Contains(log, "Raise") {
		t.Errorf("log = %q; want one warning naming %s and how to raise it", log, setting)
	}
}

func TestNextEnds(t *testing.T) {
	root := newSite(t)
	w := start(t, root, Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if _, err := w.Next(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Next after the deadline = %v", err)
	}
	go func() { w.Close() }()
	if _, err := w.Next(context.Background()); !errors.Is(err, ErrClosed) {
		t.Errorf("Next after Close = %v", err)
	}
	if err := w.Close(); err != nil {
		t.Errorf("second Close = %v", err)
	}
	if _, err := New(Options{Root: filepath.Join(root, "missing")}); err == nil {
		t.Error("New accepted a missing root")
	}
}

// siteFiles are the files of newSite's site.
var siteFiles = map[string]string{
	"content/_index.md":          "---\ntitle: Site\n---\n",
	"content/a.md":               "a",
	"content/news/_index.md":     "news",
	"content/news/b.md":          "b",
	"content/news/2024/c.md":     "c",
	"layouts/base.html":          "base",
	"layouts/partials/foot.html": "foot",
	"assets/css/site.css":        "css",
	"public/index.html":          "output",
	".git/HEAD":                  "ref",
}

// newSite makes a small site with the folders a site has, and the ones the
// watcher must leave alone.
func newSite(t *testing.T) string {
	root := t.TempDir()
	for rel, body := range siteFiles {
		write(t, root, rel, body)
	}
	return root
}

// allChanged is every file of newSite's site the watcher watches, and
// the files more, each reported changed: what a rescan that trusts
// nothing reports.
func allChanged(more ...string) []Event {
	var events []Event
	for _, rel := range append(slices.Collect(maps.Keys(siteFiles)), more...) {
		if kind, ok := classify(rel); ok {
			events = append(events, Event{rel, Changed, kind})
		}
	}
	return events
}

// lose hands the watcher an error from its notices, as fsnotify would.
func lose(w *Watcher, err error) {
	w.inbox.mu.Lock()
	w.inbox.errs = append(w.inbox.errs, err)
	w.inbox.mu.Unlock()
	w.inbox.ready <- struct{}{}
}

// start starts a Watcher on root and, at the end of the test, closes it and
// checks that its goroutines are gone.
func start(t *testing.T, root string, opts Options) *Watcher {
	t.Helper()
	before := runtime.NumGoroutine()
	opts.Root = root
	w, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	if w.Polling() != opts.Poll && opts.addWatch == nil {
		t.Fatalf("Polling() = %v", w.Polling())
	}
	t.Cleanup(func() {
		if err := w.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
		for deadline := time.Now().Add(5 * time.Second); runtime.NumGoroutine() > before; time.Sleep(time.Millisecond) {
			if time.Now().After(deadline) {
				buf := make([]byte, 1<<16)
				t.Fatalf("%d goroutines before New, %d after Close:\n%s", before, runtime.NumGoroutine(), buf[:runtime.Stack(buf, true)])
			}
		}
	})
	return w
}

// expect calls Next until every wanted event has arrived (the last op per
// path winning across calls), then checks that no other path came. It
// returns the batches it got.
func expect(t *testing.T, w *Watcher, want ...Event) [][]Event {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	got := map[string]Event{}
	var batches [][]Event
	for slices.ContainsFunc(want, func(e Event) bool { return got[e.Path] != e }) {
		events, err := w.Next(ctx)
		if err != nil {
			t.Fatalf("Next: %v; got %v, want %v", err, batches, want)
		}
		batches = append(batches, events)
		for _, e := range events {
			got[e.Path] = e
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %v, want only %v", batches, want)
	}
	return batches
}

// nothingMore lets quiet windows pass and checks that no event comes
// but another report of an edit already seen (again): rewriting a file
// truncates it, then writes it, and on a busy machine the two
// notifications can fall into two quiet windows. A repeated "changed"
// costs a build that finds nothing new; any other event is an error.
func nothingMore(t *testing.T, w *Watcher, again ...Event) {
	t.Helper()
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		events, err := w.Next(ctx)
		cancel()
		if err != nil {
			return
		}
		for _, e := range events {
			if e.Op != Changed || !slices.Contains(again, e) {
				t.Errorf("unexpected events %v", events)
				return
			}
		}
	}
}

// waitPending polls, with a deadline, until the watcher holds e.
func waitPending(t *testing.T, w *Watcher, e Event) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		w.mu.Lock()
		pending := w.pending[e.Path]
		w.mu.Unlock()
		if pending == e {
			return
		}
	}
	t.Fatalf("%v never pending", e)
}

func write(t *testing.T, root, rel, body string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func remove(t *testing.T, root, rel string) {
	t.Helper()
	if err := os.RemoveAll(filepath.Join(root, filepath.FromSlash(rel))); err != nil {
		t.Fatal(err)
	}
}

func rename(t *testing.T, root, from, to string) {
	t.Helper()
	if err := os.Rename(filepath.Join(root, filepath.FromSlash(from)), filepath.Join(root, filepath.FromSlash(to))); err != nil {
		t.Fatal(err)
	}
}
