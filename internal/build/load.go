package build

import (
	"cmp"
	"context"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/config"
	"github.com/bulletin-ssg/bulletin/internal/content"
	"github.com/bulletin-ssg/bulletin/internal/diag"
	"github.com/bulletin-ssg/bulletin/internal/editorfiles"
	"github.com/bulletin-ssg/bulletin/internal/filesum"
	"github.com/bulletin-ssg/bulletin/internal/frontmatter"
	"github.com/bulletin-ssg/bulletin/internal/i18n"
	"github.com/bulletin-ssg/bulletin/internal/images"
	"github.com/bulletin-ssg/bulletin/internal/minify"
	"github.com/bulletin-ssg/bulletin/internal/site"
	"github.com/bulletin-ssg/bulletin/internal/theme"
)

// source is one Markdown file on its way to a page.
type source struct {
	rel    string // content-relative
	matter *frontmatter.Matter
	page   *content.Page // nil until the pages stage, and for unpublished pages
	// unread: the front matter came from the FileMemory, and the body was
	// not read (matter.Body is nil); it starts at bodyStart in the file.
	unread    bool
	bodyStart int
	bodySum   filesum.Sum // of the body, when known (hasSum)
	hasSum    bool
}

// asset is one file of assets/, the site's or the built-in theme's.
type asset struct {
	rel   string // path under assets/, which is also its output path
	fsys  fs.FS  // where to read it
	site  bool   // the site's own, not the built-in theme's
	stamp stamp  // the site's, as listed
	// data is the file as published: minified when it is a stylesheet,
	// a script or an SVG. It is published twice: at rel, for layouts
	// that name it, and at fingerprinted, a name that changes with its
	// bytes (the asset function's), which a CDN may keep for good.
	data          []byte
	fingerprinted string
	integrity     string          // its Subresource Integrity: "sha384-…"
	size          theme.ImageSize // an image's, for the assetSize function
	// image is set for a photo of the site's (a JPEG, PNG or WebP): at
	// rel it is published as content's photos are, with its variants
	// beside it, and its published original at fingerprinted too. data
	// is nil for it: the image's job publishes it, read only when the
	// output does not hold it yet (see recallAssetImage).
	image *siteImage
}

// load lists content/ and parses every Markdown file's front matter.
func (b *builder) load(ctx context.Context) (err error) {
	defer func() {
		if err != nil {
			// A listing this build took and did not leave would make the
			// next build miss this build's changes: the next one walks.
			b.mem.cache.dropListings()
		}
	}()
	src := b.opts.Source
	var rels []string
	stamps, err := b.list(src, "content")
	if err != nil {
		return stageError("load", err)
	}
	if b.opts.ContentSize != nil {
		// What a build holds grows with the Markdown it parses; a photo
		// is read, published and let go.
		var size int64
		for rel, st := range stamps.stamps {
			if content.IsMarkdown(rel) {
				size += st.size
			}
		}
		b.opts.ContentSize(size)
	}
	for _, rel := range stamps.sorted() {
		if content.IsMarkdown(rel) {
			rels = append(rels, rel)
		} else {
			b.files = append(b.files, rel)
		}
	}

	parsed := make([]*source, len(rels))
	b.fail(parallel(ctx, len(rels), func(i int) error {
		file := "content/" + rels[i]
		st := stamps.stamps[rels[i]]
		if matter, start, sum, ok := b.mem.files.recall(file, st); ok {
			parsed[i] = &source{rel: rels[i], matter: matter, unread: true, bodyStart: start, bodySum: sum, hasSum: true}
			return nil
		}
		e, ok := b.mem.cache.getMatter(file, st)
		if !ok {
			e = matterEntry{stamp: st}
			readAt := readClock().UnixNano() // before reading: a change after it is a change
			var size int
			size, e.matter, e.err = readMatter(src, file)
			b.mem.cache.putMatter(file, e)
			if e.err == nil && b.mem.files != nil {
				s := &source{rel: rels[i], matter: e.matter, bodySum: filesum.Of(e.matter.Body), hasSum: true}
				b.mem.files.remember(file, st, readAt, e.matter, size-len(e.matter.Body), s.bodySum)
				parsed[i] = s
				return nil
			}
		}
		if e.err != nil {
			return e.err
		}
		parsed[i] = &source{rel: rels[i], matter: e.matter}
		return nil
	}))
	if err := ctx.Err(); err != nil {
		return err
	}
	for i, s := range parsed {
		if s == nil {
			b.broken[rels[i]] = true
		} else {
			b.sources = append(b.sources, s)
		}
	}
	home := &frontmatter.Matter{Fields: map[string]any{}, Pos: map[string]frontmatter.Position{}}
	for _, s := range b.sources {
		if s.rel == "_index.md" {
			home = s.matter
		}
	}
	var settingsErr error
	b.settings, settingsErr = config.Parse("content/_index.md", home, b.opts.BaseURL)
	b.fail(settingsErr)
	if b.settings != nil && b.opts.Minify {
		for _, l := range b.settings.AllLanguages() {
			l.Minify = true
		}
	}
	if b.settings != nil {
		b.probeImages(ctx, b.files, stamps)
	}
	if err := b.loadAssets(ctx); err != nil {
		return err
	}
	b.imagesKey = b.imagesDigest()
	b.mem.files.noteOthers(b.files, b.imagesKey)
	return nil
}

// loadAssets lists the built-in theme's assets under the site's: a site
// file replaces the built-in file of the same path.
func (b *builder) loadAssets(ctx context.Context) error {
	seen := map[string]bool{}
	for i, fsys := range []fs.FS{b.opts.Source, b.opts.Builtin} {
		if fsys == nil {
			continue
		}
		var rels []string
		var stamps map[string]stamp
		if i == 0 {
			l, err := b.list(fsys, "assets")
			if err != nil {
				return stageError("assets", err)
			}
			rels, stamps = l.sorted(), l.stamps
		} else if err := b.walkFiles(fsys, "assets", func(rel string, _ stamp, _ bool) { rels = append(rels, rel) }); err != nil {
			return stageError("assets", err)
		}
		for _, rel := range rels {
			if !seen[rel] {
				seen[rel] = true
				b.assets = append(b.assets, asset{rel: rel, fsys: fsys, site: i == 0, stamp: stamps[rel]})
			}
		}
	}
	sort.Slice(b.assets, func(i, j int) bool { return b.assets[i].rel < b.assets[j].rel })
	return b.readAssets(ctx)
}

// readAssets reads every asset, minifies the stylesheets, scripts and
// SVG, strips the site's photos of their metadata, and names each by its
// bytes, on every core. Stylesheets, scripts and icons are a site's few
// small files: reading them every build costs less than knowing when
// not to. Photos are not: one the image memory knows by its stamp is not
// read (see recallAssetImage). A photo's variants are not made here: its
// job makes them once, or takes them from the image memory, as content's
// photos' jobs do.
func (b *builder) readAssets(ctx context.Context) error {
	err := parallel(ctx, len(b.assets), func(i int) error {
		a := &b.assets[i]
		if a.site && b.recallAssetImage(a) {
			return nil
		}
		readAt := readClock().UnixNano()
		data, err := fs.ReadFile(a.fsys, "assets/"+a.rel)
		if err != nil {
			return stageError("assets", err)
		}
		if minify.IsAsset(a.rel) {
			min, err := minify.File(a.rel, data)
			if err != nil {
				return diag.At("assets/"+a.rel, 0, 0, "cannot be minified: %v", err)
			}
			data = min
		}
		if a.site {
			if a.image, data, err = b.assetImage(a, data, readAt); err != nil {
				return err
			}
		}
		a.setData(data)
		if a.image != nil {
			b.noteAssetImage(a)
			a.data = nil // its job publishes it
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, a := range b.assets {
		if a.image != nil {
			if b.assetImages == nil {
				b.assetImages = siteImages{}
			}
			b.assetImages[a.rel] = a.image
		}
	}
	return b.siteIcon()
}

// setData makes data the asset's published bytes, and names it by them.
func (a *asset) setData(data []byte) {
	sum := sha512.Sum384(data)
	a.data = data
	a.setIntegrity("sha384-" + base64.StdEncoding.EncodeToString(sum[:]))
	a.setSize(data)
}

// setSize sets the asset's size as shown, once: the header asks for the
// logo's on every page. A photo's is its image's; another image bulletin
// reads is probed in data; anything else (an SVG) has none.
func (a *asset) setSize(data []byte) {
	var info images.Info
	switch {
	case a.image != nil:
		info = a.image.info
	case images.FormatOf(a.rel) != images.Unknown:
		info, _ = images.Probe(a.rel, data)
	}
	a.size = theme.ImageSize{Width: info.Width, Height: info.Height}
}

// setIntegrity sets the asset's Subresource Integrity, and the name it is
// published under that changes with it: the hash's first four bytes.
func (a *asset) setIntegrity(integrity string) {
	a.integrity = integrity
	sum, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(integrity, "sha384-"))
	a.fingerprinted = fingerprinted(a.rel, hex.EncodeToString(sum[:min(4, len(sum))]))
}

// siteIcon checks the favicon setting, and makes /favicon.ico, which
// browsers ask for without being told, the site's icon too: unless the
// site has an assets/favicon.ico of its own, one is made of a PNG or
// JPEG favicon, copied from an ICO one, and left out for an SVG one (a
// browser that reads no SVG icon would show the built-in theme's).
func (b *builder) siteIcon() error {
	if b.settings == nil || b.settings.Favicon == "" {
		return nil
	}
	fav := b.settings.Favicon
	fav = strings.TrimPrefix(fav, "/")
	pos := b.settings.Positions["favicon"]
	var icon, ico *asset
	for i := range b.assets {
		switch b.assets[i].rel {
		case fav:
			icon = &b.assets[i]
		case "favicon.ico":
			ico = &b.assets[i]
		}
	}
	if icon == nil {
		return diag.At("content/_index.md", pos.Line, pos.Col, "favicon: %q is not a file under assets/", fav)
	}
	if icon == ico || ico == nil || ico.site {
		return nil // the site's own favicon.ico
	}
	switch strings.ToLower(path.Ext(fav)) {
	case ".svg":
		b.assets = slices.DeleteFunc(b.assets, func(a asset) bool { return a.rel == "favicon.ico" })
	case ".ico":
		ico.setData(icon.data)
	default:
		data, err := b.assetBytes(icon)
		if err == nil {
			data, err = images.Icon(fav, data)
		}
		if err != nil {
			return diag.At("content/_index.md", pos.Line, pos.Col, "favicon: %s: %v", fav, err)
		}
		ico.setData(data)
	}
	return nil
}

// fingerprinted is an asset's name with a hash of its bytes before its
// extension: css/style.css becomes css/style.3f2a1c9e.css.
func fingerprinted(rel, hash string) string {
	ext := path.Ext(rel)
	return strings.TrimSuffix(rel, ext) + "." + hash + ext
}

// walkFiles calls fn with the path below root of every file under root,
// and its stamp, in the order fs.WalkDir visits them (lexical at every
// level). Editor and hidden files are skipped; a symlink that leaves the
// site or names a folder is skipped with a warning; a missing root is an
// empty one.
//
// Folders are read on every core (listing and stamping a large site's
// files was the longest serial step of a warm build); fn is called
// afterwards, in order, from this goroutine.
func (b *builder) walkFiles(fsys fs.FS, root string, fn func(rel string, st stamp, link bool)) error {
	w := &walker{b: b, fsys: fsys, spare: make(chan struct{}, runtime.GOMAXPROCS(0)-1)}
	found, err := w.folder(root, root+"/")
	if err != nil {
		if errors.Is(err, errSkipRoot) {
			return nil
		}
		return err
	}
	for _, f := range found {
		fn(f.rel, f.stamp, f.link)
	}
	return nil
}

// walker walks a tree, a folder per goroutine while cores are spare.
type walker struct {
	b     *builder
	fsys  fs.FS
	spare chan struct{} // a token per goroutine beyond the caller's
}

type walked struct {
	rel   string
	stamp stamp
	link  bool
}

var errSkipRoot = errors.New("skip root")

// folder lists dir (named with trim as the prefix to cut from paths).
func (w *walker) folder(dir, trim string) ([]walked, error) {
	entries, err := fs.ReadDir(w.fsys, dir)
	if err != nil {
		if dir+"/" == trim {
			return nil, rootError(dir, err)
		}
		return nil, err
	}
	parts := make([][]walked, len(entries))
	errs := make([]error, len(entries))
	var wg sync.WaitGroup
	for i, d := range entries {
		if ignored(d.Name()) {
			continue
		}
		p := dir + "/" + d.Name()
		if d.IsDir() {
			select {
			case w.spare <- struct{}{}:
				wg.Go(func() {
					parts[i], errs[i] = w.folder(p, trim)
					<-w.spare
				})
			default:
				parts[i], errs[i] = w.folder(p, trim)
			}
			continue
		}
		var info fs.FileInfo
		link := d.Type()&fs.ModeSymlink != 0
		if link {
			// The link's target is what is read: stamp the target.
			if info, err = fs.Stat(w.fsys, p); err != nil || info.IsDir() {
				w.b.log.Warn("symlink not followed: it leaves the site or names a folder", "path", p)
				continue
			}
		} else if info, err = d.Info(); err != nil {
			errs[i] = err
			break
		}
		parts[i] = []walked{{strings.TrimPrefix(p, trim), stampOf(info), link}}
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	n := 0
	for _, part := range parts {
		n += len(part)
	}
	out := make([]walked, 0, n)
	for _, part := range parts {
		out = append(out, part...)
	}
	return out, nil
}

// readMatter reads a file and splits its front matter from its body (the
// end of the file). size is the file's length.
func readMatter(src fs.FS, file string) (size int, m *frontmatter.Matter, err error) {
	data, err := fs.ReadFile(src, file)
	if err != nil {
		return 0, nil, diag.At(file, 0, 0, "%v", err)
	}
	m, err = frontmatter.Parse(data)
	if err != nil {
		return 0, nil, atFile(file, err)
	}
	return len(data), m, nil
}

// atFile places a front-matter error in its file.
func atFile(file string, err error) error {
	var fe *frontmatter.Error
	if errors.As(err, &fe) {
		return diag.At(file, fe.Pos.Line, fe.Pos.Col, "%s", fe.Msg)
	}
	return diag.At(file, 0, 0, "%v", err)
}

// rootError decides what a folder that cannot be walked means: a missing
// content/ or assets/ is an empty one (errSkipRoot); one that cannot be
// opened, a link out of the site above all, is an error. Skipped, it
// made an empty site that --clean-dest would have published.
func rootError(p string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return errSkipRoot
	}
	return outOfSite(p, err)
}

// outOfSite is the error for a folder the build must read and cannot.
func outOfSite(p string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return diag.At(p, 0, 0, "cannot be read (%v): a link out of the site folder is not followed; move the folder into the site", err)
}

// ignored reports editor and system files that are never part of a site:
// the watcher's list, so that a session trusting the watcher lists what a
// full build lists.
func ignored(name string) bool { return editorfiles.Noise(name) }

// pages turns every parsed file into a page, with the cascade of the
// sections above it, and keeps the published ones.
func (b *builder) pages(ctx context.Context) error {
	// The home and section pages first, each after the ones above it:
	// a section's page takes the cascades above it too.
	isIndex := func(s *source) bool {
		key, _ := content.SplitLanguage(s.rel, b.settings)
		kind, _ := content.Classify(key)
		return kind == content.KindHome || kind == content.KindSection
	}
	var indexes []*source
	for _, s := range b.sources {
		if isIndex(s) {
			indexes = append(indexes, s)
		}
	}
	sort.SliceStable(indexes, func(i, j int) bool {
		return strings.Count(indexes[i].rel, "/") < strings.Count(indexes[j].rel, "/")
	})
	// Cascades by language and content.SectionFolder: a page takes, in
	// each folder above it, the cascade of the _index.md in its own
	// language, else the default language's.
	cascades := map[string]map[string]map[string]any{}
	chainOf := func(rel string) []map[string]any {
		_, lang := content.SplitLanguage(rel, b.settings)
		return content.CascadeChain(rel, func(folder string) map[string]any {
			if c, ok := cascades[lang][folder]; ok {
				return c
			}
			return cascades[""][folder]
		})
	}
	// What reading a page depends on besides its front matter and
	// cascades: the zone of its dates, the site's languages (its own
	// by default, and those its name may name).
	env := b.settings.Zone.String() + "\x00" + b.settings.Language
	for _, l := range b.settings.Languages {
		env += "\x00" + l.Language
	}
	for _, s := range indexes {
		chain := chainOf(s.rel)
		p, err := content.New("content/"+s.rel, s.rel, s.matter, content.Options{Settings: b.settings, Cascade: chain})
		if err != nil {
			b.fail(err)
			continue
		}
		s.page = p
		if p.Cascade != nil {
			_, lang := content.SplitLanguage(s.rel, b.settings)
			if cascades[lang] == nil {
				cascades[lang] = map[string]map[string]any{}
			}
			cascades[lang][content.SectionFolder(p.Key)] = p.Cascade
		}
	}
	b.fail(parallel(ctx, len(b.sources), func(i int) error {
		s := b.sources[i]
		if isIndex(s) {
			return nil
		}
		chain := chainOf(s.rel)
		p, err := b.mem.cache.page(s.matter, chain, env, func() (*content.Page, error) {
			return content.New("content/"+s.rel, s.rel, s.matter, content.Options{Settings: b.settings, Cascade: chain})
		})
		if err != nil {
			return err
		}
		s.page = p
		return nil
	}))
	for _, s := range b.sources {
		if s.page == nil {
			b.broken[s.rel] = true
		}
		if b.mem.cache == nil {
			s.matter = nil // the page holds what it needs; the cache would hold this
		}
	}
	return ctx.Err()
}

// wordsFolder holds a site's own interface words, a file per language:
// layouts/i18n/en.yaml.
const wordsFolder = "layouts/i18n"

// readWords reads the site's own interface words, by language tag as
// the files name them. A file is named by a language tag; each key's
// value is text.
func readWords(fsys fs.FS) (map[string]map[string]string, error) {
	own := map[string]map[string]string{}
	entries, err := fs.ReadDir(fsys, wordsFolder)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return own, nil
		}
		return own, outOfSite(wordsFolder, err)
	}
	var errs []error
	for _, e := range entries {
		name := e.Name()
		ext := path.Ext(name)
		if e.IsDir() || (ext != ".yaml" && ext != ".yml") || ignored(name) {
			continue
		}
		file := wordsFolder + "/" + name
		tag := strings.TrimSuffix(name, ext)
		if !config.LanguageTag(tag) {
			errs = append(errs, diag.At(file, 0, 0, "name it after a language tag, such as en.yaml or zh-TW.yaml"))
			continue
		}
		data, err := fs.ReadFile(fsys, file)
		if err != nil {
			errs = append(errs, diag.At(file, 0, 0, "%v", err))
			continue
		}
		m, err := frontmatter.ParseYAML(data)
		if err != nil {
			errs = append(errs, atFile(file, err))
			continue
		}
		words := map[string]string{}
		for key, v := range m.Fields {
			text, ok := v.(string)
			if !ok {
				p := m.Pos[key]
				errs = append(errs, diag.At(file, p.Line, p.Col, "%s: want the word as text", key))
				continue
			}
			words[key] = text
		}
		own[tag] = words
	}
	return own, diag.Sorted(errs)
}

// graph builds the site from the published pages.
func (b *builder) graph(context.Context) error {
	var published []*content.Page
	var hidden []string
	o := b.opts
	for _, s := range b.sources {
		p := s.page
		if p == nil {
			continue
		}
		if p.Kind == content.KindHome || p.Kind == content.KindSection || p.Published(o.Now, o.Drafts, o.Future, o.Expired) {
			published = append(published, p)
		} else {
			b.unpublished[s.rel] = true
			if p.BundleDir != "" {
				hidden = append(hidden, p.BundleDir)
			}
		}
	}
	assets := make([]string, 0, 2*len(b.assets))
	for _, a := range b.assets {
		assets = append(assets, a.rel, a.fingerprinted)
	}
	opts := site.Options{Now: o.Now, Files: b.files, HiddenBundles: hidden, Assets: assets, Words: b.words, Images: b.images.info, AssetImages: b.assetImages.info}
	if c := b.mem.cache; c != nil && c.render != nil {
		opts.Previous = c.render.site
	}
	var err error
	b.site, err = site.New(b.settings, published, opts)
	b.fail(err)
	return nil
}

// loadWords sets the site's interface words, which the graph and the
// theme both need: the built-in ones, the site's i18n files over them,
// and each language's dateFormat setting as its word dateLayout.
func (b *builder) loadWords() {
	own, err := readWords(b.opts.Source)
	b.fail(err)
	for _, l := range b.settings.AllLanguages() {
		if l.DateFormat == "" {
			continue
		}
		tag := l.Language
		for t := range own {
			if strings.EqualFold(t, tag) {
				tag = t // the file's spelling of it
			}
		}
		if own[tag] == nil {
			own[tag] = map[string]string{}
		}
		own[tag]["dateLayout"] = l.DateFormat
	}
	b.words = i18n.NewSet(own)
}

// graphAndTheme builds the site's graph and loads its theme side by side:
// neither reads what the other makes, and the theme's check (the
// escaping of every kind template) is a visible part of a warm build.
func (b *builder) graphAndTheme(ctx context.Context) error {
	b.loadWords()
	var themeErr error
	var theme sync.WaitGroup
	theme.Go(func() {
		start := time.Now()
		themeErr = b.loadTheme(ctx)
		b.log.Debug("stage done", "stage", "theme", "took", time.Since(start))
	})
	err := b.graph(ctx)
	theme.Wait()
	return cmp.Or(err, themeErr)
}
