package hexo

import (
	"fmt"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bulletin-ssg/bulletin/internal/importer"
)

func (r *reader) convert(p *importer.Post, c *importer.Context) string {
	return Convert(p.Body, c)
}

// Convert turns Hexo's tag plugins in body into Markdown. Tags it cannot
// convert are kept as written, with a note.
func Convert(body string, c *importer.Context) string {
	return convertAt(importer.Iframes(body), 0, c)
}

// convertAt converts text that starts at byte base of the body.
func convertAt(text string, base int, c *importer.Context) string {
	return importer.ReplaceTags(text, importer.LiquidSyntax, func(t importer.Tag) (string, bool) {
		return tag(t, base, c)
	})
}

// tag converts one tag plugin.
func tag(t importer.Tag, base int, c *importer.Context) (string, bool) {
	at := base + t.Start
	args := importer.SplitArgs(t.Args)
	if out, ok := mediaTag(t, args, at, c); ok {
		return out, true
	}
	switch t.Name {
	case "codeblock", "code":
		if t.Paired {
			return codeblock(args, t.Inner), true
		}
	case "raw":
		if t.Paired {
			return t.Inner, true
		}
	case "blockquote", "quote":
		if t.Paired {
			return blockquote(t.Args, convertAt(t.Inner, base+t.InnerStart, c)), true
		}
	case "pullquote", "note", "alert", "callout":
		if t.Paired {
			c.Note(at, "{%% %s %%} became a quote", t.Name)
			return quoteNote(args, t.Name, convertAt(t.Inner, base+t.InnerStart, c)), true
		}
	case "link":
		if len(args) >= 2 {
			return "[" + strings.Join(args[:len(args)-1], " ") + "](" + args[len(args)-1] + ")", true
		}
	case "gist":
		if len(args) > 0 {
			return "[gist " + args[0] + "](https://gist.github.com/" + args[0] + ")", true
		}
	case "jsfiddle":
		if len(args) > 0 {
			return "[JSFiddle](https://jsfiddle.net/" + args[0] + "/)", true
		}
	}
	if strings.HasPrefix(t.Name, "end") {
		c.Note(at, "{%% %s %%} without its opening tag: kept as written", t.Name)
		return "", false
	}
	c.Note(at, "tag {%% %s %%} not converted: kept as written", t.Name)
	return "", false
}

// mediaTag converts the tags of images, attachments and videos.
func mediaTag(t importer.Tag, args []string, at int, c *importer.Context) (string, bool) {
	switch t.Name {
	case "asset_img", "asset_image":
		return image(args, c, true), true
	case "img", "image":
		return image(args, c, false), true
	case "asset_link":
		if len(args) == 0 {
			return "", false
		}
		title := args[0]
		if len(args) > 1 {
			title = strings.Join(args[1:], " ")
		}
		return "[" + title + "](" + importer.Dest(args[0]) + ")", true
	case "asset_path":
		if len(args) > 0 {
			return importer.Dest(args[0]), true
		}
	case "post_link", "post_path":
		return postLink(t, args, at, c), true
	case "youtube":
		return youtube(args, at, c)
	case "vimeo":
		if len(args) > 0 {
			return importer.Video(importer.Vimeo(args[0])), true
		}
	case "bilibili":
		if len(args) > 0 {
			id := args[0]
			if !strings.HasPrefix(strings.ToLower(id), "bv") && !strings.HasPrefix(id, "av") {
				id = "av" + id
			}
			return importer.Video(importer.Bilibili(id)), true
		}
	case "iframe":
		if len(args) > 0 {
			if page, ok := importer.VideoPage(args[0]); ok {
				return importer.Video(page), true
			}
			c.Note(at, "{%% iframe %%} became a link: bulletin does not embed other sites")
			return "\n\n<" + args[0] + ">\n\n", true
		}
	}
	return "", false
}

// image converts {% img [class] src [w] [h] [title [alt]] %} and
// {% asset_img [class] name [w] [h] [title [alt]] %}.
func image(args []string, c *importer.Context, asset bool) string {
	if len(args) == 0 {
		return ""
	}
	i := 0 // class names may come before the source
	for j, a := range args {
		if asset && c.HasAsset(a) || !asset && (strings.HasPrefix(a, "/") || strings.Contains(a, "://")) || isImage(a) {
			i = j
			break
		}
	}
	src, rest := args[i], args[i+1:]
	for len(rest) > 0 && isSize(rest[0]) {
		rest = rest[1:]
	}
	title, alt := strings.Join(rest, " "), ""
	if strings.Contains(title, `"`) { // '"title text" "alt text"'
		parts := importer.SplitArgs(title)
		title = parts[0]
		if len(parts) > 1 {
			alt = parts[1]
		}
	}
	if alt == "" {
		alt = title
	}
	out := "![" + alt + "](" + importer.Dest(src)
	if title != "" {
		out += ` "` + strings.ReplaceAll(title, `"`, `\"`) + `"`
	}
	return out + ")"
}

func isImage(s string) bool {
	switch strings.ToLower(path.Ext(s)) {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif", ".bmp":
		return true
	}
	return false
}

func isSize(s string) bool {
	s = strings.TrimSuffix(strings.TrimSuffix(s, "px"), "%")
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// postLink converts {% post_link slug [title] %} and {% post_path slug %}.
func postLink(t importer.Tag, args []string, at int, c *importer.Context) string {
	if len(args) == 0 {
		return ""
	}
	slug, fragment, _ := strings.Cut(args[0], "#")
	to, title, ok := c.Link(slug, fragment)
	if len(args) > 1 && args[len(args)-1] != "false" && args[len(args)-1] != "true" {
		title = strings.Join(args[1:], " ")
	} else if len(args) > 2 {
		title = strings.Join(args[1:len(args)-1], " ")
	}
	if !ok {
		c.Note(at, "{%% %s %s %%}: no such post: kept as text", t.Name, slug)
		if title == "" {
			title = slug
		}
		return title
	}
	if t.Name == "post_path" {
		return to
	}
	return "[" + title + "](" + to + ")"
}

func youtube(args []string, at int, c *importer.Context) (string, bool) {
	if len(args) == 0 {
		return "", false
	}
	if len(args) > 1 && args[1] == "playlist" {
		c.Note(at, "{%% youtube %s playlist %%} became a link to the playlist", args[0])
		return "\n\n<https://www.youtube.com/playlist?list=" + args[0] + ">\n\n", true
	}
	return importer.Video(importer.YouTube(args[0])), true
}

// codeblock converts {% codeblock [title] [lang:x] [url] [link text] %}.
func codeblock(args []string, inner string) string {
	lang, title := "", []string{}
	for _, a := range args {
		switch {
		case strings.HasPrefix(a, "lang:"):
			lang = a[len("lang:"):]
		case strings.Contains(a, ":") && !strings.Contains(a, "://"):
			// line_number:false, highlight:true, mark:1,3 …: display options
		default:
			title = append(title, a)
		}
	}
	out := "\n"
	if len(title) > 0 && !strings.Contains(title[0], "://") {
		out += "**" + title[0] + "**\n\n"
	}
	return out + importer.Fence(lang, inner) + "\n"
}

// blockquote converts {% blockquote [author[, source]] [link] [title] %}.
func blockquote(args, inner string) string {
	out := quote(strings.Trim(inner, "\n"))
	if args = strings.TrimSpace(args); args != "" {
		words := importer.SplitArgs(args)
		link := ""
		var by []string
		for _, w := range words {
			if strings.Contains(w, "://") && link == "" {
				link = w
				continue
			}
			by = append(by, w)
		}
		line := strings.Join(by, " ")
		if link != "" {
			if line == "" {
				line = link
			}
			line = "[" + line + "](" + link + ")"
		}
		out += ">\n> — " + line + "\n"
	}
	return "\n" + out + "\n"
}

// quoteNote converts a note or pullquote: a quote, its class as a bold
// first word.
func quoteNote(args []string, name, inner string) string {
	label := ""
	for _, a := range args {
		if a != "" && a != "no-icon" && name == "note" {
			first, size := utf8.DecodeRuneInString(a)
			label = string(unicode.ToUpper(first)) + a[size:]
			break
		}
	}
	body := strings.Trim(inner, "\n")
	if label != "" {
		body = fmt.Sprintf("**%s:** %s", label, body)
	}
	return "\n" + quote(body) + "\n"
}

// quote prefixes every line with "> ".
func quote(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(s, "\n") {
		if line == "" {
			b.WriteString(">\n")
		} else {
			b.WriteString("> " + line + "\n")
		}
	}
	return b.String()
}
