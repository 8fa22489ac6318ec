package theme

import (
	"os"
	"strings"
	"testing"
	"unicode"

	"github.com/bulletin-ssg/bulletin/internal/tmplexec"
)

// collapseSpace replaced strings.Join(strings.Fields(s), " ") on every
// page's description: it must give the same text.
func TestCollapseSpaceMatchesFields(t *testing.T) {
	for _, s := range []string{
		"", " ", "a", "  a  b\t\nc ", "公司\u3000新闻\u00a0发布", "\u2003lead and trail\u2003",
		"a\u0085b", "one  two   three", "x\xffy z", "\n\n\n",
	} {
		if got, want := collapseSpace(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	}
}

// FuzzCollapseSpace holds collapseSpace, and the shortcut for text with
// nothing to collapse, to strings.Fields.
func FuzzCollapseSpace(f *testing.F) {
	for _, s := range []string{"", " ", "a b", "a  b", " a", "a ", "公司\u3000新闻", "a\u2028b", "x\xe2\x80 y", "\xe1\x9a\x80", "a\u1680b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := collapseSpace(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	})
}

// TestMaySpace: every rune unicode.IsSpace accepts starts with a byte
// collapsed decodes.
func TestMaySpace(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if unicode.IsSpace(r) && !maySpace[string(r)[0]] {
			t.Errorf("%U is white space, and maySpace misses its first byte", r)
		}
	}
}

// TestEveryFunctionAdapted: tmplexec calls each template function
// directly; one it cannot call would send every page that uses it back
// to html/template, silently slower.
func TestEveryFunctionAdapted(t *testing.T) {
	th, err := Load(nil, os.DirFS("../../layouts"), Env{})
	if err != nil {
		t.Fatal(err)
	}
	if names := tmplexec.Unadapted(th.funcs); len(names) != 0 {
		t.Errorf("functions tmplexec cannot call: %v", names)
	}
}
