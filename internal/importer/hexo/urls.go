package hexo

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/bulletin-ssg/bulletin/internal/importer"
)

// postURL is the path Hexo gave a post: its permalink setting filled
// with the post's date (in the site's zone), title and categories.
func (r *reader) postURL(p *importer.Post, name string) string {
	if v, ok := p.Get("permalink"); ok {
		if s, ok := v.(string); ok && s != "" {
			return "/" + strings.TrimPrefix(s, "/")
		}
	}
	date := p.ModTime.In(r.zone)
	if v, ok := p.Get("date"); ok {
		if d, err := importer.ParseDate(v, r.zone); err == nil {
			date = d.T.In(r.zone)
		}
	}
	title := name
	if v, ok := p.Get("slug"); ok {
		if s, ok := v.(string); ok && s != "" {
			title = s
		}
	}
	postTitle := ""
	if v, ok := p.Get("title"); ok {
		postTitle, _ = v.(string)
	}
	var cats []string
	if v, ok := p.Get("categories"); ok {
		cats = categoryPath(v)
	}
	category := r.cfg.DefaultCategory
	if len(cats) > 0 {
		category = strings.Join(cats, "/")
	}
	rep := strings.NewReplacer(
		":year", fmt.Sprintf("%04d", date.Year()), ":i_month", fmt.Sprint(int(date.Month())),
		":month", fmt.Sprintf("%02d", int(date.Month())), ":i_day", fmt.Sprint(date.Day()),
		":day", fmt.Sprintf("%02d", date.Day()), ":hour", fmt.Sprintf("%02d", date.Hour()),
		":minute", fmt.Sprintf("%02d", date.Minute()), ":second", fmt.Sprintf("%02d", date.Second()),
		":title", title, ":name", lastSegment(name), ":post_title", postTitle, ":category", category,
	)
	out := rep.Replace(r.cfg.Permalink)
	if strings.Contains(out, ":") {
		p.Notes = append(p.Notes, importer.Note{File: p.File, Line: 1, Msg: "permalink " + r.cfg.Permalink + " has placeholders this importer does not fill (:id, :hash): no alias for the old URL"})
		return ""
	}
	return "/" + strings.TrimPrefix(out, "/")
}

func lastSegment(s string) string { return s[strings.LastIndexByte(s, '/')+1:] }

// categoryPath is the folder :category makes of a post's categories: the
// first hierarchy, each name made a slug.
func categoryPath(v any) []string {
	var names []string
	switch v := v.(type) {
	case string:
		names = []string{v}
	case []any:
		for _, x := range v {
			if s, ok := x.(string); ok {
				names = append(names, s)
			} else if list, ok := x.([]any); ok && len(names) == 0 {
				for _, y := range list {
					if s, ok := y.(string); ok {
						names = append(names, s)
					}
				}
				break
			}
		}
	}
	for i, n := range names {
		names[i] = Slugize(n)
	}
	return names
}

// Slugize is Hexo's slug of a name (hexo-util's slugize): runs of white
// space and punctuation become one dash, case is kept.
func Slugize(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range s {
		if unicode.IsSpace(c) || unicode.IsControl(c) || strings.ContainsRune("~`!@#$%^&*()-_+=[]{}|\\;:\"'<>,.?/", c) {
			dash = true
			continue
		}
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteRune(c)
	}
	return b.String()
}

// HeadingID is the id hexo-renderer-marked gives a heading: its text
// made a slug, case kept.
func HeadingID(text string) string { return Slugize(text) }
