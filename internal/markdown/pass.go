package markdown

import (
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// documentPass is bulletin's one AST transformer: a single walk collects
// the headings, links, images, quotes, soft line breaks and the first
// <!--more-->, then each feature (in a file of its own, with its node and
// renderer) handles what it needs in turn. One walk instead of one per
// feature: the walks were a large part of the Markdown stage.
type documentPass struct {
	unsafeHTML  bool   // the site allows raw HTML: heading attributes pass as written
	imageWidths []int  // Options.ImageWidths
	code, table string // the names of code blocks' and tables' regions, before their numbers
}

func (p documentPass) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(stateKey).(*state)
	if st == nil {
		st = &state{doc: &Doc{}}
	}
	src := reader.Source()
	var (
		headings []*ast.Heading
		links    []*ast.Link
		autos    []*ast.AutoLink
		images   []*ast.Image
		breaks   []*ast.Text
		quotes   []*ast.Blockquote
		more     ast.Node
		raw      []ast.Node // raw HTML the site drops
		fences   []*ast.FencedCodeBlock
		codes    []ast.Node // every block of code, math too
		tables   []*extast.Table
		tasks    []*extast.TaskCheckBox
	)
	walk(doc, func(n ast.Node) ast.WalkStatus {
		switch n := n.(type) {
		case *ast.Heading:
			headings = append(headings, n)
		case *ast.Link:
			links = append(links, n)
		case *ast.AutoLink:
			autos = append(autos, n)
		case *ast.Image:
			images = append(images, n)
		case *ast.Blockquote:
			quotes = append(quotes, n)
		case *ast.FencedCodeBlock:
			fences = append(fences, n)
			codes = append(codes, n)
		case *ast.CodeBlock, *mathBlock:
			codes = append(codes, n)
		case *extast.Table:
			tables = append(tables, n)
		case *extast.TaskCheckBox:
			tasks = append(tasks, n)
		case *ast.Text:
			if n.SoftLineBreak() {
				breaks = append(breaks, n)
			}
		case *ast.HTMLBlock, *ast.RawHTML:
			if more == nil && isMoreNode(n, src) {
				more = n
			}
			if !p.unsafeHTML {
				raw = append(raw, n)
			}
		}
		return ast.WalkContinue
	})
	if more != nil {
		st.more = insertMore(more, src)
	}
	makeFigures(images) // after insertMore, which may leave an image alone in a paragraph
	makeCallouts(quotes, src)
	assignHeadingIDs(headings, src, st, p.unsafeHTML)
	rewriteLinks(links, src, st)
	pictures := findPictures(images, st, p.imageWidths)
	rewriteFiles(links, images, st)
	markPictures(images, pictures)
	makeVideos(links, autos, src) // after rewriteLinks and rewriteFiles, which unlink some and move others
	st.refs = references(links, images, src, st)
	foreignWarnings(doc, raw, src, st)
	checkFences(fences, src, st)
	nameCode(codes, p.code)
	wrapTables(tables, p.table)
	labelTasks(tasks)
	// Last: the steps before move and unlink inline nodes.
	joinCJKLines(breaks, src)
}

// references lists where the document points, after rewriting, with the
// position of each link and image in the file (for bulletin check).
func references(links []*ast.Link, images []*ast.Image, src []byte, st *state) []Ref {
	refs := make([]Ref, 0, len(links)+len(images))
	for _, l := range links {
		if l.Parent() == nil {
			continue // unlinked: it pointed at an unpublished page
		}
		line, col := st.doc.position(linkOffset(l, src))
		refs = append(refs, Ref{Dest: string(l.Destination), Line: line, Col: col})
	}
	for _, img := range images {
		line, col := st.doc.position(imageOffset(img, src))
		refs = append(refs, Ref{Dest: string(img.Destination), Line: line, Col: col, Image: true})
	}
	return refs
}
