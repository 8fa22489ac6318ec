package markdown

import "testing"

// renderCase is one Markdown source and the HTML it must give.
type renderCase struct{ name, src, html string }

func checkRender(t *testing.T, r *Renderer, tests []renderCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := r.Render(Doc{Path: "news/b.md", Source: []byte(tt.src), Resolve: resolve})
			if err != nil {
				t.Fatal(err)
			}
			if string(res.HTML) != tt.html {
				t.Errorf("\n got %q\nwant %q", res.HTML, tt.html)
			}
			if err := balanced(string(res.HTML)); err != nil {
				t.Errorf("%q: %v", res.HTML, err)
			}
		})
	}
}

func TestFigures(t *testing.T) {
	checkRender(t, New(Options{}), []renderCase{
		{"captioned", `![The office](a.jpg "Our office in Wuhan")`,
			"<figure><img src=\"a.jpg\" alt=\"The office\"><figcaption>Our office in Wuhan</figcaption></figure>\n"},
		{"escaped caption", `![x](a.jpg "AT&amp;T \"HQ\" & <b>")`,
			"<figure><img src=\"a.jpg\" alt=\"x\"><figcaption>AT&amp;T &quot;HQ&quot; &amp; &lt;b&gt;</figcaption></figure>\n"},
		{"chinese caption, empty alt", "![](团队.jpg '团队合影')",
			"<figure><img src=\"%E5%9B%A2%E9%98%9F.jpg\" alt=\"\"><figcaption>团队合影</figcaption></figure>\n"},
		{"between paragraphs", "Before.\n\n![x](a.jpg \"Cap\")\n\nAfter.",
			"<p>Before.</p>\n<figure><img src=\"a.jpg\" alt=\"x\"><figcaption>Cap</figcaption></figure>\n<p>After.</p>\n"},
		{"in a quote", "> ![x](a.jpg \"Cap\")",
			"<blockquote>\n<figure><img src=\"a.jpg\" alt=\"x\"><figcaption>Cap</figcaption></figure>\n</blockquote>\n"},
		{"no title", "![x](a.jpg)", "<p><img src=\"a.jpg\" alt=\"x\"></p>\n"},
		{"text beside", "See ![x](a.jpg \"Cap\")", "<p>See <img src=\"a.jpg\" alt=\"x\" title=\"Cap\"></p>\n"},
		{"two images", "![x](a.jpg \"A\")\n![y](b.jpg \"B\")",
			"<p><img src=\"a.jpg\" alt=\"x\" title=\"A\">\n<img src=\"b.jpg\" alt=\"y\" title=\"B\"></p>\n"},
		{"linked image", "[![x](a.jpg \"Cap\")](https://example.com)",
			"<p><a href=\"https://example.com\"><img src=\"a.jpg\" alt=\"x\" title=\"Cap\"></a></p>\n"},
	})
}
