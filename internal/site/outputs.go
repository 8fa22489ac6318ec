package site

import (
	"fmt"
	"net/url"
	"path"
	"strings"

	"github.com/bulletin-ssg/bulletin/internal/diag"
)

// buildAliases turns every page's aliases into redirect pages.
func (site *Site) buildAliases() {
	for _, p := range site.AllPages() {
		if p.Src == nil {
			continue
		}
		for _, a := range p.Src.Aliases {
			site.Aliases = append(site.Aliases, Alias{Path: cleanSitePath(a), Target: p})
		}
	}
}

// placeFiles decides where content's other files go: a bundle's files
// beside its page, any other file at its own path. Files of a bundle whose
// page is not published (a draft) are not copied.
func (site *Site) placeFiles(files []string) {
	bundles := map[string]*Page{}
	for _, p := range site.AllPages() {
		if p.Src != nil && p.Src.BundleDir != "" {
			bundles[p.Src.BundleDir] = p
		}
	}
	for _, rel := range files {
		owner, inBundle, within := bundleOf(rel, bundles, site.hiddenBundles)
		switch {
		case owner != nil:
			r := Resource{Src: "content/" + rel, Dest: outputDir(owner.Path) + within}
			owner.Resources = append(owner.Resources, r)
			site.Files = append(site.Files, r)
		case inBundle:
			// a file of an unpublished bundle
		default:
			site.Files = append(site.Files, Resource{Src: "content/" + rel, Dest: rel})
		}
	}
}

// bundleOf finds the published bundle holding rel, or reports that rel
// belongs to an unpublished one.
func bundleOf(rel string, bundles map[string]*Page, hidden map[string]bool) (owner *Page, inBundle bool, within string) {
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
// relative to the page's source folder (a bundle's files sit beside it).
func (site *Site) resolveRef(p *Page, ref string) string {
	if u, err := url.Parse(ref); err == nil && (u.Scheme != "" || u.Host != "") {
		return ref
	}
	if strings.HasPrefix(ref, "/") {
		return site.relURL(cleanSitePath(ref))
	}
	if p.Src.BundleDir != "" {
		return site.relURL(outputDir(p.Path) + ref)[0:0] + site.relURL("/"+outputDir(p.Path)+ref)
	}
	return site.relURL("/" + path.Join(path.Dir(p.Src.Path), ref))
}

// Fixed outputs besides pages.
const (
	FeedFile    = "index.xml"
	AtomFile    = "atom.xml"
	SitemapFile = "sitemap.xml"
	RobotsFile  = "robots.txt"
)

// claimOutputs checks that no two things write one output file.
func (site *Site) claimOutputs() []error {
	owners := map[string]string{}
	var errs []error
	claim := func(file, owner string, errAt func(msg string) error) {
		if prev, taken := owners[file]; taken && prev != owner {
			errs = append(errs, errAt(fmt.Sprintf("output %s is also written by %s", file, prev)))
			return
		}
		owners[file] = owner
	}
	at := func(p *Page, key string) func(string) error {
		return func(msg string) error {
			if p.Src == nil {
				return diag.At("", 0, 0, "%s", msg)
			}
			pos := p.Src.Pos[key]
			return diag.At(p.Src.File, pos.Line, pos.Col, "%s", msg)
		}
	}
	for _, f := range []string{RobotsFile, SitemapFile, AtomFile, FeedFile} {
		claim(f, "bulletin ("+f+")", at(site.Home, ""))
	}
	for _, p := range site.AllPages() {
		owner := describe(p)
		key := "url"
		if p.Src != nil && p.Src.URL == "" {
			key = "slug"
		}
		for _, pg := range p.Pagers {
			claim(pg.OutputFile(), owner, at(p, key))
		}
		if len(p.Pagers) == 0 {
			claim(p.OutputFile(), owner, at(p, key))
		}
		if p.Kind == "section" {
			claim(outputDir(p.Path)+FeedFile, owner+" (feed)", at(p, key))
		}
	}
	for _, a := range site.Aliases {
		claim(a.OutputFile(), "the alias "+a.Path+" of "+a.Target.File, at(a.Target, "aliases"))
	}
	for _, r := range site.Files {
		claim(r.Dest, r.Src, func(msg string) error { return diag.At(r.Src, 0, 0, "%s", msg) })
	}
	for _, a := range site.assets {
		claim(a, "assets/"+a, func(msg string) error { return diag.At("assets/"+a, 0, 0, "%s", msg) })
	}
	return errs
}

func describe(p *Page) string {
	if p.File != "" {
		return p.File
	}
	return fmt.Sprintf("the %s page %s", p.Kind, p.Path)
}
