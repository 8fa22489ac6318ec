package site

import (
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/bulletin-ssg/bulletin/internal/images"
)

// Image is a photo of the site as a template shows it: its variants'
// URLs (as the page gives the photo's own URL: with the base path) and
// the largest one's size. The zero Image is no photo: a cover on another
// site, a GIF, an SVG.
type Image struct {
	Src           string // the largest variant in the photo's format
	Srcset        string // every width in that format: "a_480w.jpg 480w, a_960w.jpg 960w"
	WebPSrcset    string // the same widths in WebP ("" for a WebP photo)
	Width, Height int    // the largest variant's, for the page to keep its place
	// Share is the variant link previews show (Open Graph, structured
	// data): 1200 pixels wide, or the photo's width when smaller.
	Share                   string
	ShareWidth, ShareHeight int
}

// imageOf is the Image of a photo a page names (ref, as written; url,
// where it is published), the zero Image when it is not a photo of the
// site that gets variants.
func (site *Site) imageOf(p *Page, ref, published string) Image {
	if site.images == nil || strings.HasPrefix(ref, "/") {
		return Image{}
	}
	if u, err := url.Parse(ref); err != nil || u.Scheme != "" || u.Host != "" || u.RawQuery != "" || u.Fragment != "" {
		return Image{}
	}
	rel, err := url.PathUnescape(ref)
	if err != nil {
		return Image{}
	}
	info, ok := site.images(path.Join(path.Dir(p.Src.Path), rel))
	if !ok {
		return Image{}
	}
	set, ok := images.Plan(info, site.Settings.Images)
	if !ok {
		return Image{}
	}
	srcset := func(vs []images.Variant) string {
		var b strings.Builder
		for i, v := range vs {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(v.Name(published) + " " + strconv.Itoa(v.Width) + "w")
		}
		return b.String()
	}
	largest := set.Largest()
	return Image{
		Src: largest.Name(published), Srcset: srcset(set.Own), WebPSrcset: srcset(set.WebP),
		Width: largest.Width, Height: largest.Height,
		Share: set.Share.Name(published), ShareWidth: set.Share.Width, ShareHeight: set.Share.Height,
	}
}
