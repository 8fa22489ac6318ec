// Package jekyll reads a Jekyll site for the importer: _config.yml,
// posts under _posts (and <category>/_posts) and _drafts, Markdown pages,
// and the site's images and attachments; and it converts Liquid to
// Markdown. It only reads the old site, never
// writes anything: the importer writes the bulletin site.
package jekyll

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	yaml "go.yaml.in/yaml/v4"

	"github.com/bulletin-ssg/bulletin/internal/importer"
)

type config struct {
	URL              string `yaml:"url"`
	BaseURL          string `yaml:"baseurl"`
	Permalink        string `yaml:"permalink"`
	Timezone         string `yaml:"timezone"`
	ExcerptSeparator string `yaml:"excerpt_separator"`
}

type reader struct {
	dir  string
	cfg  config
	src  *importer.Source
	zone *time.Location
}

// Read reads the Jekyll site at dir; dates without an offset are in its
// timezone setting, else in opts.Zone. A folder without _config.yml is
// read as a folder of posts named YYYY-MM-DD-title.md.
func Read(dir string, opts importer.ReadOptions) (*importer.Source, error) {
	cfg := config{Permalink: "date"}
	src := &importer.Source{Generator: "jekyll", HeadingID: HeadingID, ListSep: " ", Root: "/"}
	data, err := os.ReadFile(filepath.Join(dir, "_config.yml"))
	plain := os.IsNotExist(err)
	switch {
	case plain:
	case err != nil:
		return nil, err
	default:
		data, dups := importer.LastKeyWins("_config.yml", data, 0)
		src.Notes = append(src.Notes, dups...)
		if err := yaml.Unmarshal(data, &cfg); err != nil {
			src.Refused = append(src.Refused, importer.Note{File: "_config.yml", Msg: "settings not read: " + err.Error() + "; Jekyll's defaults used"})
		}
	}
	r := &reader{dir: dir, cfg: cfg, src: src, zone: opts.Zone}
	if cfg.Timezone != "" {
		if z, err := time.LoadLocation(cfg.Timezone); err == nil {
			src.Zone, r.zone = z, z
		} else {
			src.Refused = append(src.Refused, importer.Note{File: "_config.yml", Msg: "timezone " + cfg.Timezone + ": " + err.Error()})
		}
	}
	if b := strings.Trim(cfg.BaseURL, "/"); b != "" {
		src.Root = "/" + b + "/"
	}
	if cfg.URL != "" {
		src.Hosts = []string{strings.TrimSuffix(cfg.URL, "/") + strings.TrimSuffix(src.Root, "/")}
	}
	src.Convert = r.convert
	if plain {
		return src, r.posts(dir, "", nil, false)
	}
	return src, r.site()
}

// site walks the site: _posts folders (at the root or under category
// folders), _drafts, pages and files.
func (r *reader) site() error {
	var postDirs []string
	var pages, files []string
	err := filepath.WalkDir(r.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(r.dir, p)
		rel = filepath.ToSlash(rel)
		if rel == "." {
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			switch {
			case name == "_posts":
				postDirs = append(postDirs, rel)
				return fs.SkipDir
			case name == "_drafts" && !strings.Contains(rel, "/"):
				if err := r.posts(p, rel+"/", nil, true); err != nil {
					return err
				}
				return fs.SkipDir
			case strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".") || excluded[name]:
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".") || excluded[name] {
			return nil
		}
		if isMarkdown(name) {
			pages = append(pages, rel)
		} else if attachment(name) {
			files = append(files, rel)
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.Strings(postDirs)
	for _, d := range postDirs {
		var cats []string
		if parent := path.Dir(d); parent != "." {
			cats = strings.Split(parent, "/")
		}
		if err := r.posts(filepath.Join(r.dir, filepath.FromSlash(d)), d+"/", cats, false); err != nil {
			return err
		}
	}
	for _, rel := range pages {
		r.page(rel)
	}
	for _, rel := range files {
		if ok, why := importer.Copyable(rel); !ok {
			r.src.Refused = append(r.src.Refused, importer.Note{File: rel, Msg: why})
			continue
		}
		r.src.Files = append(r.src.Files, importer.StaticFile{Src: filepath.Join(r.dir, filepath.FromSlash(rel)), File: rel, Path: rel})
	}
	return nil
}

// excluded are what Jekyll leaves out of a site by default.
var excluded = map[string]bool{"Gemfile": true, "Gemfile.lock": true, "node_modules": true, "vendor": true,
	"README.md": true, "LICENSE": true, "LICENSE.md": true, "CHANGELOG.md": true, "package.json": true}

func isMarkdown(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".markdown", ".mkdown", ".mkdn", ".mkd":
		return true
	}
	return false
}

// attachment reports whether a file is an image or a document posts link
// to; the old theme's styles and scripts are left behind.
func attachment(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif", ".ico", ".bmp",
		".pdf", ".zip", ".gz", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".txt", ".csv",
		".mp3", ".mp4", ".webm", ".ogg", ".wav", ".mov":
		return true
	}
	return name == "CNAME"
}

// read reads one file; a file that cannot be read is refused.
func (r *reader) read(abs, shown string) *importer.Post {
	return r.src.ReadPost(abs, shown, false)
}
