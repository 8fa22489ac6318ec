package build

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"maps"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"io/fs"

	"github.com/bulletin-ssg/bulletin/internal/config"
	"github.com/bulletin-ssg/bulletin/internal/content"
	"github.com/bulletin-ssg/bulletin/internal/diag"
	"github.com/bulletin-ssg/bulletin/internal/filesum"
	"github.com/bulletin-ssg/bulletin/internal/markdown"
	"github.com/bulletin-ssg/bulletin/internal/minify"
	"github.com/bulletin-ssg/bulletin/internal/rcache"
	"github.com/bulletin-ssg/bulletin/internal/render"
	"github.com/bulletin-ssg/bulletin/internal/search"
	"github.com/bulletin-ssg/bulletin/internal/site"
	"github.com/bulletin-ssg/bulletin/internal/theme"
)

// markdown renders every page's body once; lists, feeds and the page
// itself all reuse the result.
//
// In a build from scratch it also writes each page that reads no other
// page's Markdown (an article of the built-in theme) as soon as its own is
// rendered, and lets the page's HTML go: lists and feeds read summaries,
// so a large site's rendered articles are never all in memory at once
// (they were most of a build's live data, and what the collector worked
// through again and again on the largest sites).
//
// In a build that keeps the previous output's pages, a page whose file
// was not read takes only its notes from the render cache, and its
// rendering when its own page is rendered again (see deferred).
func (b *builder) markdown(ctx context.Context) error {
	pages := b.site.AllPages()
	var out *outputs
	if len(b.errs) == 0 && !b.opts.NoOutput && b.mem.cache == nil && b.templates != nil {
		b.out = newOutputs(b)
		out = b.out.streaming()
	}
	resolve := func(target string) (string, markdown.Found) {
		if img, ok := markdown.IsImageTarget(target); ok {
			if info, ok := b.resolveImage(img); ok {
				return info, markdown.Published
			}
			return "", markdown.Missing
		}
		if !content.IsMarkdown(target) {
			// An image or a file a page links to: published once, where
			// its folder's files go.
			if url, ok := b.site.FileURL(target); ok {
				return url, markdown.Published
			}
			return "", markdown.Missing
		}
		if p, ok := b.site.ByFile(target); ok {
			return p.RelPermalink, markdown.Published
		}
		if b.unpublished[target] || b.broken[target] {
			// Left out of this build, or failed with its own error already.
			return "", markdown.Unpublished
		}
		return "", markdown.Missing
	}
	var links [32]byte
	if b.mem.cache != nil {
		links = b.linkDigest(pages)
	}
	sources := make(map[string]*source, len(b.sources))
	for _, s := range b.sources {
		sources[s.rel] = s
	}
	// renderBody gives page i its Markdown. waited is set for a page that
	// waited (see deferred): its warnings were reported, and its summary
	// and ContentSum set, from its notes; other pages' jobs may be
	// reading its summary now, and it is not written again.
	renderBody := func(i int, waited bool) error {
		p := pages[i]
		if p.Src == nil {
			return nil
		}
		// content.New refused a body that is not UTF-8.
		doc := markdown.Doc{File: p.Src.File, Path: p.Src.Path, Bundle: p.Src.BundleDir, Line: p.Src.BodyLine, Source: p.Src.Body, Resolve: resolve, UTF8: true}
		l := b.langOf(p)
		opts := l.mdOptions
		res, cached := b.mem.cache.getMarkdown(doc, opts, links)
		var sum render.Sum // known with the render cache
		if !cached {
			var answers []rcache.Answer
			var err error
			if res, answers, sum, err = b.renderMarkdown(doc, sources[p.Src.Path], resolve, l); err != nil {
				return err
			}
			b.mem.cache.putMarkdown(doc, opts, answers, res, links)
		}
		p.Doc = res
		p.Content, p.TOC = res.HTML, res.TOC
		p.WordCount, p.ReadingTime = res.WordCount, res.ReadingTime
		if !waited {
			b.report(res.Warnings)
			p.Summary, p.Truncated = res.Summary, res.Truncated
			p.ContentSum = sum
			if p.Src.Summary != "" {
				p.Summary, p.Truncated = l.md.Inline(p.Src.Summary), true
			}
		}
		if b.mem.cache == nil {
			// Nothing reads the Markdown again in a one-off build: let the
			// source text go (much of a large site's live memory).
			p.Src.Body = nil
		}
		return nil
	}
	if b.out != nil && b.out.defers() {
		waiting := make([]bool, len(pages))
		b.fail(parallel(ctx, len(pages), func(i int) error {
			p := pages[i]
			if p.Src != nil && b.noted(p, sources[p.Src.Path], resolve) {
				waiting[i] = true
				return nil
			}
			return renderBody(i, false)
		}))
		b.later = newDeferred(pages, waiting, func(i int) error { return renderBody(i, true) })
		return ctx.Err()
	}
	if out == nil {
		b.fail(parallel(ctx, len(pages), func(i int) error { return renderBody(i, false) }))
		return ctx.Err()
	}
	// Pages stream in batches: rendering a batch's Markdown, then writing
	// it, keeps each core on one kind of work at a time (a page at a time
	// cost more CPU, its caches filled by the other work).
	for start := 0; start < len(pages) && ctx.Err() == nil; start += streamBatch {
		batch := pages[start:min(start+streamBatch, len(pages))]
		b.fail(parallel(ctx, len(batch), func(k int) error { return renderBody(start+k, false) }))
		if len(b.errs) > 0 {
			continue // nothing more goes to the sink; the rest still reports its errors
		}
		b.fail(parallelN(ctx, 2*runtime.GOMAXPROCS(0), len(batch), func(k int) error {
			if i := start + k; out.streams(i, pages[i]) {
				return out.stream(i, pages[i])
			}
			return nil
		}))
	}
	return ctx.Err()
}

// report reports a rendering's warnings.
func (b *builder) report(warnings []error) {
	if b.mem.cache == nil {
		// A session reports only the warnings that are new (Session.Build).
		for _, w := range warnings {
			b.log.Warn(w.Error())
		}
	}
	b.mu.Lock()
	b.warnings = append(b.warnings, warnings...)
	b.mu.Unlock()
}

// noted reports whether page p's Markdown can wait (see deferred): its
// file was not read again (the file memory vouched for it), and the
// render cache holds its rendering, whose links still resolve as they
// did. It reports the rendering's warnings, and gives the page what its
// digests cover of its Markdown: the summary, and the content's
// identity (ContentSum).
func (b *builder) noted(p *site.Page, src *source, resolve markdown.Resolver) bool {
	if !src.unread || !src.hasSum {
		return false
	}
	store := b.mem.store
	doc := markdown.Doc{File: p.Src.File, Path: p.Src.Path, Line: p.Src.BodyLine}
	l := b.langOf(p)
	key := store.KeyOf(doc, src.bodySum, l.mdOptions)
	notes, ok := store.Notes(key)
	if !ok || !stillResolves(notes.Answers, resolve) {
		return false
	}
	b.report(notes.Warnings)
	p.ContentSum = contentID(key, notes.Answers)
	p.Summary, p.Truncated = notes.Summary, notes.Truncated
	if p.Src.Summary != "" {
		p.Summary, p.Truncated = l.md.Inline(p.Src.Summary), true
	}
	return true
}

// streamBatch is how many pages the markdown stage renders before it
// writes them.
const streamBatch = 512

// linkDigest identifies every answer the link resolver can give in this
// build: which file is which page at which URL, which files are left
// out or broken, and where every other file of content/ is published. While it stays the same, a cached rendering's link
// answers need no checking (every page of a large site asks several times).
func (b *builder) linkDigest(pages []*site.Page) [32]byte {
	h := sha256.New()
	var buf []byte
	for _, p := range pages {
		if p.Src != nil {
			buf = append(append(append(append(buf[:0], p.Src.Path...), 0), p.RelPermalink...), 0)
			h.Write(buf)
		}
	}
	h.Write([]byte{0xfe})
	h.Write([]byte(b.imagesKey))
	for _, f := range b.site.Files {
		buf = append(append(append(append(buf[:0], f.Src...), 0), f.Dest...), 0)
		h.Write(buf)
	}
	for _, set := range []map[string]bool{b.unpublished, b.broken} {
		h.Write([]byte{0xff})
		for _, f := range slices.Sorted(maps.Keys(set)) {
			h.Write(append(append(buf[:0], f...), 0))
		}
	}
	var d [32]byte
	h.Sum(d[:0])
	return d
}

// renderMarkdown renders one document, or takes it from the persistent
// render cache when every link it resolved still resolves the same way.
//
// The body of a file the FileMemory vouched for was not read: it is read
// now if it must be rendered, and must be the body the memory knew.
func (b *builder) renderMarkdown(doc markdown.Doc, src *source, resolve markdown.Resolver, l *language) (*markdown.Result, []rcache.Answer, render.Sum, error) {
	opts := l.mdOptions
	store := b.mem.store
	var key rcache.Key
	if store != nil {
		sum := src.bodySum
		if !src.hasSum {
			sum = filesum.Of(doc.Source)
		}
		key = store.KeyOf(doc, sum, opts)
		if e, ok := store.Get(key); ok && stillResolves(e.Answers, resolve) {
			return &e.Result, e.Answers, contentID(key, e.Answers), nil
		}
	}
	if src.unread {
		body, err := readBody(b.opts.Source, doc.File, src.bodyStart, src.bodySum)
		if err != nil {
			return nil, nil, render.Sum{}, err
		}
		doc.Source = body
	}
	var answers []rcache.Answer
	doc.Resolve = func(target string) (string, markdown.Found) {
		url, found := resolve(target)
		answers = append(answers, rcache.Answer{Target: target, URL: url, Found: found})
		return url, found
	}
	res, err := l.md.Render(doc)
	if err != nil {
		return nil, nil, render.Sum{}, err
	}
	var sum render.Sum
	if store != nil {
		sum = contentID(key, answers)
		e := &rcache.Entry{Result: *res, Answers: answers}
		if err := store.Put(key, e); err != nil {
			b.log.Warn("render cache: " + err.Error())
		}
	}
	return res, answers, sum, nil
}

// contentID stands for the content a document rendered to
// (site.Page.ContentSum): its render cache key names everything the
// rendering depends on besides the link answers, so the same key and
// answers give the same HTML. Hashing the HTML itself was a noticeable
// part of a cold build on a large site. (XXH3, as the key itself: a warm
// build takes one for each page it does not render.)
func contentID(key rcache.Key, answers []rcache.Answer) render.Sum {
	const tag = "bulletin content id\x00"
	n := len(tag) + len(key)
	for _, a := range answers {
		n += len(a.Target) + len(a.URL) + 3
	}
	b := make([]byte, 0, n) // sized once: growing it was most of the cost
	b = append(append(b, tag...), key[:]...)
	for _, a := range answers {
		b = append(append(append(append(b, a.Target...), 0, byte(a.Found)), a.URL...), 0)
	}
	return render.Sum(filesum.Of(b))
}

func stillResolves(answers []rcache.Answer, resolve markdown.Resolver) bool {
	for _, a := range answers {
		if url, found := resolve(a.Target); url != a.URL || found != a.Found {
			return false
		}
	}
	return true
}

// language is what rendering pages of one language takes.
type language struct {
	settings  *config.Settings
	md        *markdown.Renderer
	mdOptions markdown.Options
	templates *theme.Theme
}

// themes are the build's templates, by language.
func (b *builder) themes() themes {
	t := themes{byLang: make(map[string]*theme.Theme, len(b.langs)), def: b.templates}
	for tag, l := range b.langs {
		t.byLang[tag] = l.templates
	}
	return t
}

// langOf returns the tools of a page's language.
func (b *builder) langOf(p *site.Page) *language {
	if l := b.langs[p.Lang]; l != nil {
		return l
	}
	return b.langs[b.settings.Language]
}

// prefixOf is where a language's pages are: its own root for one of the
// site's languages, the default language's for a language only a page's
// lang: names.
func (b *builder) prefixOf(l *config.Settings) string {
	if slices.Contains(b.settings.AllLanguages(), l) {
		return b.settings.LanguagePrefix(l)
	}
	return b.settings.LanguagePrefix(b.settings)
}

// pageLanguages are the settings of every language the pages are in:
// the site's, then any other a page's lang: names (with the default
// language's settings).
func (b *builder) pageLanguages() []*config.Settings {
	all := b.settings.AllLanguages()
	seen := map[string]bool{}
	for _, l := range all {
		seen[l.Language] = true
	}
	var extra []string
	for _, s := range b.sources {
		if p := s.page; p != nil && p.Lang != "" && !seen[p.Lang] {
			seen[p.Lang] = true
			extra = append(extra, p.Lang)
		}
	}
	slices.Sort(extra)
	for _, tag := range extra {
		l := *b.settings
		l.Language, l.Languages = tag, nil
		all = append(all, &l)
	}
	return all
}

// loadTheme parses the layouts and checks every kind template, for
// every language of the pages. A session that knows its changes keeps
// the previous build's templates while no layout changed and nothing
// they are built from did (settings that templates see through their
// functions, the list of assets).
func (b *builder) loadTheme(context.Context) error {
	var siteLayouts fs.FS
	info, err := fs.Stat(b.opts.Source, "layouts")
	switch {
	case err == nil && info.IsDir():
		siteLayouts, _ = fs.Sub(b.opts.Source, "layouts")
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return stageError("theme", outOfSite("layouts", err))
	}
	builtin, err := fs.Sub(b.opts.Builtin, "layouts")
	if err != nil {
		return stageError("theme", err)
	}
	assets := map[string]*asset{}
	for i := range b.assets {
		assets[b.assets[i].rel] = &b.assets[i]
	}
	b.langs = map[string]*language{}
	kept := map[string]*theme.Theme{}
	for i, s := range b.pageLanguages() {
		// One Markdown renderer serves the theme's markdownify and the
		// markdown stage.
		l := &language{settings: s, mdOptions: markdown.Options{UnsafeHTML: b.settings.UnsafeHTML, Language: s.Language,
			Titles: markdown.TitlesIn(s.Language, b.words.Word), ImageWidths: b.settings.Images.WidthsString()}}
		l.md = markdown.New(l.mdOptions)
		b.langs[s.Language] = l
		if i == 0 {
			b.md = l.md
		}
		key := b.themeKey(s)
		if c := b.mem.cache; c != nil {
			if t := c.themeFor(key); t != nil {
				l.templates, kept[key] = t, t // checked when it was loaded
				continue
			}
		}
		env := theme.Env{
			BaseURL: s.BaseURL, BasePath: s.BasePath, Language: s.Language, Zone: s.Zone,
			LanguagePrefix: b.prefixOf(s), Words: b.words,
			Markdown: l.md.Inline, StructuredData: render.StructuredData,
			// A session keeps its templates from build to build, and with
			// them partialCached's answers: it renders every time.
			NoPartialCache:   b.mem.cache != nil,
			HTMLTemplateOnly: b.opts.HTMLTemplateOnly || b.settings.HTMLTemplateOnly,
			Asset: func(name string) (string, error) {
				a := assets[name]
				if a == nil {
					return "", diag.At("assets/"+name, 0, 0, "asset not found (looked in assets/ and the built-in theme)")
				}
				if b.opts.LiveAssets {
					return s.BasePath + a.rel, nil
				}
				return s.BasePath + a.fingerprinted, nil
			},
			AssetSize: func(name string) (theme.ImageSize, error) {
				a := assets[name]
				if a == nil {
					return theme.ImageSize{}, diag.At("assets/"+name, 0, 0, "asset not found (looked in assets/ and the built-in theme)")
				}
				return a.size, nil
			},
			Integrity: func(name string) (string, error) {
				a := assets[name]
				if a == nil {
					return "", diag.At("assets/"+name, 0, 0, "asset not found (looked in assets/ and the built-in theme)")
				}
				if b.opts.LiveAssets {
					return "", nil
				}
				return a.integrity, nil
			},
		}
		t, err := theme.Load(siteLayouts, builtin, env)
		if err != nil {
			b.fail(stageError("theme", err))
			return nil
		}
		// The templates are the same files in every language: checking
		// one set checks them all.
		if i == 0 {
			if err := t.Check(); err != nil {
				b.fail(stageError("theme", err))
				return nil
			}
		}
		l.templates, kept[key] = t, t
	}
	b.templates = b.langs[b.settings.Language].templates
	b.mem.cache.keepThemes(kept)
	return nil
}

// themeKey names what the templates are built from besides the layout
// files.
func (b *builder) themeKey(s *config.Settings) string {
	var k strings.Builder
	fmt.Fprintf(&k, "%s\x00%s\x00%s\x00%s\x00%s\x00%v\x00%v\x00%v\x00%s\x00", s.BaseURL, s.BasePath, s.Language, b.prefixOf(s), s.Zone,
		b.settings.UnsafeHTML, b.settings.HTMLTemplateOnly, b.settings.Minify, b.words.Digest())
	for _, a := range b.assets {
		if b.opts.LiveAssets {
			k.WriteString(a.rel) // the templates give its name, whatever its bytes
		} else {
			k.WriteString(a.fingerprinted) // its name and bytes
		}
		k.WriteByte(0)
	}
	return k.String()
}

// minifiedOutput are the extensions of the outputs minify: true
// minifies besides pages.
var minifiedOutput = map[string]bool{".xml": true, ".json": true, ".html": true}

// job is one output file to produce.
type job struct {
	index  int // in the build's list of jobs
	rel    string
	render func() ([]byte, error)
	copy   *File      // when set, copy this file instead of rendering
	image  *siteImage // when set, publish this image and its variants
	// fingerprinted, with image, is a second name of its published
	// original: an asset photo's fingerprinted copy.
	fingerprinted string
	search        *site.Site // when set, publish this language's search index (rel is its entry)
	// page and pager, for HTML pages: rendered through the theme, and
	// reused from the previous build when nothing they read changed.
	page  *site.Page
	pager *site.Paginator
	// reads, for feeds and the sitemap, are the groups of pages they
	// read (they read the site's settings and page set too): in a session
	// a file none of whose groups changed keeps the previous build's bytes.
	reads []render.Group
}

// feedReads and sitemapReads are what feeds and the sitemap read of pages.
var (
	feedReads     = []render.Group{render.GroupMeta, render.GroupSummary, render.GroupList}
	fullFeedReads = []render.Group{render.GroupMeta, render.GroupSummary, render.GroupContent, render.GroupList}
	sitemapReads  = []render.Group{render.GroupMeta, render.GroupLinks, render.GroupList} // links: the translations
)

// jobs lists every output of the site in a stable order, and for each
// page of site.AllPages() that is not a list the index of its job (-1
// for a list).
func (b *builder) jobs() (jobs []job, pageJob []int) {
	s := b.site
	all := s.AllPages()
	n := len(s.Files) + 2*len(b.assets) + len(s.SitemapParts()) + 3 + len(s.Languages)
	feeds := make([][]site.Feed, len(s.Languages))
	for i, l := range s.Languages {
		feeds[i] = l.Feeds()
		n += len(feeds[i]) + len(l.Aliases)
	}
	for _, p := range all {
		n += max(1, len(p.Pagers))
	}
	jobs = make([]job, 0, n) // sized once: a rebuild makes this list anew
	pageJob = make([]int, len(all))
	for i, p := range all {
		pageJob[i] = -1
		if p.IsList() {
			for _, pg := range p.Pagers {
				jobs = append(jobs, job{rel: pg.OutputFile(), page: p, pager: pg})
			}
		} else {
			pageJob[i] = len(jobs)
			jobs = append(jobs, job{rel: p.OutputFile(), page: p})
		}
	}
	// Each language has its feeds and its aliases.
	for i, l := range s.Languages {
		reads := feedReads
		if render.FullFeeds(l) {
			reads = fullFeedReads
		}
		for _, f := range feeds[i] {
			jobs = append(jobs, job{rel: f.File, render: func() ([]byte, error) { return render.Feed(l, f) }, reads: reads})
		}
		for _, a := range l.Aliases {
			jobs = append(jobs, job{rel: a.OutputFile(), render: func() ([]byte, error) { return render.Alias(a), nil }})
		}
		if l.SearchPage != nil {
			jobs = append(jobs, job{rel: outputDir(l.SearchPage) + search.EntryFile, search: l})
		}
	}
	if parts := s.SitemapParts(); len(parts) == 1 {
		jobs = append(jobs, job{rel: site.SitemapFile, render: func() ([]byte, error) { return render.Sitemap(s, parts[0]) }, reads: sitemapReads})
	} else {
		jobs = append(jobs, job{rel: site.SitemapFile, render: func() ([]byte, error) { return render.SitemapIndex(s, parts), nil }, reads: sitemapReads})
		for i, part := range parts {
			jobs = append(jobs, job{rel: site.SitemapPartFile(i), render: func() ([]byte, error) { return render.Sitemap(s, part) }, reads: sitemapReads})
		}
	}
	jobs = append(jobs, job{rel: site.RobotsFile, render: func() ([]byte, error) { return render.Robots(s), nil }})
	if key := b.opts.IndexNowKey; key != "" {
		jobs = append(jobs, job{rel: key + ".txt", render: func() ([]byte, error) { return []byte(key), nil }})
	}
	if s.Settings.DefaultLanguageInSubdir {
		jobs = append(jobs, job{rel: site.LanguageChoiceFile, render: func() ([]byte, error) { return render.LanguageChoice(s), nil }})
	}
	for _, f := range s.Files {
		if im := b.images[strings.TrimPrefix(f.Src, "content/")]; im != nil && im.info.Format.Resizable() {
			im.jobs.Add(1)
			jobs = append(jobs, job{rel: f.Dest, image: im})
			continue
		}
		jobs = append(jobs, job{rel: f.Dest, copy: &File{FS: b.opts.Source, Name: f.Src, Site: true}})
	}
	if b.settings.Minify {
		// Pages minify as they render (render.Page); feeds, the
		// sitemap, aliases and the language choice here.
		for i, j := range jobs {
			if j.render != nil && minifiedOutput[path.Ext(j.rel)] {
				jobs[i].render = func() ([]byte, error) {
					data, err := j.render()
					if err != nil {
						return nil, err
					}
					return minify.File(j.rel, data)
				}
			}
		}
	}
	for _, a := range b.assets {
		render := func() ([]byte, error) { return a.data, nil }
		if a.image != nil {
			// A photo: its variants go beside its own name, which pages
			// name (the fingerprinted copy is for the asset function).
			a.image.jobs.Add(1)
			jobs = append(jobs, job{rel: a.rel, image: a.image, fingerprinted: a.fingerprinted})
			continue
		}
		jobs = append(jobs, job{rel: a.rel, render: render}, job{rel: a.fingerprinted, render: render})
	}
	return jobs, pageJob
}

// publishSearch builds the search index of a language (see package
// search) from its articles and pages, and writes its files beside its
// entry.
func (o *outputs) publishSearch(j job) error {
	l := j.search
	sl := o.searchLanguages[l]
	dir := path.Dir(j.rel) + "/"
	records := make([]*search.Record, 0, len(l.Pages))
	for _, p := range l.Pages {
		o.searchMu.Lock()
		r := o.searchRecords[p]
		written := sl.written[r]
		o.searchMu.Unlock()
		if r == nil {
			r = sl.record(p, reuse)
		}
		// A record recalled from the last process has its fragment by
		// name: the previous output's file, kept; else made again (a
		// page that was streamed had its fragment written then).
		if name, data, sum := r.Fragment(); data == nil && !written && (o.pages.keep == nil || !o.pages.keep.Keep(dir+name, sum)) {
			r = sl.record(p, readAgain)
		}
		records = append(records, r)
	}
	var keep func(string, filesum.Sum) bool
	if o.pages.keep != nil {
		keep = func(name string, sum filesum.Sum) bool { return o.pages.keep.Keep(dir+name, sum) }
	}
	ix := sl.x.Build(records, keep)
	if ow, ok := o.b.sink.(owner); ok {
		ow.Own(dir) // the index's earlier files, by other names, go
	}
	for _, name := range slices.Sorted(maps.Keys(ix.Files)) {
		if err := o.b.sink.Write(dir+name, ix.Files[name]); err != nil {
			return err
		}
	}
	return nil
}

// writeFragment writes the excerpt file of record r, of language sl, and
// lets its bytes go.
func (o *outputs) writeFragment(sl *searchLanguage, r *search.Record) error {
	name, data, sum := r.Fragment()
	if data == nil {
		return nil
	}
	var err error
	if sw, ok := o.b.sink.(sumWriter); ok {
		err = sw.WriteSum(sl.dir+name, data, sum)
	} else {
		err = o.b.sink.Write(sl.dir+name, data)
	}
	if err != nil {
		return err
	}
	r.DropFragment()
	o.searchMu.Lock()
	sl.written[r] = true
	o.searchMu.Unlock()
	return nil
}

// searchDoc is page p as its language's search index reads it, but for
// its text (see searchLanguage.record): its keywords are the fields of
// the language's search.fields setting.
func searchDoc(p *site.Page, fields []string) search.Doc {
	d := search.Doc{URL: p.RelPermalink, Title: p.Title, Date: p.Date}
	if p.SectionPage != nil {
		d.Section = p.SectionPage.Title
	}
	var kw strings.Builder
	add := func(s string) {
		if s != "" {
			if kw.Len() > 0 {
				kw.WriteByte('\n')
			}
			kw.WriteString(s)
		}
	}
	for _, f := range fields {
		switch f {
		case "description":
			add(p.Description)
		case "tags":
			for _, t := range p.Tags {
				add(t.Name)
			}
		case "categories":
			for _, t := range p.Categories {
				add(t.Name)
			}
		}
	}
	d.Keywords = kw.String()
	return d
}

func outputDir(p *site.Page) string {
	f := p.OutputFile()
	return f[:len(f)-len("index.html")]
}

// owner is a sink that can drop the files an earlier build wrote in a
// folder this build fills alone (see output.Staging.Own).
type owner interface {
	Own(rel string)
}

// sumWriter is a sink that takes a file's filesum.Sum with its bytes, which a
// build that remembers its pages has computed already.
type sumWriter interface {
	WriteSum(rel string, data []byte, sum filesum.Sum) error
}

// outputs are the write stage's jobs and how each is done.
type outputs struct {
	b     *builder
	jobs  []job
	pages *pageRenderer
	ps    pageSink
	byRef bool // a session's sink takes pages by reference
	// pageJob[i] is the job of site.AllPages()[i] when it is not a list;
	// streamed[j] is set once the markdown stage has done job j.
	pageJob  []int
	streamed []bool
	// inFullFeed are the articles a feed carries whole (feedContent:
	// full): their HTML stays after their page is written, for the feed.
	inFullFeed map[*site.Page]bool
	// searched are the pages a search index holds, each with the search
	// memory of its language (searchLanguages, by language); a page's
	// record is made when its HTML is let go (stream), kept in
	// searchRecords.
	searched        map[*site.Page]*searchLanguage
	searchLanguages map[*site.Site]*searchLanguage
	searchMu        sync.Mutex
	searchRecords   map[*site.Page]*search.Record
}

func newOutputs(b *builder) *outputs {
	o := &outputs{b: b}
	o.jobs, o.pageJob = b.jobs()
	for i := range o.jobs {
		o.jobs[i].index = i
	}
	o.pages = newPageRenderer(b, b.sink)
	if o.pages.next != nil {
		o.pages.slots = make([]rememberedPage, len(o.jobs))
	}
	for _, l := range b.site.Languages {
		if l.SearchPage != nil {
			if o.searched == nil {
				o.searched, o.searchLanguages, o.searchRecords = map[*site.Page]*searchLanguage{}, map[*site.Site]*searchLanguage{}, map[*site.Page]*search.Record{}
			}
			sl := b.mem.searchLanguage(l.Language, l.Settings.SearchFields)
			sl.dir, sl.written = outputDir(l.SearchPage), map[*search.Record]bool{}
			o.searchLanguages[l] = sl
			for _, p := range l.Pages {
				o.searched[p] = sl
			}
		}
		if !render.FullFeeds(l) {
			continue
		}
		if o.inFullFeed == nil {
			o.inFullFeed = map[*site.Page]bool{}
		}
		for _, f := range l.Feeds() {
			for _, p := range render.FeedItems(l, f.List) {
				o.inFullFeed[p] = true
			}
		}
	}
	o.ps, o.byRef = b.sink.(pageSink)
	o.byRef = o.byRef && o.pages.next != nil
	return o
}

// streaming returns o when the markdown stage may write pages as it goes:
// nothing from a previous build is to be compared (every page renders).
// Which pages can go early is known only once they are rendered: one
// that read no other page's Markdown (see streams).
func (o *outputs) streaming() *outputs {
	if o.pages.prev != nil || o.byRef {
		return nil
	}
	o.streamed = make([]bool, len(o.jobs))
	return o
}

// defers reports whether the markdown stage may defer pages' Markdown
// (see deferred): the build compares with a page memory of the same
// environment and keeps the previous output's files, through the render
// cache.
func (o *outputs) defers() bool {
	r := o.pages
	return r.prev != nil && r.keep != nil && !o.byRef && o.b.mem.store != nil
}

// streams reports whether page i of site.AllPages(), whose Markdown was
// just rendered, may be written now: it has Markdown and is not a list
// (a list has no job of its own there); whether it reads only what the
// graph had before any other page's Markdown rendered is found when it
// is rendered (stream).
func (o *outputs) streams(i int, p *site.Page) bool {
	return p.Src != nil && o.pageJob[i] >= 0
}

// stream writes page i now and lets its HTML go, unless it read another
// page's Markdown (then the write stage renders it), or the digests of
// the graph, taken after the markdown stage, still need its HTML (a page
// without a ContentSum is digested from its HTML).
func (o *outputs) stream(i int, p *site.Page) error {
	j := o.pageJob[i]
	written, err := o.run(o.jobs[j], true)
	if err != nil || !written {
		return err
	}
	o.streamed[j] = true
	if (p.ContentSum != (render.Sum{}) || o.pages.keep == nil) && !o.inFullFeed[p] {
		if sl := o.searched[p]; sl != nil {
			// Its HTML goes now: a record without its fragment's bytes
			// could not be made again later.
			r := sl.record(p, reuseInMemory)
			if o.b.mem.cache == nil {
				// A build that keeps no records in memory writes the
				// page's excerpt now, not holding every page's to the end.
				if err := o.writeFragment(sl, r); err != nil {
					return err
				}
			}
			o.searchMu.Lock()
			o.searchRecords[p] = r
			o.searchMu.Unlock()
		}
		p.Content, p.TOC = "", ""
		p.Doc.HTML, p.Doc.TOC = "", ""
	}
	return nil
}

// write renders every output the markdown stage did not stream, in
// parallel, and hands it to the sink. With a cache or a page memory, an
// HTML page none of whose reads changed since the previous build keeps
// that build's bytes (see render.Changes).
func (b *builder) write(ctx context.Context) error {
	o := b.out
	if o == nil {
		o = newOutputs(b)
		b.out = o
	}
	o.pages.compare()
	// Twice as many workers as cores: a worker waiting on the file system
	// (creating a folder, writing a file) leaves its core to another.
	err := parallelN(ctx, 2*runtime.GOMAXPROCS(0), len(o.jobs), func(i int) error {
		if o.streamed != nil && o.streamed[i] {
			return nil
		}
		_, err := o.run(o.jobs[i], false)
		return err
	})
	if err == nil {
		err = b.later.err()
	}
	if err == nil {
		o.pages.commit()
	}
	return err
}

// keepStanding leaves a feed or the sitemap as the previous build wrote
// it, in a build that remembers its pages and can keep the previous
// output's files, when none of the groups of pages it reads changed (a
// body edited past its summary changes none): rendering a large site's
// sitemap again was a visible part of a warm build's CPU, for the same
// bytes.
func (o *outputs) keepStanding(j job) bool {
	r := o.pages
	if r.keep == nil || j.reads == nil || !r.standing(j.reads) {
		return false
	}
	old, ok := r.prev.outputs[j.rel]
	if !ok || !r.keep.Keep(j.rel, old.sum) {
		return false
	}
	r.remember(j, old, nil)
	return true
}

// run does one job: renders or copies it and hands it to the sink. With
// streaming (a page only), it does nothing with a page that must wait for
// the write stage, and reports whether it wrote.
func (o *outputs) run(j job, streaming bool) (written bool, err error) {
	b, sink := o.b, o.b.sink
	kept := false
	switch {
	case j.image != nil:
		err = o.publishImage(j)
	case j.search != nil:
		err = o.publishSearch(j)
	case j.copy != nil:
		err = sink.Copy(j.rel, *j.copy)
	case j.page != nil:
		var done renderedJob
		if done, err = o.pages.render(j, streaming); err != nil {
			break
		}
		if streaming && done.data == nil {
			return false, nil // it reads another page's Markdown: later
		}
		kept = done.kept && !o.byRef
		sw, summed := sink.(sumWriter)
		switch {
		case o.byRef:
			err = o.ps.WritePage(j.rel, pageRef{page: j.page, pager: j.pager, sum: done.sum}, done.data)
		case kept: // the sink has it where the previous output had it
		case summed && o.pages.next != nil:
			err = sw.WriteSum(j.rel, done.data, done.sum)
		default:
			err = sink.Write(j.rel, done.data)
		}
		if done.release != nil {
			done.release()
		}
	default:
		if o.keepStanding(j) {
			break // the output has it as the previous build wrote it
		}
		data, standing := []byte(nil), false
		if o.byRef && j.reads != nil && o.pages.standing(j.reads) {
			data, standing = o.ps.Previous(j.rel)
		}
		if !standing {
			data, err = j.render()
		}
		if err != nil {
			break
		}
		if sw, summed := sink.(sumWriter); summed && o.pages.keep != nil {
			sum := filesum.Of(data)
			o.pages.remember(j, renderedPage{sum: sum}, nil)
			err = sw.WriteSum(j.rel, data, sum)
		} else {
			err = sink.Write(j.rel, data)
		}
	}
	if err != nil {
		return false, err
	}
	b.filesWritten.Add(1)
	if j.page != nil {
		b.pagesWritten.Add(1)
	}
	if kept {
		b.pagesKept.Add(1)
	}
	return true, nil
}
