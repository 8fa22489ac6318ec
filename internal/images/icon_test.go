package images

import (
	"bytes"
	"encoding/binary"
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the built-in theme's favicon.ico")

// builtinIcon draws the built-in theme's icon, the one its favicon.svg
// describes, at size pixels: a blue rounded square with three white
// lines of news, each pixel the average of 16 samples.
func builtinIcon(size int) *image.NRGBA {
	inRounded := func(x, y float64) bool {
		const r = 7.0
		cx, cy := min(max(x, r), 32-r), min(max(y, r), 32-r)
		return (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r
	}
	bars := [][4]float64{{7, 8, 25, 12}, {7, 15, 25, 18}, {7, 21, 19, 24}}
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	for py := range size {
		for px := range size {
			var r, g, b, a float64
			for i := range 16 {
				x := (float64(px) + (float64(i%4)+0.5)/4) * 32 / float64(size)
				y := (float64(py) + (float64(i/4)+0.5)/4) * 32 / float64(size)
				if !inRounded(x, y) {
					continue
				}
				c := [3]float64{0x0b, 0x5c, 0xad}
				for _, bar := range bars {
					if x >= bar[0] && x < bar[2] && y >= bar[1] && y < bar[3] {
						c = [3]float64{255, 255, 255}
					}
				}
				r, g, b, a = r+c[0], g+c[1], b+c[2], a+1
			}
			if a > 0 {
				img.SetNRGBA(px, py, color.NRGBA{uint8(r/a + 0.5), uint8(g/a + 0.5), uint8(b/a + 0.5), uint8(a*255/16 + 0.5)})
			}
		}
	}
	return img
}

// TestBuiltinFavicon: the built-in theme's favicon.ico is the icon its
// favicon.svg draws, at 16, 32 and 48 pixels (go test -update writes it).
func TestBuiltinFavicon(t *testing.T) {
	var icons []IconImage
	for _, size := range iconSizes {
		var b bytes.Buffer
		if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&b, builtinIcon(size)); err != nil {
			t.Fatal(err)
		}
		icons = append(icons, IconImage{size, size, b.Bytes()})
	}
	want := ICO(icons)
	const file = "../../assets/favicon.ico"
	if *update {
		if err := os.WriteFile(file, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is not the icon favicon.svg draws (go test -update rewrites it)", file)
	}
}

// TestIcon reads back the ICO Icon makes of a photo: a directory of
// three PNGs, 16, 32 and 48 pixels on the longer side, each where its
// entry says.
func TestIcon(t *testing.T) {
	data := encodeJPEG(t, patches(200, 100))
	ico, err := Icon("logo.jpg", data)
	if err != nil {
		t.Fatal(err)
	}
	le := binary.LittleEndian
	if le.Uint16(ico[0:]) != 0 || le.Uint16(ico[2:]) != 1 || le.Uint16(ico[4:]) != 3 {
		t.Fatalf("ICO header % x", ico[:6])
	}
	for i, size := range iconSizes {
		e := ico[6+16*i:]
		w, h := int(e[0]), int(e[1])
		n, off := le.Uint32(e[8:]), le.Uint32(e[12:])
		cfg, err := png.DecodeConfig(bytes.NewReader(ico[off : off+n]))
		if err != nil {
			t.Fatalf("image %d: %v", i, err)
		}
		if w != size || h != size/2 || cfg.Width != w || cfg.Height != h {
			t.Errorf("image %d: entry %dx%d, PNG %dx%d, want %dx%d", i, w, h, cfg.Width, cfg.Height, size, size/2)
		}
	}
	if _, err := Icon("a.gif", []byte("GIF89a")); err == nil {
		t.Error("a GIF made an icon")
	}
}
