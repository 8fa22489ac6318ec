package images

import (
	"encoding/binary"
	"fmt"
)

// iconSizes are the sizes a favicon.ico holds: a browser tab's, a
// high-density tab's, and Windows' desktop shortcut.
var iconSizes = []int{16, 32, 48}

// Icon makes a favicon.ico of a PNG or JPEG: the image at each of
// iconSizes on its longer side, each stored as a PNG inside the ICO
// container, as every browser since Internet Explorer 9 reads it.
func Icon(name string, data []byte) ([]byte, error) {
	info, err := Probe(name, data)
	if err != nil {
		return nil, err
	}
	if !info.Format.Resizable() || info.Animated {
		return nil, fmt.Errorf("a favicon.ico is made from a PNG, JPEG or WebP image, not %s", info.Format)
	}
	src, err := decode(data, info, true)
	if err != nil {
		return nil, err
	}
	var icons []IconImage
	for _, size := range iconSizes {
		w, h := size, size
		if info.Width > info.Height {
			h = max(1, info.Height*size/info.Width)
		} else {
			w = max(1, info.Width*size/info.Height)
		}
		p, err := src.encode(Variant{w, h, PNG}, info.Orientation, 100)
		if err != nil {
			return nil, err
		}
		icons = append(icons, IconImage{w, h, p})
	}
	return ICO(icons), nil
}

// IconImage is one image of an ICO file: a PNG of at most 256 pixels a
// side.
type IconImage struct {
	Width, Height int
	PNG           []byte
}

// ICO puts PNG images in the ICO container: a directory of entries,
// then the images.
func ICO(icons []IconImage) []byte {
	const dirSize, entrySize = 6, 16
	out := binary.LittleEndian.AppendUint16(nil, 0) // reserved
	out = binary.LittleEndian.AppendUint16(out, 1)  // an icon
	out = binary.LittleEndian.AppendUint16(out, uint16(len(icons)))
	offset := dirSize + entrySize*len(icons)
	for _, icon := range icons {
		// Width and height, 0 standing for 256; no palette; reserved.
		out = append(out, byte(icon.Width%256), byte(icon.Height%256), 0, 0)
		out = binary.LittleEndian.AppendUint16(out, 1)  // colour planes
		out = binary.LittleEndian.AppendUint16(out, 32) // bits per pixel
		out = binary.LittleEndian.AppendUint32(out, uint32(len(icon.PNG)))
		out = binary.LittleEndian.AppendUint32(out, uint32(offset))
		offset += len(icon.PNG)
	}
	for _, icon := range icons {
		out = append(out, icon.PNG...)
	}
	return out
}
