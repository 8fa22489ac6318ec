package hugo

import (
	"fmt"
	"os"
	"path"
	"strings"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/importer"
)

// page reads one Markdown file of content/: a leaf bundle's index when
// bundle is its folder.
func (r *reader) page(f, bundle string, files []string) {
	dir := path.Dir(f)
	p := &importer.Post{File: r.shown(f)}
	switch {
	case path.Base(f) == "_index.md" && dir == ".":
		r.src.Notes = append(r.src.Notes, importer.HomePageNote(p.File))
		return
	case path.Base(f) == "_index.md":
		// A nested section stays one, below its top-level section.
		top, sub, _ := strings.Cut(dir, "/")
		p.Kind, p.Section, p.Sub, p.Name = importer.SectionIndex, r.section(top), sub, dir
	case bundle != "" && !strings.Contains(bundle, "/"):
		p.Kind, p.Name = importer.Page, bundle
	case dir == ".":
		p.Kind, p.Name = importer.Page, strings.TrimSuffix(f, path.Ext(f))
	default:
		p.Kind = importer.Article
		p.Section = r.section(strings.SplitN(f, "/", 2)[0])
		p.Name = strings.TrimSuffix(path.Base(f), path.Ext(f))
		if bundle != "" {
			p.Name = path.Base(bundle)
			dir = path.Dir(bundle)
		}
		p.Sub = r.subSection(dir)
	}
	data, err := os.ReadFile(r.abs(f))
	if err != nil {
		r.src.Refused = append(r.src.Refused, importer.Note{File: p.File, Msg: err.Error()})
		return
	}
	front, body, line, notes, bad := importer.ReadFront(p.File, data, false)
	if bad != nil {
		r.src.Refused = append(r.src.Refused, *bad)
		return
	}
	p.Front, p.Body, p.BodyLine, p.Notes = front, body, line, append(p.Notes, notes...)
	p.ModTime = fileModTime(r.abs(f))
	if _, ok := p.Get("date"); !ok {
		for _, k := range []string{"publishDate", "publishdate", "pubdate", "published", "lastmod", "modified"} {
			if v, ok := p.Get(k); ok {
				p.DefaultDate = fmt.Sprint(v)
				if t, ok := v.(time.Time); ok {
					p.DefaultDate = t.Format(time.RFC3339)
				}
				break
			}
		}
	}
	noExt := strings.TrimSuffix(f, path.Ext(f))
	p.Keys = []string{f, "/" + f, noExt, "/" + noExt, path.Base(f), path.Base(noExt)}
	if p.Kind == importer.SectionIndex {
		p.Keys = append(p.Keys, dir, "/"+dir) // {{< ref "/posts/press" >}}: the section
	}
	if bundle != "" {
		p.Keys = append(p.Keys, bundle, "/"+bundle, path.Base(bundle))
		for _, other := range files {
			if rest, ok := strings.CutPrefix(other, bundle+"/"); ok && other != f && !isMarkdown(other) {
				p.Assets = append(p.Assets, importer.Asset{Src: r.abs(other), Name: rest})
			}
		}
	}
	p.OldURL = r.oldURL(p, f, bundle)
	r.src.Posts = append(r.src.Posts, p)
}

// subSection is the folder, below its top-level section, of the nested
// section a page in dir is in: the nearest folder above with an
// _index.md, short of the top-level one. A plain folder is no section:
// its pages go into the section above it, as Hugo has them.
func (r *reader) subSection(dir string) string {
	for ; strings.Contains(dir, "/"); dir = path.Dir(dir) {
		if r.sections[dir] {
			_, sub, _ := strings.Cut(dir, "/")
			return sub
		}
	}
	return ""
}

// section is the bulletin section of a Hugo section: the posts' one is
// the section import was given ("").
func (r *reader) section(s string) string {
	if s == r.main {
		return ""
	}
	return s
}
