package theme

import (
	"os"
	"strings"
	"testing"

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
