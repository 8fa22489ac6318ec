package images

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"

	"golang.org/x/image/webp"
)

// Probe reads an image's format, size and orientation from its bytes
// without decoding its pixels. name gives the format (by extension); a
// file whose bytes are not of that format is an error, as is a
// resizable image of more than MaxPixels.
func Probe(name string, data []byte) (Info, error) {
	info := Info{Format: FormatOf(name), Orientation: 1}
	var cfg image.Config
	var err error
	r := bytes.NewReader(data)
	switch info.Format {
	case JPEG:
		cfg, err = jpeg.DecodeConfig(r)
		if err == nil {
			info.Orientation = jpegOrientation(data)
		}
	case PNG:
		cfg, err = png.DecodeConfig(r)
		info.Animated = pngAnimated(data)
	case GIF:
		cfg, err = gif.DecodeConfig(r)
	case WebP:
		// x/image reads still images only; an animation is published
		// as it is, and only its canvas is read.
		if info.Animated = webpAnimated(data); info.Animated {
			cfg.Width, cfg.Height = webpCanvas(data)
		} else {
			cfg, err = webp.DecodeConfig(r)
		}
	case SVG:
		return info, nil
	default:
		return info, fmt.Errorf("not an image format bulletin knows")
	}
	if err != nil {
		return info, fmt.Errorf("not a valid %s image: %w", info.Format, err)
	}
	info.Width, info.Height = cfg.Width, cfg.Height
	if info.Orientation >= 5 { // turned a quarter: shown with its sides swapped
		info.Width, info.Height = info.Height, info.Width
	}
	if info.Format.Resizable() && !info.Animated && int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return info, fmt.Errorf("%d×%d pixels is more than the %d million bulletin resizes", cfg.Width, cfg.Height, MaxPixels/1_000_000)
	}
	return info, nil
}

// MaxPixels bounds what Process decodes: a few bytes of a crafted PNG or
// JPEG header can claim a size whose pixels would take gigabytes, and a
// camera's largest photos (100 megapixels) fit well below it.
const MaxPixels = 200_000_000

// jpegOrientation returns the EXIF orientation of a JPEG (1 when it has
// none or an invalid one).
func jpegOrientation(data []byte) int {
	for _, seg := range jpegSegments(data) {
		if seg.marker == 0xE1 && bytes.HasPrefix(seg.body, exifHeader) {
			if o := tiffOrientation(seg.body[len(exifHeader):]); o >= 1 && o <= 8 {
				return o
			}
		}
	}
	return 1
}

var exifHeader = []byte("Exif\x00\x00")

// tiffOrientation reads the Orientation tag of a TIFF structure's first
// directory (EXIF's IFD0), 0 when there is none.
func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 0
	}
	var order binary.ByteOrder
	switch string(t[:4]) {
	case "II*\x00":
		order = binary.LittleEndian
	case "MM\x00*":
		order = binary.BigEndian
	default:
		return 0
	}
	off := int64(order.Uint32(t[4:8]))
	if off+2 > int64(len(t)) {
		return 0
	}
	n := int64(order.Uint16(t[off:]))
	for i := int64(0); i < n; i++ {
		e := off + 2 + 12*i
		if e+12 > int64(len(t)) {
			return 0
		}
		if order.Uint16(t[e:]) == 0x0112 && order.Uint16(t[e+2:]) == 3 { // Orientation, SHORT
			return int(order.Uint16(t[e+8:]))
		}
	}
	return 0
}

// jpegSegment is one marker segment before a JPEG's image data.
type jpegSegment struct {
	marker     byte
	start, end int // of the whole segment, marker included
	body       []byte
}

// jpegSegments lists a JPEG's marker segments up to its first scan (SOS),
// where the entropy-coded data begins; none for bytes that are not a
// JPEG's.
func jpegSegments(data []byte) []jpegSegment {
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return nil
	}
	var segs []jpegSegment
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xFF {
			return segs
		}
		m := data[i+1]
		if m == 0xFF { // fill byte
			i++
			continue
		}
		if m == 0xD8 || m >= 0xD0 && m <= 0xD7 || m == 0x01 { // no length
			i += 2
			continue
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			return segs
		}
		segs = append(segs, jpegSegment{marker: m, start: i, end: i + 2 + n, body: data[i+4 : i+2+n]})
		if m == 0xDA {
			return segs
		}
		i += 2 + n
	}
	return segs
}

// pngChunk is one chunk of a PNG.
type pngChunk struct {
	kind       string
	start, end int // of the whole chunk: length, type, data and CRC
}

var pngSignature = []byte("\x89PNG\r\n\x1a\n")

// pngChunks lists a PNG's chunks, and false when the bytes end inside one
// or do not start as a PNG's.
func pngChunks(data []byte) ([]pngChunk, bool) {
	if !bytes.HasPrefix(data, pngSignature) {
		return nil, false
	}
	var chunks []pngChunk
	for i := len(pngSignature); i < len(data); {
		if i+12 > len(data) {
			return chunks, false
		}
		n := int64(binary.BigEndian.Uint32(data[i:]))
		end := int64(i) + 12 + n
		if end > int64(len(data)) {
			return chunks, false
		}
		chunks = append(chunks, pngChunk{kind: string(data[i+4 : i+8]), start: i, end: int(end)})
		i = int(end)
	}
	return chunks, true
}

// pngAnimated reports whether a PNG is an APNG: an acTL chunk before the
// image data.
func pngAnimated(data []byte) bool {
	chunks, _ := pngChunks(data)
	for _, c := range chunks {
		switch c.kind {
		case "acTL":
			return true
		case "IDAT":
			return false
		}
	}
	return false
}

// riffChunk is one chunk of a WebP's RIFF container.
type riffChunk struct {
	fourCC     string
	start, end int // of the whole chunk, padding included
	body       []byte
}

// webpChunks lists a WebP's chunks, and false when the bytes are not a
// whole WebP's.
func webpChunks(data []byte) ([]riffChunk, bool) {
	if len(data) < 12 || string(data[:4]) != "RIFF" || string(data[8:12]) != "WEBP" {
		return nil, false
	}
	var chunks []riffChunk
	for i := 12; i < len(data); {
		if i+8 > len(data) {
			return chunks, false
		}
		n := int64(binary.LittleEndian.Uint32(data[i+4:]))
		end := int64(i) + 8 + n + n&1
		if int64(i)+8+n > int64(len(data)) {
			return chunks, false
		}
		end = min(end, int64(len(data)))
		chunks = append(chunks, riffChunk{fourCC: string(data[i : i+4]), start: i, end: int(end), body: data[i+8 : int64(i)+8+n]})
		i = int(end)
	}
	return chunks, true
}

// webpAnimated reports whether a WebP's VP8X header says it is animated.
func webpAnimated(data []byte) bool {
	chunks, _ := webpChunks(data)
	return len(chunks) > 0 && chunks[0].fourCC == "VP8X" && len(chunks[0].body) >= 10 && chunks[0].body[0]&0x02 != 0
}

// webpCanvas is the canvas size a VP8X header gives.
func webpCanvas(data []byte) (w, h int) {
	chunks, _ := webpChunks(data)
	if len(chunks) == 0 || chunks[0].fourCC != "VP8X" || len(chunks[0].body) < 10 {
		return 0, 0
	}
	b := chunks[0].body
	return 1 + (int(b[4]) | int(b[5])<<8 | int(b[6])<<16), 1 + (int(b[7]) | int(b[8])<<8 | int(b[9])<<16)
}
