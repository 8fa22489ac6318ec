package markdown

import (
	"strings"
	"testing"

	"github.com/bulletin-ssg/bulletin/internal/images"
)

// Photos of the site become pictures with every variant; the first of a
// document is fetched first, the others lazily; anything else stays an
// <img> as written.
func TestPictures(t *testing.T) {
	photo := images.Info{Format: images.JPEG, Width: 4000, Height: 3000, Orientation: 1}
	small := images.Info{Format: images.PNG, Width: 600, Height: 300, Orientation: 1}
	infos := map[string]images.Info{
		"news/images/a.jpg":    photo,
		"news/launch/team.png": small,
		"news/anim.gif":        {Format: images.GIF, Width: 10, Height: 10, Orientation: 1},
		"news/images/b c.jpg":  photo,
		"/images/team.jpg":     photo, // a file of assets/, published at the site's root
		"/images/b c.png":      small,
	}
	urls := map[string]string{"news/images/a.jpg": "/news/images/a.jpg", "news/images/b c.jpg": "/news/images/b%20c.jpg"}
	res := func(target string) (string, Found) {
		if img, ok := IsImageTarget(target); ok {
			info, ok := infos[img]
			if !ok {
				return "", Missing
			}
			return info.String(), Published
		}
		if u, ok := urls[target]; ok {
			return u, Published
		}
		return resolve(target)
	}
	const sizes = `" sizes="` + ArticleSizes + `"`
	bigJPEG := `<img src="/news/images/a_1600w.jpg" srcset="/news/images/a_480w.jpg 480w, /news/images/a_960w.jpg 960w, /news/images/a_1600w.jpg 1600w` + sizes + ` width="1600" height="1200"`
	bigWebP := `<source type="image/webp" srcset="/news/images/a_480w.webp 480w, /news/images/a_960w.webp 960w, /news/images/a_1600w.webp 1600w` + sizes + `>`
	tests := []struct {
		name, path, bundle, in string
		widths                 string
		want                   []string
		not                    []string
	}{
		{name: "first photo", path: "news/x.md", in: "![The *new* office](images/a.jpg)", widths: "480,960,1600",
			want: []string{`<picture>` + bigWebP + bigJPEG + ` alt="The new office" decoding="async" fetchpriority="high"></picture>`}},
		{name: "second is lazy", path: "news/x.md", in: "![a](images/a.jpg)\n\n![b](images/a.jpg \"Title & more\")", widths: "480,960,1600",
			want: []string{`fetchpriority="high"`, `<figure><picture>`, ` alt="b" decoding="async" loading="lazy"></picture><figcaption>Title &amp; more</figcaption></figure>`}},
		{name: "bundle file stays relative", path: "news/launch/index.md", bundle: "news/launch", in: "![t](team.png)", widths: "480,960,1600",
			want: []string{`<source type="image/webp" srcset="team_480w.webp 480w, team_600w.webp 600w"`, `<img src="team_600w.png" srcset="team_480w.png 480w, team_600w.png 600w"`, `width="600" height="300"`}},
		{name: "escaped name", path: "news/x.md", in: "![b](images/b%20c.jpg)", widths: "480",
			want: []string{`src="/news/images/b%20c_480w.jpg"`}},
		{name: "gif as written", path: "news/x.md", in: "![g](anim.gif)", widths: "480",
			want: []string{`<img src="/news/anim.gif" alt="g">`}, not: []string{"<picture>"}},
		{name: "another site", path: "news/x.md", in: "![e](https://x.example/a.jpg)", widths: "480",
			want: []string{`<img src="https://x.example/a.jpg" alt="e">`}, not: []string{"<picture>"}},
		{name: "no widths: as written", path: "news/x.md", in: "![a](images/a.jpg)", widths: "",
			want: []string{`<img src="/news/images/a.jpg" alt="a">`}, not: []string{"<picture>"}},
		{name: "unknown file", path: "news/x.md", in: "![m](images/missing.jpg)", widths: "480",
			want: []string{`<img src="images/missing.jpg" alt="m">`}},
		{name: "from the site's root", path: "news/x.md", in: "![t](/images/team.jpg)", widths: "480,960,1600",
			want: []string{`<source type="image/webp" srcset="/images/team_480w.webp 480w, /images/team_960w.webp 960w, /images/team_1600w.webp 1600w"`,
				`<img src="/images/team_1600w.jpg" srcset="/images/team_480w.jpg 480w, /images/team_960w.jpg 960w, /images/team_1600w.jpg 1600w` + sizes + ` width="1600" height="1200" alt="t" decoding="async" fetchpriority="high">`}},
		{name: "from the root, in a bundle", path: "news/launch/index.md", bundle: "news/launch", in: "![t](team.png)\n\n![u](/images/team.jpg)", widths: "480",
			want: []string{`<img src="team_480w.png"`, `<img src="/images/team_480w.jpg" srcset="/images/team_480w.jpg 480w` + sizes + ` width="480" height="360" alt="u" decoding="async" loading="lazy">`}},
		{name: "from the root, cleaned, name escaped", path: "x.md", in: "![b](/images/./b%20c.png)", widths: "480",
			want: []string{`<img src="/images/./b%20c_480w.png"`}},
		{name: "from the root, unknown", path: "news/x.md", in: "![m](/images/missing.jpg)", widths: "480",
			want: []string{`<img src="/images/missing.jpg" alt="m">`}, not: []string{"<picture>"}},
		{name: "another host's root", path: "news/x.md", in: "![e](//cdn.example/images/team.jpg)", widths: "480",
			want: []string{`<img src="//cdn.example/images/team.jpg" alt="e">`}, not: []string{"<picture>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := New(Options{ImageWidths: tt.widths})
			out, err := r.Render(Doc{File: "content/" + tt.path, Path: tt.path, Bundle: tt.bundle, Line: 1, Source: []byte(tt.in), Resolve: res})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(out.HTML), w) {
					t.Errorf("missing %s\nin %s", w, out.HTML)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(string(out.HTML), n) {
					t.Errorf("has %s: %s", n, out.HTML)
				}
			}
		})
	}
}
