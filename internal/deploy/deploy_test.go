package deploy

import (
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/bulletin-ssg/bulletin/internal/deploy/target"
	"github.com/bulletin-ssg/bulletin/internal/filesum"
	"github.com/bulletin-ssg/bulletin/internal/output"
	"github.com/bulletin-ssg/bulletin/internal/render"
	"github.com/bulletin-ssg/bulletin/internal/site"
)

// outputFS is a finished build's output holding files, with the manifest
// build would write of them.
func outputFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	m := output.Manifest{Generator: "bulletin", Files: map[string]output.Entry{}}
	for rel, data := range files {
		fsys[rel] = &fstest.MapFile{Data: []byte(data)}
		m.Files[rel] = output.Entry{Size: int64(len(data)), Sum: filesum.Of([]byte(data)).String()}
	}
	b, _ := json.Marshal(m)
	fsys[output.ManifestFile] = &fstest.MapFile{Data: b}
	return fsys
}

func TestKindOf(t *testing.T) {
	tests := map[string]Kind{
		"css/style.css":              Asset,
		"css/style.0123abcd.css":     Asset,
		"js/app.js":                  Asset,
		"images/a.png":               Asset,
		"fonts/a.woff2":              Asset,
		"robots.txt":                 Asset,
		"downloads/report.pdf":       Asset,
		"data/prices.json":           Asset,
		"search/s/7eb43cdffc77.json": Asset,
		"search/index.json":          Page,
		"en/search/index.json":       Page,
		"index.html":                 Page,
		"news/launch/index.html":     Page,
		"404.html":                   Page,
		"old/PAGE.HTM":               Page,
		"index.xml":                  Feed,
		"news/atom.xml":              Feed,
		"tags/x/feed.json":           Feed,
		"sitemap-1.xml":              Feed,
		"sitemap-12.xml":             Feed,
		"news/sitemap-1.xml":         Asset, // only the site's own sitemap parts, at the root
		"sitemap.xml":                Sitemap,
		"en/sitemap.xml":             Asset,
		"downloads/sitemap.xml.zip":  Asset,
	}
	for rel, want := range tests {
		if got := KindOf(rel); got != want {
			t.Errorf("%s: %v, want %v", rel, got, want)
		}
	}
}

// TestAliasTarget: the redirect page render.Alias writes is known by its
// shape, and its target read back unescaped; no other page is an alias.
func TestAliasTarget(t *testing.T) {
	for _, permalink := range []string{
		"https://news.example.com/news/2024/06/launch/",
		"https://news.example.com/新闻/a?b=1&c=\"2\"",
	} {
		page := render.Alias(site.Alias{Path: "/old/", Target: &site.Page{Permalink: permalink, Title: "Launch <1>", Lang: "en"}})
		got, ok := AliasTarget(page)
		if !ok || got != permalink {
			t.Errorf("alias to %q: read %q, %v", permalink, got, ok)
		}
	}
	for _, page := range []string{
		"",
		"<!doctype html>\n<html lang=\"en\">\n<head>\n<title>News</title>\n</head><body>Home</body></html>\n",
		// a page of the site quoting an alias's refresh is no alias
		"<!doctype html>\n<html lang=\"en\">\n<body><pre>\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url=https://x/\n\">\n</head>\n</pre>",
	} {
		if got, ok := AliasTarget([]byte(page)); ok {
			t.Errorf("%q: an alias to %q", page, got)
		}
	}
}

// TestReadOutput: each file's headers; an output of no finished build,
// of an update that did not finish, or with no files is refused.
func TestReadOutput(t *testing.T) {
	alias := string(render.Alias(site.Alias{Path: "/old/", Target: &site.Page{Permalink: "https://news.example.com/launch/", Title: "Launch", Lang: "en"}}))
	fsys := outputFS(map[string]string{
		"index.html":             "<!doctype html><p>Home",
		"old/index.html":         alias,
		"css/style.0123abcd.css": "body{}",
		"images/a.png":           "\x89PNG",
		"index.xml":              "<rss/>",
	})
	rule, err := target.ParseRule("images/**", "public, max-age=86400")
	if err != nil {
		t.Fatal(err)
	}
	l, err := ReadOutput(fsys, Options{Rules: []target.Rule{rule}, Compress: "gzip", RedirectHeader: true})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Object{
		"index.html":             {Type: "text/html; charset=utf-8", CacheControl: target.Short, Encoding: "gzip"},
		"old/index.html":         {Type: "text/html; charset=utf-8", CacheControl: target.Short, Encoding: "gzip", Redirect: "https://news.example.com/launch/"},
		"css/style.0123abcd.css": {Type: "text/css; charset=utf-8", CacheControl: target.Immutable, Encoding: "gzip"},
		"images/a.png":           {Type: "image/png", CacheControl: "public, max-age=86400"},
		"index.xml":              {Type: "application/xml", CacheControl: target.Short, Encoding: "gzip"},
	}
	for rel, w := range want {
		got := l.Files[rel]
		w.Size, w.Sum = int64(len(fsys[rel].Data)), filesum.Of(fsys[rel].Data).String()
		if got != w {
			t.Errorf("%s:\n got %+v\nwant %+v", rel, got, w)
		}
	}
	// Without the redirect header, an alias is a page like another.
	if l, _ := ReadOutput(fsys, Options{}); l.Files["old/index.html"].Redirect != "" || l.Files["index.html"].Encoding != "" {
		t.Errorf("without options: %+v", l.Files["old/index.html"])
	}

	unfinished := outputFS(map[string]string{"index.html": "x"})
	unfinished[".bulletin-updating"] = &fstest.MapFile{}
	reserved := outputFS(map[string]string{"index.html": "x", ManifestKey: "{}"})
	for name, tt := range map[string]struct {
		fsys fstest.MapFS
		want string
	}{
		"no manifest": {fstest.MapFS{"index.html": {Data: []byte("x")}}, "no .bulletin-manifest.json: not the output of a finished build"},
		"no files":    {outputFS(nil), "the output holds no files"},
		"unfinished":  {unfinished, "did not finish"},
		"reserved":    {reserved, ManifestKey + ": bulletin deploy keeps its own record"},
	} {
		if _, err := ReadOutput(tt.fsys, Options{}); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", name, err, tt.want)
		}
	}
}
