package render_test

import (
	"strings"
	"testing"
)

// TestMarkdownInTheme: callouts, figures and videos reach an article of
// the built-in theme whole, titled in the site's language, and the page's
// description is the text of the callout alone.
func TestMarkdownInTheme(t *testing.T) {
	ts := newSite(t, sources{
		"_index.md": "---\ntitle: 新闻\nbaseURL: https://example.com/\nlanguage: zh-CN\ntimezone: Asia/Shanghai\n---\n",
		"news/2024-05-01-visit.md": "---\ntitle: 参观\ndate: 2024-05-01\n---\n" +
			"> [!TIP]\n> 请提前\n> 预约。\n\n![团队](team.jpg \"团队合影\")\n\nhttps://vimeo.com/76979871\n",
	})
	got := renderPage(t, ts, ts.page(t, "/news/visit/"), 1)
	for _, want := range []string{
		`<meta name="description" content="请提前预约。">`,
		"<aside class=\"callout callout-tip\" role=\"note\">\n<p class=\"callout-title\"><strong>提示</strong></p>\n<p>请提前预约。</p>\n</aside>\n" +
			"<figure><img src=\"team.jpg\" alt=\"团队\"><figcaption>团队合影</figcaption></figure>\n" +
			`<div class="video video-embed"><iframe src="https://player.vimeo.com/video/76979871" title="视频" loading="lazy"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
}
