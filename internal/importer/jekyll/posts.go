package jekyll

import (
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/bulletin-ssg/bulletin/internal/importer"
)

// posts reads the posts of dir (shown as prefix), named
// YYYY-MM-DD-title.md; cats are the categories its folders give.
func (r *reader) posts(dir, prefix string, cats []string, drafts bool) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != dir && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if !isMarkdown(rel) {
			return nil
		}
		base := strings.TrimSuffix(path.Base(rel), path.Ext(rel))
		date, title, dated := datedName(base)
		if !drafts && !dated {
			r.src.Refused = append(r.src.Refused, importer.Note{File: prefix + rel, Msg: "a post's file name starts with its date (YYYY-MM-DD-title.md); Jekyll skipped this one too"})
			return nil
		}
		post := r.read(p, prefix+rel)
		if post == nil {
			return nil
		}
		post.Kind = importer.Article
		post.Name = base
		if dated {
			post.DefaultDate = date
			post.Name = date + "-" + title
		}
		noExt := strings.TrimSuffix(rel, path.Ext(rel))
		post.Keys = []string{base, noExt, "/" + noExt, prefix + rel, strings.TrimPrefix(prefix, "./") + rel}
		if drafts {
			post.Front = append(post.Front, importer.Field{Key: "draft", Value: true})
		} else {
			post.OldURL = r.postURL(post, base, cats)
		}
		r.src.Posts = append(r.src.Posts, post)
		return nil
	})
}

// datedName splits a post's file name into its date, as YYYY-MM-DD, and
// its title. Jekyll takes one-digit months and days too: 2017-4-20-a.md.
func datedName(s string) (date, title string, ok bool) {
	m := datedPrefix.FindStringSubmatch(s)
	if m == nil {
		return "", "", false
	}
	month, _ := strconv.Atoi(m[2])
	day, _ := strconv.Atoi(m[3])
	return fmt.Sprintf("%s-%02d-%02d", m[1], month, day), s[len(m[0]):], true
}

var datedPrefix = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})-`)

// page reads one Markdown page: root pages stay pages; pages in folders
// become pages named by their path.
func (r *reader) page(rel string) {
	name := strings.TrimSuffix(rel, path.Ext(rel))
	oldURL := "/" + name + ".html"
	if r.pretty() {
		oldURL = "/" + name + "/"
	}
	if path.Base(name) == "index" {
		name = path.Dir(name)
		oldURL = "/" + name + "/"
	}
	if name == "." {
		r.src.Notes = append(r.src.Notes, importer.HomePageNote(rel))
		return
	}
	p := r.read(filepath.Join(r.dir, filepath.FromSlash(rel)), rel)
	if p == nil {
		return
	}
	if len(p.Front) == 0 {
		r.src.Refused = append(r.src.Refused, importer.Note{File: rel, Msg: "no front matter: Jekyll copied it as it is, not as a page"})
		return
	}
	p.Kind = importer.Page
	p.Name = strings.ReplaceAll(name, "/", "-")
	p.Keys = []string{rel, "/" + rel}
	p.OldURL = oldURL
	if v, ok := p.Get("permalink"); ok {
		if s, ok := v.(string); ok && s != "" {
			p.OldURL = "/" + strings.TrimPrefix(s, "/")
		}
	}
	r.src.Posts = append(r.src.Posts, p)
}
