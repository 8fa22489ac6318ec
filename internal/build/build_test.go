package build

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/bulletin-ssg/bulletin"
	"github.com/bulletin-ssg/bulletin/internal/diag"
	"github.com/bulletin-ssg/bulletin/internal/diag/diagtest"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/sites")

// memSink keeps a build's output in memory.
type memSink struct {
	mu    sync.Mutex
	files map[string][]byte
	// warnings are the build's warnings, sorted (buildFS).
	warnings []string
}

func newMemSink() *memSink { return &memSink{files: map[string][]byte{}} }

func (m *memSink) Write(rel string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, dup := m.files[rel]; dup {
		return &dupError{rel}
	}
	m.files[rel] = bytes.Clone(data)
	return nil
}

func (m *memSink) Copy(rel string, f File) error {
	data, err := fs.ReadFile(f.FS, f.Name)
	if err != nil {
		return err
	}
	return m.Write(rel, data)
}

type dupError struct{ rel string }

func (e *dupError) Error() string { return "written twice: " + e.rel }

func withHTMLTemplateOnly(o Options) Options {
	o.HTMLTemplateOnly = true
	return o
}

// fixedNow is the clock of every test build.
var fixedNow = time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)

func buildFS(t *testing.T, src fs.FS, opts Options) (*memSink, error) {
	t.Helper()
	opts.Source = src
	opts.Builtin = bulletin.Theme
	if opts.Now.IsZero() {
		opts.Now = fixedNow
	}
	sink := newMemSink()
	res, err := Build(context.Background(), opts, sink)
	if res != nil {
		sink.warnings = sortedText(res.Warnings)
	}
	return sink, err
}

// sortedText is the text of errs, each with its code when it has one
// (bulletin check shows it), sorted: a build reports warnings in no
// fixed order.
func sortedText(errs []error) []string {
	out := make([]string, len(errs))
	for i, err := range errs {
		out[i] = err.Error()
		var d *diag.Error
		if errors.As(err, &d) && d.Code != "" {
			out[i] += " [" + d.Code + "]"
		}
	}
	slices.Sort(out)
	return out
}

// TestSites builds every testdata/sites/*.txtar. An archive holds a site
// (files under content/, layouts/, assets/), optional "flags" (drafts,
// future, expired), and what the build must give: "errors" (the exact
// error lines) or expected output files under "public/". Only the public/
// files an archive lists are compared, so a fixture pins what it is about.
// Run with -update to rewrite the expectations.
func TestSites(t *testing.T) {
	files, _ := filepath.Glob("testdata/sites/*.txtar")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			src := fstest.MapFS{}
			var opts Options
			want := map[string]string{}
			wantErrs, expectErrors := "", false
			for _, f := range ar.Files {
				switch {
				case f.Name == "flags":
					flags := string(f.Data)
					opts.Drafts = strings.Contains(flags, "drafts")
					opts.Future = strings.Contains(flags, "future")
					opts.Expired = strings.Contains(flags, "expired")
					if i := strings.Index(flags, "baseURL="); i >= 0 {
						opts.BaseURL = strings.Fields(flags[i+len("baseURL="):])[0]
					}
				case f.Name == "errors":
					wantErrs, expectErrors = string(f.Data), true
				case f.Name == "listing":
				case strings.HasPrefix(f.Name, "public/"):
					want[strings.TrimPrefix(f.Name, "public/")] = string(f.Data)
				default:
					src[f.Name] = &fstest.MapFile{Data: f.Data}
				}
			}
			sink, err := buildFS(t, src, opts)
			// The same build with html/template running every template
			// gives the same bytes and errors (tmplexec stands in for it).
			plain, plainErr := buildFS(t, src, withHTMLTemplateOnly(opts))
			if errText(plainErr) != errText(err) {
				t.Errorf("errors with html/template alone:\n%v\nwith tmplexec:\n%v", plainErr, err)
			}
			for name, data := range plain.files {
				if !bytes.Equal(data, sink.files[name]) {
					t.Errorf("%s differs with html/template alone:\n%s\nwith tmplexec:\n%s", name, data, sink.files[name])
				}
			}
			if len(plain.files) != len(sink.files) {
				t.Errorf("wrote %d files with html/template alone, %d with tmplexec", len(plain.files), len(sink.files))
			}
			gotErrs := ""
			if err != nil {
				for _, e := range diag.Flatten(err) {
					gotErrs += diagtest.Slashed(e.Error()) + "\n"
				}
			}
			if *update {
				rewrite(t, file, ar, sink, gotErrs, expectErrors)
				return
			}
			if expectErrors || gotErrs != "" {
				if gotErrs != wantErrs {
					t.Errorf("errors:\n got: %s\nwant: %s", gotErrs, wantErrs)
				}
				return
			}
			for name, w := range want {
				got, ok := sink.files[name]
				if !ok {
					t.Errorf("%s was not written; wrote %v", name, keys(sink.files))
					continue
				}
				if string(got) != w {
					t.Errorf("%s:\n got: %s\nwant: %s", name, got, w)
				}
			}
			if listing, ok := section(ar, "listing"); ok {
				if got := strings.Join(keys(sink.files), "\n") + "\n"; got != listing {
					t.Errorf("listing:\n got: %s\nwant: %s", got, listing)
				}
			}
		})
	}
}

func rewrite(t *testing.T, file string, ar *txtar.Archive, sink *memSink, gotErrs string, expectErrors bool) {
	t.Helper()
	for i := range ar.Files {
		f := &ar.Files[i]
		switch {
		case f.Name == "errors":
			f.Data = []byte(gotErrs)
		case f.Name == "listing":
			f.Data = []byte(strings.Join(keys(sink.files), "\n") + "\n")
		case strings.HasPrefix(f.Name, "public/"):
			f.Data = sink.files[strings.TrimPrefix(f.Name, "public/")]
		}
	}
	if gotErrs != "" && !expectErrors {
		ar.Files = append(ar.Files, txtar.File{Name: "errors", Data: []byte(gotErrs)})
	}
	if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
		t.Fatal(err)
	}
}

func section(ar *txtar.Archive, name string) (string, bool) {
	for _, f := range ar.Files {
		if f.Name == name {
			return string(f.Data), true
		}
	}
	return "", false
}

func keys(m map[string][]byte) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestContentSize: the build tells the size of content/'s Markdown files,
// which the CLI's memory limit is made from, without a walk of its own
// (a photo does not count: it is read, published and let go).
func TestContentSize(t *testing.T) {
	files := fstest.MapFS{
		"content/_index.md":      {Data: []byte("---\ntitle: T\n---\n")},
		"content/news/a.md":      {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\nA.\n")},
		"content/news/photo.png": {Data: []byte("PNG12345")},
		"content/news/.a.md.swp": {Data: []byte("editor noise, not the site's")},
	}
	var want int64
	for name, f := range files {
		if strings.HasSuffix(name, ".md") {
			want += int64(len(f.Data))
		}
	}
	var got int64 = -1
	if _, err := buildFS(t, files, Options{ContentSize: func(n int64) { got = n }}); err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("ContentSize told %d, want %d", got, want)
	}
}

// TestBodyNotUTF8: a body that is not UTF-8 is the file's error, at its
// line, not a panic in goldmark (the markdown stage trusts content's
// check and does not read the body for it again).
func TestBodyNotUTF8(t *testing.T) {
	src := fstest.MapFS{
		"content/_index.md":    {Data: []byte("---\ntitle: Site\n---\n")},
		"content/news/a.md":    {Data: []byte("---\ntitle: A\ndate: 2020-07-30\n---\n公司\n\n新闻\xff\xfe文字\n")},
		"content/news/good.md": {Data: []byte("---\ntitle: Good\ndate: 2020-07-30\n---\n公司新闻\n")},
	}
	_, err := buildFS(t, src, Options{})
	if err == nil || !strings.Contains(diagtest.Slashed(err.Error()), "content/news/a.md:7:") || !strings.Contains(err.Error(), "UTF-8") {
		t.Fatalf("error %v, want content/news/a.md:7: ... UTF-8", err)
	}
}
