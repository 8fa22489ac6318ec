package images

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"reflect"
	"testing"

	"github.com/gen2brain/webp"
)

// phoneJPEG is a JPEG as a phone writes it: EXIF with a GPS position,
// XMP, IPTC, a comment, a colour profile, a multi-picture index and a
// second picture (a depth map) after the first one's end.
func phoneJPEG(t testing.TB, orientation int) []byte {
	main := encodeJPEG(t, patches(64, 32))
	depth := withSegments(encodeJPEG(t, patches(8, 8)), 0xE1, exif(1))
	data := withSegments(main,
		0xE1, exif(orientation),
		0xE1, "http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta>GPSLatitude</x:xmpmeta>",
		0xED, "Photoshop 3.0\x008BIM GPS",
		0xFE, "taken by serial 12345",
		0xE2, "ICC_PROFILE\x00\x01\x01sRGB profile",
		0xE2, "MPF\x00II*\x00 index of the GPS depth map",
	)
	return append(data, depth...)
}

func TestStripJPEG(t *testing.T) {
	for _, o := range []int{1, 6} {
		data := phoneJPEG(t, o)
		info, err := Probe("p.jpg", data)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Strip(data, info, DefaultSettings())
		if err != nil {
			t.Fatal(err)
		}
		for _, gone := range []string{"GPS", "xmpmeta", "serial", "MPF"} {
			if bytes.Contains(got, []byte(gone)) {
				t.Errorf("orientation %d: the published JPEG still has %q", o, gone)
			}
		}
		if !bytes.Contains(got, []byte("ICC_PROFILE")) {
			t.Errorf("orientation %d: the colour profile was left out", o)
		}
		if again, _ := Probe("p.jpg", got); again != info {
			t.Errorf("orientation %d: stripped, it probes %+v, want %+v", o, again, info)
		}
		if n := bytes.Count(got, []byte{0xFF, 0xD8}); n != 1 {
			t.Errorf("orientation %d: %d pictures left, want 1", o, n)
		}
		if !bytes.HasSuffix(got, []byte{0xFF, 0xD9}) {
			t.Errorf("orientation %d: does not end at its EOI", o)
		}
		samePixels(t, jpeg.Decode, data, got)
		kept, _ := Strip(data, info, Settings{KeepMetadata: true})
		if !bytes.Equal(kept, data) {
			t.Error("KeepMetadata changed the bytes")
		}
	}
	if _, err := Strip([]byte{0xFF, 0xD8, 0xFF, 0xE0, 0x00}, Info{Format: JPEG}, DefaultSettings()); err == nil {
		t.Error("a truncated JPEG stripped without an error")
	}
}

func samePixels(t *testing.T, decode func(r io.Reader) (image.Image, error), a, b []byte) {
	t.Helper()
	ia, err := decode(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	ib, err := decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the stripped image does not decode: %v", err)
	}
	if !reflect.DeepEqual(ia, ib) {
		t.Error("stripping changed the pixels")
	}
}

func TestStripPNG(t *testing.T) {
	var b bytes.Buffer
	png.Encode(&b, patches(16, 16))
	data := insertPNGChunk(b.Bytes(), "tEXt", []byte("Comment\x00GPS 31N"))
	data = insertPNGChunk(data, "iTXt", []byte("XML:com.adobe.xmp\x00\x00\x00\x00\x00<x:xmpmeta/>"))
	data = insertPNGChunk(data, "eXIf", []byte("MM\x00*GPS"))
	data = insertPNGChunk(data, "gAMA", []byte{0, 0, 0xB1, 0x8F})
	got, err := Strip(data, Info{Format: PNG}, DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{"GPS", "xmpmeta", "tEXt", "eXIf"} {
		if bytes.Contains(got, []byte(gone)) {
			t.Errorf("the published PNG still has %q", gone)
		}
	}
	if !bytes.Contains(got, []byte("gAMA")) {
		t.Error("stripping left out the gamma, which is not metadata")
	}
	samePixels(t, png.Decode, data, got)
}

func TestStripWebP(t *testing.T) {
	var b bytes.Buffer
	if err := webp.Encode(&b, patches(16, 16), webp.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	simple := b.Bytes() // RIFF, WEBP, one VP8 chunk
	vp8x := make([]byte, 10)
	vp8x[0] = 0x08 | 0x04
	vp8x[4], vp8x[7] = 15, 15
	var data []byte
	data = append(data, "RIFF\x00\x00\x00\x00WEBP"...)
	data = appendRIFF(data, "VP8X", vp8x)
	data = append(data, simple[12:]...)
	data = appendRIFF(data, "EXIF", []byte("MM\x00*GPS"))
	data = appendRIFF(data, "XMP ", []byte("<x:xmpmeta/>"))
	binary.LittleEndian.PutUint32(data[4:], uint32(len(data)-8))
	got, err := Strip(data, Info{Format: WebP}, DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(got, []byte("GPS")) || bytes.Contains(got, []byte("xmpmeta")) {
		t.Error("the published WebP still has its metadata")
	}
	if got[20]&0x0C != 0 {
		t.Errorf("VP8X still announces metadata: flags %#x", got[20])
	}
	if n := binary.LittleEndian.Uint32(got[4:]); int(n) != len(got)-8 {
		t.Errorf("RIFF size %d, file %d", n, len(got))
	}
	samePixels(t, webp.Decode, data, got)
}

func appendRIFF(b []byte, fourCC string, body []byte) []byte {
	b = append(b, fourCC...)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(body)))
	b = append(b, body...)
	if len(body)%2 == 1 {
		b = append(b, 0)
	}
	return b
}

// FuzzStrip feeds Probe and Strip bytes they were not made for: they
// must answer or fail, never panic, and a JPEG they strip has no EXIF
// but the orientation's.
func FuzzStrip(f *testing.F) {
	f.Add([]byte{0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x10, 'E', 'x', 'i', 'f', 0, 0}, uint8(0))
	f.Add(phoneJPEG(f, 6), uint8(0))
	var b bytes.Buffer
	png.Encode(&b, patches(4, 4))
	f.Add(insertPNGChunk(b.Bytes(), "tEXt", []byte("a\x00b")), uint8(1))
	f.Add([]byte("RIFF\x10\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00"), uint8(2))
	f.Fuzz(func(t *testing.T, data []byte, kind uint8) {
		name := [...]string{"a.jpg", "a.png", "a.webp"}[kind%3]
		info, err := Probe(name, data)
		if err != nil {
			info = Info{Format: FormatOf(name), Orientation: 1}
		}
		out, err := Strip(data, info, DefaultSettings())
		if err != nil || info.Format != JPEG {
			return
		}
		for _, seg := range jpegSegments(out) {
			if seg.marker == 0xE1 && !bytes.Equal(seg.body[len(exifHeader):len(exifHeader)+2], []byte("MM")) {
				t.Fatalf("a stripped JPEG kept an EXIF segment: %q", seg.body)
			}
		}
	})
}
