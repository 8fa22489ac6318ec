//go:build unix

package output

import (
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
func regularFiles(dest string, names []string) []bool {
	regular := make([]bool, len(names))
	byDir := map[string][]int{}
	for i, name := range names {
		dir := filepath.Dir(filepath.Dir(name))
		byDir[dir] = append(byDir[dir], i)
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
