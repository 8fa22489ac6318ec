package markdown

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/bulletin-ssg/bulletin/internal/diag"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Fenced code whose info string names a language chroma knows is
// highlighted when the page is built, with chroma's CSS classes (as its
// HTML formatter writes them with classes on) and never a style
// attribute, so a site's stylesheet decides every colour and a page needs
// no script:
//
//	<pre class="chroma"><code class="language-go"><span class="kd">func</span> …
//
// The info string may end in Hugo's attributes, "```go {linenos=true
// hl_lines=[2,"4-6"] linenostart=10}"; a block that asks for line numbers
// or marks lines has each line in <span class="line"> (with "hl" when
// marked) holding its number, <span class="ln" aria-hidden="true">, and
// its code, <span class="cl">: the structure of chroma's own lines, so
// that a stylesheet chroma or Hugo wrote fits. The numbers are hidden
// from screen readers and the theme makes them unselectable, so copied
// code has none; Hugo's "table" and "inline" both give this one form.
//
// A language chroma does not know, or none, leaves the block as goldmark
// writes it, <pre><code class="language-x">, unless it asks for numbers
// or marked lines. The tokens are chroma's, the HTML is written here:
// chroma's formatter takes its options once per formatter (a block's
// marked lines would each need a new one), writes every token through
// fmt, and has no way to hide line numbers from screen readers.

// fence is what the info string of a fenced code block asks for.
type fence struct {
	lang    []byte   // the first word, as written
	numbers bool     // linenos
	start   int      // linenostart: the number of the first line
	marked  [][2]int // hl_lines: ranges of lines of the block, from 1, in order
}

// wrapsLines reports whether each line needs an element of its own.
func (f *fence) wrapsLines() bool { return f.numbers || len(f.marked) > 0 }

// fenceError is a bad attribute: its offset in the info string, and why.
type fenceError struct {
	at  int
	msg string
}

// maxLineStart bounds linenostart: a number no block needs, whose
// lines' numbers still fit an int anywhere.
const maxLineStart = 999_999_999

const knownAttributes = "linenos, linenostart and hl_lines"

// parseFence reads the info string of a block of n lines: its language
// and, in braces after it, Hugo's attributes. Words between the two are
// left alone, as goldmark leaves them.
func parseFence(info []byte, n int) (fence, *fenceError) {
	f := fence{start: 1}
	end := bytes.IndexAny(info, " \t{")
	if end < 0 {
		end = len(info)
	}
	f.lang = info[:end]
	open := attributesStart(info, end)
	if open < 0 {
		return f, nil
	}
	r := text.NewReader(info[open:])
	attrs, ok := parser.ParseAttributes(r)
	if !ok {
		return f, &fenceError{open, `attributes not understood: write them as {linenos=true hl_lines=[2,"4-6"] linenostart=10}`}
	}
	r.SkipSpaces()
	if r.Peek() != text.EOF {
		_, seg := r.Position()
		return f, &fenceError{open + seg.Start, "text after the attributes' closing }"}
	}
	seen := map[string]bool{}
	for _, a := range attrs {
		at := nameOffset(info, a.Name, open)
		key := strings.ToLower(string(a.Name)) // Hugo's keys are in any case
		var msg string
		switch key {
		case "linenos":
			f.numbers, msg = lineNumbers(a.Value)
		case "linenostart":
			f.start, msg = lineStart(a.Value)
		case "hl_lines":
			f.marked, msg = markedLines(a.Value, n)
		case "style", "noclasses", "anchorlinenos", "lineanchors", "linenumbersintable", "hl_inline", "tabwidth", "guesssyntax", "class", "id":
			// Hugo's presentation options, and a class or id: the theme's
			// stylesheet colours the code, so a site moved from Hugo
			// builds as it is and they change nothing here.
		default:
			return f, &fenceError{at, fmt.Sprintf("unknown attribute %q (bulletin knows %s)", a.Name, knownAttributes)}
		}
		if seen[key] {
			return f, &fenceError{at, fmt.Sprintf("%s given twice", a.Name)}
		}
		seen[key] = true
		if msg != "" {
			return f, &fenceError{at, fmt.Sprintf("%s: %s", a.Name, msg)}
		}
	}
	return f, nil
}

// attributesStart is the offset of the "{" that opens the attributes: the
// first that starts a word after the language, or -1.
func attributesStart(info []byte, from int) int {
	for i := from; i < len(info); i++ {
		if info[i] == '{' && (i == from || info[i-1] == ' ' || info[i-1] == '\t') {
			return i
		}
	}
	return -1
}

// nameOffset is where an attribute's name stands in info. goldmark's
// parser hands out names as slices of the text it reads, a slice of info
// here, so the difference of capacities is the offset; a name it made up
// (a "#id" is called "id") points nowhere in info and gets the brace's.
func nameOffset(info, name []byte, brace int) int {
	at := cap(info) - cap(name)
	if at < brace || at+len(name) > len(info) || !bytes.Equal(info[at:at+len(name)], name) {
		return brace
	}
	return at
}

func lineNumbers(v any) (bool, string) {
	switch v := v.(type) {
	case bool:
		return v, ""
	case []byte:
		switch string(v) {
		case "true", "table", "inline":
			return true, ""
		case "false":
			return false, ""
		}
	}
	return false, "want true, false, table or inline"
}

func lineStart(v any) (int, string) {
	n, ok := wholeNumber(v)
	if !ok || n < 0 || n > maxLineStart {
		return 0, fmt.Sprintf("want a whole number from 0 to %d", maxLineStart)
	}
	return n, ""
}

// wholeNumber is a number goldmark read (a float64), or one written as a
// string ("10"), if it is whole and within an int32's range.
func wholeNumber(v any) (int, bool) {
	switch v := v.(type) {
	case float64:
		if v != math.Trunc(v) || math.Abs(v) > math.MaxInt32 {
			return 0, false
		}
		return int(v), true
	case []byte:
		return digits(v)
	}
	return 0, false
}

const markedForms = `want line numbers and ranges, as in [2,"4-6"] or "2 4-6"`

// markedLines reads hl_lines in each form Hugo takes: a list of numbers
// and "from-to" strings, a string of them separated by spaces, or one
// number. The lines are the block's, counted from 1 whatever linenostart
// says (as Hugo counts them).
func markedLines(v any, n int) ([][2]int, string) {
	var items []any
	switch v := v.(type) {
	case []any:
		items = v
	case float64:
		items = []any{v}
	case []byte:
		for _, field := range strings.Fields(string(v)) {
			items = append(items, []byte(field))
		}
		if len(items) == 0 {
			return nil, markedForms
		}
	default:
		return nil, markedForms
	}
	ranges := make([][2]int, 0, len(items))
	for _, item := range items {
		r, ok := lineRange(item)
		switch {
		case !ok:
			return nil, markedForms
		case r[0] > r[1]:
			return nil, fmt.Sprintf("%d-%d runs backwards", r[0], r[1])
		case r[0] < 1 || r[1] > n:
			return nil, fmt.Sprintf("line %d is not in the block (lines 1 to %d)", outside(r, n), n)
		}
		ranges = append(ranges, r)
	}
	slices.SortFunc(ranges, func(a, b [2]int) int { return a[0] - b[0] })
	return ranges, ""
}

// outside is the line of r that is not in a block of n lines.
func outside(r [2]int, n int) int {
	if r[0] < 1 || r[0] > n {
		return r[0]
	}
	return r[1]
}

// lineRange is one item of hl_lines: a number, or a string "4" or "4-6".
func lineRange(item any) ([2]int, bool) {
	s, ok := item.([]byte)
	if !ok {
		line, ok := wholeNumber(item)
		return [2]int{line, line}, ok
	}
	from, to, found := bytes.Cut(s, []byte("-"))
	if !found {
		to = from
	}
	a, okA := digits(from)
	b, okB := digits(to)
	return [2]int{a, b}, okA && okB
}

// digits reads a line number written as a string: digits alone.
func digits(s []byte) (int, bool) {
	if len(s) == 0 || len(s) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// checkFences reports each fenced code block whose attributes are wrong,
// at the attribute (or the brace) in the file.
func checkFences(blocks []*ast.FencedCodeBlock, src []byte, st *state) {
	for _, b := range blocks {
		if b.Info == nil {
			continue
		}
		seg := b.Info.Segment
		if _, err := parseFence(seg.Value(src), b.Lines().Len()); err != nil {
			line, col := st.doc.position(seg.Start + err.at)
			st.errs = append(st.errs, diag.At(st.doc.File, line, col, "code block: %s", err.msg))
		}
	}
}

// lexerIndex holds the names chroma's registry answers to. Asking the
// registry itself for a word it does not know tries every lexer's file
// patterns, milliseconds for each unknown word of an info string.
type lexerIndex struct {
	// names are each lexer's name and aliases, lowercase, with the lexer
	// chroma's registry gives for them.
	names map[string]chroma.Lexer
	// exts are the extensions of lexers' file names ("yml" for YAML), in
	// their case, as chroma matches them ("h" is C, "H" C++).
	exts map[string]chroma.Lexer
}

var lexerNames = sync.OnceValue(func() *lexerIndex {
	reg := lexers.GlobalLexerRegistry
	x := &lexerIndex{names: map[string]chroma.Lexer{}, exts: map[string]chroma.Lexer{}}
	for _, l := range reg.Lexers {
		cfg := l.Config()
		for _, name := range append([]string{cfg.Name}, cfg.Aliases...) {
			name = strings.ToLower(name)
			if _, ok := x.names[name]; !ok {
				x.names[name] = reg.Get(name)
			}
		}
		// Of the lexers for an extension, the one of highest priority,
		// and of those the first registered, as chroma's matching picks.
		for _, glob := range cfg.Filenames {
			e, ok := strings.CutPrefix(glob, "*.")
			if !ok || strings.ContainsAny(e, `*?[\`) {
				continue
			}
			if old, ok := x.exts[e]; !ok || priority(l) > priority(old) {
				x.exts[e] = l
			}
		}
	}
	return x
})

func priority(l chroma.Lexer) float32 {
	if p := l.Config().Priority; p != 0 {
		return p
	}
	return 1
}

// lexerFor is chroma's lexer for a language, or nil: none, or plain text,
// which has nothing to highlight. Names come before extensions, as in
// chroma's registry; any case is taken ("YML" is YAML too).
func lexerFor(lang []byte) chroma.Lexer {
	if len(lang) == 0 {
		return nil
	}
	x := lexerNames()
	l, ok := x.names[string(lang)]
	if !ok {
		lower := strings.ToLower(string(lang))
		if l, ok = x.names[lower]; !ok {
			if l, ok = x.exts[string(lang)]; !ok {
				l = x.exts[lower]
			}
		}
	}
	if l == nil || l.Config().Name == "plaintext" {
		return nil
	}
	return l
}

// highlightExtension writes fenced code, and indented code as goldmark
// does, each as a region (regions.go).
type highlightExtension struct{}

func (highlightExtension) Extend(m goldmark.Markdown) {
	// Before goldmark's own renderer of code (priority 1000).
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(highlightRenderer{}, 100)))
}

type highlightRenderer struct{}

func (highlightRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, renderFence)
	reg.Register(ast.KindCodeBlock, renderIndented)
}

// codeBuffers hold a block's code while chroma reads it.
var codeBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func renderFence(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	var f fence
	if n.Info != nil {
		var err *fenceError
		// Render checked the attributes when it parsed the document.
		if f, err = parseFence(n.Info.Segment.Value(src), n.Lines().Len()); err != nil {
			f = fence{lang: f.lang, start: 1}
		}
	}
	lexer := lexerFor(f.lang)
	if lexer == nil && !f.wrapsLines() || n.Lines().Len() == 0 {
		writePlainCode(w, src, n, n.Language(src))
		return ast.WalkContinue, nil
	}
	buf := codeBuffers.Get().(*bytes.Buffer)
	defer codeBuffers.Put(buf)
	buf.Reset()
	lines := n.Lines()
	for i := range lines.Len() {
		appendLine(buf, lines.At(i), src, true)
	}
	code := buf.String()
	held := tokenBuffers.Get().(*[]chroma.Token)
	defer releaseTokens(held)
	tokens := tokenise(lexer, code, (*held)[:0])
	if tokens == nil {
		tokens = []chroma.Token{{Type: chroma.Text, Value: code}}
	} else {
		*held = tokens
	}
	_, _ = w.WriteString(`<pre class="chroma"`)
	writeRegion(w, n)
	_, _ = w.WriteString(`><code`)
	if len(f.lang) > 0 {
		_, _ = w.WriteString(` class="language-`)
		ghtml.DefaultWriter.Write(w, f.lang)
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	cw := codeWriter{w: w, f: &f, width: len(strconv.Itoa(f.start + lines.Len() - 1))}
	for _, t := range tokens {
		cw.write(tokenClass(t.Type), t.Value)
	}
	cw.finish()
	_, _ = w.WriteString("</code></pre>\n")
	return ast.WalkContinue, nil
}

func renderIndented(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		writePlainCode(w, src, node, nil)
	}
	return ast.WalkContinue, nil
}

// writePlainCode writes a block as goldmark does, but as a region; lang
// is its language.
func writePlainCode(w util.BufWriter, src []byte, n ast.Node, lang []byte) {
	_, _ = w.WriteString("<pre")
	writeRegion(w, n)
	_, _ = w.WriteString("><code")
	if lang != nil {
		_, _ = w.WriteString(` class="language-`)
		ghtml.DefaultWriter.Write(w, lang)
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	buf := codeBuffers.Get().(*bytes.Buffer)
	defer codeBuffers.Put(buf)
	lines := n.Lines()
	for i := range lines.Len() {
		buf.Reset()
		appendLine(buf, lines.At(i), src, false)
		ghtml.DefaultWriter.RawWrite(w, buf.Bytes())
	}
	_, _ = w.WriteString("</code></pre>\n")
}

// appendLine appends a line of code as the segment's Value gives it,
// without that method's append to the source itself (at the end of a
// document without a final newline), and with "\r\n" as "\n" when lf is
// set: chroma's lexers read a lone "\n", and HTML reads both alike.
func appendLine(buf *bytes.Buffer, seg text.Segment, src []byte, lf bool) {
	for range seg.Padding {
		buf.WriteByte(' ')
	}
	line := src[seg.Start:seg.Stop]
	if lf {
		if l, ok := bytes.CutSuffix(line, []byte("\r\n")); ok {
			line = append(l[:len(l):len(l)], '\n')
		}
	}
	buf.Write(line)
	if seg.ForceNewline && (len(line) > 0 || seg.Padding > 0) && (len(line) == 0 || line[len(line)-1] != '\n') {
		buf.WriteByte('\n')
	}
}

// tokenBuffers hold a block's tokens while they are written: a slice
// grown token by token for every block was a good share of what
// highlighting allocated.
var tokenBuffers = sync.Pool{New: func() any { return new([]chroma.Token) }}

// releaseTokens lets the tokens' text go and keeps their slice for the
// next block, unless a long block made it large.
func releaseTokens(held *[]chroma.Token) {
	clear((*held)[:cap(*held)])
	if cap(*held) <= 4096 {
		tokenBuffers.Put(held)
	}
}

// tokenise is chroma's reading of code appended to tokens, or nil when
// lexer is nil or its tokens do not add up to the code. A lexer may
// panic (its mutators do on an error), and a page must not lose its code
// to it: it is then shown unhighlighted.
func tokenise(lexer chroma.Lexer, code string, into []chroma.Token) (tokens []chroma.Token) {
	if lexer == nil {
		return nil
	}
	tokens = into
	defer func() {
		if recover() != nil {
			tokens = nil
		}
	}()
	it, err := lexer.Tokenise(nil, code)
	if err != nil {
		return nil
	}
	length := 0
	for t := it(); t != chroma.EOF; t = it() {
		tokens = append(tokens, t)
		length += len(t.Value)
	}
	if length != len(code) {
		return nil
	}
	return tokens
}

// tokenClass is chroma's class of a token type (its nearest ancestor's if
// it has none), or "" for text and white space, which no style colours:
// most spans chroma writes are of spaces.
func tokenClass(t chroma.TokenType) string {
	if t == chroma.Text || t == chroma.TextWhitespace {
		return ""
	}
	for ; t != 0; t = t.Parent() {
		if c, ok := chroma.StandardTypes[t]; ok {
			return c
		}
	}
	return ""
}

// codeWriter writes tokens as HTML, a line at a time.
type codeWriter struct {
	w      util.BufWriter
	f      *fence
	width  int    // digits of the last line's number
	line   int    // the line being written, from 0
	inLine bool   // its start was written
	open   string // the class of the open <span>, or ""
	mark   int    // index in f.marked of the first range not behind line
}

func (c *codeWriter) write(class, s string) {
	for len(s) > 0 {
		seg, rest, newline := strings.Cut(s, "\n")
		if len(seg) > 0 {
			c.startLine()
			if class != c.open {
				c.closeSpan()
				if class != "" {
					_, _ = c.w.WriteString(`<span class="`)
					_, _ = c.w.WriteString(class)
					_, _ = c.w.WriteString(`">`)
					c.open = class
				}
			}
			escapeCode(c.w, seg)
		}
		if !newline {
			return
		}
		c.startLine()
		c.closeSpan()
		_ = c.w.WriteByte('\n')
		c.endLine()
		s = rest
	}
}

// escapeCode writes code as goldmark escapes a code block's text.
func escapeCode(w util.BufWriter, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		if esc := util.EscapeHTMLByte(s[i]); esc != nil {
			_, _ = w.WriteString(s[last:i])
			_, _ = w.Write(esc)
			last = i + 1
		}
	}
	_, _ = w.WriteString(s[last:])
}

func (c *codeWriter) startLine() {
	if c.inLine {
		return
	}
	c.inLine = true
	if !c.f.wrapsLines() {
		return
	}
	_, _ = c.w.WriteString(`<span class="line`)
	if c.marked() {
		_, _ = c.w.WriteString(` hl`)
	}
	_, _ = c.w.WriteString(`">`)
	if c.f.numbers {
		_, _ = c.w.WriteString(`<span class="ln" aria-hidden="true">`)
		var num [24]byte
		digits := strconv.AppendInt(num[:0], int64(c.f.start+c.line), 10)
		for range c.width - len(digits) {
			_ = c.w.WriteByte(' ')
		}
		_, _ = c.w.Write(digits)
		_, _ = c.w.WriteString(`</span>`)
	}
	_, _ = c.w.WriteString(`<span class="cl">`)
}

// marked reports whether the current line is in hl_lines.
func (c *codeWriter) marked() bool {
	line := c.line + 1
	for c.mark < len(c.f.marked) && c.f.marked[c.mark][1] < line {
		c.mark++
	}
	for i := c.mark; i < len(c.f.marked) && c.f.marked[i][0] <= line; i++ {
		if line <= c.f.marked[i][1] {
			return true
		}
	}
	return false
}

func (c *codeWriter) closeSpan() {
	if c.open != "" {
		_, _ = c.w.WriteString("</span>")
		c.open = ""
	}
}

func (c *codeWriter) endLine() {
	if c.f.wrapsLines() {
		_, _ = c.w.WriteString("</span></span>")
	}
	c.inLine = false
	c.line++
}

// finish closes what the last tokens left open: code always ends in a
// newline, except when a lexer's tokens did not.
func (c *codeWriter) finish() {
	c.closeSpan()
	if c.inLine {
		c.endLine()
	}
}
