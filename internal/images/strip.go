package images

import (
	"bytes"
	"encoding/binary"
	"errors"
)

// Strip returns an image's bytes as they are published: without EXIF
// (the GPS position, the camera's serial number), XMP, IPTC and
// comments, and without what a phone appends after a JPEG's end (depth
// maps and other pictures, with their own metadata). Nothing else
// changes: the pixels are never decoded again. A JPEG or WebP keeps its
// colour profile, and a turned JPEG a minimal EXIF holding only its
// orientation, so that it still shows upright. GIF and SVG, and every
// image when s.KeepMetadata, are returned as they are.
func Strip(data []byte, info Info, s Settings) ([]byte, error) {
	if s.KeepMetadata {
		return data, nil
	}
	switch info.Format {
	case JPEG:
		return stripJPEG(data, info.Orientation)
	case PNG:
		return stripPNG(data)
	case WebP:
		return stripWebP(data)
	}
	return data, nil
}

var errTruncated = errors.New("the file ends inside its structure")

// iccHeader opens the one APP2 segment a JPEG keeps, its colour profile
// (MPF, the other, indexes the pictures a phone appends).
var iccHeader = []byte("ICC_PROFILE\x00")

func stripJPEG(data []byte, orientation int) ([]byte, error) {
	segs := jpegSegments(data)
	if len(segs) == 0 || segs[len(segs)-1].marker != 0xDA {
		return nil, errTruncated
	}
	end, err := jpegEnd(data, segs[len(segs)-1].end)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, end+64)
	out = append(out, 0xFF, 0xD8)
	if orientation > 1 {
		out = appendOrientationEXIF(out, orientation)
	}
	for _, seg := range segs {
		keep := true
		switch {
		case seg.marker == 0xE0, seg.marker == 0xEE: // JFIF; Adobe (how to read the colours)
		case seg.marker == 0xE2:
			keep = bytes.HasPrefix(seg.body, iccHeader)
		case seg.marker >= 0xE1 && seg.marker <= 0xEF, seg.marker == 0xFE: // other APPn: EXIF, XMP, IPTC...; COM
			keep = false
		}
		if keep {
			out = append(out, data[seg.start:seg.end]...)
		}
	}
	return append(out, data[segs[len(segs)-1].end:end]...), nil
}

// jpegEnd returns where the JPEG that holds its first scan at from ends:
// just after its EOI marker. A progressive JPEG has several scans, with
// tables between them; the entropy-coded data escapes 0xFF as 0xFF00 and
// has restart markers, which are not segments.
func jpegEnd(data []byte, from int) (int, error) {
	i := from
	for i+1 < len(data) {
		if data[i] != 0xFF {
			i++
			continue
		}
		m := data[i+1]
		switch {
		case m == 0x00, m == 0xFF, m >= 0xD0 && m <= 0xD7:
			i += 2 - boolInt(m == 0xFF) // a stuffed byte, fill, a restart
		case m == 0xD9:
			return i + 2, nil
		default: // a segment between scans (DHT, DQT, SOS, DRI...)
			if i+4 > len(data) {
				return 0, errTruncated
			}
			n := int(binary.BigEndian.Uint16(data[i+2:]))
			if n < 2 {
				return 0, errTruncated
			}
			i += 2 + n
		}
	}
	// No EOI: many cameras and editors end a file without one, and
	// decoders take it as ended.
	return len(data), nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// appendOrientationEXIF appends an APP1 segment whose EXIF holds the
// orientation and nothing else.
func appendOrientationEXIF(out []byte, orientation int) []byte {
	body := []byte("Exif\x00\x00" +
		"MM\x00\x2a\x00\x00\x00\x08" + // big-endian TIFF, first directory at 8
		"\x00\x01" + // one entry
		"\x01\x12\x00\x03\x00\x00\x00\x01") // Orientation, SHORT, one value
	body = append(body, 0, byte(orientation), 0, 0)
	body = append(body, 0, 0, 0, 0) // no next directory
	out = append(out, 0xFF, 0xE1)
	out = binary.BigEndian.AppendUint16(out, uint16(len(body)+2))
	return append(out, body...)
}

// pngMetadata are the chunks a published PNG leaves out: text (where XMP
// and editors' notes live), EXIF and the time of the last change.
var pngMetadata = map[string]bool{"tEXt": true, "zTXt": true, "iTXt": true, "eXIf": true, "tIME": true}

func stripPNG(data []byte) ([]byte, error) {
	chunks, ok := pngChunks(data)
	if !ok {
		return nil, errTruncated
	}
	out := append(make([]byte, 0, len(data)), pngSignature...)
	for _, c := range chunks {
		if !pngMetadata[c.kind] {
			out = append(out, data[c.start:c.end]...)
		}
	}
	return out, nil
}

// stripWebP leaves out a WebP's EXIF and XMP chunks and clears the
// header's flags that announce them.
func stripWebP(data []byte) ([]byte, error) {
	chunks, ok := webpChunks(data)
	if !ok {
		return nil, errTruncated
	}
	out := append(make([]byte, 0, len(data)), data[:12]...)
	for _, c := range chunks {
		switch c.fourCC {
		case "EXIF", "XMP ":
			continue
		case "VP8X":
			at := len(out)
			out = append(out, data[c.start:c.end]...)
			if c.end-c.start > 8 {
				out[at+8] &^= 0x08 | 0x04 // EXIF, XMP
			}
			continue
		}
		out = append(out, data[c.start:c.end]...)
	}
	binary.LittleEndian.PutUint32(out[4:], uint32(len(out)-8))
	return out, nil
}
