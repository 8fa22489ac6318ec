package markdown

import (
	"bytes"
	"html"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// A quote whose first line is one of GitHub's alert markers,
//
//	> [!WARNING]
//	> The office is closed on Monday.
//
// becomes a callout, titled in the site's language:
//
//	<aside class="callout callout-warning" role="note">
//	<p class="callout-title"><strong>Warning</strong></p>
//	<p>The office is closed on Monday.</p>
//	</aside>
//
// An aside is content set apart from the text around it; role="note"
// tells assistive technology it is a note on that text rather than a
// landmark of the page. The title is a word of its own, in bold without
// any style sheet (a feed reader shows it too).

// calloutKinds are the markers, as GitHub spells them, and the i18n keys
// of their titles.
var calloutKinds = [...]struct{ name, key string }{
	{"note", "calloutNote"},
	{"tip", "calloutTip"},
	{"important", "calloutImportant"},
	{"warning", "calloutWarning"},
	{"caution", "calloutCaution"},
}

var kindCallout = ast.NewNodeKind("Callout")

// callout holds the blocks of the quote it replaced.
type callout struct {
	ast.BaseBlock
	kind int // index in calloutKinds
}

func (n *callout) Kind() ast.NodeKind         { return kindCallout }
func (n *callout) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// makeCallouts turns each quote that opens with a marker line into a
// callout in its place, without the marker.
func makeCallouts(quotes []*ast.Blockquote, src []byte) {
	for _, q := range quotes {
		kind, ok := calloutMarker(q, src)
		if !ok || q.Parent() == nil {
			continue
		}
		c := &callout{kind: kind}
		parent := q.Parent()
		parent.ReplaceChild(parent, q, c)
		for n := q.FirstChild(); n != nil; {
			next := n.NextSibling()
			c.AppendChild(c, n) // AppendChild detaches n from q
			n = next
		}
	}
}

// calloutMarker reports the kind of callout q's first line names, and
// takes that line out of q's first paragraph. The line must be the
// marker alone ("[!NOTE]", in any case), written as plain text.
func calloutMarker(q *ast.Blockquote, src []byte) (int, bool) {
	para, ok := q.FirstChild().(*ast.Paragraph)
	if !ok || para.Lines().Len() == 0 {
		return 0, false
	}
	line := para.Lines().At(0)
	name, ok := bytes.CutPrefix(bytes.TrimSpace(line.Value(src)), []byte("[!"))
	if !ok {
		return 0, false
	}
	if name, ok = bytes.CutSuffix(name, []byte("]")); !ok {
		return 0, false
	}
	kind := -1
	for i, k := range calloutKinds {
		if bytes.EqualFold(name, []byte(k.name)) {
			kind = i
		}
	}
	if kind < 0 {
		return 0, false
	}
	// The marker's inline nodes: text up to the first line's end.
	// Anything else there ("[!note]" made a link by a reference
	// definition) is the author's, not a marker.
	var marker []ast.Node
	for n := para.FirstChild(); n != nil; n = n.NextSibling() {
		t, ok := n.(*ast.Text)
		if !ok {
			return 0, false
		}
		marker = append(marker, t)
		if t.SoftLineBreak() || t.HardLineBreak() {
			break
		}
	}
	for _, n := range marker {
		para.RemoveChild(para, n)
	}
	if !para.HasChildren() {
		q.RemoveChild(q, para)
	}
	return kind, true
}

// calloutExtension renders callouts, titled in one language.
type calloutExtension struct{ opts Options }

func (e calloutExtension) Extend(m goldmark.Markdown) {
	r := calloutRenderer{}
	for i, k := range calloutKinds {
		r.open[i] = `<aside class="callout callout-` + k.name + `" role="note">` + "\n" +
			`<p class="callout-title"><strong>` + html.EscapeString(e.opts.title(k.key)) + "</strong></p>\n"
	}
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(r, 50)))
}

type calloutRenderer struct {
	open [len(calloutKinds)]string // the opening of each kind, title included
}

func (r calloutRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindCallout, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(r.open[n.(*callout).kind])
		} else {
			_, _ = w.WriteString("</aside>\n")
		}
		return ast.WalkContinue, nil
	})
}
