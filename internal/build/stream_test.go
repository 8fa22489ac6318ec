package build

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	bulletin "github.com/bulletin-ssg/bulletin"
)

// TestStreamedPages: a one-off build with the built-in theme writes each
// article during the markdown stage and lets its HTML go (the graph it
// returns has none), yet every page is written, with its content, and
// lists and feeds still show the summaries. A site layout streams as
// well while it reads no other page's Markdown; one that does keeps
// every page's HTML until the write stage.
func TestStreamedPages(t *testing.T) {
	base := fstest.MapFS{
		"content/_index.md":      {Data: []byte("---\ntitle: Site\n---\n")},
		"content/about.md":       {Data: []byte("---\ntitle: About\n---\nWho we are.\n")},
		"content/news/_index.md": {Data: []byte("---\ntitle: News\n---\n")},
	}
	const n = 2*streamBatch + 3 // three batches
	for i := range n {
		base[fmt.Sprintf("content/news/a%04d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"---\ntitle: A%d\ndate: 2020-01-%02d\ntags: [t%d]\n---\nLead %d.\n\n<!--more-->\n\nBody %d.\n", i, 1+i%28, i%5, i, i))}
	}
	withLayout := func(layout string) fstest.MapFS {
		src := fstest.MapFS{"layouts/article.html": {Data: []byte(layout)}}
		for f, d := range base {
			src[f] = d
		}
		return src
	}
	for _, tc := range []struct {
		name     string
		src      fstest.MapFS
		streamed bool
	}{
		{"built-in theme", base, true},
		{"site layout", withLayout(`{{define "main"}}<div>{{.Page.Content}}</div>{{end}}`), true},
		{"site layout reading another page's summary",
			withLayout(`{{define "main"}}<div>{{.Page.Content}}</div>{{.Page.SectionPage.Summary}}{{end}}`), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sink := newMemSink()
			res, err := Build(context.Background(), Options{Source: tc.src, Builtin: bulletin.Theme, Now: fixedNow}, sink)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range res.Site.Articles {
				if got := p.Content == ""; got != tc.streamed {
					t.Fatalf("%s: HTML let go %v, want %v", p.File, got, tc.streamed)
				}
				page := string(sink.files[p.OutputFile()])
				num := strings.TrimPrefix(p.Title, "A")
				if !strings.Contains(page, "Body "+num+".") {
					t.Fatalf("%s: page lacks its body:\n%s", p.File, page)
				}
			}
			if about := string(sink.files["about/index.html"]); !strings.Contains(about, "Who we are.") {
				t.Errorf("about page lacks its body")
			}
			home := string(sink.files["index.html"])
			for _, p := range res.Site.Home.Pagers[0].Pages {
				if lead := "Lead " + strings.TrimPrefix(p.Title, "A") + "."; !strings.Contains(home, lead) {
					t.Errorf("home page lacks the summary %q", lead)
				}
			}
		})
	}
}
