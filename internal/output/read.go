package output

import (
	"errors"
	"fmt"
	"io/fs"
)

// ManifestOf reads the manifest of the finished build in fsys (an
// output folder), for a command that works on what build wrote (bulletin
// push). An output whose update in place did not finish is refused: its
// manifest may list bytes that some of its files do not hold yet.
func ManifestOf(fsys fs.FS) (*Manifest, error) {
	if _, err := fs.Stat(fsys, updatingFile); !errors.Is(err, fs.ErrNotExist) {
		return nil, errors.New("an update of the output did not finish: build the site again")
	}
	b, err := fs.ReadFile(fsys, ManifestFile)
	if err != nil {
		return nil, err
	}
	m, err := parseManifest(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", ManifestFile, err)
	}
	return m, nil
}
