// Command benchfloor is the floor bulletin's speed is measured against: the
// least a static site generator must do for a site's articles. It reads
// every Markdown file under content/, parses its front matter, renders the
// body with goldmark (the same extensions as bulletin), fills one small
// html/template and writes one index.html per article, on every core. No
// lists, feeds, taxonomies, links or theme. It must stay the least: work
// added here would make bulletin's ratio to the floor look better than it
// is. It never writes outside -dest.
//
//	go run ./cmd/benchfloor -source /tmp/site -dest /tmp/floor-out
package main

import (
	"bytes"
	"flag"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/adrg/frontmatter"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

var page = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{.Title}}</title></head>
<body><article><h1>{{.Title}}</h1><p>{{.Date}}</p>{{.Content}}</article></body></html>
`))

type matter struct {
	Title string `yaml:"title"`
	Date  string `yaml:"date"`
}

func main() {
	source := flag.String("source", ".", "site folder")
	dest := flag.String("dest", "floor-out", "output folder")
	flag.Parse()
	var files []string
	_ = filepath.WalkDir(filepath.Join(*source, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") && d.Name() != "_index.md" {
			files = append(files, p)
		}
		return nil
	})
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.CJK),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
	jobs := make(chan string)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failed error
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var html, out bytes.Buffer
			for f := range jobs {
				if err := one(md, f, *source, *dest, &html, &out); err != nil {
					mu.Lock()
					failed = err
					mu.Unlock()
				}
			}
		}()
	}
	for _, f := range files {
		jobs <- f
	}
	close(jobs)
	wg.Wait()
	if failed != nil {
		fmt.Fprintln(os.Stderr, "benchfloor:", failed)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "benchfloor: %d articles\n", len(files))
}

func one(md goldmark.Markdown, file, source, dest string, html, out *bytes.Buffer) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	var m matter
	body, err := frontmatter.Parse(bytes.NewReader(data), &m)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	html.Reset()
	if err := md.Convert(body, html); err != nil {
		return err
	}
	out.Reset()
	if err := page.Execute(out, map[string]any{"Title": m.Title, "Date": m.Date, "Content": template.HTML(html.String())}); err != nil {
		return err
	}
	rel, _ := filepath.Rel(filepath.Join(source, "content"), file)
	dir := filepath.Join(dest, strings.TrimSuffix(rel, ".md"))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "index.html"), out.Bytes(), 0o644)
}
