package markdown

import (
	"html"
	"html/template"
	"strings"
)

// toc renders headings as nested lists. A document with fewer than two
// headings gets none: a one-entry table of contents helps nobody. A
// heading never nests more than one level below the one before it, so
// "### then ##" and skipped levels still give well-formed lists.
func toc(headings []Heading) template.HTML {
	if len(headings) < 2 {
		return ""
	}
	top := headings[0].Level
	for _, h := range headings {
		top = min(top, h.Level)
	}
	var b strings.Builder
	depth := 0
	for _, h := range headings {
		level := min(h.Level-top+1, depth+1)
		if level > depth {
			b.WriteString("<ul>")
		} else {
			b.WriteString("</li>")
			for ; depth > level; depth-- {
				b.WriteString("</ul></li>")
			}
		}
		depth = level
		b.WriteString(`<li><a href="#`)
		b.WriteString(html.EscapeString(h.ID))
		b.WriteString(`">`)
		b.WriteString(html.EscapeString(h.Text))
		b.WriteString("</a>")
	}
	b.WriteString("</li>")
	for ; depth > 1; depth-- {
		b.WriteString("</ul></li>")
	}
	b.WriteString("</ul>")
	return template.HTML(b.String())
}
