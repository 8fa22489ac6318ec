package theme

import (
	"strings"
	"testing"
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
