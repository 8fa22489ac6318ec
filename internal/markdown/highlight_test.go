package markdown

import (
	"errors"
	"fmt"
	"html"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/bulletin-ssg/bulletin/internal/diag"
	"github.com/bulletin-ssg/bulletin/internal/diag/diagtest"
)

func renderHTML(t *testing.T, src string) string {
	t.Helper()
	res, err := New(Options{}).Render(Doc{File: "content/news/b.md", Path: "news/b.md", Line: 1, Source: []byte(src), Resolve: resolve})
	if err != nil {
		t.Fatal(err)
	}
	return string(res.HTML)
}

// TestHighlight: a fence naming a language chroma knows, by name or
// alias, is highlighted with classes; any other stays as goldmark wrote
// it.
func TestHighlight(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // in the HTML, in this order
		exact     string   // the whole HTML, when set
	}{
		{name: "go", src: "```go\nfunc main() {}\n```",
			want: []string{`<pre class="chroma" tabindex="0" role="region" aria-label="Code 1"><code class="language-go">`, `<span class="kd">func</span> <span class="nf">main</span>`, "</code></pre>\n"}},
		// A site moved from Hugo keeps its presentation options; the
		// stylesheet decides how code looks.
		{name: "Hugo's other keys", src: "```go {linenos=table,hl_lines=[1],style=monokai,anchorlinenos=true,lineanchors=x,noClasses=false,.big}\nfunc main() {}\n```",
			want: []string{`<code class="language-go">`, `<span class="line hl"><span class="ln" aria-hidden="true">1</span>`}},
		{name: "alias js", src: "```js\nconst a = 1;\n```",
			want: []string{`<code class="language-js">`, `<span class="kr">const</span>`}},
		{name: "alias sh", src: "```sh\necho hi\n```",
			want: []string{`<code class="language-sh">`, `<span class="nb">echo</span>`}},
		{name: "extension yml", src: "```yml\nkey: value\n```",
			want: []string{`<code class="language-yml">`, `<span class="nt">key</span>`}},
		{name: "any case", src: "```Go\nfunc f()\n```",
			want: []string{`<code class="language-Go">`, `<span class="kd">func</span>`}},
		{name: "unknown", src: "```nosuchlanguage\na < b\n```",
			exact: "<pre tabindex=\"0\" role=\"region\" aria-label=\"Code 1\"><code class=\"language-nosuchlanguage\">a &lt; b\n</code></pre>\n"},
		{name: "none", src: "```\nfunc main() {}\n```",
			exact: "<pre tabindex=\"0\" role=\"region\" aria-label=\"Code 1\"><code>func main() {}\n</code></pre>\n"},
		{name: "plain text", src: "```text\nfunc main() {}\n```",
			exact: "<pre tabindex=\"0\" role=\"region\" aria-label=\"Code 1\"><code class=\"language-text\">func main() {}\n</code></pre>\n"},
		{name: "math stays TeX", src: "```math\nx^2\n```",
			exact: "<pre tabindex=\"0\" role=\"region\" aria-label=\"Code 1\"><code class=\"language-math\">x^2\n</code></pre>\n"},
		{name: "words after the language", src: "```go main.go\nvar x\n```",
			want: []string{`<code class="language-go">`, `<span class="kd">var</span>`}},
		{name: "empty", src: "```go\n```",
			exact: "<pre tabindex=\"0\" role=\"region\" aria-label=\"Code 1\"><code class=\"language-go\"></code></pre>\n"},
		{name: "escaped", src: "```html\n<script>alert(\"&\")</script>\n```",
			want: []string{`&lt;`, `script`, `&gt;`, `&quot;&amp;&quot;`}},
		{name: "CJK", src: "```go\nfmt.Println(\"你好，世界\") // 中文注释\n```",
			want: []string{`<span class="s">&quot;你好，世界&quot;</span>`, `<span class="c1">// 中文注释</span>`}},
		{name: "in a list", src: "- item\n\n  ```go\n  var x\n  ```\n",
			want: []string{"<li>", `<pre class="chroma" tabindex="0" role="region" aria-label="Code 1"><code class="language-go"><span class="kd">var</span> <span class="nx">x</span>` + "\n</code></pre>", "</li>"}},
		{name: "in a quote", src: "> ```go\n> var x\n> ```\n",
			want: []string{"<blockquote>", `<span class="kd">var</span> <span class="nx">x</span>` + "\n</code></pre>", "</blockquote>"}},
		{name: "a comment over lines", src: "```go {linenos=true}\n/* a\nb */\n```",
			want: []string{`<span class="cl"><span class="cm">/* a</span>` + "\n</span></span>", `<span class="cl"><span class="cm">b */</span>` + "\n</span></span>"}},
		{name: "CRLF", src: "```go\r\nvar x\r\n```\r\n",
			want: []string{`<span class="kd">var</span> <span class="nx">x</span>` + "\n</code>"}},
		{name: "no final newline", src: "```go\nvar x",
			want: []string{`<span class="nx">x</span>` + "\n</code>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := renderHTML(t, tt.src)
			if tt.exact != "" && got != tt.exact {
				t.Errorf("got  %q\nwant %q", got, tt.exact)
			}
			rest := got
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("no %q (in order) in\n%s", w, got)
				}
				rest = rest[i+len(w):]
			}
			if strings.Contains(got, "style=") {
				t.Errorf("an inline style in %s", got)
			}
			if err := balanced(got); err != nil {
				t.Errorf("%v in %s", err, got)
			}
		})
	}
}

// TestHighlightKeepsCode: whatever chroma makes of it, the code a reader
// sees (and copies) is the code the author wrote.
func TestHighlightKeepsCode(t *testing.T) {
	code := "package main\n\nimport \"fmt\"\n\n// 注释 <b>&amp;</b>\nfunc main() {\n\ts := `multi\nline` + \"\\\"q\\\"\"\n\tfmt.Println(s, 'x', 1.5e3, 0x1F)\n\n}\n"
	for _, lang := range []string{"go", "js", "python", "bash", "html", "yaml", "json", "c", "rust", "sql", "toml", "css", "diff", "nosuchlanguage", ""} {
		for _, attrs := range []string{"", " {linenos=true hl_lines=[1,\"3-5\"] linenostart=7}"} {
			got := renderHTML(t, "```"+lang+attrs+"\n"+code+"```\n")
			if text := codeText(t, got); text != code {
				t.Errorf("%s%s: the code reads\n%q\nwant\n%q", lang, attrs, text, code)
			}
		}
	}
}

var (
	codeContent = regexp.MustCompile(`(?s)<code[^>]*>(.*)</code>`)
	lineNumber  = regexp.MustCompile(`<span class="ln" aria-hidden="true">[ 0-9]*</span>`)
	tag         = regexp.MustCompile(`<[^>]*>`)
)

// codeText is the text of the one code block of html, less its line
// numbers.
func codeText(t *testing.T, h string) string {
	t.Helper()
	m := codeContent.FindStringSubmatch(h)
	if m == nil {
		t.Fatalf("no code in %s", h)
	}
	return html.UnescapeString(tag.ReplaceAllString(lineNumber.ReplaceAllString(m[1], ""), ""))
}

// lines are the lines of a highlighted block: their numbers as shown
// ("" without) and whether each is marked.
func lines(t *testing.T, h string) (numbers []string, marked []bool) {
	t.Helper()
	for _, m := range regexp.MustCompile(`<span class="line( hl)?">(?:<span class="ln" aria-hidden="true">([ 0-9]*)</span>)?<span class="cl">`).FindAllStringSubmatch(h, -1) {
		numbers = append(numbers, m[2])
		marked = append(marked, m[1] != "")
	}
	return numbers, marked
}

// TestFenceAttributes: Hugo's linenos, linenostart and hl_lines, in each
// form Hugo takes them.
func TestFenceAttributes(t *testing.T) {
	code := "a := 1\nb := 2\nc := 3\nd := 4\ne := 5\nf := 6\n"
	no, hl := false, true
	tests := []struct {
		attrs   string
		numbers []string
		marked  []bool
	}{
		{"{linenos=true}", []string{"1", "2", "3", "4", "5", "6"}, []bool{no, no, no, no, no, no}},
		{"{linenos=table}", []string{"1", "2", "3", "4", "5", "6"}, []bool{no, no, no, no, no, no}},
		{"{linenos=inline}", []string{"1", "2", "3", "4", "5", "6"}, []bool{no, no, no, no, no, no}},
		{`{linenos="true"}`, []string{"1", "2", "3", "4", "5", "6"}, []bool{no, no, no, no, no, no}},
		{"{LineNos=true}", []string{"1", "2", "3", "4", "5", "6"}, []bool{no, no, no, no, no, no}},
		{"{linenos=true linenostart=8}", []string{" 8", " 9", "10", "11", "12", "13"}, []bool{no, no, no, no, no, no}},
		{"{linenos=true, linenostart=0}", []string{"0", "1", "2", "3", "4", "5"}, []bool{no, no, no, no, no, no}},
		{"{hl_lines=[2]}", []string{"", "", "", "", "", ""}, []bool{no, hl, no, no, no, no}},
		{`{hl_lines=[2,"4-6"]}`, []string{"", "", "", "", "", ""}, []bool{no, hl, no, hl, hl, hl}},
		{`{hl_lines="2 4-6"}`, []string{"", "", "", "", "", ""}, []bool{no, hl, no, hl, hl, hl}},
		{`{hl_lines="4-5 1"}`, []string{"", "", "", "", "", ""}, []bool{hl, no, no, hl, hl, no}},
		{"{hl_lines=3}", []string{"", "", "", "", "", ""}, []bool{no, no, hl, no, no, no}},
		{`{hl_lines=["1-6", 3]}`, []string{"", "", "", "", "", ""}, []bool{hl, hl, hl, hl, hl, hl}},
		// The marked lines are the block's, whatever number the first shows.
		{"{linenos=true linenostart=10 hl_lines=[2]}", []string{"10", "11", "12", "13", "14", "15"}, []bool{no, hl, no, no, no, no}},
		{"{linenos=false}", nil, nil},
		{"{}", nil, nil},
	}
	for _, tt := range tests {
		for _, lang := range []string{"go", "nosuchlanguage"} {
			t.Run(lang+" "+tt.attrs, func(t *testing.T) {
				got := renderHTML(t, "```"+lang+" "+tt.attrs+"\n"+code+"```\n")
				numbers, marked := lines(t, got)
				if !slices.Equal(numbers, tt.numbers) || !slices.Equal(marked, tt.marked) {
					t.Errorf("numbers %q marked %v, want %q %v in\n%s", numbers, marked, tt.numbers, tt.marked, got)
				}
				if tt.numbers == nil && lang == "nosuchlanguage" && !strings.HasPrefix(got, `<pre tabindex="0" role="region" aria-label="Code 1"><code class="language-nosuchlanguage">a := 1`) {
					t.Errorf("a block with nothing to show differently is not goldmark's: %s", got)
				}
				if text := codeText(t, got); text != code {
					t.Errorf("the code reads %q", text)
				}
			})
		}
	}
}

// TestFenceAttributeErrors: a bad attribute is an error at its name in
// the file (at the brace when the braces cannot be read), as bulletin's
// other errors of Markdown are.
func TestFenceAttributeErrors(t *testing.T) {
	tests := []struct {
		name, src string
		line, col int
		msg       string
	}{
		{"unknown", "```go {colour=red}\nx\n```", 5, 8, `unknown attribute "colour"`},
		{"unknown after known", "```go {linenos=true anchor=true}\nx\n```", 5, 21, `unknown attribute "anchor"`},
		{"twice", "```go {linenos=true linenos=false}\nx\n```", 5, 21, "linenos given twice"},
		{"linenos value", "```go {linenos=yes}\nx\n```", 5, 8, "linenos: want true, false, table or inline"},
		{"linenos number", "```go {linenos=1}\nx\n```", 5, 8, "linenos: want true"},
		{"linenostart fraction", "```go {linenostart=1.5}\nx\n```", 5, 8, "linenostart: want a whole number"},
		{"linenostart negative", "```go {linenostart=-1}\nx\n```", 5, 8, "linenostart: want a whole number"},
		{"linenostart huge", "```go {linenostart=1e12}\nx\n```", 5, 8, "linenostart: want a whole number"},
		{"hl_lines past the end", "```go {hl_lines=[2]}\nx\n```", 5, 8, "hl_lines: line 2 is not in the block (lines 1 to 1)"},
		{"hl_lines range past the end", "```go {hl_lines=[\"1-3\"]}\nx\ny\n```", 5, 8, "hl_lines: line 3 is not in the block (lines 1 to 2)"},
		{"hl_lines zero", "```go {hl_lines=0}\nx\n```", 5, 8, "hl_lines: line 0 is not in the block"},
		{"hl_lines backwards", "```go {hl_lines=\"3-2\"}\nx\ny\nz\n```", 5, 8, "hl_lines: 3-2 runs backwards"},
		{"hl_lines word", "```go {hl_lines=[two]}\nx\n```", 5, 8, "hl_lines: want line numbers and ranges"},
		{"hl_lines signed", "```go {hl_lines=[\"+1\"]}\nx\n```", 5, 8, "hl_lines: want line numbers and ranges"},
		{"hl_lines empty string", "```go {hl_lines=\"\"}\nx\n```", 5, 8, "hl_lines: want line numbers and ranges"},
		{"not closed", "```go {linenos=true\nx\n```", 5, 7, "attributes not understood"},
		{"no value", "```go {linenos}\nx\n```", 5, 7, "attributes not understood"},
		{"text after", "```go {linenos=true} more\nx\n```", 5, 22, "text after the attributes"},
		{"no language", "``` {hl_lines=[3]}\nx\n```", 5, 6, "hl_lines: line 3 is not in the block"},
		{"in a list", "Intro.\n\n- item\n\n  ```go {hl_lines=[5]}\n  x\n  ```", 9, 10, "hl_lines: line 5"},
		{"in a quote", "> ```go {bad=1}\n> x\n> ```", 5, 10, `unknown attribute "bad"`},
	}
	r := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := r.Render(Doc{File: "content/news/b.md", Line: 5, Source: []byte(tt.src)})
			var e *diag.Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want a positioned error", err)
			}
			want := fmt.Sprintf("content/news/b.md:%d:%d: code block: %s", tt.line, tt.col, tt.msg)
			if !strings.HasPrefix(diagtest.Slashed(err.Error()), want) {
				t.Errorf("err = %v\nwant %s…", err, want)
			}
		})
	}
	// Every bad block is reported, not the first alone.
	_, err := r.Render(Doc{File: "b.md", Line: 1, Source: []byte("```go {a=1}\nx\n```\n\n```go {b=1}\nx\n```\n")})
	if got := len(diag.Flatten(err)); got != 2 {
		t.Errorf("%d errors, want 2: %v", got, err)
	}
}

// TestLexerIndex: the index answers as chroma's registry does, for every
// lexer's name and aliases and for the extensions of common files.
func TestLexerIndex(t *testing.T) {
	reg := lexers.GlobalLexerRegistry
	checked := 0
	for _, l := range reg.Lexers {
		cfg := l.Config()
		for _, name := range append([]string{cfg.Name}, cfg.Aliases...) {
			want := reg.Get(name)
			if want.Config().Name == "plaintext" {
				want = nil
			}
			if got := lexerFor([]byte(name)); got != want {
				t.Errorf("%q: %v, chroma's registry says %v", name, got, want)
			}
			checked++
		}
	}
	if checked < 200 {
		t.Errorf("only %d names checked", checked)
	}
	for _, ext := range []string{"yml", "yaml", "js", "mjs", "ts", "tsx", "sh", "bash", "py", "rb", "rs", "go", "c", "h", "cpp", "hpp", "cs", "java", "kt", "swift", "php", "sql", "html", "css", "scss", "json", "toml", "xml", "md", "ps1", "bat", "vue", "lua", "pl", "r", "tex", "H", "C", "dockerfile", "makefile", "diff", "ini"} {
		want := lexers.Get(ext)
		if want != nil && want.Config().Name == "plaintext" {
			want = nil
		}
		if got := lexerFor([]byte(ext)); got != want {
			t.Errorf("%q: %v, chroma's registry says %v", ext, got, want)
		}
	}
	for _, name := range []string{"", "nosuchlanguage", "text", "plaintext", "math", "go ", "{go}"} {
		if got := lexerFor([]byte(name)); got != nil {
			t.Errorf("%q: %v, want none", name, got)
		}
	}
}

// FuzzFenceAttributes: whatever the info string, parseFence gives a
// language that starts it, an error inside it, or attributes that fit a
// block of n lines.
func FuzzFenceAttributes(f *testing.F) {
	for _, s := range []string{
		"go", "go {linenos=true}", `go {linenos=table hl_lines=[2,"4-6"] linenostart=10}`, `go {hl_lines="2 4-6"}`,
		"go {hl_lines=3}", "{linenos=inline}", "go main.go {linenos=false}", "go{linenos=true}", "go {style=x}",
		"go {linenos=true", "go {linenos=true} x", `go {hl_lines=["1-2", 3], linenostart=0}`, "go {#id .class}",
		`go {hl_lines=[{a=1}]}`, `go {hl_lines="9-1"}`, "go {linenostart=1e400}", `go {linenos="\u00e9"}`,
	} {
		f.Add(s, 5)
	}
	f.Fuzz(func(t *testing.T, info string, n int) {
		n = min(max(n, 0), 1000)
		fe, err := parseFence([]byte(info), n)
		if !strings.HasPrefix(info, string(fe.lang)) || strings.ContainsAny(string(fe.lang), " \t{") {
			t.Fatalf("language %q of %q", fe.lang, info)
		}
		if err != nil {
			if err.at < 0 || err.at >= len(info) || err.msg == "" {
				t.Fatalf("error %+v for %q", err, info)
			}
			return
		}
		if fe.start < 0 || fe.start > maxLineStart {
			t.Fatalf("linenostart %d from %q", fe.start, info)
		}
		for i, r := range fe.marked {
			if r[0] < 1 || r[0] > r[1] || r[1] > n || i > 0 && fe.marked[i-1][0] > r[0] {
				t.Fatalf("marked %v of %d lines from %q", fe.marked, n, info)
			}
		}
	})
}

// BenchmarkHighlight renders an article of short code blocks, as a
// technical post has them: most of the time is chroma's lexing.
func BenchmarkHighlight(b *testing.B) {
	var src strings.Builder
	for i := range 8 {
		fmt.Fprintf(&src, "Step %d.\n\n```go\nfunc step%d(ctx context.Context) error {\n\treturn run(ctx, %q) // 第%d步\n}\n```\n\n", i, i, "a<b>", i)
		src.WriteString("```yml {hl_lines=[2] linenos=true}\ntitle: Site\nlanguages: [zh, en]\n```\n\n")
	}
	r := New(Options{})
	doc := Doc{File: "content/news/b.md", Path: "news/b.md", Line: 1, Source: []byte(src.String()), Resolve: resolve}
	b.SetBytes(int64(src.Len()))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Render(doc); err != nil {
			b.Fatal(err)
		}
	}
}
