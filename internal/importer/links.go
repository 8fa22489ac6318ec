package importer

import (
	"net/url"

	"path"
	"strings"

	"github.com/bulletin-ssg/bulletin/internal/content"
	"github.com/bulletin-ssg/bulletin/internal/site"
)

// oldKey is how an old URL is looked up: its clean, unescaped path, and
// its query when it has one (WordPress's ?p=123).
func oldKey(u string) string {
	p, q, _ := strings.Cut(u, "?")
	if un, err := url.PathUnescape(p); err == nil {
		p = un
	}
	p = site.CleanPath(p)
	if strings.HasSuffix(p, "/index.html") {
		p = strings.TrimSuffix(p, "index.html")
	}
	if q != "" {
		return p + "?" + q
	}
	return p
}

// linkAll rewrites the links of every body: links to pages of the old
// site become links to their .md files, and fragments naming headings
// whose ids changed name the new ids.
func (r *run) linkAll() {
	for _, p := range r.posts {
		p.plan.body = RewriteLinks(p.plan.body, func(dest string, image bool) string {
			return r.rewrite(p, dest, image)
		})
	}
}

// rewrite is the new destination of one link of p.
func (r *run) rewrite(p *Post, dest string, image bool) string {
	if strings.HasPrefix(dest, "#") {
		return "#" + anchor(p, dest[1:])
	}
	u, err := url.Parse(dest)
	if err != nil {
		return dest
	}
	var sitePath string
	switch {
	case u.Scheme != "" || u.Host != "":
		rest, ok := r.onSite(dest)
		if !ok {
			return dest
		}
		if u, err = url.Parse(rest); err != nil {
			return dest
		}
		sitePath = u.Path
	case strings.HasSuffix(strings.ToLower(u.Path), ".md") && !strings.HasPrefix(u.Path, "/"):
		// A link to a page's file already (a converted ref or post_link).
		if t := r.byRel[path.Join(path.Dir(p.plan.rel), u.Path)]; t != nil && u.Fragment != "" {
			base, _, _ := strings.Cut(dest, "#")
			return base + "#" + anchor(t, u.Fragment)
		}
		return dest
	case strings.HasPrefix(u.Path, "/"):
		sitePath = r.underRoot(u.Path)
	case u.Path == "" || p.OldURL == "":
		return dest
	default:
		dir := p.OldURL
		if !strings.HasSuffix(dir, "/") {
			dir = path.Dir(dir) + "/"
		}
		sitePath = path.Join(dir, u.Path)
		if strings.HasSuffix(u.Path, "/") {
			sitePath += "/"
		}
	}
	if image || sitePath == "" {
		return dest
	}
	key := oldKey(sitePath)
	if u.RawQuery != "" {
		key = oldKey(sitePath + "?" + u.RawQuery)
	}
	t := r.byURL[key]
	if t == nil {
		return dest
	}
	out := escapeDest(relPath(path.Dir(p.plan.rel), t.plan.rel))
	if u.Fragment != "" {
		out += "#" + anchor(t, u.Fragment)
	}
	return out
}

// onSite reports whether an absolute URL is on the old site, and its
// path (with query and fragment) there.
func (r *run) onSite(dest string) (string, bool) {
	for _, h := range r.src.Hosts {
		h = strings.TrimSuffix(h, "/")
		if h == "" {
			continue
		}
		for _, form := range []string{h, strings.Replace(h, "https://", "http://", 1), strings.Replace(h, "http://", "https://", 1)} {
			if rest, ok := strings.CutPrefix(dest, form); ok && (rest == "" || strings.ContainsAny(rest[:1], "/?#")) {
				if rest == "" || rest[0] != '/' {
					rest = "/" + rest
				}
				return rest, true
			}
		}
	}
	return "", false
}

// underRoot is a site path of the old site without its root folder.
func (r *run) underRoot(p string) string {
	root := r.src.Root
	if root == "" || root == "/" {
		return p
	}
	if rest, ok := strings.CutPrefix(p, strings.TrimSuffix(root, "/")); ok && (rest == "" || rest[0] == '/') {
		return "/" + strings.TrimPrefix(rest, "/")
	}
	return p
}

// anchor is the id a fragment names in t's new page.
func anchor(t *Post, frag string) string {
	id := frag
	if un, err := url.PathUnescape(frag); err == nil {
		id = un
	}
	if n, ok := t.plan.anchors[id]; ok {
		return n
	}
	return frag
}

// aliasAll gives every post an alias for its old URL, unless bulletin
// serves it there already, and keeps the aliases it had.
func (r *run) aliasAll() {
	taken := map[string]*Post{}
	for _, p := range r.posts {
		taken[oldKey(p.plan.url)] = p
	}
	for _, p := range r.posts {
		var want []string
		if p.OldURL != "" && !p.plan.draft() { // a draft had no URL
			want = append(want, p.OldURL)
		}
		want = append(want, p.plan.aliases...)
		p.plan.aliases = nil
		for _, a := range want {
			r.alias(p, a, taken)
		}
	}
}

func (r *run) alias(p *Post, a string, taken map[string]*Post) {
	if strings.Contains(a, "?") {
		p.plan.notes = append(p.plan.notes, Note{File: p.File, Line: 1, Msg: "old URL " + a + " has a query: an alias cannot keep it"})
		return
	}
	if !strings.HasPrefix(a, "/") && p.OldURL != "" {
		a = path.Join(path.Dir(strings.TrimSuffix(p.OldURL, "/")), a) // Hugo: relative to the page's folder
	}
	if un, err := url.PathUnescape(a); err == nil {
		a = un
	}
	a = site.CleanPath(r.underRoot(a))
	if err := content.CheckPath(a); err != nil {
		p.plan.notes = append(p.plan.notes, Note{File: p.File, Line: 1, Msg: "old URL " + a + " cannot be an alias: it " + err.Error()})
		return
	}
	if what, own := ownURL(oldKey(a)); own {
		p.plan.notes = append(p.plan.notes, Note{File: p.File, Line: 1, Msg: "old URL " + a + " is " + what + ": no alias"})
		return
	}
	if other := taken[oldKey(a)]; other != nil {
		if other != p {
			p.plan.notes = append(p.plan.notes, Note{File: p.File, Line: 1, Msg: "old URL " + a + " is " + other.Dest() + "'s URL now: no alias"})
		}
		return
	}
	taken[oldKey(a)] = p
	p.plan.aliases = append(p.plan.aliases, a)
}
