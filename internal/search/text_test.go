package search

import (
	"testing"
	"unicode"
)

func TestText(t *testing.T) {
	for _, tc := range []struct{ html, want string }{
		{"<p>公司<strong>新闻</strong></p><p>Second &amp; last</p>", "公司新闻 Second & last"},
		{`<h2 id="x">Title</h2><ul><li>one</li><li>two</li></ul>`, "Title one two"},
		{"<p>a<br>b</p>", "a b"},
		{"<p>keep</p><script>var x = '<p>no</p>';</script><style>p{}</style><p>this</p>", "keep this"},
		{`<pre><code><span class="k">func</span> main()</code></pre>`, "func main()"},
		{"text with < and > in it", "text with in it"}, // not from bulletin: its text escapes <
		{"<p>unclosed <b", "unclosed"},
		{"", ""},
	} {
		if got := Text(tc.html); got != tc.want {
			t.Errorf("Text(%q) = %q, want %q", tc.html, got, tc.want)
		}
	}
}

// FuzzText: any HTML, however broken, gives text without a panic.
func FuzzText(f *testing.F) {
	for _, s := range []string{"<p>a</p>", "<script>x</script>y", "a &lt; b", "<", "<<>>", "</script>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		_ = Text(h)
	})
}

// TestTextSpaces: white space, however written, is one space between
// words and none at the ends.
func TestTextSpaces(t *testing.T) {
	for _, tc := range []struct{ html, want string }{
		{"  a  ", "a"},
		{"a\n\n b", "a b"},
		{"<p> a </p> <p> b </p>", "a b"},
		{"a&nbsp;b", "a b"}, // a no-break space separates words too
		{"x<b>y</b>z", "xyz"},
		{"x <b> y </b> z", "x y z"},
		{"<P>Upper</P><SCRIPT>no</SCRIPT>case", "Upper case"},
	} {
		if got := Text(tc.html); got != tc.want {
			t.Errorf("Text(%q) = %q, want %q", tc.html, got, tc.want)
		}
	}
}

// TestIsSpace: isSpace is unicode.IsSpace for every rune.
func TestIsSpace(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if isSpace(r) != unicode.IsSpace(r) {
			t.Errorf("isSpace(%U) = %v", r, isSpace(r))
		}
	}
}
