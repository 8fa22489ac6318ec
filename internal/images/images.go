// Package images makes a site's photos fit for the web: the widths a
// page offers the browser (in the original format and WebP), turned the
// way the camera was held, with the camera's metadata (GPS position,
// serial numbers, XMP) left out of everything published.
//
// Behaviour users rely on:
//   - JPEG, PNG and WebP files are resized to each width of Settings
//     below their own (never enlarged); the largest variant is the
//     image's own width when a setting is wider, so a picture always
//     offers its full size;
//   - the EXIF orientation is applied to every variant (a phone's
//     portrait photo stays portrait), and Width and Height are as shown;
//   - published bytes carry no EXIF, XMP, IPTC or comments: the variants
//     are encoded anew, the original is rewritten without those segments
//     and with nothing else changed (its pixels are not decoded), keeping
//     only the orientation, unless Settings.KeepMetadata;
//   - GIF and SVG, and animated PNG or WebP, are published as they are.
//
// The package reads and writes bytes only: which files are images, where
// variants go and what is cached is the caller's business.
package images

import (
	"fmt"
	"path"
	"strconv"
	"strings"
)

// Format is an image file format.
type Format uint8

const (
	Unknown Format = iota
	JPEG
	PNG
	GIF
	WebP
	SVG
)

// extensions are the names a format's files end in, the first the one
// variants get.
var extensions = [...][]string{
	JPEG: {".jpg", ".jpeg", ".jfif"},
	PNG:  {".png"},
	GIF:  {".gif"},
	WebP: {".webp"},
	SVG:  {".svg"},
}

// FormatOf reports the format of a file by its name's extension, in any
// case.
func FormatOf(name string) Format {
	ext := strings.ToLower(path.Ext(name))
	for f, exts := range extensions {
		for _, e := range exts {
			if e == ext {
				return Format(f)
			}
		}
	}
	return Unknown
}

func (f Format) String() string {
	switch f {
	case JPEG:
		return "JPEG"
	case PNG:
		return "PNG"
	case GIF:
		return "GIF"
	case WebP:
		return "WebP"
	case SVG:
		return "SVG"
	}
	return "unknown"
}

// Resizable reports whether images of the format get variants (when they
// are not animated).
func (f Format) Resizable() bool { return f == JPEG || f == PNG || f == WebP }

// Info is what a page needs to know of an image to show it: its format
// and size as shown.
type Info struct {
	Format        Format
	Width, Height int // as shown: the orientation applied
	// Orientation is the EXIF orientation, 1 (as stored) to 8.
	Orientation int
	Animated    bool
}

// String encodes the info for ParseInfo: "JPEG 4000 3000 1 still".
func (i Info) String() string {
	motion := "still"
	if i.Animated {
		motion = "animated"
	}
	return fmt.Sprintf("%s %d %d %d %s", i.Format, i.Width, i.Height, i.Orientation, motion)
}

// ParseInfo reads what Info.String wrote.
func ParseInfo(s string) (Info, error) {
	var i Info
	var format, motion string
	if _, err := fmt.Sscanf(s, "%s %d %d %d %s", &format, &i.Width, &i.Height, &i.Orientation, &motion); err != nil {
		return Info{}, fmt.Errorf("image info %q: %w", s, err)
	}
	for f := JPEG; f <= SVG; f++ {
		if f.String() == format {
			i.Format = f
		}
	}
	i.Animated = motion == "animated"
	if i.Format == Unknown || motion != "still" && !i.Animated {
		return Info{}, fmt.Errorf("image info %q: unknown format or motion", s)
	}
	return i, nil
}

// WidthsString is the widths as a list, "480,960,1600", which
// ParseWidths reads.
func (s Settings) WidthsString() string {
	parts := make([]string, len(s.Widths))
	for i, w := range s.Widths {
		parts[i] = strconv.Itoa(w)
	}
	return strings.Join(parts, ",")
}

// ParseWidths reads WidthsString's list; nil for "" or a malformed one.
func ParseWidths(list string) []int {
	var ws []int
	for part := range strings.SplitSeq(list, ",") {
		w, err := strconv.Atoi(part)
		if err != nil || w < 1 {
			return nil
		}
		ws = append(ws, w)
	}
	return ws
}

// Settings are a site's image settings.
type Settings struct {
	Widths       []int // ascending
	Quality      int   // 1-100, for JPEG and WebP
	KeepMetadata bool  // publish the original with its metadata
}

// DefaultSettings are the settings of a site that sets none.
func DefaultSettings() Settings {
	return Settings{Widths: []int{480, 960, 1600}, Quality: 80}
}

// ShareWidth is the width of the variant Open Graph and structured data
// name: the size Facebook, LinkedIn and WeChat's previews ask for.
const ShareWidth = 1200

// Key names everything in the settings that changes the bytes of a
// variant or of the published original, for cache keys.
func (s Settings) Key() string {
	var b strings.Builder
	fmt.Fprintf(&b, "v1 q%d m%v w", s.Quality, s.KeepMetadata)
	for _, w := range s.Widths {
		b.WriteString(strconv.Itoa(w))
		b.WriteByte(',')
	}
	return b.String()
}

// Variant is one resized copy of an image.
type Variant struct {
	Width, Height int
	Format        Format
}

// Suffix is what the variant's file name adds to the image's name
// without its extension: photo.jpg's 480-pixel WebP is photo_480w.webp.
func (v Variant) Suffix() string {
	return "_" + strconv.Itoa(v.Width) + "w" + extensions[v.Format][0]
}

// Name is the variant's file name (or path) for the image named name.
func (v Variant) Name(name string) string {
	return strings.TrimSuffix(name, path.Ext(name)) + v.Suffix()
}

// Set is the variants an image gets, by what they are for.
type Set struct {
	// Own are in the image's format (JPEG for a WebP original, which old
	// browsers cannot show), ascending; WebP are the same widths in WebP
	// (none for a WebP original: Own is the fallback).
	Own, WebP []Variant
	// Share is the variant link previews name, ShareWidth wide or the
	// largest below it: one of Own, or a JPEG of its own.
	Share Variant
}

// All lists every variant of the set once.
func (s Set) All() []Variant {
	all := append(append([]Variant(nil), s.Own...), s.WebP...)
	for _, v := range all {
		if v == s.Share {
			return all
		}
	}
	return append(all, s.Share)
}

// Largest is the widest of Own, which an <img> names as its src and
// whose size it gives as its width and height.
func (s Set) Largest() Variant { return s.Own[len(s.Own)-1] }

// Plan returns the variants of an image, and false for an image that
// gets none (a GIF, an SVG, an animation).
func Plan(info Info, s Settings) (Set, bool) {
	if !info.Format.Resizable() || info.Animated || info.Width <= 0 || info.Height <= 0 {
		return Set{}, false
	}
	own := info.Format
	if own == WebP {
		own = JPEG
	}
	var set Set
	add := func(w int) {
		h := max(1, (info.Height*w+info.Width/2)/info.Width)
		set.Own = append(set.Own, Variant{w, h, own})
		if info.Format != WebP {
			set.WebP = append(set.WebP, Variant{w, h, WebP})
		}
	}
	for _, w := range s.Widths {
		if w >= info.Width {
			break
		}
		add(w)
	}
	if len(set.Own) < len(s.Widths) || len(s.Widths) == 0 {
		add(info.Width) // a setting at least as wide: the image's own width
	}
	share := min(ShareWidth, info.Width)
	set.Share = Variant{share, max(1, (info.Height*share+info.Width/2)/info.Width), JPEG}
	if own == JPEG {
		for _, v := range set.Own {
			if v.Width == share {
				set.Share = v
			}
		}
	}
	return set, true
}
