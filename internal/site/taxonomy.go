package site

import (
	"slices"
	"sort"
	"sync"

	"github.com/bulletin-ssg/bulletin/internal/content"
	"github.com/bulletin-ssg/bulletin/internal/i18n"
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

// buildTaxonomies groups articles by tag and category. Names that slugify
// alike ("Go", "go") are one term, named as first seen in list order. The
// taxonomies are built side by side (each writes its own field of the
// articles) and added in order.
func (site *Site) buildTaxonomies() {
	built := make([]struct {
		terms []*Term
		page  *Page
	}, len(Taxonomies))
	var wg sync.WaitGroup
	for i, tax := range Taxonomies {
		wg.Go(func() { built[i].terms, built[i].page = site.buildTaxonomy(tax) })
	}
	wg.Wait()
	for i, tax := range Taxonomies {
		site.Taxonomies[tax] = built[i].terms
		site.TaxonomyPages = append(site.TaxonomyPages, built[i].page)
	}
}

// buildTaxonomy makes one taxonomy's terms and list page, and sets the
// articles' Tags or Categories.
func (site *Site) buildTaxonomy(tax string) ([]*Term, *Page) {
	slugs := map[string]string{} // name -> slug: ten thousand articles share sixty tags
	terms := map[string]*Term{}
	for _, a := range site.Articles {
		names := a.Src.TagNames
		if tax == "categories" {
			names = a.Src.CategoryNames
		}
		var mine []*Term
		for _, name := range names {
			slug, ok := slugs[name]
			if !ok {
				if slug = content.Slugify(name); slug == "" {
					slug = "-"
				}
				slugs[name] = slug
			}
			t := terms[slug]
			if t == nil {
				t = &Term{Name: name, Slug: slug}
				terms[slug] = t
			}
			if slices.Contains(mine, t) {
				continue // named twice (or two names with one slug)
			}
			t.Pages = append(t.Pages, a)
			mine = append(mine, t)
		}
		if tax == "tags" {
			a.Tags = mine
		} else {
			a.Categories = mine
		}
	}
	list := make([]*Term, 0, len(terms))
	for _, t := range terms {
		t.Count = len(t.Pages)
		list = append(list, t)
	}
	sort.Slice(list, func(i, j int) bool { return lessFold(list[i].Name, list[j].Name) })
	taxPage := site.generated(KindTaxonomy, "/"+tax+"/", i18n.Word(site.Language, tax))
	taxPage.Taxonomy = tax
	taxPage.Terms = list
	for _, t := range list {
		t.Page = site.generated(KindTerm, "/"+tax+"/"+t.Slug+"/", t.Name)
		t.Page.Taxonomy = tax
		t.Page.Term = t
		t.Page.Pages = t.Pages
		t.RelPermalink, t.Permalink = t.Page.RelPermalink, t.Page.Permalink
	}
	return list, taxPage
}
