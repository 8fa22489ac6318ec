// Package watch tells `bulletin serve` and `bulletin watch` what changed in a
// site folder: it owns watching content/, layouts/ and assets/, dropping
// editor noise, classifying each changed path into a Kind, and batching
// bursts into one list of events per rebuild. It skips the editor files the
// build skips (internal/editorfiles), and it never reads a file's contents
// or writes anything: it only reports paths.
//
// Behaviour users rely on:
//   - Folders are watched, not files: every folder under content/, layouts/
//     and assets/, and the site folder itself (only to see those three
//     appear). A folder created or moved in is watched at once and every file
//     already in it is reported as Changed; a folder deleted or moved away
//     reports every file known under it as Removed.
//   - Nothing else is watched: not the output folder, .git, node_modules, nor
//     any Options.Exclude folder, even one inside content/.
//   - Noise is dropped: chmod-only events, hidden names (.a.md.swp, .#a.md),
//     names ending in .swp .swx .swo ~ .tmp .bck .bak, Emacs' #a.md#, vim's
//     4913 and JetBrains' ___jb_tmp___ and ___jb_old___ files. An atomic
//     save (a temporary file renamed over the target) comes out as one
//     Changed event for the target.
//   - An event is a hint, not a verdict: the path is looked at again on disk,
//     so Removed is reported only for a file that was known to exist.
//   - Next returns once events are pending and none came for Options.Quiet
//     (by default a window just longer than an editor's save, even a
//     rename-over-backup dance, takes), or Options.MaxWait after the first
//     of them. The last op per path wins. Events that arrive while the
//     caller builds wait for its next call: one build in flight, and
//     another if anything changed.
//   - When the system's limit is reached (Linux: the inotify watch limit;
//     macOS and BSD: the open-file limit, since kqueue holds a file open for
//     every watched file), one warning line says how to raise it and the
//     watcher polls instead, as it does with Options.Poll: size,
//     modification time and mode of every file, every Options.PollInterval.
//     Where the limit is known up front (kqueue: half the open-file limit,
//     the other half left to the builds), a site with more files and
//     folders than that polls from the start. Windows watches a folder per
//     handle, as inotify does, and has no such limit to reach.
package watch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/bulletin-ssg/bulletin/internal/editorfiles"
)

// Kind is what a changed path is, which decides what a rebuild redoes.
type Kind int

const (
	Content  Kind = iota + 1 // under content/ (except content/_index.md)
	Settings                 // content/_index.md (site settings)
	Layout                   // under layouts/
	Asset                    // under assets/
)

func (k Kind) String() string {
	switch k {
	case Content:
		return "content"
	case Settings:
		return "settings"
	case Layout:
		return "layout"
	case Asset:
		return "asset"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Op is what happened to a path.
type Op int

const (
	Changed Op = iota + 1 // created or written
	Removed               // deleted or renamed away
)

func (o Op) String() string {
	switch o {
	case Changed:
		return "changed"
	case Removed:
		return "removed"
	}
	return "Op(" + strconv.Itoa(int(o)) + ")"
}

// Event is one changed file.
type Event struct {
	Path string // slash-separated, relative to the site root: "content/news/a.md"
	Op   Op
	Kind Kind
}

// ErrClosed is returned by Next once the Watcher is closed.
var ErrClosed = errors.New("watch: watcher closed")

// Options configure a Watcher; zero durations take their defaults.
type Options struct {
	Root         string        // the site folder
	Exclude      []string      // folders never watched (the output folder, .bulletin/), absolute or relative to Root
	Quiet        time.Duration // trailing quiet window; default 20ms
	MaxWait      time.Duration // a batch is delivered at the latest this long after its first event; default 1s
	Poll         bool          // poll instead of fsnotify
	PollInterval time.Duration // default 250ms
	Logger       *slog.Logger  // warnings (watch limit reached, falling back to polling); nil = discard

	addWatch func(*fsnotify.Watcher, string) error // tests simulate the watch limit with it
	budget   func() int                            // files and folders fsnotify can watch; 0 = not known up front
}

// The warnings logged once when the system's limit is reached.
const (
	inotifyWarning = "the inotify watch limit is reached (fs.inotify.max_user_watches); " +
		"falling back to polling. Raise it with: sudo sysctl fs.inotify.max_user_watches=524288"
	openFilesWarning = "the open-file limit is reached (file watching holds one open file per watched file); " +
		"falling back to polling. Raise it with: ulimit -n 65536"
	budgetWarning = "the site has more files and folders (over %d) than file watching can hold open within the " +
		"open-file limit; polling instead. Raise the limit with: ulimit -n 65536"
)

// limitWarning says which of the system's limits err is, and how to raise
// it; "" when err is not a limit.
func limitWarning(err error) string {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return inotifyWarning
	case errors.Is(err, syscall.EMFILE), errors.Is(err, syscall.ENFILE):
		return openFilesWarning
	}
	return ""
}

// Watcher reports the changes under a site folder; see Next.
type Watcher struct {
	opts    Options
	log     *slog.Logger
	root    string   // absolute, symlinks resolved
	exclude []string // absolute, symlinks resolved

	fs        *fsnotify.Watcher // nil when polling from the start
	polling   atomic.Bool
	done      chan struct{} // closed by Close
	stopped   chan struct{} // closed when run returns
	inbox     *inbox        // what fsnotify reported, waiting for run
	closeOnce sync.Once
	closeErr  error

	// What is on disk, as last seen; owned by run (and New before it).
	files map[string]fileState // known files by slash path
	dirs  map[string]bool      // known (and, with fsnotify, watched) folders

	mu          sync.Mutex
	pending     map[string]Event
	first, last time.Time     // when the oldest and newest pending events came
	turning     bool          // run is turning notices into pending events
	wake        chan struct{} // capacity 1: pending is no longer empty, or run is done turning
}

type fileState struct {
	size, mtime int64
	mode        fs.FileMode
}

// New starts watching. It returns once every existing folder is watched.
func New(opts Options) (*Watcher, error) {
	opts.Quiet = orDefault(opts.Quiet, 20*time.Millisecond)
	opts.MaxWait = orDefault(opts.MaxWait, time.Second)
	opts.PollInterval = orDefault(opts.PollInterval, 250*time.Millisecond)
	if opts.addWatch == nil {
		opts.addWatch = (*fsnotify.Watcher).Add
	}
	if opts.budget == nil {
		opts.budget = watchBudget
	}
	w := &Watcher{
		opts: opts, log: opts.Logger,
		done: make(chan struct{}), stopped: make(chan struct{}),
		files: map[string]fileState{}, dirs: map[string]bool{},
		pending: map[string]Event{}, wake: make(chan struct{}, 1),
	}
	if w.log == nil {
		w.log = slog.New(slog.DiscardHandler)
	}
	root, err := filepath.Abs(opts.Root)
	if err == nil {
		root, err = filepath.EvalSymlinks(root)
	}
	if err != nil {
		return nil, err
	}
	w.root = root
	for _, e := range opts.Exclude {
		if !filepath.IsAbs(e) {
			e = filepath.Join(root, e)
		}
		w.exclude = append(w.exclude, resolve(filepath.Clean(e)))
	}

	w.polling.Store(opts.Poll)
	if budget := opts.budget(); !opts.Poll && budget > 0 && w.entriesOver(budget) {
		w.log.Warn(fmt.Sprintf(budgetWarning, budget))
		w.polling.Store(true)
	}
	if !w.polling.Load() {
		if w.fs, err = fsnotify.NewWatcher(); err != nil {
			w.log.Warn("cannot use inotify; falling back to polling", "err", err)
			w.polling.Store(true)
		} else {
			w.watch(root)
		}
	}
	w.syncAll(false)
	clear(w.pending) // what exists at the start is no change
	w.first, w.last = time.Time{}, time.Time{}
	w.wake = make(chan struct{}, 1)
	if w.fs != nil {
		w.inbox = &inbox{ready: make(chan struct{}, 1), pumped: make(chan struct{})}
		go w.inbox.pump(w.fs, w.done)
	}
	go w.run()
	return w, nil
}

func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

// resolve resolves the symlinks of the longest existing prefix of p, so that
// a folder that does not exist yet compares equal once it is created.
func resolve(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	parent := filepath.Dir(p)
	if parent == p {
		return p
	}
	return filepath.Join(resolve(parent), filepath.Base(p))
}

// Polling reports whether the Watcher polls (asked for, or fallen back to).
func (w *Watcher) Polling() bool { return w.polling.Load() }

// Close stops the Watcher; it is safe to call twice.
func (w *Watcher) Close() error {
	w.closeOnce.Do(func() {
		close(w.done)
		<-w.stopped
		if w.inbox != nil {
			<-w.inbox.pumped
		}
		if w.fs != nil {
			w.closeErr = w.fs.Close()
		}
	})
	return w.closeErr
}

// Next blocks until at least one event is pending and the quiet window has
// passed (or MaxWait since the first), then returns every pending event,
// coalesced (the last op per path wins) and sorted by path. It returns
// ctx.Err() when ctx ends and ErrClosed after Close. Call it from one
// goroutine at a time.
func (w *Watcher) Next(ctx context.Context) ([]Event, error) {
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		w.mu.Lock()
		n, first, last, turning := len(w.pending), w.first, w.last, w.turning
		w.mu.Unlock()
		due := time.Hour // only a wake-up call, ctx or Close ends the wait
		if n > 0 {
			quiet := w.opts.Quiet
			if w.polling.Load() {
				// Scans see a file being written at one tick and written
				// at the next: a window shorter than two ticks splits
				// one save into two batches.
				quiet = max(quiet, 2*w.opts.PollInterval)
			}
			quietDue := time.Until(last.Add(quiet))
			if turning {
				// What run is looking at belongs to this batch: a
				// rescan can take longer than the quiet window.
				quietDue = time.Hour
			}
			due = min(quietDue, time.Until(first.Add(w.opts.MaxWait)))
			if due <= 0 {
				return w.take(), nil
			}
		}
		timer := time.NewTimer(due)
		select {
		case <-ctx.Done():
		case <-w.done:
			timer.Stop()
			return nil, ErrClosed
		case <-w.wake:
		case <-timer.C:
		}
		timer.Stop()
	}
}

func (w *Watcher) take() []Event {
	w.mu.Lock()
	events := make([]Event, 0, len(w.pending))
	for _, e := range w.pending {
		events = append(events, e)
	}
	clear(w.pending)
	w.mu.Unlock()
	slices.SortFunc(events, func(a, b Event) int { return strings.Compare(a.Path, b.Path) })
	return events
}

func (w *Watcher) add(rel string, op Op, kind Kind) {
	now := time.Now()
	w.mu.Lock()
	wasEmpty := len(w.pending) == 0
	if wasEmpty {
		w.first = now
	}
	w.last = now
	w.pending[rel] = Event{Path: rel, Op: op, Kind: kind}
	w.mu.Unlock()
	if wasEmpty { // later events only move w.last, which Next reads when its timer fires
		select {
		case w.wake <- struct{}{}:
		default:
		}
	}
}

// run turns fsnotify events, or poll ticks, into pending events.
func (w *Watcher) run() {
	defer close(w.stopped)
	for !w.polling.Load() {
		select {
		case <-w.done:
			return
		case <-w.inbox.ready:
		}
		events, errs, closed := w.inbox.take()
		began := w.turn()
		for _, ev := range events {
			if w.polling.Load() {
				break // the poll below sees what these were about
			}
			w.handle(ev)
		}
		w.rescanAfter(errs)
		w.turned(began)
		if closed && !w.polling.Load() {
			return
		}
	}
	tick := time.NewTicker(w.opts.PollInterval)
	defer tick.Stop()
	for {
		w.syncAll(false)
		select {
		case <-w.done:
			return
		case <-tick.C:
		}
	}
}

// turn marks the start of turning notices into pending events; Next
// delivers nothing in the meantime but at MaxWait.
func (w *Watcher) turn() time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.turning = true
	return time.Now()
}

// turned ends what turn began. The quiet window counts from its end when it
// found changes, as if they had all come then.
func (w *Watcher) turned(began time.Time) {
	w.mu.Lock()
	w.turning = false
	if len(w.pending) > 0 && !w.last.Before(began) {
		w.last = time.Now()
	}
	w.mu.Unlock()
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// rescanAfter looks at the whole site again when fsnotify reported errors:
// each may stand for notices lost. An overflow of the system's queue says
// nothing about which files changed, so every file counts as changed. The
// other errors come from reading a notice buffer (on Windows, one that
// could not be read to its end drops the notices after the fault), so the
// rescan reports what differs from what was last seen: files created,
// removed, or with another size or time.
func (w *Watcher) rescanAfter(errs []error) {
	if len(errs) == 0 || w.polling.Load() {
		return
	}
	overflow := slices.ContainsFunc(errs, func(err error) bool { return errors.Is(err, fsnotify.ErrEventOverflow) })
	if overflow {
		w.log.Warn("too many file events at once; rescanning the site folder")
	} else {
		w.log.Warn("watching the site folder; rescanning it", "err", errs[0])
	}
	w.syncAll(overflow)
}

// An inbox holds what fsnotify reported until run takes it. fsnotify must
// never wait for run: on Windows, adding a watch (which run does for a new
// folder) is a request to the goroutine that also delivers events, so run
// adding a watch while that goroutine waits to deliver an event to run
// would stop both for good.
type inbox struct {
	mu     sync.Mutex
	events []fsnotify.Event
	errs   []error
	closed bool          // fsnotify closed its channels
	ready  chan struct{} // capacity 1: there is something to take
	pumped chan struct{} // closed when pump returns
}

// pump moves what fsnotify reports into the inbox until done is closed or
// fsnotify closes its channels.
func (in *inbox) pump(fw *fsnotify.Watcher, done <-chan struct{}) {
	defer close(in.pumped)
	for {
		var ev fsnotify.Event
		var err error
		ok := true
		select {
		case <-done:
			return
		case ev, ok = <-fw.Events:
		case err, ok = <-fw.Errors:
		}
		in.mu.Lock()
		switch {
		case !ok:
			in.closed = true
		case err != nil:
			in.errs = append(in.errs, err)
		default:
			in.events = append(in.events, ev)
		}
		in.mu.Unlock()
		select {
		case in.ready <- struct{}{}:
		default:
		}
		if !ok {
			return
		}
	}
}

// take empties the inbox.
func (in *inbox) take() (events []fsnotify.Event, errs []error, closed bool) {
	in.mu.Lock()
	defer in.mu.Unlock()
	events, errs, closed = in.events, in.errs, in.closed
	in.events, in.errs = nil, nil
	return events, errs, closed
}

// handle batches, classifies and acts on one fsnotify event: noise is
// dropped, and anything else has its path looked at again on disk.
func (w *Watcher) handle(ev fsnotify.Event) {
	if ev.Op&^fsnotify.Chmod == 0 {
		return
	}
	rel, err := filepath.Rel(w.root, ev.Name)
	if err != nil {
		return
	}
	rel = filepath.ToSlash(rel)
	if top, _, _ := strings.Cut(rel, "/"); !isTop(top) || noise(path.Base(rel)) {
		return
	}
	w.syncPath(rel, true)
}

func isTop(name string) bool { return name == "content" || name == "layouts" || name == "assets" }

func (w *Watcher) syncAll(force bool) {
	for _, top := range []string{"content", "layouts", "assets"} {
		w.syncPath(top, force)
	}
}

// syncPath brings what is known about rel (a file or a folder) in line with
// the disk and records the differences as events. force reports every file
// found as Changed, whatever its size and time say.
func (w *Watcher) syncPath(rel string, force bool) {
	abs := filepath.Join(w.root, filepath.FromSlash(rel))
	info, err := os.Lstat(abs)
	switch {
	case err == nil && info.IsDir(), w.dirs[rel]:
		w.syncTree(rel, force)
	case w.excluded(abs):
	case err != nil:
		w.forget(rel)
	default:
		w.record(rel, info, force)
	}
}

// syncTree walks the folder rel, watching every folder not watched yet
// (every folder when force is set: it may be a new one under an old name),
// then forgets the files and folders known under rel that are gone.
func (w *Watcher) syncTree(rel string, force bool) {
	seen := map[string]bool{} // slash path -> is a folder
	filepath.WalkDir(filepath.Join(w.root, filepath.FromSlash(rel)), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // gone meanwhile: it is forgotten below
		}
		if noise(d.Name()) || w.excluded(p) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		r, _ := filepath.Rel(w.root, p)
		r = filepath.ToSlash(r)
		seen[r] = d.IsDir()
		if d.IsDir() {
			if force || !w.dirs[r] {
				w.dirs[r] = true
				w.watch(p) // before it is read, so nothing created in it is missed
			}
		} else if info, err := d.Info(); err == nil {
			w.record(r, info, force)
		}
		return nil
	})
	for f := range w.files {
		if isDir, ok := seen[f]; within(f, rel) && (!ok || isDir) {
			w.forget(f)
		}
	}
	for d := range w.dirs {
		if within(d, rel) && !seen[d] {
			delete(w.dirs, d)
			if !w.polling.Load() {
				// A folder renamed away keeps its watch under its old name.
				_ = w.fs.Remove(filepath.Join(w.root, filepath.FromSlash(d)))
			}
		}
	}
}

func within(p, dir string) bool { return p == dir || strings.HasPrefix(p, dir+"/") }

func (w *Watcher) record(rel string, info fs.FileInfo, force bool) {
	kind, ok := classify(rel)
	if !ok {
		return
	}
	st := fileState{info.Size(), info.ModTime().UnixNano(), info.Mode()}
	if old, known := w.files[rel]; force || !known || old != st {
		w.add(rel, Changed, kind)
	}
	w.files[rel] = st
}

func (w *Watcher) forget(rel string) {
	if _, known := w.files[rel]; known {
		delete(w.files, rel)
		kind, _ := classify(rel)
		w.add(rel, Removed, kind)
	}
}

func (w *Watcher) excluded(p string) bool {
	for _, e := range w.exclude {
		if p == e || strings.HasPrefix(p, e+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// entriesOver reports whether the watched folders hold more than n files
// and folders, counting no further than that.
func (w *Watcher) entriesOver(n int) bool {
	count := 0
	for _, top := range []string{"content", "layouts", "assets"} {
		filepath.WalkDir(filepath.Join(w.root, top), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if noise(d.Name()) || w.excluded(p) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if count++; count > n {
				return filepath.SkipAll
			}
			return nil
		})
	}
	return count > n
}

// watch adds an fsnotify watch on dir; at the system's limit it switches
// the whole tree to polling.
func (w *Watcher) watch(dir string) {
	if w.polling.Load() {
		return
	}
	err := w.opts.addWatch(w.fs, dir)
	switch {
	case err == nil, errors.Is(err, fs.ErrNotExist):
		// Gone already: the event of its parent says so.
	case limitWarning(err) != "":
		w.log.Warn(limitWarning(err))
		w.polling.Store(true)
		_ = w.fs.Close()
	default:
		w.log.Warn("cannot watch a folder", "folder", dir, "err", err)
	}
}

// classify maps a slash path relative to the site root to its Kind; ok is
// false for paths outside content/, layouts/ and assets/.
func classify(rel string) (kind Kind, ok bool) {
	top, rest, _ := strings.Cut(rel, "/")
	switch {
	case rest == "":
		return 0, false
	case rel == "content/_index.md":
		return Settings, true
	case top == "content":
		return Content, true
	case top == "layouts":
		return Layout, true
	case top == "assets":
		return Asset, true
	}
	return 0, false
}

// noise reports whether a file or folder name belongs to an editor or a
// tool rather than to the site (the build skips the same names).
func noise(name string) bool { return editorfiles.Noise(name) }
