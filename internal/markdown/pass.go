package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// documentPass is bulletin's one AST transformer: a single walk collects
// the headings, the links and the first <!--more-->, then each is handled
// in turn. One walk instead of one per feature: the walks were a fifth of
// the Markdown stage.
type documentPass struct{}

func (documentPass) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(stateKey).(*state)
	if st == nil {
		st = &state{doc: &Doc{}}
	}
	src := reader.Source()
	var (
		headings []*ast.Heading
		links    []*ast.Link
		more     ast.Node
	)
	walk(doc, func(n ast.Node) ast.WalkStatus {
		switch n := n.(type) {
		case *ast.Heading:
			headings = append(headings, n)
		case *ast.Link:
			links = append(links, n)
		case *ast.HTMLBlock, *ast.RawHTML:
			if more == nil && isMoreNode(n, src) {
				more = n
			}
		}
		return ast.WalkContinue
	})
	if more != nil {
		insertMore(more, src)
	}
	assignHeadingIDs(headings, src, st)
	rewriteLinks(links, src, st)
}
