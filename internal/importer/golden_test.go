package importer_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/bulletin-ssg/bulletin"
	"github.com/bulletin-ssg/bulletin/internal/build"
	"github.com/bulletin-ssg/bulletin/internal/check"
	"github.com/bulletin-ssg/bulletin/internal/diag/diagtest"
	"github.com/bulletin-ssg/bulletin/internal/importer"
	"github.com/bulletin-ssg/bulletin/internal/importer/hexo"
	"github.com/bulletin-ssg/bulletin/internal/importer/hugo"
	"github.com/bulletin-ssg/bulletin/internal/importer/jekyll"
	"github.com/bulletin-ssg/bulletin/internal/importer/wordpress"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// settings is the bulletin site every fixture is imported into.
const settings = `---
title: Imported
language: en
timezone: UTC
permalinks:
  news: /news/:year/:month/:slug/
---
`

type fixture struct {
	name string
	read func() (*importer.Source, error)
}

func fixtures() []fixture {
	return []fixture{
		{"hexo", func() (*importer.Source, error) {
			return hexo.Read("testdata/hexo", importer.ReadOptions{Zone: time.UTC})
		}},
		{"hugo", func() (*importer.Source, error) {
			return hugo.Read("testdata/hugo", importer.ReadOptions{Zone: time.UTC})
		}},
		{"jekyll", func() (*importer.Source, error) {
			return jekyll.Read("testdata/jekyll", importer.ReadOptions{Zone: time.UTC})
		}},
		{"wordpress", func() (*importer.Source, error) {
			return wordpress.Read("testdata/wordpress/export.xml", importer.ReadOptions{Zone: time.UTC, Uploads: "testdata/wordpress/uploads"})
		}},
	}
}

// TestGolden imports each fixture into a new site, then builds and
// checks it: the report, every file written, the aliases and what check
// finds are compared with testdata/<name>.golden.
func TestGolden(t *testing.T) {
	for _, fx := range fixtures() {
		t.Run(fx.name, func(t *testing.T) {
			site := newSite(t)
			got := importInto(t, fx, site, false)
			got.Files = append(got.Files, siteFiles(t, site)...)
			got.Files = append(got.Files, buildAndCheck(t, site))
			golden := filepath.Join("testdata", fx.name+".golden")
			data := txtar.Format(got)
			if *update {
				if err := os.WriteFile(golden, data, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(data, want) {
				t.Errorf("import of testdata/%s differs from %s (go test -update rewrites it):\n%s", fx.name, golden, data)
			}
		})
	}
}

// TestDryRun writes nothing and reports what a real import would.
func TestDryRun(t *testing.T) {
	for _, fx := range fixtures() {
		t.Run(fx.name, func(t *testing.T) {
			site := newSite(t)
			dry := importInto(t, fx, site, true)
			if files := siteFiles(t, site); len(files) != 0 {
				t.Errorf("a dry run wrote %d files, first %s", len(files), files[0].Name)
			}
			real := importInto(t, fx, site, false)
			strip := func(s []byte) string {
				return strings.ReplaceAll(strings.ReplaceAll(string(s), " (dry run)", ""), "; dry run: nothing written", "")
			}
			if strip(dry.Comment) != strip(real.Comment) {
				t.Errorf("dry run reported\n%s\nthe import\n%s", dry.Comment, real.Comment)
			}
			// A second import replaces nothing: every page is refused.
			again := importInto(t, fx, site, false)
			if !strings.Contains(string(again.Comment), "already exists; not overwritten") || strings.HasPrefix(string(again.Comment), "imported") || strings.Contains(string(again.Comment), "\nimported") {
				t.Errorf("a second import:\n%s", again.Comment)
			}
		})
	}
}

// TestKeepsTheSitesSection imports a Hugo site into one with a news
// section of its own, as bulletin new site makes it: the site's page of
// the section stays as it was, with a note saying what to copy from the
// old one, and the import is no failure.
func TestKeepsTheSitesSection(t *testing.T) {
	site := newSite(t)
	own := []byte("---\ntitle: Company news\n---\nOur news.\n")
	index := filepath.Join(site, "content", "news", "_index.md")
	if err := os.MkdirAll(filepath.Dir(index), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(index, own, 0o644); err != nil {
		t.Fatal(err)
	}
	src, err := hugo.Read("testdata/hugo", importer.ReadOptions{Zone: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	for _, dryRun := range []bool{true, false} {
		report, err := importer.Import(src, importer.Options{Site: site, Section: "news", DryRun: dryRun})
		if err != nil {
			t.Fatal(err)
		}
		if len(report.Refused) != 0 {
			t.Errorf("dry run %v: refused %v", dryRun, report.Refused)
		}
		var notes []string
		for _, n := range report.Notes {
			notes = append(notes, n.String())
		}
		want := []string{
			"content/_index.md: the old home page's text is not imported: edit content/_index.md",
			"content/posts/_index.md:2: content/news/_index.md exists: the site's own is kept; copy what you want of this one's title, text and cascade into it, and add aliases: [/posts/] for its old URL",
		}
		if strings.Join(notes, "\n") != strings.Join(want, "\n") {
			t.Errorf("dry run %v: notes\n%s\nwant\n%s", dryRun, strings.Join(notes, "\n"), strings.Join(want, "\n"))
		}
		for _, im := range report.Imported {
			if im.Dest == "content/news/_index.md" {
				t.Errorf("dry run %v: reported as imported: %v", dryRun, im)
			}
		}
	}
	if data, err := os.ReadFile(index); err != nil || !bytes.Equal(data, own) {
		t.Errorf("the site's section page is now %q (%v)", data, err)
	}
	// The nested sections under it are imported as they were.
	if _, err := os.Stat(filepath.Join(site, "content", "news", "press", "_index.md")); err != nil {
		t.Error(err)
	}
}

func newSite(t *testing.T) string {
	site := t.TempDir()
	if err := os.MkdirAll(filepath.Join(site, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "content", "_index.md"), []byte(settings), 0o644); err != nil {
		t.Fatal(err)
	}
	return site
}

func importInto(t *testing.T, fx fixture, site string, dryRun bool) *txtar.Archive {
	t.Helper()
	src, err := fx.read()
	if err != nil {
		t.Fatal(err)
	}
	report, err := importer.Import(src, importer.Options{Site: site, Section: "news", DryRun: dryRun})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	report.Print(&b)
	fmt.Fprintln(&b, report.Summary())
	return &txtar.Archive{Comment: b.Bytes()}
}

// siteFiles are the files the import wrote: text as it is, other files
// by size.
func siteFiles(t *testing.T, site string) []txtar.File {
	var files []txtar.File
	err := filepath.WalkDir(site, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(site, p)
		rel = filepath.ToSlash(rel)
		if rel == "content/_index.md" || strings.HasPrefix(rel, "public/") || strings.HasPrefix(rel, ".bulletin/") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
			data = []byte(fmt.Sprintf("(%d bytes)\n", len(data)))
		}
		files = append(files, txtar.File{Name: rel, Data: data})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	return files
}

// buildAndCheck builds the imported site: it must build, and what check
// finds in it, with its aliases, is part of the golden file.
func buildAndCheck(t *testing.T, site string) txtar.File {
	t.Helper()
	opts := build.Options{Source: os.DirFS(site), Builtin: bulletin.Theme, NoOutput: true, Drafts: false}
	res, err := build.Build(context.Background(), opts, nil)
	if err != nil {
		t.Fatalf("the imported site does not build:\n%v", errors.Join(err))
	}
	var b strings.Builder
	for _, a := range res.Site.Aliases {
		fmt.Fprintf(&b, "alias %s -> %s\n", a.Path, a.Target.RelPermalink)
	}
	findings := check.Site(res.Site)
	findings = append(findings, check.FromErrors(errors.Join(res.Warnings...), check.Warning, "linked-draft")...)
	check.Sort(findings)
	for _, f := range findings {
		fmt.Fprintln(&b, diagtest.Slashed(f.String()))
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	sort.Strings(lines)
	return txtar.File{Name: "(bulletin check)", Data: []byte(strings.Join(lines, "\n") + "\n")}
}
