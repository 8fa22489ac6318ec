package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// moreMarker is what a "<!--more-->" renders to, even when raw HTML is
// dropped, so Render can split the summary from the rest.
const moreMarker = "<!--more-->"

var kindMore = ast.NewNodeKind("More")

// moreBlock stands where the author wrote <!--more-->.
type moreBlock struct{ ast.BaseBlock }

func (n *moreBlock) Kind() ast.NodeKind         { return kindMore }
func (n *moreBlock) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

type moreExtension struct{}

func (moreExtension) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(moreRenderer{}, 50)))
}

// insertMore replaces the first <!--more--> (a block of its own, or
// inline HTML) with a moreBlock.
func insertMore(n ast.Node, src []byte) {
	switch n := n.(type) {
	case *ast.HTMLBlock:
		n.Parent().ReplaceChild(n.Parent(), n, &moreBlock{})
	case *ast.RawHTML:
		splitParagraph(n, src)
	}
}

// isMoreNode reports whether n is the author's <!--more-->.
func isMoreNode(n ast.Node, src []byte) bool {
	switch n := n.(type) {
	case *ast.HTMLBlock:
		return isMore(n.Lines().Value(src))
	case *ast.RawHTML:
		return isMore(n.Segments.Value(src))
	}
	return false
}

// splitParagraph handles a <!--more--> inside a paragraph: the paragraph
// is cut in two around a moreBlock, so the summary before it is closed,
// well-formed HTML. A marker nested deeper (inside emphasis, a list) is
// dropped: there is no clean place to cut.
func splitParagraph(marker ast.Node, src []byte) {
	para, ok := marker.Parent().(*ast.Paragraph)
	if !ok || para.Parent() == nil {
		marker.Parent().RemoveChild(marker.Parent(), marker)
		return
	}
	rest := ast.NewParagraph()
	for n := marker.NextSibling(); n != nil; {
		next := n.NextSibling()
		rest.AppendChild(rest, n) // AppendChild detaches n from para
		n = next
	}
	if t, ok := rest.FirstChild().(*ast.Text); ok {
		t.Segment = t.Segment.TrimLeftSpace(src)
	}
	para.RemoveChild(para, marker)
	parent := para.Parent()
	parent.InsertAfter(parent, para, &moreBlock{})
	if rest.HasChildren() {
		parent.InsertAfter(parent, para.NextSibling(), rest)
	}
	if !para.HasChildren() {
		parent.RemoveChild(parent, para)
	}
}

func isMore(b []byte) bool {
	return bytes.Equal(bytes.TrimSpace(b), []byte(moreMarker))
}

type moreRenderer struct{}

func (moreRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindMore, func(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(moreMarker)
		}
		return ast.WalkContinue, nil
	})
}
