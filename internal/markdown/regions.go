package markdown

import (
	"html"
	"strconv"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Code keeps its lines and a table its columns, so on a narrow screen
// either may scroll sideways inside itself. Someone who reads with the
// keyboard must be able to reach it to scroll it (WCAG 2.1.1; axe-core's
// scrollable-region-focusable), and a screen reader must say what they
// reached, so each is a stop of the keyboard's focus and a region named
// in the page's language, numbered in the document (a page's landmarks
// need names of their own: axe-core's landmark-unique):
//
//	<pre tabindex="0" role="region" aria-label="Code 1"><code …>
//	<div class="table-wrap" tabindex="0" role="region" aria-label="Table 1"><table>…</table></div>
//
// Every block gets this, whether it scrolls or not: only the reader's
// screen knows, and a page has no script to ask it. A table scrolls in a
// wrapper of its own, as a role on the table would hide from screen
// readers that it is one.

// regionName is the attribute of a block of code that holds its name,
// for its renderer.
var regionName = []byte("aria-label")

// nameCode names each block of code.
func nameCode(codes []ast.Node, word string) {
	for i, n := range codes {
		n.SetAttribute(regionName, []byte(word+" "+strconv.Itoa(i+1)))
	}
}

// writeRegion writes the attributes that make n's element a named stop
// of the keyboard's focus.
func writeRegion(w util.BufWriter, n ast.Node) {
	name, _ := n.Attribute(regionName)
	b, _ := name.([]byte)
	writeRegionNamed(w, b)
}

func writeRegionNamed(w util.BufWriter, name []byte) {
	_, _ = w.WriteString(` tabindex="0" role="region"`)
	if len(name) > 0 {
		_, _ = w.WriteString(` aria-label="`)
		_, _ = w.WriteString(html.EscapeString(string(name)))
		_ = w.WriteByte('"')
	}
}

var kindTableRegion = ast.NewNodeKind("TableRegion")

// tableRegion holds a table.
type tableRegion struct {
	ast.BaseBlock
	name []byte
}

func (n *tableRegion) Kind() ast.NodeKind         { return kindTableRegion }
func (n *tableRegion) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// wrapTables puts each table in a region of its own, named by word.
func wrapTables(tables []*extast.Table, word string) {
	for i, t := range tables {
		parent := t.Parent()
		if parent == nil {
			continue
		}
		r := &tableRegion{name: []byte(word + " " + strconv.Itoa(i+1))}
		parent.ReplaceChild(parent, t, r)
		r.AppendChild(r, t)
	}
}

type regionsExtension struct{}

func (regionsExtension) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(regionsRenderer{}, 100)))
}

type regionsRenderer struct{}

func (regionsRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindTableRegion, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<div class="table-wrap"`)
			writeRegionNamed(w, n.(*tableRegion).name)
			_, _ = w.WriteString(">\n")
		} else {
			_, _ = w.WriteString("</div>\n")
		}
		return ast.WalkContinue, nil
	})
}
