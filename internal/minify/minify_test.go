package minify

import (
	"strings"
	"testing"
)

func TestFile(t *testing.T) {
	for _, tt := range []struct {
		name, in, want string
	}{
		{"css/style.css", "body {\n  color: #ff0000;\n  margin: 0px;\n}\n/* a comment */\n", "body{color:red;margin:0}"},
		{"js/a.js", "// comment\nfunction add(a, b) {\n  return a + b;\n}\n", "function add(e,t){return e+t}"},
		{"icon.SVG", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">\n  <!-- a square -->\n  <rect x=\"0\" y=\"0\" width=\"10\" height=\"10\"/>\n</svg>\n", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect x="0" y="0" width="10" height="10"/></svg>`},
		{"index.html", "<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<title>公司新闻</title>\n</head>\n<body>\n  <p class=\"a\">  Hello   world  </p>\n<pre>  keep\n  this</pre>\n</body>\n</html>\n",
			`<!doctype html><html lang="zh-CN"><head><title>公司新闻</title></head><body><p class="a">Hello world</p><pre>  keep
  this</pre></body></html>`},
		{"feed.json", "{\n  \"a\": [1, 2]\n}\n", `{"a":[1,2]}`},
		{"sitemap.xml", "<?xml version=\"1.0\"?>\n<urlset>\n  <url>\n    <loc>https://x/</loc>\n  </url>\n</urlset>\n", `<?xml version="1.0"?><urlset><url><loc>https://x/</loc></url></urlset>`},
		{"photo.png", "not text", "not text"},
	} {
		got, err := File(tt.name, []byte(tt.in))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if strings.TrimSpace(string(got)) != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

func TestIsAsset(t *testing.T) {
	for name, want := range map[string]bool{"css/a.css": true, "js/a.JS": true, "a.mjs": true, "i.svg": true, "f.woff2": false, "logo.png": false, "a.html": false} {
		if IsAsset(name) != want {
			t.Errorf("IsAsset(%q) = %v", name, !want)
		}
	}
}
