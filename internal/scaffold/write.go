package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
)

// File is one file to write, its Path slash-separated and relative to the
// folder it goes into.
type File struct {
	Path string
	Data []byte
}

// NotEmptyError is a folder a new site cannot go into.
type NotEmptyError struct {
	Dir    string
	Reason string // "is not empty (it holds README.md)", "is a file"
}

func (e *NotEmptyError) Error() string {
	return e.Dir + " " + e.Reason + ": a new site goes into a new or empty folder"
}

// CreateSite writes files into dir, which must be absent or an empty
// folder; it makes dir and the folders below it as needed.
func CreateSite(dir string, files []File) error {
	// Stat first: on Windows reading a file as a folder says "not found".
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return err
	case !info.IsDir():
		return &NotEmptyError{Dir: dir, Reason: "is a file"}
	default:
		entries, err := os.ReadDir(dir)
		if err != nil {
			return err
		}
		if len(entries) > 0 {
			return &NotEmptyError{Dir: dir, Reason: "is not empty (it holds " + entries[0].Name() + ")"}
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range files {
		if err := WriteNew(dir, f); err != nil {
			return err
		}
	}
	return nil
}

// WriteNew creates f inside dir, and the folders above it, without ever
// replacing a file: when f.Path exists the error names it and wraps
// fs.ErrExist. f.Path cannot leave dir, through .. or a symlink.
func WriteNew(dir string, f File) error {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	if err := root.MkdirAll(path.Dir(f.Path), 0o755); err != nil {
		return fmt.Errorf("%s: %w", path.Dir(f.Path), err)
	}
	out, err := root.OpenFile(f.Path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return &ExistsError{Path: f.Path}
	}
	if err != nil {
		return err
	}
	_, err = out.Write(f.Data)
	if closeErr := out.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		_ = root.Remove(f.Path) // no half-written file
		return fmt.Errorf("%s: %w", f.Path, err)
	}
	return nil
}

// ExistsError is a file WriteNew refused to replace.
type ExistsError struct{ Path string }

func (e *ExistsError) Error() string {
	return e.Path + ": already exists; not overwritten"
}

func (e *ExistsError) Unwrap() error { return fs.ErrExist }
