package images

// plane is one 8-bit channel of an image (Y, Cb, Cr, or R, G, B, A
// interleaved with a step), stored row by row.
type plane struct {
	pix          []byte
	w, h         int
	stride, step int // bytes from one row, and from one pixel, to the next
}

func newPlane(w, h int) plane { return plane{pix: make([]byte, w*h), w: w, h: h, stride: w, step: 1} }

func (p plane) at(x, y int) byte { return p.pix[y*p.stride+x*p.step] }

// contribution is how one destination pixel of a row or column is made:
// the source pixels from first on, each with its weight (16.16 fixed
// point, the weights summing to 1<<16).
type contribution struct {
	first   int
	weights []int32
}

// boxWeights returns, for a source of n pixels scaled to m, each
// destination pixel's share of the source: when m <= n, the average of
// the source pixels it covers, partly covered ones by the part covered.
// Averaging over the whole area is what keeps a photo shrunk 2.5 times
// from shimmering, and costs one pass over the source per axis. When m
// > n (only a chroma plane stored at a quarter of the width grows to
// half), each pixel repeats its nearest source pixel.
func boxWeights(n, m int) []contribution {
	out := make([]contribution, m)
	if m > n {
		for i := range out {
			out[i] = contribution{first: i * n / m, weights: []int32{1 << 16}}
		}
		return out
	}
	scale := float64(n) / float64(m)
	for i := range out {
		lo, hi := float64(i)*scale, float64(i+1)*scale
		first := int(lo)
		last := min(n-1, int(hi-1e-9))
		ws := make([]int32, last-first+1)
		sum := int32(0)
		big := 0
		for j := range ws {
			a, b := max(lo, float64(first+j)), min(hi, float64(first+j+1))
			ws[j] = int32((b - a) / scale * 65536)
			sum += ws[j]
			if ws[j] > ws[big] {
				big = j
			}
		}
		ws[big] += 65536 - sum // rounding: the weights sum to exactly one
		out[i] = contribution{first: first, weights: ws}
	}
	return out
}

// resample scales src to w×h (see boxWeights), as a new tightly packed
// plane.
func resample(src plane, w, h int) plane {
	if w == src.w && h == src.h {
		dst := newPlane(w, h)
		for y := range h {
			for x := range w {
				dst.pix[y*w+x] = src.at(x, y)
			}
		}
		return dst
	}
	// Rows first, into a w×src.h plane; then columns.
	cols := boxWeights(src.w, w)
	mid := newPlane(w, src.h)
	for y := range src.h {
		row := src.pix[y*src.stride:]
		out := mid.pix[y*w : (y+1)*w]
		for x, c := range cols {
			acc := int32(1 << 15)
			at := c.first * src.step
			for _, wt := range c.weights {
				acc += int32(row[at]) * wt
				at += src.step
			}
			out[x] = byte(acc >> 16)
		}
	}
	rows := boxWeights(src.h, h)
	dst := newPlane(w, h)
	acc := make([]int32, w)
	for y, c := range rows {
		for x := range acc {
			acc[x] = 1 << 15
		}
		for k, wt := range c.weights {
			in := mid.pix[(c.first+k)*w : (c.first+k+1)*w]
			for x, v := range in {
				acc[x] += int32(v) * wt
			}
		}
		out := dst.pix[y*w : (y+1)*w]
		for x, a := range acc {
			out[x] = byte(a >> 16)
		}
	}
	return dst
}

// halve averages each 2×2 block of p into one pixel (a last odd row or
// column counts twice): a phone's photo halved first leaves a quarter of
// its pixels for every variant's area average to go over, which is then
// the same average within a pixel of the half-size image.
func halve(p plane) plane {
	w, h := (p.w+1)/2, (p.h+1)/2
	dst := newPlane(w, h)
	for y := range h {
		y0, y1 := 2*y, min(2*y+1, p.h-1)
		r0, r1 := p.pix[y0*p.stride:], p.pix[y1*p.stride:]
		out := dst.pix[y*w : (y+1)*w]
		for x := range out {
			x0, x1 := 2*x*p.step, min(2*x+1, p.w-1)*p.step
			out[x] = byte((int(r0[x0]) + int(r0[x1]) + int(r1[x0]) + int(r1[x1]) + 2) >> 2)
		}
	}
	return dst
}

// orient turns a tightly packed plane as EXIF orientation o says the
// camera was held, so that it shows upright.
func orient(p plane, o int) plane {
	if o <= 1 || o > 8 {
		return p
	}
	w, h := p.w, p.h
	if o >= 5 {
		w, h = h, w
	}
	dst := newPlane(w, h)
	for y := range p.h {
		row := p.pix[y*p.stride : y*p.stride+p.w]
		for x, v := range row {
			var dx, dy int
			switch o {
			case 2: // mirrored
				dx, dy = p.w-1-x, y
			case 3: // upside down
				dx, dy = p.w-1-x, p.h-1-y
			case 4: // mirrored upside down
				dx, dy = x, p.h-1-y
			case 5: // mirrored, turned
				dx, dy = y, x
			case 6: // turned a quarter right to show
				dx, dy = p.h-1-y, x
			case 7:
				dx, dy = p.h-1-y, p.w-1-x
			case 8: // turned a quarter left to show
				dx, dy = y, p.w-1-x
			}
			dst.pix[dy*w+dx] = v
		}
	}
	return dst
}
