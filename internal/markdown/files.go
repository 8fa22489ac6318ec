package markdown

import (
	"net/url"
	"path"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// rewriteFiles turns a relative link or image that names a file of
// content/ (images/a.png, ../files/a.pdf) into the URL that file is
// published at. The path is read from the Markdown file's own folder, as
// an editor and GitHub show it; the page's URL is elsewhere (a pretty
// /news/2020/07/x/), so the path as written would not reach the file from
// it. A page bundle's own files are copied beside the page and stay as
// written. A file the resolver does not know, or a path out of content/,
// is left as written, for bulletin check to report.
func rewriteFiles(links []*ast.Link, images []*ast.Image, st *state) {
	if st.doc.Resolve == nil {
		return
	}
	rewrite := func(dest []byte) []byte {
		target, u, ok := fileTarget(st.doc.Path, st.doc.Bundle, string(dest))
		if !ok {
			return dest
		}
		to, found := st.doc.Resolve(target)
		if found != Published {
			return dest
		}
		if u.RawQuery != "" {
			to += "?" + u.RawQuery
		}
		if u.Fragment != "" {
			to += "#" + u.EscapedFragment()
		}
		return []byte(to)
	}
	for _, l := range links {
		if l.Parent() != nil { // not unlinked as a link to an unpublished page
			l.Destination = rewrite(l.Destination)
		}
	}
	for _, img := range images {
		img.Destination = rewrite(img.Destination)
	}
}

// fileTarget reports the content-relative file a relative link or image
// names, when it is one the resolver should place: not a link to a
// Markdown page (rewriteLinks), a folder ("../"), a path out of content/
// or a file of the page's own bundle.
func fileTarget(from, bundle, dest string) (target string, u *url.URL, ok bool) {
	if dest == "" || dest[0] == '#' || dest[0] == '/' || dest[0] == '?' {
		return "", nil, false
	}
	if i := strings.IndexAny(dest, ":/?#"); i >= 0 && dest[i] == ':' {
		return "", nil, false // a scheme (https:, mailto:): not parsed for nothing
	}
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" || strings.HasSuffix(u.Path, "/") || isMarkdown(u.Path) {
		return "", nil, false
	}
	target = path.Join(path.Dir(from), u.Path)
	if OutOfContent(target) || bundle != "" && strings.HasPrefix(target, bundle+"/") {
		return "", nil, false
	}
	return target, u, true
}

// OutOfContent reports whether a content-relative path, cleaned, leads
// out of content/ ("../x.png").
func OutOfContent(target string) bool {
	return target == ".." || strings.HasPrefix(target, "../")
}
