package hugo

import (
	"path"
	"strings"

	"github.com/bulletin-ssg/bulletin/internal/importer"
)

func (r *reader) convert(p *importer.Post, c *importer.Context) string {
	return Convert(p.Body, c)
}

// Convert turns Hugo's shortcodes in body into Markdown. Shortcodes it
// cannot convert are kept as written, with a note.
func Convert(body string, c *importer.Context) string {
	return convertAt(importer.Iframes(body), 0, c)
}

func convertAt(text string, base int, c *importer.Context) string {
	return importer.ReplaceTags(text, importer.HugoSyntax, func(t importer.Tag) (string, bool) {
		return shortcode(t, base, c)
	})
}

// shortcode converts one shortcode.
func shortcode(t importer.Tag, base int, c *importer.Context) (string, bool) {
	at := base + t.Start
	pos, named := importer.NamedArgs(t.Args)
	arg := func(name string, i int) string {
		if v, ok := named[name]; ok {
			return v
		}
		if i >= 0 && i < len(pos) {
			return pos[i]
		}
		return ""
	}
	if out, ok := embed(t.Name, arg); ok {
		return out, true
	}
	switch t.Name {
	case "":
		return "", false // an escaped shortcode: its text
	case "figure":
		return figure(arg("src", 0), named), true
	case "ref", "relref":
		target := arg("path", 0)
		key, frag, _ := strings.Cut(target, "#")
		if key == "" && frag != "" {
			return "#" + frag, true
		}
		if dest, _, ok := c.Link(key, frag); ok {
			return dest, true
		}
		// A link to a missing .md file would stop the build; a path that
		// leads nowhere is what bulletin check reports instead.
		c.Note(at, "{{< %s %q >}}: no such page: the link is left broken", t.Name, target)
		missing := "/" + strings.Trim(strings.TrimSuffix(strings.TrimSuffix(key, path.Ext(key)), "/index"), "/") + "/"
		if frag != "" {
			missing += "#" + frag
		}
		return missing, true
	case "highlight":
		if t.Paired {
			return "\n" + importer.Fence(arg("", 0), t.Inner) + "\n", true
		}
	case "details":
		if t.Paired {
			c.Note(at, "{{< details >}} became a paragraph and its text: bulletin does not fold text")
			out := "\n"
			if s := arg("summary", -1); s != "" {
				out += "**" + s + "**\n\n"
			}
			return out + strings.Trim(convertAt(t.Inner, base+t.InnerStart, c), "\n") + "\n\n", true
		}
	}
	if strings.HasPrefix(t.Name, "/") {
		c.Note(at, "{{< %s >}} without its opening shortcode: kept as written", t.Name)
		return "", false
	}
	c.Note(at, "shortcode {{< %s >}} not converted: kept as written", t.Name)
	return "", false
}

// embed converts the shortcodes of videos and posts of other sites.
func embed(name string, arg func(string, int) string) (string, bool) {
	switch name {
	case "youtube":
		if id := arg("id", 0); id != "" {
			return importer.Video(importer.YouTube(id)), true
		}
	case "vimeo":
		if id := arg("id", 0); id != "" {
			return importer.Video(importer.Vimeo(id)), true
		}
	case "bilibili":
		if id := arg("id", 0); id != "" {
			return importer.Video(importer.Bilibili(id)), true
		}
	case "gist":
		if user, id := arg("user", 0), arg("id", 1); user != "" && id != "" {
			return "[gist " + user + "/" + id + "](https://gist.github.com/" + user + "/" + id + ")", true
		}
	case "tweet", "x", "twitter":
		if user, id := arg("user", 0), arg("id", 1); id != "" {
			if user == "" {
				user = "i/web"
			}
			return "\n\n<https://x.com/" + user + "/status/" + id + ">\n\n", true
		}
	case "instagram":
		if id := arg("id", 0); id != "" {
			return "\n\n<https://www.instagram.com/p/" + id + "/>\n\n", true
		}
	}
	return "", false
}

// figure converts {{< figure src alt title caption link >}}: an image, its
// caption as an emphasised line below it.
func figure(src string, named map[string]string) string {
	alt := named["alt"]
	if alt == "" {
		alt = named["title"]
	}
	if alt == "" {
		alt = named["caption"]
	}
	img := "![" + alt + "](" + importer.Dest(src)
	if title := named["title"]; title != "" {
		img += ` "` + strings.ReplaceAll(title, `"`, `\"`) + `"`
	}
	img += ")"
	if link := named["link"]; link != "" {
		img = "[" + img + "](" + importer.Dest(link) + ")"
	}
	out := "\n\n" + img + "\n"
	if caption := named["caption"]; caption != "" {
		out += "\n*" + caption + "*\n"
	}
	return out + "\n"
}
