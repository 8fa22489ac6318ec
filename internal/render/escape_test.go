package render_test

import (
	"strings"
	"testing"

	"github.com/bulletin-ssg/bulletin/internal/render"
)

// escapeSources holds text that must be escaped exactly once wherever it
// goes: an entity the author wrote (&lt;http&gt;, AT&amp;T), a bare < and
// &, and a tag in code. One article's summary is made from its text, one
// ends at <!--more-->, one sets summary: in its front matter.
func escapeSources() sources {
	const body = "Read &lt;http&gt; at AT&amp;T: a < b & c, and `<b>` in code.\n"
	return sources{
		"_index.md":                 "---\ntitle: Site\nbaseURL: https://example.com/\nlanguage: en\ntimezone: UTC\n---\n",
		"news/_index.md":            "---\ntitle: News\n---\n",
		"news/2024-01-03-auto.md":   "---\ntitle: Auto\ndate: 2024-01-03\n---\n" + body,
		"news/2024-01-02-more.md":   "---\ntitle: More\ndate: 2024-01-02\n---\n" + body + "\n<!--more-->\n\nRest.\n",
		"news/2024-01-01-matter.md": "---\ntitle: Matter\ndate: 2024-01-01\nsummary: \"" + strings.TrimSpace(body) + "\"\n---\nBody.\n",
	}
}

// The text as HTML, escaped once: what a page's body and a list show.
const escapedHTML = "Read &lt;http&gt; at AT&amp;T: a &lt; b &amp; c, and <code>&lt;b&gt;</code> in code."

func TestEscapedOnce(t *testing.T) {
	ts := newSite(t, escapeSources())

	// In an attribute the text is plain text, escaped once (html/template
	// writes &#43; and the like for some characters; none here).
	const meta = `content="Read &lt;http&gt; at AT&amp;T: a &lt; b &amp; c, and &lt;b&gt; in code."`
	for _, path := range []string{"/news/auto/", "/news/more/", "/news/matter/"} {
		t.Run(path, func(t *testing.T) {
			got := renderPage(t, ts, ts.page(t, path), 1)
			for _, want := range []string{
				`<meta name="description" ` + meta + `>`,
				`<meta property="og:description" ` + meta + `>`,
			} {
				if !strings.Contains(got, want) {
					t.Errorf("missing %s in\n%s", want, head(got))
				}
			}
			if path != "/news/matter/" && !strings.Contains(got, "<p>"+escapedHTML+"</p>") {
				t.Errorf("body: missing %s", escapedHTML)
			}
		})
	}

	t.Run("list", func(t *testing.T) {
		got := renderPage(t, ts, ts.page(t, "/news/"), 1)
		for _, want := range []string{
			// The automatic summary is text: the code span is no longer code.
			`<div class="entry__summary">Read &lt;http&gt; at AT&amp;T: a &lt; b &amp; c, and &lt;b&gt; in code.</div>`,
			`<div class="entry__summary"><p>` + escapedHTML + `</p></div>`,
			`<div class="entry__summary">` + escapedHTML + `</div>`,
		} {
			if !strings.Contains(got, want) {
				t.Errorf("missing %s", want)
			}
		}
	})

	// A feed carries the summary's HTML as text: the XML escapes the HTML
	// once more, and a reader that unescapes the XML gets the HTML above.
	t.Run("rss", func(t *testing.T) {
		data, err := render.RSS(ts.Site, ts.page(t, "/news/"))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{
			"<description>Read &amp;lt;http&amp;gt; at AT&amp;amp;T: a &amp;lt; b &amp;amp; c, and &amp;lt;b&amp;gt; in code.</description>",
			"<description>&lt;p&gt;Read &amp;lt;http&amp;gt; at AT&amp;amp;T: a &amp;lt; b &amp;amp; c, and &lt;code&gt;&amp;lt;b&amp;gt;&lt;/code&gt; in code.&lt;/p&gt;</description>",
			"<description>Read &amp;lt;http&amp;gt; at AT&amp;amp;T: a &amp;lt; b &amp;amp; c, and &lt;code&gt;&amp;lt;b&amp;gt;&lt;/code&gt; in code.</description>",
		} {
			if !strings.Contains(string(data), want) {
				t.Errorf("missing %s in\n%s", want, data)
			}
		}
		for _, it := range parseRSS(t, data).Channel.Items {
			if !strings.Contains(it.Description, "Read &lt;http&gt; at AT&amp;T: a &lt; b &amp; c") {
				t.Errorf("%s: description as HTML %q", it.Title, it.Description)
			}
		}
	})
	t.Run("atom", func(t *testing.T) {
		data, err := render.Atom(ts.Site, ts.Home)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{
			`<summary type="html">Read &amp;lt;http&amp;gt; at AT&amp;amp;T: a &amp;lt; b &amp;amp; c, and &amp;lt;b&amp;gt; in code.</summary>`,
			`<summary type="html">&lt;p&gt;Read &amp;lt;http&amp;gt; at AT&amp;amp;T: a &amp;lt; b &amp;amp; c, and &lt;code&gt;&amp;lt;b&amp;gt;&lt;/code&gt; in code.&lt;/p&gt;</summary>`,
		} {
			if !strings.Contains(string(data), want) {
				t.Errorf("missing %s in\n%s", want, data)
			}
		}
	})
}

// head is a page up to its </head>.
func head(page string) string {
	if i := strings.Index(page, "</head>"); i >= 0 {
		return page[:i]
	}
	return page
}
