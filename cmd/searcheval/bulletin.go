package main

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
)

//go:embed eval.js
var evalJS []byte

// A result is what one query found, and what it cost.
type result struct {
	URLs  []string `json:"urls"`  // the first ten, best first
	Files []string `json:"files"` // every file read for it, as paths
	Bytes int      `json:"-"`     // their transfer sizes, summed
}

// entryFor is the entry of the index of language lang in the output
// out: the site's first language has its search page at /search/, the
// others at /LANG/search/.
func entryFor(out, lang string) string {
	if p := filepath.Join(out, lang, "search", "index.json"); fileExists(p) {
		return p
	}
	return filepath.Join(out, "search", "index.json")
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// runBulletin runs every query of qs through search.js (script) in Node
// against the output out, each as a reader who has just opened the
// search page.
func runBulletin(node, script, out string, qs []query) ([]result, error) {
	type req struct {
		Entry string `json:"entry"`
		Query string `json:"query"`
	}
	var reqs []req
	for _, q := range qs {
		reqs = append(reqs, req{Entry: entryFor(out, q.lang), Query: q.text})
	}
	abs, err := filepath.Abs(script)
	if err != nil {
		return nil, err
	}
	in, _ := json.Marshal(map[string]any{"script": abs, "queries": reqs})
	dir, err := os.MkdirTemp("", "searcheval-js")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	js := filepath.Join(dir, "eval.js")
	if err := os.WriteFile(js, evalJS, 0o644); err != nil {
		return nil, err
	}
	cmd := exec.Command(node, js)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("node: %v\n%s", err, stderr.Bytes())
	}
	var rs []result
	if err := json.Unmarshal(stdout, &rs); err != nil {
		return nil, fmt.Errorf("node: %v", err)
	}
	if len(rs) != len(qs) {
		return nil, fmt.Errorf("node: %d results for %d queries", len(rs), len(qs))
	}
	for i := range rs {
		for _, f := range rs[i].Files {
			n, err := sizes.of(f)
			if err != nil {
				return nil, err
			}
			rs[i].Bytes += n
		}
	}
	return rs, nil
}

// transferSize is what sending data costs: gzipped (at gzip's default
// level, as a web server compresses), or as it is when gzip does not
// make it smaller (Pagefind's files are gzipped already).
func transferSize(data []byte) int {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(data)
	w.Close()
	return min(len(data), b.Len())
}

// sizeCache keeps the transfer size of each file read, as a query set
// reads the same files again and again.
type sizeCache struct {
	mu sync.Mutex
	m  map[string]int
}

var sizes = &sizeCache{m: map[string]int{}}

func (c *sizeCache) of(path string) (int, error) {
	c.mu.Lock()
	n, ok := c.m[path]
	c.mu.Unlock()
	if ok {
		return n, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	n = transferSize(data)
	c.mu.Lock()
	c.m[path] = n
	c.mu.Unlock()
	return n, nil
}

// A dirSize sums the files of a folder.
type dirSize struct {
	files, bytes, transfer int
}

// sizeOf sums the files under dir for which keep (given the path
// relative to dir, with slashes) is true.
func sizeOf(dir string, keep func(rel string) bool) (dirSize, error) {
	var s dirSize
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if !keep(filepath.ToSlash(rel)) {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		s.files++
		s.bytes += len(data)
		s.transfer += transferSize(data)
		return nil
	})
	return s, err
}

// indexSize is the size of bulletin's index of one language: its JSON
// files, not the search page.
func indexSize(out, lang string) (dirSize, error) {
	return sizeOf(filepath.Dir(entryFor(out, lang)), func(rel string) bool {
		return strings.HasSuffix(rel, ".json")
	})
}

// indexedURLs are the URLs of the pages bulletin's index of lang holds.
func indexedURLs(out, lang string) (map[string]bool, error) {
	dir := filepath.Join(filepath.Dir(entryFor(out, lang)), "f")
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	urls := map[string]bool{}
	for _, e := range ents {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		var f struct {
			U string `json:"u"`
		}
		if err := json.Unmarshal(data, &f); err != nil {
			return nil, fmt.Errorf("%s: %v", e.Name(), err)
		}
		urls[decoded(f.U)] = true
	}
	return urls, nil
}
