package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/bulletin-ssg/bulletin/internal/cli"
)

func TestReadQueries(t *testing.T) {
	tests := []struct {
		name, in string
		want     []query
		err      string
	}{
		{name: "fields trimmed", in: "zh | 茶文化 | /a/ /b/\n", want: []query{{lang: "zh", text: "茶文化", expect: []string{"/a/", "/b/"}, line: 1}}},
		{name: "comments and blanks", in: "# x\n\n en|two words|/c/\n", want: []query{{lang: "en", text: "two words", expect: []string{"/c/"}, line: 3}}},
		{name: "no expectation", in: "zh | 文化 交流 |\n", want: []query{{lang: "zh", text: "文化 交流", expect: []string{}, line: 1}}},
		{name: "two fields", in: "zh | 茶\n", err: "line 1: want 3 fields"},
		{name: "no query", in: "zh |  | /a/\n", err: "line 1: a language and a query"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readQueries(strings.NewReader(tt.in))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}

func TestHit(t *testing.T) {
	tests := []struct {
		name        string
		expect, got []string
		want        bool
	}{
		{"first", []string{"/a/"}, []string{"/a/", "/b/"}, true},
		{"third", []string{"/c/"}, []string{"/a/", "/b/", "/c/"}, true},
		{"fourth is too late", []string{"/d/"}, []string{"/a/", "/b/", "/c/", "/d/"}, false},
		{"one of several expected", []string{"/x/", "/b/"}, []string{"/a/", "/b/"}, true},
		{"nothing found", []string{"/a/"}, nil, false},
		{"encoded and not", []string{"/events/端午/"}, []string{"/events/%E7%AB%AF%E5%8D%88/"}, true},
	}
	for _, tt := range tests {
		if got := hit(tt.expect, tt.got); got != tt.want {
			t.Errorf("%s: hit(%q, %q) = %v", tt.name, tt.expect, tt.got, got)
		}
	}
}

func TestSetSearch(t *testing.T) {
	tests := []struct {
		name, in string
		on       bool
		want     string
	}{
		{"turned on", "---\ntitle: x\n---\nbody\n", true, "---\nsearch: true\ntitle: x\n---\nbody\n"},
		{"turned off, comment and all", "---\ntitle: x\nsearch: true   # a box\n---\n", false, "---\nsearch: false\ntitle: x\n---\n"},
		{"off where it is on by default", "---\ntitle: x\n---\n", false, "---\nsearch: false\ntitle: x\n---\n"},
		{"on once", "---\nsearch: false\n---\n", true, "---\nsearch: true\n---\n"},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		p := filepath.Join(dir, "content", "_index.md")
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(tt.in), 0o644)
		if err := setSearch(dir, tt.on); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got, _ := os.ReadFile(p); string(got) != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestTransferSize(t *testing.T) {
	text := bytes.Repeat([]byte("汉江文化交流 "), 200)
	if n := transferSize(text); n >= len(text)/10 {
		t.Errorf("repetitive text of %d bytes: %d gzipped", len(text), n)
	}
	// Gzipped already: sent as it is.
	var once bytes.Buffer
	once.Write([]byte{0x1f, 0x8b, 0, 1, 2, 3})
	if n := transferSize(once.Bytes()); n != once.Len() {
		t.Errorf("incompressible %d bytes: %d", once.Len(), n)
	}
}

// TestLibraryDeterministic: the generated site is the same bytes every
// time, so its labels hold.
func TestLibraryDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if err := writeLibrary(a); err != nil {
		t.Fatal(err)
	}
	if err := writeLibrary(b); err != nil {
		t.Fatal(err)
	}
	n := 0
	filepath.WalkDir(a, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(a, p)
		x, _ := os.ReadFile(p)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", rel)
		}
		n++
		return nil
	})
	if n < 2*len(topics) {
		t.Errorf("%d files for %d topics", n, len(topics))
	}
}

// minHitRate is the least share of a labelled query set's queries whose
// expected page must be in the first three results.
const minHitRate = 0.9

// TestHitRate builds the sample site and the generated library site,
// runs their labelled queries through the theme's search.js in Node, and
// fails when a language's top-3 hit rate falls below minHitRate, or
// when a query expects a page the index does not hold (a label gone
// stale).
func TestHitRate(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("CI must run the search quality test: install node (apt-get install -y nodejs)")
		}
		t.Skip("node is not installed (apt-get install -y nodejs)")
	}
	root := filepath.Join("..", "..")
	tests := []struct {
		site  string
		write func(dir string) error
	}{
		{"sample", func(dir string) error { return copyDir(filepath.Join(root, "content"), filepath.Join(dir, "content")) }},
		{"library", writeLibrary},
	}
	for _, tt := range tests {
		t.Run(tt.site, func(t *testing.T) {
			src, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
			if err := tt.write(src); err != nil {
				t.Fatal(err)
			}
			var stderr bytes.Buffer
			if code := cli.Main(context.Background(), []string{"build", "--source", src, "--dest", out, "--no-cache", "-q"}, cli.IO{Out: &stderr, Err: &stderr}); code != 0 {
				t.Fatalf("build: exit %d\n%s", code, stderr.String())
			}
			qs, err := readQueryFile(filepath.Join("testdata", tt.site+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			rs, err := runBulletin(node, filepath.Join(root, "assets", "js", "search.js"), out, qs)
			if err != nil {
				t.Fatal(err)
			}
			hits, all := map[string]int{}, map[string]int{}
			indexed := map[string]map[string]bool{}
			for i, q := range qs {
				if indexed[q.lang] == nil {
					if indexed[q.lang], err = indexedURLs(out, q.lang); err != nil {
						t.Fatal(err)
					}
				}
				for _, e := range q.expect {
					if !indexed[q.lang][decoded(e)] {
						t.Errorf("line %d: %s is not a page of the %s index", q.line, e, q.lang)
					}
				}
				all[q.lang]++
				if hit(q.expect, rs[i].URLs) {
					hits[q.lang]++
				} else {
					t.Logf("miss: %s %q (line %d): expected %v, got %v", q.lang, q.text, q.line, q.expect, rs[i].URLs[:min(3, len(rs[i].URLs))])
				}
			}
			for lang, n := range all {
				rate := float64(hits[lang]) / float64(n)
				t.Logf("%s: %d of %d queries hit (%.0f%%)", lang, hits[lang], n, 100*rate)
				if rate < minHitRate {
					t.Errorf("%s: top-3 hit rate %.0f%% (%d of %d), below %.0f%%", lang, 100*rate, hits[lang], n, 100*minHitRate)
				}
				if n < 25 {
					t.Errorf("%s: %d queries; a rate needs at least 25", lang, n)
				}
			}
		})
	}
}
