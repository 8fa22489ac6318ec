package scaffold

import (
	"errors"
	"io/fs"

	"github.com/bulletin-ssg/bulletin/internal/config"
	"github.com/bulletin-ssg/bulletin/internal/diag"
	"github.com/bulletin-ssg/bulletin/internal/frontmatter"
)

// ErrNotSite is returned for a folder without content/.
var ErrNotSite = errors.New("not a bulletin site: it has no content/ folder (make one with bulletin new site DIR)")

const settingsFile = "content/_index.md"

// ReadSettings reads the settings of the site in fsys as the build does:
// the front matter of content/_index.md, the defaults (UTC) when that file
// is missing. An error names the file, line and column.
func ReadSettings(fsys fs.FS) (*config.Settings, error) {
	if info, err := fs.Stat(fsys, "content"); err != nil || !info.IsDir() {
		return nil, ErrNotSite
	}
	m := &frontmatter.Matter{Fields: map[string]any{}, Pos: map[string]frontmatter.Position{}}
	data, err := fs.ReadFile(fsys, settingsFile)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, diag.At(settingsFile, 0, 0, "%v", err)
	default:
		if m, err = frontmatter.Parse(data); err != nil {
			var fe *frontmatter.Error
			if errors.As(err, &fe) {
				return nil, diag.At(settingsFile, fe.Pos.Line, fe.Pos.Col, "%s", fe.Msg)
			}
			return nil, diag.At(settingsFile, 0, 0, "%v", err)
		}
	}
	return config.Parse(settingsFile, m, "")
}
