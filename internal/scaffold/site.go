package scaffold

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"text/template"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/dates"
)

//go:embed skeleton
var skeleton embed.FS

var skeletonTemplates = template.Must(template.New("").Option("missingkey=error").ParseFS(skeleton, "skeleton/*.md"))

// SiteOptions say what a new site holds.
type SiteOptions struct {
	Lang Lang
	Now  time.Time // the welcome article's time of issue, read in the site's zone
	// Theme is the built-in theme (layouts/, assets/); with WithLayouts its
	// layouts and stylesheet are copied into the site, to be edited there.
	Theme       fs.FS
	WithLayouts bool
}

// Site returns the files of a new site, in the order they are written.
func Site(opts SiteOptions) ([]File, error) {
	if opts.Lang != English {
		opts.Lang = Chinese
	}
	w := wordsFor(opts.Lang)
	zone, err := dates.LoadZone(w.Timezone)
	if err != nil {
		return nil, err
	}
	now := opts.Now.In(zone)
	welcome := "content/news/" + now.Format("2006-01-02") + "-welcome.md"
	data := struct {
		*words
		Date, Path string
	}{w, now.Format(DateLayout), welcome}

	var files []File
	for _, f := range []struct{ path, template string }{
		{"content/_index.md", "home.md"},
		{"content/news/_index.md", "section.md"},
		{welcome, "welcome." + string(opts.Lang) + ".md"},
	} {
		var b bytes.Buffer
		if err := skeletonTemplates.ExecuteTemplate(&b, f.template, data); err != nil {
			return nil, err
		}
		files = append(files, File{Path: f.path, Data: b.Bytes()})
	}
	files = append(files, File{Path: ".gitignore", Data: []byte("public/\n.bulletin/\n")})
	if opts.WithLayouts {
		theme, err := themeFiles(opts.Theme)
		if err != nil {
			return nil, err
		}
		files = append(files, theme...)
	}
	return files, nil
}

// themeFiles are every file of the theme's layouts/ and its stylesheet.
func themeFiles(theme fs.FS) ([]File, error) {
	if theme == nil {
		return nil, fmt.Errorf("no built-in theme to copy layouts from")
	}
	var files []File
	err := fs.WalkDir(theme, "layouts", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(theme, p)
		files = append(files, File{Path: p, Data: data})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("built-in theme: %w", err)
	}
	const css = "assets/css/style.css"
	data, err := fs.ReadFile(theme, css)
	if err != nil {
		return nil, fmt.Errorf("built-in theme: %w", err)
	}
	return append(files, File{Path: css, Data: data}), nil
}
