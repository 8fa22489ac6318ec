package theme_test

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	chtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
)

var update = flag.Bool("update", false, "rewrite the generated block of assets/css/style.css")

// The built-in theme colours highlighted code with the token colours of
// two of chroma's styles, GitHub's light and dark ones, on the theme's
// own code background (--code-bg) and marked lines (--code-hl).
const (
	lightStyle = "github"
	darkStyle  = "github-dark"
	styleSheet = "../../assets/css/style.css"
	blockBegin = "/* chroma:begin */\n"
	blockEnd   = "/* chroma:end */\n"
	darkMedia  = "@media screen and (prefers-color-scheme: dark) {\n"
)

// TestChromaCSS: the style sheet's block of token colours is the one
// chromaBlock generates; -update writes it.
func TestChromaCSS(t *testing.T) {
	file, err := os.ReadFile(styleSheet)
	if err != nil {
		t.Fatal(err)
	}
	css := string(file)
	begin, end := strings.Index(css, blockBegin), strings.Index(css, blockEnd)
	if begin < 0 || end < begin {
		t.Fatalf("%s: no %q … %q block", styleSheet, strings.TrimSpace(blockBegin), strings.TrimSpace(blockEnd))
	}
	light, dark := schemes(t, css)
	want := chromaBlock(t, light, dark)
	got := css[begin+len(blockBegin) : end]
	if got == want {
		return
	}
	if *update {
		css = css[:begin+len(blockBegin)] + want + css[end:]
		if err := os.WriteFile(styleSheet, []byte(css), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("%s: the chroma block is not what chroma's %s and %s styles give; run go test ./internal/theme -run TestChromaCSS -update\n got:\n%s\nwant:\n%s", styleSheet, lightStyle, darkStyle, got, want)
}

// chromaBlock is the CSS of the token classes bulletin's Markdown writes:
// chroma's WriteCSS for each style, less the rules of its own structure
// (the theme lays out lines itself), with colours that read below 4.5:1
// on the code's backgrounds moved towards black (light) or white (dark)
// until they do. The dark rules undo what a light rule sets and the dark
// style does not. Rules with the same declarations share one.
func chromaBlock(t *testing.T, light, dark map[string]string) string {
	t.Helper()
	lightRules := styleRules(t, lightStyle, []string{light["--code-bg"], light["--code-hl"]}, false)
	darkRules := styleRules(t, darkStyle, []string{dark["--code-bg"], dark["--code-hl"]}, true)
	for _, r := range lightRules {
		d := findRule(darkRules, r.class)
		if d == nil {
			darkRules = append(darkRules, rule{class: r.class})
			d = &darkRules[len(darkRules)-1]
		}
		for _, decl := range r.decls {
			if !slices.ContainsFunc(d.decls, func(x [2]string) bool { return x[0] == decl[0] }) {
				d.decls = append(d.decls, [2]string{decl[0], "inherit"})
			}
		}
	}
	// What the light rule gives already, a dark one need not repeat.
	darkRules = slices.DeleteFunc(darkRules, func(d rule) bool {
		r := findRule(lightRules, d.class)
		return r != nil && slices.Equal(r.decls, d.decls)
	})
	var b strings.Builder
	writeRules(&b, "", lightRules)
	b.WriteString(darkMedia)
	writeRules(&b, "  ", darkRules)
	b.WriteString("}\n")
	return b.String()
}

// rule is one token class's declarations, property and value.
type rule struct {
	class string
	decls [][2]string
}

func findRule(rules []rule, class string) *rule {
	for i := range rules {
		if rules[i].class == class {
			return &rules[i]
		}
	}
	return nil
}

// structural are the classes of chroma's layout, not of tokens: the
// theme styles those it uses by hand. "err" marks what a lexer could not
// read, most often a fragment that is fine as prose: it stays plain. "w"
// is white space, which bulletin writes without a span.
var structural = map[string]bool{"bg": true, "chroma": true, "line": true, "cl": true, "ln": true, "lnt": true, "hl": true,
	"lntable": true, "lntd": true, "lnlinks": true, "err": true, "w": true}

var cssRule = regexp.MustCompile(`^\.chroma \.([a-z0-9]+) \{ (.*?);? \}$`)

// styleRules are a chroma style's rules for token classes, in chroma's
// order, their colours readable on every background of bgs (or on the
// rule's own background).
func styleRules(t *testing.T, name string, bgs []string, dark bool) []rule {
	t.Helper()
	style := styles.Registry[name]
	if style == nil {
		t.Fatalf("chroma has no style %q", name)
	}
	var out bytes.Buffer
	if err := chtml.New(chtml.WithClasses(true), chtml.WithCSSComments(false)).WriteCSS(&out, style); err != nil {
		t.Fatal(err)
	}
	var rules []rule
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		m := cssRule.FindStringSubmatch(line)
		if m == nil || structural[m[1]] {
			continue
		}
		r := rule{class: m[1]}
		for _, d := range strings.Split(m[2], ";") {
			prop, value, ok := strings.Cut(strings.TrimSpace(d), ":")
			if !ok {
				t.Fatalf("%s: declaration %q in %q", name, d, line)
			}
			r.decls = append(r.decls, [2]string{strings.TrimSpace(prop), strings.TrimSpace(value)})
		}
		on := bgs
		for _, d := range r.decls {
			if d[0] == "background-color" {
				on = []string{d[1]}
			}
		}
		for i, d := range r.decls {
			if d[0] == "color" {
				r.decls[i][1] = readable(t, d[1], on, dark)
			}
		}
		rules = append(rules, r)
	}
	if len(rules) < 20 {
		t.Fatalf("%s: only %d token rules in\n%s", name, len(rules), out.String())
	}
	return rules
}

// readable is fg, or fg moved towards black (towards white when dark)
// in steps of 1% until it reads at 4.5:1 on each of bgs.
func readable(t *testing.T, fg string, bgs []string, dark bool) string {
	t.Helper()
	v, err := strconv.ParseUint(strings.TrimPrefix(fg, "#"), 16, 32)
	if err != nil || len(fg) != 7 {
		t.Fatalf("colour %q", fg)
	}
	rgb := [3]float64{float64(v >> 16 & 0xff), float64(v >> 8 & 0xff), float64(v & 0xff)}
	for step := 0; step <= 100; step++ {
		f := float64(step) / 100
		var c [3]int
		for i, x := range rgb {
			if dark {
				x += (255 - x) * f
			} else {
				x -= x * f
			}
			c[i] = int(math.Round(x))
		}
		hex := fmt.Sprintf("#%02x%02x%02x", c[0], c[1], c[2])
		if !slices.ContainsFunc(bgs, func(bg string) bool { return contrast(t, hex, bg) < 4.5 }) {
			return hex
		}
	}
	t.Fatalf("%s cannot be made to read on %v", fg, bgs)
	return ""
}

// writeRules writes rules, those with the same declarations as one, in
// the order each declaration first comes.
func writeRules(b *strings.Builder, indent string, rules []rule) {
	var order []string
	selectors := map[string][]string{}
	for _, r := range rules {
		var decls []string
		for _, d := range r.decls {
			decls = append(decls, d[0]+": "+d[1])
		}
		key := strings.Join(decls, "; ")
		if _, ok := selectors[key]; !ok {
			order = append(order, key)
		}
		selectors[key] = append(selectors[key], ".chroma ."+r.class)
	}
	for _, key := range order {
		line, sels := indent, selectors[key]
		tail := " { " + key + "; }"
		for i, sel := range sels {
			if i > 0 {
				width := len(line) + 2 + len(sel)
				if i == len(sels)-1 {
					width += len(tail)
				}
				if width > 78 {
					b.WriteString(line + ",\n")
					line = indent
				} else {
					line += ", "
				}
			}
			line += sel
		}
		b.WriteString(line + tail + "\n")
	}
}
