package scratch

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// A Folder is where Replace writes: a Dir, or an *os.Root, through which
// nothing is written, renamed or removed outside its folder, whatever
// links the folder holds. Names are relative to the folder.
type Folder interface {
	OpenFile(name string, flag int, perm fs.FileMode) (*os.File, error)
	Open(name string) (*os.File, error)
	Rename(oldname, newname string) error
	Remove(name string) error
}

// Dir is the folder at a path, as a Folder: names are joined to it.
type Dir string

func (d Dir) path(name string) string { return filepath.Join(string(d), name) }

func (d Dir) OpenFile(name string, flag int, perm fs.FileMode) (*os.File, error) {
	return os.OpenFile(d.path(name), flag, perm)
}

func (d Dir) Open(name string) (*os.File, error) { return os.Open(d.path(name)) }
func (d Dir) Rename(oldname, newname string) error {
	return os.Rename(d.path(oldname), d.path(newname))
}
func (d Dir) Remove(name string) error { return os.Remove(d.path(name)) }

// Replace is how bulletin writes a file another process may read (a
// cache file, an output page, a manifest): into a scratch file beside it,
// renamed over it once whole. A reader (another bulletin, a browser, a
// sync tool) finds the old file or the new one, never part of one, and
// a process killed before the rename leaves a scratch file that Clean
// removes later.
type Replace struct {
	Prefix, Suffix string // of the scratch file's name (see Name)
	// Sync writes the file's bytes to the disk before the rename, and
	// the rename itself before Commit returns: after a power cut the name
	// holds the old bytes or the new, never a new name over bytes that
	// never reached the disk. It costs a wait for the disk, twice: it is
	// for what a later build trusts without reading it all again, not for
	// every page of an output.
	Sync bool
}

// File is a scratch file of Replace being written; Commit renames it
// over its target, Abort removes it.
type File struct {
	*os.File
	in   Folder
	name string // under in
	sync bool
}

// Create makes a new scratch file, for reading and writing, in the
// folder dir of in ("." for in itself).
func (r Replace) Create(in Folder, dir string) (*File, error) {
	for {
		name := filepath.Join(dir, Name(r.Prefix, r.Suffix))
		f, err := in.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err == nil {
			return &File{File: f, in: in, name: name, sync: r.Sync}, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, err
		}
	}
}

// Commit gives the file permissions perm and renames it to name (under
// the same Folder), replacing what name held. On failure the scratch
// file is gone and name is as it was, unless the rename was done and
// only syncing its folder failed.
func (f *File) Commit(name string, perm fs.FileMode) error {
	err := f.Chmod(perm)
	if err == nil && f.sync {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = RetryInUse(func() error { return f.in.Rename(f.name, name) })
	}
	if err != nil {
		_ = f.in.Remove(f.name)
		return err
	}
	if f.sync {
		return syncDir(f.in, filepath.Dir(name))
	}
	return nil
}

// Abort closes and removes the scratch file.
func (f *File) Abort() {
	_ = f.Close()
	_ = f.in.Remove(f.name)
}

// WriteFile writes data as the file name of in, with permissions perm,
// through a scratch file in the same folder (see Commit).
func (r Replace) WriteFile(in Folder, name string, data []byte, perm fs.FileMode) error {
	f, err := r.Create(in, filepath.Dir(name))
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Abort()
		return err
	}
	return f.Commit(name, perm)
}
