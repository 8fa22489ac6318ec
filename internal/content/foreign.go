package content

import "github.com/bulletin-ssg/bulletin/internal/frontmatter"

// ForeignKeys are front-matter keys that Hugo, Hexo, Jekyll or a
// WordPress export write for something bulletin reads under another key,
// each mapped to that key. bulletin does not read them (a page keeps
// them in .Page.Params): check warns at each, and an importer can
// rename them. This is the one list of them.
var ForeignKeys = map[string]string{
	"updated":        "lastmod",
	"modified":       "lastmod",
	"category":       "categories",
	"excerpt":        "summary",
	"abstract":       "summary",
	"permalink":      "url",
	"image":          "cover",
	"images":         "cover",
	"thumbnail":      "cover",
	"featured_image": "cover",
	"by":             "author",
	"authors":        "author",
}

// KeyPos is where a top-level front-matter key of the page's own is
// written (not its value, as Pos has it), or 0, 0 when the page does
// not write it. The key is taken to stand before its value as each
// format writes it with the usual spacing ("key: value", "key = value",
// "\"key\": value"); a YAML value on the lines below its key (a list)
// has the key at the start of the line above.
func (p *Page) KeyPos(key string) (line, col int) {
	pos, ok := p.Pos[key]
	if !ok || pos.Line == 0 {
		return 0, 0
	}
	before := len(key) + len(": ")
	switch p.Format {
	case frontmatter.TOML:
		before = len(key) + len(" = ")
	case frontmatter.JSON:
		before = len(key) + len(`"": `)
	}
	if col := pos.Col - before; col >= 1 {
		return pos.Line, col
	}
	if p.Format == frontmatter.YAML && pos.Line > 1 {
		return pos.Line - 1, 1
	}
	return pos.Line, 1
}
