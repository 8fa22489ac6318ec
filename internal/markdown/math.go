package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Display math, as GitHub writes it,
//
//	$$
//	E = mc^2
//	$$
//
// or "$$E = mc^2$$" on a line of its own, is kept as the TeX the author
// wrote, in a code block marked as math, as a ```math fence gives:
//
//	<pre><code class="language-math">E = mc^2
//	</code></pre>
//
// bulletin turns no TeX into MathML: no pure-Go converter could be had
// that is maintained and served to this project's builds, and a page
// script or a CDN is out of the question. A site's own script may
// typeset language-math blocks. Inline "$…$" stays text, so "costs $5
// and $10" reads as written.

var kindMathBlock = ast.NewNodeKind("MathBlock")

type mathBlock struct {
	ast.BaseBlock
	done bool // written on one line: closed with it
}

func (n *mathBlock) Kind() ast.NodeKind         { return kindMathBlock }
func (n *mathBlock) IsRaw() bool                { return true }
func (n *mathBlock) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

var mathDelimiter = []byte("$$")

type mathBlockParser struct{}

func (mathBlockParser) Trigger() []byte { return []byte{'$'} }

func (mathBlockParser) Open(_ ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, segment := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || !bytes.HasPrefix(line[pos:], mathDelimiter) {
		return nil, parser.NoChildren
	}
	rest := util.TrimRightSpace(line[pos+len(mathDelimiter):])
	if len(rest) == 0 { // "$$" alone: the TeX follows, up to a "$$" line
		reader.AdvanceToEOL()
		return &mathBlock{}, parser.NoChildren
	}
	// "$$TeX$$" alone on its line; anything else ("$$5 a piece") is text.
	tex, ok := bytes.CutSuffix(rest, mathDelimiter)
	if !ok || len(util.TrimLeftSpace(util.TrimRightSpace(tex))) == 0 {
		return nil, parser.NoChildren
	}
	start := segment.Start - segment.Padding + pos + len(mathDelimiter)
	node := &mathBlock{done: true}
	seg := text.NewSegment(start, start+len(tex))
	seg = seg.TrimLeftSpace(reader.Source())
	seg = seg.TrimRightSpace(reader.Source())
	node.Lines().Append(seg)
	reader.AdvanceToEOL()
	return node, parser.NoChildren
}

func (mathBlockParser) Continue(node ast.Node, reader text.Reader, _ parser.Context) parser.State {
	if node.(*mathBlock).done {
		return parser.Close
	}
	line, segment := reader.PeekLine()
	if w, pos := util.IndentWidth(line, reader.LineOffset()); w < 4 && bytes.Equal(util.TrimRightSpace(line[pos:]), mathDelimiter) {
		reader.AdvanceToEOL()
		node.(*mathBlock).done = true
		return parser.Close
	}
	node.Lines().Append(segment)
	reader.AdvanceToEOL()
	return parser.Continue | parser.NoChildren
}

func (mathBlockParser) Close(ast.Node, text.Reader, parser.Context) {}
func (mathBlockParser) CanInterruptParagraph() bool                 { return true }
func (mathBlockParser) CanAcceptIndentedLine() bool                 { return false }

type mathExtension struct{}

func (mathExtension) Extend(m goldmark.Markdown) {
	// Before the paragraph parser (priority 1000), after the fences (700).
	m.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(mathBlockParser{}, 750)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(mathRenderer{}, 50)))
}

type mathRenderer struct{}

func (mathRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindMathBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		_, _ = w.WriteString("<pre")
		writeRegion(w, n) // a formula is TeX until a script typesets it: code
		_, _ = w.WriteString(`><code class="language-math">`)
		// Each line ends in a newline, as in a code block. (A segment's
		// ForceNewline would append it to the source itself.)
		lines := n.Lines()
		for i := range lines.Len() {
			seg := lines.At(i)
			v := seg.Value(src)
			ghtml.DefaultWriter.RawWrite(w, v)
			if len(v) > 0 && v[len(v)-1] != '\n' {
				_ = w.WriteByte('\n')
			}
		}
		_, _ = w.WriteString("</code></pre>\n")
		return ast.WalkContinue, nil
	})
}
