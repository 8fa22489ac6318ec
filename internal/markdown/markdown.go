// Package markdown owns bulletin's one goldmark instance: Markdown in,
// HTML, table of contents, summary and word count out.
//
// Behaviour users rely on:
//   - GitHub Flavored Markdown, footnotes, goldmark's CJK extension (no
//     stray spaces between Chinese lines), {#id} heading attributes (and
//     {.md-*} classes; any other attribute only with unsafeHTML);
//   - heading IDs keep Chinese and other letters ("## 公司新闻" gets
//     id="公司新闻"), lowercase ASCII, and are unique within a page;
//   - relative links to other Markdown files ("other.md", "../news/a.md#x")
//     become the target page's URL; an unknown target is an error at the
//     link's line and column;
//   - a relative link or image naming another file of content/
//     ("images/a.png", read from the Markdown file's folder) becomes the
//     URL that file is published at, except a page bundle's own files,
//     which are copied beside the page and stay as written;
//   - raw HTML is dropped unless the site sets unsafeHTML;
//   - a line break between two CJK characters vanishes, any other stays;
//   - an image alone in its paragraph with a title is a figure, its title
//     the caption; a link alone in its paragraph to a video file or a
//     known provider's video page is the video; a quote opening with
//     "[!NOTE]" (GitHub's alerts) is a callout titled in the site's
//     language; definition lists; "$$" math blocks stay TeX, as code;
//   - fenced code naming a language chroma knows ("```go", "```js") is
//     highlighted when the page is built, with chroma's CSS classes and
//     no style attribute or script; Hugo's attributes after the language
//     ({linenos=true hl_lines=[2,"4-6"] linenostart=10}) number and mark
//     lines, and a bad one is an error at its line and column; another
//     language, or none, stays <pre><code class="language-x">;
//   - every block of code (math too) and every table may scroll sideways,
//     so each is a stop of the keyboard's focus, a region named in the
//     site's language and numbered in the document ("Code 1", "Table 2";
//     a table in a <div class="table-wrap"> of its own);
//   - a task list item's checkbox is in a <label> with the item's text;
//   - lists, quotes, definitions and footnotes nested more than 64 deep
//     are an error at the marker that goes too deep;
//   - "<!--more-->" ends the summary (in any case, with spaces inside or
//     not: "<!-- MORE -->"); inside a quote, a list or any other block,
//     after that block, so the summary's HTML is always whole.
//
// The instance is built once and shared by every goroutine; per-document
// state lives in the parser context. It never reads or writes a file:
// links and images are answered by the caller's resolver, and raw HTML
// never reaches a page unless the site asks for it.
package markdown

import (
	"bytes"
	"errors"
	"html"
	"html/template"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/bulletin-ssg/bulletin/internal/diag"
	"github.com/bulletin-ssg/bulletin/internal/i18n"
	"github.com/bulletin-ssg/bulletin/internal/images"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options configure the shared instance. Everything here can change the
// HTML, so the render cache's key (rcache.KeyOf) covers every field.
type Options struct {
	UnsafeHTML bool   // keep raw HTML in Markdown
	Language   string // the page's language (BCP 47)
	// Titles are the words Markdown adds in that language; empty ones are
	// the built-in words of Language.
	Titles Titles
	// ImageWidths are the widths photos of the site are offered at
	// (images.Settings.WidthsString); "" shows every image as written.
	ImageWidths string
}

// Titles are the words Markdown writes into a page: the titles of
// callouts ("> [!NOTE]"), of a video whose link has no text, and the
// names of the regions code blocks and tables scroll in.
type Titles struct {
	Note, Tip, Important, Warning, Caution, Video, Code, Table string
}

// TitlesIn gives a language's titles from words (a site's interface
// words: i18n.Set.Word).
func TitlesIn(language string, word func(language, key string) string) Titles {
	w := func(key string) string { return word(language, key) }
	return Titles{Note: w("calloutNote"), Tip: w("calloutTip"), Important: w("calloutImportant"),
		Warning: w("calloutWarning"), Caution: w("calloutCaution"), Video: w("video"),
		Code: w("code"), Table: w("table")}
}

// title is one of the titles, by its interface word's key.
func (o Options) title(key string) string {
	var t string
	switch key {
	case "calloutNote":
		t = o.Titles.Note
	case "calloutTip":
		t = o.Titles.Tip
	case "calloutImportant":
		t = o.Titles.Important
	case "calloutWarning":
		t = o.Titles.Warning
	case "calloutCaution":
		t = o.Titles.Caution
	case "video":
		t = o.Titles.Video
	case "code":
		t = o.Titles.Code
	case "table":
		t = o.Titles.Table
	}
	if t == "" {
		t = i18n.Word(o.Language, key)
	}
	return t
}

// Resolver maps a link to another Markdown file (content-relative, cleaned,
// such as "news/a.md") to that page's URL, and a link or image naming
// another file of content/ ("news/images/a.png") to the URL it is
// published at (Missing when there is no such file).
type Resolver func(target string) (url string, found Found)

// Found is what a Resolver knows of a link's target.
type Found int

const (
	Missing     Found = iota // no such file: an error
	Published                // the URL is the target's
	Unpublished              // a draft, future or expired page: shown as text, with a warning
)

// Doc is one document to render.
type Doc struct {
	File    string // site-relative path for errors: "content/news/a.md"
	Path    string // content-relative path, the base of relative links
	Bundle  string // content-relative folder of a page bundle, else "": its files stay as written
	Line    int    // line of the file on which Source starts
	Source  []byte
	Resolve Resolver
	// UTF8 says the caller has checked that Source is UTF-8 (content does,
	// for every page's body), so Render need not read it once more.
	UTF8 bool
}

// Result is a rendered document.
type Result struct {
	HTML        template.HTML
	Summary     template.HTML // text before <!--more-->, else the first ~120 words / ~200 CJK characters
	Truncated   bool          // Summary is shorter than the content
	More        bool          // the author wrote <!--more-->
	TOC         template.HTML // nested list of headings; "" with fewer than two
	Headings    []Heading
	Warnings    []error // links to pages this build leaves out
	Refs        []Ref   // every link and image, in document order of kind
	WordCount   int     // CJK characters count as words
	ReadingTime int     // minutes, at least 1 when there is any text
}

// Ref is a link or an image of a document: where it points (after links
// to Markdown files became URLs) and where it stands in the file.
type Ref struct {
	Dest      string
	Line, Col int
	Image     bool
}

// Heading is one heading of a document.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Renderer converts Markdown; safe for concurrent use.
type Renderer struct {
	md goldmark.Markdown
}

// New builds the shared instance.
func New(opts Options) *Renderer {
	var rendererOpts []renderer.Option
	if opts.UnsafeHTML {
		rendererOpts = append(rendererOpts, ghtml.WithUnsafe())
	}
	md := goldmark.New(
		// CJK without its line-break option: joinCJKLines decides which
		// soft line breaks vanish.
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList, extension.NewCJK(extension.WithEscapedSpace()),
			moreExtension{}, figureExtension{}, calloutExtension{opts: opts}, videoExtension{opts: opts}, mathExtension{},
			pictureExtension{unsafeHTML: opts.UnsafeHTML}, highlightExtension{}, regionsExtension{}, tasksExtension{}),
		goldmark.WithParserOptions(
			parser.WithAttribute(),
			parser.WithASTTransformers(util.Prioritized(documentPass{unsafeHTML: opts.UnsafeHTML, imageWidths: images.ParseWidths(opts.ImageWidths),
				code: opts.title("code"), table: opts.title("table")}, 100)),
		),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	return &Renderer{md: md}
}

var stateKey = parser.NewContextKey()

// state is what the transformers of one document share.
type state struct {
	doc      *Doc
	headings []Heading
	errs     []error
	warnings []error
	refs     []Ref
	more     *moreBlock // where the summary ends, if the author said
}

// Render converts one document.
func (r *Renderer) Render(doc Doc) (*Result, error) {
	if !doc.UTF8 && !utf8.Valid(doc.Source) {
		// goldmark's CJK line joining panics on broken UTF-8; content
		// reports such files, this keeps any other caller safe.
		doc.Source = bytes.ToValidUTF8(doc.Source, []byte("\uFFFD"))
	}
	if at := tooDeep(doc.Source); at >= 0 {
		line, col := doc.position(at)
		return nil, diag.At(doc.File, line, col, "Markdown nested too deeply (more than %d levels of lists, quotes and footnotes)", maxNesting)
	}
	st := &state{doc: &doc}
	ctx := parser.NewContext()
	ctx.Set(stateKey, st)
	root := r.md.Parser().Parse(text.NewReader(doc.Source), parser.WithContext(ctx))
	if len(st.errs) > 0 {
		return nil, errors.Join(st.errs...)
	}
	buf := htmlBuffers.Get().(*htmlBuffer)
	defer releaseHTML(buf)
	buf.Reset()
	if err := r.md.Renderer().Render(buf, doc.Source, root); err != nil {
		return nil, err
	}
	res := &Result{Headings: st.headings, Warnings: st.warnings, Refs: st.refs}
	out := buf.String() // the page's own copy, at its length
	res.HTML = template.HTML(out)
	hasMore := st.more != nil && st.more.offset >= 0
	res.More = hasMore
	if hasMore {
		res.Summary = template.HTML(strings.TrimSpace(out[:st.more.offset]))
		res.Truncated = strings.TrimSpace(out[st.more.offset:]) != ""
	}
	text := textPool.Get().(*textBuffers)
	defer text.release()
	words, paragraphs, longer := textStats(root, doc.Source, text.paras[:0])
	text.paras = paragraphs[:0]
	res.WordCount = words.total()
	res.ReadingTime = words.minutes()
	if !hasMore {
		// The paragraphs are read as a string without a copy: the
		// summary is copied out of them before text goes back to the pool.
		var summary string
		var cut bool
		summary, cut, text.summary = summarize(unsafe.String(unsafe.SliceData(paragraphs), len(paragraphs)), text.summary)
		if longer && !cut {
			summary, cut = summary+"…", true
		}
		res.Summary = template.HTML(html.EscapeString(summary))
		res.Truncated = cut
	}
	res.TOC = toc(st.headings)
	return res, nil
}

// htmlBuffers hold a document's HTML while goldmark writes it; Render
// copies it out at its length. A buffer of each document's own, sized
// by a guess from its source, grew again (to twice its size) for many
// pages and was longer than the HTML for the rest.
var htmlBuffers = sync.Pool{New: func() any { return new(htmlBuffer) }}

// maxPooledHTML bounds the buffers kept for the next document.
const maxPooledHTML = 1 << 20

func releaseHTML(b *htmlBuffer) {
	if b.Cap() <= maxPooledHTML {
		htmlBuffers.Put(b)
	}
}

// Inline renders a short piece of Markdown (a summary, a template's
// markdownify) without the paragraph around it.
func (r *Renderer) Inline(src string) template.HTML {
	res, err := r.Render(Doc{Source: []byte(src), Resolve: func(string) (string, Found) { return "", Missing }})
	if err != nil {
		return template.HTML(html.EscapeString(src))
	}
	s := strings.TrimSpace(string(res.HTML))
	if strings.HasPrefix(s, "<p>") && strings.HasSuffix(s, "</p>") && strings.Count(s, "<p>") == 1 {
		s = s[3 : len(s)-4]
	}
	return template.HTML(s)
}

// position turns a byte offset of the document into a file line and column.
func (d *Doc) position(offset int) (line, col int) {
	offset = min(max(offset, 0), len(d.Source))
	before := d.Source[:offset]
	line = d.Line + bytes.Count(before, []byte("\n"))
	col = offset - bytes.LastIndexByte(before, '\n')
	return line, col
}

// walk visits every node of root in document order.
func walk(root ast.Node, fn func(n ast.Node) ast.WalkStatus) {
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		return fn(n), nil
	})
}
