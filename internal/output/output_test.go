package output

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/filesum"
)

func TestLocalPath(t *testing.T) {
	for _, bad := range []string{"", "../x", "a/../../x", "/etc/passwd", `a\..\x`, ManifestFile, "a/../.."} {
		if _, err := localPath(bad); err == nil {
			t.Errorf("localPath(%q) accepted", bad)
		}
	}
	for _, good := range []string{"index.html", "news/a/index.html", "tags/公司新闻/index.html", "a/./b"} {
		if _, err := localPath(good); err != nil {
			t.Errorf("localPath(%q): %v", good, err)
		}
	}
}

func TestStageAndCommit(t *testing.T) {
	root := t.TempDir()
	source := filepath.Join(root, "site")
	dest := filepath.Join(source, "public")
	if err := os.MkdirAll(source, 0o755); err != nil {
		t.Fatal(err)
	}
	build := func(files map[string]string) error {
		s, err := Begin(dest, source, "public", Options{CleanDest: true})
		if err != nil {
			return err
		}
		for name, data := range files {
			if err := s.Write(name, []byte(data)); err != nil {
				s.Abort()
				return err
			}
		}
		return s.Commit()
	}
	if err := build(map[string]string{"index.html": "one", "news/a/index.html": "a"}); err != nil {
		t.Fatal(err)
	}
	m, err := ReadManifest(dest)
	if err != nil || len(m.Files) != 2 || m.Files["index.html"].Size != 3 {
		t.Fatalf("manifest %+v, %v", m, err)
	}
	// A second build with CleanDest replaces the first entirely.
	if err := build(map[string]string{"index.html": "two"}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "news")); !os.IsNotExist(err) {
		t.Error("a file of the previous build survived the swap")
	}
	got, _ := os.ReadFile(filepath.Join(dest, "index.html"))
	if string(got) != "two" {
		t.Errorf("index.html = %q", got)
	}
	// A failed write aborts and leaves the output as it was.
	if err := build(map[string]string{"../escape.html": "x"}); err == nil {
		t.Fatal("write outside the output accepted")
	}
	if _, err := os.Stat(filepath.Join(source, "escape.html")); !os.IsNotExist(err) {
		t.Error("a file was written outside the output")
	}
	got, _ = os.ReadFile(filepath.Join(dest, "index.html"))
	if string(got) != "two" {
		t.Errorf("after a failed build index.html = %q", got)
	}
	leftovers, _ := filepath.Glob(filepath.Join(source, ".public.staging-*"))
	if len(leftovers) != 0 {
		t.Errorf("staging folders left behind: %v", leftovers)
	}
}

func TestCopy(t *testing.T) {
	root := t.TempDir()
	s, err := Begin(filepath.Join(root, "out"), filepath.Join(root, "src"), "out", Options{})
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{"assets/css/a.css": {Data: []byte("body{}")}}
	if err := s.Copy("css/a.css", fsys, "assets/css/a.css"); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	m, _ := ReadManifest(filepath.Join(root, "out"))
	e := m.Files["css/a.css"]
	if e.Size != 6 || len(e.Sum) != 32 {
		t.Errorf("entry %+v", e)
	}
}

func TestRefusals(t *testing.T) {
	root := t.TempDir()
	source := filepath.Join(root, "site")
	for _, d := range []string{"content", "other"} {
		if err := os.MkdirAll(filepath.Join(source, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(source, "other", "mine.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(root, "link")
	if err := os.Symlink(source, link); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ dest, want string }{
		{source, "its own source folder"},
		{root, "its own source folder"},
		{link, "its own source folder"}, // a symlink to the source is the source
		{filepath.Join(source, "content", "out"), "inside content/"},
		{filepath.Join(source, "other"), "holds files bulletin did not write (such as mine.txt)"},
	}
	for _, tt := range tests {
		s, err := Begin(tt.dest, source, "DEST", Options{})
		if err == nil {
			s.Abort()
			t.Errorf("Begin(%s) accepted", tt.dest)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Begin(%s) = %v, want %q", tt.dest, err, tt.want)
		}
	}
	if _, err := os.Stat(filepath.Join(source, "other", "mine.txt")); err != nil {
		t.Error("a refused destination lost a file")
	}
}

// build writes files into dest through a Staging and commits.
func stage(t *testing.T, dest, source string, opts Options, files map[string]string) error {
	t.Helper()
	s, err := Begin(dest, source, "out", opts)
	if err != nil {
		return err
	}
	for name, data := range files {
		if err := s.Write(name, []byte(data)); err != nil {
			s.Abort()
			return err
		}
	}
	if err := s.Commit(); err != nil {
		s.Abort()
		return err
	}
	return nil
}

func TestWriteIfChangedAndCarryOver(t *testing.T) {
	root := t.TempDir()
	source, dest := filepath.Join(root, "site"), filepath.Join(root, "out")
	if err := os.MkdirAll(source, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := stage(t, dest, source, Options{}, map[string]string{"same.html": "same", "edit.html": "v1", "gone/index.html": "gone"}); err != nil {
		t.Fatal(err)
	}
	old := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	for _, f := range []string{"same.html", "edit.html"} {
		if err := os.Chtimes(filepath.Join(dest, f), old, old); err != nil {
			t.Fatal(err)
		}
	}
	// Files the user put there: kept, and never in bulletin's manifest.
	if err := os.WriteFile(filepath.Join(dest, "CNAME"), []byte("news.example.com"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dest, ".git", "refs", "tags"), 0o755); err != nil {
		t.Fatal(err)
	}

	if err := stage(t, dest, source, Options{}, map[string]string{"same.html": "same", "edit.html": "v2"}); err != nil {
		t.Fatal(err)
	}
	mtime := func(f string) time.Time {
		info, err := os.Stat(filepath.Join(dest, f))
		if err != nil {
			t.Fatal(err)
		}
		return info.ModTime()
	}
	if !mtime("same.html").Equal(old) {
		t.Error("an unchanged file lost its modification time")
	}
	if mtime("edit.html").Equal(old) {
		t.Error("a changed file kept its old modification time")
	}
	for _, f := range []string{"CNAME", ".git/refs/tags", "gone/index.html"} {
		if _, err := os.Stat(filepath.Join(dest, f)); err != nil {
			t.Errorf("%s was not kept: %v", f, err)
		}
	}
	m, _ := ReadManifest(dest)
	if _, ok := m.Files["CNAME"]; ok {
		t.Error("the manifest claims a file bulletin did not write")
	}
	if _, ok := m.Files["gone/index.html"]; !ok {
		t.Error("a kept file of an earlier build left the manifest, so --clean-dest could never drop it")
	}

	// --clean-dest drops what bulletin wrote and no longer produces, only that.
	if err := stage(t, dest, source, Options{CleanDest: true}, map[string]string{"same.html": "same", "edit.html": "v2"}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "gone")); !os.IsNotExist(err) {
		t.Error("--clean-dest kept a file no longer produced")
	}
	if _, err := os.Stat(filepath.Join(dest, "CNAME")); err != nil {
		t.Error("--clean-dest removed a file bulletin did not write")
	}

	// A file of the user's where bulletin now writes: refused, nothing lost.
	if err := os.WriteFile(filepath.Join(dest, "mine.html"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := stage(t, dest, source, Options{}, map[string]string{"mine.html": "bulletin's"})
	if err == nil || !strings.Contains(err.Error(), "mine.html") {
		t.Fatalf("a stranger's file in the way: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "mine.html")); string(b) != "mine" {
		t.Errorf("the user's file holds %q", b)
	}
}

// TestKeep: a file is kept from the previous output only when the
// manifest lists it with exactly the digest the caller has; otherwise
// the caller writes it.
func TestKeep(t *testing.T) {
	root := t.TempDir()
	source, dest := filepath.Join(root, "site"), filepath.Join(root, "out")
	if err := os.MkdirAll(source, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := stage(t, dest, source, Options{}, map[string]string{"a/index.html": "A", "b.html": "B"}); err != nil {
		t.Fatal(err)
	}
	s, err := Begin(dest, source, "out", Options{CleanDest: true})
	if err != nil {
		t.Fatal(err)
	}
	if !s.Keep("a/index.html", filesum.Of([]byte("A"))) {
		t.Error("an unchanged file was not kept")
	}
	if s.Keep("b.html", filesum.Of([]byte("other bytes"))) {
		t.Error("a file was kept for a digest the manifest does not give it")
	}
	if s.Keep("new.html", filesum.Of([]byte("A"))) {
		t.Error("a file the previous output lacks was kept")
	}
	if s.Keep("../a/index.html", filesum.Of([]byte("A"))) {
		t.Error("a path leaving the output was kept")
	}
	if err := s.Write("b.html", []byte("B2")); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"a/index.html": "A", "b.html": "B2"} {
		if got, _ := os.ReadFile(filepath.Join(dest, name)); string(got) != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	m, _ := ReadManifest(dest)
	if m.Files["a/index.html"].Sum == "" {
		t.Error("a kept file left the manifest")
	}

	// A file gone from the output since (removed by hand) is not kept.
	if err := os.Remove(filepath.Join(dest, "a/index.html")); err != nil {
		t.Fatal(err)
	}
	s, err = Begin(dest, source, "out", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	if s.Keep("a/index.html", filesum.Of([]byte("A"))) {
		t.Error("a file missing from the output was kept")
	}
}

// oldMarshal is how manifests were written with encoding/json.
func oldMarshal(m Manifest) []byte {
	keys := make([]string, 0, len(m.Files))
	for k := range m.Files {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString("{\n  \"generator\": \"bulletin\",\n  \"files\": {")
	for i, k := range keys {
		name, _ := json.Marshal(k)
		e, _ := json.Marshal(m.Files[k])
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n    ")
		b.Write(name)
		b.WriteString(": ")
		b.Write(e)
	}
	b.WriteString("\n  }\n}\n")
	return []byte(b.String())
}

// FuzzManifest: the manifest is written with exactly encoding/json's
// bytes, and read back (by the fast reader, or encoding/json for what it
// does not take) as encoding/json reads it; anything the reader takes
// from a file, encoding/json reads the same.
func FuzzManifest(f *testing.F) {
	f.Add("index.html", int64(12), "ab12", "新闻/a b/index.html", int64(0), "")
	f.Add("a\"<&>\u2028\x01\xff.html", int64(1), "x\\y", "b", int64(99), "\"")
	f.Fuzz(func(t *testing.T, n1 string, s1 int64, h1, n2 string, s2 int64, h2 string) {
		if s1 < 0 || s2 < 0 {
			return
		}
		m := Manifest{Generator: "bulletin", Files: map[string]Entry{n1: {s1, h1}, n2: {s2, h2}}}
		got, _ := marshalManifest(m, nil)
		if want := oldMarshal(m); !bytes.Equal(got, want) {
			t.Fatalf("marshal:\n got %q\nwant %q", got, want)
		}
		read, err := parseManifest(got)
		if err != nil {
			t.Fatal(err)
		}
		var want Manifest
		if err := json.Unmarshal(got, &want); err != nil {
			t.Fatal(err)
		}
		if read.Generator != want.Generator || !reflect.DeepEqual(read.Files, want.Files) {
			t.Fatalf("read %+v, encoding/json reads %+v", *read, want)
		}
		// Written again after a build that had n1 alone, as it is now or
		// a byte longer: the order and the lines lent by the earlier
		// manifest change nothing.
		for _, size := range []int64{s1, s1 + 1} {
			first, _ := marshalManifest(Manifest{Generator: "bulletin", Files: map[string]Entry{n1: {size, h1}}}, nil)
			prev, err := parseManifest(first)
			if err != nil {
				t.Fatal(err)
			}
			if again, _ := marshalManifest(m, prev); !bytes.Equal(again, got) {
				t.Fatalf("marshal after %q:\n got %q\nwant %q", first, again, got)
			}
		}
	})
}

// TestManifestLines: the files of the next manifest come out sorted,
// with the entries they have now, whatever the previous manifest lends;
// a line is lent only for an entry that did not change; and a manifest
// whose files were not written in order lends nothing.
func TestManifestLines(t *testing.T) {
	files := func(size int64, names ...string) map[string]Entry {
		m := map[string]Entry{}
		for _, n := range names {
			m[n] = Entry{Size: size, Sum: "s"}
		}
		return m
	}
	prevNames := []string{"a/index.html", "b/index.html", "b/photo.jpg", "b/photo_480w.jpg", "c/index.html", "新闻/index.html"}
	data, _ := marshalManifest(Manifest{Generator: "bulletin", Files: files(1, prevNames...)}, nil)
	prev, err := parseManifest(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		size  int64 // 1: the entries prev has
		names []string
	}{
		{"the same", 1, prevNames},
		{"the same names, other entries", 2, prevNames},
		{"one gone", 1, []string{"a/index.html", "b/photo.jpg", "b/photo_480w.jpg", "c/index.html"}},
		{"new ones between and after", 1, []string{"a/index.html", "aa/index.html", "b/index.html", "b/photo.jpg", "b/photo_960w.jpg", "d/index.html"}},
		{"new ones before", 1, []string{"0/index.html", "A/index.html", "c/index.html"}},
		{"all new", 1, []string{"x", "y", "z"}},
		{"none", 1, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			now := files(tc.size, tc.names...)
			lines := manifestLines(now, prev)
			var names []string
			for _, l := range lines {
				names = append(names, l.name)
				_, before := prev.Files[l.name]
				if l.entry != now[l.name] || (l.text != "") != (before && tc.size == 1) {
					t.Errorf("%s: %+v", l.name, l)
				}
			}
			if want := slices.Sorted(maps.Keys(now)); !slices.Equal(names, want) {
				t.Errorf("got %q, want %q", names, want)
			}
		})
	}
	// Out of order: read by encoding/json, which keeps no order.
	unordered := "{\n  \"generator\": \"bulletin\",\n  \"files\": {\n    \"b\": {\"size\":1,\"xxh3\":\"s\"},\n    \"a\": {\"size\":1,\"xxh3\":\"s\"}\n  }\n}\n"
	m, err := parseManifest([]byte(unordered))
	if err != nil {
		t.Fatal(err)
	}
	if m.sorted != nil || len(m.Files) != 2 {
		t.Errorf("an unordered manifest read as %+v", m)
	}
}

// TestManifestFallback: a manifest in another shape (indented by a tool,
// edited by hand) is read by encoding/json.
func TestManifestFallback(t *testing.T) {
	for _, text := range []string{
		`{"generator":"bulletin","files":{"a.html":{"size":1,"xxh3":"x"}}}`,
		"{\n  \"generator\": \"bulletin\",\n  \"files\": {\n    \"a.html\": {\"xxh3\":\"x\",\"size\":1}\n  }\n}\n",
		"{\n  \"generator\": \"bulletin\",\n  \"files\": {\n    \"a.html\": {\"size\":01,\"xxh3\":\"x\"}\n  }\n}\n",
	} {
		m, err := parseManifest([]byte(text))
		var want Manifest
		werr := json.Unmarshal([]byte(text), &want)
		if (err == nil) != (werr == nil) || err == nil && !reflect.DeepEqual(*m, want) {
			t.Errorf("%q: got %+v %v, encoding/json %+v %v", text, m, err, want, werr)
		}
	}
}

// TestManifestWithSHA256: an output an earlier bulletin wrote lists
// SHA-256 sums. Its files are still bulletin's (a build may replace them),
// but no sum matches: nothing is kept without being written again.
func TestManifestWithSHA256(t *testing.T) {
	m, err := parseManifest([]byte("{\n  \"generator\": \"bulletin\",\n  \"files\": {\n    \"a.html\": {\"size\":1,\"sha256\":\"559aead08264d5795d3909718cdd05abd49572e84fe55590eef31a88a08fdffd\"}\n  }\n}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if e, ok := m.Files["a.html"]; !ok || e.Size != 1 || e.Sum != "" {
		t.Errorf("a.html: %+v (listed %v)", e, ok)
	}
}

// BenchmarkManifest writes and reads the manifest of a 10,000-article
// site's output (15,000 files), as every warm build does once each.
func BenchmarkManifest(b *testing.B) {
	files := map[string]Entry{}
	for i := range 15000 {
		files[fmt.Sprintf("news/%d/%02d/2017-01-01-article-%05d/index.html", 2015+i%10, 1+i%12, i)] = Entry{Size: 12345, Sum: "0123456789abcdef0123456789abcdef"}
	}
	data, _ := marshalManifest(Manifest{Generator: "bulletin", Files: files}, nil)
	b.Run("marshal", func(b *testing.B) {
		for b.Loop() {
			_, _ = marshalManifest(Manifest{Generator: "bulletin", Files: files}, nil)
		}
	})
	read, _ := parseManifest(data)
	b.Run("marshal again", func(b *testing.B) {
		for b.Loop() {
			_, _ = marshalManifest(Manifest{Generator: "bulletin", Files: files}, read)
		}
	})
	b.Run("parse", func(b *testing.B) {
		for b.Loop() {
			if _, ok := parseOwnManifest(data); !ok {
				b.Fatal("not read")
			}
		}
	})
}

// ReadManifest reads the manifest of an output folder.
func ReadManifest(dir string) (*Manifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if err != nil {
		return nil, err
	}
	return parseManifest(b)
}

// TestOwn: in a folder the build owns, the files an earlier build wrote
// and this one does not produce go, without CleanDest, whether the
// output is updated in place or staged; elsewhere they stay, and a file
// bulletin did not write stays everywhere.
func TestOwn(t *testing.T) {
	defer func(n int) { maxPending = n }(maxPending)
	for _, staged := range []bool{false, true} {
		t.Run(fmt.Sprintf("staged=%v", staged), func(t *testing.T) {
			maxPending = 1000
			if staged {
				maxPending = 1 // the update spills into a staging folder
			}
			root := t.TempDir()
			source, dest := filepath.Join(root, "site"), filepath.Join(root, "out")
			if err := os.MkdirAll(source, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := stage(t, dest, source, Options{}, map[string]string{
				"search/index.json": "1", "search/s/aaa.json": "a", "search/f/bbb.json": "b", "gone/index.html": "gone",
			}); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dest, "search", "mine.txt"), []byte("mine"), 0o644); err != nil {
				t.Fatal(err)
			}
			s, err := Begin(dest, source, "out", Options{})
			if err != nil {
				t.Fatal(err)
			}
			s.Own("search/")
			for name, data := range map[string]string{"search/index.json": "2", "search/s/ccc.json": "c", "search/f/bbb.json": "b"} {
				if err := s.Write(name, []byte(data)); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.Commit(); err != nil {
				t.Fatal(err)
			}
			for f, want := range map[string]bool{
				"search/s/aaa.json": false, "search/s/ccc.json": true, "search/f/bbb.json": true,
				"search/mine.txt": true, "gone/index.html": true,
			} {
				if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(f))); (err == nil) != want {
					t.Errorf("%s: there %v, want %v", f, err == nil, want)
				}
			}
			m, _ := ReadManifest(dest)
			if _, ok := m.Files["search/s/aaa.json"]; ok {
				t.Error("the manifest lists a dropped file")
			}
		})
	}
}
