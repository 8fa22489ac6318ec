package hugo

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/importer"
	"github.com/bulletin-ssg/bulletin/internal/markdown"
)

type reader struct {
	dir  string
	cfg  config
	src  *importer.Source
	zone *time.Location
	main string // the section whose pages are the posts
	// sections are the folders with an _index.md: sections, and the
	// nested sections in them
	sections map[string]bool
	content  string // content folder, relative to dir
}

// Read reads the Hugo site at dir; dates without an offset are in its
// timeZone setting, else in opts.Zone. A folder without Hugo's settings
// is read as a content folder.
func Read(dir string, opts importer.ReadOptions) (*importer.Source, error) {
	cfg, found := readConfig(dir)
	src := &importer.Source{Generator: "hugo", HeadingID: markdown.HeadingID, Root: "/"}
	r := &reader{dir: dir, cfg: cfg, src: src, zone: opts.Zone, content: cfg.contentDir}
	src.Notes = append(src.Notes, cfg.dups...)
	if cfg.settingsBroken != "" {
		src.Refused = append(src.Refused, importer.Note{File: cfg.file, Msg: "settings not read: " + cfg.settingsBroken + "; Hugo's defaults used"})
	}
	if cfg.timeZone != "" {
		if z, err := time.LoadLocation(cfg.timeZone); err == nil {
			src.Zone, r.zone = z, z
		} else {
			src.Refused = append(src.Refused, importer.Note{File: cfg.file, Msg: "timeZone " + cfg.timeZone + ": " + err.Error()})
		}
	}
	if cfg.baseURL != "" {
		src.Hosts = []string{cfg.baseURL}
		if i := strings.Index(cfg.baseURL, "://"); i >= 0 {
			if j := strings.IndexByte(cfg.baseURL[i+3:], '/'); j >= 0 {
				src.Root = "/" + strings.Trim(cfg.baseURL[i+3+j:], "/") + "/"
				if src.Root == "//" {
					src.Root = "/"
				}
			}
		}
	}
	if !found {
		r.content = "."
	}
	files, err := r.walk()
	if err != nil {
		return nil, err
	}
	r.main = mainSection(cfg.mainSections, files)
	r.read(files)
	if found {
		r.static()
	}
	src.Convert = r.convert
	return src, nil
}

// walk lists content's files, slash-separated and relative to it.
func (r *reader) walk() ([]string, error) {
	root := filepath.Join(r.dir, filepath.FromSlash(r.content))
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && p != root {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(root, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

// mainSection is the section of the posts: the first of mainSections,
// else the one with the most pages, as Hugo chooses.
func mainSection(named, files []string) string {
	if len(named) > 0 {
		return named[0]
	}
	count := map[string]int{}
	best := ""
	for _, f := range files {
		sec, rest, ok := strings.Cut(f, "/")
		if !ok || !isMarkdown(rest) || path.Base(rest) == "_index.md" {
			continue
		}
		count[sec]++
		if count[sec] > count[best] || count[sec] == count[best] && sec < best {
			best = sec
		}
	}
	return best
}

func isMarkdown(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".markdown", ".mdown":
		return true
	}
	return false
}

// read makes posts, pages and sections of content's files.
func (r *reader) read(files []string) {
	bundles := map[string]bool{} // leaf bundle folders
	r.sections = map[string]bool{}
	for _, f := range files {
		if isMarkdown(f) && strings.TrimSuffix(path.Base(f), path.Ext(f)) == "index" {
			bundles[path.Dir(f)] = true
		}
		if path.Base(f) == "_index.md" {
			r.sections[path.Dir(f)] = true
		}
	}
	for _, f := range files {
		bundle := bundleOf(f, bundles)
		switch {
		case bundle != "" && path.Dir(f) == bundle && isMarkdown(f) && strings.HasPrefix(path.Base(f), "index."):
			r.page(f, bundle, files)
		case bundle != "":
			// a bundle's file: read with its page
		case isMarkdown(f):
			r.page(f, "", nil)
		case strings.EqualFold(path.Ext(f), ".html") || strings.EqualFold(path.Ext(f), ".org") || strings.EqualFold(path.Ext(f), ".adoc"):
			r.src.Refused = append(r.src.Refused, importer.Note{File: r.shown(f), Msg: "not Markdown: bulletin reads Markdown only"})
		default:
			if ok, why := importer.Copyable(f); !ok {
				r.src.Refused = append(r.src.Refused, importer.Note{File: r.shown(f), Msg: why})
				continue
			}
			r.src.Files = append(r.src.Files, importer.StaticFile{Src: r.abs(f), File: r.shown(f), Path: f})
		}
	}
}

func bundleOf(f string, bundles map[string]bool) string {
	for d := path.Dir(f); d != "."; d = path.Dir(d) {
		if bundles[d] {
			return d
		}
	}
	return ""
}

func (r *reader) shown(f string) string {
	if r.content == "." {
		return f
	}
	return r.content + "/" + f
}

func (r *reader) abs(f string) string {
	return filepath.Join(r.dir, filepath.FromSlash(r.content), filepath.FromSlash(f))
}

// static lists the files of static/, served at their own paths.
func (r *reader) static() {
	for _, dir := range r.cfg.staticDirs {
		root := filepath.Join(r.dir, filepath.FromSlash(dir))
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			rel, _ := filepath.Rel(root, p)
			rel = filepath.ToSlash(rel)
			if ok, why := importer.Copyable(rel); !ok {
				r.src.Refused = append(r.src.Refused, importer.Note{File: dir + "/" + rel, Msg: why})
				return nil
			}
			r.src.Files = append(r.src.Files, importer.StaticFile{Src: p, File: dir + "/" + rel, Path: rel})
			return nil
		})
	}
}

func fileModTime(p string) time.Time {
	if info, err := os.Stat(p); err == nil {
		return info.ModTime()
	}
	return time.Time{}
}
