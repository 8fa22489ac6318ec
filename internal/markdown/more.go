package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

var kindMore = ast.NewNodeKind("More")

// moreBlock stands where the summary ends. It renders nothing: it notes
// how much HTML came before it, which is the summary.
type moreBlock struct {
	ast.BaseBlock
	offset int // bytes of HTML before it; -1 until rendered
}

func (n *moreBlock) Kind() ast.NodeKind         { return kindMore }
func (n *moreBlock) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

type moreExtension struct{}

func (moreExtension) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(moreRenderer{}, 50)))
}

// insertMore puts a moreBlock in place of the first <!--more-->, always at
// the top level of the document: the summary is all the HTML before it,
// so every element the summary opens is closed there. A marker that is a
// top-level block of its own is replaced; one inside a top-level
// paragraph cuts the paragraph in two. A marker anywhere deeper (in a
// quote, a list, a footnote, a heading, emphasis) is removed and the
// summary ends after the top-level block that held it: a cut inside would
// leave that block open.
func insertMore(marker ast.Node, src []byte) *moreBlock {
	more := &moreBlock{offset: -1}
	parent := marker.Parent()
	if _, ok := marker.(*ast.HTMLBlock); ok && parent.Kind() == ast.KindDocument {
		parent.ReplaceChild(parent, marker, more)
		return more
	}
	if _, ok := parent.(*ast.Paragraph); ok && parent.Parent() != nil && parent.Parent().Kind() == ast.KindDocument {
		splitParagraph(marker, more, src)
		return more
	}
	top := parent
	for top.Parent() != nil && top.Parent().Kind() != ast.KindDocument {
		top = top.Parent()
	}
	if marker.NextSibling() == nil {
		trimBefore(marker, src)
	}
	parent.RemoveChild(parent, marker)
	if top.Parent() != nil {
		top.Parent().InsertAfter(top.Parent(), top, more)
	}
	return more
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

// splitParagraph cuts a top-level paragraph in two around the marker
// within it, with more between the halves.
func splitParagraph(marker ast.Node, more *moreBlock, src []byte) {
	para := marker.Parent()
	rest := ast.NewParagraph()
	for n := marker.NextSibling(); n != nil; {
		next := n.NextSibling()
		rest.AppendChild(rest, n) // AppendChild detaches n from para
		n = next
	}
	if t, ok := rest.FirstChild().(*ast.Text); ok {
		t.Segment = t.Segment.TrimLeftSpace(src)
	}
	trimBefore(marker, src)
	para.RemoveChild(para, marker)
	parent := para.Parent()
	parent.InsertAfter(parent, para, more)
	if rest.HasChildren() {
		parent.InsertAfter(parent, more, rest)
	}
	if !para.HasChildren() {
		parent.RemoveChild(parent, para)
	}
}

// trimBefore drops the space before a marker that ends a line of text, as
// goldmark drops it at the end of every paragraph.
func trimBefore(marker ast.Node, src []byte) {
	if t, ok := marker.PreviousSibling().(*ast.Text); ok {
		t.Segment = t.Segment.TrimRightSpace(src)
	}
}

// isMore reports a comment that says "more", in any case and with any
// spaces inside: <!-- more --> and <!--More--> are markers as well.
func isMore(b []byte) bool {
	b = bytes.TrimSpace(b)
	inside, ok := bytes.CutPrefix(b, []byte("<!--"))
	if !ok {
		return false
	}
	if inside, ok = bytes.CutSuffix(inside, []byte("-->")); !ok {
		return false
	}
	return bytes.EqualFold(bytes.TrimSpace(inside), []byte("more"))
}

type moreRenderer struct{}

func (moreRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindMore, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if b, ok := w.(*htmlBuffer); ok && entering {
			n.(*moreBlock).offset = b.Len()
		}
		return ast.WalkContinue, nil
	})
}

// htmlBuffer is what Render has goldmark write into: a bytes.Buffer that
// is a util.BufWriter itself, so the moreBlock's renderer learns how much
// HTML stands before it (a bufio.Writer in between would hide it).
type htmlBuffer struct{ bytes.Buffer }

func (*htmlBuffer) Buffered() int { return 0 }
func (*htmlBuffer) Flush() error  { return nil }
