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

// imageOf is the Image of a photo a page names (ref, as written;
// published, its URL), the zero Image when it is not a photo of the
// site that gets variants: a file of content/ read from the page's
// folder, or one named from the site's root ("/images/a.jpg": see
// PhotoAt).
func (site *Site) imageOf(p *Page, ref, published string) Image {
	if u, err := url.Parse(ref); err != nil || u.Scheme != "" || u.Host != "" || u.RawQuery != "" || u.Fragment != "" {
		return Image{}
	}
	rel, err := url.PathUnescape(ref)
	if err != nil {
		return Image{}
	}
	var info images.Info
	ok := false
	switch {
	case strings.HasPrefix(ref, "/"):
		info, ok = site.PhotoAt(strings.TrimPrefix(cleanFile(rel), "/"))
	case site.images != nil:
		info, ok = site.images(path.Join(path.Dir(p.Src.Path), rel))
	}
	if !ok {
		return Image{}
	}
	return site.imageFrom(info, published)
}

// PhotoAt is the photo that gets variants published at at, a path under
// the output (what a URL from the site's root names, without the base
// path): one of assets/, else a file of content/ published there, which
// is known once content's files are placed (see placeFiles).
func (site *Site) PhotoAt(at string) (images.Info, bool) {
	if site.assetImgs != nil {
		if info, ok := site.assetImgs(at); ok {
			return info, true
		}
	}
	if src, ok := site.fileSrc[at]; ok && site.images != nil {
		return site.images(src)
	}
	return images.Info{}, false
}

// logoImage is the Image of the site's logo, a file of assets/ (written
// with or without its leading slash).
func (site *Site) logoImage() Image {
	logo := strings.TrimPrefix(site.Logo, "/")
	if logo == "" || site.assetImgs == nil {
		return Image{}
	}
	info, ok := site.assetImgs(logo)
	if !ok {
		return Image{}
	}
	return site.imageFrom(info, site.relURL("/"+logo))
}

// imageFrom is the Image of a photo of that info published at the URL
// published.
func (site *Site) imageFrom(info images.Info, published string) Image {
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
