package output

import (
	"errors"
	"io/fs"
	"os"

	"github.com/bulletin-ssg/bulletin/internal/filesum"
)

// Two bulletins may write one output at once (two builds; bulletin watch
// while an author builds). Each commit into an existing output holds a
// lock on the output folder (hold), so that commits never interleave: an
// update in place never clears the mark of another one still running,
// and a staged commit never swaps the folder away under one. A commit
// that finds the output changed since its build began (another commit
// came between: the manifest is not the one it read, or another update
// left its mark) knows its idea of the output is out of date: the files
// the other wrote stay listed as bulletin's, and an update in place
// leaves the mark, so that the next build writes the whole output again.

// held is the output folder, open and locked until Close.
type held struct {
	root   *os.Root
	dir    *os.File // holds the lock where the system locks folders
	unlock func()   // gives it back where it does not (Windows)
}

// hold opens the output folder dest and takes its lock, waiting for
// another bulletin's commit into it to end. That commit may have swapped
// a new folder into dest meanwhile: the lock is then taken on that one.
// With absentOK, a dest that does not exist is no error: the held has no
// folder (and a lock only where the lock is apart from the folder).
func hold(dest string, absentOK bool) (*held, error) {
	unlock := lockPath(dest) // before the folder is opened: see lockPath
	for {
		root, err := os.OpenRoot(dest)
		if absentOK && errors.Is(err, fs.ErrNotExist) {
			return &held{unlock: unlock}, nil
		}
		if err != nil {
			unlock()
			return nil, err
		}
		dir, err := root.Open(".")
		if err != nil {
			root.Close()
			unlock()
			return nil, err
		}
		lockDir(dir)
		a, err := dir.Stat()
		b, err2 := os.Stat(dest)
		if err == nil && err2 == nil && os.SameFile(a, b) {
			return &held{root: root, dir: dir, unlock: unlock}, nil
		}
		dir.Close()
		root.Close()
		if err2 != nil {
			unlock()
			return nil, err2
		}
	}
}

// letGoOfFolder closes the output folder but keeps the lock, where the
// lock does not live in the folder's handle (Windows, which renames no
// folder another handle holds open): a staged commit swaps the folder
// away while it holds the lock. Elsewhere it does nothing.
func (h *held) letGoOfFolder() {
	if lockInFolder || h.dir == nil {
		return
	}
	h.dir.Close()
	h.root.Close()
	h.dir, h.root = nil, nil
}

// Close gives the lock back.
func (h *held) Close() {
	if h.dir != nil {
		h.dir.Close()
		h.root.Close()
	}
	h.unlock()
}

// changedSince reports whether the manifest of the output root holds is
// not the one a build found (then, and the sum of its bytes): another
// commit came between. It returns the manifest the output holds now, read
// only when it changed (nil if there is none or it does not read).
func changedSince(root *os.Root, then *Manifest, sum filesum.Sum) (*Manifest, bool) {
	b, err := root.ReadFile(ManifestFile)
	if err != nil {
		return nil, then != nil
	}
	if then != nil && filesum.Of(b) == sum {
		return nil, false
	}
	now, err := parseManifest(b)
	if err != nil {
		return nil, then != nil
	}
	return now, true
}

// marked reports whether the output root holds has the mark of an
// unfinished update.
func marked(root *os.Root) bool {
	_, err := root.Lstat(updatingFile)
	return !errors.Is(err, fs.ErrNotExist)
}

// clearMark removes the mark of an unfinished update.
func clearMark(root *os.Root) error {
	if err := root.Remove(updatingFile); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}
