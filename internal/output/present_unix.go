//go:build unix

package output

import (
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// regularFiles reports, for each of names (native paths under dest),
// whether it is a regular file now.
//
// Each is looked at relative to a descriptor of its parent's parent:
// "news/2017/01/launch/index.html" from news/2017/01, found in two steps
// instead of the eight of an absolute path. A kept page is a file in a
// folder of its own, so those folders are as many as the files, but
// their parents are few (a month's articles share one), and the lookup
// of each path step was most of the lstat per file a warm build of a
// large site makes.
//
// A folder that holds many of the files (a photo's page, with the
// photo's variants beside it) is read instead: one listing gives each
// entry's type in a few system calls.
func regularFiles(dest string, names []string) []bool {
	regular := make([]bool, len(names))
	byParent := map[string][]int{}
	for i, name := range names {
		parent := filepath.Dir(name)
		byParent[parent] = append(byParent[parent], i)
	}
	byDir := map[string][]int{}
	for parent, files := range byParent {
		if len(files) >= listedAtLeast {
			listFolder(filepath.Join(dest, parent), names, files, regular)
			continue
		}
		dir := filepath.Dir(parent)
		byDir[dir] = append(byDir[dir], files...)
	}
	for dir, files := range byDir {
		fd, err := openDir(filepath.Join(dest, dir))
		if err != nil {
			continue // gone, or no longer a folder: so are its files
		}
		for _, i := range files {
			name := names[i]
			if dir != "." {
				name = name[len(dir)+1:]
			}
			var st unix.Stat_t
			if fstatat(fd, name, &st) == nil && st.Mode&unix.S_IFMT == unix.S_IFREG {
				regular[i] = true
			}
		}
		unix.Close(fd)
	}
	return regular
}

// listedAtLeast is how many of a folder's files regularFiles looks for
// before it reads the folder rather than looking each one up.
const listedAtLeast = 4

// listFolder sets regular[i] for each of files (indexes of names, all in
// the folder dir) that dir lists as a regular file.
func listFolder(dir string, names []string, files []int, regular []bool) {
	fd, err := openDir(dir)
	if err != nil {
		return // gone, or no longer a folder: so are its files
	}
	f := os.NewFile(uintptr(fd), dir)
	entries, err := f.ReadDir(-1)
	f.Close()
	if err != nil {
		return // taken as gone: written again
	}
	types := make(map[string]fs.FileMode, len(entries))
	for _, e := range entries {
		types[e.Name()] = e.Type() // the listing's, or the entry's own lstat where the system gives none
	}
	for _, i := range files {
		t, ok := types[filepath.Base(names[i])]
		regular[i] = ok && t.IsRegular()
	}
}

func openDir(path string) (int, error) {
	for {
		fd, err := unix.Open(path, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
		if err != unix.EINTR {
			return fd, err
		}
	}
}

func fstatat(dir int, name string, st *unix.Stat_t) error {
	for {
		err := unix.Fstatat(dir, name, st, unix.AT_SYMLINK_NOFOLLOW)
		if err != unix.EINTR {
			return err
		}
	}
}
