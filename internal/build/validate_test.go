package build

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/bulletin-ssg/bulletin"
	"github.com/bulletin-ssg/bulletin/internal/render"
	"github.com/bulletin-ssg/bulletin/internal/site"
)

// validator finds a program other people wrote that checks bulletin's
// output: CI installs each (see .ci/run) and must run them; elsewhere a
// missing one skips the test.
func validator(t *testing.T, name string, probe ...string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil && len(probe) > 0 {
		err = exec.Command(path, probe...).Run()
	}
	if err == nil {
		return path
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("CI must run this test: %s %s: %v (see .ci/run)", name, strings.Join(probe, " "), err)
	}
	t.Skipf("%s not usable here (%v): skipping", name, err)
	return ""
}

// python finds a Python 3 that has feedparser (Debian's python3-feedparser).
func python(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if path, err := exec.LookPath(p); err == nil && exec.Command(path, "-c", "import feedparser").Run() == nil {
			return path
		}
	}
	return validator(t, "python3", "-c", "import feedparser")
}

// writeOutput writes a build's files under a new folder and returns it.
func writeOutput(t *testing.T, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	for rel, data := range files {
		name := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// sampleWith is the repository's sample site with extra settings added to
// content/_index.md.
func sampleWith(t *testing.T, settings string) fs.FS {
	t.Helper()
	repo := os.DirFS("../..")
	out := fstest.MapFS{}
	for _, top := range []string{"content", "layouts", "assets"} {
		err := fs.WalkDir(repo, top, func(name string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(repo, name)
			if err != nil {
				return err
			}
			if name == "content/_index.md" {
				data = bytes.Replace(data, []byte("---\n"), []byte("---\n"+settings), 1)
			}
			out[name] = &fstest.MapFile{Data: data, Mode: 0o644}
			return nil
		})
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	return out
}

// TestFeedsValidate builds the sample site (two languages, sections,
// tags, categories), with summaries and with whole articles in its
// feeds, and has feedparser read every RSS, Atom and JSON feed.
func TestFeedsValidate(t *testing.T) {
	py := python(t)
	for _, tc := range []struct {
		name, settings string
		args           []string
	}{
		{"summary", "", nil},
		{"full", "feedContent: full\n", []string{"--full"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sink, err := buildFS(t, sampleWith(t, tc.settings), Options{})
			if err != nil {
				t.Fatal(err)
			}
			dir := writeOutput(t, sink.files)
			var feeds []string
			jsonFeeds := 0
			for rel, data := range sink.files {
				switch filepath.Base(rel) {
				case "index.xml", "atom.xml":
					feeds = append(feeds, filepath.Join(dir, filepath.FromSlash(rel)))
				case "feed.json":
					// Debian's feedparser reads no JSON Feed: checked
					// against the specification's requirements here.
					checkJSONFeed(t, rel, data, tc.name == "full")
					jsonFeeds++
				}
			}
			if jsonFeeds*2 != len(feeds) {
				t.Errorf("%d JSON feeds beside %d RSS and Atom feeds", jsonFeeds, len(feeds))
			}
			sort.Strings(feeds)
			if len(feeds) < 30 {
				t.Fatalf("only %d feeds in the sample site", len(feeds))
			}
			cmd := exec.Command(py, append(append([]string{"testdata/validate/feeds.py"}, tc.args...), feeds...)...)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("feedparser: %v\n%s", err, out)
			}
		})
	}
}

// relativeURL finds a site-relative URL in an article's HTML.
var relativeURL = regexp.MustCompile(`(?:href|src)="(?:[^h#m]|h[^t]|m[^a])`)

// checkJSONFeed checks a JSON Feed 1.1 (jsonfeed.org/version/1.1)
// against what the specification requires: its version URL, a title,
// items each with a unique string id, a URL, content_html, dates in RFC
// 3339 with their zone.
func checkJSONFeed(t *testing.T, rel string, data []byte, full bool) {
	t.Helper()
	var feed map[string]any
	if err := json.Unmarshal(data, &feed); err != nil {
		t.Errorf("%s: %v", rel, err)
		return
	}
	if feed["version"] != "https://jsonfeed.org/version/1.1" {
		t.Errorf("%s: version %v", rel, feed["version"])
	}
	for _, key := range []string{"title", "home_page_url", "feed_url"} {
		if s, _ := feed[key].(string); s == "" {
			t.Errorf("%s: no %s", rel, key)
		}
	}
	if u, _ := feed["feed_url"].(string); !strings.HasSuffix(unescapePath(u), "/"+rel) {
		t.Errorf("%s: feed_url %q is not this file's", rel, u)
	}
	items, ok := feed["items"].([]any)
	if !ok {
		t.Errorf("%s: items is not a list", rel)
		return
	}
	ids := map[string]bool{}
	for _, v := range items {
		item, _ := v.(map[string]any)
		id, _ := item["id"].(string)
		if id == "" || ids[id] {
			t.Errorf("%s: item id %q missing or repeated", rel, id)
		}
		ids[id] = true
		if u, _ := item["url"].(string); u == "" {
			t.Errorf("%s: item %s has no url", rel, id)
		} else if parsed, err := url.Parse(u); err != nil || !parsed.IsAbs() {
			t.Errorf("%s: item %s: url %q is not absolute", rel, id, u)
		}
		html, ok := item["content_html"].(string)
		if !ok {
			t.Errorf("%s: item %s has no content_html", rel, id)
		}
		if full && relativeURL.MatchString(html) {
			t.Errorf("%s: item %s: content has a relative URL", rel, id)
		}
		for _, key := range []string{"date_published", "date_modified"} {
			s, ok := item[key].(string)
			if !ok && key == "date_modified" {
				continue
			}
			if _, err := time.Parse(time.RFC3339, s); err != nil {
				t.Errorf("%s: item %s: %s %q: %v", rel, id, key, s, err)
			}
		}
	}
}

func unescapePath(u string) string {
	if p, err := url.PathUnescape(u); err == nil {
		return p
	}
	return u
}

// TestSitemapValidates checks the sample site's sitemap (two languages,
// alternates, covers) against the sitemaps.org schema with xmllint, and
// robots.txt points to it.
func TestSitemapValidates(t *testing.T) {
	xmllint := validator(t, "xmllint", "--version")
	sink := newMemSink()
	res, err := Build(context.Background(), Options{Source: os.DirFS("../.."), Builtin: bulletin.Theme, Now: fixedNow}, sink)
	if err != nil {
		t.Fatal(err)
	}
	sitemap := sink.files["sitemap.xml"]
	for _, want := range []string{"<xhtml:link", "<image:loc>"} {
		if !bytes.Contains(sitemap, []byte(want)) {
			t.Errorf("the sample site's sitemap has no %s", want)
		}
	}
	validateXML(t, xmllint, "sitemap.xsd", sitemap)
	// The sitemap is split by a bound on each entry's bytes: no entry
	// may be written longer.
	for _, p := range res.Site.SitemapPages() {
		one, err := render.Sitemap(res.Site, []*site.Page{p})
		if err != nil {
			t.Fatal(err)
		}
		if bound := 512 + site.SitemapEntryBound(p); len(one) > bound {
			t.Errorf("%s: sitemap entry of %d bytes, bound %d", p.Permalink, len(one), bound)
		}
	}
	// The same pages as a sitemap in three parts, and their index.
	pages := res.Site.SitemapPages()
	third := len(pages)/3 + 1
	parts := [][]*site.Page{pages[:third], pages[third : 2*third], pages[2*third:]}
	for _, part := range parts {
		data, err := render.Sitemap(res.Site, part)
		if err != nil {
			t.Fatal(err)
		}
		validateXML(t, xmllint, "sitemap.xsd", data)
	}
	index := render.SitemapIndex(res.Site, parts)
	if n := bytes.Count(index, []byte("<sitemap>")); n != 3 {
		t.Errorf("the index lists %d files:\n%s", n, index)
	}
	validateXML(t, xmllint, "siteindex.xsd", index)
	if robots := string(sink.files["robots.txt"]); !strings.Contains(robots, "Sitemap: https://news.example.com/sitemap.xml\n") {
		t.Errorf("robots.txt:\n%s", robots)
	}
}

// validateXML checks data against a schema of testdata/validate.
func validateXML(t *testing.T, xmllint, schema string, data []byte) {
	t.Helper()
	name := filepath.Join(t.TempDir(), "doc.xml")
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(xmllint, "--noout", "--nonet", "--schema", filepath.Join("testdata", "validate", schema), name).CombinedOutput()
	if err != nil {
		t.Errorf("xmllint --schema %s: %v\n%s", schema, err, out)
	}
}

// ldJSON finds a page's JSON-LD scripts.
var ldJSON = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)

// TestStructuredData parses the JSON-LD of every page of the sample site,
// and of an article whose title, author and description try to end the
// script: each page has at most one script, it parses, and each kind
// says what it is.
func TestStructuredData(t *testing.T) {
	hostile := `Launch </script><script>alert(1)</script> & "quotes"`
	fsys := sampleWith(t, "logo: css/style.css\npublisherType: NewsMediaOrganization\n")
	fsys.(fstest.MapFS)["content/news/2024-02-02-hostile.md"] = &fstest.MapFile{Data: []byte("---\ntitle: '" + hostile + "'\nauthor: '</SCRIPT>'\ndescription: '<!-- -->'\ntags: [a]\n---\nBody.\n")}
	sink, err := buildFS(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for rel, data := range sink.files {
		if !strings.HasSuffix(rel, ".html") {
			continue
		}
		found := ldJSON.FindAllSubmatch(data, -1)
		if len(found) > 1 {
			t.Errorf("%s: %d JSON-LD scripts", rel, len(found))
		}
		for _, m := range found {
			var doc struct {
				Context string           `json:"@context"`
				Graph   []map[string]any `json:"@graph"`
			}
			if err := json.Unmarshal(m[1], &doc); err != nil {
				t.Errorf("%s: %v\n%s", rel, err, m[1])
				continue
			}
			if doc.Context != "https://schema.org" || len(doc.Graph) == 0 {
				t.Errorf("%s: %s", rel, m[1])
			}
			for _, node := range doc.Graph {
				typ, _ := node["@type"].(string)
				kinds[typ]++
				if typ == "NewsArticle" {
					for _, key := range []string{"headline", "datePublished", "dateModified", "author", "publisher", "mainEntityOfPage", "inLanguage", "image"} {
						if node[key] == nil {
							t.Errorf("%s: NewsArticle without %s", rel, key)
						}
					}
					if pub, _ := node["publisher"].(map[string]any); pub["@type"] != "NewsMediaOrganization" || pub["logo"] == nil {
						t.Errorf("%s: publisher %v", rel, pub)
					}
					if strings.Contains(rel, "hostile") && node["headline"] != hostile {
						t.Errorf("%s: headline %q, want %q", rel, node["headline"], hostile)
					}
				}
			}
		}
	}
	for _, want := range []string{"NewsArticle", "BreadcrumbList", "NewsMediaOrganization", "WebSite"} {
		if kinds[want] == 0 {
			t.Errorf("no page has %s (found %v)", want, kinds)
		}
	}
	if kinds["WebSite"] != 2 {
		t.Errorf("%d WebSite nodes: want one per language's home page", kinds["WebSite"])
	}
}

// TestStructuredDataVocabulary checks the JSON-LD of every page of the
// sample site against schema.org's vocabulary: schema-dts is schema.org's
// types and properties, generated from its vocabulary, and the TypeScript
// compiler holds each page's graph to them (an unknown type or property,
// or a value of the wrong type, is an error). CI installs both from
// .ci/jsonld (npm ci). A graph with a misspelt property must fail, or the
// check checks nothing.
func TestStructuredDataVocabulary(t *testing.T) {
	modules, err := filepath.Abs("../../.ci/jsonld/node_modules")
	if err != nil {
		t.Fatal(err)
	}
	tsc := validator(t, filepath.Join(modules, ".bin", "tsc"), "--version")
	fsys := sampleWith(t, "logo: css/style.css\npublisherType: NewsMediaOrganization\n")
	sink, err := buildFS(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var pages []string
	for rel := range sink.files {
		if strings.HasSuffix(rel, ".html") && ldJSON.Match(sink.files[rel]) {
			pages = append(pages, rel)
		}
	}
	sort.Strings(pages)
	if len(pages) < 10 {
		t.Fatalf("%d pages with JSON-LD", len(pages))
	}
	// One graph a line, so that an error's line names its page.
	var src strings.Builder
	src.WriteString("import type { Graph } from \"schema-dts\";\n")
	for i, rel := range pages {
		fmt.Fprintf(&src, "export const page%d: Graph = %s;\n", i, ldJSON.FindSubmatch(sink.files[rel])[1])
	}
	dir := t.TempDir()
	if err := os.Symlink(modules, filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	check := func(name, text string) (string, error) {
		file := filepath.Join(dir, name)
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(tsc, "--noEmit", "--strict", "--skipLibCheck", name)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := check("pages.ts", src.String()); err != nil {
		// pages.ts(3,120): error … is about pages[1].
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			var n, col int
			if _, scanErr := fmt.Sscanf(line, "pages.ts(%d,%d)", &n, &col); scanErr == nil && n >= 2 && n-2 < len(pages) {
				line = pages[n-2] + ": " + line
			}
			t.Error(line)
		}
	}
	misspelt := strings.Replace(src.String(), `"headline"`, `"headlin"`, 1)
	if out, err := check("misspelt.ts", misspelt); err == nil || !strings.Contains(out, "headlin") {
		t.Errorf("a misspelt property passed the check (%v):\n%s", err, out)
	}
}

// TestIndexNowKeyFile: with a key, the output has the file IndexNow
// reads to check the site is the submitter's; without one, none.
func TestIndexNowKeyFile(t *testing.T) {
	sink, err := buildFS(t, os.DirFS("../.."), Options{IndexNowKey: "5f2b7c9e-0a41-4b8e"})
	if err != nil {
		t.Fatal(err)
	}
	if got := string(sink.files["5f2b7c9e-0a41-4b8e.txt"]); got != "5f2b7c9e-0a41-4b8e" {
		t.Errorf("key file holds %q", got)
	}
	plain, err := buildFS(t, os.DirFS("../.."), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(plain.files) != len(sink.files)-1 {
		t.Errorf("%d files without a key, %d with one", len(plain.files), len(sink.files))
	}
}
