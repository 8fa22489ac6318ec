package build

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/bulletin-ssg/bulletin/internal/diag/diagtest"
)

func TestFavicon(t *testing.T) {
	var icon bytes.Buffer
	png.Encode(&icon, image.NewGray(image.Rect(0, 0, 64, 64)))
	builtinICO, err := os.ReadFile("../../assets/favicon.ico")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		setting string
		files   map[string]string
		link    string // the icon link's href, fingerprint as {hash}
		ico     string // "builtin", "made", "copied", "own" or "none"
		err     string
	}{
		{name: "built-in", link: "/favicon.{hash}.svg", ico: "builtin"},
		{name: "png", setting: "images/icon.png", files: map[string]string{"assets/images/icon.png": icon.String()}, link: "/images/icon.{hash}.png", ico: "made"},
		{name: "svg", setting: "/brand.svg", files: map[string]string{"assets/brand.svg": `<svg xmlns="http://www.w3.org/2000/svg"/>`}, link: "/brand.{hash}.svg", ico: "none"},
		{name: "ico", setting: "brand.ico", files: map[string]string{"assets/brand.ico": "an ico"}, link: "/brand.{hash}.ico", ico: "copied"},
		{name: "own favicon.ico kept", setting: "images/icon.png", files: map[string]string{"assets/images/icon.png": icon.String(), "assets/favicon.ico": "the site's"}, link: "/images/icon.{hash}.png", ico: "own"},
		{name: "missing", setting: "nothere.png", err: `content/_index.md:3:10: favicon: "nothere.png" is not a file under assets/`},
		{name: "not an image", setting: "fake.png", files: map[string]string{"assets/fake.png": "text"}, err: `favicon: fake.png: not a valid PNG image`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			settings := "---\ntitle: Site\n"
			if tc.setting != "" {
				settings += "favicon: " + tc.setting + "\n"
			}
			src := fstest.MapFS{"content/_index.md": {Data: []byte(settings + "---\n")}}
			for name, data := range tc.files {
				src[name] = &fstest.MapFile{Data: []byte(data)}
			}
			sink, err := buildFS(t, src, Options{})
			if tc.err != "" {
				if err == nil || !strings.Contains(diagtest.Slashed(err.Error()), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			pattern := regexp.QuoteMeta(`<link rel="icon" href="` + tc.link + `">`)
			pattern = strings.ReplaceAll(pattern, `\{hash\}`, `[0-9a-f]{8}`)
			if !regexp.MustCompile(pattern).Match(sink.files["index.html"]) {
				t.Errorf("the home page does not link %s", tc.link)
			}
			ico, has := sink.files["favicon.ico"]
			switch tc.ico {
			case "none":
				if has {
					t.Error("favicon.ico published beside an SVG icon")
				}
			case "builtin":
				if !bytes.Equal(ico, builtinICO) {
					t.Error("favicon.ico is not the built-in one")
				}
			case "copied":
				if string(ico) != "an ico" {
					t.Errorf("favicon.ico is %q", ico)
				}
			case "own":
				if string(ico) != "the site's" {
					t.Errorf("favicon.ico is %q", ico)
				}
			case "made":
				if !bytes.HasPrefix(ico, []byte{0, 0, 1, 0, 3, 0}) || bytes.Equal(ico, builtinICO) {
					t.Errorf("favicon.ico was not made from the icon: % x", ico[:min(6, len(ico))])
				}
			}
		})
	}
}

// TestLogoSize: the header's logo has the size of its image, so the
// header does not move as it loads; a logo bulletin cannot read (an SVG)
// has none.
func TestLogoSize(t *testing.T) {
	var logo bytes.Buffer
	png.Encode(&logo, image.NewGray(image.Rect(0, 0, 120, 40)))
	for _, tc := range []struct{ logo, file, want string }{
		{"images/logo.png", logo.String(), `<img class="brand__logo" src="/images/logo.[0-9a-f]{8}.png" width="120" height="40" alt="">`},
		{"logo.svg", `<svg xmlns="http://www.w3.org/2000/svg"/>`, `<img class="brand__logo" src="/logo.[0-9a-f]{8}.svg" alt="">`},
	} {
		src := fstest.MapFS{
			"content/_index.md": {Data: []byte("---\ntitle: Site\nlogo: " + tc.logo + "\n---\n")},
			"assets/" + tc.logo: {Data: []byte(tc.file)},
		}
		sink, err := buildFS(t, src, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile(tc.want).Match(sink.files["index.html"]) {
			t.Errorf("%s: the header lacks %s", tc.logo, tc.want)
		}
	}
}
