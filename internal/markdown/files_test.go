package markdown

import (
	"strings"
	"testing"
)

// Relative links and images that name files of content/ are read from
// the Markdown file's folder and become the URLs the files are published
// at; a bundle's own files, anything the resolver does not know, and
// anything that is not a file path stay as written.
func TestFileRefs(t *testing.T) {
	files := map[string]string{
		"news/images/a.png":   "/news/images/a.png",
		"news/files/a b.pdf":  "/news/files/a%20b.pdf",
		"images/logo.png":     "/images/logo.png",
		"news/launch/c.png":   "/news/2020/09/launch/c.png",
		"news/2020/local.png": "/news/2020/local.png",
	}
	resolveFiles := func(target string) (string, Found) {
		if u, ok := files[target]; ok {
			return u, Published
		}
		return resolve(target)
	}
	tests := []struct {
		path, bundle, in, want string
	}{
		{"news/2020-07-30-x.md", "", "![a](images/a.png)", `<img src="/news/images/a.png" alt="a">`},
		{"news/2020-07-30-x.md", "", "[pdf](files/a%20b.pdf?dl=1#p2)", `<a href="/news/files/a%20b.pdf?dl=1#p2">pdf</a>`},
		{"news/2020-07-30-x.md", "", "![l](../images/logo.png)", `<img src="/images/logo.png" alt="l">`},
		{"news/2020/y.md", "", "![a](../images/a.png) ![l](./local.png)", `<img src="/news/images/a.png" alt="a"> <img src="/news/2020/local.png" alt="l">`},
		{"news/2020-07-30-x.md", "", "![c](launch/c.png)", `<img src="/news/2020/09/launch/c.png" alt="c">`},
		{"news/launch/index.md", "news/launch", "![c](c.png) ![a](../images/a.png)", `<img src="c.png" alt="c"> <img src="/news/images/a.png" alt="a">`},
		{"news/2020-07-30-x.md", "", "![m](images/missing.png)", `<img src="images/missing.png" alt="m">`},
		{"news/2020-07-30-x.md", "", "![o](../../outside.png)", `<img src="../../outside.png" alt="o">`},
		{"news/2020-07-30-x.md", "", "[up](../) [q](?x=1) [f](#top) [abs](/images/logo.png) [ext](https://x.example/images/a.png)",
			`<a href="../">up</a> <a href="?x=1">q</a> <a href="#top">f</a> <a href="/images/logo.png">abs</a> <a href="https://x.example/images/a.png">ext</a>`},
		{"news/2020-07-30-x.md", "", "[mail](mailto:a@example.com) [page](a.md)", `<a href="mailto:a@example.com">mail</a> <a href="/news/2020/07/a/">page</a>`},
	}
	r := New(Options{})
	for _, tt := range tests {
		res, err := r.Render(Doc{File: "content/" + tt.path, Path: tt.path, Bundle: tt.bundle, Line: 1, Source: []byte(tt.in), Resolve: resolveFiles})
		if err != nil {
			t.Errorf("%s: %v", tt.in, err)
			continue
		}
		if got := strings.TrimSpace(string(res.HTML)); got != "<p>"+tt.want+"</p>" {
			t.Errorf("%s in %s:\n got %s\nwant <p>%s</p>", tt.in, tt.path, got, tt.want)
		}
	}
}
