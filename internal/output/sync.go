package output

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/bulletin-ssg/bulletin/internal/filesum"
)

// Folder is an output folder kept up to date in place (bulletin watch):
// each Sync writes the files that changed, removes the files bulletin
// wrote earlier that are gone, and rewrites the manifest. The same
// safety rules as Begin apply.
type Folder struct {
	dest    string
	display string
	files   map[string]Entry // what the folder holds now, by bulletin
}

// OpenFolder checks dest against the source folder and reads its manifest.
func OpenFolder(dest, source, display string) (*Folder, error) {
	absDest, m, err := open(dest, source, display)
	if err != nil {
		return nil, err
	}
	f := &Folder{dest: absDest, display: display, files: map[string]Entry{}}
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
	var errs []error
	for _, rel := range changed {
		data, err := files.Get(rel)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err == nil {
			err = f.writeIfChanged(rel, data)
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
		if err := os.Remove(filepath.Join(f.dest, native)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
			continue
		}
		delete(f.files, rel)
		removeEmptyParents(f.dest, filepath.Dir(native))
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	b, err := marshalManifest(Manifest{Generator: "bulletin", Files: f.files})
	if err != nil {
		return err
	}
	return writeAtomic(filepath.Join(f.dest, ManifestFile), b)
}

func (f *Folder) writeIfChanged(rel string, data []byte) error {
	native, err := localPath(rel)
	if err != nil {
		return err
	}
	entry := Entry{Size: int64(len(data)), Sum: filesum.Of(data).String()}
	full := filepath.Join(f.dest, native)
	if old, err := os.ReadFile(full); err == nil && bytes.Equal(old, data) {
		f.files[rel] = entry
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return err
	}
	if err := writeAtomic(full, data); err != nil {
		return fmt.Errorf("%s: %w", f.display, err)
	}
	f.files[rel] = entry
	return nil
}

// writeAtomic writes through a temporary file and a rename, so a reader
// (a browser, a sync tool) never sees half a file.
func writeAtomic(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), ".bulletin-*.tmp")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(tmp.Name(), 0o644)
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), name)
	}
	if werr != nil {
		_ = os.Remove(tmp.Name())
	}
	return werr
}

// removeEmptyParents removes dir and its parents below root while empty.
func removeEmptyParents(root, dir string) {
	for dir != "." && dir != "" {
		if err := os.Remove(filepath.Join(root, dir)); err != nil {
			return // not empty, or gone
		}
		dir = filepath.Dir(dir)
	}
}
