package push

import (
	"encoding/json"
	"io/fs"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/bulletin-ssg/bulletin/internal/output"
)

const base = "https://news.example.com/"

// outputFS is an output folder as a build leaves it: files with sums in
// the manifest, the pages listed in the sitemap.
func outputFS(t testing.TB, files map[string]string, sitemap string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	m := output.Manifest{Generator: "bulletin", Files: map[string]output.Entry{}}
	for name, sum := range files {
		fsys[name] = &fstest.MapFile{Data: []byte("<!doctype html>")}
		m.Files[name] = output.Entry{Size: 15, Sum: sum}
	}
	if sitemap != "" {
		fsys["sitemap.xml"] = &fstest.MapFile{Data: []byte(sitemap)}
		m.Files["sitemap.xml"] = output.Entry{Size: int64(len(sitemap)), Sum: "5173"}
	}
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	fsys[output.ManifestFile] = &fstest.MapFile{Data: data}
	return fsys
}

// sitemapOf writes a sitemap as the build does, each URL with its
// lastmod when one is given ("loc lastmod"), a version in another
// language and a cover.
func sitemapOf(urls ...string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">`)
	for _, u := range urls {
		loc, lastmod, _ := strings.Cut(u, " ")
		b.WriteString("\n  <url>\n    <loc>" + strings.ReplaceAll(loc, "&", "&amp;") + "</loc>")
		if lastmod != "" {
			b.WriteString("\n    <lastmod>" + lastmod + "</lastmod>")
		}
		b.WriteString(`<xhtml:link rel="alternate" hreflang="en" href="` + loc + `"/>`)
		b.WriteString("<image:image><image:loc>" + loc + "cover.png</image:loc></image:image>")
		b.WriteString("\n  </url>")
	}
	b.WriteString("\n</urlset>\n")
	return b.String()
}

func TestPageFile(t *testing.T) {
	tests := []struct {
		loc, base, want string
		bad             bool
	}{
		{loc: base, base: base, want: "index.html"},
		{loc: base + "news/x/", base: base, want: "news/x/index.html"},
		{loc: base + "special/report.html", base: base, want: "special/report.html"},
		{loc: base + "news/%E7%AB%AF%E5%8D%88/", base: base, want: "news/端午/index.html"},
		{loc: base + "a%3Fb/", base: base, want: "a?b/index.html"},
		{loc: "https://example.com/blog/news/x/", base: "https://example.com/blog/", want: "news/x/index.html"},
		{loc: "https://staging.example.com/news/x/", base: base, bad: true},
		{loc: "http://news.example.com/news/x/", base: base, bad: true},
		{loc: base + "a/../../x/", base: base, bad: true},
		{loc: base + "%2e%2e/x/", base: base, bad: true},
		{loc: base + "%2e", base: base, bad: true},
		{loc: base + "/x/", base: base, bad: true},
		{loc: base + "%zz/", base: base, bad: true},
	}
	for _, tt := range tests {
		got, err := pageFile(tt.loc, tt.base)
		if tt.bad {
			if err == nil {
				t.Errorf("pageFile(%q, %q) = %q, want an error", tt.loc, tt.base, got)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("pageFile(%q, %q) = %q, %v; want %q", tt.loc, tt.base, got, err, tt.want)
		}
	}
}

// FuzzPageFile: whatever a sitemap says, the file a page is looked up
// as is a file inside the output.
func FuzzPageFile(f *testing.F) {
	for _, s := range []string{base, base + "news/x/", base + "%2e%2e/", base + "a/../b", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, loc string) {
		file, err := pageFile(loc, base)
		if err == nil && (!fs.ValidPath(file) || file == ".") {
			t.Fatalf("pageFile(%q) = %q, not a file inside the output", loc, file)
		}
	})
}

// TestReadOutput: the pages are those the sitemap lists, with their
// files' sums, newest first; a 404 page, an alias's redirect page, a
// list's later page, feeds, the sitemap and other files are not pages
// (the build leaves them out of the sitemap).
func TestReadOutput(t *testing.T) {
	files := map[string]string{
		"index.html":                  "s-home",
		"page/2/index.html":           "s-page2",
		"news/index.html":             "s-news",
		"news/old/index.html":         "s-old",
		"news/new/index.html":         "s-new",
		"news/端午/index.html":          "s-cn",
		"special/report.html":         "s-report",
		"special/data.json":           "s-json",
		"2019/old-path/index.html":    "s-alias",
		"404.html":                    "s-404",
		"en/404.html":                 "s-404en",
		"index.xml":                   "s-rss",
		"atom.xml":                    "s-atom",
		"robots.txt":                  "s-robots",
		"css/site.css":                "s-css",
		"news/new/photo.jpg":          "s-jpg",
		"google1234567890abcdef.html": "s-verify",
	}
	sitemap := sitemapOf(
		base+" 2024-06-01T10:00:00+08:00",
		base+"news/ 2024-06-01T10:00:00+08:00",
		base+"news/old/ 2020-01-01T00:00:00Z",
		base+"news/new/ 2024-06-01T10:00:00+08:00",
		base+"news/%E7%AB%AF%E5%8D%88/ 2024-05-01T00:00:00Z",
		base+"special/report.html",
		base+"special/data.json 2024-07-01T00:00:00Z",
	)
	out, err := ReadOutput(outputFS(t, files, sitemap), base)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range out.Pages {
		got = append(got, p.File+" "+p.Sum)
	}
	want := []string{
		"index.html s-home", "news/index.html s-news", "news/new/index.html s-new",
		"news/端午/index.html s-cn", "news/old/index.html s-old", "special/report.html s-report",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("pages:\n got %q\nwant %q", got, want)
	}
	if out.Pages[2].URL != base+"news/new/" {
		t.Errorf("URL %q, want the sitemap's", out.Pages[2].URL)
	}
	if !out.Lists("404.html") || out.Lists("key.txt") {
		t.Error("Lists does not answer from the manifest")
	}
}

// TestReadOutputIndex: a sitemap split in parts is read part by part,
// each of which must be the build's.
func TestReadOutputIndex(t *testing.T) {
	files := map[string]string{"index.html": "s-home", "news/a/index.html": "s-a", "news/b/index.html": "s-b", "sitemap-1.xml": "s1", "sitemap-2.xml": "s2"}
	index := `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap>
    <loc>` + base + `sitemap-1.xml</loc>
    <lastmod>2024-06-01T00:00:00Z</lastmod>
  </sitemap>
  <sitemap>
    <loc>` + base + `sitemap-2.xml</loc>
  </sitemap>
</sitemapindex>
`
	fsys := outputFS(t, files, index)
	fsys["sitemap-1.xml"].Data = []byte(sitemapOf(base+" 2024-01-01T00:00:00Z", base+"news/a/ 2024-06-01T00:00:00Z"))
	fsys["sitemap-2.xml"].Data = []byte(sitemapOf(base + "news/b/ 2024-03-01T00:00:00Z"))
	out, err := ReadOutput(fsys, base)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := URLs(out.Pages), []string{base + "news/a/", base + "news/b/", base}; !reflect.DeepEqual(got, want) {
		t.Errorf("pages %q, want %q", got, want)
	}

	delete(files, "sitemap-2.xml")
	fsys = outputFS(t, files, index)
	fsys["sitemap-1.xml"].Data = []byte(sitemapOf(base))
	if _, err := ReadOutput(fsys, base); err == nil || !strings.Contains(err.Error(), "the manifest lists no sitemap-2.xml") {
		t.Errorf("a part the build did not write: %v", err)
	}
	fsys = outputFS(t, map[string]string{"index.html": "s", "sitemap-1.xml": "s1"}, strings.ReplaceAll(index, "sitemap-2.xml", "sitemap.xml"))
	fsys["sitemap-1.xml"].Data = []byte(sitemapOf(base))
	if _, err := ReadOutput(fsys, base); err == nil || !strings.Contains(err.Error(), "no urlset") {
		t.Errorf("an index listing itself: %v", err)
	}
}

func TestReadOutputErrors(t *testing.T) {
	page := map[string]string{"index.html": "s1", "news/a/index.html": "s2"}
	tests := []struct {
		name string
		fsys fs.FS
		want string
	}{
		{"no manifest", fstest.MapFS{"index.html": {}}, "build the site first"},
		{"no sitemap", outputFS(t, page, ""), "lists no sitemap.xml"},
		{"sitemap not XML", outputFS(t, page, "<urlset><url>"), "sitemap.xml"},
		{"not a sitemap", outputFS(t, page, "<html></html>"), "not a sitemap's"},
		{"another base URL", outputFS(t, page, sitemapOf("https://staging.example.com/news/a/")), "built for another base URL"},
		{"a page the manifest lacks", outputFS(t, page, sitemapOf(base+"news/b/")), "the manifest has no news/b/index.html"},
		{"a manifest without sums", outputFS(t, map[string]string{"index.html": ""}, sitemapOf(base)), "no sum for index.html"},
	}
	for _, tt := range tests {
		_, err := ReadOutput(tt.fsys, base)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want an error saying %q", tt.name, err, tt.want)
		}
	}
	fsys := outputFS(t, page, sitemapOf(base))
	fsys[".bulletin-updating"] = &fstest.MapFile{}
	if _, err := ReadOutput(fsys, base); err == nil {
		t.Error("an output whose update did not finish reads")
	}
}

func TestRecord(t *testing.T) {
	pages := []Page{
		{URL: base, File: "index.html", Sum: "h1"},
		{URL: base + "news/a/", File: "news/a/index.html", Sum: "a1"},
		{URL: base + "news/b/", File: "news/b/index.html", Sum: "b1"},
	}
	r, err := ReadRecord(fstest.MapFS{})
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Pending("baidu", pages); len(got) != 3 {
		t.Fatalf("first push: %d pending, want all 3", len(got))
	}
	r.AcceptResult("baidu", pages, Result{Accepted: []string{base, base + "news/a/", "https://elsewhere.example/"}})
	r.AcceptResult("indexnow", pages, Result{Accepted: URLs(pages)})
	if !r.Changed() {
		t.Error("accepting changed nothing")
	}
	// A page changes; another is removed; a staging URL stays.
	r.services["indexnow"]["https://staging.example.com/"] = "s"
	now := []Page{{URL: base, File: "index.html", Sum: "h2"}, pages[1]}
	tests := []struct {
		service string
		want    []string
	}{
		{"baidu", []string{base}},
		{"indexnow", []string{base}},
		{"other", []string{base, base + "news/a/"}},
	}
	for _, tt := range tests {
		if got := URLs(r.Pending(tt.service, now)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: pending %q, want %q", tt.service, got, tt.want)
		}
	}
	r.Forget(base, now)
	if _, ok := r.services["indexnow"][base+"news/b/"]; ok {
		t.Error("a removed page stays in the record")
	}
	if _, ok := r.services["indexnow"]["https://staging.example.com/"]; !ok {
		t.Error("another base URL's page left the record")
	}

	dir := t.TempDir()
	if err := r.Write(dir); err != nil {
		t.Fatal(err)
	}
	if r.Changed() {
		t.Error("a written record is still changed")
	}
	read, err := ReadRecord(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(read.services, r.services) {
		t.Errorf("read back %v, wrote %v", read.services, r.services)
	}
}

func TestReadRecordErrors(t *testing.T) {
	for _, text := range []string{
		"", "{", `{"services":{}}`, `{"generator":"other","services":{}}`,
		`{"generator":"bulletin","services":{"baidu":{"u":1}}}`,
		`{"generator":"bulletin","services":{}} {}`,
	} {
		_, err := ReadRecord(fstest.MapFS{RecordFile: {Data: []byte(text)}})
		if err == nil || !strings.Contains(err.Error(), RecordFile) {
			t.Errorf("%q: %v, want an error naming the record", text, err)
		}
	}
}

// FuzzParseRecord: a record file, whatever it holds, reads or is an
// error; one that reads is written back to the same record.
func FuzzParseRecord(f *testing.F) {
	f.Add([]byte(`{"generator":"bulletin","services":{"baidu":{"https://a.example/":"00ff"}}}`))
	f.Add([]byte(`{"generator":"bulletin","services":{"indexnow":null}}`))
	f.Add([]byte(`{"generator":"bulletin","services":{"\u2028":{"<&>":"\ud800"}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := parseRecord(data)
		if err != nil {
			return
		}
		out, err := r.marshal()
		if err != nil {
			t.Fatal(err)
		}
		again, err := parseRecord(out)
		if err != nil {
			t.Fatalf("written back %q does not read: %v", out, err)
		}
		if !reflect.DeepEqual(again.services, r.services) {
			t.Fatalf("read %v, written back and read %v", r.services, again.services)
		}
	})
}
