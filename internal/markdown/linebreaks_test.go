package markdown

import "testing"

// TestSoftLineBreaks: a line break between two CJK characters vanishes;
// any other stays a newline, whatever inline element stands on either
// side of it.
func TestSoftLineBreaks(t *testing.T) {
	tests := []struct{ name, src, html, summary string }{
		{"english", "one\ntwo", "<p>one\ntwo</p>\n", "one two"},
		{"chinese", "中日两国\n外长通电话", "<p>中日两国外长通电话</p>\n", "中日两国外长通电话"},
		{"chinese punctuation", "你好，\n世界。\n「引语」", "<p>你好，世界。「引语」</p>\n", "你好，世界。「引语」"},
		{"japanese", "日本語の\nテキスト", "<p>日本語のテキスト</p>\n", "日本語のテキスト"},
		{"korean keeps its space", "한국어\n문장", "<p>한국어\n문장</p>\n", "한국어 문장"},
		{"cjk then latin", "中文\nEnglish", "<p>中文\nEnglish</p>\n", "中文 English"},
		{"latin then cjk", "English\n中文", "<p>English\n中文</p>\n", "English 中文"},
		{"trailing space", "中文。 \n中文", "<p>中文。中文</p>\n", "中文。中文"},

		// Before each inline kind.
		{"link after", "available as\n[context](x)", "<p>available as\n<a href=\"x\">context</a></p>\n", "available as context"},
		{"emphasis after", "a\n*b*", "<p>a\n<em>b</em></p>\n", "a b"},
		{"strong after", "a\n**b**", "<p>a\n<strong>b</strong></p>\n", "a b"},
		{"code after", "run\n`go test`", "<p>run\n<code>go test</code></p>\n", "run go test"},
		{"image after", "see\n![a chart](c.png)", "<p>see\n<img src=\"c.png\" alt=\"a chart\"></p>\n", "see a chart"},
		{"autolink after", "at\n<https://example.com>", "<p>at\n<a href=\"https://example.com\">https://example.com</a></p>\n", "at https://example.com"},
		{"bare url after", "at\nhttps://example.com", "<p>at\n<a href=\"https://example.com\">https://example.com</a></p>\n", "at https://example.com"},
		{"strikethrough after", "was\n~~old~~", "<p>was\n<del>old</del></p>\n", "was old"},

		// After each inline kind.
		{"link before", "[context](x)\navailable", "<p><a href=\"x\">context</a>\navailable</p>\n", "context available"},
		{"emphasis before", "*a*\nb", "<p><em>a</em>\nb</p>\n", "a b"},
		{"strong before", "**a**\nb", "<p><strong>a</strong>\nb</p>\n", "a b"},
		{"code before", "`go test`\nruns", "<p><code>go test</code>\nruns</p>\n", "go test runs"},
		{"image before", "![a chart](c.png)\nshows", "<p><img src=\"c.png\" alt=\"a chart\">\nshows</p>\n", "a chart shows"},
		{"autolink before", "<https://example.com>\nsays", "<p><a href=\"https://example.com\">https://example.com</a>\nsays</p>\n", "https://example.com says"},
		{"bare url before", "https://example.com\nsays", "<p><a href=\"https://example.com\">https://example.com</a>\nsays</p>\n", "https://example.com says"},
		{"strikethrough before", "~~old~~\nnew", "<p><del>old</del>\nnew</p>\n", "old new"},

		// CJK on both sides of an inline element's edge: joined.
		{"cjk link after", "详见\n[公告](x)", "<p>详见<a href=\"x\">公告</a></p>\n", "详见公告"},
		{"cjk emphasis after", "这是\n*重点*", "<p>这是<em>重点</em></p>\n", "这是重点"},
		{"cjk strong before", "**重点**\n在此", "<p><strong>重点</strong>在此</p>\n", "重点在此"},
		{"cjk code after", "运行\n`命令`", "<p>运行<code>命令</code></p>\n", "运行命令"},
		{"cjk strikethrough before", "~~旧的~~\n新的", "<p><del>旧的</del>新的</p>\n", "旧的新的"},
		{"cjk nested emphasis", "这是\n***重点***", "<p>这是<em><strong>重点</strong></em></p>\n", "这是重点"},
		// An image, a URL or Latin text on either side: kept.
		{"cjk image after", "如图\n![图表](c.png)", "<p>如图\n<img src=\"c.png\" alt=\"图表\"></p>\n", "如图图表"}, // the summary keeps the alt text
		{"cjk autolink after", "网址\n<https://example.com>", "<p>网址\n<a href=\"https://example.com\">https://example.com</a></p>\n", "网址 https://example.com"},
		{"cjk then latin link", "详见\n[notice](x)", "<p>详见\n<a href=\"x\">notice</a></p>\n", "详见 notice"},
		{"latin then cjk emphasis", "see\n*重点*", "<p>see\n<em>重点</em></p>\n", "see 重点"},
		{"latin emphasis then cjk", "*note*\n重点", "<p><em>note</em>\n重点</p>\n", "note 重点"},
	}
	r := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := r.Render(Doc{Source: []byte(tt.src)})
			if err != nil {
				t.Fatal(err)
			}
			if string(res.HTML) != tt.html {
				t.Errorf("html\n got %q\nwant %q", res.HTML, tt.html)
			}
			if string(res.Summary) != tt.summary {
				t.Errorf("summary\n got %q\nwant %q", res.Summary, tt.summary)
			}
		})
	}
}
