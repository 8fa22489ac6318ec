package markdown

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/bulletin-ssg/bulletin/internal/diag/diagtest"
	"github.com/bulletin-ssg/bulletin/internal/images"
	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite the expected output of testdata/cases")

// pages the link resolver of the case files knows.
var known = map[string]string{
	"news/images/a.jpg":    "/news/images/a.jpg",
	"news/images/team.png": "/news/images/team.png",
	"news/anim.gif":        "/news/anim.gif",
	"news/a.md":            "/news/2020/07/a/",
	"news/_index.md":       "/news/",
	"about.md":             "/about/",
	"news/launch/index.md": "/news/launch/",
	"news/old.markdown":    "/news/old/",
}

// knownImages are the images resolve knows the size of (a phone's photo,
// a small PNG, an animation).
var knownImages = map[string]images.Info{
	"news/images/a.jpg":    {Format: images.JPEG, Width: 4000, Height: 3000, Orientation: 1},
	"news/images/team.png": {Format: images.PNG, Width: 600, Height: 300, Orientation: 1},
	"news/anim.gif":        {Format: images.GIF, Width: 10, Height: 10, Orientation: 1},
	"/images/office.webp":  {Format: images.WebP, Width: 1200, Height: 800, Orientation: 1}, // published from the site's root
}

func resolve(target string) (string, Found) {
	if img, ok := IsImageTarget(target); ok {
		if info, ok := knownImages[img]; ok {
			return info.String(), Published
		}
		return "", Missing
	}
	if target == "news/draft.md" {
		return "", Unpublished
	}
	u, ok := known[target]
	if !ok {
		return "", Missing
	}
	return u, Published
}

// TestCases renders each testdata/cases/*.txt: its "input" section is the
// Markdown, the other sections are the expected html, toc and summary.
// Run with -update to rewrite them after an intended change.
func TestCases(t *testing.T) {
	files, _ := filepath.Glob("testdata/cases/*.txt")
	if len(files) == 0 {
		t.Fatal("no case files")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			input := section(ar, "input")
			unsafe := strings.Contains(string(ar.Comment), "unsafe")
			// The site's default widths (images.Settings), for the photos
			// resolve knows.
			res, err := New(Options{UnsafeHTML: unsafe, ImageWidths: "480,960,1600"}).Render(Doc{File: "content/news/b.md", Path: "news/b.md", Line: 1, Source: []byte(input), Resolve: resolve})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{"html": string(res.HTML), "toc": string(res.TOC), "summary": string(res.Summary)}
			if *update {
				for i := range ar.Files {
					if v, ok := got[ar.Files[i].Name]; ok {
						ar.Files[i].Data = []byte(v + "\n")
						delete(got, ar.Files[i].Name)
					}
				}
				for _, name := range []string{"html", "toc", "summary"} {
					if v, ok := got[name]; ok {
						ar.Files = append(ar.Files, txtar.File{Name: name, Data: []byte(v + "\n")})
					}
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for name, v := range got {
				if want := section(ar, name); strings.TrimSpace(want) != strings.TrimSpace(v) {
					t.Errorf("%s:\n got: %s\nwant: %s", name, v, want)
				}
			}
		})
	}
}

func section(ar *txtar.Archive, name string) string {
	for _, f := range ar.Files {
		if f.Name == name {
			return string(f.Data)
		}
	}
	return ""
}

func TestHeadingID(t *testing.T) {
	tests := map[string]string{
		"公司新闻":                        "公司新闻",
		"Opening Ceremony":            "opening-ceremony",
		"Japanese–Chinese Translator": "japanesechinese-translator",
		"What's new in 2024?":         "whats-new-in-2024",
		"C++ & Go_lang":               "c--go_lang",
		"!!!":                         "heading",
		"日本語とEnglish 混在":              "日本語とenglish-混在",
	}
	for in, want := range tests {
		if got := HeadingID(in); got != want {
			t.Errorf("HeadingID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRenderDetails(t *testing.T) {
	r := New(Options{})
	tests := []struct {
		name, src string
		words     int
		minutes   int
		truncated bool
		headings  []string
	}{
		{"english", "one two three\n\nfour-five six's", 6, 1, false, nil},
		{"chinese", "中日外长通电话讨论合作", 11, 1, false, nil},
		{"mixed", "今天 we met 朋友", 6, 1, false, nil},
		{"code counts", "```\nfunc main() {}\n```", 2, 1, false, nil},
		{"empty", "", 0, 0, false, nil},
		{"unique ids", "## A\n## A\n### 公司新闻\n## A-1", 8, 1, false, []string{"a", "a-1", "公司新闻", "a-1-1"}},
		{"custom id", "## Intro {#start}\n## Start", 2, 1, false, []string{"start", "start-1"}},
		{"long", strings.Repeat("word ", 500), 500, 3, true, nil},
		{"more", "first para\n\n<!--more-->\n\nrest", 3, 1, true, nil},
	}
	for _, tt := range tests {
		res, err := r.Render(Doc{Source: []byte(tt.src)})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if res.WordCount != tt.words || res.ReadingTime != tt.minutes || res.Truncated != tt.truncated {
			t.Errorf("%s: words %d minutes %d truncated %v, want %d %d %v", tt.name, res.WordCount, res.ReadingTime, res.Truncated, tt.words, tt.minutes, tt.truncated)
		}
		var ids []string
		for _, h := range res.Headings {
			ids = append(ids, h.ID)
		}
		if strings.Join(ids, ",") != strings.Join(tt.headings, ",") {
			t.Errorf("%s: ids %v, want %v", tt.name, ids, tt.headings)
		}
	}
}

func TestSummarize(t *testing.T) {
	long := strings.Repeat("alpha ", 200)
	got, cut := Summarize(long)
	if !cut || strings.Count(got, "alpha") != summaryWords || !strings.HasSuffix(got, "alpha…") {
		t.Errorf("english summary has %d words, cut %v: %q", strings.Count(got, "alpha"), cut, got[len(got)-20:])
	}
	cjk := strings.Repeat("汉", 500)
	got, cut = Summarize(cjk)
	if !cut || strings.Count(got, "汉") != summaryCJK {
		t.Errorf("cjk summary has %d characters", strings.Count(got, "汉"))
	}
	mixed := strings.Repeat("汉", 100) + strings.Repeat(" word", 100)
	got, _ = Summarize(mixed)
	if n := strings.Count(got, "word"); n != 60 {
		t.Errorf("half a budget of CJK leaves %d words, want 60", n)
	}
	if got, cut := Summarize("short text."); got != "short text." || cut {
		t.Errorf("short: %q %v", got, cut)
	}
}

func TestLinkToUnpublished(t *testing.T) {
	src := "Intro.\n\nSee [the **plan**](draft.md) soon, and [a](a.md).\n"
	res, err := New(Options{}).Render(Doc{File: "content/news/b.md", Path: "news/b.md", Line: 3, Source: []byte(src), Resolve: resolve})
	if err != nil {
		t.Fatal(err)
	}
	// The link after the unlinked one is still rewritten.
	if want := `<p>See the <strong>plan</strong> soon, and <a href="/news/2020/07/a/">a</a>.</p>`; !strings.Contains(string(res.HTML), want) {
		t.Errorf("html = %s, want %s", res.HTML, want)
	}
	if len(res.Warnings) != 1 || !strings.Contains(diagtest.Slashed(res.Warnings[0].Error()), "content/news/b.md:5:5: link to \"draft.md\": that page is not published") {
		t.Errorf("warnings = %v", res.Warnings)
	}
}

func TestLinkErrors(t *testing.T) {
	src := "# T\n\nSee [the plan](missing.md) and\n[up](../../outside.md#x).\n"
	_, err := New(Options{}).Render(Doc{File: "content/news/b.md", Path: "news/b.md", Line: 5, Source: []byte(src), Resolve: resolve})
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		`content/news/b.md:7:5: link to "missing.md": no such page (looked for content/news/missing.md)`,
		`content/news/b.md:8:1: link to "../../outside.md#x": no such page`,
	} {
		if !strings.Contains(diagtest.Slashed(err.Error()), want) {
			t.Errorf("missing %q in\n%v", want, err)
		}
	}
}

// TestConcurrent renders from many goroutines through one instance; run
// with -race it proves per-document state stays in the parser context.
func TestConcurrent(t *testing.T) {
	r := New(Options{})
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Every transformer and renderer in play: callouts, figures,
			// videos, math, highlighted code, CJK line joining, the
			// summary marker.
			src := strings.Repeat("## Same\n\ntext [a](a.md)\n\n", i+1) +
				"> [!NOTE]\n> n\n\n![x](a.jpg \"c\")\n\nhttps://youtu.be/dQw4w9WgXcQ\n\n$$\nx\n$$\n\n```go {hl_lines=[1]}\nvar x\n```\n\n中文\n中文 <!-- more --> rest\n"
			res, err := r.Render(Doc{Path: "news/b.md", Source: []byte(src), Resolve: resolve})
			if err != nil {
				t.Error(err)
				return
			}
			if len(res.Headings) != i+1 || res.Headings[i].ID != HeadingID("Same")+suffix(i) {
				t.Errorf("goroutine %d: headings %v", i, res.Headings)
			}
			for _, want := range []string{`<aside class="callout callout-note"`, "<figcaption>c</figcaption>", "youtube-nocookie.com/embed/dQw4w9WgXcQ", `<code class="language-math">x`, `<span class="line hl"><span class="cl"><span class="kd">var</span>`, "<p>中文中文</p>\n<p>rest</p>"} {
				if !strings.Contains(string(res.HTML), want) {
					t.Errorf("goroutine %d: no %s in %s", i, want, res.HTML)
				}
			}
			if !res.More || !strings.HasSuffix(string(res.Summary), "<p>中文中文</p>") {
				t.Errorf("goroutine %d: summary %q", i, res.Summary)
			}
		}()
	}
	wg.Wait()
}

func suffix(i int) string {
	if i == 0 {
		return ""
	}
	return "-" + strconv.Itoa(i)
}

var (
	iframeSrc = regexp.MustCompile(`<iframe src="([^"]*)"`)
	// playerURL is every address an embedded player may have: a provider's
	// player and an ID of its strict pattern, nothing else.
	playerURL = regexp.MustCompile(`^https://(` +
		`player\.bilibili\.com/player\.html\?bvid=BV[0-9A-Za-z]{10}&amp;autoplay=0|` +
		`v\.qq\.com/txp/iframe/player\.html\?vid=[0-9a-z]{11}|` +
		`player\.youku\.com/embed/X[0-9A-Za-z]{6,30}={0,2}|` +
		`www\.youtube-nocookie\.com/embed/[0-9A-Za-z_-]{11}|` +
		`player\.vimeo\.com/video/[0-9]{1,12})$`)
	headingTag = regexp.MustCompile(`<h[1-6]([^>]*)>`)
	attribute  = regexp.MustCompile(` ([^ =>]+)="([^"]*)"`)
)

// badHeadingAttribute is an attribute of a heading in html other than its
// id and the classes allowedClass accepts, or "".
func badHeadingAttribute(html string) string {
	for _, tag := range headingTag.FindAllStringSubmatch(html, -1) {
		if rest := attribute.ReplaceAllString(tag[1], ""); rest != "" {
			return rest
		}
		for _, a := range attribute.FindAllStringSubmatch(tag[1], -1) {
			switch a[1] {
			case "id":
			case "class":
				for _, c := range strings.Fields(a[2]) {
					if !allowedClass([]byte(c)) {
						return a[0]
					}
				}
			default:
				return a[0]
			}
		}
	}
	return ""
}

func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"# 标题\n\n正文 [x](a.md#y)\n", "<!--more-->", "| a | b |\n|---|---|\n| 1 | 2 |", "text[^1]\n\n[^1]: note",
		"## A {#a}\n## A", "## H {style=\"position:fixed\" .md-a .b data-x=1}", "[x](../../../x.md)", "<script>x</script>", "- [ ] task\n- [x] done",
		"> a\n>\n> <!--more-->\n>\n> b", "- a\n  - b <!--more-->\n\n    > c <!--more-->", "*a <!--more--> b*\n\nc",
		"中文\n[链接](x)\n*b*\n中文", "AT&amp;T &lt;x&gt; \\* `&amp;`", "<!-- MORE -->", "![a](b.jpg \"c\")", "![o](/images/office.webp) ![o](/images/../images/office.webp)",
		"> [!NOTE]\n> text <!--more-->", "[v](https://youtu.be/dQw4w9WgXcQ)", "https://www.bilibili.com/video/BV1GJ411x7h7",
		"[x](a.mp4)", "Term\n: def", "$$\nx^2\n$$", "$$x$$", "costs $5 and $10",
		"```go {linenos=true hl_lines=[1,\"2-3\"]}\ns := `a\n<b>\nc`\n```", "> ```js\n> a<b && \"</code>\"\n> ```", "- ```yml {hl_lines=9}\n  a: b\n  ```",
	} {
		f.Add(s)
	}
	r := New(Options{})
	f.Fuzz(func(t *testing.T, src string) {
		res, err := r.Render(Doc{File: "f.md", Path: "news/f.md", Line: 1, Source: []byte(src), Resolve: resolve})
		if err != nil {
			return
		}
		// What the nesting check let through, goldmark nests no deeper
		// than the check bounded.
		checkBound(t, r, src)
		if strings.Contains(string(res.HTML), "<script") {
			t.Fatalf("raw script kept without unsafeHTML: %q", res.HTML)
		}
		if bad := badHeadingAttribute(string(res.HTML)); bad != "" {
			t.Fatalf("heading attribute %q kept without unsafeHTML: %q", bad, res.HTML)
		}
		for _, m := range iframeSrc.FindAllStringSubmatch(string(res.HTML), -1) {
			if !playerURL.MatchString(m[1]) {
				t.Fatalf("iframe of %q: %q", m[1], res.HTML)
			}
		}
		if err := balanced(string(res.HTML)); err != nil {
			t.Fatalf("html %q: %v", res.HTML, err)
		}
		if res.More {
			if err := balanced(string(res.Summary)); err != nil {
				t.Fatalf("summary %q: %v", res.Summary, err)
			}
		}
		seen := map[string]bool{}
		for _, h := range res.Headings {
			if seen[h.ID] {
				t.Fatalf("duplicate id %q", h.ID)
			}
			seen[h.ID] = true
		}
	})
}

func TestAutoSummaryText(t *testing.T) {
	r := New(Options{})
	tests := []struct{ src, want string }{
		{"## Title\n\nFirst para.\n\n- item one\n- item two\n\nSecond para.", "First para. Second para."},
		{"第一段。\n\n第二段，\n继续。", "第一段。第二段，继续。"},
		{"Line one\nline two.\n\n```\ncode\n```\n\n| a |\n|---|\n| b |\n\nEnd[^1].\n\n[^1]: note", "Line one line two. End."},
	}
	for _, tt := range tests {
		res, err := r.Render(Doc{Source: []byte(tt.src)})
		if err != nil {
			t.Fatal(err)
		}
		if string(res.Summary) != tt.want {
			t.Errorf("summary of %q = %q, want %q", tt.src, res.Summary, tt.want)
		}
	}
}

// TestIsCJK checks the code-point ranges against Unicode's script tables.
func TestIsCJK(t *testing.T) {
	tables := []*unicode.RangeTable{unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul}
	for r := rune(0); r <= 0x3134F; r++ {
		want := unicode.In(r, tables...) && (unicode.IsLetter(r) || r == 0x3007)
		if got := isCJK(r); got != want && want {
			t.Fatalf("isCJK(%U) = %v, want %v", r, got, want)
		}
	}
	for _, r := range "abcZ09 ,.é—“”" {
		if isCJK(r) {
			t.Errorf("isCJK(%q) = true", r)
		}
	}
}

// benchArticle is a long article with the constructs of a news site.
func benchArticle() []byte {
	var b strings.Builder
	for i := range 12 {
		fmt.Fprintf(&b, "## 第%d部分 Part %d\n\n", i, i)
		b.WriteString("中日两国外长通电话，讨论后疫情时代的双边合作。The ministers spoke for an hour about exchanges, trade and culture, and agreed to meet again.[^1] 双方同意继续推进人员往来。\n\n")
		b.WriteString("- first point of the day\n- second point, with **bold** text\n- 第三点\n\n")
		b.WriteString("| Item | Count |\n|---|---:|\n| visits | 12 |\n| 会议 | 3 |\n\n")
		b.WriteString("See [the other article](a.md#公司新闻) and ![a photo](photo.jpg).\n\n")
	}
	b.WriteString("[^1]: A footnote.\n")
	return []byte(b.String())
}

func BenchmarkRender(b *testing.B) {
	r := New(Options{})
	src := benchArticle()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Render(Doc{File: "content/news/b.md", Path: "news/b.md", Line: 1, Source: src, Resolve: resolve}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestMoreInContainers: a <!--more--> inside a quote, a list or any other
// container ends the summary after the top-level block that holds it, so
// the summary closes every element it opens.
func TestMoreInContainers(t *testing.T) {
	tests := []struct {
		name, src, html, summary string
		unsafe, more, truncated  bool
	}{
		{name: "blockquote", src: "> a\n>\n> <!--more-->\n>\n> b\n\nafter",
			html:    "<blockquote>\n<p>a</p>\n<p>b</p>\n</blockquote>\n<p>after</p>\n",
			summary: "<blockquote>\n<p>a</p>\n<p>b</p>\n</blockquote>", more: true, truncated: true},
		{name: "inline in blockquote", src: "> a <!--more--> b\n\nafter",
			html:    "<blockquote>\n<p>a  b</p>\n</blockquote>\n<p>after</p>\n",
			summary: "<blockquote>\n<p>a  b</p>\n</blockquote>", more: true, truncated: true},
		{name: "list item", src: "- a\n- b <!--more-->\n- c\n\nafter",
			html:    "<ul>\n<li>a</li>\n<li>b</li>\n<li>c</li>\n</ul>\n<p>after</p>\n",
			summary: "<ul>\n<li>a</li>\n<li>b</li>\n<li>c</li>\n</ul>", more: true, truncated: true},
		{name: "nested list", src: "1. a\n   - b\n\n     <!--more-->\n\n     c\n2. d\n\nafter",
			html:    "<ol>\n<li>a\n<ul>\n<li>\n<p>b</p>\n<p>c</p>\n</li>\n</ul>\n</li>\n<li>d</li>\n</ol>\n<p>after</p>\n",
			summary: "<ol>\n<li>a\n<ul>\n<li>\n<p>b</p>\n<p>c</p>\n</li>\n</ul>\n</li>\n<li>d</li>\n</ol>", more: true, truncated: true},
		{name: "blockquote in list", src: "- item\n\n  > q\n  >\n  > <!--more-->\n  >\n  > r\n\nafter",
			html:    "<ul>\n<li>\n<p>item</p>\n<blockquote>\n<p>q</p>\n<p>r</p>\n</blockquote>\n</li>\n</ul>\n<p>after</p>\n",
			summary: "<ul>\n<li>\n<p>item</p>\n<blockquote>\n<p>q</p>\n<p>r</p>\n</blockquote>\n</li>\n</ul>", more: true, truncated: true},
		{name: "emphasis", src: "Lead.\n\n*a <!--more--> b*\n\nafter",
			html:    "<p>Lead.</p>\n<p><em>a  b</em></p>\n<p>after</p>\n",
			summary: "<p>Lead.</p>\n<p><em>a  b</em></p>", more: true, truncated: true},
		{name: "heading", src: "## Title <!--more-->\n\nafter",
			html:    "<h2 id=\"title\">Title</h2>\n<p>after</p>\n",
			summary: "<h2 id=\"title\">Title</h2>", more: true, truncated: true},
		{name: "last block", src: "Lead.\n\n> end <!--more-->",
			html:    "<p>Lead.</p>\n<blockquote>\n<p>end</p>\n</blockquote>\n",
			summary: "<p>Lead.</p>\n<blockquote>\n<p>end</p>\n</blockquote>", more: true},
		{name: "top-level paragraph", src: "Lead <!--more--> rest.\n\n<!--more-->\n\nafter",
			html:    "<p>Lead</p>\n<p>rest.</p>\n<!-- raw HTML omitted -->\n<p>after</p>\n",
			summary: "<p>Lead</p>", more: true, truncated: true},
		// Raw HTML that holds the marker is no marker: the summary never
		// ends inside the author's <div>.
		{name: "unsafe div", src: "<div>\n<!--more-->\n</div>\n\ntext", unsafe: true,
			html:    "<div>\n<!--more-->\n</div>\n<p>text</p>\n",
			summary: "text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := New(Options{UnsafeHTML: tt.unsafe}).Render(Doc{Source: []byte(tt.src)})
			if err != nil {
				t.Fatal(err)
			}
			if string(res.HTML) != tt.html {
				t.Errorf("html:\n got %q\nwant %q", res.HTML, tt.html)
			}
			if string(res.Summary) != tt.summary || res.More != tt.more || res.Truncated != tt.truncated {
				t.Errorf("summary %q more %v truncated %v\nwant    %q more %v truncated %v", res.Summary, res.More, res.Truncated, tt.summary, tt.more, tt.truncated)
			}
			if err := balanced(string(res.Summary)); err != nil {
				t.Errorf("summary %q: %v", res.Summary, err)
			}
		})
	}
}

// voidElements are the elements goldmark writes without an end tag.
var voidElements = map[string]bool{"br": true, "hr": true, "img": true, "input": true}

// balanced reports the first tag of html that does not close the element
// opened last, or an element left open. It reads HTML as goldmark writes
// it: attribute values and text hold no "<" or ">".
func balanced(html string) error {
	var open []string
	for i := 0; i < len(html); i++ {
		if html[i] != '<' {
			continue
		}
		rest := html[i:]
		if strings.HasPrefix(rest, "<!--") {
			end := strings.Index(rest, "-->")
			if end < 0 {
				return fmt.Errorf("comment at %d not closed", i)
			}
			i += end + 2
			continue
		}
		end := strings.IndexByte(rest, '>')
		if end < 0 {
			return fmt.Errorf("tag at %d not closed", i)
		}
		tag := rest[1:end]
		i += end
		if name, ok := strings.CutPrefix(tag, "/"); ok {
			if len(open) == 0 || open[len(open)-1] != name {
				return fmt.Errorf("</%s> at %d closes %v", name, i-end, open)
			}
			open = open[:len(open)-1]
			continue
		}
		name, _, _ := strings.Cut(tag, " ")
		if !voidElements[name] {
			open = append(open, name)
		}
	}
	if len(open) > 0 {
		return fmt.Errorf("left open: %v", open)
	}
	return nil
}

// TestPlainTextEscapedOnce: the text of an automatic summary, of a heading
// and of the table of contents is what the reader sees (entities and
// backslash escapes decoded, code as written), escaped once as HTML.
func TestPlainTextEscapedOnce(t *testing.T) {
	src := "## AT&amp;T &lt;x&gt;\n\n## a < b & \\*c\\*\n\n" +
		"Read &lt;http&gt; at AT&amp;T: a < b & c, `<b>` and `&amp;` in code, \\*not\\* &copy; &#169;.\n"
	res, err := New(Options{}).Render(Doc{Source: []byte(src)})
	if err != nil {
		t.Fatal(err)
	}
	if want := "Read &lt;http&gt; at AT&amp;T: a &lt; b &amp; c, &lt;b&gt; and &amp;amp; in code, *not* © ©."; string(res.Summary) != want {
		t.Errorf("summary\n got %q\nwant %q", res.Summary, want)
	}
	if want := `<ul><li><a href="#att-x">AT&amp;T &lt;x&gt;</a></li><li><a href="#a--b--c">a &lt; b &amp; *c*</a></li></ul>`; string(res.TOC) != want {
		t.Errorf("toc\n got %q\nwant %q", res.TOC, want)
	}
	if got := res.Headings[0].Text + "|" + res.Headings[1].Text; got != "AT&T <x>|a < b & *c*" {
		t.Errorf("heading texts %q", got)
	}
}

// TestMoreSpellings: the marker is a comment saying "more", in any case,
// with or without spaces inside, as a block of its own or within a line.
func TestMoreSpellings(t *testing.T) {
	tests := []struct{ src, html, summary string }{
		{"Lead.\n\n<!-- more -->\n\nRest.", "<p>Lead.</p>\n<p>Rest.</p>\n", "<p>Lead.</p>"},
		{"Lead.\n\n<!-- MORE -->\n\nRest.", "<p>Lead.</p>\n<p>Rest.</p>\n", "<p>Lead.</p>"},
		{"Lead.\n\n<!--More-->\n\nRest.", "<p>Lead.</p>\n<p>Rest.</p>\n", "<p>Lead.</p>"},
		{"Lead.\n\n<!--  more\t-->\n\nRest.", "<p>Lead.</p>\n<p>Rest.</p>\n", "<p>Lead.</p>"},
		{"Lead. <!-- More --> Rest.", "<p>Lead.</p>\n<p>Rest.</p>\n", "<p>Lead.</p>"},
		{"> Lead.\n>\n> <!-- MORE -->\n\nRest.", "<blockquote>\n<p>Lead.</p>\n</blockquote>\n<p>Rest.</p>\n", "<blockquote>\n<p>Lead.</p>\n</blockquote>"},
		// Other comments are no marker.
		{"Lead.\n\n<!-- more to come -->\n\nRest.", "<p>Lead.</p>\n<!-- raw HTML omitted -->\n<p>Rest.</p>\n", "Lead. Rest."},
		{"Lead.\n\n<!-- moreover -->\n\nRest.", "<p>Lead.</p>\n<!-- raw HTML omitted -->\n<p>Rest.</p>\n", "Lead. Rest."},
	}
	r := New(Options{})
	for _, tt := range tests {
		res, err := r.Render(Doc{Source: []byte(tt.src)})
		if err != nil {
			t.Fatal(err)
		}
		if string(res.HTML) != tt.html || string(res.Summary) != tt.summary || res.More != (tt.summary[0] == '<') {
			t.Errorf("%q:\n got %q, summary %q, more %v\nwant %q, summary %q", tt.src, res.HTML, res.Summary, res.More, tt.html, tt.summary)
		}
	}
}
