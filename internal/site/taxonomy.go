package site

import (
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/bulletin-ssg/bulletin/internal/content"
)

// Term is one tag or category.
type Term struct {
	Name         string
	Slug         string
	RelPermalink string
	Permalink    string
	Pages        []*Page // pinned first, then newest
	Count        int
	Page         *Page // the term's list page
}

// TermClash is a term whose slug would have been another's: names that
// differ in more than case and separators but slugify alike ("C++", "C#"
// and "c" all give "c"). The first, in the order of termKey, keeps the
// slug; the others get "-2", "-3"... bulletin check reports each.
type TermClash struct {
	Taxonomy string
	Term     *Term // the one with the numbered slug
	Other    *Term // the one with the slug
}

// TermClashes lists the terms given a numbered slug.
func (site *Site) TermClashes() []TermClash { return site.clashes }

// buildTaxonomies groups articles by tag and category. Names that differ
// only in case and separators ("Go", "go"; "Hello World", "hello-world")
// are one term, named as first seen in list order. The taxonomies are
// built side by side (each writes its own field of the articles) and
// added in order.
func (site *Site) buildTaxonomies() {
	built := make([]struct {
		terms   []*Term
		page    *Page
		clashes []TermClash
	}, len(Taxonomies))
	var wg sync.WaitGroup
	for i, tax := range Taxonomies {
		wg.Go(func() { built[i].terms, built[i].page, built[i].clashes = site.buildTaxonomy(tax) })
	}
	wg.Wait()
	for i, tax := range Taxonomies {
		site.Taxonomies[tax] = built[i].terms
		site.TaxonomyPages = append(site.TaxonomyPages, built[i].page)
		site.clashes = append(site.clashes, built[i].clashes...)
	}
}

// termsIn is where an article keeps its terms of a taxonomy.
func (p *Page) termsIn(tax string) *[]*Term {
	if tax == "tags" {
		return &p.Tags
	}
	return &p.Categories
}

// termKey is what makes two names one term: case, and how words are
// separated (spaces, dashes, underscores), do not matter; every other
// character does, "C++", "C#" and "C" are three terms.
func termKey(name string) string {
	var b strings.Builder
	sep := false
	for _, r := range strings.ToLower(name) {
		if unicode.IsSpace(r) || r == '-' || r == '_' {
			sep = true
			continue
		}
		if sep && b.Len() > 0 {
			b.WriteByte('-')
		}
		sep = false
		b.WriteRune(r)
	}
	return b.String()
}

// buildTaxonomy makes one taxonomy's terms and list page, and sets the
// articles' Tags or Categories.
func (site *Site) buildTaxonomy(tax string) ([]*Term, *Page, []TermClash) {
	byName := map[string]*Term{} // ten thousand articles share sixty tags
	terms := map[string]*Term{}  // by termKey
	for _, a := range site.Articles {
		names := a.Src.TagNames
		if tax == "categories" {
			names = a.Src.CategoryNames
		}
		var mine []*Term
		for _, name := range names {
			t := byName[name]
			if t == nil {
				key := termKey(name)
				if t = terms[key]; t == nil {
					t = &Term{Name: name}
					terms[key] = t
				}
				byName[name] = t
			}
			if slices.Contains(mine, t) {
				continue // named twice (or two names with one slug)
			}
			t.Pages = append(t.Pages, a)
			mine = append(mine, t)
		}
		*a.termsIn(tax) = mine
	}
	clashes := slugTerms(tax, terms)
	list := make([]*Term, 0, len(terms))
	for _, t := range terms {
		t.Count = len(t.Pages)
		list = append(list, t)
	}
	sort.Slice(list, func(i, j int) bool { return lessFold(list[i].Name, list[j].Name) })
	taxPage := site.generated(KindTaxonomy, "/"+tax+"/", site.word(tax))
	taxPage.Taxonomy = tax
	taxPage.Terms = list
	taxPage.Parent, taxPage.Ancestors = site.Home, []*Page{site.Home}
	above := []*Page{site.Home, taxPage}
	for _, t := range list {
		t.Page = site.generated(KindTerm, "/"+tax+"/"+t.Slug+"/", t.Name)
		t.Page.Taxonomy = tax
		t.Page.Parent, t.Page.Ancestors = taxPage, above
		t.Page.Term = t
		t.Page.Pages = t.Pages
		t.RelPermalink, t.Permalink = t.Page.RelPermalink, t.Page.Permalink
	}
	return list, taxPage, clashes
}

// slugTerms gives every term (by termKey) its slug. Where several terms
// slugify alike, the one whose key is the slug itself, else the first
// key, keeps it, and the others are numbered past every slug taken: a
// term's page never silently holds another term's articles.
func slugTerms(tax string, terms map[string]*Term) []TermClash {
	bySlug := map[string][]string{}
	for key, t := range terms {
		slug := content.Slugify(t.Name)
		if slug == "" {
			slug = "-"
		}
		bySlug[slug] = append(bySlug[slug], key)
	}
	var clashes []TermClash
	for _, slug := range slices.Sorted(maps.Keys(bySlug)) {
		keys := bySlug[slug]
		slices.SortFunc(keys, func(a, b string) int {
			if (a == slug) != (b == slug) {
				if a == slug {
					return -1
				}
				return 1
			}
			return strings.Compare(a, b)
		})
		first := terms[keys[0]]
		first.Slug = slug
		n := 1
		for _, key := range keys[1:] {
			for n++; bySlug[slug+"-"+strconv.Itoa(n)] != nil; n++ {
			}
			t := terms[key]
			t.Slug = slug + "-" + strconv.Itoa(n)
			bySlug[t.Slug] = []string{key} // taken
			clashes = append(clashes, TermClash{Taxonomy: tax, Term: t, Other: first})
		}
	}
	return clashes
}
