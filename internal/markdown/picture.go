package markdown

import (
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/bulletin-ssg/bulletin/internal/images"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// An image that is a photo of the site (a JPEG, PNG or WebP file of
// content/, a bundle's or any other, or one published at a path from the
// site's root: a file of assets/) becomes a picture the browser can
// choose a size of:
//
//	<picture><source type="image/webp" srcset="a_480w.webp 480w, …"
//	sizes="…"><img src="a_1600w.jpg" srcset="a_480w.jpg 480w, …"
//	sizes="…" width="1600" height="1200" alt="…" decoding="async"
//	loading="lazy"></picture>
//
// width and height are the largest variant's, so the browser keeps the
// image's place before it loads; the first picture of a document is not
// lazy and is fetched first (it is most often what the reader sees
// first). An image on another site, or a file the resolver does not know
// as an image, stays an <img> as written.

// ImageTarget is what a document asks its Resolver to learn about an
// image of the site: the image's content-relative path, or for an image
// named from the site's root the path as written, cleaned ("/images/
// a.jpg", which names no file of content/: the resolver finds what is
// published there). The answer's url is the image's images.Info
// (Info.String), found Published when it gets variants.
func ImageTarget(target string) string { return imageTargetPrefix + target }

// IsImageTarget reports whether a resolver's target is an ImageTarget,
// and the image's path.
func IsImageTarget(target string) (string, bool) {
	return strings.CutPrefix(target, imageTargetPrefix)
}

const imageTargetPrefix = "\x00image:"

// ArticleSizes is the sizes attribute of a picture in an article: the
// built-in theme's text column is 46rem wide at most, the screen's width
// less its margins below that.
const ArticleSizes = "(min-width: 48rem) 46rem, calc(100vw - 2rem)"

// picture is what an image node carries to the renderer: its variants,
// and whether it is the document's first.
type picture struct {
	set   images.Set
	first bool
}

var pictureAttr = []byte("\x00picture")

// findPictures asks the resolver which images are photos of the site,
// before rewriteFiles changes their destinations; pictures marks them
// once it has.
func findPictures(imgs []*ast.Image, st *state, widths []int) map[*ast.Image]images.Set {
	if st.doc.Resolve == nil || len(widths) == 0 {
		return nil
	}
	var found map[*ast.Image]images.Set
	for _, img := range imgs {
		dest := string(img.Destination)
		if dest == "" || strings.ContainsAny(dest, ":?#") || strings.HasPrefix(dest, "//") {
			continue // another site's, or one with a query
		}
		file, err := url.PathUnescape(dest)
		if err != nil {
			continue
		}
		var target string
		if dest[0] == '/' {
			// A path from the site's root stays as written; the resolver
			// knows which file is published there (one of assets/).
			target = path.Clean(file)
		} else if target = path.Join(path.Dir(st.doc.Path), file); OutOfContent(target) {
			continue
		}
		answer, ok := st.doc.Resolve(ImageTarget(target))
		if ok != Published {
			continue
		}
		info, err := images.ParseInfo(answer)
		if err != nil {
			continue
		}
		set, ok2 := images.Plan(info, images.Settings{Widths: widths})
		if !ok2 {
			continue
		}
		if found == nil {
			found = map[*ast.Image]images.Set{}
		}
		found[img] = set
	}
	return found
}

// markPictures gives each found image its picture, in document order.
func markPictures(imgs []*ast.Image, found map[*ast.Image]images.Set) {
	first := true
	for _, img := range imgs {
		if set, ok := found[img]; ok {
			img.SetAttribute(pictureAttr, &picture{set: set, first: first})
			first = false
		}
	}
}

type pictureExtension struct{ unsafeHTML bool }

func (e pictureExtension) Extend(m goldmark.Markdown) {
	// Any other image renders as goldmark renders it.
	var opts []ghtml.Option
	if e.unsafeHTML {
		opts = append(opts, ghtml.WithUnsafe())
	}
	var plain pictureRenderer
	ghtml.NewRenderer(opts...).RegisterFuncs(capture{kind: ast.KindImage, into: &plain.img})
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(plain, 50)))
}

// capture keeps one kind's function of a node renderer.
type capture struct {
	kind ast.NodeKind
	into *renderer.NodeRendererFunc
}

func (c capture) Register(kind ast.NodeKind, f renderer.NodeRendererFunc) {
	if kind == c.kind {
		*c.into = f
	}
}

type pictureRenderer struct{ img renderer.NodeRendererFunc }

func (r pictureRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindImage, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		a, ok := n.AttributeString(string(pictureAttr))
		if !ok {
			return r.img(w, src, n, entering)
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		img := n.(*ast.Image)
		p := a.(*picture)
		dest := string(img.Destination)
		_, _ = w.WriteString("<picture>")
		if len(p.set.WebP) > 0 {
			_, _ = w.WriteString(`<source type="image/webp" srcset="`)
			writeSrcset(w, dest, p.set.WebP)
			_, _ = w.WriteString(`" sizes="` + ArticleSizes + `">`)
		}
		largest := p.set.Largest()
		_, _ = w.WriteString(`<img src="`)
		_, _ = w.Write(util.EscapeHTML(util.URLEscape([]byte(largest.Name(dest)), true)))
		_, _ = w.WriteString(`" srcset="`)
		writeSrcset(w, dest, p.set.Own)
		_, _ = w.WriteString(`" sizes="` + ArticleSizes + `" width="` + strconv.Itoa(largest.Width) + `" height="` + strconv.Itoa(largest.Height) + `" alt="`)
		_, _ = w.Write(util.EscapeHTML(altText(img, src)))
		_ = w.WriteByte('"')
		if img.Title != nil {
			_, _ = w.WriteString(` title="`)
			plainWriter.Write(w, img.Title)
			_ = w.WriteByte('"')
		}
		if p.first {
			_, _ = w.WriteString(` decoding="async" fetchpriority="high"></picture>`)
		} else {
			_, _ = w.WriteString(` decoding="async" loading="lazy"></picture>`)
		}
		return ast.WalkSkipChildren, nil
	})
}

func writeSrcset(w util.BufWriter, dest string, vs []images.Variant) {
	for i, v := range vs {
		if i > 0 {
			_, _ = w.WriteString(", ")
		}
		_, _ = w.Write(util.EscapeHTML(util.URLEscape([]byte(v.Name(dest)), true)))
		_, _ = w.WriteString(" " + strconv.Itoa(v.Width) + "w")
	}
}

// altText is an image's description as plain text: its text, without
// the emphasis or code marks around parts of it.
func altText(n ast.Node, src []byte) []byte {
	var b []byte
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.Text:
			b = append(b, t.Segment.Value(src)...)
			if t.SoftLineBreak() {
				b = append(b, ' ')
			}
		case *ast.String:
			b = append(b, t.Value...)
		default:
			b = append(b, altText(c, src)...)
		}
	}
	return b
}
