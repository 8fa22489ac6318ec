package build

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/bulletin-ssg/bulletin"
	"github.com/bulletin-ssg/bulletin/internal/filesum"
	"github.com/bulletin-ssg/bulletin/internal/images"
)

// phonePhoto is a JPEG as a phone writes it: stored on its side, 64×48
// with EXIF orientation 6 (shown 48×64), and a GPS position in its EXIF.
func phonePhoto(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for i := range img.Pix {
		img.Pix[i] = byte(i)
	}
	img.SetRGBA(0, 0, color.RGBA{255, 0, 0, 255})
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	exif := []byte("Exif\x00\x00II*\x00\x08\x00\x00\x00\x01\x00\x12\x01\x03\x00\x01\x00\x00\x00\x06\x00\x00\x00\x00\x00\x00\x00GPS 31.2304N")
	seg := binary.BigEndian.AppendUint16([]byte{0xFF, 0xE1}, uint16(len(exif)+2))
	return append(append(append([]byte{0xFF, 0xD8}, seg...), exif...), b.Bytes()[2:]...)
}

// TestImagesPublished builds a site with a phone's photo in a bundle: the
// page shows a picture of every variant, upright (taller than wide), and
// nothing published carries the GPS position.
func TestImagesPublished(t *testing.T) {
	src := fstest.MapFS{
		"content/_index.md":             {Data: []byte("---\ntitle: Site\nbaseURL: https://news.example.com/\nimages: {widths: [20, 40]}\n---\n")},
		"content/news/launch/index.md":  {Data: []byte("---\ntitle: Launch\ndate: 2026-11-01\ncover: photo.jpg\n---\n\n![Our team](photo.jpg)\n\n![Again](photo.jpg)\n")},
		"content/news/launch/photo.jpg": {Data: phonePhoto(t)},
		"content/news/launch/fake.png":  {Data: []byte("not a png")},
	}
	sink, err := buildFS(t, src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var page string
	for name, data := range sink.files {
		if strings.HasSuffix(name, "launch/index.html") {
			page = string(data)
		}
		if bytes.Contains(data, []byte("GPS")) {
			t.Errorf("%s carries the GPS position", name)
		}
	}
	dir := "news/launch/"
	for _, want := range []string{"photo.jpg", "photo_20w.jpg", "photo_40w.jpg", "photo_20w.webp", "photo_40w.webp", "photo_48w.jpg", "fake.png"} {
		if _, ok := sink.files[dir+want]; !ok {
			t.Errorf("%s%s not published", dir, want)
		}
	}
	for _, want := range []string{
		// The cover: upright, fetched first; link previews get the full-size JPEG.
		`<figure class="article__cover"><picture><source type="image/webp" srcset="/news/launch/photo_20w.webp 20w, /news/launch/photo_40w.webp 40w"`,
		`<img src="/news/launch/photo_40w.jpg" srcset="/news/launch/photo_20w.jpg 20w, /news/launch/photo_40w.jpg 40w" sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)" width="40" height="53" alt="Launch" decoding="async" fetchpriority="high"></picture></figure>`,
		`<meta property="og:image" content="https://news.example.com/news/launch/photo_48w.jpg">`,
		`"image":["https://news.example.com/news/launch/photo_48w.jpg"]`,
		// The Markdown's photos.
		`<picture><source type="image/webp" srcset="photo_20w.webp 20w, photo_40w.webp 40w"`,
		`<img src="photo_40w.jpg" srcset="photo_20w.jpg 20w, photo_40w.jpg 40w"`,
		`width="40" height="53" alt="Our team" decoding="async" fetchpriority="high">`,
		`alt="Again" decoding="async" loading="lazy">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if list := string(sink.files["news/index.html"]); !strings.Contains(list, `<picture class="entry__picture"><source type="image/webp" srcset="/news/launch/photo_20w.webp 20w, /news/launch/photo_40w.webp 40w" sizes="(min-width: 40em) 10rem, calc(100vw - 2rem)">`) ||
		!strings.Contains(list, `loading="lazy"`) {
		t.Errorf("the section's list does not show the cover as a picture:\n%s", list)
	}
	if feed := string(sink.files["news/index.xml"]); !strings.Contains(feed, `<enclosure url="https://news.example.com/news/launch/photo_48w.jpg"`) {
		t.Errorf("the feed's enclosure is not the link-preview variant:\n%s", feed)
	}
	// The link preview's variant is the photo's full size, upright.
	if v, err := jpeg.DecodeConfig(bytes.NewReader(sink.files[dir+"photo_48w.jpg"])); err != nil || v.Width != 48 || v.Height != 64 {
		t.Errorf("the full-size variant is %dx%d (%v), want 48x64", v.Width, v.Height, err)
	}
	if string(sink.files[dir+"fake.png"]) != "not a png" {
		t.Error("a file named .png that is not one was not published as it is")
	}
}

// TestImagesCached: a second process with the same cache folder takes
// the variants from it, and an image replaced by another gets new ones.
func TestImagesCached(t *testing.T) {
	site := t.TempDir()
	write := func(name string, data []byte) {
		p := filepath.Join(site, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/_index.md", []byte("---\ntitle: Site\nimages: {widths: [20]}\n---\n"))
	write("content/a.md", []byte("---\ntitle: A\ndate: 2026-11-01\n---\n\n![x](p.jpg)\n"))
	write("content/p.jpg", phonePhoto(t))
	cache := t.TempDir()
	build := func() *memSink {
		mem, err := OpenMemory(cache)
		if err != nil {
			t.Fatal(err)
		}
		sink, err := buildFS(t, os.DirFS(site), Options{Memory: mem})
		if err != nil {
			t.Fatal(err)
		}
		if err := mem.Commit(); err != nil {
			t.Fatal(err)
		}
		return sink
	}
	first := build()
	processed, _ := filepath.Glob(filepath.Join(cache, "images", "*", "o_20w.webp"))
	if len(processed) != 1 {
		t.Fatalf("the cache holds %d processed images, want 1", len(processed))
	}
	// What the cache holds is what the next build publishes.
	if err := os.WriteFile(filepath.Join(filepath.Dir(processed[0]), "o_20w.webp"), []byte("from the cache"), 0o644); err != nil {
		t.Fatal(err)
	}
	if second := build(); string(second.files["p_20w.webp"]) != "from the cache" {
		t.Errorf("the second build made the variant again")
	}
	img := image.NewGray(image.Rect(0, 0, 100, 10))
	var b bytes.Buffer
	jpeg.Encode(&b, img, nil)
	write("content/p.jpg", b.Bytes())
	third := build()
	if bytes.Equal(third.files["p_20w.webp"], first.files["p_20w.webp"]) || !strings.Contains(string(third.files["a/index.html"]), `width="20" height="2"`) {
		t.Errorf("a replaced image kept its variants or its size on the page")
	}
}

// The image memory reads back what it wrote, and a broken one is an
// error, never a panic or a memory of something else.
func FuzzDecodeImageMemos(f *testing.F) {
	memos := map[string]imageMemo{
		"content/a/photo.jpg": {stamp: stamp{size: 1 << 22, mod: 1e18, ino: 7, ctime: 2e18}, readAt: 3e18, sum: filesum.Of([]byte("a")),
			info: images.Info{Format: images.JPEG, Width: 4000, Height: 3000, Orientation: 6}, settings: "v1 q80", outs: []filesum.Sum{filesum.Of([]byte("b")), filesum.Of([]byte("c"))}},
		"assets/team.jpg": {info: images.Info{Format: images.JPEG, Width: 2, Height: 1, Orientation: 1}, settings: "v1 q80", integrity: "sha384-AAAA"},
		"content/b.png":   {info: images.Info{Format: images.PNG, Width: 1, Height: 1, Orientation: 1, Animated: true}},
	}
	data := encodeImageMemos(memos)
	got, err := decodeImageMemos(data)
	if err != nil || !reflect.DeepEqual(got, memos) {
		f.Fatalf("read back %+v, %v; wrote %+v", got, err, memos)
	}
	f.Add(data)
	f.Add([]byte{})
	f.Add(data[:len(data)-1])
	f.Fuzz(func(t *testing.T, data []byte) {
		memos, err := decodeImageMemos(data)
		if err != nil {
			return
		}
		again, err := decodeImageMemos(encodeImageMemos(memos))
		if err != nil || len(again) != len(memos) {
			t.Fatalf("a memory read back as %d memos (%v), written from %d", len(again), err, len(memos))
		}
	})
}

// TestContentPhotosFromSiteRoot: a cover or a Markdown image named from
// the site's root shows a photo of content/ published there with its
// variants, as one of assets/: a loose file at its own path, a bundle's
// beside its page (under a base path, which the Markdown writes and the
// cover does not). A path where no photo is published stays as written.
func TestContentPhotosFromSiteRoot(t *testing.T) {
	src := fstest.MapFS{
		"content/_index.md":          {Data: []byte("---\ntitle: Site\nbaseURL: https://news.example.com/co/\nimages: {widths: [20, 40]}\n---\n")},
		"content/images/team.jpg":    {Data: phonePhoto(t)},
		"content/news/fair/index.md": {Data: []byte("---\ntitle: Fair\ndate: 2026-10-01\n---\nFair.\n")},
		"content/news/fair/hall.png": {Data: smallPNG(t, 30, 10)},
		"content/news/launch.md":     {Data: []byte("---\ntitle: Launch\ndate: 2026-11-01\ncover: /images/team.jpg\n---\n\n![Hall](/co/news/fair/hall.png)\n\n![Gone](/co/images/gone.jpg)\n")},
		"content/news/visit.md":      {Data: []byte("---\ntitle: Visit\ndate: 2026-11-02\ncover: /news/fair/hall.png\n---\nVisit.\n")},
	}
	sink, err := buildFS(t, src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"images/team_20w.jpg", "images/team_40w.webp", "news/fair/hall_20w.png", "news/fair/hall_30w.webp"} {
		if _, ok := sink.files[want]; !ok {
			t.Errorf("%s not published", want)
		}
	}
	for page, wants := range map[string][]string{
		"news/launch/index.html": {
			`<img src="/co/images/team_40w.jpg" srcset="/co/images/team_20w.jpg 20w, /co/images/team_40w.jpg 40w" sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)" width="40" height="53" alt="Launch" decoding="async" fetchpriority="high">`,
			`<meta property="og:image" content="https://news.example.com/co/images/team_48w.jpg">`,
			`<img src="/co/news/fair/hall_30w.png" srcset="/co/news/fair/hall_20w.png 20w, /co/news/fair/hall_30w.png 30w"`,
			`<img src="/co/images/gone.jpg" alt="Gone">`,
		},
		"news/visit/index.html": {
			`<img src="/co/news/fair/hall_30w.png" srcset="/co/news/fair/hall_20w.png 20w, /co/news/fair/hall_30w.png 30w" sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)" width="30" height="10" alt="Visit"`,
		},
	} {
		for _, want := range wants {
			if !strings.Contains(string(sink.files[page]), want) {
				t.Errorf("%s lacks %s", page, want)
			}
		}
	}
}

// TestAssetPhotoReadOnce: a warm build names and sizes a photo of assets/
// that the image memory knows by its stamp, and leaves its outputs as
// they are, without opening it; the photo replaced is read again.
func TestAssetPhotoReadOnce(t *testing.T) {
	trustStamps(t)
	e := &siteEditor{t: t, dir: t.TempDir(), r: rand.New(rand.NewPCG(1, 1))}
	e.write("content/_index.md", "---\ntitle: Site\nlogo: images/logo.png\nimages: {widths: [8, 16]}\n---\n")
	e.write("assets/images/logo.png", string(smallPNG(t, 24, 8)))
	e.write("assets/images/team.jpg", string(phonePhoto(t)))
	e.write("content/news/a.md", "---\ntitle: A\ndate: 2020-01-01\ncover: /images/team.jpg\n---\n![t](/images/team.jpg)\n")
	c := newCLIBuilds(t, e.dir, true)
	var opened sync.Map // path -> times
	c.source = func(fsys fs.FS) fs.FS { return openCounter{fsys, &opened} }
	for _, step := range []struct {
		name string
		edit func()
		read map[string]bool // the photos the build opens
	}{
		{"cold", func() {}, map[string]bool{"assets/images/logo.png": true, "assets/images/team.jpg": true}},
		{"warm", func() {}, map[string]bool{}},
		{"an article edited", func() {
			e.write("content/news/a.md", "---\ntitle: A\ndate: 2020-01-01\ncover: /images/team.jpg\n---\n![t](/images/team.jpg)\nMore.\n")
		}, map[string]bool{}},
		{"the photo replaced", func() { e.write("assets/images/team.jpg", string(phonePhoto(t))+"\x00") }, map[string]bool{"assets/images/team.jpg": true}},
	} {
		e.step++
		step.edit()
		opened.Clear()
		full, _, err := c.build()
		if err != nil {
			t.Fatal(err)
		}
		c.sameAsFull(step.name, full)
		for _, photo := range []string{"assets/images/logo.png", "assets/images/team.jpg"} {
			if _, read := opened.Load(photo); read != step.read[photo] {
				t.Errorf("%s: %s opened: %v, want %v", step.name, photo, read, step.read[photo])
			}
		}
	}
}

// openCounter is a file system that notes each file opened.
type openCounter struct {
	fs.FS
	opened *sync.Map
}

func (o openCounter) Open(name string) (fs.File, error) {
	o.opened.Store(name, true)
	return o.FS.Open(name)
}

// smallPNG is a PNG of w×h pixels.
func smallPNG(t *testing.T, w, h int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestAssetImagesPublished: a phone's photo under assets/ is published
// as content's are: its variants beside it, upright, without the GPS
// position; Markdown naming it from the site's root shows a picture, a
// cover naming it fills CoverImage (the article's picture, the lists'
// thumbnail, link previews, the feeds' enclosure), and the logo's
// link-preview variant is the image of pages without a cover. Its
// fingerprinted copy, which the asset function names, is the published
// original.
func TestAssetImagesPublished(t *testing.T) {
	src := fstest.MapFS{
		"content/_index.md":            {Data: []byte("---\ntitle: Site\nbaseURL: https://news.example.com/\nimages: {widths: [20, 40]}\nlogo: images/logo.png\n---\n")},
		"content/news/launch.md":       {Data: []byte("---\ntitle: Launch\ndate: 2026-11-01\ncover: /images/team.jpg\n---\n\n![Our team](/images/team.jpg)\n\n![Icon](/images/icon.gif)\n")},
		"content/news/plain.md":        {Data: []byte("---\ntitle: Plain\ndate: 2026-10-01\n---\n\n![Our team](/images/team.jpg)\n")},
		"assets/images/team.jpg":       {Data: phonePhoto(t)},
		"assets/images/logo.png":       {Data: smallPNG(t, 30, 10)},
		"assets/images/icon.gif":       {Data: []byte("GIF89a")},
		"assets/images/fake.png":       {Data: []byte("not a png")},
		"layouts/partials/footer.html": {Data: []byte(`<footer>{{asset "images/team.jpg"}}</footer>`)},
	}
	sink, err := buildFS(t, src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range sink.files {
		if bytes.Contains(data, []byte("GPS")) {
			t.Errorf("%s carries the GPS position", name)
		}
	}
	for _, want := range []string{"team.jpg", "team_20w.jpg", "team_40w.jpg", "team_20w.webp", "team_40w.webp", "team_48w.jpg",
		"logo.png", "logo_20w.png", "logo_30w.png", "logo_20w.webp", "logo_30w.webp", "logo_30w.jpg", "icon.gif", "fake.png"} {
		if _, ok := sink.files["images/"+want]; !ok {
			t.Errorf("images/%s not published", want)
		}
	}
	for _, none := range []string{"images/icon_20w.gif", "images/fake_20w.png", "images/fake_20w.webp"} {
		if _, ok := sink.files[none]; ok {
			t.Errorf("%s published", none)
		}
	}
	if v, err := jpeg.DecodeConfig(bytes.NewReader(sink.files["images/team_48w.jpg"])); err != nil || v.Width != 48 || v.Height != 64 {
		t.Errorf("the full-size variant is %dx%d (%v), want 48x64", v.Width, v.Height, err)
	}
	if string(sink.files["images/fake.png"]) != "not a png" || string(sink.files["images/icon.gif"]) != "GIF89a" {
		t.Error("a GIF, or a file named .png that is not one, was not published as it is")
	}
	article := string(sink.files["news/launch/index.html"])
	fingerprinted := regexp.MustCompile(`<footer>/(images/team\.[0-9a-f]{8}\.jpg)</footer>`).FindStringSubmatch(article)
	if fingerprinted == nil {
		t.Fatalf("the asset function does not name a fingerprinted copy:\n%s", article)
	}
	if !bytes.Equal(sink.files[fingerprinted[1]], sink.files["images/team.jpg"]) {
		t.Error("the fingerprinted copy is not the published original")
	}
	for _, want := range []string{
		// The cover: upright, fetched first; link previews get the full-size JPEG.
		`<figure class="article__cover"><picture><source type="image/webp" srcset="/images/team_20w.webp 20w, /images/team_40w.webp 40w"`,
		`<img src="/images/team_40w.jpg" srcset="/images/team_20w.jpg 20w, /images/team_40w.jpg 40w" sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)" width="40" height="53" alt="Launch" decoding="async" fetchpriority="high"></picture></figure>`,
		`<meta property="og:image" content="https://news.example.com/images/team_48w.jpg">`,
		`"image":["https://news.example.com/images/team_48w.jpg"]`,
		// The Markdown's photo, the first of the article's text.
		`<p><picture><source type="image/webp" srcset="/images/team_20w.webp 20w, /images/team_40w.webp 40w" sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)"><img src="/images/team_40w.jpg" srcset="/images/team_20w.jpg 20w, /images/team_40w.jpg 40w" sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)" width="40" height="53" alt="Our team" decoding="async" fetchpriority="high"></picture></p>`,
		`<img src="/images/icon.gif" alt="Icon">`,
	} {
		if !strings.Contains(article, want) {
			t.Errorf("the article lacks %s", want)
		}
	}
	// Without a cover, link previews show the logo's variant.
	plain := string(sink.files["news/plain/index.html"])
	for _, want := range []string{
		`<meta property="og:image" content="https://news.example.com/images/logo_30w.jpg">`,
		`"image":["https://news.example.com/images/logo_30w.jpg"]`,
		`alt="Our team" decoding="async" fetchpriority="high">`,
	} {
		if !strings.Contains(plain, want) {
			t.Errorf("the article without a cover lacks %s", want)
		}
	}
	if home := string(sink.files["index.html"]); !strings.Contains(home, `<meta property="og:image" content="https://news.example.com/images/logo_30w.jpg">`) {
		t.Error("the home page's link preview is not the logo's variant")
	}
	if list := string(sink.files["news/index.html"]); !strings.Contains(list, `<picture class="entry__picture"><source type="image/webp" srcset="/images/team_20w.webp 20w, /images/team_40w.webp 40w" sizes="(min-width: 40em) 10rem, calc(100vw - 2rem)">`) {
		t.Errorf("the section's list does not show the cover as a picture:\n%s", list)
	}
	if feed := string(sink.files["news/index.xml"]); !strings.Contains(feed, `<enclosure url="https://news.example.com/images/team_48w.jpg"`) {
		t.Errorf("the feed's enclosure is not the link-preview variant:\n%s", feed)
	}
}

// TestAssetImagesKeepMetadata: with images.keepMetadata the original
// under assets/, and its fingerprinted copy, keep every byte; the
// variants still carry no metadata.
func TestAssetImagesKeepMetadata(t *testing.T) {
	photo := phonePhoto(t)
	src := fstest.MapFS{
		"content/_index.md":      {Data: []byte("---\ntitle: Site\nimages: {widths: [20], keepMetadata: true}\n---\n")},
		"assets/images/team.jpg": {Data: photo},
	}
	sink, err := buildFS(t, src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	copies := 0
	for name, data := range sink.files {
		switch {
		case strings.HasPrefix(name, "images/team.") && strings.HasSuffix(name, ".jpg"):
			copies++
			if !bytes.Equal(data, photo) {
				t.Errorf("%s is not the original as it is", name)
			}
		case strings.HasPrefix(name, "images/team_"):
			if bytes.Contains(data, []byte("GPS")) {
				t.Errorf("%s carries the GPS position", name)
			}
		}
	}
	if copies != 2 {
		t.Errorf("%d copies of the original published, want 2 (its own name, the fingerprinted one)", copies)
	}
}

// Markdown names a photo of assets/ from the host's root: under a base
// path, the path that reaches it has the base path before it, and one
// without it leads off the site and stays as written. A cover is
// written from the site's root, as the settings say.
func TestAssetImagesUnderBasePath(t *testing.T) {
	src := fstest.MapFS{
		"content/_index.md":      {Data: []byte("---\ntitle: Site\nbaseURL: https://example.com/blog/\nimages: {widths: [20]}\n---\n")},
		"content/news/a.md":      {Data: []byte("---\ntitle: A\ndate: 2026-11-01\ncover: /images/team.jpg\n---\n\n![in](/blog/images/team.jpg)\n\n![off](/images/team.jpg)\n")},
		"assets/images/team.jpg": {Data: phonePhoto(t)},
	}
	sink, err := buildFS(t, src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	page := string(sink.files["news/a/index.html"])
	for _, want := range []string{
		`<img src="/blog/images/team_20w.jpg" srcset="/blog/images/team_20w.jpg 20w" sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)" width="20" height="27" alt="A" decoding="async" fetchpriority="high">`,
		`<img src="/blog/images/team_20w.jpg" srcset="/blog/images/team_20w.jpg 20w" sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)" width="20" height="27" alt="in" decoding="async" fetchpriority="high">`,
		`<img src="/images/team.jpg" alt="off">`,
		`<meta property="og:image" content="https://example.com/blog/images/team_48w.jpg">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s\n%s", want, page)
		}
	}
}

// TestAssetPhotoEdits: a photo of assets/ that appears, is replaced by
// one of another size, or goes, and the logo replaced, give a session's
// rebuild, and a build with the last one's memories and cache, exactly
// the output of a build from scratch; the pages that show it follow
// it, though their own files do not change.
func TestAssetPhotoEdits(t *testing.T) {
	trustStamps(t)
	e := &siteEditor{t: t, dir: t.TempDir(), r: rand.New(rand.NewPCG(1, 1))}
	e.write("content/_index.md", "---\ntitle: Site\nlogo: images/logo.png\nimages: {widths: [8, 16, 32]}\n---\n")
	e.write("assets/images/logo.png", string(smallPNG(t, 24, 8)))
	e.write("content/news/a.md", "---\ntitle: A\ndate: 2020-01-01\ncover: /images/team.png\n---\n![t](/images/team.png)\n")
	e.write("content/news/b.md", "---\ntitle: B\ndate: 2020-01-02\n---\nB.\n")
	opts := Options{Source: os.DirFS(e.dir), Builtin: bulletin.Theme, Now: fixedNow}
	hinted, unhinted := NewSession(opts), NewSession(opts)
	hinted.TrustChanges()
	cli := map[bool]*cliBuilds{false: newCLIBuilds(t, e.dir, false), true: newCLIBuilds(t, e.dir, true)}
	for i, step := range []struct {
		name string
		edit func() []string
		want string // in a's page
	}{
		{"no photo", func() []string { return nil }, `<img src="/images/team.png" alt="t">`},
		{"photo appears", func() []string { return []string{e.write("assets/images/team.png", string(smallPNG(t, 30, 10)))} },
			`<img src="/images/team_30w.png" srcset="/images/team_8w.png 8w, /images/team_16w.png 16w, /images/team_30w.png 30w"`},
		{"photo of another size", func() []string { return []string{e.write("assets/images/team.png", string(smallPNG(t, 12, 12)))} },
			`<img src="/images/team_12w.png" srcset="/images/team_8w.png 8w, /images/team_12w.png 12w"`},
		{"logo of another size", func() []string { return []string{e.write("assets/images/logo.png", string(smallPNG(t, 40, 10)))} },
			`width="12" height="12" alt="t"`},
		{"photo goes", func() []string { return []string{e.remove("assets/images/team.png")} }, `<img src="/images/team.png" alt="t">`},
		{"a phone's photo", func() []string {
			e.write("content/news/b.md", "---\ntitle: B\ndate: 2020-01-02\n---\n![p](/images/phone.jpg)\n")
			return []string{"content/news/b.md", e.write("assets/images/phone.jpg", string(phonePhoto(t)))}
		}, `<img src="/images/team.png" alt="t">`},
		{"a cover of content/ named from the root", func() []string {
			e.write("content/news/b.md", "---\ntitle: B\ndate: 2020-01-02\ncover: /images/crew.png\n---\n![c](/images/crew.png)\n")
			return []string{"content/news/b.md"}
		}, `<img src="/images/team.png" alt="t">`},
		{"that photo appears", func() []string { return []string{e.write("content/images/crew.png", string(smallPNG(t, 20, 10)))} },
			`<img src="/images/team.png" alt="t">`},
		{"that photo of another size", func() []string { return []string{e.write("content/images/crew.png", string(smallPNG(t, 10, 10)))} },
			`<img src="/images/team.png" alt="t">`},
	} {
		e.step++
		changed := step.edit()
		full, err := buildFS(t, opts.Source, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if page := string(full.files["news/a/index.html"]); !strings.Contains(page, step.want) {
			t.Errorf("%s: a's page lacks %s:\n%s", step.name, step.want, page)
		}
		for _, s := range []struct {
			session *Session
			changed []string
		}{{hinted, changed}, {unhinted, nil}} {
			up, err := s.session.Build(context.Background(), s.changed)
			if err != nil {
				t.Fatal(err)
			}
			compareOutputs(t, i, changed, up.Files.Map(), full.files)
			if err := s.session.opts.Memory.Commit(); err != nil {
				t.Fatal(err)
			}
		}
		for _, withCache := range []bool{false, true} {
			full, _, err := cli[withCache].build()
			if err != nil {
				t.Fatal(err)
			}
			cli[withCache].sameAsFull(fmt.Sprintf("%s (cache=%v)", step.name, withCache), full)
		}
	}
}
