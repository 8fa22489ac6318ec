package markdown

import (
	"net/url"
	"path"
	"strings"

	"github.com/bulletin-ssg/bulletin/internal/diag"
	"github.com/yuin/goldmark/ast"
)

// rewriteLinks turns links to other Markdown files into page URLs. The
// links were collected before any is changed: unlinking one must not cut
// the walk short.
func rewriteLinks(links []*ast.Link, src []byte, st *state) {
	if st.doc.Resolve == nil {
		return
	}
	for _, link := range links {
		dest := string(link.Destination)
		target, fragment, ok := markdownTarget(st.doc.Path, dest)
		if !ok {
			continue
		}
		to, found := st.doc.Resolve(target)
		switch found {
		case Missing:
			line, col := st.doc.position(linkOffset(link, src))
			st.errs = append(st.errs, diag.At(st.doc.File, line, col, "link to %q: no such page (looked for content/%s)", dest, target))
			continue
		case Unpublished:
			// The target exists but is left out of this build (a draft, a
			// scheduled article): keep the words, drop the link, warn.
			line, col := st.doc.position(linkOffset(link, src))
			w := diag.At(st.doc.File, line, col, "link to %q: that page is not published in this build; shown as plain text", dest)
			w.Code = "linked-draft"
			st.warnings = append(st.warnings, w)
			unlink(link)
			continue
		}
		if fragment != "" {
			to += "#" + fragment
		}
		link.Destination = []byte(to)
	}
}

// unlink replaces a link with its text.
func unlink(link *ast.Link) {
	parent := link.Parent()
	for c := link.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, link, c)
		c = next
	}
	parent.RemoveChild(parent, link)
}

// isMarkdown reports whether a link names a Markdown file: .md or
// .markdown, in any case (content.IsMarkdown, which this package does
// not import).
func isMarkdown(p string) bool {
	ext := path.Ext(p)
	return strings.EqualFold(ext, ".md") || strings.EqualFold(ext, ".markdown")
}

// markdownTarget reports the content-relative file a relative link to a
// Markdown file points at, and its #fragment.
func markdownTarget(from, dest string) (target, fragment string, ok bool) {
	if dest == "" || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "/") || strings.HasPrefix(dest, "//") {
		return "", "", false
	}
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" {
		return "", "", false
	}
	if !isMarkdown(u.Path) {
		return "", "", false
	}
	// A target above content/ keeps its "../" and is simply not found.
	return path.Join(path.Dir(from), u.Path), u.Fragment, true
}

// imageOffset finds where an image starts: just before "[" of its alt text.
func imageOffset(img *ast.Image, src []byte) int { return offsetBefore(img, 2) }

// blockOffset is where the block holding n starts.
func blockOffset(n ast.Node) int {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

// linkOffset finds where a link starts in the source: just before "[".
func linkOffset(link *ast.Link, src []byte) int { return offsetBefore(link, 1) }

// offsetBefore is where a link or image starts: its first text less the
// width of its opening ("[" or "!["), or its block when it has no text.
func offsetBefore(n ast.Node, opening int) int {
	offset := -1
	walk(n, func(c ast.Node) ast.WalkStatus {
		if t, ok := c.(*ast.Text); ok {
			offset = t.Segment.Start - opening
			return ast.WalkStop
		}
		return ast.WalkContinue
	})
	if offset >= 0 {
		return offset
	}
	return blockOffset(n)
}
