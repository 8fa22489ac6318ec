package site_test

import (
	"testing"

	"github.com/bulletin-ssg/bulletin/internal/images"
	"github.com/bulletin-ssg/bulletin/internal/site"
)

// A cover is a photo of the site when it names one: a file of content/
// from the page's folder, or a file of assets/ from the site's root,
// under the site's base path. Its variants are beside it.
func TestCoverImage(t *testing.T) {
	photo := images.Info{Format: images.JPEG, Width: 2000, Height: 1000, Orientation: 1}
	content := map[string]images.Info{"news/launch/photo.jpg": photo, "news/images/a.jpg": photo}
	assets := map[string]images.Info{
		"images/team.jpg": photo,
		"images/b c.png":  {Format: images.PNG, Width: 800, Height: 400, Orientation: 1},
		"images/anim.png": {Format: images.PNG, Width: 800, Height: 400, Orientation: 1, Animated: true},
	}
	tests := []struct {
		name, baseURL, cover string
		wantCover, wantSrc   string // the cover's URL, its largest variant's ("" for none)
		wantShare            string
	}{
		{name: "bundle file", cover: "photo.jpg", wantCover: "/news/launch/photo.jpg", wantSrc: "/news/launch/photo_1600w.jpg", wantShare: "/news/launch/photo_1200w.jpg"},
		{name: "content file", cover: "../images/a.jpg", wantCover: "/news/images/a.jpg", wantSrc: "/news/images/a_1600w.jpg", wantShare: "/news/images/a_1200w.jpg"},
		{name: "assets file", cover: "/images/team.jpg", wantCover: "/images/team.jpg", wantSrc: "/images/team_1600w.jpg", wantShare: "/images/team_1200w.jpg"},
		{name: "assets file, cleaned", cover: "/images/../images/team.jpg", wantCover: "/images/team.jpg", wantSrc: "/images/team_1600w.jpg", wantShare: "/images/team_1200w.jpg"},
		{name: "assets file, under a base path", baseURL: "https://example.com/blog/", cover: "/images/team.jpg",
			wantCover: "/blog/images/team.jpg", wantSrc: "/blog/images/team_1600w.jpg", wantShare: "/blog/images/team_1200w.jpg"},
		{name: "assets PNG, a space in its name", cover: "/images/b c.png", wantCover: "/images/b%20c.png", wantSrc: "/images/b%20c_800w.png", wantShare: "/images/b%20c_800w.jpg"},
		{name: "assets animation", cover: "/images/anim.png", wantCover: "/images/anim.png"},
		{name: "not a file of assets", cover: "/images/none.jpg", wantCover: "/images/none.jpg"},
		{name: "a content path from the root", cover: "/news/images/a.jpg", wantCover: "/news/images/a.jpg"},
		{name: "another site", cover: "https://cdn.example.com/images/team.jpg", wantCover: "https://cdn.example.com/images/team.jpg"},
		{name: "another host's root", cover: "//cdn.example.com/images/team.jpg", wantCover: "//cdn.example.com/images/team.jpg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			home := doc("title: Site", "images: {widths: [800, 1600]}")
			if tt.baseURL != "" {
				home = doc("title: Site", "images: {widths: [800, 1600]}", "baseURL: "+tt.baseURL)
			}
			s := newSite(t, map[string]string{
				"_index.md":            home,
				"news/launch/index.md": doc("title: Launch", "date: 2025-01-01", "cover: "+tt.cover),
			}, site.Options{
				Images:      func(rel string) (images.Info, bool) { i, ok := content[rel]; return i, ok },
				AssetImages: func(rel string) (images.Info, bool) { i, ok := assets[rel]; return i, ok },
			})
			p := page(t, s, "news/launch/index.md")
			if p.Cover != tt.wantCover || p.CoverImage.Src != tt.wantSrc || p.CoverImage.Share != tt.wantShare {
				t.Errorf("cover %q: %q with %q (share %q), want %q with %q (share %q)",
					tt.cover, p.Cover, p.CoverImage.Src, p.CoverImage.Share, tt.wantCover, tt.wantSrc, tt.wantShare)
			}
		})
	}
}

// The site's logo, a file of assets/, has its variants when it is a
// photo: link previews of pages without a cover of their own show its
// share variant.
func TestLogoImage(t *testing.T) {
	assets := map[string]images.Info{
		"images/logo.png":  {Format: images.PNG, Width: 400, Height: 100, Orientation: 1},
		"images/photo.jpg": {Format: images.JPEG, Width: 3000, Height: 2000, Orientation: 1},
	}
	tests := []struct {
		logo, baseURL     string
		wantSrc, wantWebP string
		wantShare         string
		shareW, shareH    int
	}{
		{logo: "images/logo.png", wantSrc: "/images/logo_400w.png", wantWebP: "/images/logo_400w.webp 400w", wantShare: "/images/logo_400w.jpg", shareW: 400, shareH: 100},
		{logo: "/images/logo.png", baseURL: "https://example.com/blog/", wantSrc: "/blog/images/logo_400w.png", wantWebP: "/blog/images/logo_400w.webp 400w", wantShare: "/blog/images/logo_400w.jpg", shareW: 400, shareH: 100},
		{logo: "images/photo.jpg", wantSrc: "/images/photo_1600w.jpg", wantWebP: "/images/photo_480w.webp 480w, /images/photo_1600w.webp 1600w", wantShare: "/images/photo_1200w.jpg", shareW: 1200, shareH: 800},
		{logo: "images/logo.svg"},
		{logo: ""},
	}
	for _, tt := range tests {
		t.Run(tt.logo, func(t *testing.T) {
			lines := []string{"title: Site", "images: {widths: [480, 1600]}", "logo: " + tt.logo}
			if tt.baseURL != "" {
				lines = append(lines, "baseURL: "+tt.baseURL)
			}
			s := newSite(t, map[string]string{"_index.md": doc(lines...)},
				site.Options{AssetImages: func(rel string) (images.Info, bool) { i, ok := assets[rel]; return i, ok }})
			got := s.LogoImage
			if got.Src != tt.wantSrc || got.WebPSrcset != tt.wantWebP || got.Share != tt.wantShare || got.ShareWidth != tt.shareW || got.ShareHeight != tt.shareH {
				t.Errorf("logo %q: %+v", tt.logo, got)
			}
		})
	}
}
