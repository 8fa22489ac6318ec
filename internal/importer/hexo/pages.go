package hexo

import (
	"io/fs"
	"path"
	"path/filepath"
	"strings"

	"github.com/bulletin-ssg/bulletin/internal/importer"
)

// pages reads source/ outside its _folders: Markdown pages (about/index.md
// is /about/, about.md is /about.html), the files of a page's folder as
// its assets, and every other file as a static file at its own path.
func (r *reader) pages(source, prefix string) error {
	pageDirs := map[string]bool{}
	var mds, others []string
	err := filepath.WalkDir(source, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(source, p)
		rel = filepath.ToSlash(rel)
		if rel == "." {
			return nil
		}
		if strings.HasPrefix(d.Name(), "_") || strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case d.IsDir():
		case isMarkdown(rel):
			mds = append(mds, rel)
			if strings.TrimSuffix(path.Base(rel), path.Ext(rel)) == "index" {
				pageDirs[path.Dir(rel)] = true
			}
		default:
			others = append(others, rel)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, rel := range mds {
		r.page(source, prefix, rel)
	}
	for _, rel := range others {
		if owner := pageDir(rel, pageDirs); owner != "" {
			continue // read with its page
		}
		if ok, why := importer.Copyable(rel); !ok {
			r.src.Refused = append(r.src.Refused, importer.Note{File: prefix + rel, Msg: why})
			continue
		}
		r.src.Files = append(r.src.Files, importer.StaticFile{Src: filepath.Join(source, filepath.FromSlash(rel)), File: prefix + rel, Path: rel})
	}
	return nil
}

// pageDir is the page folder holding the file rel, or "".
func pageDir(rel string, dirs map[string]bool) string {
	for d := path.Dir(rel); d != "."; d = path.Dir(d) {
		if dirs[d] {
			return d
		}
	}
	return ""
}

// page reads one Markdown page of source/.
func (r *reader) page(source, prefix, rel string) {
	name := strings.TrimSuffix(rel, path.Ext(rel))
	oldURL := "/" + name + ".html"
	if path.Base(name) == "index" {
		name = path.Dir(name)
		oldURL = "/" + name + "/"
	}
	if name == "." {
		r.src.Notes = append(r.src.Notes, importer.HomePageNote(prefix+rel))
		return
	}
	p := r.read(filepath.Join(source, filepath.FromSlash(rel)), prefix+rel)
	if p == nil {
		return
	}
	p.Kind = importer.Page
	p.Name = strings.ReplaceAll(name, "/", "-")
	p.OldURL = oldURL
	p.Keys = []string{name}
	if path.Base(rel) == "index"+path.Ext(rel) {
		dir := filepath.Join(source, filepath.FromSlash(path.Dir(rel)))
		for _, a := range assets(dir) {
			if !isMarkdown(a.Name) {
				p.Assets = append(p.Assets, a)
			}
		}
	}
	r.src.Posts = append(r.src.Posts, p)
}
