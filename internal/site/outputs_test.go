package site_test

import (
	"fmt"
	"testing"

	"github.com/bulletin-ssg/bulletin/internal/images"
	"github.com/bulletin-ssg/bulletin/internal/site"
)

func TestCollisions(t *testing.T) {
	const monthly = "permalinks: {news: /news/:year/:month/:slug/}"
	tests := []struct {
		name     string
		settings []string
		files    map[string]string
		opts     site.Options
		want     []string
	}{
		{
			name: "url takes another article's path",
			files: map[string]string{
				"news/a.md": article("A", "2024-05-20"),
				"news/b.md": article("B", "2024-05-01", "url: /news/a/"),
			},
			want: []string{"content/news/b.md:4:6: output news/a/index.html is also written by content/news/a.md"},
		},
		{
			name:     "slug takes another article's path under a pattern",
			settings: []string{monthly},
			files: map[string]string{
				"news/a.md": article("A", "2024-05-20"),
				"news/b.md": article("B", "2024-05-01", "slug: a"),
			},
			want: []string{"content/news/b.md:4:7: output news/2024/05/a/index.html is also written by content/news/a.md"},
		},
		{
			name:     "a newer article's slug takes an older one's path: the error is at the slug",
			settings: []string{monthly},
			files: map[string]string{
				"news/a.md": article("A", "2024-05-01"),
				"news/b.md": article("B", "2024-05-20", "slug: a"),
			},
			want: []string{"content/news/b.md:4:7: output news/2024/05/a/index.html is also written by content/news/a.md"},
		},
		{
			name:     "same file name in two folders under a pattern",
			settings: []string{monthly},
			files: map[string]string{
				"news/x/a.md": article("A", "2024-05-20"),
				"news/y/a.md": article("A", "2024-05-01"),
			},
			want: []string{`content/news/y/a.md:1:1: output news/2024/05/a/index.html is also written by content/news/x/a.md (both are published at /news/2024/05/a/: the slug "a" comes from the file name; set slug: or url: in one of them)`},
		},
		{
			name: "three pages on one path",
			files: map[string]string{
				"news/a.md": article("A", "2024-05-20", "url: /x/"),
				"news/b.md": article("B", "2024-05-10", "url: /x"),
				"about.md":  doc("title: About", "url: /x/index.html"),
			},
			want: []string{
				"content/about.md:3:6: output x/index.html is also written by content/news/a.md",
				"content/news/b.md:4:6: output x/index.html is also written by content/news/a.md",
			},
		},
		{
			name: "alias takes a page's path",
			files: map[string]string{
				"news/a.md": article("A", "2024-05-20"),
				"news/c.md": article("C", "2024-05-01", "aliases: [/old/, /news/a]"),
			},
			want: []string{"content/news/c.md:4:10: output news/a/index.html is also written by content/news/a.md"},
		},
		{
			name: "two pages claim one alias",
			files: map[string]string{
				"news/a.md": article("A", "2024-05-20", "aliases:", "  - /old.html"),
				"news/c.md": article("C", "2024-05-01", "aliases: [/old.html]"),
			},
			want: []string{"content/news/c.md:4:10: output old.html is also written by the alias /old.html of content/news/a.md"},
		},
		{
			name:  "page takes an asset's path",
			files: map[string]string{"news/a.md": article("A", "2024-05-20")},
			opts:  site.Options{Assets: []string{"css/site.css", "news/a/index.html"}},
			want:  []string{"assets/news/a/index.html: output news/a/index.html is also written by content/news/a.md"},
		},
		{
			name:  "asset takes the feed's path",
			files: map[string]string{"news/a.md": article("A", "2024-05-20")},
			opts:  site.Options{Assets: []string{"index.xml", "news/index.xml"}},
			want: []string{
				"assets/index.xml: output index.xml is also written by bulletin's index.xml",
				"assets/news/index.xml: output news/index.xml is also written by bulletin's section page /news/ (its feed)",
			},
		},
		{
			name:  "loose content file takes a page's path",
			files: map[string]string{"news/a.md": article("A", "2024-05-20")},
			opts:  site.Options{Files: []string{"news/a/index.html"}},
			want:  []string{"content/news/a/index.html: output news/a/index.html is also written by content/news/a.md"},
		},
		{
			name:  "asset named as a variant of an asset photo",
			files: map[string]string{"news/a.md": article("A", "2024-05-20")},
			opts: site.Options{Assets: []string{"images/team.0a1b2c3d.jpg", "images/team.jpg", "images/team_480w.jpg"},
				AssetImages: func(rel string) (images.Info, bool) {
					return images.Info{Format: images.JPEG, Width: 1000, Height: 500, Orientation: 1}, rel == "images/team.jpg"
				}},
			want: []string{"assets/images/team_480w.jpg: output images/team_480w.jpg is also written by the variants of assets/images/team.jpg"},
		},
		{
			name:  "content file named as a variant of a content photo",
			files: map[string]string{"news/a.md": article("A", "2024-05-20")},
			opts: site.Options{Files: []string{"news/p.png", "news/p_960w.webp"},
				Images: func(rel string) (images.Info, bool) {
					return images.Info{Format: images.PNG, Width: 1000, Height: 500, Orientation: 1}, rel == "news/p.png"
				}},
			want: []string{"content/news/p_960w.webp: output news/p_960w.webp is also written by the variants of content/news/p.png"},
		},
		{
			name: "article takes a pager's path",
			files: map[string]string{
				"_index.md": doc("title: Site", "paginate: 1"),
				"news/a.md": article("A", "2024-05-20"),
				"news/b.md": article("B", "2024-05-10", "url: /page/2/"),
			},
			want: []string{"content/news/b.md:4:6: output page/2/index.html is also written by content/_index.md"},
		},
		{
			name: "url takes the site feed",
			files: map[string]string{
				"news/a.md": article("A", "2024-05-20", "url: /sitemap.xml"),
			},
			want: []string{"content/news/a.md:4:6: output sitemap.xml is also written by bulletin's sitemap.xml"},
		},
		{
			name: "url takes the mark of an unfinished update",
			files: map[string]string{
				"news/a.md": article("A", "2024-05-20", "url: /.bulletin-updating/"),
				"news/b.md": article("B", "2024-05-10", "url: /.bulletin-manifest.json"),
				"news/c.md": article("C", "2024-05-01", "aliases: [/x/.bulletin-0123.tmp]"),
			},
			want: []string{
				`content/news/a.md:4:6: output .bulletin-updating/index.html: names beginning ".bulletin-" are bulletin's own in an output folder`,
				`content/news/b.md:4:6: output .bulletin-manifest.json: names beginning ".bulletin-" are bulletin's own in an output folder`,
				`content/news/c.md:4:10: output x/.bulletin-0123.tmp/index.html: names beginning ".bulletin-" are bulletin's own in an output folder`,
			},
		},
		{
			name:  "page where an asset is a file",
			files: map[string]string{"news/a.md": article("A", "2024-05-20", "url: /css/style.css/")},
			opts:  site.Options{Assets: []string{"css/style.css"}},
			want:  []string{"content/news/a.md:4:6: output css/style.css is a file of assets/css/style.css, and a folder of content/news/a.md"},
		},
		{
			name: "article where another is a folder",
			files: map[string]string{
				"news/a.md": article("A", "2024-05-20", "url: /news/x.html"),
				"news/b.md": article("B", "2024-05-10", "url: /news/x.html/b/"),
			},
			want: []string{"content/news/b.md:4:6: output news/x.html is a file of content/news/a.md, and a folder of content/news/b.md"},
		},
		{
			name:  "slug too long for a file system",
			files: map[string]string{"news/a.md": article("A", "2024-05-20", "slug: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")},
			want:  []string{"content/news/a.md:4:7: output news/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…: a name of 300 bytes; file systems store at most 255"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, ok := tt.files["_index.md"]; !ok {
				tt.files["_index.md"] = doc(append([]string{"title: Site"}, tt.settings...)...)
			}
			s, err := buildSite(t, tt.files, tt.opts)
			if err == nil {
				t.Fatal("no error")
			}
			if s == nil {
				t.Error("no graph is returned with the error")
			}
			sameStrings(t, "errors", errorLines(err), tt.want)
		})
	}
}

func TestCollisionErrorIsPositioned(t *testing.T) {
	_, err := buildSite(t, map[string]string{
		"news/a.md": article("A", "2024-05-20"),
		"news/b.md": article("B", "2024-05-01", "url: /news/a/"),
	}, site.Options{})
	d := diagError(t, err)
	if d.File != "content/news/b.md" || d.Line != 4 || d.Col != 6 {
		t.Errorf("error at %s:%d:%d, want content/news/b.md:4:6", d.File, d.Line, d.Col)
	}
}

// An error about a page's path should point at the source that chose the
// path, with its position, even when the other claimant is generated.
func TestCollisionWithGeneratedPageIsPositioned(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{
			name:  "url takes the 404 page",
			files: map[string]string{"news/a.md": article("A", "2024-05-20", "url: /404.html")},
			want:  "content/news/a.md:4:6: ",
		},
		{
			name:  "url takes the tags page",
			files: map[string]string{"news/a.md": article("A", "2024-05-20", "url: /tags/")},
			want:  "content/news/a.md:4:6: ",
		},
		{
			name:  "a section named tags",
			files: map[string]string{"tags/a.md": article("A", "2024-05-20")},
			want:  "content/tags/a.md",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := buildSite(t, tt.files, site.Options{})
			lines := errorLines(err)
			if len(lines) != 1 || len(lines[0]) < len(tt.want) || lines[0][:len(tt.want)] != tt.want {
				t.Errorf("errors %q, want one starting %q", lines, tt.want)
			}
		})
	}
}

func TestNoCollisionForDistinctPaths(t *testing.T) {
	// Same slug in two sections, an alias beside its page, a loose file and
	// an asset beside pages: all distinct outputs.
	newSite(t, map[string]string{
		"news/a.md": article("A", "2024-05-20", "aliases: [/old/a/, /old/a.html]"),
		"blog/a.md": article("A", "2024-05-20"),
		"about.md":  doc("title: About"),
	}, site.Options{
		Files:  []string{"news/a.jpg", "about.pdf"},
		Assets: []string{"css/site.css", "news/a/style.css"},
	})
}

func TestAliases(t *testing.T) {
	s := newSite(t, map[string]string{
		"news/_index.md": doc("title: News", "aliases: [/articles]"),
		"news/a.md":      article("A", "2024-05-20", "aliases: [/old/a, /old/123.html, /old//b/, /旧/新闻]"),
		"about.md":       doc("title: About", "aliases: /company/"),
	}, site.Options{})
	var got []string
	for _, a := range s.Aliases {
		got = append(got, fmt.Sprintf("%s %s -> %s", a.Path, a.OutputFile(), a.Target.File))
	}
	sameStrings(t, "aliases", got, []string{
		"/articles/ articles/index.html -> content/news/_index.md",
		"/old/a/ old/a/index.html -> content/news/a.md",
		"/old/123.html old/123.html -> content/news/a.md",
		"/old/b/ old/b/index.html -> content/news/a.md",
		"/旧/新闻/ 旧/新闻/index.html -> content/news/a.md",
		"/company/ company/index.html -> content/about.md",
	})
	if a := s.Aliases[1]; a.Target != page(t, s, "news/a.md") {
		t.Errorf("alias target is not the page itself")
	}
}

func TestFiles(t *testing.T) {
	s := newSite(t, map[string]string{
		"_index.md":            doc("title: Site", "permalinks: {news: /news/:year/:month/:slug/}"),
		"news/launch/index.md": article("Launch", "2024-05-20"),
		"news/old/index.md":    article("Old", "2024-05-20", "url: /old/launch.html"),
		"news/a.md":            article("A", "2024-05-20"),
	}, site.Options{
		Files: []string{
			"news/launch/photo.jpg",
			"news/launch/img/照片.png",
			"news/old/x.pdf",
			"news/draft/x.jpg",
			"news/draft/sub/y.jpg",
			"news/drafts/z.jpg",
			"news/banner.jpg",
			"news/2024/chart.svg",
			"logo.png",
		},
		HiddenBundles: []string{"news/draft"},
	})
	var got []string
	for _, r := range s.Files {
		got = append(got, r.Src+" -> "+r.Dest)
	}
	sameStrings(t, "files", got, []string{
		"content/news/launch/photo.jpg -> news/2024/05/launch/photo.jpg",
		"content/news/launch/img/照片.png -> news/2024/05/launch/img/照片.png",
		"content/news/old/x.pdf -> old/x.pdf",
		// news/draft is hidden: its files are not copied, at any depth.
		"content/news/drafts/z.jpg -> news/drafts/z.jpg",
		"content/news/banner.jpg -> news/banner.jpg",
		"content/news/2024/chart.svg -> news/2024/chart.svg",
		"content/logo.png -> logo.png",
	})
	launch := page(t, s, "news/launch/index.md")
	var res []string
	for _, r := range launch.Resources {
		res = append(res, r.Src+" -> "+r.Dest)
	}
	sameStrings(t, "launch resources", res, []string{
		"content/news/launch/photo.jpg -> news/2024/05/launch/photo.jpg",
		"content/news/launch/img/照片.png -> news/2024/05/launch/img/照片.png",
	})
	if a := page(t, s, "news/a.md"); len(a.Resources) != 0 {
		t.Errorf("a plain article has resources %v", a.Resources)
	}
}

func TestCover(t *testing.T) {
	const (
		sub     = "baseURL: https://x.example/blog/"
		monthly = "permalinks: {news: /news/:year/:month/:slug/}"
	)
	tests := []struct {
		name     string
		settings []string
		rel      string
		cover    string
		want     string
	}{
		{"bundle file", nil, "news/launch/index.md", "photo.jpg", "/news/launch/photo.jpg"},
		{"bundle file under a pattern and sub-path", []string{sub, monthly}, "news/launch/index.md", "photo.jpg", "/blog/news/2024/05/launch/photo.jpg"},
		{"bundle file in a sub-folder", []string{monthly}, "news/launch/index.md", "img/a.png", "/news/2024/05/launch/img/a.png"},
		{"bundle file with a Chinese name", []string{sub}, "news/launch/index.md", "照片.jpg", "/blog/news/launch/%E7%85%A7%E7%89%87.jpg"},
		{"absolute URL", []string{sub}, "news/launch/index.md", "https://cdn.example.com/x.jpg", "https://cdn.example.com/x.jpg"},
		{"scheme-relative URL", []string{sub}, "news/a.md", "//cdn.example.com/x.jpg", "//cdn.example.com/x.jpg"},
		{"site path", []string{sub}, "news/a.md", "/x.jpg", "/blog/x.jpg"},
		{"site path in a bundle", []string{sub, monthly}, "news/launch/index.md", "/images/x.jpg", "/blog/images/x.jpg"},
		{"site path at root base", nil, "news/a.md", "/images/x.jpg", "/images/x.jpg"},
		{"relative to a plain article's folder", []string{sub, monthly}, "news/2024/a.md", "img/x.jpg", "/blog/news/2024/img/x.jpg"},
		{"relative to a top-level page", []string{sub}, "about.md", "team.jpg", "/blog/team.jpg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := article("T", "2024-05-20", "cover: "+tt.cover)
			if tt.rel == "about.md" {
				text = doc("title: T", "cover: "+tt.cover)
			}
			s := newSite(t, map[string]string{
				"_index.md": doc(append([]string{"title: Site"}, tt.settings...)...),
				tt.rel:      text,
			}, site.Options{})
			if got := page(t, s, tt.rel).Cover; got != tt.want {
				t.Errorf("Cover = %q, want %q", got, tt.want)
			}
		})
	}
	s := newSite(t, map[string]string{"news/a.md": article("A", "2024-05-20")}, site.Options{})
	if c := page(t, s, "news/a.md").Cover; c != "" {
		t.Errorf("no cover: Cover = %q", c)
	}
}

// A relative cover names a file relative to the page's source folder
// (resolveRef's contract). In a bundle whose output folder differs from
// its source folder (a permalink pattern), a reference that leaves the
// bundle must still reach the file where it is copied, and the URL should
// be clean.
func TestCoverRelativeRefsInBundle(t *testing.T) {
	tests := []struct{ cover, want string }{
		{"./photo.jpg", "/news/2024/05/launch/photo.jpg"},
		{"../shared/x.jpg", "/news/shared/x.jpg"},
	}
	for _, tt := range tests {
		s := newSite(t, map[string]string{
			"_index.md":            doc("title: Site", "permalinks: {news: /news/:year/:month/:slug/}"),
			"news/launch/index.md": article("Launch", "2024-05-20", "cover: "+tt.cover),
		}, site.Options{Files: []string{"news/launch/photo.jpg", "news/shared/x.jpg"}})
		if got := page(t, s, "news/launch/index.md").Cover; got != tt.want {
			t.Errorf("cover %q: Cover = %q, want %q", tt.cover, got, tt.want)
		}
	}
}
