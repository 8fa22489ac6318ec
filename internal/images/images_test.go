package images

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"reflect"
	"testing"

	"github.com/gen2brain/webp"
)

func TestPlan(t *testing.T) {
	def := DefaultSettings()
	for _, tt := range []struct {
		name string
		info Info
		s    Settings
		own  []int // widths of Own
		webp bool
		fmt  Format
		sh   Variant
		ok   bool
	}{
		{"phone photo", Info{Format: JPEG, Width: 4000, Height: 3000}, def, []int{480, 960, 1600}, true, JPEG, Variant{1200, 900, JPEG}, true},
		{"narrower than a setting", Info{Format: JPEG, Width: 800, Height: 600}, def, []int{480, 800}, true, JPEG, Variant{800, 600, JPEG}, true},
		{"exactly a setting", Info{Format: JPEG, Width: 960, Height: 640}, def, []int{480, 960}, true, JPEG, Variant{960, 640, JPEG}, true},
		{"tiny", Info{Format: PNG, Width: 32, Height: 32}, def, []int{32}, true, PNG, Variant{32, 32, JPEG}, true},
		{"share width is a setting", Info{Format: JPEG, Width: 3000, Height: 2000}, Settings{Widths: []int{600, 1200}}, []int{600, 1200}, true, JPEG, Variant{1200, 800, JPEG}, true},
		{"webp original", Info{Format: WebP, Width: 2000, Height: 1000}, def, []int{480, 960, 1600}, false, JPEG, Variant{1200, 600, JPEG}, true},
		{"gif", Info{Format: GIF, Width: 400, Height: 300}, def, nil, false, 0, Variant{}, false},
		{"animated png", Info{Format: PNG, Width: 400, Height: 300, Animated: true}, def, nil, false, 0, Variant{}, false},
		{"svg", Info{Format: SVG}, def, nil, false, 0, Variant{}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			set, ok := Plan(tt.info, tt.s)
			if ok != tt.ok {
				t.Fatalf("Plan ok = %v, want %v", ok, tt.ok)
			}
			if !ok {
				return
			}
			var own []int
			for i, v := range set.Own {
				own = append(own, v.Width)
				if v.Format != tt.fmt {
					t.Errorf("Own[%d] is %s, want %s", i, v.Format, tt.fmt)
				}
				if want := (tt.info.Height*v.Width + tt.info.Width/2) / tt.info.Width; v.Height != want {
					t.Errorf("Own[%d] is %d high, want %d (the ratio kept)", i, v.Height, want)
				}
			}
			if !reflect.DeepEqual(own, tt.own) {
				t.Errorf("widths %v, want %v", own, tt.own)
			}
			if (len(set.WebP) > 0) != tt.webp || tt.webp && len(set.WebP) != len(set.Own) {
				t.Errorf("WebP %v, want one per width: %v", set.WebP, tt.webp)
			}
			if set.Share != tt.sh {
				t.Errorf("Share %v, want %v", set.Share, tt.sh)
			}
			seen := map[Variant]bool{}
			for _, v := range set.All() {
				if seen[v] {
					t.Errorf("All lists %v twice", v)
				}
				seen[v] = true
			}
		})
	}
}

func TestFormatOfAndNames(t *testing.T) {
	for name, want := range map[string]Format{"a.JPG": JPEG, "b/c.jpeg": JPEG, "x.png": PNG, "y.gif": GIF, "z.webp": WebP, "s.svg": SVG, "doc.pdf": Unknown, "noext": Unknown} {
		if got := FormatOf(name); got != want {
			t.Errorf("FormatOf(%q) = %s, want %s", name, got, want)
		}
	}
	if got := (Variant{480, 360, WebP}).Name("news/launch/photo.JPG"); got != "news/launch/photo_480w.webp" {
		t.Errorf("Name = %q", got)
	}
}

// patches is a w×h picture of four coloured quarters, for telling which
// way up a variant is and whether its colours held.
var quarterColours = [4]color.RGBA{{200, 30, 30, 255}, {30, 30, 200, 255}, {20, 20, 20, 255}, {235, 235, 235, 255}}

func patches(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			q := 0
			if x >= w/2 {
				q++
			}
			if y >= h/2 {
				q += 2
			}
			img.SetRGBA(x, y, quarterColours[q])
		}
	}
	return img
}

func encodeJPEG(t testing.TB, img image.Image) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// withSegments puts segments (marker, body) right after a JPEG's SOI.
func withSegments(jpg []byte, segs ...any) []byte {
	out := []byte{0xFF, 0xD8}
	for i := 0; i < len(segs); i += 2 {
		body := []byte(segs[i+1].(string))
		out = append(out, 0xFF, byte(segs[i].(int)))
		out = binary.BigEndian.AppendUint16(out, uint16(len(body)+2))
		out = append(out, body...)
	}
	return append(out, jpg[2:]...)
}

// exif is an EXIF APP1 body with an orientation and a GPS directory
// pointer, as a phone writes.
func exif(orientation int) string {
	b := []byte("Exif\x00\x00II*\x00\x08\x00\x00\x00\x02\x00")
	b = binary.LittleEndian.AppendUint16(b, 0x0112)
	b = binary.LittleEndian.AppendUint16(b, 3)
	b = binary.LittleEndian.AppendUint32(b, 1)
	b = binary.LittleEndian.AppendUint32(b, uint32(orientation))
	b = binary.LittleEndian.AppendUint16(b, 0x8825) // GPS IFD
	b = binary.LittleEndian.AppendUint16(b, 4)
	b = binary.LittleEndian.AppendUint32(b, 1)
	b = binary.LittleEndian.AppendUint32(b, 38)
	b = append(b, 0, 0, 0, 0)
	return string(b) + "GPS 31.2304N 121.4737E"
}

func TestProbe(t *testing.T) {
	jpg := encodeJPEG(t, patches(40, 20))
	var pngb bytes.Buffer
	png.Encode(&pngb, patches(30, 10))
	apng := insertPNGChunk(pngb.Bytes(), "acTL", []byte{0, 0, 0, 2, 0, 0, 0, 0})
	for _, tt := range []struct {
		name string
		data []byte
		want Info
		err  bool
	}{
		{"a.jpg", jpg, Info{JPEG, 40, 20, 1, false}, false},
		{"turned.jpg", withSegments(jpg, 0xE1, exif(6)), Info{JPEG, 20, 40, 6, false}, false},
		{"upside-down.jpeg", withSegments(jpg, 0xE1, exif(3)), Info{JPEG, 40, 20, 3, false}, false},
		{"bad-orientation.jpg", withSegments(jpg, 0xE1, exif(9)), Info{JPEG, 40, 20, 1, false}, false},
		{"a.png", pngb.Bytes(), Info{PNG, 30, 10, 1, false}, false},
		{"anim.png", apng, Info{PNG, 30, 10, 1, true}, false},
		{"logo.svg", []byte("<svg/>"), Info{SVG, 0, 0, 1, false}, false},
		{"fake.jpg", []byte("not a jpeg at all"), Info{}, true},
		{"png-named.jpg", pngb.Bytes(), Info{}, true},
		{"doc.pdf", []byte("%PDF"), Info{}, true},
	} {
		got, err := Probe(tt.name, tt.data)
		if (err != nil) != tt.err {
			t.Errorf("Probe(%s) error %v, want error: %v", tt.name, err, tt.err)
			continue
		}
		if err == nil && got != tt.want {
			t.Errorf("Probe(%s) = %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func insertPNGChunk(data []byte, kind string, body []byte) []byte {
	var c []byte
	c = binary.BigEndian.AppendUint32(c, uint32(len(body)))
	c = append(append(c, kind...), body...)
	c = binary.BigEndian.AppendUint32(c, crc32.Update(crc32.ChecksumIEEE([]byte(kind)), crc32.IEEETable, body))
	at := len(pngSignature) + 25 // after IHDR
	return append(append(append([]byte(nil), data[:at]...), c...), data[at:]...)
}

// decodeAny decodes a variant as a browser would (WebP with libwebp).
func decodeAny(t *testing.T, v Variant, data []byte) image.Image {
	t.Helper()
	var img image.Image
	var err error
	switch v.Format {
	case JPEG:
		img, err = jpeg.Decode(bytes.NewReader(data))
	case PNG:
		img, err = png.Decode(bytes.NewReader(data))
	case WebP:
		img, err = webp.Decode(bytes.NewReader(data))
		if m, ok := img.(*image.NYCbCrA); ok {
			img = studioToRGBA(m)
		}
	}
	if err != nil {
		t.Fatalf("decoding the %v variant: %v", v, err)
	}
	if b := img.Bounds(); b.Dx() != v.Width || b.Dy() != v.Height {
		t.Fatalf("the %v variant is %v", v, b)
	}
	return img
}

// storedFrom is where a picture shown W×H keeps the pixel it shows at
// each place of its stored (x, y), for each EXIF orientation, as the
// EXIF standard words them ("row 0 is the visual right-hand side...").
var storedFrom = map[int]func(x, y, w, h int) (int, int){
	1: func(x, y, w, h int) (int, int) { return x, y },
	2: func(x, y, w, h int) (int, int) { return w - 1 - x, y },
	3: func(x, y, w, h int) (int, int) { return w - 1 - x, h - 1 - y },
	4: func(x, y, w, h int) (int, int) { return x, h - 1 - y },
	5: func(x, y, w, h int) (int, int) { return y, x },
	6: func(x, y, w, h int) (int, int) { return w - 1 - y, x },
	7: func(x, y, w, h int) (int, int) { return w - 1 - y, h - 1 - x },
	8: func(x, y, w, h int) (int, int) { return y, h - 1 - x },
}

// TestProcessShowsUpright checks every variant's size, orientation and
// colours: each quarter's centre keeps its colour (within what lossy
// compression moves), for every way a camera can be held, from a JPEG,
// a PNG and a WebP.
func TestProcessShowsUpright(t *testing.T) {
	const w, h = 200, 100
	s := Settings{Widths: []int{48, 96}, Quality: 90}
	shown := patches(w, h)
	for o := 1; o <= 8; o++ {
		stored := image.NewRGBA(image.Rect(0, 0, w, h))
		if o >= 5 {
			stored = image.NewRGBA(image.Rect(0, 0, h, w))
		}
		for y := range stored.Rect.Dy() {
			for x := range stored.Rect.Dx() {
				stored.SetRGBA(x, y, shown.RGBAAt(storedFrom[o](x, y, w, h)))
			}
		}
		sources := map[string][]byte{"jpg": withSegments(encodeJPEG(t, stored), 0xE1, exif(o))}
		if o == 1 {
			var p, wp bytes.Buffer
			png.Encode(&p, stored)
			webp.Encode(&wp, stored, webp.Options{Quality: 95})
			sources["png"], sources["webp"] = p.Bytes(), wp.Bytes()
		}
		for ext, data := range sources {
			info, err := Probe("p."+ext, data)
			if err != nil {
				t.Fatal(err)
			}
			if info.Width != w || info.Height != h {
				t.Fatalf("%s, orientation %d: probed %dx%d, want %dx%d", ext, o, info.Width, info.Height, w, h)
			}
			set, _ := Plan(info, s)
			_, outs, err := Process(data, info, set, s)
			if err != nil {
				t.Fatal(err)
			}
			if len(outs) != len(set.All()) {
				t.Fatalf("%d outputs for %d variants", len(outs), len(set.All()))
			}
			for _, out := range outs {
				img := decodeAny(t, out.Variant, out.Data)
				for q, want := range quarterColours {
					x, y := out.Width/4+q%2*out.Width/2, out.Height/4+q/2*out.Height/2
					r, g, b, _ := img.At(x, y).RGBA()
					if d := max(diff(r>>8, want.R), diff(g>>8, want.G), diff(b>>8, want.B)); d > 12 {
						t.Errorf("%s, orientation %d, %v: quarter %d is %d,%d,%d, want %v", ext, o, out.Variant, q, r>>8, g>>8, b>>8, want)
					}
				}
			}
		}
	}
}

// TestProcessGrey: a grey image (a logo, a scan) decodes as one plane,
// and every variant, its own format's included, keeps its shades.
func TestProcessGrey(t *testing.T) {
	grey := image.NewGray(image.Rect(0, 0, 120, 40))
	for i := range grey.Pix {
		grey.Pix[i] = byte(i % 120 * 2)
	}
	var p bytes.Buffer
	png.Encode(&p, grey)
	for _, tc := range []struct {
		ext  string
		data []byte
	}{
		{"png", p.Bytes()},
		{"jpg", encodeJPEG(t, grey)},
	} {
		s := Settings{Widths: []int{60, 120}, Quality: 90}
		info, err := Probe("g."+tc.ext, tc.data)
		if err != nil {
			t.Fatal(err)
		}
		set, _ := Plan(info, s)
		_, outs, err := Process(tc.data, info, set, s)
		if err != nil {
			t.Fatalf("%s: %v", tc.ext, err)
		}
		for _, out := range outs {
			img := decodeAny(t, out.Variant, out.Data)
			for _, x := range []int{out.Width / 8, out.Width / 2, out.Width * 7 / 8} {
				r, g, b, _ := img.At(x, out.Height/2).RGBA()
				want := uint8(x * 120 / out.Width * 2)
				if d := max(diff(r>>8, want), diff(g>>8, want), diff(b>>8, want)); d > 12 {
					t.Errorf("%s, %v: at %d it is %d,%d,%d, want grey %d", tc.ext, out.Variant, x, r>>8, g>>8, b>>8, want)
				}
			}
		}
	}
}

// studioToRGBA converts a WebP's YUV as browsers do: BT.601 with Y in
// 16-235 (Go's color.YCbCr is JPEG's full range, and would show blacks
// grey).
func studioToRGBA(m *image.NYCbCrA) *image.RGBA {
	out := image.NewRGBA(m.Rect)
	clamp := func(v float64) uint8 { return uint8(max(0, min(255, v+0.5))) }
	for y := m.Rect.Min.Y; y < m.Rect.Max.Y; y++ {
		for x := m.Rect.Min.X; x < m.Rect.Max.X; x++ {
			l := 1.164 * (float64(m.Y[m.YOffset(x, y)]) - 16)
			cb, cr := float64(m.Cb[m.COffset(x, y)])-128, float64(m.Cr[m.COffset(x, y)])-128
			out.SetRGBA(x, y, color.RGBA{clamp(l + 1.596*cr), clamp(l - 0.813*cr - 0.392*cb), clamp(l + 2.017*cb), 255})
		}
	}
	return out
}

func diff(a uint32, b uint8) int {
	d := int(a) - int(b)
	if d < 0 {
		return -d
	}
	return d
}

// BenchmarkProcess makes a phone photo's variants at the default
// settings: 4000×3000, textured so that encoders work as on a photo.
func BenchmarkProcess(b *testing.B) {
	img := image.NewRGBA(image.Rect(0, 0, 4000, 3000))
	for i := range img.Pix {
		img.Pix[i] = byte(i*7919>>5) ^ byte(i/4000)
	}
	data := encodeJPEG(b, img)
	info, err := Probe("photo.jpg", data)
	if err != nil {
		b.Fatal(err)
	}
	set, _ := Plan(info, DefaultSettings())
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := Process(data, info, set, DefaultSettings()); err != nil {
			b.Fatal(err)
		}
	}
}
