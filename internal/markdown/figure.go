package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// An image alone in its paragraph with a title,
//
//	![The new office](office.jpg "Our new office in Wuhan")
//
// becomes a figure whose caption is the title:
//
//	<figure><img src="office.jpg" alt="The new office"><figcaption>Our
//	new office in Wuhan</figcaption></figure>
//
// The title is not kept on the image as well: a screen reader would read
// the caption twice. An image without a title, or with text beside it,
// stays in its paragraph.

var kindFigure = ast.NewNodeKind("Figure")

// figure holds the image it shows.
type figure struct {
	ast.BaseBlock
	caption []byte // the image's title, as written (escapes and entities undecoded)
}

func (n *figure) Kind() ast.NodeKind         { return kindFigure }
func (n *figure) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// makeFigures turns each image that is the whole of its paragraph, and
// has a title, into a figure in the paragraph's place.
func makeFigures(images []*ast.Image) {
	for _, img := range images {
		para, ok := img.Parent().(*ast.Paragraph)
		if !ok || len(img.Title) == 0 || img.PreviousSibling() != nil || img.NextSibling() != nil || para.Parent() == nil {
			continue
		}
		fig := &figure{caption: img.Title}
		img.Title = nil
		parent := para.Parent()
		parent.ReplaceChild(parent, para, fig)
		fig.AppendChild(fig, img)
	}
}

type figureExtension struct{}

func (figureExtension) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(figureRenderer{}, 50)))
}

type figureRenderer struct{}

func (figureRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindFigure, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString("<figure>")
			return ast.WalkContinue, nil
		}
		_, _ = w.WriteString("<figcaption>")
		plainWriter.Write(w, n.(*figure).caption) // decodes what the author escaped, escapes for HTML
		_, _ = w.WriteString("</figcaption></figure>\n")
		return ast.WalkContinue, nil
	})
}
