package markdown

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/bulletin-ssg/bulletin/internal/diag"
	"github.com/yuin/goldmark/ast"
)

// Codes of the warnings this file gives, for bulletin check.
const (
	CodeRawHTML    = "raw-html"
	CodeForeignTag = "foreign-tag"
)

// foreignWarnings warns of what a page moved from another generator
// loses without a word: raw HTML the site drops (raw holds the raw HTML
// nodes when unsafeHTML is off, else nothing), and the template tags of
// Hexo, Jekyll, Hugo or WordPress left in its text, which bulletin
// prints as they are. A kind of raw HTML tag is reported once per page,
// at its first place, with how many more there are. Raw HTML inside a
// foreign tag ({{<figure src="a.png">}}) is part of that tag's warning.
func foreignWarnings(doc ast.Node, raw []ast.Node, src []byte, st *state) {
	var tags []span
	if mayHaveForeignTags(src) {
		tags = foreignTags(doc, src, st)
	}
	if len(raw) == 0 {
		return
	}
	type seen struct {
		at, more int // index in warnings; how many more of the kind
	}
	kinds := map[string]*seen{}
	var warnings []*diag.Error
	for _, n := range raw {
		start, text := rawHTML(n, src)
		if start < 0 || inside(tags, start) {
			continue
		}
		tag, name := shortTag(text)
		if name == "" {
			continue // a comment or a closing tag: nothing shown is lost with it
		}
		if k, ok := kinds[name]; ok {
			k.more++
			continue
		}
		line, col := st.doc.position(start)
		kinds[name] = &seen{at: len(warnings)}
		warnings = append(warnings, &diag.Error{File: st.doc.File, Line: line, Col: col, Code: CodeRawHTML, Msg: tag})
	}
	for name, k := range kinds {
		w := warnings[k.at]
		more := ""
		if k.more > 0 {
			more = fmt.Sprintf(" (and %d more <%s> in this file)", k.more, name)
		}
		w.Msg = fmt.Sprintf("raw HTML dropped: %s%s; set unsafeHTML: true in content/_index.md to keep it", w.Msg, more)
	}
	for _, w := range warnings {
		st.warnings = append(st.warnings, w)
	}
}

// rawHTML is where a raw HTML node starts in the source, and its text.
func rawHTML(n ast.Node, src []byte) (int, []byte) {
	switch n := n.(type) {
	case *ast.HTMLBlock:
		if n.Lines().Len() == 0 {
			return -1, nil
		}
		seg := n.Lines().At(0)
		start := seg.Start
		for start < seg.Stop && (src[start] == ' ' || src[start] == '\t') {
			start++
		}
		return start, src[start:seg.Stop]
	case *ast.RawHTML:
		if n.Segments.Len() == 0 {
			return -1, nil
		}
		seg := n.Segments.At(0)
		return seg.Start, src[seg.Start:seg.Stop]
	}
	return -1, nil
}

// shortTag shortens the opening of a raw HTML tag for a message:
// `<video src="a.mp4" controls>` is "<video …>". name is the tag's name,
// lowercased; "" for a comment or a closing tag.
func shortTag(text []byte) (tag, name string) {
	if len(text) < 2 || text[0] != '<' || text[1] == '/' || bytes.HasPrefix(text, []byte("<!--")) {
		return "", ""
	}
	end := 1
	for end < len(text) && !strings.ContainsRune(" \t\r\n/>", rune(text[end])) {
		end++
	}
	name = strings.ToLower(string(text[1:end]))
	rest := bytes.TrimLeft(text[end:], " \t\r\n")
	switch {
	case bytes.HasPrefix(rest, []byte(">")):
		return "<" + string(text[1:end]) + ">", name
	case bytes.HasPrefix(rest, []byte("/>")):
		return "<" + string(text[1:end]) + "/>", name
	}
	return "<" + string(text[1:end]) + " …>", name
}

// span is a stretch of the source, [start, end).
type span struct{ start, end int }

func inside(spans []span, at int) bool {
	for _, s := range spans {
		if at >= s.start && at < s.end {
			return true
		}
	}
	return false
}

// mayHaveForeignTags is the cheap test that spares nearly every page the
// walk of its text: a tag of another generator starts with one of these.
func mayHaveForeignTags(src []byte) bool {
	return bytes.Contains(src, []byte("{%")) || bytes.Contains(src, []byte("{{")) || bytes.Contains(src, []byte("[caption"))
}

// foreignSyntax is one kind of template tag another generator leaves in
// a page's text.
type foreignSyntax struct {
	open, close, who string
}

var foreignSyntaxes = []foreignSyntax{
	{"{{<", ">}}", "Hugo shortcode"},
	{"{{%", "%}}", "Hugo shortcode"},
	{"{%", "%}", "Hexo/Jekyll tag"},
	{"[caption", "]", "WordPress shortcode"},
}

// maxTag is how far after its opening a tag's end is looked for.
const maxTag = 1000

// foreignTags warns of each template tag of another generator in the
// text of the page (not in code), at its opening, and returns where the
// tags stand. A closing tag ({% endraw %}, {{< /notice >}}, [/caption])
// is not reported: its opening was.
func foreignTags(doc ast.Node, src []byte, st *state) []span {
	var found []span
	next := 0 // the source before this is inside a tag already seen
	walk(doc, func(n ast.Node) ast.WalkStatus {
		switch n.(type) {
		case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock:
			return ast.WalkSkipChildren
		}
		t, ok := n.(*ast.Text)
		if !ok {
			return ast.WalkContinue
		}
		for i := max(t.Segment.Start, next); i < t.Segment.Stop; i++ {
			c := src[i]
			if c != '{' && c != '[' {
				continue
			}
			end, tag, who := foreignTag(src, i)
			if end < 0 {
				continue
			}
			found = append(found, span{i, end})
			next = end
			if tag != "" {
				line, col := st.doc.position(i)
				st.warnings = append(st.warnings, &diag.Error{File: st.doc.File, Line: line, Col: col, Code: CodeForeignTag,
					Msg: fmt.Sprintf("%s left in the text: %s (bulletin shows it as written)", who, tag)})
			}
			i = end - 1
		}
		return ast.WalkContinue
	})
	return found
}

// foreignTag reads a tag of another generator at src[i:]: where it ends,
// and how a message shows it ("{% asset_img … %}"), "" for a closing tag.
// end is -1 when no tag starts there.
func foreignTag(src []byte, i int) (end int, tag, who string) {
	rest := src[i:]
	for _, f := range foreignSyntaxes {
		if !bytes.HasPrefix(rest, []byte(f.open)) {
			continue
		}
		body := rest[len(f.open):min(len(rest), maxTag)]
		if blank := bytes.Index(body, []byte("\n\n")); blank >= 0 {
			body = body[:blank] // a tag does not run over a paragraph's end
		}
		closeAt := bytes.Index(body, []byte(f.close))
		if closeAt < 0 {
			return -1, "", ""
		}
		inner := body[:closeAt]
		if f.open == "[caption" && len(inner) > 0 && inner[0] != ' ' {
			return -1, "", "" // [captioned] is a word, not the shortcode
		}
		end = i + len(f.open) + closeAt + len(f.close)
		words := strings.Fields(strings.Trim(string(inner), "-"))
		if f.open == "[caption" {
			if len(words) > 0 {
				return end, "[caption …]", f.who
			}
			return end, "[caption]", f.who
		}
		if len(words) == 0 || strings.HasPrefix(words[0], "/") || f.close == "%}" && strings.HasPrefix(words[0], "end") {
			return end, "", f.who
		}
		if len(words) > 1 {
			return end, f.open + " " + words[0] + " … " + f.close, f.who
		}
		return end, f.open + " " + words[0] + " " + f.close, f.who
	}
	return -1, "", ""
}
