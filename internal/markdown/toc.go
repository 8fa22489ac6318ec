package markdown

import (
	"html"
	"html/template"
	"strings"
)

// toc renders headings as nested lists. A document with fewer than two
// headings gets none: a one-entry table of contents helps nobody.
func toc(headings []Heading) template.HTML {
	if len(headings) < 2 {
		return ""
	}
	top := headings[0].Level
	for _, h := range headings {
		top = min(top, h.Level)
	}
	var b strings.Builder
	depth := 0 // open <ul> levels below top
	b.WriteString("<ul>")
	for i, h := range headings {
		level := h.Level - top
		switch {
		case i == 0:
		case level > depth:
			for ; depth < level; depth++ {
				b.WriteString("<ul>")
			}
		default:
			b.WriteString("</li>")
			for ; depth > level; depth-- {
				b.WriteString("</ul></li>")
			}
		}
		for ; depth < level; depth++ {
			b.WriteString("<ul>") // a document that starts deeper than its top
		}
		b.WriteString(`<li><a href="#`)
		b.WriteString(html.EscapeString(h.ID))
		b.WriteString(`">`)
		b.WriteString(html.EscapeString(h.Text))
		b.WriteString("</a>")
	}
	b.WriteString("</li>")
	for ; depth > 0; depth-- {
		b.WriteString("</ul></li>")
	}
	b.WriteString("</ul>")
	return template.HTML(b.String())
}
