package jekyll

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/bulletin-ssg/bulletin/internal/importer"
)

func (r *reader) convert(p *importer.Post, c *importer.Context) string {
	body := p.Body
	sep := r.cfg.ExcerptSeparator
	if v, ok := p.Get("excerpt_separator"); ok {
		sep, _ = v.(string)
	}
	if sep != "" && strings.TrimSpace(sep) != "" && !strings.Contains(sep, "more") {
		body = strings.Replace(body, sep, "\n\n<!--more-->\n\n", 1)
	}
	return Convert(body, c)
}

// Convert turns Liquid in body into Markdown: tags ({% highlight %},
// {% link %}, {% post_url %}, {% raw %}) and the output of site and page
// variables. What it cannot convert is kept as written, with a note.
func Convert(body string, c *importer.Context) string {
	return convertAt(importer.Iframes(body), 0, c)
}

func convertAt(text string, base int, c *importer.Context) string {
	var raws []string // {% raw %} text, kept from outputs
	out := importer.ReplaceTags(text, liquid, func(t importer.Tag) (string, bool) {
		if t.Name == "raw" && t.Paired {
			raws = append(raws, t.Inner)
			return fmt.Sprintf("\x00%d\x00", len(raws)-1), true
		}
		return tag(t, base, c)
	})
	out = importer.OutsideCode(out, func(s string) string { return outputs(s, c) })
	for i, raw := range raws {
		out = strings.Replace(out, fmt.Sprintf("\x00%d\x00", i), raw, 1)
	}
	return out
}

// liquid pairs only the tags that have closing tags.
var liquid = importer.Syntax{Open: importer.LiquidSyntax.Open, Close: importer.LiquidSyntax.Close, EndPrefix: "end",
	Paired: func(name string) bool {
		switch name {
		case "highlight", "raw", "comment", "capture", "if", "unless", "for", "case":
			return true
		}
		return false
	}}

func tag(t importer.Tag, base int, c *importer.Context) (string, bool) {
	at := base + t.Start
	args := importer.SplitArgs(t.Args)
	switch t.Name {
	case "highlight":
		if t.Paired {
			lang := ""
			if len(args) > 0 {
				lang = args[0]
			}
			return "\n" + importer.Fence(lang, t.Inner) + "\n", true
		}
	case "comment":
		return "", true
	case "link", "post_url":
		if len(args) == 0 {
			break
		}
		key, frag, _ := strings.Cut(args[0], "#")
		if dest, _, ok := c.Link(strings.TrimPrefix(key, "/"), frag); ok {
			return dest, true
		}
		c.Note(at, "{%% %s %s %%}: no such page: the link is left broken", t.Name, args[0])
		return "/" + strings.TrimSuffix(path.Base(key), path.Ext(key)) + "/", true
	case "include":
		if out, ok := include(args); ok {
			return out, true
		}
	}
	c.Note(at, "Liquid {%% %s %%} not converted: kept as written", t.Name)
	return "", false
}

// include converts the common video includes: {% include youtube.html
// id="…" %} and the like.
func include(args []string) (string, bool) {
	if len(args) == 0 {
		return "", false
	}
	pos, named := importer.NamedArgs(strings.Join(quoteAll(args[1:]), " "))
	id := named["id"]
	if id == "" && len(pos) > 0 {
		id = pos[0]
	}
	if id == "" {
		return "", false
	}
	name := strings.ToLower(args[0] + " " + named["provider"])
	switch {
	case strings.Contains(name, "youtube"):
		return importer.Video(importer.YouTube(id)), true
	case strings.Contains(name, "vimeo"):
		return importer.Video(importer.Vimeo(id)), true
	case strings.Contains(name, "bilibili"):
		return importer.Video(importer.Bilibili(id)), true
	}
	return "", false
}

func quoteAll(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		if k, v, ok := strings.Cut(a, "="); ok {
			out[i] = k + `="` + v + `"`
		} else {
			out[i] = `"` + a + `"`
		}
	}
	return out
}

var output = regexp.MustCompile(`\{\{-?\s*(.*?)\s*-?\}\}`)

// outputs converts {{ … }}: the site's base URL and URL become nothing
// (links stay paths of the site), a quoted path through relative_url or
// absolute_url becomes the path, page.title its title.
func outputs(s string, c *importer.Context) string {
	return output.ReplaceAllStringFunc(s, func(m string) string {
		expr := output.FindStringSubmatch(m)[1]
		switch expr {
		case "site.baseurl", "site.url", "site.url }}{{ site.baseurl":
			return ""
		case "page.title":
			if v, ok := c.Post().Get("title"); ok {
				if s, ok := v.(string); ok {
					return s
				}
			}
		}
		if q := quotedFilter.FindStringSubmatch(expr); q != nil {
			return q[1]
		}
		c.Note(strings.Index(c.Post().Body, m), "Liquid {{ %s }} not converted: kept as written", expr)
		return m
	})
}

var quotedFilter = regexp.MustCompile(`^["']([^"']*)["']\s*\|\s*(?:relative_url|absolute_url|prepend:\s*site\.baseurl)\s*$`)
