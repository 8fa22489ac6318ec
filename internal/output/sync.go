package output

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/bulletin-ssg/bulletin/internal/filesum"
	"github.com/bulletin-ssg/bulletin/internal/scratch"
)

// Folder is an output folder kept up to date in place (bulletin watch):
// each Sync writes the files that changed, removes the files bulletin
// wrote earlier that are gone, and rewrites the manifest. The same
// safety rules as Begin apply; every path goes through an os.Root of the
// folder, so a link in it (public/downloads made a link to another
// folder) is never written, renamed or removed through. While a Sync
// runs, the folder holds the mark of an unfinished update: a Sync cut
// short by a kill makes the next build write the whole output again,
// dropping what the Sync left half done.
type Folder struct {
	dest    string
	display string
	files   map[string]Entry // what the folder holds now, by bulletin
	sum     filesum.Sum      // of the manifest last read or written
	// changed: another bulletin wrote into the folder since it was
	// opened (see hold.go); files no longer says what the folder holds,
	// and every Sync leaves the mark.
	changed bool
	marked  bool // the last Sync left the mark
}

// OpenFolder checks dest against the source folder and reads its manifest.
func OpenFolder(dest, source, display string) (*Folder, error) {
	absDest, m, sum, err := open(dest, source, display)
	if err != nil {
		return nil, err
	}
	f := &Folder{dest: absDest, display: display, files: map[string]Entry{}, sum: sum}
	if m != nil {
		f.files = m.Files
	}
	return f, nil
}

// Files is a build's output by output-relative path (a session's renders
// pages when asked). Get returns an error matching fs.ErrNotExist for a
// file the output does not have.
type Files interface {
	Get(rel string) ([]byte, error)
	Has(rel string) bool
}

// Sync makes the folder hold exactly files. Only the files named in
// changed are compared and written (a file whose bytes on disk are already
// the same keeps its modification time); files of the previous manifest
// that files lacks are removed.
func (f *Folder) Sync(files Files, changed []string) error {
	if err := os.MkdirAll(f.dest, 0o755); err != nil {
		return err
	}
	h, err := hold(f.dest, false)
	if err != nil {
		return err
	}
	defer h.Close()
	root := h.root
	var then *Manifest
	if f.sum != (filesum.Sum{}) {
		then = &Manifest{} // one was read or written: changedSince compares sums
	}
	now, foreign := changedSince(root, then, f.sum)
	if foreign = foreign || !f.marked && marked(root); foreign && !f.changed {
		f.changed = true
		if now != nil {
			for rel, e := range now.Files {
				if _, ok := f.files[rel]; !ok {
					f.files[rel] = e // the other's: still bulletin's
				}
			}
		}
	}
	if err := markUpdating(root); err != nil {
		return err
	}
	f.marked = true
	var errs []error
	for _, rel := range changed {
		data, err := files.Get(rel)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err == nil {
			err = f.writeIfChanged(root, rel, data)
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	for rel := range f.files {
		if files.Has(rel) {
			continue
		}
		native, err := localPath(rel)
		if err != nil {
			continue // never remove a path that is not ours to remove
		}
		if err := scratch.RetryInUse(func() error { return root.Remove(native) }); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
			continue
		}
		delete(f.files, rel)
		removeEmptyParents(root, filepath.Dir(native))
	}
	if len(errs) > 0 {
		return errors.Join(errs...) // the mark stays: the folder is not what a manifest says
	}
	var onDisk filesum.Sum
	if !foreign {
		onDisk = f.sum // the manifest read or written last, checked above
	}
	sum, err := writeManifest(root, f.files, nil, onDisk) // files is changed in place: no earlier order to go by
	if err != nil {
		return err
	}
	f.sum = sum
	if f.changed {
		return nil // the mark stays: the folder is partly another's
	}
	if err := clearMark(root); err != nil {
		return err
	}
	f.marked = false
	return nil
}

// writeManifest writes the manifest of files under root, unless it holds
// these bytes already: like every other file, it keeps its modification
// time when nothing changed. onDisk is the sum of the manifest root holds,
// when the caller knows it (it read it under the commit's lock), so that
// it is not read again; zero when not known. It returns the sum of the
// manifest's bytes. prev is the manifest read before, or nil: see
// sortedNames.
func writeManifest(root *os.Root, files map[string]Entry, prev *Manifest, onDisk filesum.Sum) (filesum.Sum, error) {
	b, err := marshalManifest(Manifest{Generator: "bulletin", Files: files}, prev)
	if err != nil {
		return filesum.Sum{}, err
	}
	sum := filesum.Of(b)
	if onDisk != (filesum.Sum{}) {
		if sum == onDisk {
			return sum, nil
		}
	} else if old, err := root.ReadFile(ManifestFile); err == nil && bytes.Equal(old, b) {
		return sum, nil
	}
	return sum, replaceSynced.WriteFile(root, ManifestFile, b, 0o644)
}

func (f *Folder) writeIfChanged(root *os.Root, rel string, data []byte) error {
	native, err := localPath(rel)
	if err != nil {
		return err
	}
	entry := Entry{Size: int64(len(data)), Sum: filesum.Of(data).String()}
	if old, err := root.ReadFile(native); err == nil && bytes.Equal(old, data) {
		f.files[rel] = entry
		return nil
	}
	if err := root.MkdirAll(filepath.Dir(native), 0o755); err != nil {
		return fmt.Errorf("%s: %w", f.display, err)
	}
	if err := replacePage.WriteFile(root, native, data, 0o644); err != nil {
		return fmt.Errorf("%s: %w", f.display, err)
	}
	f.files[rel] = entry
	return nil
}

// A file written in place goes through a scratch file beside it and a
// rename (scratch.Replace), so a reader (a browser, a sync tool) never
// sees half a file. Pages are not synced, the mark and the manifest are
// (see "Syncing" in the package comment).
var (
	replacePage   = scratch.Replace{Prefix: tempPrefix, Suffix: tempSuffix}
	replaceSynced = scratch.Replace{Prefix: tempPrefix, Suffix: tempSuffix, Sync: true}
)

// markUpdating writes the mark of an unfinished update, synced: it must
// be on the disk before any file of the update is renamed into place.
func markUpdating(root *os.Root) error {
	return replaceSynced.WriteFile(root, updatingFile, nil, 0o644)
}

// removeEmptyParents removes dir and its parents under root while empty.
func removeEmptyParents(root *os.Root, dir string) {
	for dir != "." && dir != "" {
		if err := root.Remove(dir); err != nil {
			return // not empty, or gone
		}
		dir = filepath.Dir(dir)
	}
}
