package site

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/bulletin-ssg/bulletin/internal/content"
	"github.com/bulletin-ssg/bulletin/internal/diag"
	"github.com/bulletin-ssg/bulletin/internal/images"
)

// buildAliases turns every page's aliases into redirect pages.
func (site *Site) buildAliases() {
	for _, p := range site.ownPages() {
		if p.Src == nil {
			continue
		}
		for _, a := range p.Src.Aliases {
			site.Aliases = append(site.Aliases, Alias{Path: CleanPath(a), Target: p})
		}
	}
}

// placeFiles decides where content's other files go: a bundle's files
// beside its page (beside each of its pages, in a bundle with
// translations), any other file at its own path. Files of a bundle whose
// page is not published (a draft) are not copied.
func (site *Site) placeFiles(files []string) {
	bundles := map[string][]*Page{}
	for _, p := range site.AllPages() {
		if p.Src != nil && p.Src.BundleDir != "" {
			bundles[p.Src.BundleDir] = append(bundles[p.Src.BundleDir], p)
		}
	}
	site.fileDest = make(map[string]string, len(files))
	site.fileSrc = make(map[string]string, len(files))
	for _, rel := range files {
		owners, inBundle, within := bundleOf(rel, bundles, site.hiddenBundles)
		switch {
		case owners != nil:
			for i, owner := range owners {
				r := Resource{Src: "content/" + rel, Dest: outputDir(owner.Path) + within}
				owner.Resources = append(owner.Resources, r)
				site.Files = append(site.Files, r)
				site.fileSrc[r.Dest] = rel
				if i == 0 {
					// Links to it lead to the first language's copy.
					site.fileDest[rel] = r.Dest
				}
			}
		case inBundle:
			// a file of an unpublished bundle
		default:
			site.Files = append(site.Files, Resource{Src: "content/" + rel, Dest: rel})
			site.fileDest[rel] = rel
			site.fileSrc[rel] = rel
		}
	}
	for _, l := range site.languages() {
		l.fileSrc = site.fileSrc // every language's pages name the same files
	}
}

// coversFromFiles gives its variants to a cover named from the site's
// root that is a photo of content/ published there (a loose file at its
// own path, a bundle's beside its page): where content's files go is
// known only once every page is placed.
func (site *Site) coversFromFiles() {
	if site.images == nil {
		return
	}
	for _, p := range site.AllPages() {
		if p.Src != nil && strings.HasPrefix(p.Src.Cover, "/") && p.CoverImage.Src == "" {
			p.CoverImage = p.site.imageOf(p, p.Src.Cover, p.Cover)
		}
	}
}

// FileURL is the URL a file of content/ (content-relative: "news/images/
// a.png") is published at, once whatever links to it: beside its page
// for a bundle's file, at its content path for any other.
func (site *Site) FileURL(rel string) (string, bool) {
	dest, ok := site.fileDest[rel]
	if !ok {
		return "", false
	}
	return site.relURL("/" + dest), true
}

// bundleOf finds the pages of the published bundle holding rel, or
// reports that rel belongs to an unpublished one.
func bundleOf(rel string, bundles map[string][]*Page, hidden map[string]bool) (owners []*Page, inBundle bool, within string) {
	for dir := path.Dir(rel); dir != "." && dir != "/"; dir = path.Dir(dir) {
		if p, ok := bundles[dir]; ok {
			return p, true, strings.TrimPrefix(rel, dir+"/")
		}
		if hidden[dir] {
			return nil, true, ""
		}
	}
	return nil, false, ""
}

// outputDir is the output folder of a site path: "news/a/" for "/news/a/".
func outputDir(sitePath string) string {
	if strings.HasSuffix(sitePath, "/") {
		return strings.TrimPrefix(sitePath, "/")
	}
	d := path.Dir(strings.TrimPrefix(sitePath, "/"))
	if d == "." {
		return ""
	}
	return d + "/"
}

// resolveRef turns a reference written in a page (its cover) into a URL:
// absolute URLs stay, "/x" is under the base path, anything else is
// relative to the page's source folder, and so lands where that file is
// copied: beside the page for a bundle's own files, at its content path
// otherwise.
func (site *Site) resolveRef(p *Page, ref string) string {
	if u, err := url.Parse(ref); err == nil && (u.Scheme != "" || u.Host != "") {
		return ref
	}
	if strings.HasPrefix(ref, "/") {
		return site.relURL(cleanFile(ref))
	}
	target := path.Join(path.Dir(p.Src.Path), ref)
	if dir := p.Src.BundleDir; dir != "" && strings.HasPrefix(target, dir+"/") {
		return site.relURL("/" + outputDir(p.Path) + strings.TrimPrefix(target, dir+"/"))
	}
	return site.relURL(cleanFile("/" + target))
}

// cleanFile cleans the site path of a file (never adds a trailing slash).
func cleanFile(p string) string { return path.Clean("/" + p) }

// Fixed outputs besides pages (and feeds: see Feeds).
const (
	SitemapFile = "sitemap.xml"
	RobotsFile  = "robots.txt"
	// LanguageChoiceFile sends a visitor of / to a language, when every
	// language is under its tag (defaultLanguageInSubdir).
	LanguageChoiceFile = "index.html"
)

// claim is one thing that writes an output file.
type claim struct {
	owner string // how an error names it; "" for a page, named by describe
	page  *Page  // the page, when a page writes the file
	key   string // the page's front-matter key an error points at
	file  string // else the source file an error stands at, if any
}

func (c claim) name() string {
	if c.owner == "" {
		return describe(c.page)
	}
	return c.owner
}

// written reports whether the claim's page writes the key that put it
// where it is.
func (c claim) written() bool {
	if c.page == nil || c.page.Src == nil {
		return false
	}
	_, ok := c.page.Src.Pos[c.key]
	return ok
}

// err is an error at the claim's place in the source, or nil when it has
// none (a generated page). A page's URL that comes from its file's name
// (no slug or url written) is the page's error at its start, saying so:
// two articles of one name in two folders meet under a permalink pattern
// without :year or a folder of their own.
func (c claim) err(msg string) error {
	switch {
	case c.page != nil && c.page.Src != nil:
		pos, written := c.page.Src.Pos[c.key]
		if !written {
			pos.Line, pos.Col = 1, 1
			if k := c.page.Src.Kind; c.key == "slug" && c.owner == "" && (k == content.KindArticle || k == content.KindPage) {
				msg += fmt.Sprintf(" (both are published at %s: the slug %q comes from the file name; set slug: or url: in one of them)", c.page.Path, c.page.Src.Slug)
			}
		}
		return diag.At(c.page.Src.File, pos.Line, pos.Col, "%s", msg)
	case c.file != "":
		return diag.At(c.file, 0, 0, "%s", msg)
	}
	return nil
}

// pageClaim is the claim of the files a page writes: an error stands at
// the key that placed it.
func pageClaim(p *Page) claim {
	key := "url"
	if p.Src != nil && p.Src.URL == "" {
		key = "slug"
	}
	if p.Src == nil && p.Kind == content.KindSection && len(p.Pages) > 0 {
		// A section without _index.md exists because of its articles:
		// an error stands at one of them, the section keeps its name.
		return claim{owner: describe(p), page: p.Pages[len(p.Pages)-1]}
	}
	return claim{page: p, key: key}
}

// claimOutputs checks that no two things write one output file. The error
// stands at whichever of the two has a place in the source (a generated
// page has none). Claims are plain values: every page of a large site
// claims its files on every rebuild, and only a collision needs their
// names.
func (site *Site) claimOutputs() []error {
	pages := site.AllPages()
	// Sized for every claim at once: a map that grows rehashes what it
	// holds, and a site of photos claims several files per photo.
	size := len(site.assets) + len(site.Files)*(2+2*len(site.Settings.Images.Widths))
	for _, p := range pages {
		size += 1 + len(p.Pagers)
	}
	owners := make(map[string]claim, size)
	var errs []error
	add := func(file string, c claim) {
		prev, taken := owners[file]
		if !taken {
			owners[file] = c
			return
		}
		if prev == c {
			return
		}
		// At the key that placed a page there, when one of the two wrote
		// it (the likelier slip), else at whichever has a place.
		if prev.written() && !c.written() {
			c, prev = prev, c
		}
		if e := c.err(fmt.Sprintf("output %s is also written by %s", file, prev.name())); e != nil {
			errs = append(errs, e)
		} else if e := prev.err(fmt.Sprintf("output %s is also written by %s", file, c.name())); e != nil {
			errs = append(errs, e)
		} else {
			errs = append(errs, diag.At("", 0, 0, "output %s is written by both %s and %s", file, prev.name(), c.name()))
		}
	}
	fixed := []string{RobotsFile, SitemapFile}
	if site.Settings.DefaultLanguageInSubdir {
		fixed = append(fixed, LanguageChoiceFile)
	}
	for _, f := range fixed {
		add(f, claim{owner: "bulletin's " + f})
	}
	for _, p := range pages {
		c := pageClaim(p)
		for _, pg := range p.Pagers {
			add(pg.OutputFile(), c)
		}
		if len(p.Pagers) == 0 {
			add(p.OutputFile(), c)
		}
	}
	for _, l := range site.languages() {
		for _, f := range l.Feeds() {
			c := claim{owner: "bulletin's " + f.File}
			if f.List.Kind == content.KindSection {
				c = pageClaim(f.List)
				c.owner = c.name() + " (its feed)"
			}
			add(f.File, c)
		}
		for _, a := range l.Aliases {
			add(a.OutputFile(), claim{owner: "the alias " + a.Path + " of " + a.Target.File, page: a.Target, key: "aliases"})
		}
	}
	// A photo's variants are written beside it: a file of that name
	// (photo_480w.jpg beside photo.jpg) would be written twice.
	variants := func(info func(string) (images.Info, bool), rel, dest, src string) {
		if info == nil {
			return
		}
		if i, ok := info(rel); ok {
			if set, ok := images.Plan(i, site.Settings.Images); ok {
				c := claim{owner: "the variants of " + src, file: src}
				for _, v := range set.All() {
					add(v.Name(dest), c)
				}
			}
		}
	}
	for _, r := range site.Files {
		add(r.Dest, claim{owner: r.Src, file: r.Src})
		variants(site.images, strings.TrimPrefix(r.Src, "content/"), r.Dest, r.Src)
	}
	for _, a := range site.assets {
		add(a, claim{owner: "assets/" + a, file: "assets/" + a})
		variants(site.assetImgs, a, a, "assets/"+a)
	}
	site.outputs = owners
	return append(errs, checkPaths(owners)...)
}

// maxNameBytes is the longest file or folder name the common file
// systems store (ext4, APFS, NTFS: 255).
const maxNameBytes = 255

// ReservedPrefix begins the names bulletin keeps for itself in an output
// folder: its manifest, the mark of an unfinished update, its temporary
// files. A page there would be taken for one of them.
const ReservedPrefix = ".bulletin-"

// checkPaths reports the output paths that cannot be written as they
// are: a name bulletin keeps for itself, a name too long for a file
// system, a file where another output needs a folder (a page at
// /css/style.css/ and the stylesheet css/style.css). Each error stands
// where the source names the path, as claimOutputs' do.
func checkPaths(owners map[string]claim) []error {
	var errs []error
	report := func(c, other claim, msg string) {
		if e := c.err(msg); e != nil {
			errs = append(errs, e)
		} else if e := other.err(msg); e != nil {
			errs = append(errs, e)
		} else {
			errs = append(errs, diag.At("", 0, 0, "%s", msg))
		}
	}
	// Files whose names differ in case only are one file on macOS's and
	// Windows' file systems (and many object stores' websites): by the
	// lower-case name, the first path that has capitals.
	var capitals map[string]string
	for file, c := range owners {
		if lower := strings.ToLower(file); lower != file {
			if other, ok := owners[lower]; ok {
				report(c, other, fmt.Sprintf("outputs %s and %s differ in case alone: on macOS and Windows they are one file (written by %s and %s)", lower, file, other.name(), c.name()))
			} else if first, ok := capitals[lower]; ok {
				// At the later of the two by name, whichever came first.
				a, b := min(first, file), max(first, file)
				report(owners[b], owners[a], fmt.Sprintf("outputs %s and %s differ in case alone: on macOS and Windows they are one file (written by %s and %s)", a, b, owners[a].name(), owners[b].name()))
			} else {
				if capitals == nil {
					capitals = map[string]string{}
				}
				capitals[lower] = file
			}
		}
		if name := windowsReserved(file); name != "" {
			report(c, c, fmt.Sprintf("output %s: Windows cannot store a file or folder named %q", file, name))
		}
		// Asked on every rebuild of a large site: the names are looked at
		// one by one only when the path could be at fault.
		if strings.Contains(file, ReservedPrefix) || len(file) > maxNameBytes {
			for name := range strings.SplitSeq(file, "/") {
				switch {
				case strings.HasPrefix(name, ReservedPrefix):
					report(c, c, fmt.Sprintf("output %s: names beginning %q are bulletin's own in an output folder", file, ReservedPrefix))
				case len(name) > maxNameBytes:
					report(c, c, fmt.Sprintf("output %s: a name of %d bytes; file systems store at most %d", shorten(file), len(name), maxNameBytes))
				}
			}
		}
		for dir := file; ; {
			i := strings.LastIndexByte(dir, '/')
			if i < 0 {
				break
			}
			dir = dir[:i]
			if other, ok := owners[dir]; ok {
				report(c, other, fmt.Sprintf("output %s is a file of %s, and a folder of %s", dir, other.name(), c.name()))
			}
		}
	}
	slices.SortFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
	return errs
}

// windowsReserved returns the first name in an output path that Windows
// cannot store: a device name (con, prn, aux, nul, com1–com9,
// lpt1–lpt9, with any extension, in any case) or a name ending in a dot
// or a space. A site built on Linux is checked out and edited on
// Windows too. "" when there is none.
func windowsReserved(file string) string {
	for len(file) > 0 {
		name := file
		if i := strings.IndexByte(file, '/'); i >= 0 {
			name, file = file[:i], file[i+1:]
		} else {
			file = ""
		}
		if name == "" {
			continue
		}
		if last := name[len(name)-1]; last == '.' || last == ' ' {
			return name
		}
		base := name
		if i := strings.IndexByte(base, '.'); i >= 0 {
			base = base[:i]
		}
		if len(base) == 3 || len(base) == 4 {
			switch strings.ToLower(base) {
			case "con", "prn", "aux", "nul",
				"com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
				"lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9":
				return name
			}
		}
	}
	return ""
}

// shorten cuts a path for a message to a readable length.
func shorten(p string) string {
	if len(p) <= 80 {
		return p
	}
	cut := 60
	for cut > 0 && !utf8.RuneStart(p[cut]) {
		cut--
	}
	return p[:cut] + "…"
}

// Resolve maps a URL path of this site ("/news/a/", "/blog/css/x.css",
// percent-encoded or not) to the output file that serves it, if any.
func (site *Site) Resolve(urlPath string) (string, bool) {
	p, err := url.PathUnescape(urlPath)
	if err != nil {
		return "", false
	}
	base := strings.TrimSuffix(site.Settings.BasePath, "/")
	if unescaped, err := url.PathUnescape(base); err == nil {
		base = unescaped
	}
	if base != "" {
		rest, ok := strings.CutPrefix(p, base)
		if !ok {
			return "", false
		}
		p = rest
	}
	p = path.Clean("/" + p)
	for _, candidate := range []string{strings.TrimPrefix(p, "/"), strings.TrimPrefix(path.Join(p, "index.html"), "/")} {
		if _, ok := site.outputs[candidate]; ok {
			return candidate, true
		}
	}
	return "", false
}

func describe(p *Page) string {
	if p.File != "" {
		return p.File
	}
	return fmt.Sprintf("bulletin's %s page %s", p.Kind, p.Path)
}
