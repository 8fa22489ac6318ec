package theme_test

import (
	"fmt"
	"io/fs"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/bulletin-ssg/bulletin"
)

// TestContrast: in the light and the dark scheme of the built-in style
// sheet, text reads on every background it is set on with a contrast of
// at least 4.5:1 (WCAG AA for normal text).
func TestContrast(t *testing.T) {
	css, err := fs.ReadFile(bulletin.Theme, "assets/css/style.css")
	if err != nil {
		t.Fatal(err)
	}
	light, dark := schemes(t, string(css))
	pairs := [][2]string{{"--text", "--bg"}, {"--muted", "--bg"}, {"--accent", "--bg"}, {"--text", "--surface"}, {"--muted", "--surface"},
		// Code, its line numbers, on a block and on a marked line.
		{"--text", "--code-bg"}, {"--muted", "--code-bg"}, {"--text", "--code-hl"}, {"--muted", "--code-hl"}}
	for _, kind := range []string{"note", "tip", "important", "warning", "caution"} {
		bg := "--" + kind + "-bg"
		pairs = append(pairs, [2]string{"--" + kind, bg}, [2]string{"--text", bg}, [2]string{"--accent", bg})
	}
	for name, vars := range map[string]map[string]string{"light": light, "dark": dark} {
		for _, p := range pairs {
			fg, bg := vars[p[0]], vars[p[1]]
			if fg == "" || bg == "" {
				t.Errorf("%s: %s or %s not set", name, p[0], p[1])
				continue
			}
			if c := contrast(t, fg, bg); c < 4.5 {
				t.Errorf("%s: %s (%s) on %s (%s): contrast %.2f, want at least 4.5", name, p[0], fg, p[1], bg, c)
			}
		}
	}
}

// TestCodeColours: every token colour of the style sheet's chroma block
// reads at 4.5:1 on the code's background and on a marked line's, in
// each scheme (or on the background its own rule sets); a marked line
// shows as one: its band is not the code's background, and its edge
// stands out from both at 3:1 (WCAG's contrast for what is not text).
func TestCodeColours(t *testing.T) {
	css, err := fs.ReadFile(bulletin.Theme, "assets/css/style.css")
	if err != nil {
		t.Fatal(err)
	}
	light, dark := schemes(t, string(css))
	block := string(css)
	begin, end := strings.Index(block, blockBegin), strings.Index(block, blockEnd)
	if begin < 0 || end < begin {
		t.Fatal("no chroma block")
	}
	block = block[begin:end]
	media := strings.Index(block, darkMedia)
	if media < 0 {
		t.Fatal("no dark rules in the chroma block")
	}
	checked := 0
	for name, part := range map[string]struct {
		rules string
		vars  map[string]string
	}{"light": {block[:media], light}, "dark": {block[media+len(darkMedia):], dark}} {
		bgs := []string{part.vars["--code-bg"], part.vars["--code-hl"]}
		if bgs[0] == "" || bgs[1] == "" {
			t.Fatalf("%s: --code-bg or --code-hl not set", name)
		}
		if strings.EqualFold(bgs[0], bgs[1]) {
			t.Errorf("%s: a marked line's --code-hl is the code's background", name)
		}
		for _, bg := range bgs {
			if c := contrast(t, part.vars["--accent"], bg); c < 3 {
				t.Errorf("%s: a marked line's edge (--accent) on %s: contrast %.2f, want at least 3", name, bg, c)
			}
		}
		for _, m := range ruleOf.FindAllStringSubmatch(part.rules, -1) {
			selectors, decls := strings.Join(strings.Fields(m[1]), " "), m[2]
			colours := map[string]string{}
			for _, d := range declaration.FindAllStringSubmatch("; "+decls, -1) {
				colours[d[1]] = d[2]
			}
			fg, ok := colours["color"]
			if !ok {
				continue
			}
			on := bgs
			if bg, ok := colours["background-color"]; ok {
				on = []string{bg}
			}
			for _, bg := range on {
				checked++
				if c := contrast(t, fg, bg); c < 4.5 {
					t.Errorf("%s: %s (%s) on %s: contrast %.2f, want at least 4.5", name, selectors, fg, bg, c)
				}
			}
		}
	}
	if checked < 20 {
		t.Errorf("only %d token colours checked", checked)
	}
}

var (
	ruleOf      = regexp.MustCompile(`([^{}]+)\{([^}]*)\}`)
	declaration = regexp.MustCompile(`;\s*(color|background-color):\s*(#[0-9a-fA-F]{6})`)
)

var customProperty = regexp.MustCompile(`(--[a-z0-9-]+):\s*(#[0-9a-fA-F]{6})\s*;`)

// schemes are the colours the style sheet's :root sets, and those its
// dark scheme sets over them.
func schemes(t *testing.T, css string) (light, dark map[string]string) {
	t.Helper()
	root := strings.Index(css, ":root {")
	darkAt := strings.Index(css, "@media (prefers-color-scheme: dark)")
	if root < 0 || darkAt < root {
		t.Fatal("no :root, or no dark scheme after it")
	}
	read := func(block string) map[string]string {
		m := map[string]string{}
		for _, kv := range customProperty.FindAllStringSubmatch(block, -1) {
			m[kv[1]] = kv[2]
		}
		return m
	}
	light = read(css[root:darkAt])
	rest := css[darkAt:]
	end := strings.Index(rest, "\n}\n")
	if end < 0 {
		t.Fatal("dark scheme not closed")
	}
	dark = read(css[root:darkAt])
	for k, v := range read(rest[:end]) {
		dark[k] = v
	}
	return light, dark
}

// contrast is the WCAG contrast ratio of two #rrggbb colours.
func contrast(t *testing.T, a, b string) float64 {
	la, lb := luminance(t, a), luminance(t, b)
	return (math.Max(la, lb) + .05) / (math.Min(la, lb) + .05)
}

func luminance(t *testing.T, hex string) float64 {
	v, err := strconv.ParseUint(hex[1:], 16, 32)
	if err != nil {
		t.Fatal(fmt.Errorf("colour %q: %w", hex, err))
	}
	channel := func(c uint64) float64 {
		s := float64(c) / 255
		if s <= .03928 {
			return s / 12.92
		}
		return math.Pow((s+.055)/1.055, 2.4)
	}
	return .2126*channel(v>>16&0xff) + .7152*channel(v>>8&0xff) + .0722*channel(v&0xff)
}

// TestMarkdownClassesStyled: every class bulletin's Markdown gives its
// callouts, videos and highlighted code has a rule in the built-in style
// sheet.
func TestMarkdownClassesStyled(t *testing.T) {
	css, err := fs.ReadFile(bulletin.Theme, "assets/css/style.css")
	if err != nil {
		t.Fatal(err)
	}
	for _, class := range []string{
		"callout", "callout-title", "callout-note", "callout-tip", "callout-important", "callout-warning", "callout-caution",
		"video", "video-embed", "chroma", "line", "hl", "ln",
	} {
		if !regexp.MustCompile(`\.` + class + `[\s,{:>]`).Match(css) {
			t.Errorf("no rule for .%s", class)
		}
	}
}
