package markdown

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/bulletin-ssg/bulletin/internal/diag"
)

// Raw HTML the site drops, and other generators' template tags left in
// the text, are warnings at their place; code, comments, closing tags
// and raw HTML the site keeps are not.
func TestForeignWarnings(t *testing.T) {
	tests := []struct {
		name   string
		unsafe bool
		in     string
		want   []string // "line:col code message"
	}{
		{"video block and inline tags", false,
			"Intro.\n\n<video src=\"a.mp4\" controls>\n</video>\n\nA <br> b <br/> c <span class=\"x\">d</span>.\n",
			[]string{
				"3:1 raw-html raw HTML dropped: <video …>; set unsafeHTML: true in content/_index.md to keep it",
				"6:3 raw-html raw HTML dropped: <br> (and 1 more <br> in this file); set unsafeHTML: true in content/_index.md to keep it",
				"6:18 raw-html raw HTML dropped: <span …>; set unsafeHTML: true in content/_index.md to keep it",
			}},
		{"kept with unsafeHTML", true, "<video src=\"a.mp4\"></video>\n\nA <br> b.\n", nil},
		{"comments, more and closing tags", false, "Lead.\n\n<!--more-->\n\n<!-- note -->\n\nText </span> here.\n", nil},
		{"indented block in a list", false, "- item\n\n  <div class=\"box\">\n  x\n  </div>\n", []string{
			"3:3 raw-html raw HTML dropped: <div …>; set unsafeHTML: true in content/_index.md to keep it",
		}},
		{"Hexo and Jekyll tags", false,
			"{% asset_img slug_one.jpg \"A title\" %}\n\nSee {% post_link hello %} and {%- raw -%}x{% endraw %}.\n\n{% highlight ruby %}\nputs 1\n{% endhighlight %}\n",
			[]string{
				"1:1 foreign-tag Hexo/Jekyll tag left in the text: {% asset_img … %} (bulletin shows it as written)",
				"3:5 foreign-tag Hexo/Jekyll tag left in the text: {% post_link … %} (bulletin shows it as written)",
				"3:31 foreign-tag Hexo/Jekyll tag left in the text: {% raw %} (bulletin shows it as written)",
				"5:1 foreign-tag Hexo/Jekyll tag left in the text: {% highlight … %} (bulletin shows it as written)",
			}},
		{"Hugo shortcodes, one holding a tag", false,
			"{{< youtube w7Ft2ymGmfc >}}\n\n{{% notice info %}}\nBe careful.\n{{% /notice %}}\n\n{{<figure src=\"a.png\">}}\n",
			[]string{
				"1:1 foreign-tag Hugo shortcode left in the text: {{< youtube … >}} (bulletin shows it as written)",
				"3:1 foreign-tag Hugo shortcode left in the text: {{% notice … %}} (bulletin shows it as written)",
				"7:1 foreign-tag Hugo shortcode left in the text: {{< figure … >}} (bulletin shows it as written)",
			}},
		{"WordPress caption", false,
			"[caption id=\"attachment_1\" align=\"alignnone\" width=\"300\"]![a](a.png) A photo[/caption]\n\nA [captioned] word.\n",
			[]string{
				"1:1 foreign-tag WordPress shortcode left in the text: [caption …] (bulletin shows it as written)",
			}},
		{"in code, not warned", false,
			"Write `{% raw %}` or `{{< x >}}`.\n\n```\n{% include a.html %}\n<video>\n```\n\n    {{% indented %}}\n",
			nil},
		{"template text that is no tag", false, "Set {x} and {{ page.title }} and {% unclosed\n\nand 50% off}.\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := New(Options{UnsafeHTML: tt.unsafe}).Render(Doc{File: "content/news/b.md", Path: "news/b.md", Line: 1, Source: []byte(tt.in), Resolve: resolve})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range res.Warnings {
				var d *diag.Error
				if !errors.As(w, &d) {
					t.Fatalf("warning without a place: %v", w)
				}
				got = append(got, fmt.Sprintf("%d:%d %s %s", d.Line, d.Col, d.Code, d.Msg))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
