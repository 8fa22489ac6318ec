package scaffold

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/bulletin-ssg/bulletin"
	"github.com/bulletin-ssg/bulletin/internal/build"
	"github.com/bulletin-ssg/bulletin/internal/diag/diagtest"
)

// now is 23:30 UTC: already the next day in Shanghai.
var now = time.Date(2024, 6, 9, 23, 30, 0, 0, time.UTC)

func siteFS(t *testing.T, opts SiteOptions) fstest.MapFS {
	t.Helper()
	files, err := Site(opts)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range files {
		if _, dup := fsys[f.Path]; dup {
			t.Fatalf("%s written twice", f.Path)
		}
		fsys[f.Path] = &fstest.MapFile{Data: f.Data}
	}
	return fsys
}

// TestSiteSettings: the settings parse without error, in the language's
// zone, and every key of the README's settings table is there: each
// top-level key under a comment that explains it, the nested keys set or
// shown commented out.
func TestSiteSettings(t *testing.T) {
	topKeys := []string{"title", "description", "baseURL", "language", "timezone", "paginate", "permalinks",
		"company", "footer", "poweredBy", "views", "comments", "menu", "feedLimit", "unsafeHTML", "htmlTemplateOnly"}
	nestedKeys := []string{"name", "address", "phone", "email", "icp", "psb", "psbURL", "copyright", "news"}
	shownKeys := []string{"waline", "twikoo"} // as examples in the comment on comments
	tests := []struct {
		lang           Lang
		language, zone string
		icp, welcome   string
	}{
		{Chinese, "zh-CN", "Asia/Shanghai", "京ICP备00000000号-1", "2024-06-10 07:30"},
		{English, "en", "UTC", "", "2024-06-09 23:30"},
	}
	for _, tt := range tests {
		fsys := siteFS(t, SiteOptions{Lang: tt.lang, Now: now})
		s, err := ReadSettings(fsys)
		if err != nil {
			t.Fatalf("%s: %v", tt.lang, err)
		}
		if s.Language != tt.language || s.Timezone != tt.zone || s.Zone.String() != tt.zone {
			t.Errorf("%s: language %q, timezone %q (%v)", tt.lang, s.Language, s.Timezone, s.Zone)
		}
		if got, _ := s.Footer["icp"].(string); got != tt.icp {
			t.Errorf("%s: footer.icp = %q, want %q", tt.lang, got, tt.icp)
		}
		if s.Company.Name == "" || s.Title == "" || len(s.Menu) == 0 || s.Permalinks["news"] == "" {
			t.Errorf("%s: settings missing: %+v", tt.lang, s)
		}

		lines := strings.Split(string(fsys["content/_index.md"].Data), "\n")
		for _, key := range topKeys {
			i := lineOf(lines, `^`+key+`:`)
			if i < 0 {
				t.Errorf("%s: no %s", tt.lang, key)
			} else if !strings.HasPrefix(lines[i-1], "#") {
				t.Errorf("%s: no comment above %q", tt.lang, lines[i])
			}
		}
		for _, key := range nestedKeys {
			if lineOf(lines, `^\s+(#\s*)?`+key+`:`) < 0 {
				t.Errorf("%s: no %s", tt.lang, key)
			}
		}
		for _, key := range shownKeys {
			if lineOf(lines, `^#\s+`+key+`:`) < 0 {
				t.Errorf("%s: no %s", tt.lang, key)
			}
		}

		welcome := "content/news/" + tt.welcome[:10] + "-welcome.md"
		if f := fsys[welcome]; f == nil || !strings.Contains(string(f.Data), "\ndate: "+tt.welcome+"\ndraft: false\n") {
			t.Errorf("%s: no %s dated %s, published", tt.lang, welcome, tt.welcome)
		}
	}
}

func lineOf(lines []string, pattern string) int {
	re := regexp.MustCompile(pattern)
	for i, l := range lines {
		if re.MatchString(l) {
			return i
		}
	}
	return -1
}

// TestSiteBuilds builds each new site with the built-in theme: no error,
// and the welcome article is published on the home page.
func TestSiteBuilds(t *testing.T) {
	for _, tt := range []struct {
		opts  SiteOptions
		title string
	}{
		{SiteOptions{Lang: Chinese, Now: now, Theme: bulletin.Theme}, "欢迎使用 bulletin"},
		{SiteOptions{Lang: English, Now: now, Theme: bulletin.Theme, WithLayouts: true}, "Welcome to bulletin"},
	} {
		out := &memSink{files: map[string][]byte{}}
		_, err := build.Build(context.Background(), build.Options{
			Source: siteFS(t, tt.opts), Builtin: bulletin.Theme, Now: now.Add(time.Minute),
		}, out)
		if err != nil {
			t.Fatalf("%s: build: %v", tt.opts.Lang, err)
		}
		if !bytes.Contains(out.files["index.html"], []byte(tt.title)) {
			t.Errorf("%s: the home page does not list %q", tt.opts.Lang, tt.title)
		}
		if out.files["css/style.css"] == nil {
			t.Errorf("%s: no stylesheet", tt.opts.Lang)
		}
	}
}

// memSink keeps a build's output; the build calls it concurrently.
type memSink struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memSink) Write(rel string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[rel] = bytes.Clone(data) // the build reuses data's buffer
	return nil
}

func (m *memSink) Copy(rel string, f build.File) error {
	data, err := fs.ReadFile(f.FS, f.Name)
	if err != nil {
		return err
	}
	return m.Write(rel, data)
}

// TestSiteLayouts: --with-layouts copies every file of the theme's
// layouts/ and its stylesheet, byte for byte; without it, neither.
func TestSiteLayouts(t *testing.T) {
	want := map[string]bool{"assets/css/style.css": true}
	err := fs.WalkDir(bulletin.Theme, "layouts", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			want[p] = true
		}
		return err
	})
	if err != nil || !want["layouts/base.html"] || !want["layouts/partials/footer.html"] {
		t.Fatalf("theme layouts: %v %v", want, err)
	}
	with := siteFS(t, SiteOptions{Now: now, Theme: bulletin.Theme, WithLayouts: true})
	for p := range want {
		theme, _ := fs.ReadFile(bulletin.Theme, p)
		if f := with[p]; f == nil || !bytes.Equal(f.Data, theme) {
			t.Errorf("--with-layouts: %s missing or different", p)
		}
	}
	for p := range siteFS(t, SiteOptions{Now: now, Theme: bulletin.Theme}) {
		if strings.HasPrefix(p, "layouts/") || strings.HasPrefix(p, "assets/") {
			t.Errorf("without --with-layouts: %s written", p)
		}
	}
}

func TestCreateSite(t *testing.T) {
	files := []File{{".gitignore", []byte("public/\n")}, {"content/news/_index.md", []byte("---\ntitle: x\n---\n")}}
	dir := t.TempDir()
	for _, target := range []string{filepath.Join(dir, "new", "site"), mkdir(t, dir, "empty")} {
		if err := CreateSite(target, files); err != nil {
			t.Fatalf("%s: %v", target, err)
		}
		if got, _ := os.ReadFile(filepath.Join(target, "content", "news", "_index.md")); string(got) != "---\ntitle: x\n---\n" {
			t.Errorf("%s: wrote %q", target, got)
		}
	}

	full := mkdir(t, dir, "full")
	writeFile(t, filepath.Join(full, "README.md"), "mine")
	afile := filepath.Join(dir, "afile")
	writeFile(t, afile, "mine")
	for _, target := range []string{full, afile} {
		var notEmpty *NotEmptyError
		if err := CreateSite(target, files); !errors.As(err, &notEmpty) {
			t.Errorf("%s: err = %v, want a NotEmptyError", target, err)
		}
	}
	if err := CreateSite(full, files); err == nil || !strings.Contains(err.Error(), "it holds README.md") {
		t.Errorf("error does not name what the folder holds: %v", err)
	}
	if entries, _ := os.ReadDir(full); len(entries) != 1 {
		t.Errorf("a refused folder was written to: %v", entries)
	}
}

func TestWriteNew(t *testing.T) {
	dir := t.TempDir()
	f := File{"content/news/2024-06-01-a.md", []byte("first")}
	if err := WriteNew(dir, f); err != nil {
		t.Fatal(err)
	}
	err := WriteNew(dir, File{f.Path, []byte("second")})
	if !errors.Is(err, fs.ErrExist) || !strings.HasPrefix(err.Error(), f.Path+": already exists") {
		t.Errorf("second write: %v", err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path))); string(got) != "first" {
		t.Errorf("the existing file was changed to %q", got)
	}

	// Nothing is written outside dir, by .. or through a symlink.
	outside := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(dir, "content", "out")); err != nil {
		t.Skip("no symlinks:", err)
	}
	for _, p := range []string{"../escape.md", "content/out/escape.md"} {
		if err := WriteNew(dir, File{p, []byte("x")}); err == nil {
			t.Errorf("%s: written", p)
		}
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Errorf("written outside: %v", entries)
	}
}

func TestReadSettings(t *testing.T) {
	s, err := ReadSettings(fstest.MapFS{"content/news/a.md": {Data: []byte("x")}})
	if err != nil || s.Zone != time.UTC {
		t.Errorf("no _index.md: zone %v, err %v; want UTC", s.Zone, err)
	}
	if _, err := ReadSettings(fstest.MapFS{"README.md": {}}); !errors.Is(err, ErrNotSite) {
		t.Errorf("no content/: err = %v, want ErrNotSite", err)
	}
	bad := fstest.MapFS{"content/_index.md": {Data: []byte("---\ntitle: x\ntimezone: Mars/Olympus\n---\n")}}
	if _, err := ReadSettings(bad); err == nil || !strings.HasPrefix(diagtest.Slashed(err.Error()), "content/_index.md:3:") {
		t.Errorf("bad timezone: err = %v, want it at content/_index.md:3", err)
	}
	unclosed := fstest.MapFS{"content/_index.md": {Data: []byte("---\ntitle: x\n")}}
	if _, err := ReadSettings(unclosed); err == nil || !strings.HasPrefix(diagtest.Slashed(err.Error()), "content/_index.md:") {
		t.Errorf("unclosed front matter: err = %v", err)
	}
}

func mkdir(t *testing.T, parent, name string) string {
	t.Helper()
	dir := filepath.Join(parent, name)
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
