package hexo

import (
	"testing"
	"unicode/utf8"

	"github.com/bulletin-ssg/bulletin/internal/importer"
)

// FuzzConvert converts any body without a panic, and valid UTF-8 stays
// valid.
func FuzzConvert(f *testing.F) {
	for _, s := range []string{"{% asset_img a.png t %}", "{% codeblock x lang:go %}a{% endcodeblock %}", "{% blockquote A, B http://x %}q{% endblockquote %}", "{% note info %}{% post_link a %}{% endnote %}", "{% img cls /a.png 1 2 '\"t\" \"a\"' %}", "{% youtube x playlist %}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		r := &reader{}
		src := &importer.Source{Convert: r.convert}
		p := &importer.Post{File: "a.md", Name: "a", Body: body, BodyLine: 1}
		out := importer.ConvertAlone(src, p)
		if utf8.ValidString(body) && !utf8.ValidString(out) {
			t.Fatalf("%q became invalid UTF-8: %q", body, out)
		}
	})
}
