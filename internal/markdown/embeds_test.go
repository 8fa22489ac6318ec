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

func TestCallouts(t *testing.T) {
	en := func(kind, title, body string) string {
		return "<aside class=\"callout callout-" + kind + "\" role=\"note\">\n<p class=\"callout-title\"><strong>" + title + "</strong></p>\n" + body + "</aside>\n"
	}
	checkRender(t, New(Options{Language: "en"}), []renderCase{
		{"note", "> [!NOTE]\n> Offices close at 5.", en("note", "Note", "<p>Offices close at 5.</p>\n")},
		{"tip", "> [!TIP]\n> Book early.", en("tip", "Tip", "<p>Book early.</p>\n")},
		{"important", "> [!IMPORTANT]\n> Bring your badge.", en("important", "Important", "<p>Bring your badge.</p>\n")},
		{"warning", "> [!WARNING]\n> The road is closed.", en("warning", "Warning", "<p>The road is closed.</p>\n")},
		{"caution", "> [!CAUTION]\n> Wet floor.", en("caution", "Caution", "<p>Wet floor.</p>\n")},
		{"any case, spaces", ">  [!note]  \n> **Bold** first.", en("note", "Note", "<p><strong>Bold</strong> first.</p>\n")},
		{"blocks", "> [!TIP]\n>\n> One.\n>\n> - a\n> - b", en("tip", "Tip", "<p>One.</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n")},
		{"marker alone", "> [!NOTE]", en("note", "Note", "")},
		{"in a list", "- item\n\n  > [!NOTE]\n  > text",
			"<ul>\n<li>\n<p>item</p>\n" + en("note", "Note", "<p>text</p>\n") + "</li>\n</ul>\n"},
		{"escaped body", "> [!WARNING]\n> a < b & AT&amp;T", en("warning", "Warning", "<p>a &lt; b &amp; AT&amp;T</p>\n")},
		// Not a marker: a quote stays a quote.
		{"unknown kind", "> [!DANGER]\n> text", "<blockquote>\n<p>[!DANGER]\ntext</p>\n</blockquote>\n"},
		{"text after marker", "> [!NOTE] text", "<blockquote>\n<p>[!NOTE] text</p>\n</blockquote>\n"},
		{"not first line", "> text\n> [!NOTE]", "<blockquote>\n<p>text\n[!NOTE]</p>\n</blockquote>\n"},
		{"no bang", "> [NOTE]\n> text", "<blockquote>\n<p>[NOTE]\ntext</p>\n</blockquote>\n"},
		{"a link", "> [!note]\n> text\n\n[!note]: /x", "<blockquote>\n<p><a href=\"/x\">!note</a>\ntext</p>\n</blockquote>\n"},
		{"plain quote", "> quoted", "<blockquote>\n<p>quoted</p>\n</blockquote>\n"},
	})
	zh := func(kind, title string) string {
		return "<aside class=\"callout callout-" + kind + "\" role=\"note\">\n<p class=\"callout-title\"><strong>" + title + "</strong></p>\n<p>内容</p>\n</aside>\n"
	}
	checkRender(t, New(Options{Language: "zh-CN"}), []renderCase{
		{"zh note", "> [!NOTE]\n> 内容", zh("note", "注意")},
		{"zh tip", "> [!TIP]\n> 内容", zh("tip", "提示")},
		{"zh important", "> [!IMPORTANT]\n> 内容", zh("important", "重要")},
		{"zh warning", "> [!WARNING]\n> 内容", zh("warning", "警告")},
		{"zh caution", "> [!CAUTION]\n> 内容", zh("caution", "小心")},
	})
}

// TestCalloutSummary: a <!--more--> inside a callout ends the summary
// after it, and the summary holds the whole callout.
func TestCalloutSummary(t *testing.T) {
	res, err := New(Options{}).Render(Doc{Source: []byte("> [!NOTE]\n> Lead.\n>\n> <!--more-->\n>\n> Rest.\n\nAfter.")})
	if err != nil {
		t.Fatal(err)
	}
	want := "<aside class=\"callout callout-note\" role=\"note\">\n<p class=\"callout-title\"><strong>Note</strong></p>\n<p>Lead.</p>\n<p>Rest.</p>\n</aside>"
	if string(res.Summary) != want || !res.Truncated {
		t.Errorf("summary %q truncated %v\nwant    %q", res.Summary, res.Truncated, want)
	}
}
