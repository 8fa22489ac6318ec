package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/headless"
	"github.com/chromedp/chromedp"
)

// runPagefind indexes the output out with Pagefind (the npm package in
// npmDir, run as npx runs it), writing its files to pf, not into out,
// and gives the time it took.
func runPagefind(npmDir, out, pf string) (time.Duration, error) {
	if err := os.RemoveAll(pf); err != nil {
		return 0, err
	}
	bin := filepath.Join(npmDir, "node_modules", ".bin", "pagefind")
	if !fileExists(bin) {
		return 0, fmt.Errorf("%s is missing: run npm ci --prefix %s", bin, npmDir)
	}
	cmd := exec.Command(bin, "--site", out, "--output-path", pf)
	start := time.Now()
	if msg, err := cmd.CombinedOutput(); err != nil {
		return 0, fmt.Errorf("pagefind: %v\n%s", err, msg)
	}
	return time.Since(start), nil
}

// A countingServer serves a built site and Pagefind's files beside it,
// on 127.0.0.1, and keeps the transfer size of every file it sent since
// the last reset. Nothing may be cached: each query starts as a reader
// who just opened the page.
type countingServer struct {
	out, pf string
	url     string
	srv     *http.Server

	mu   sync.Mutex
	sent []sentFile
}

type sentFile struct {
	path  string
	bytes int
}

func startServer(out, pf string) (*countingServer, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &countingServer{out: out, pf: pf, url: "http://" + ln.Addr().String()}
	s.srv = &http.Server{Handler: s}
	go s.srv.Serve(ln)
	return s, nil
}

func (s *countingServer) close() { s.srv.Close() }

// pagePath is the blank page queries run in; its lang picks Pagefind's
// index, as a page of the site in that language would.
const pagePath = "/_searcheval/page.html"

func (s *countingServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if r.URL.Path == pagePath {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<!doctype html><html lang=%q><head><meta charset=utf-8><title>search</title></head><body></body></html>", r.URL.Query().Get("lang"))
		return
	}
	p := path.Clean(r.URL.Path)
	file := filepath.Join(s.out, filepath.FromSlash(p))
	if rest, ok := strings.CutPrefix(p, "/pagefind/"); ok {
		file = filepath.Join(s.pf, filepath.FromSlash(rest))
	}
	data, err := os.ReadFile(file)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	n, _ := sizes.of(file)
	s.mu.Lock()
	s.sent = append(s.sent, sentFile{path: p, bytes: n})
	s.mu.Unlock()
	switch path.Ext(p) {
	case ".js":
		w.Header().Set("Content-Type", "text/javascript")
	case ".json":
		w.Header().Set("Content-Type", "application/json")
	case ".css":
		w.Header().Set("Content-Type", "text/css")
	default:
		w.Header().Set("Content-Type", "application/octet-stream")
	}
	w.Write(data)
}

func (s *countingServer) take() []sentFile {
	s.mu.Lock()
	defer s.mu.Unlock()
	sent := s.sent
	s.sent = nil
	return sent
}

// pagefindQuery runs a query with Pagefind's own search script as its
// documentation shows (import pagefind.js, search, then the data of each
// result), and reads the first ten results' data, as many as the
// bulletin page shows.
const pagefindQuery = `(async (q) => {
  const pagefind = await import("/pagefind/pagefind.js");
  await pagefind.init();
  const found = await pagefind.search(q);
  const data = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
  return data.map((d) => d.url);
})(%s)`

// A browser is headless Chromium, started with an empty profile and no
// traffic of its own.
type browser struct {
	ctx    context.Context
	cancel func()
}

func startBrowser(exe string) (*browser, error) {
	dir, err := os.MkdirTemp("", "searcheval-chromium")
	if err != nil {
		return nil, err
	}
	opts := headless.Options(exe, dir)
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		acancel()
		os.RemoveAll(dir)
		return nil, fmt.Errorf("chromium: %v", err)
	}
	return &browser{ctx: ctx, cancel: func() { cancel(); acancel(); os.RemoveAll(dir) }}, nil
}

// pagefindSearch runs q in a freshly loaded page of language lang and
// gives the results' URLs and every file Pagefind fetched for it.
func (b *browser) pagefindSearch(s *countingServer, lang, q string) ([]string, []sentFile, error) {
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	s.take()
	if err := chromedp.Do(ctx, chromedp.Navigate(s.url+pagePath+"?lang="+lang)); err != nil {
		return nil, nil, err
	}
	urls, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](fmt.Sprintf(pagefindQuery, jsString(q)), chromedp.EvalAwaitPromise))
	return urls, s.take(), err
}

// jsString is s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// pagefindEngine says whether a file Pagefind fetched is its program
// (its scripts and WebAssembly) rather than its index.
func pagefindEngine(p string) bool {
	return p == "/pagefind/pagefind.js" || p == "/pagefind/pagefind-worker.js" || strings.HasPrefix(p, "/pagefind/wasm.")
}

// pagefindIndexSize is the size of Pagefind's index of language lang
// (its code as Pagefind writes it: zh-cn, en): its meta, index chunks and
// fragments, not its program or entry.
func pagefindIndexSize(pf, lang string) (dirSize, error) {
	return sizeOf(pf, func(rel string) bool {
		base := path.Base(rel)
		return strings.HasPrefix(base, lang+"_") || strings.HasPrefix(base, "pagefind."+lang+"_")
	})
}

// pagefindLang is the lang attribute of a page in the query set's
// language: zh is the site's zh-CN.
func pagefindLang(lang string) string {
	if lang == "zh" {
		return "zh-CN"
	}
	return lang
}
