package wordpress

import (
	"fmt"
	"html"
	"strings"

	"github.com/bulletin-ssg/bulletin/internal/importer"
)

// shortcodes are WordPress's [name attr="…"]…[/name].
var shortcodes = importer.Syntax{Open: []string{"["}, Close: []string{"]"}, EndPrefix: "/"}

// known are the shortcodes converted; any other [name …] with a closing
// tag or attributes is kept with a note, and plain [text] is text.
var known = map[string]bool{"caption": true, "wp_caption": true, "gallery": true, "embed": true, "video": true,
	"audio": true, "youtube": true, "vimeo": true, "playlist": true}

func (r *reader) shortcode(p *importer.Post, t importer.Tag, c *importer.Context) (string, bool) {
	name := strings.ToLower(t.Name)
	_, named := importer.NamedArgs(t.Args)
	switch name {
	case "caption", "wp_caption":
		if !t.Paired {
			break
		}
		inner := strings.TrimSpace(t.Inner)
		img, caption := inner, named["caption"]
		if i := strings.LastIndex(inner, ">"); i >= 0 && caption == "" {
			img, caption = inner[:i+1], strings.TrimSpace(inner[i+1:])
		}
		return "<figure>" + img + "<figcaption>" + caption + "</figcaption></figure>", true
	case "gallery":
		var urls []string
		if ids := named["ids"]; ids != "" {
			for _, id := range strings.Split(ids, ",") {
				if u := r.attachments[strings.TrimSpace(id)]; u != "" {
					urls = append(urls, u)
				}
			}
		} else {
			urls = r.children[c.Post().Keys[0]]
		}
		if len(urls) == 0 {
			c.Note(t.Start, "[gallery]: none of its images is in the export: left out")
			return "", true
		}
		var b strings.Builder
		b.WriteString("<p>")
		for _, u := range urls {
			fmt.Fprintf(&b, `<img src="%s" alt=""> `, html.EscapeString(u))
		}
		c.Note(t.Start, "[gallery] became its %d images in a row", len(urls))
		return b.String() + "</p>", true
	case "embed", "youtube", "vimeo":
		u := strings.TrimSpace(t.Inner)
		if !t.Paired {
			u = firstArg(t.Args, named)
		}
		if page, ok := importer.VideoPage(u); ok {
			return "<p>" + page + "</p>", true
		}
		if u != "" {
			return fmt.Sprintf(`<p><a href="%s">%s</a></p>`, html.EscapeString(u), html.EscapeString(u)), true
		}
	case "video", "audio", "playlist":
		for _, k := range []string{"src", "mp4", "m4v", "webm", "ogv", "mp3", "ogg", "wav"} {
			if u := named[k]; u != "" {
				c.Note(t.Start, "[%s] became a link to its file", name)
				return fmt.Sprintf(`<p><a href="%s">%s</a></p>`, html.EscapeString(u), html.EscapeString(u)), true
			}
		}
	}
	if known[name] || t.Paired || strings.Contains(t.Args, "=") {
		if !strings.HasPrefix(name, "/") {
			c.Note(t.Start, "shortcode [%s] not converted: kept as written", t.Name)
		}
	}
	return "", false
}

func firstArg(args string, named map[string]string) string {
	if u := named["url"]; u != "" {
		return u
	}
	if u := named["id"]; u != "" {
		return u
	}
	pos, _ := importer.NamedArgs(args)
	if len(pos) > 0 {
		return strings.TrimPrefix(pos[0], "=")
	}
	return ""
}
