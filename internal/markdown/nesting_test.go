package markdown

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/bulletin-ssg/bulletin/internal/diag"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// TestTooDeep: documents nested past maxNesting are refused, before
// goldmark reads them, at the line and column of the marker that goes
// too deep.
func TestTooDeep(t *testing.T) {
	var indented strings.Builder // each item two columns in from the last
	for i := range 3000 {
		indented.WriteString(strings.Repeat("  ", i) + "- x\n")
	}
	var defined strings.Builder // each definition list inside the last definition
	for i := range 3000 {
		pad := strings.Repeat("  ", i)
		defined.WriteString(pad + "Term\n" + pad + ": d\n\n")
	}
	var quoted strings.Builder
	for i := range 200 {
		quoted.WriteString(strings.Repeat(">", i+1) + " q\n")
	}
	tests := []struct {
		name, src string
		line, col int
	}{
		{"one line of list markers", strings.Repeat("- ", 100000) + "x", 3, 129},
		{"indented list items", indented.String(), 67, 129},
		{"quote markers", strings.Repeat("> ", 100000) + "x", 3, 129},
		{"quote markers unspaced", strings.Repeat(">", 100000) + " x", 3, 65},
		{"more quotes each line", quoted.String(), 67, 65},
		{"ordered", strings.Repeat("1. ", 65) + "x", 3, 193},
		{"ordered parens", strings.Repeat("9) ", 65) + "x", 3, 193},
		{"footnotes", strings.Repeat("[^a]:", 65) + "x", 3, 321},
		{"mixed", strings.Repeat("- > 1. [^n]: ", 17), 3, 209},
		{"tabs", strings.Repeat("\t", 32) + "- x", 3, 33},
		{"after text", "Intro.\n\n" + strings.Repeat("* ", 65) + "x\n\nEnd.", 5, 129},
		{"tabbed items", strings.Repeat("-\t", 65) + "x", 3, 129},
		{"indented then markers", strings.Repeat("  ", 60) + strings.Repeat("> ", 5), 3, 129},
		{"definitions", defined.String(), 3 + 64*3 + 1, 129},
		{"definition markers", "Term\n" + strings.Repeat(": ", 65) + "x", 4, 129},
	}
	r := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := r.Render(Doc{File: "content/news/b.md", Line: 3, Source: []byte(tt.src)})
			var e *diag.Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want a positioned error", err)
			}
			want := "Markdown nested too deeply (more than 64 levels of lists, quotes and footnotes)"
			if e.File != "content/news/b.md" || e.Line != tt.line || e.Col != tt.col || e.Msg != want {
				t.Errorf("err = %v, want content/news/b.md:%d:%d: %s", err, tt.line, tt.col, want)
			}
		})
	}
}

// TestNotTooDeep: documents that only look deep, and lists as deep as
// allowed, render.
func TestNotTooDeep(t *testing.T) {
	var five strings.Builder
	for i := range 5 {
		five.WriteString(strings.Repeat("  ", i) + "- level\n")
	}
	tests := []struct{ name, src, contains string }{
		{"five levels", five.String(), "<ul>\n<li>level\n<ul>\n<li>level\n<ul>\n<li>level\n<ul>\n<li>level\n<ul>\n<li>level</li>\n</ul>"},
		{"64 levels", strings.Repeat("- ", 64) + "x", "<li>x</li>"},
		{"64 quotes", strings.Repeat(">", 64) + " x", "<p>x</p>"},
		{"thematic break", strings.Repeat("- ", 200), "<hr>"},
		{"tabbed thematic break", strings.Repeat("-\t", 200), "<hr>"},
		{"spaced list markers", strings.Repeat("-    ", 60) + "x", "<li>"},
		{"starred break in a list", "- " + strings.Repeat("* ", 200), "<li>\n<hr>\n</li>"},
		{"deep code", "```\n" + strings.Repeat(" ", 400) + "x\n" + strings.Repeat(">", 60) + "\n```", "<pre tabindex=\"0\" role=\"region\" aria-label=\"Code 1\"><code>"},
		{"numbers", strings.Repeat("1.5 ", 100) + "\n\n" + strings.Repeat("1234567890. ", 100), "<p>1.5"},
		{"links", strings.Repeat("[^a] ", 100) + "\n\n" + strings.Repeat("[x]: ", 100), "<p>"},
		{"dashes", strings.Repeat("-- ", 100) + "\n\n" + strings.Repeat("-x ", 100), "<p>"},
		{"64 definitions", defined64(), "<dd>d</dd>"},
		{"colons", strings.Repeat(":x ", 100) + "\n\n" + strings.Repeat("::", 100), "<p>"},
	}
	r := New(Options{})
	for _, tt := range tests {
		res, err := r.Render(Doc{Source: []byte(tt.src)})
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if !strings.Contains(string(res.HTML), tt.contains) {
			t.Errorf("%s: html %.300q lacks %q", tt.name, res.HTML, tt.contains)
		}
	}
}

// defined64 is definition lists nested 64 deep.
func defined64() string {
	var b strings.Builder
	for i := range 64 {
		pad := strings.Repeat("  ", i)
		b.WriteString(pad + "Term\n" + pad + ": d\n\n")
	}
	return b.String()
}

// TestNestingAllocs: the check reads every document; it allocates
// nothing, and its work on a deep document stops at the marker that goes
// too deep.
func TestNestingAllocs(t *testing.T) {
	article := benchArticle()
	if n := testing.AllocsPerRun(100, func() { tooDeep(article) }); n != 0 {
		t.Errorf("tooDeep of an article: %v allocations, want 0", n)
	}
	deep := []byte(strings.Repeat("- ", 100000) + "x")
	if n := testing.AllocsPerRun(100, func() { tooDeep(deep) }); n != 0 {
		t.Errorf("tooDeep of a deep line: %v allocations, want 0", n)
	}
	// A render of the deep line allocates no more than the error does:
	// goldmark never sees it.
	r := New(Options{})
	if n := testing.AllocsPerRun(20, func() { _, _ = r.Render(Doc{File: "a.md", Source: deep, UTF8: true}) }); n > 10 {
		t.Errorf("Render of a deep line: %v allocations, want the error's few", n)
	}
}

// TestNestingBound checks nesting's reasoning against goldmark: for
// documents made of container markers, indentation, code fences and HTML
// in random order, no list item, quote or footnote goldmark opens is
// deeper than nesting's bound.
func TestNestingBound(t *testing.T) {
	pieces := []string{
		"- ", "* ", "+ ", "-", "-\t", "> ", ">", ">\t", "1. ", "2) ", "1.    ", "123456789. ", "123456789.    ",
		"[^a]: ", "[^a]:", "[^\\]]:", " ", "  ", "    ", "     ", "\t", "x", "a\n", "\n", "\n", "\n\n", "\r\n",
		"```\n", "~~~\n", "<!--\n", "-->\n", "<div>\n", "- - -\n", "* * *\n", ": ", ":\t", ":", "term\n: ",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	r := New(Options{})
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(80) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		src := b.String()
		checkBound(t, r, src)
	}
}

func checkBound(t *testing.T, r *Renderer, src string) {
	t.Helper()
	bound, _ := nesting([]byte(src), math.MaxInt)
	root := r.md.Parser().Parse(text.NewReader([]byte(src)))
	if depth := containerDepth(root); depth > bound {
		t.Fatalf("goldmark nests %d deep, bound %d: %q", depth, bound, src)
	}
}

// containerDepth is how deeply list items, quotes, definitions and
// footnotes nest in root.
func containerDepth(root ast.Node) int {
	deepest, depth := 0, 0
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n.(type) {
		case *ast.ListItem, *ast.Blockquote, *east.Footnote, *east.DefinitionDescription:
			if entering {
				depth++
				deepest = max(deepest, depth)
			} else {
				depth--
			}
		}
		return ast.WalkContinue, nil
	})
	return deepest
}

func BenchmarkTooDeep(b *testing.B) {
	src := benchArticle()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if tooDeep(src) >= 0 {
			b.Fatal("too deep")
		}
	}
}
