package site_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/config"
	"github.com/bulletin-ssg/bulletin/internal/content"
	"github.com/bulletin-ssg/bulletin/internal/diag"
	"github.com/bulletin-ssg/bulletin/internal/diag/diagtest"
	"github.com/bulletin-ssg/bulletin/internal/frontmatter"
	"github.com/bulletin-ssg/bulletin/internal/site"
)

// now is the fixed build time of every test unless one says otherwise.
var now = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

// buildSite reads files (content-relative path -> file text) the way the
// build does (see readPages) and builds the site. Every page is passed to
// site.New; tests that want an unpublished bundle say so in
// opts.HiddenBundles. opts.Now defaults to now.
func buildSite(t *testing.T, files map[string]string, opts site.Options) (*site.Site, error) {
	t.Helper()
	if opts.Now.IsZero() {
		opts.Now = now
	}
	settings, pages := readPages(t, files)
	return site.New(settings, pages, opts)
}

// readPages reads the settings from _index.md, then home and sections,
// then every other page with the cascades of the sections above it and
// of the home page, as the build does.
func readPages(t *testing.T, files map[string]string) (*config.Settings, []*content.Page) {
	t.Helper()
	matters := map[string]*frontmatter.Matter{}
	for rel, text := range files {
		m, err := frontmatter.Parse([]byte(text))
		if err != nil {
			t.Fatalf("content/%s: %v", rel, err)
		}
		matters[rel] = m
	}
	home, ok := matters["_index.md"]
	if !ok {
		home, _ = frontmatter.Parse(nil)
	}
	settings, err := config.Parse("content/_index.md", home, "")
	if err != nil {
		t.Fatalf("settings: %v", err)
	}

	rels := make([]string, 0, len(files))
	for rel := range files {
		rels = append(rels, rel)
	}
	slices.Sort(rels)

	cascades := map[string]map[string]any{}
	var pages []*content.Page
	read := func(rel string) *content.Page {
		p, err := content.New("content/"+rel, rel, matters[rel], content.Options{Settings: settings, Cascade: content.CascadeChain(rel, func(f string) map[string]any { return cascades[f] })})
		if err != nil {
			t.Fatalf("content/%s: %v", rel, err)
		}
		pages = append(pages, p)
		return p
	}
	// Home and sections first, each after the ones above it.
	indexes := slices.DeleteFunc(slices.Clone(rels), func(rel string) bool {
		kind, _ := content.Classify(rel)
		return kind != content.KindHome && kind != content.KindSection
	})
	slices.SortStableFunc(indexes, func(a, b string) int { return strings.Count(a, "/") - strings.Count(b, "/") })
	for _, rel := range indexes {
		if c := read(rel).Cascade; c != nil {
			cascades[content.SectionFolder(rel)] = c
		}
	}
	for _, rel := range rels {
		if kind, _ := content.Classify(rel); kind != content.KindHome && kind != content.KindSection {
			read(rel)
		}
	}
	return settings, pages
}

// newSite is buildSite for sites that must build.
func newSite(t *testing.T, files map[string]string, opts site.Options) *site.Site {
	t.Helper()
	s, err := buildSite(t, files, opts)
	if err != nil {
		t.Fatalf("site.New: %v", err)
	}
	return s
}

// doc writes a YAML front-matter file of the given lines and body.
func doc(lines ...string) string {
	return "---\n" + strings.Join(lines, "\n") + "\n---\nBody.\n"
}

// article is a minimal article: a title, a date and any other lines.
func article(title, date string, lines ...string) string {
	return doc(append([]string{"title: " + title, "date: " + date}, lines...)...)
}

// page returns the page read from a content-relative path.
func page(t *testing.T, s *site.Site, rel string) *site.Page {
	t.Helper()
	p, ok := s.ByFile(rel)
	if !ok {
		t.Fatalf("no page for %s", rel)
	}
	return p
}

// files lists the source files of pages, "" for generated ones.
func files(pages []*site.Page) []string {
	out := make([]string, len(pages))
	for i, p := range pages {
		out[i] = p.File
	}
	return out
}

// errorLines flattens err into its messages, one per joined error.
func errorLines(err error) []string {
	var out []string
	for _, e := range diag.Flatten(err) {
		out = append(out, diagtest.Slashed(e.Error()))
	}
	return out
}

// diagError returns the single positioned error in err.
func diagError(t *testing.T, err error) *diag.Error {
	t.Helper()
	leaves := diag.Flatten(err)
	if len(leaves) != 1 {
		t.Fatalf("want 1 error, got %d: %q", len(leaves), errorLines(err))
	}
	var d *diag.Error
	if !errors.As(leaves[0], &d) {
		t.Fatalf("error %q is not a *diag.Error", leaves[0])
	}
	return d
}

func sameStrings(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s:\n got %q\nwant %q", what, got, want)
	}
}

func termNames(terms []*site.Term) []string {
	out := make([]string, len(terms))
	for i, term := range terms {
		out[i] = fmt.Sprintf("%s(%d)", term.Name, term.Count)
	}
	return out
}
