// Package deploy puts a finished build's output into a bucket of an
// S3-compatible store (Alibaba Cloud OSS, Tencent Cloud COS, Huawei OBS,
// Qiniu Kodo, AWS S3, Cloudflare R2…), uploading only what changed since
// the last deploy, with the headers each file needs, in an order that
// never shows a reader a page whose stylesheet is not there yet.
//
// What users rely on:
//   - it deploys only what the output's manifest lists, each file
//     checked against the sum the manifest gives it; an output without a
//     manifest (no finished build), with an unfinished update, or with no
//     files is refused, and so is a file changed since its build;
//   - it writes and deletes only keys under the target's prefix, and
//     deletes only files it uploaded: those its remote manifest (or the
//     journal of a deploy cut short) lists; a bucket's other files are
//     kept, and so is everything when no remote manifest is there;
//   - the order: new and changed assets (styles, scripts, images, fonts,
//     downloads), then pages, then feeds and the sitemap's parts, then
//     the sitemap, then the remote manifest, then the deletes; a phase
//     starts only once the one before it succeeded;
//   - a deploy cut short (killed, or a store failing for good) leaves
//     the bucket serving a consistent site: every page's assets are there
//     before it, and old files go only after every new one is up; its
//     journal, written before the first change, makes the next deploy
//     upload again what it may have left half done and delete what it
//     was to delete;
//   - headers: Content-Type from package mediatype (as bulletin serve
//     sends it), Cache-Control by the target package's rules, the
//     compression the target asks for on text files, and an alias's
//     target as the website redirect header where the target says so;
//     a change of headers uploads the file again;
//   - no key or token of the store ever shows in a message.
//
// It decides nothing of the command line: whether to act (a dry run is
// the plan alone) and the limit of deletes are the caller's.
package deploy

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/bulletin-ssg/bulletin/internal/deploy/target"
	"github.com/bulletin-ssg/bulletin/internal/mediatype"
	"github.com/bulletin-ssg/bulletin/internal/output"
	"github.com/bulletin-ssg/bulletin/internal/search"
	"github.com/bulletin-ssg/bulletin/internal/site"
)

// Names of bulletin's own objects under the target's prefix.
const (
	// ManifestKey lists every file the last finished deploy left, with
	// its sum and headers.
	ManifestKey = ".bulletin-deploy.json"
	// JournalKey lists what a deploy under way uploads and deletes; it
	// goes when the deploy finished.
	JournalKey = ".bulletin-deploy-journal.json"
)

// Kind is what a file is to a reader, which orders the uploads.
type Kind int

// The kinds, in the order their files are uploaded.
const (
	Asset   Kind = iota // anything a page uses or links to: styles, scripts, images, fonts, downloads
	Page                // HTML: what readers open; and a search index's entry, which names its other files
	Feed                // feeds, and the parts of a sitemap split in parts
	Sitemap             // sitemap.xml, which may be the index of those parts
)

var kindNames = [...]string{"assets", "pages", "feeds", "sitemap"}

func (k Kind) String() string { return kindNames[k] }

// KindOf is the kind of the output file rel.
func KindOf(rel string) Kind {
	name := path.Base(rel)
	switch {
	case rel == site.SitemapFile:
		return Sitemap
	case !strings.Contains(rel, "/") && strings.HasPrefix(name, "sitemap-") && strings.HasSuffix(name, ".xml"):
		return Feed
	case name == site.FeedFile || name == site.AtomFile || name == site.JSONFeedFile:
		return Feed
	case name == search.EntryFile:
		return Page // after the shards and excerpts it names, as a page after its styles
	}
	switch strings.ToLower(path.Ext(rel)) {
	case ".html", ".htm":
		return Page
	}
	return Asset
}

// Object is a file as the bucket should hold it: the output file's size
// and sum, and the headers it is uploaded with.
type Object struct {
	Size         int64  `json:"size"`
	Sum          string `json:"xxh3"` // the output manifest's sum of the file's bytes
	Type         string `json:"type"`
	CacheControl string `json:"cacheControl"`
	Encoding     string `json:"encoding,omitempty"`
	Redirect     string `json:"redirect,omitempty"`
}

// Options say how a target takes the files.
type Options struct {
	// Rules are the site's Cache-Control rules, before the defaults.
	Rules []target.Rule
	// Compress is "", "gzip" or "br".
	Compress string
	// RedirectHeader: an alias's page is uploaded with its target as the
	// website redirect header.
	RedirectHeader bool
}

// Local is what a finished build put in the output, as it should be in
// the bucket.
type Local struct {
	fsys  fs.FS
	Files map[string]Object // by output-relative path
}

// maxAliasPage bounds the pages read to find an alias's: render.Alias
// writes a few hundred bytes.
const maxAliasPage = 4096

// ReadOutput reads the finished build in fsys (the output folder) and
// works out each file's headers as opts say.
func ReadOutput(fsys fs.FS, opts Options) (*Local, error) {
	m, err := output.ManifestOf(fsys)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no %s: not the output of a finished build; build the site first", output.ManifestFile)
	}
	if err != nil {
		return nil, err
	}
	if len(m.Files) == 0 {
		return nil, errors.New("the output holds no files: nothing to deploy")
	}
	l := &Local{fsys: fsys, Files: make(map[string]Object, len(m.Files))}
	for rel, e := range m.Files {
		if err := checkRel(rel); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", output.ManifestFile, rel, err)
		}
		if e.Sum == "" {
			return nil, fmt.Errorf("%s lists %s without a sum (an older bulletin's): build the site again", output.ManifestFile, rel)
		}
		o := Object{Size: e.Size, Sum: e.Sum, Type: mediatype.Of(rel), CacheControl: target.CacheControl(opts.Rules, rel)}
		if opts.Compress != "" && mediatype.Compressible(o.Type) {
			o.Encoding = opts.Compress
		}
		if opts.RedirectHeader && KindOf(rel) == Page && e.Size <= maxAliasPage {
			b, err := fs.ReadFile(fsys, rel)
			if err != nil {
				return nil, err
			}
			o.Redirect, _ = AliasTarget(b)
		}
		l.Files[rel] = o
	}
	return l, nil
}

// checkRel refuses a path a key could not be made of, and bulletin's own
// names in the bucket.
func checkRel(rel string) error {
	switch {
	case !fs.ValidPath(rel) || rel == "." || strings.ContainsRune(rel, '\\'):
		return errors.New("not a path inside the output")
	case rel == ManifestKey || rel == JournalKey:
		return errors.New("bulletin deploy keeps its own record under that name in the bucket: rename the file")
	}
	return nil
}

// The shape of render.Alias's page: what stands before and after the
// target's URL in its refresh.
const (
	aliasHead    = "<!doctype html>\n<html lang=\""
	aliasRobots  = "\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url="
	aliasRefresh = "\">\n</head>\n"
)

// AliasTarget is the URL an alias's redirect page (render.Alias) sends
// readers to; ok is false for any other page.
func AliasTarget(page []byte) (url string, ok bool) {
	if !bytes.HasPrefix(page, []byte(aliasHead)) {
		return "", false
	}
	_, rest, ok := bytes.Cut(page, []byte(aliasRobots))
	if !ok {
		return "", false
	}
	esc, _, ok := bytes.Cut(rest, []byte(aliasRefresh))
	if !ok || len(esc) == 0 || bytes.ContainsAny(esc, "\"<>\n") {
		return "", false
	}
	return html.UnescapeString(string(esc)), true
}

// sortedKeys are m's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
