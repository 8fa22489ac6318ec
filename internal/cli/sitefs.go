package cli

import (
	"io/fs"
	"os"
	"path"
	"sync"
)

// siteFS is an os.Root's file system with each folder's Root kept for
// reading files. root.FS() opens a file by walking its path a folder at a
// time (an openat and a close for each of content/, news/, 2024/ before
// the file itself), a noticeable part of a cold build's CPU on a large
// site; here a file is read from its folder's Root, opened once. A folder's Root
// refuses what the site's refuses (nothing leaves the site); it also
// refuses a link to a file in another folder of the site, which the site's
// Root follows: any error from the folder's Root is answered by the
// site's, whose answer stands. Everything else is the site's Root's. A
// folder's Root is the folder it first opened, whatever is renamed since:
// for one build (openSourceOnce), not for a session.
type siteFS struct {
	root    *os.Root
	fsys    fs.FS    // root.FS()
	folders sync.Map // folder name -> *os.Root, or nil when it failed to open
}

func newSiteFS(root *os.Root) *siteFS { return &siteFS{root: root, fsys: root.FS()} }

func (s *siteFS) ReadFile(name string) ([]byte, error) {
	if dir, file := path.Split(name); dir != "" && fs.ValidPath(name) {
		if folder := s.folder(dir[:len(dir)-1]); folder != nil {
			if data, err := folder.ReadFile(file); err == nil {
				return data, nil
			}
		}
	}
	return fs.ReadFile(s.fsys, name)
}

// folder returns the Root of a folder of the site, opened the first time.
func (s *siteFS) folder(dir string) *os.Root {
	if r, ok := s.folders.Load(dir); ok {
		return r.(*os.Root)
	}
	r, err := s.root.OpenRoot(dir)
	if err != nil {
		r = nil
	}
	if old, loaded := s.folders.LoadOrStore(dir, r); loaded {
		if r != nil {
			r.Close()
		}
		return old.(*os.Root)
	}
	return r
}

// close closes every folder's Root and the site's: an open folder cannot
// be renamed or removed on Windows, and a process that runs commands one
// after another (the tests) must not keep them.
func (s *siteFS) close() {
	s.folders.Range(func(_, r any) bool {
		if r, ok := r.(*os.Root); ok && r != nil {
			r.Close()
		}
		return true
	})
	s.root.Close()
}

func (s *siteFS) Open(name string) (fs.File, error)          { return s.fsys.Open(name) }
func (s *siteFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(s.fsys, name) }
func (s *siteFS) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(s.fsys, name) }
func (s *siteFS) Lstat(name string) (fs.FileInfo, error)     { return fs.Lstat(s.fsys, name) }
func (s *siteFS) ReadLink(name string) (string, error)       { return fs.ReadLink(s.fsys, name) }
