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

func TestVideos(t *testing.T) {
	const attrs = `" loading="lazy" allow="fullscreen; picture-in-picture" allowfullscreen referrerpolicy="strict-origin-when-cross-origin" sandbox="allow-scripts allow-same-origin allow-presentation allow-popups allow-popups-to-escape-sandbox"></iframe></div>` + "\n"
	iframe := func(src, title string) string {
		return `<div class="video video-embed"><iframe src="` + src + `" title="` + title + attrs
	}
	file := func(src, title, fallback string) string {
		return `<div class="video video-file"><video controls preload="metadata" src="` + src + `" aria-label="` + title + `">` + fallback + "</video></div>\n"
	}
	checkRender(t, New(Options{}), []renderCase{
		// Files.
		{"mp4", "[The launch](launch.mp4)", file("launch.mp4", "The launch", `<a href="launch.mp4">The launch</a>`)},
		{"webm, absolute, any case", "[Clip](https://cdn.example.com/v/Clip.WEBM?x=1&y=2)",
			file("https://cdn.example.com/v/Clip.WEBM?x=1&amp;y=2", "Clip", `<a href="https://cdn.example.com/v/Clip.WEBM?x=1&amp;y=2">Clip</a>`)},
		{"autolink file", "<https://example.com/a.mp4>", file("https://example.com/a.mp4", "Video", `<a href="https://example.com/a.mp4">https://example.com/a.mp4</a>`)},
		{"bare url file", "https://example.com/a.mp4", file("https://example.com/a.mp4", "Video", `<a href="https://example.com/a.mp4">https://example.com/a.mp4</a>`)},
		{"escaped title", "[A & \"B\" &lt;c&gt;](a.mp4)", file("a.mp4", "A &amp; &#34;B&#34; &lt;c&gt;", `<a href="a.mp4">A &amp; &quot;B&quot; &lt;c&gt;</a>`)},
		{"chinese file name", "[发布会](视频.mp4)", file("%E8%A7%86%E9%A2%91.mp4", "发布会", `<a href="%E8%A7%86%E9%A2%91.mp4">发布会</a>`)},

		// Providers, each host and form.
		{"bilibili", "[Our tour](https://www.bilibili.com/video/BV1GJ411x7h7)",
			iframe("https://player.bilibili.com/player.html?bvid=BV1GJ411x7h7&amp;autoplay=0", "Our tour")},
		{"bilibili query and slash", "https://www.bilibili.com/video/BV1GJ411x7h7/?spm_id_from=333.788",
			iframe("https://player.bilibili.com/player.html?bvid=BV1GJ411x7h7&amp;autoplay=0", "Video")},
		{"bilibili mobile", "<https://m.bilibili.com/video/BV1GJ411x7h7>",
			iframe("https://player.bilibili.com/player.html?bvid=BV1GJ411x7h7&amp;autoplay=0", "Video")},
		{"tencent cover", "[腾讯](https://v.qq.com/x/cover/mzc00200abcdefg/u0024cs5ct4.html)",
			iframe("https://v.qq.com/txp/iframe/player.html?vid=u0024cs5ct4", "腾讯")},
		{"tencent page", "https://v.qq.com/x/page/u0024cs5ct4.html", iframe("https://v.qq.com/txp/iframe/player.html?vid=u0024cs5ct4", "Video")},
		{"youku", "[优酷](https://v.youku.com/v_show/id_XNTk4NzA4MDM2OA==.html)", iframe("https://player.youku.com/embed/XNTk4NzA4MDM2OA==", "优酷")},
		{"youtube", "[Keynote](https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s)", iframe("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "Keynote")},
		{"youtube bare host", "https://youtube.com/watch?v=dQw4w9WgXcQ", iframe("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "Video")},
		{"youtube www autolink", "www.youtube.com/watch?v=dQw4w9WgXcQ", iframe("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "Video")},
		{"youtu.be", "[Keynote](https://youtu.be/dQw4w9WgXcQ?si=abc)", iframe("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "Keynote")},
		{"vimeo", "[Film](https://vimeo.com/76979871)", iframe("https://player.vimeo.com/video/76979871", "Film")},
		{"vimeo www", "https://www.vimeo.com/76979871/", iframe("https://player.vimeo.com/video/76979871", "Video")},
		{"link text is the url", "[https://vimeo.com/76979871](https://vimeo.com/76979871)", iframe("https://player.vimeo.com/video/76979871", "Video")},
		{"formatted link text", "[The **big** day](https://vimeo.com/76979871)", iframe("https://player.vimeo.com/video/76979871", "The big day")},
		{"poster image link", "[![The launch](poster.jpg)](launch.mp4)", file("launch.mp4", "The launch", `<a href="launch.mp4"><img src="poster.jpg" alt="The launch"></a>`)},
		{"in a list item", "- a\n\n- https://vimeo.com/76979871",
			"<ul>\n<li>\n<p>a</p>\n</li>\n<li>\n" + iframe("https://player.vimeo.com/video/76979871", "Video") + "</li>\n</ul>\n"},

		// Anything else stays a link.
		{"text beside", "See [Clip](a.mp4)", "<p>See <a href=\"a.mp4\">Clip</a></p>\n"},
		{"two links", "[a](a.mp4) [b](b.mp4)", "<p><a href=\"a.mp4\">a</a> <a href=\"b.mp4\">b</a></p>\n"},
		{"other file", "[doc](a.mp3)", "<p><a href=\"a.mp3\">doc</a></p>\n"},
		{"javascript", "[x](javascript:alert(1)//a.mp4)", "<p><a href=\"\">x</a></p>\n"},
		{"data", "[x](data:video/mp4;base64,AAAA.mp4)", "<p><a href=\"\">x</a></p>\n"},
		{"port", "[x](https://www.youtube.com:8443/watch?v=dQw4w9WgXcQ)", "<p><a href=\"https://www.youtube.com:8443/watch?v=dQw4w9WgXcQ\">x</a></p>\n"},
		{"user info", "[x](https://a@vimeo.com/76979871)", "<p><a href=\"https://a@vimeo.com/76979871\">x</a></p>\n"},
		{"other host", "https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
			"<p><a href=\"https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ\">https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ</a></p>\n"},
		{"youtube short id", "https://www.youtube.com/watch?v=abc", "<p><a href=\"https://www.youtube.com/watch?v=abc\">https://www.youtube.com/watch?v=abc</a></p>\n"},
		{"youtube id with quote", `[x](https://www.youtube.com/watch?v=dQw4w9WgX%22Q)`, "<p><a href=\"https://www.youtube.com/watch?v=dQw4w9WgX%22Q\">x</a></p>\n"},
		{"youtube channel", "https://www.youtube.com/@company", "<p><a href=\"https://www.youtube.com/@company\">https://www.youtube.com/@company</a></p>\n"},
		{"bilibili space", "https://space.bilibili.com/12345", "<p><a href=\"https://space.bilibili.com/12345\">https://space.bilibili.com/12345</a></p>\n"},
		{"bilibili av number", "https://www.bilibili.com/video/av170001", "<p><a href=\"https://www.bilibili.com/video/av170001\">https://www.bilibili.com/video/av170001</a></p>\n"},
		{"bilibili long id", "[x](https://www.bilibili.com/video/BV1GJ411x7h7x)", "<p><a href=\"https://www.bilibili.com/video/BV1GJ411x7h7x\">x</a></p>\n"},
		{"tencent cover only", "[x](https://v.qq.com/x/cover/mzc00200abcdefg.html)", "<p><a href=\"https://v.qq.com/x/cover/mzc00200abcdefg.html\">x</a></p>\n"},
		{"youku other path", "[x](https://v.youku.com/v_show/id_XNTk4NzA4MDM2OA==.html/../x)", "<p><a href=\"https://v.youku.com/v_show/id_XNTk4NzA4MDM2OA==.html/../x\">x</a></p>\n"},
		{"vimeo private hash", "[x](https://vimeo.com/76979871/abcdef)", "<p><a href=\"https://vimeo.com/76979871/abcdef\">x</a></p>\n"},
		{"vimeo channel", "[x](https://vimeo.com/channels/staffpicks)", "<p><a href=\"https://vimeo.com/channels/staffpicks\">x</a></p>\n"},
		{"ftp", "[x](ftp://example.com/a.mp4)", "<p><a href=\"ftp://example.com/a.mp4\">x</a></p>\n"},
	})
	checkRender(t, New(Options{Language: "zh-CN"}), []renderCase{
		{"zh default title", "https://vimeo.com/76979871", iframe("https://player.vimeo.com/video/76979871", "视频")},
	})
}

func TestDefinitionLists(t *testing.T) {
	checkRender(t, New(Options{}), []renderCase{
		{"one term", "Bulletin\n: A company news site.", "<dl>\n<dt>Bulletin</dt>\n<dd>A company news site.</dd>\n</dl>\n"},
		{"two terms, two definitions", "RSS\n: A feed format.\n\n公司\n: 企业。\n: 单位。",
			"<dl>\n<dt>RSS</dt>\n<dd>A feed format.</dd>\n<dt>公司</dt>\n<dd>企业。</dd>\n<dd>单位。</dd>\n</dl>\n"},
		{"escaped", "AT&amp;T\n: a < b", "<dl>\n<dt>AT&amp;T</dt>\n<dd>a &lt; b</dd>\n</dl>\n"},
	})
	// A definition list is structure, as a list is: not in the summary.
	res, err := New(Options{}).Render(Doc{Source: []byte("Lead.\n\nTerm\n: Definition.\n\nEnd.")})
	if err != nil {
		t.Fatal(err)
	}
	if string(res.Summary) != "Lead. End." {
		t.Errorf("summary %q", res.Summary)
	}
}

func TestMath(t *testing.T) {
	checkRender(t, New(Options{}), []renderCase{
		{"display", "$$\nE = mc^2\n\\frac{a}{b} < c\n$$", "<pre tabindex=\"0\" role=\"region\" aria-label=\"Code 1\"><code class=\"language-math\">E = mc^2\n\\frac{a}{b} &lt; c\n</code></pre>\n"},
		{"one line", "$$ E = mc^2 $$", "<pre tabindex=\"0\" role=\"region\" aria-label=\"Code 1\"><code class=\"language-math\">E = mc^2\n</code></pre>\n"},
		{"one line, closing kept", "$$a$$\n\nText $$ here.", "<pre tabindex=\"0\" role=\"region\" aria-label=\"Code 1\"><code class=\"language-math\">a\n</code></pre>\n<p>Text $$ here.</p>\n"},
		{"after a paragraph", "Energy:\n$$\nE = mc^2\n$$\nso.", "<p>Energy:</p>\n<pre tabindex=\"0\" role=\"region\" aria-label=\"Code 1\"><code class=\"language-math\">E = mc^2\n</code></pre>\n<p>so.</p>\n"},
		{"in a quote", "> $$\n> x_1 * y_2\n> $$", "<blockquote>\n<pre tabindex=\"0\" role=\"region\" aria-label=\"Code 1\"><code class=\"language-math\">x_1 * y_2\n</code></pre>\n</blockquote>\n"},
		{"unclosed", "$$\nx", "<pre tabindex=\"0\" role=\"region\" aria-label=\"Code 1\"><code class=\"language-math\">x\n</code></pre>\n"},
		{"fence", "```math\nx^2\n```", "<pre tabindex=\"0\" role=\"region\" aria-label=\"Code 1\"><code class=\"language-math\">x^2\n</code></pre>\n"},
		{"no markdown inside", "$$\n*a* _b_ <b>\n$$", "<pre tabindex=\"0\" role=\"region\" aria-label=\"Code 1\"><code class=\"language-math\">*a* _b_ &lt;b&gt;\n</code></pre>\n"},
		// Dollars that are no math stay text.
		{"dollar amounts", "It costs $5 and $10.", "<p>It costs $5 and $10.</p>\n"},
		{"inline math stays text", "Let $x_1 = 2$ hold.", "<p>Let $x_1 = 2$ hold.</p>\n"},
		{"dollars at line start", "$$5 a piece, $$10 a pair.", "<p>$$5 a piece, $$10 a pair.</p>\n"},
		{"empty pair", "$$$$", "<p>$$$$</p>\n"},
		{"indented four", "    $$\n    x\n    $$", "<pre tabindex=\"0\" role=\"region\" aria-label=\"Code 1\"><code>$$\nx\n$$\n</code></pre>\n"},
	})
}
