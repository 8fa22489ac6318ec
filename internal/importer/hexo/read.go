// Package hexo reads a Hexo site for the importer: _config.yml, posts
// under source/_posts (and drafts under source/_drafts), pages under
// source/, post asset folders, and the other files of source/; and it
// converts Hexo's tag plugins to Markdown. It only reads the old site, never
// writes anything: the importer writes the bulletin site.
package hexo

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	yaml "go.yaml.in/yaml/v4"

	"github.com/bulletin-ssg/bulletin/internal/importer"
)

// config is what the importer needs of _config.yml.
type config struct {
	URL       string `yaml:"url"`
	Root      string `yaml:"root"`
	Permalink string `yaml:"permalink"`
	Timezone  string `yaml:"timezone"`
	SourceDir string `yaml:"source_dir"`
	// DefaultCategory fills :category for a post without one.
	DefaultCategory string `yaml:"default_category"`
}

// Read reads the Hexo site at dir; dates without an offset are in its
// timezone setting, else in opts.Zone. A folder without _config.yml is taken
// as a folder of posts, each with its asset folder beside it.
func Read(dir string, opts importer.ReadOptions) (*importer.Source, error) {
	cfg := config{Permalink: ":year/:month/:day/:title/", Root: "/", SourceDir: "source", DefaultCategory: "uncategorized"}
	src := &importer.Source{Generator: "hexo", HeadingID: HeadingID}
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
			src.Refused = append(src.Refused, importer.Note{File: "_config.yml", Line: yamlLine(err), Msg: "settings not read: " + err.Error() + "; Hexo's defaults used"})
		}
	}
	if cfg.Timezone != "" {
		z, err := time.LoadLocation(cfg.Timezone)
		if err != nil {
			src.Refused = append(src.Refused, importer.Note{File: "_config.yml", Msg: "timezone " + cfg.Timezone + ": " + err.Error()})
		} else {
			src.Zone = z
		}
	}
	src.Root = "/" + strings.Trim(cfg.Root, "/") + "/"
	if src.Root == "//" {
		src.Root = "/"
	}
	if cfg.URL != "" {
		src.Hosts = []string{strings.TrimSuffix(cfg.URL, "/")}
	}
	r := &reader{dir: dir, cfg: cfg, src: src, zone: opts.Zone}
	if src.Zone != nil {
		r.zone = src.Zone
	}
	if plain {
		err = r.posts(dir, "", false)
	} else {
		err = r.site()
	}
	src.Convert = r.convert
	return src, err
}

type reader struct {
	dir  string
	cfg  config
	src  *importer.Source
	zone *time.Location // Hexo's dates without an offset are in it
}

// site reads source/: posts, drafts, pages and other files.
func (r *reader) site() error {
	source := filepath.Join(r.dir, filepath.FromSlash(r.cfg.SourceDir))
	prefix := strings.Trim(r.cfg.SourceDir, "/") + "/"
	if err := r.posts(filepath.Join(source, "_posts"), prefix+"_posts/", false); err != nil {
		return err
	}
	if err := r.posts(filepath.Join(source, "_drafts"), prefix+"_drafts/", true); err != nil && !os.IsNotExist(err) {
		return err
	}
	return r.pages(source, prefix)
}

// posts reads the posts of folder dir (shown as prefix): every Markdown
// file, with the folder of the same name beside it as its assets.
func (r *reader) posts(dir, prefix string, drafts bool) error {
	assetDirs := map[string]bool{}
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel != "." && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if isMarkdown(rel) {
			files = append(files, rel)
			assetDirs[strings.TrimSuffix(rel, path.Ext(rel))] = true
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, rel := range files {
		name := strings.TrimSuffix(rel, path.Ext(rel))
		if isUnder(name, assetDirs) {
			continue // a Markdown file inside another post's asset folder
		}
		p := r.read(filepath.Join(dir, filepath.FromSlash(rel)), prefix+rel)
		if p == nil {
			continue
		}
		p.Kind = importer.Article
		p.Name = path.Base(name)
		p.Keys = []string{name, path.Base(name)}
		p.Assets = assets(filepath.Join(dir, filepath.FromSlash(name)))
		if drafts {
			p.Front = append(p.Front, importer.Field{Key: "draft", Value: true})
		} else {
			p.OldURL = r.postURL(p, name)
		}
		r.src.Posts = append(r.src.Posts, p)
	}
	return nil
}

// isUnder reports whether name lies inside one of the asset folders.
func isUnder(name string, dirs map[string]bool) bool {
	for d := path.Dir(name); d != "." && d != "/"; d = path.Dir(d) {
		if dirs[d] {
			return true
		}
	}
	return false
}

// read reads one source file; a file that cannot be read is refused.
func (r *reader) read(file, shown string) *importer.Post {
	return r.src.ReadPost(file, shown, true)
}

// assets lists the files of a post's asset folder.
func assets(dir string) []importer.Asset {
	var out []importer.Asset
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		if strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		out = append(out, importer.Asset{Src: p, Name: filepath.ToSlash(rel)})
		return nil
	})
	return out
}

func isMarkdown(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".markdown", ".mdown", ".mkd", ".mkdn":
		return true
	}
	return false
}

// yamlLine digs the line out of a YAML error, or 0.
func yamlLine(err error) int {
	s := err.Error()
	if i := strings.Index(s, "line "); i >= 0 {
		n := 0
		for _, c := range s[i+5:] {
			if c < '0' || c > '9' {
				break
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	return 0
}
