package importer

import (
	"path"
	"strings"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/config"
	"github.com/bulletin-ssg/bulletin/internal/content"
	"github.com/bulletin-ssg/bulletin/internal/dates"
	"github.com/bulletin-ssg/bulletin/internal/site"
)

// plan is where a post goes and what it becomes.
type plan struct {
	front    []Field
	rel      string // content-relative path of its .md file: "news/2020-07-30-a.md"
	url      string // its path in the bulletin site, unescaped
	aliases  []string
	notes    []Note
	refused  *Note
	body     string
	anchors  map[string]string // the old site's heading ids that changed -> bulletin's
	assetDir string            // content-relative folder its assets go into
}

// Dest is the site-relative path of the post's new file, once planned.
func (p *Post) Dest() string { return "content/" + p.plan.rel }

// place decides the post's file and URL in the bulletin site. The
// front matter is mapped already.
func place(p *Post, settings *config.Settings) {
	pl := &p.plan
	name := p.Name
	switch p.Kind {
	case SectionIndex:
		pl.rel = path.Join(p.Section, p.Sub, "_index.md")
	case Page:
		pl.rel = name + ".md"
	default:
		prefix := ""
		if d := pl.dateIn(settings.Zone); !d.IsZero() && content.TrimDatePrefix(name) == name {
			prefix = d.Format("2006-01-02") + "-"
		}
		dir := path.Join(p.Section, p.Sub)
		pl.rel = dir + "/" + prefix + name + ".md"
		if len(p.Assets) > 0 {
			pl.rel = dir + "/" + prefix + name + "/index.md"
		}
	}
	pl.url = bulletinURL(p, settings)
	if p.Kind == Page && len(p.Assets) > 0 {
		// A standalone page's files are loose files of content/, served
		// at their own paths: beside the page when they share its folder.
		pl.assetDir = strings.Trim(pl.url, "/")
	} else if len(p.Assets) > 0 {
		pl.assetDir = path.Dir(pl.rel)
	}
}

// dateIn is the planned date in zone, zero when there is none.
func (pl *plan) dateIn(zone *time.Location) time.Time {
	for _, f := range pl.front {
		if f.Key == "date" {
			if s, ok := f.Value.(string); ok {
				t, err := dates.ParseString(s, zone)
				if err == nil {
					return t.In(zone)
				}
			}
		}
	}
	return time.Time{}
}

func (pl *plan) draft() bool {
	for _, f := range pl.front {
		if f.Key == "draft" {
			return f.Value == true
		}
	}
	return false
}

func (pl *plan) get(key string) string {
	for _, f := range pl.front {
		if f.Key == key {
			s, _ := f.Value.(string)
			return s
		}
	}
	return ""
}

func (pl *plan) setSlug(slug string) {
	for i, f := range pl.front {
		if f.Key == "slug" {
			pl.front[i].Value = slug
			return
		}
	}
	pl.front = append(pl.front, Field{Key: "slug", Value: slug})
}

// slugOf is the slug bulletin gives the post, as content.New does.
func slugOf(p *Post) string {
	if s := p.plan.get("slug"); s != "" {
		return content.Slugify(s)
	}
	name := strings.TrimSuffix(path.Base(p.plan.rel), ".md")
	if name == "index" {
		name = path.Base(path.Dir(p.plan.rel))
	}
	return content.NameSlug(name)
}

// bulletinURL is the path bulletin serves the post at, as the site
// package computes it: its url, else its section's pattern (in a
// sub-section too), else its folder and slug.
func bulletinURL(p *Post, settings *config.Settings) string {
	if u := p.plan.get("url"); u != "" {
		return site.CleanPath(u)
	}
	switch p.Kind {
	case SectionIndex:
		return "/" + path.Join(p.Section, p.Sub) + "/"
	case Page:
		return site.CleanPath("/" + slugOf(p) + "/")
	}
	if pattern, ok := settings.Permalinks[p.Section]; ok {
		return site.CleanPath(site.ExpandPattern(pattern, p.Section, slugOf(p), p.plan.dateIn(settings.Zone)))
	}
	return site.CleanPath("/" + path.Join(p.Section, p.Sub) + "/" + slugOf(p) + "/")
}
