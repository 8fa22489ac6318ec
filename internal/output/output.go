// Package output writes a build so that a failed build leaves the
// previous output as it was: into a staging folder beside the
// destination, then swapped into place in two renames; or, when the
// destination holds a previous build and this one changes little of it,
// in place (see inplace.go): the changed files are held until the build
// succeeded, then written beside their places and renamed over them.
//
// Safety rules users rely on:
//   - nothing is written outside the destination: every path is checked to
//     be local (no "..", not absolute) before it is joined, the staging
//     folder is new, so it holds no symlink to follow, and writes in place
//     go through an os.Root of the destination;
//   - a killed build leaves nothing that the next one deploys: it recovers
//     or removes what the killed one left (its names are scratch names, or
//     the mark of an unfinished update), and never carries a file named as
//     bulletin's temporary files are (.bulletin-*.tmp) into an output;
//   - the destination is never the source folder or one of its ancestors,
//     nor inside content/, layouts/ or assets/;
//   - a non-empty destination without bulletin's manifest is refused, not
//     cleared; in one with a manifest, files bulletin did not write (a
//     CNAME, a .git folder) are kept, and so are files an earlier build
//     wrote that this one no longer produces, unless CleanDest is set;
//   - two bulletins writing one output at once take turns to commit (a
//     lock on the folder, see hold.go), and one that finds the output
//     changed since its build began keeps the other's files and leaves
//     the output for the next build to write whole;
//   - write-if-changed: a file whose bytes are those of the previous build
//     is the previous file (hard-linked), so it keeps its modification
//     time and sync tools upload only what changed.
//
// Syncing. A kill at any point leaves an output the next build can use:
// every file is renamed into place once whole. Against a power cut,
// bulletin syncs (scratch.Replace.Sync) what orders an update in place:
// the mark of an unfinished update is on the disk before the first file
// is renamed over its place, and the manifest before the mark goes; a
// cut during the update leaves the mark, and the next build trusts
// nothing of the output. Pages are never synced one by one (a build
// that writes a large site whole would wait for the disk for each): a
// staged build's commit is the folder swap, and a page the system had
// not yet written when the power went, staged or in place, may be empty
// or old afterwards while the manifest lists its new bytes. bulletin
// build --no-cache compares every file's bytes, and writes such pages
// again.
package output

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/bulletin-ssg/bulletin/internal/filesum"
	"github.com/bulletin-ssg/bulletin/internal/scratch"
)

// ManifestFile lists every file of the output with its size and
// filesum.Sum.
const ManifestFile = ".bulletin-manifest.json"

// Entry is one file of the manifest. A manifest of an earlier bulletin,
// with SHA-256 sums, reads as entries without a Sum: every file is written
// again, once.
type Entry struct {
	Size int64  `json:"size"`
	Sum  string `json:"xxh3"` // the file's filesum.Sum in hex
}

// Manifest is what bulletin wrote into an output folder.
type Manifest struct {
	Generator string           `json:"generator"`
	Files     map[string]Entry `json:"files"`
	// sorted is Files in order, for a manifest read from the bytes
	// marshalManifest writes (nil otherwise): see manifestLines. A
	// manifest read is never changed after, so the two list the same
	// files.
	sorted []manifestLine
}

// Options change how an output is written.
type Options struct {
	// CleanDest drops files an earlier build wrote (per its manifest) that
	// this build no longer produces. Files bulletin did not write are kept
	// either way. It refuses to remove more than half of the previous
	// output's pages (a source folder that suddenly holds no pages would
	// otherwise unpublish the site) unless Force is set.
	CleanDest bool
	Force     bool
	// Verify compares the bytes of each file the output holds instead of
	// trusting the manifest's sums: a page edited by hand in the output
	// is written again (bulletin build --no-cache).
	Verify bool
}

// Staging is an output being written.
type Staging struct {
	dest    string      // absolute destination
	display string      // dest as the user wrote it
	old     *Manifest   // the previous build's, or nil
	oldSum  filesum.Sum // of old's bytes (see changedSince)
	// trusted: the files in dest are what old says (no update in place
	// was cut short since), so a file old lists with a build's bytes need
	// not be written again.
	trusted bool
	opts    Options

	mu    sync.Mutex
	dir   string // absolute staging folder; "" while updating in place
	files map[string]Entry
	// dirs are the folders created so far (native paths, "" the root),
	// kept apart from mu: every file written asks after its folder, from
	// every worker, and under mu the workers waited on each other.
	dirs  sync.Map // string -> struct{}
	stale []string // files of an earlier build kept although not produced
	owned []string // folders whose earlier files go even without CleanDest (Own)
	// pending are the files an update in place will write, held until
	// Commit; nil when staging.
	pending      map[string][]byte
	pendingBytes int
	// inPlace is pending != nil, read without the lock: a writer that
	// finds it false stages without taking s.mu; one that finds it true
	// checks pending again under s.mu (a spill may have come between).
	inPlace atomic.Bool
	survey  *survey // of the files old lists; set while updating in place
}

// Own says that this build writes everything folder rel (such as
// "search/") is to hold: the files an earlier build wrote there and this
// one does not produce go at Commit, as with CleanDest. For files whose
// names change with their bytes (a search index's), which no page links
// to, and which would otherwise pile up build after build.
func (s *Staging) Own(rel string) {
	s.mu.Lock()
	s.owned = append(s.owned, strings.TrimSuffix(rel, "/")+"/")
	s.mu.Unlock()
}

// dropped reports whether an earlier build's file rel, which this build
// does not produce, goes at Commit.
func (s *Staging) dropped(rel string) bool {
	if s.opts.CleanDest {
		return true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, dir := range s.owned {
		if strings.HasPrefix(rel, dir) {
			return true
		}
	}
	return false
}

// Stale lists the files an earlier build wrote that this one did not
// produce and kept (without CleanDest), known after Commit.
func (s *Staging) Stale() []string { return s.stale }

// Begin checks dest against the source folder and starts a staging folder
// beside it. display is how errors name dest (as the user wrote it).
//
// When dest holds a previous build whose manifest it can trust, the build
// starts as an update in place, and turns into a staged one if it writes
// more than a small part of the output (see inplace.go).
func Begin(dest, source, display string, opts Options) (*Staging, error) {
	absDest, old, oldSum, err := open(dest, source, display)
	if err != nil {
		return nil, err
	}
	s := &Staging{dest: absDest, display: display, old: old, oldSum: oldSum, opts: opts, files: map[string]Entry{}}
	s.dirs.Store("", struct{}{})
	if old != nil {
		_, err := os.Lstat(filepath.Join(absDest, updatingFile))
		s.trusted = errors.Is(err, fs.ErrNotExist)
	}
	if s.trusted {
		// Most of the old files come again: growing the map to a large
		// output's size rehashed it again and again, a visible part of a
		// warm build's CPU.
		s.files = make(map[string]Entry, len(old.Files))
		s.pending = map[string][]byte{}
		s.inPlace.Store(true)
		s.survey = startSurvey(absDest, old)
		return s, nil
	}
	if err := s.stage(display); err != nil {
		return nil, err
	}
	return s, nil
}

// stagingPrefix begins the scratch names (see package scratch) of the
// staging folders beside dest; a staged commit that falls back to two
// renames moves the previous output aside under the staging folder's
// name and oldSuffix.
func stagingPrefix(dest string) string { return "." + filepath.Base(dest) + ".staging-" }

const oldSuffix = ".old"

// stage makes the staging folder beside dest.
func (s *Staging) stage(display string) error {
	parent := filepath.Dir(s.dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	dir, err := scratch.Mkdir(parent, stagingPrefix(s.dest), "")
	if err != nil {
		return fmt.Errorf("%s: cannot stage the build: %w", display, err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		return err
	}
	s.dir = dir
	return nil
}

// open applies the safety rules to dest and returns it resolved, with the
// manifest of the build that wrote it (nil for a new or empty folder) and
// the sum of the manifest's bytes.
func open(dest, source, display string) (string, *Manifest, filesum.Sum, error) {
	absDest, err := resolve(dest)
	if err != nil {
		return "", nil, filesum.Sum{}, err
	}
	absSource, err := resolve(source)
	if err != nil {
		return "", nil, filesum.Sum{}, err
	}
	if err := checkPlace(absDest, absSource, display); err != nil {
		return "", nil, filesum.Sum{}, err
	}
	if err := recoverStaged(absDest); err != nil {
		return "", nil, filesum.Sum{}, fmt.Errorf("%s: %w", display, err)
	}
	m, sum, err := checkOwned(absDest, display)
	return absDest, m, sum, err
}

// recoverStaged undoes what a killed staged build left beside dest: a
// previous output it had moved aside and not yet replaced goes back to
// dest, and its staging folders go.
func recoverStaged(dest string) error {
	parent, prefix := filepath.Dir(dest), stagingPrefix(dest)
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
		entries, _ := os.ReadDir(parent)
		for _, e := range entries {
			if scratch.Abandoned(parent, e.Name(), prefix, oldSuffix) {
				if err := renameInUse(filepath.Join(parent, e.Name()), dest); err != nil {
					return fmt.Errorf("cannot put back the previous output: %w", err)
				}
				break
			}
		}
	}
	scratch.Clean(parent, prefix, "")
	scratch.Clean(parent, prefix, oldSuffix)
	return nil
}

// resolve makes p absolute with every existing symlink resolved.
func resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	// Resolve the longest existing prefix; the rest does not exist yet.
	rest := ""
	for cur := abs; ; cur = filepath.Dir(cur) {
		if real, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(real, rest), nil
		}
		if cur == filepath.Dir(cur) {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
	}
}

func within(child, parent string) bool {
	if child == parent {
		return true
	}
	rel, err := filepath.Rel(parent, child)
	return err == nil && filepath.IsLocal(rel)
}

// checkPlace refuses a destination that would clobber the source.
func checkPlace(dest, source, display string) error {
	if within(source, dest) {
		return fmt.Errorf("%s: refusing to write the site into its own source folder or an ancestor of it", display)
	}
	for _, d := range []string{"content", "layouts", "assets"} {
		if within(dest, filepath.Join(source, d)) {
			return fmt.Errorf("%s: refusing to write the site inside %s/", display, d)
		}
	}
	return nil
}

// checkOwned returns the manifest of the previous build in dest, and
// refuses a non-empty dest that has none: bulletin does not know it.
func checkOwned(dest, display string) (*Manifest, filesum.Sum, error) {
	info, err := os.Lstat(dest)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, filesum.Sum{}, nil
	}
	if err != nil {
		return nil, filesum.Sum{}, err
	}
	if !info.IsDir() {
		return nil, filesum.Sum{}, fmt.Errorf("%s: exists and is not a folder", display)
	}
	if b, err := os.ReadFile(filepath.Join(dest, ManifestFile)); err == nil {
		if m, err := parseManifest(b); err == nil {
			return m, filesum.Of(b), nil
		}
	}
	entries, err := os.ReadDir(dest)
	if err != nil {
		return nil, filesum.Sum{}, err
	}
	if len(entries) > 0 {
		return nil, filesum.Sum{}, fmt.Errorf("%s: holds files bulletin did not write (such as %s) and no %s; refusing to replace it: empty it or choose another --dest", display, entries[0].Name(), ManifestFile)
	}
	return nil, filesum.Sum{}, nil
}

// localPath checks that rel is a slash path that stays inside the output.
func localPath(rel string) (string, error) {
	native := filepath.FromSlash(rel)
	if rel == "" || !filepath.IsLocal(native) || strings.ContainsRune(rel, '\\') || rel == ManifestFile || rel == updatingFile {
		return "", fmt.Errorf("output path %q would leave the output folder", rel)
	}
	return native, nil
}

// Write stores one file of the output. It is safe for concurrent use.
func (s *Staging) Write(rel string, data []byte) error {
	return s.WriteSum(rel, data, filesum.Of(data))
}

// WriteSum is Write for a caller that has the Sum of data already.
func (s *Staging) WriteSum(rel string, data []byte, sum filesum.Sum) error {
	native, err := localPath(rel)
	if err != nil {
		return err
	}
	e := Entry{Size: int64(len(data)), Sum: sum.String()}
	if done, err := s.writeInPlace(rel, data, e); done {
		return err
	}
	if err := s.mkdir(filepath.Dir(native)); err != nil {
		return err
	}
	staged := filepath.Join(s.dir, native)
	if !s.unchanged(rel, e, data) || os.Link(filepath.Join(s.dest, native), staged) != nil {
		if err := writeNew(staged, data); err != nil {
			return err
		}
	}
	s.record(rel, e)
	return nil
}

// Keep makes rel the previous output's file, without its bytes, when the
// previous build's manifest lists it with exactly this Sum: a build
// that knows nothing the file was made from changed need not make it
// again. It reports false when it cannot (the file is not listed, or is
// listed with other bytes, or is gone, or Verify is set); the caller
// writes it then.
func (s *Staging) Keep(rel string, sum filesum.Sum) bool {
	native, err := localPath(rel)
	if err != nil || s.old == nil || s.opts.Verify {
		return false
	}
	var text [2 * len(filesum.Sum{})]byte // the sum as the manifest writes it, without allocating
	prev, ok := s.old.Files[rel]
	if !s.trusted || !ok || prev.Sum != string(sum.AppendHex(text[:0])) {
		return false
	}
	if done, kept := s.keepInPlace(rel, prev); done {
		return kept
	}
	if s.mkdir(filepath.Dir(native)) != nil || os.Link(filepath.Join(s.dest, native), filepath.Join(s.dir, native)) != nil {
		return false
	}
	s.record(rel, prev)
	return true
}

// unchanged reports whether the previous build wrote exactly e at rel
// (with Verify, and the file still holds data).
func (s *Staging) unchanged(rel string, e Entry, data []byte) bool {
	if s.old == nil || !s.trusted {
		return false
	}
	if prev, ok := s.old.Files[rel]; !ok || prev != e {
		return false
	}
	if s.opts.Verify {
		native, _ := localPath(rel) // checked by the caller
		there, err := os.ReadFile(filepath.Join(s.dest, native))
		return err == nil && bytes.Equal(there, data)
	}
	return true
}

// Copy stores a file read from fsys.
func (s *Staging) Copy(rel string, fsys fs.FS, name string) error {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	return s.Write(rel, data)
}

func (s *Staging) record(rel string, e Entry) {
	s.mu.Lock()
	s.files[rel] = e
	s.mu.Unlock()
}

// mkdir creates a folder of the staging tree once. The staging tree is
// new and only this build writes to it, so a folder's parent is known to
// exist once created: one mkdir call per folder, where os.MkdirAll would
// also stat every folder on the way (creating folders was a large part
// of a build's time on disk).
func (s *Staging) mkdir(native string) error {
	if native == "." || native == "" {
		return nil
	}
	if _, done := s.dirs.Load(native); done {
		return nil
	}
	if err := s.mkdir(filepath.Dir(native)); err != nil {
		return err
	}
	if err := os.Mkdir(filepath.Join(s.dir, native), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	s.dirs.Store(native, struct{}{})
	return nil
}

// Commit carries over what the new output keeps from the old one, writes
// the manifest and swaps the staging folder into place; or applies an
// update in place.
func (s *Staging) Commit() error {
	if err := s.checkRemovals(); err != nil {
		return err
	}
	if s.pending != nil {
		return s.commitInPlace()
	}
	distrust := false
	oldKnown := false // the output's manifest is the one of oldSum
	if lockable {
		// See hold.go: what another bulletin committed since this build
		// began is carried over as bulletin's; and if this build linked
		// files of the output it trusted (Keep, write-if-changed), the
		// new output has the mark: such a file may be the other's, not
		// the one the manifest lists. Where the lock is apart from the
		// folder it is taken even while there is no output: another
		// commit may be between the two renames of its swap (renameIn).
		h, err := hold(s.dest, true)
		if err != nil {
			return err
		}
		defer h.Close()
		if h.root != nil {
			now, changed := changedSince(h.root, s.old, s.oldSum)
			h.letGoOfFolder()
			if changed {
				distrust = s.trusted
				if now != nil {
					s.old = now
				}
			}
			oldKnown = !changed && s.old != nil
		}
	}
	if err := s.carryOver(); err != nil {
		return err
	}
	m := Manifest{Generator: "bulletin", Files: s.files}
	b, err := marshalManifest(m, s.old)
	if err != nil {
		return err
	}
	// The manifest is write-if-changed like every other file: the same
	// bytes are the previous manifest, linked.
	staged := filepath.Join(s.dir, ManifestFile)
	same := oldKnown && filesum.Of(b) == s.oldSum
	if !oldKnown && s.old != nil {
		old, err := os.ReadFile(filepath.Join(s.dest, ManifestFile))
		same = err == nil && bytes.Equal(old, b)
	}
	if !same || os.Link(filepath.Join(s.dest, ManifestFile), staged) != nil {
		if err := os.WriteFile(staged, b, 0o644); err != nil {
			return err
		}
	}
	if distrust {
		if err := os.WriteFile(filepath.Join(s.dir, updatingFile), nil, 0o644); err != nil {
			return err
		}
	}
	// Another bulletin's first build may put its output in place between
	// a look and a rename: the swap is tried again, an exchange now.
	for try := 0; ; try++ {
		if err := exchange(s.dir, s.dest); err == nil {
			return os.RemoveAll(s.dir) // the previous output, now
		}
		err := s.renameIn()
		if err == nil || try == 2 || !errors.Is(err, errDestAppeared) {
			return err
		}
	}
}

var errDestAppeared = errors.New("the output appeared while the new one was put in place")

// renameIn puts the staging folder in place of dest in two renames: a
// kill between them leaves no dest, and the next build puts the previous
// output back (recoverStaged).
func (s *Staging) renameIn() error {
	old := ""
	if _, err := os.Lstat(s.dest); err == nil {
		old = s.dir + oldSuffix
		if err := renameInUse(s.dest, old); err != nil {
			return fmt.Errorf("cannot move the previous output aside: %w", err)
		}
	}
	if err := renameInUse(s.dir, s.dest); err != nil {
		if old != "" {
			_ = os.Rename(old, s.dest)
		} else if errors.Is(err, fs.ErrExist) {
			return errDestAppeared
		}
		return fmt.Errorf("cannot move the new output into place: %w", err)
	}
	if old != "" {
		return scratch.RetryInUse(func() error { return os.RemoveAll(old) })
	}
	return nil
}

// renameInUse renames a folder, trying again while a file in it is open
// in another program (Windows refuses to move such a folder).
func renameInUse(from, to string) error {
	return scratch.RetryInUse(func() error { return os.Rename(from, to) })
}

// checkRemovals refuses a CleanDest commit that would remove more than
// half of the previous output's pages, unless Force.
func (s *Staging) checkRemovals() error {
	if !s.opts.CleanDest || s.opts.Force || s.old == nil {
		return nil
	}
	pages, removed := 0, 0
	for rel := range s.old.Files {
		if !strings.HasSuffix(rel, ".html") {
			continue
		}
		pages++
		if _, produced := s.files[rel]; !produced {
			removed++
		}
	}
	if 2*removed > pages {
		return fmt.Errorf("%s: --clean-dest would remove %d of the %d pages it holds; refusing to unpublish more than half of the site: check the source, or add --force if that is meant", s.display, removed, pages)
	}
	return nil
}

// carryOver links into the new output the files of the old one it keeps:
// those bulletin did not write, and those an earlier build wrote that this
// one does not (unless CleanDest). A file bulletin did not write that
// stands where this build writes is an error: it would be lost.
func (s *Staging) carryOver() error {
	if s.old == nil {
		return nil
	}
	return filepath.WalkDir(s.dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(s.dest, p)
		rel = filepath.ToSlash(rel)
		if rel == "." || rel == ManifestFile || rel == updatingFile {
			return nil // the new output gets a manifest of its own, and no mark
		}
		if !d.IsDir() && isTemp(d.Name()) {
			return nil // left by a killed build: never carried, never deployed
		}
		prev, ours := s.old.Files[rel]
		_, produced := s.files[rel]
		switch {
		case d.IsDir():
			// Folders come with the files carried into them; an empty one
			// (git keeps some) is kept as it is.
			if entries, err := os.ReadDir(p); err == nil && len(entries) == 0 {
				return s.mkdir(filepath.FromSlash(rel))
			}
			return nil
		case produced && !ours:
			return fmt.Errorf("%s: a file bulletin did not write is where this build writes; move it away", filepath.Join(filepath.Base(s.dest), filepath.FromSlash(rel)))
		case produced:
			return nil
		case ours && s.dropped(rel):
			return nil // gone from the site: dropped
		}
		if err := s.mkdir(filepath.FromSlash(filepath.Dir(rel))); err != nil {
			return err
		}
		if err := linkOrCopy(p, filepath.Join(s.dir, filepath.FromSlash(rel))); err != nil {
			return err
		}
		if ours {
			s.files[rel] = prev // still bulletin's: a later --clean-dest may drop it
			s.stale = append(s.stale, rel)
		}
		return nil
	})
}

// linkOrCopy makes dst the same file as src: a hard link (which keeps its
// modification time), or a copy where links are not possible.
func linkOrCopy(src, dst string) error {
	if err := os.Link(src, dst); err == nil {
		return nil
	}
	info, err := os.Lstat(src)
	if err != nil {
		return err
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		target, err := os.Readlink(src)
		if err != nil {
			return err
		}
		return os.Symlink(target, dst)
	}
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if err := os.WriteFile(dst, data, info.Mode().Perm()); err != nil {
		return err
	}
	return os.Chtimes(dst, info.ModTime(), info.ModTime())
}

// Abort removes the staging folder, leaving the destination untouched.
func (s *Staging) Abort() {
	if s.dir != "" {
		_ = os.RemoveAll(s.dir)
	}
}
