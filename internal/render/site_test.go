package render_test

import (
	"bytes"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/bulletin-ssg/bulletin"
	"github.com/bulletin-ssg/bulletin/internal/config"
	"github.com/bulletin-ssg/bulletin/internal/content"
	"github.com/bulletin-ssg/bulletin/internal/frontmatter"
	"github.com/bulletin-ssg/bulletin/internal/markdown"
	"github.com/bulletin-ssg/bulletin/internal/render"
	"github.com/bulletin-ssg/bulletin/internal/site"
	"github.com/bulletin-ssg/bulletin/internal/theme"
)

// fixedNow is the clock of every test site: the copyright year is 2026.
var fixedNow = time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)

// sources are the files of content/, by content-relative path.
type sources map[string]string

// testSite is a site graph built through the real pieces, with its
// Markdown rendered, as the build's stages up to the theme leave it.
type testSite struct {
	*site.Site
	settings *config.Settings
	md       *markdown.Renderer
}

// newSite runs front matter, settings, content (with cascade), the site
// graph and Markdown over files, as internal/build does.
func newSite(t testing.TB, files sources) *testSite {
	t.Helper()
	rels := make([]string, 0, len(files))
	for rel := range files {
		rels = append(rels, rel)
	}
	sort.Strings(rels)
	matters := map[string]*frontmatter.Matter{}
	for _, rel := range rels {
		m, err := frontmatter.Parse([]byte(files[rel]))
		if err != nil {
			t.Fatalf("content/%s: %v", rel, err)
		}
		matters[rel] = m
	}
	home := matters["_index.md"]
	if home == nil {
		home = &frontmatter.Matter{Fields: map[string]any{}, Pos: map[string]frontmatter.Position{}}
	}
	settings, err := config.Parse("content/_index.md", home, "")
	if err != nil {
		t.Fatal(err)
	}

	// Home and sections first, each after the ones above it (as the
	// build reads them), then every other page with the cascades above.
	indexes := slices.Clone(rels)
	indexes = slices.DeleteFunc(indexes, func(rel string) bool {
		kind, _ := content.Classify(rel)
		return kind != content.KindHome && kind != content.KindSection
	})
	slices.SortStableFunc(indexes, func(a, b string) int { return strings.Count(a, "/") - strings.Count(b, "/") })
	cascades := map[string]map[string]any{}
	var pages []*content.Page
	for _, rel := range indexes {
		p, err := content.New("content/"+rel, rel, matters[rel], content.Options{Settings: settings, Cascade: content.CascadeChain(rel, func(f string) map[string]any { return cascades[f] })})
		if err != nil {
			t.Fatal(err)
		}
		if p.Cascade != nil {
			cascades[content.SectionFolder(rel)] = p.Cascade
		}
		pages = append(pages, p)
	}
	for _, rel := range rels {
		if kind, _ := content.Classify(rel); kind == content.KindHome || kind == content.KindSection {
			continue
		}
		p, err := content.New("content/"+rel, rel, matters[rel], content.Options{Settings: settings, Cascade: content.CascadeChain(rel, func(f string) map[string]any { return cascades[f] })})
		if err != nil {
			t.Fatal(err)
		}
		if p.Published(fixedNow, false, false, false) {
			pages = append(pages, p)
		}
	}
	s, err := site.New(settings, pages, site.Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}

	md := markdown.New(markdown.Options{UnsafeHTML: settings.UnsafeHTML, Language: settings.Language})
	resolve := func(target string) (string, markdown.Found) {
		if p, ok := s.ByFile(target); ok {
			return p.RelPermalink, markdown.Published
		}
		return "", markdown.Missing
	}
	for _, p := range s.AllPages() {
		if p.Src == nil {
			continue
		}
		res, err := md.Render(markdown.Doc{File: p.Src.File, Path: p.Src.Path, Line: p.Src.BodyLine, Source: p.Src.Body, Resolve: resolve})
		if err != nil {
			t.Fatal(err)
		}
		p.Content, p.TOC = res.HTML, res.TOC
		p.Summary, p.Truncated = res.Summary, res.Truncated
		p.WordCount, p.ReadingTime = res.WordCount, res.ReadingTime
		if p.Src.Summary != "" {
			p.Summary, p.Truncated = md.Inline(p.Src.Summary), true
		}
	}
	return &testSite{Site: s, settings: settings, md: md}
}

// theme loads layouts (nil: none) over the real built-in theme, with the
// Env the build gives it.
func (ts *testSite) theme(t testing.TB, layouts fs.FS) *theme.Theme {
	t.Helper()
	builtin, err := fs.Sub(bulletin.Theme, "layouts")
	if err != nil {
		t.Fatal(err)
	}
	s := ts.settings
	env := theme.Env{
		BaseURL: s.BaseURL, BasePath: s.BasePath, Language: s.Language, Zone: s.Zone,
		Markdown: ts.md.Inline,
		Asset: func(name string) (string, error) {
			if _, err := fs.Stat(bulletin.Theme, "assets/"+name); err != nil {
				return "", err
			}
			return s.BasePath + name, nil
		},
	}
	th, err := theme.Load(layouts, builtin, env)
	if err != nil {
		t.Fatal(err)
	}
	if err := th.Check(); err != nil {
		t.Fatal(err)
	}
	return th
}

// page finds a page by its site path ("/news/a/", "/tags/外交/").
func (ts *testSite) page(t testing.TB, sitePath string) *site.Page {
	t.Helper()
	var paths []string
	for _, p := range ts.AllPages() {
		if p.Path == sitePath {
			return p
		}
		paths = append(paths, p.Path)
	}
	t.Fatalf("no page at %s; pages: %s", sitePath, strings.Join(paths, " "))
	return nil
}

// pageBytes renders one page into a new buffer.
func pageBytes(th *theme.Theme, s *site.Site, p *site.Page, pager *site.Paginator, rec *render.Recorder) ([]byte, error) {
	var buf bytes.Buffer
	err := render.Page(&buf, th, s, p, pager, rec)
	return buf.Bytes(), err
}
