package jekyll

import (
	"testing"
	"unicode/utf8"

	"github.com/bulletin-ssg/bulletin/internal/importer"
)

// FuzzConvert converts any body without a panic, and valid UTF-8 stays
// valid.
func FuzzConvert(f *testing.F) {
	for _, s := range []string{"{% highlight ruby %}x{% endhighlight %}", "{% raw %}{{ x }}{% endraw %}", "{{ site.baseurl }}/a", "{% post_url 2020-01-01-a %}", "{% include youtube.html id=x %}", "{% if a %}b{% endif %}"} {
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
