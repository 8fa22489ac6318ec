package images

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"

	"github.com/gen2brain/webp"
	xwebp "golang.org/x/image/webp"
)

// Output is one file Process made: a variant's bytes.
type Output struct {
	Variant
	Data []byte
}

// Process decodes an image once and makes every variant of its set
// (Plan), in set.All's order, and the original as it is published
// (Strip). info is the image's Probe.
func Process(data []byte, info Info, set Set, s Settings) (original []byte, outs []Output, err error) {
	original, err = Strip(data, info, s)
	if err != nil {
		return nil, nil, err
	}
	src, err := decode(data, info, false)
	if err != nil {
		return nil, nil, fmt.Errorf("decoding the %s image: %w", info.Format, err)
	}
	src.halveFor(set.Own[len(set.Own)-1], set.Share, info.Orientation)
	for _, v := range set.All() {
		b, err := src.encode(v, info.Orientation, s.Quality)
		if err != nil {
			return nil, nil, fmt.Errorf("encoding its %d-pixel %s: %w", v.Width, v.Format, err)
		}
		outs = append(outs, Output{v, b})
	}
	return original, outs, nil
}

// source is a decoded image as planes: Y, Cb and Cr (a JPEG, a lossy
// WebP, a grey image), or premultiplied R, G, B and A.
type source struct {
	ycc    bool
	grey   bool // Cb and Cr are grey: a grey image's one plane
	planes []plane
	opaque bool // no pixel is transparent (an RGBA source)
}

// decode decodes an image into planes: YCbCr ones when the image has
// them and rgb is false (variants in JPEG and WebP), else RGBA (PNG).
func decode(data []byte, info Info, rgb bool) (*source, error) {
	var img image.Image
	var err error
	r := bytes.NewReader(data)
	switch info.Format {
	case JPEG:
		img, err = jpeg.Decode(r)
	case PNG:
		img, err = png.Decode(r)
	case WebP:
		img, err = xwebp.Decode(r)
	default:
		return nil, fmt.Errorf("%s images are not resized", info.Format)
	}
	if err != nil {
		return nil, err
	}
	switch m := img.(type) {
	case *image.YCbCr:
		if info.Format == WebP {
			fromStudioRange(m)
		}
	case *image.NYCbCrA:
		if info.Format == WebP {
			fromStudioRange(&m.YCbCr)
		}
	}
	b := img.Bounds()
	if !rgb {
		if s := planesOf(img); s != nil {
			return s, nil
		}
	}
	rgba := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(rgba, rgba.Bounds(), img, b.Min, draw.Src)
	s := &source{opaque: opaqueRGBA(rgba.Pix)}
	for c := range 4 {
		s.planes = append(s.planes, plane{pix: rgba.Pix[c:], w: b.Dx(), h: b.Dy(), stride: rgba.Stride, step: 4})
	}
	return s, nil
}

// planesOf is a decoded image's own YCbCr or grey planes, nil for an
// image with colours of another kind or with transparency.
func planesOf(img image.Image) *source {
	b := img.Bounds()
	switch m := img.(type) {
	case *image.YCbCr:
		return yccSource(m)
	case *image.NYCbCrA:
		if opaque(m.A) {
			return yccSource(&m.YCbCr)
		}
	case *image.Gray:
		g := plane{pix: m.Pix[m.PixOffset(b.Min.X, b.Min.Y):], w: b.Dx(), h: b.Dy(), stride: m.Stride, step: 1}
		grey := plane{pix: []byte{128}, w: 1, h: 1, stride: 1, step: 1}
		return &source{ycc: true, grey: true, planes: []plane{g, grey, grey}}
	}
	return nil
}

func yccSource(m *image.YCbCr) *source {
	b := m.Bounds()
	cw, ch := chromaSize(b.Dx(), b.Dy(), m.SubsampleRatio)
	y := plane{pix: m.Y[m.YOffset(b.Min.X, b.Min.Y):], w: b.Dx(), h: b.Dy(), stride: m.YStride, step: 1}
	co := m.COffset(b.Min.X, b.Min.Y)
	cb := plane{pix: m.Cb[co:], w: cw, h: ch, stride: m.CStride, step: 1}
	cr := plane{pix: m.Cr[co:], w: cw, h: ch, stride: m.CStride, step: 1}
	return &source{ycc: true, planes: []plane{y, cb, cr}}
}

// chromaSize is the size of a w×h image's chroma planes.
func chromaSize(w, h int, r image.YCbCrSubsampleRatio) (int, int) {
	switch r {
	case image.YCbCrSubsampleRatio422:
		return (w + 1) / 2, h
	case image.YCbCrSubsampleRatio420:
		return (w + 1) / 2, (h + 1) / 2
	case image.YCbCrSubsampleRatio440:
		return w, (h + 1) / 2
	case image.YCbCrSubsampleRatio411:
		return (w + 3) / 4, h
	case image.YCbCrSubsampleRatio410:
		return (w + 3) / 4, (h + 1) / 2
	}
	return w, h
}

func opaque(a []byte) bool {
	for _, v := range a {
		if v != 0xFF {
			return false
		}
	}
	return true
}

func opaqueRGBA(pix []byte) bool {
	for i := 3; i < len(pix); i += 4 {
		if pix[i] != 0xFF {
			return false
		}
	}
	return true
}

// halveFor halves the source's planes while it stays at least twice as
// large as the largest variants (as stored: o turns them).
func (s *source) halveFor(a, b Variant, o int) {
	w, h := max(a.Width, b.Width), max(a.Height, b.Height)
	if o >= 5 {
		w, h = h, w
	}
	for s.planes[0].w >= 2*w && s.planes[0].h >= 2*h {
		for i, p := range s.planes {
			s.planes[i] = halve(p)
		}
	}
}

// encode makes variant v (its size as shown) of an image stored turned
// as orientation o says.
func (s *source) encode(v Variant, o, quality int) ([]byte, error) {
	w, h := v.Width, v.Height
	if o >= 5 {
		w, h = h, w // stored with its sides swapped
	}
	var buf bytes.Buffer
	if s.ycc {
		cw, ch := (w+1)/2, (h+1)/2
		img := image.NewNYCbCrA(image.Rect(0, 0, v.Width, v.Height), image.YCbCrSubsampleRatio420)
		copy(img.Y, orient(resample(s.planes[0], w, h), o).pix)
		copy(img.Cb, orient(resample(s.planes[1], cw, ch), o).pix)
		copy(img.Cr, orient(resample(s.planes[2], cw, ch), o).pix)
		switch v.Format {
		case JPEG:
			err := jpeg.Encode(&buf, &img.YCbCr, &jpeg.Options{Quality: quality})
			return buf.Bytes(), err
		case WebP:
			toStudioRange(img)
			err := webp.Encode(&buf, img, webp.Options{Quality: quality})
			return buf.Bytes(), err
		case PNG: // a grey PNG's, decoded as one plane
			var out image.Image = &img.YCbCr
			if s.grey {
				out = &image.Gray{Pix: img.Y, Stride: img.YStride, Rect: img.Rect}
			}
			err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, out)
			return buf.Bytes(), err
		}
		return nil, fmt.Errorf("no %s variant of a YCbCr image", v.Format)
	}
	img := image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
	for c, p := range s.planes {
		shown := orient(resample(p, w, h), o)
		for i, px := range shown.pix {
			img.Pix[4*i+c] = px
		}
	}
	switch v.Format {
	case PNG:
		err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, unpremultiplied(img))
		return buf.Bytes(), err
	case JPEG: // a preview of a PNG: over white, as a page shows it
		if !s.opaque {
			white := image.NewRGBA(img.Rect)
			draw.Draw(white, white.Rect, image.NewUniform(color.White), image.Point{}, draw.Src)
			draw.Draw(white, white.Rect, img, image.Point{}, draw.Over)
			img = white
		}
		err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality})
		return buf.Bytes(), err
	case WebP:
		err := webp.Encode(&buf, unpremultiplied(img), webp.Options{Quality: quality})
		return buf.Bytes(), err
	}
	return nil, fmt.Errorf("no %s variant of an RGB image", v.Format)
}

// unpremultiplied is img as NRGBA, the colours PNG and WebP store.
func unpremultiplied(img *image.RGBA) *image.NRGBA {
	n := &image.NRGBA{Pix: img.Pix, Stride: img.Stride, Rect: img.Rect}
	for i := 0; i < len(n.Pix); i += 4 {
		a := uint32(n.Pix[i+3])
		if a == 0xFF || a == 0 {
			continue
		}
		for c := range 3 {
			n.Pix[i+c] = byte(min(255, (uint32(n.Pix[i+c])*255+a/2)/a))
		}
	}
	return n
}

// fromStudioRange maps a WebP's YUV (Y 16-235, chroma 16-240), which
// x/image/webp returns as they are, to the full range the rest of this
// package, like JPEG, works in.
func fromStudioRange(m *image.YCbCr) {
	var luma, chroma [256]byte
	for i := range 256 {
		luma[i] = byte(max(0, min(255, ((i-16)*255+109)/219)))
		chroma[i] = byte(max(0, min(255, 128+roundDiv((i-128)*255, 224))))
	}
	for i, v := range m.Y {
		m.Y[i] = luma[v]
	}
	for i, v := range m.Cb {
		m.Cb[i] = chroma[v]
	}
	for i, v := range m.Cr {
		m.Cr[i] = chroma[v]
	}
}

// roundDiv is a/b rounded to the nearest integer, halves away from zero.
func roundDiv(a, b int) int {
	if a >= 0 {
		return (a + b/2) / b
	}
	return -((-a + b/2) / b)
}

// toStudioRange maps JPEG's full-range YCbCr (0-255) to the range
// libwebp's YUV input means (Y 16-235, chroma 16-240): passed as they
// are, blacks and whites would be clipped and colours washed out.
func toStudioRange(img *image.NYCbCrA) {
	var luma, chroma [256]byte
	for i := range 256 {
		luma[i] = byte(16 + (i*219+127)/255)
		chroma[i] = byte(128 + roundDiv((i-128)*224, 255))
	}
	for i, v := range img.Y {
		img.Y[i] = luma[v]
	}
	for i, v := range img.Cb {
		img.Cb[i] = chroma[v]
	}
	for i, v := range img.Cr {
		img.Cr[i] = chroma[v]
	}
	for i := range img.A {
		img.A[i] = 0xFF
	}
}
