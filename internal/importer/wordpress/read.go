package wordpress

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/importer"
)

type reader struct {
	file        string // the export's name, as reports show it
	ex          *export
	uploads     string
	attachments map[string]string   // post id -> file URL
	children    map[string][]string // post id -> its attachments' URLs
	copied      map[string]bool     // uploads paths listed to copy
	src         *importer.Source
}

// skipped are post types and statuses that are WordPress's own
// machinery, not content: left out without a word.
var (
	skippedTypes  = map[string]bool{"attachment": true, "nav_menu_item": true, "revision": true, "customize_changeset": true, "oembed_cache": true, "custom_css": true, "wp_global_styles": true, "wp_navigation": true, "wp_template": true, "wp_template_part": true, "user_request": true, "wp_block": true, "wp_font_family": true, "wp_font_face": true}
	skippedStatus = map[string]bool{"auto-draft": true, "inherit": true, "trash": true}
)

// Read reads the WordPress export file; opts.Uploads, when given, is the
// wp-content/uploads folder the posts' files are copied from.
func Read(file string, opts importer.ReadOptions) (*importer.Source, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	ex, err := parse(bytes.NewReader(data), data)
	if err != nil {
		return nil, fmt.Errorf("%s: not a WordPress export: %w", file, err)
	}
	src := &importer.Source{Generator: "wordpress", Root: "/"}
	if ex.link != "" {
		src.Hosts = []string{ex.link}
		if u, err := url.Parse(ex.link); err == nil && strings.Trim(u.Path, "/") != "" {
			src.Root = "/" + strings.Trim(u.Path, "/") + "/"
			src.Hosts = append(src.Hosts, u.Scheme+"://"+u.Host)
		}
	}
	r := &reader{file: filepath.Base(file), ex: ex, uploads: opts.Uploads, src: src,
		attachments: map[string]string{}, children: map[string][]string{}, copied: map[string]bool{}}
	for _, it := range ex.items {
		if it.Type == "attachment" && it.Attachment != "" {
			r.attachments[it.ID] = it.Attachment
			r.children[it.Parent] = append(r.children[it.Parent], it.Attachment)
		}
	}
	for _, it := range ex.items {
		r.item(it)
	}
	src.Convert = r.convert
	return src, nil
}

// item makes a post or page of one item.
func (r *reader) item(it *item) {
	if skippedTypes[it.Type] || skippedStatus[it.Status] {
		return
	}
	at := fmt.Sprintf("%s:%d", r.file, it.line)
	p := &importer.Post{File: r.file, Label: at, Body: it.content(), BodyLine: it.contentLine}
	switch it.Type {
	case "post":
		p.Kind = importer.Article
	case "page":
		p.Kind = importer.Page
	default:
		r.src.Refused = append(r.src.Refused, importer.Note{File: r.file, Line: it.line, Msg: "post type " + it.Type + ": not a post or page"})
		return
	}
	name := it.Name
	if un, err := url.PathUnescape(name); err == nil {
		name = un
	}
	if name == "" {
		name = "post-" + it.ID
	}
	p.Name = name
	p.Keys = []string{it.ID}
	if u := r.sitePath(it.Link); u != "" {
		p.OldURL = u
	}
	if u := r.sitePath(it.GUID); u != "" && u != p.OldURL {
		p.OtherURLs = append(p.OtherURLs, u)
	}
	p.OtherURLs = append(p.OtherURLs, "/?p="+it.ID, "/?page_id="+it.ID)
	if it.DateGMT != "" && !strings.HasPrefix(it.DateGMT, "0000") {
		local, err1 := time.Parse("2006-01-02 15:04:05", it.Date)
		gmt, err2 := time.Parse("2006-01-02 15:04:05", it.DateGMT)
		if err1 == nil && err2 == nil {
			off := int(local.Sub(gmt).Seconds())
			p.Zone = time.FixedZone("", off)
		}
	}
	r.front(p, it)
	r.src.Posts = append(r.src.Posts, p)
}

// sitePath is a URL's path (and query) on the blog, or "".
func (r *reader) sitePath(link string) string {
	for _, h := range r.src.Hosts {
		for _, form := range []string{h, strings.Replace(h, "https://", "http://", 1), strings.Replace(h, "http://", "https://", 1)} {
			if rest, ok := strings.CutPrefix(link, strings.TrimSuffix(form, "/")); ok && (rest == "" || strings.ContainsAny(rest[:1], "/?")) {
				return "/" + strings.TrimPrefix(rest, "/")
			}
		}
	}
	return ""
}

// front writes the item's front matter as a generator's would be.
func (r *reader) front(p *importer.Post, it *item) {
	add := func(k string, v any) {
		p.Front = append(p.Front, importer.Field{Key: k, Value: v, Line: it.line})
	}
	add("title", strings.TrimSpace(it.Title))
	if it.Date != "" && !strings.HasPrefix(it.Date, "0000") {
		add("date", it.Date)
	}
	if it.Modified != "" && it.Modified != it.Date && !strings.HasPrefix(it.Modified, "0000") {
		add("lastmod", it.Modified)
	}
	if it.Status != "publish" {
		add("draft", true)
	}
	if name, ok := r.ex.authors[it.Creator]; ok {
		add("author", name)
	} else if it.Creator != "" {
		add("author", it.Creator)
	}
	var cats, tags []any
	for _, c := range it.Categories {
		switch c.Domain {
		case "category":
			if c.Name != "Uncategorized" {
				cats = append(cats, strings.TrimSpace(c.Name))
			}
		case "post_tag":
			tags = append(tags, strings.TrimSpace(c.Name))
		}
	}
	if len(tags) > 0 {
		add("tags", tags)
	}
	if len(cats) > 0 {
		add("categories", cats)
	}
	if ex := strings.TrimSpace(it.excerpt()); ex != "" {
		if md, err := toMarkdown(ex); err == nil {
			add("summary", strings.TrimSpace(md))
		}
	}
	if id := it.meta("_thumbnail_id"); id != "" {
		if u := r.attachments[id]; u != "" {
			add("cover", r.upload(p, u))
		}
	}
	if it.Sticky == "1" {
		add("sticky", true)
	}
	add("wordpressID", it.ID)
}
