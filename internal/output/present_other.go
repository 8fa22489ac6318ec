//go:build !unix

package output

import (
	"os"
	"path/filepath"
)

// regularFiles reports, for each of names (native paths under dest),
// whether it is a regular file now.
func regularFiles(dest string, names []string) []bool {
	regular := make([]bool, len(names))
	for i, name := range names {
		info, err := os.Lstat(filepath.Join(dest, name))
		regular[i] = err == nil && info.Mode().IsRegular()
	}
	return regular
}
