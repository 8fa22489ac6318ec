package importer

import (
	"fmt"
	"path"
	"strings"
)

// Context is what a converter may ask while it converts one post.
type Context struct {
	im *run
	p  *Post
}

// Post is the post being converted.
func (c *Context) Post() *Post { return c.p }

// Note records an approximation at a byte offset of the post's Body.
func (c *Context) Note(offset int, format string, args ...any) {
	line := c.p.BodyLine
	if offset > 0 && offset <= len(c.p.Body) {
		line += strings.Count(c.p.Body[:offset], "\n")
	}
	c.p.plan.notes = append(c.p.plan.notes, Note{File: c.p.File, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// Link is the relative link from the post to the page the old site knew
// by key (a post_link slug, a post_url name, a ref path), with fragment
// kept, and that page's title.
func (c *Context) Link(key, fragment string) (dest, title string, ok bool) {
	t := c.im.byKey[key]
	if t == nil {
		return "", "", false
	}
	dest = escapeDest(relPath(path.Dir(c.p.plan.rel), t.plan.rel))
	if fragment != "" {
		dest += "#" + fragment
	}
	return dest, t.plan.get("title"), true
}

// HasAsset reports whether the post brings a file of that name.
func (c *Context) HasAsset(name string) bool {
	for _, a := range c.p.Assets {
		if a.Name == name {
			return true
		}
	}
	return false
}

// relPath is the relative path from the folder dir to the file target,
// both content-relative.
func relPath(dir, target string) string {
	if dir == "." {
		dir = ""
	}
	from := strings.Split(dir, "/")
	if dir == "" {
		from = nil
	}
	to := strings.Split(target, "/")
	i := 0
	for i < len(from) && i < len(to)-1 && from[i] == to[i] {
		i++
	}
	var b strings.Builder
	for range from[i:] {
		b.WriteString("../")
	}
	b.WriteString(strings.Join(to[i:], "/"))
	return b.String()
}

// escapeDest makes a path safe as a Markdown link destination: the
// characters Markdown or URLs read otherwise are percent-encoded.
func escapeDest(p string) string {
	if !strings.ContainsAny(p, " \t()<>%?#[]") {
		return p
	}
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		switch c := p[i]; c {
		case ' ', '\t', '(', ')', '<', '>', '%', '?', '#', '[', ']':
			fmt.Fprintf(&b, "%%%02X", c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// ConvertAlone converts one post's body with src's converter as if it
// were the only post of its site: links to other posts are not found.
func ConvertAlone(src *Source, p *Post) string {
	p.plan.rel = "news/" + p.Name + ".md"
	r := &run{src: src, byKey: map[string]*Post{}}
	return src.Convert(p, &Context{im: r, p: p})
}
