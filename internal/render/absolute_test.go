package render

import "testing"

func TestAbsoluteURLs(t *testing.T) {
	const page = "https://news.example.com/news/2024/05/new-office/"
	for _, tc := range []struct{ name, in, want string }{
		{"site path", `<a href="/news/">News</a>`, `<a href="https://news.example.com/news/">News</a>`},
		{"beside the page", `<img src="photo.png" alt="">`, `<img src="https://news.example.com/news/2024/05/new-office/photo.png" alt="">`},
		{"up a folder", `<a href="../../03/other/">x</a>`, `<a href="https://news.example.com/news/2024/03/other/">x</a>`},
		{"absolute stays", `<a href="https://example.org/a?b=1&amp;c=2">x</a>`, `<a href="https://example.org/a?b=1&amp;c=2">x</a>`},
		{"fragment stays", `<a href="#fn:1" class="footnote-ref">1</a>`, `<a href="#fn:1" class="footnote-ref">1</a>`},
		{"mailto stays", `<a href="mailto:news@example.com">mail</a>`, `<a href="mailto:news@example.com">mail</a>`},
		{"escaped query", `<a href="/search?q=a&amp;b">x</a>`, `<a href="https://news.example.com/search?q=a&amp;b">x</a>`},
		{"other attributes kept", `<img class="wide" src="a.png" title="a=b" data-src="c.png">`, `<img class="wide" src="https://news.example.com/news/2024/05/new-office/a.png" title="a=b" data-src="c.png">`},
		{"srcset", `<img srcset="a-480.jpg 480w, /img/b.jpg 960w" src="a.jpg">`, `<img srcset="https://news.example.com/news/2024/05/new-office/a-480.jpg 480w, https://news.example.com/img/b.jpg 960w" src="https://news.example.com/news/2024/05/new-office/a.jpg">`},
		{"video poster", `<video src="v.mp4" poster="/p.jpg" controls></video>`, `<video src="https://news.example.com/news/2024/05/new-office/v.mp4" poster="https://news.example.com/p.jpg" controls></video>`},
		{"text alone", `<p>href="/x" is text here</p>`, `<p>href="/x" is text here</p>`},
		{"code stays", "<pre><code>&lt;a href=&quot;/x&quot;&gt;</code></pre>", "<pre><code>&lt;a href=&quot;/x&quot;&gt;</code></pre>"},
		{"no markup", `plain`, `plain`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := absoluteURLs(tc.in, page); got != tc.want {
				t.Errorf("absoluteURLs(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestMediaType(t *testing.T) {
	for in, want := range map[string]string{
		"https://x.example/a/photo.JPG":  "image/jpeg",
		"https://x.example/a/b.png?v=2":  "image/png",
		"https://x.example/a/b.webp":     "image/webp",
		"https://x.example/a/b":          "application/octet-stream",
		"https://x.example/a/b.svg#icon": "image/svg+xml",
	} {
		if got := mediaType(in); got != want {
			t.Errorf("mediaType(%q) = %q, want %q", in, got, want)
		}
	}
}
