package render

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/config"
	"github.com/bulletin-ssg/bulletin/internal/content"
	"github.com/bulletin-ssg/bulletin/internal/site"
)

// samplePage is a page with every field set, and pages and terms for its
// pointers to point to.
func samplePage() *site.Page {
	other := &site.Page{Path: "/news/other/", Title: "Other"}
	third := &site.Page{Path: "/news/third/", Title: "Third"}
	termPage := &site.Page{Path: "/tags/go/"}
	term := &site.Term{Name: "Go", Slug: "go", RelPermalink: "/tags/go/", Permalink: "http://x/tags/go/", Pages: []*site.Page{other}, Count: 1, Page: termPage}
	zone := time.FixedZone("CST", 8*3600)
	return &site.Page{
		Title: "Title", Description: "Desc",
		Date: time.Date(2024, 5, 1, 9, 30, 0, 0, zone), Lastmod: time.Date(2024, 5, 2, 9, 30, 0, 0, zone),
		Summary: "<p>sum</p>", Content: "<p>body</p>", TOC: "<nav></nav>", Truncated: true,
		Permalink: "http://x/news/a/", RelPermalink: "/news/a/", Kind: content.KindArticle, Section: "news",
		SectionPage: other, Parent: other, Ancestors: []*site.Page{third, other}, Sections: []*site.Page{third}, Tags: []*site.Term{term}, Categories: []*site.Term{term},
		Author: "A", Source: "S", Cover: "c.jpg", Pinned: true, Weight: 3, WordCount: 10, ReadingTime: 1,
		Prev: other, Next: third,
		Footer: config.Footer{ICP: "ICP", ICPURL: "u", PSB: "P", PSBURL: "pu", Copyright: "c", PoweredBy: true, Params: map[string]any{"k": "v"}},
		Params: map[string]any{"n": 1, "list": []any{"a", 2}}, Lang: "zh", File: "content/news/a.md", Layout: "l",
		Pages: []*site.Page{other, third}, Terms: []*site.Term{term}, Taxonomy: "tags", Term: term,
		Archive: []site.ArchiveYear{{Year: 2024, Date: time.Date(2024, 1, 1, 0, 0, 0, 0, zone),
			Months: []site.ArchiveMonth{{Month: 5, Date: time.Date(2024, 5, 1, 0, 0, 0, 0, zone), Pages: []*site.Page{other}}}}},
		Path:   "/news/a/",
		Pagers: []*site.Paginator{{PageNumber: 1}},
	}
}

// mutate changes a field's value into a different one of its type.
func mutate(t *testing.T, name string, v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(v.String() + "x")
	case reflect.Int:
		v.SetInt(v.Int() + 1)
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Pointer:
		v.Set(reflect.Zero(v.Type()))
	case reflect.Slice:
		v.Set(reflect.Append(v, reflect.Zero(v.Type().Elem())))
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		m.SetMapIndex(reflect.ValueOf("added"), reflect.ValueOf("yes"))
		v.Set(m)
	case reflect.Struct:
		switch x := v.Addr().Interface().(type) {
		case *time.Time:
			*x = x.Add(time.Second)
		case *site.Image:
			x.Width++
		case *config.Footer:
			x.ICP += "x"
		default:
			t.Fatalf("field %s: no mutation for %T", name, x)
		}
	default:
		t.Fatalf("field %s: no mutation for kind %s", name, v.Kind())
	}
}

// TestDigestsAgreeWithChanges changes each field of a page in turn and
// checks that its groups' digests change exactly where samePageGroup
// sees a change: what one process compares field by field, the next
// compares by digest.
func TestDigestsAgreeWithChanges(t *testing.T) {
	typ := reflect.TypeFor[site.Page]()
	for i := range typ.NumField() {
		f := typ.Field(i)
		if f.Name == "ContentSum" || f.Name == "Await" || !f.IsExported() {
			continue // a digest of other fields, how a page gets them, the graph's own
		}
		t.Run(f.Name, func(t *testing.T) {
			a, b := samplePage(), samplePage()
			if f.Name == "Tags" || f.Name == "Categories" || f.Name == "Terms" {
				// A nil term cannot be appended: point at another one.
				b.Tags, b.Categories, b.Terms = nil, nil, nil
				*a = *samplePage()
				reflect.ValueOf(b).Elem().Field(i).Set(reflect.ValueOf([]*site.Term{{Page: &site.Page{Path: "/tags/x/"}}}))
			} else if f.Name == "Pagers" {
				b.Pagers = append(b.Pagers, &site.Paginator{PageNumber: 2})
			} else if f.Type.Kind() == reflect.Slice && f.Type.Elem() == reflect.TypeFor[*site.Page]() {
				reflect.ValueOf(b).Elem().Field(i).Set(reflect.Append(reflect.ValueOf(b).Elem().Field(i), reflect.ValueOf(&site.Page{Path: "/added/"})))
			} else {
				mutate(t, f.Name, reflect.ValueOf(b).Elem().Field(i))
			}
			c := newComparer()
			dg := newDigester()
			for _, g := range pageGroups {
				same := c.samePageGroup(a, b, g)
				sameDigest := dg.page(a, g) == dg.page(b, g)
				if same != sameDigest {
					t.Errorf("group %d: samePageGroup says same=%v, digests say same=%v", g, same, sameDigest)
				}
			}
		})
	}
}

// TestDigestSettings checks the site-wide groups the same way: each
// setting changed alone changes the settings digest.
func TestDigestSettings(t *testing.T) {
	base := func() *site.Site {
		return &site.Site{Title: "T", Description: "D", BaseURL: "http://x/", Language: "zh", Timezone: "Asia/Shanghai",
			Company: config.Company{Name: "C"}, Footer: config.Footer{ICP: "I"}, Menu: []config.MenuItem{{Name: "Home", URL: "/"}},
			Views: "v", Comments: "c", Logo: "l", Params: map[string]any{"k": 1}, Settings: &config.Settings{Paginate: 10}}
	}
	typ := reflect.TypeFor[site.Site]()
	for i := range typ.NumField() {
		f := typ.Field(i)
		if !f.IsExported() {
			continue
		}
		switch f.Name {
		case "Home", "SearchPage", "Sections", "SubSections", "Taxonomies", "Pages", "Articles", "Standalone", "TaxonomyPages", "ArchivePage", "NotFound", "Aliases", "Files", "Settings":
			continue // not settings; compared as lists or not at all
		}
		t.Run(f.Name, func(t *testing.T) {
			a, b := base(), base()
			v := reflect.ValueOf(b).Elem().Field(i)
			switch x := v.Addr().Interface().(type) {
			case *config.Company:
				x.Name += "x"
			case *config.Waline:
				x.ServerURL += "x"
			case *config.Twikoo:
				x.EnvID += "x"
			default:
				mutate(t, f.Name, v)
			}
			if newComparer().sameSiteGroup(a, b, GroupSettings) {
				t.Fatalf("sameSettings missed a change of %s", f.Name)
			}
			dg := newDigester()
			if dg.site(a, GroupSettings) == dg.site(b, GroupSettings) {
				t.Errorf("the settings digest missed a change of %s", f.Name)
			}
			if dg.site(a, GroupSettings) != dg.site(base(), GroupSettings) {
				t.Errorf("the settings digest differs for equal sites")
			}
		})
	}
}

// TestDigestFooter changes each field of a page's footer in turn: the
// meta digest must see every one, as samePageGroup does.
func TestDigestFooter(t *testing.T) {
	typ := reflect.TypeFor[config.Footer]()
	for i := range typ.NumField() {
		a, b := samplePage(), samplePage()
		mutate(t, typ.Field(i).Name, reflect.ValueOf(&b.Footer).Elem().Field(i))
		dg := newDigester()
		if dg.page(a, GroupMeta) == dg.page(b, GroupMeta) {
			t.Errorf("footer field %s: the meta digest missed a change", typ.Field(i).Name)
		}
	}
	// Front matter values of every type the decoders give, and one they
	// do not, each changed.
	for _, v := range []any{nil, "x", true, int64(1), 1.5, []any{"a"}, map[string]any{"k": int64(1)}, int(7)} {
		a, b := samplePage(), samplePage()
		a.Params = map[string]any{"k": v}
		b.Params = map[string]any{"k": fmt.Sprint(v) + "!"}
		dg := newDigester()
		if dg.page(a, GroupMeta) == dg.page(b, GroupMeta) {
			t.Errorf("param %#v: the meta digest missed a change", v)
		}
		c := samplePage()
		c.Params = map[string]any{"k": v}
		if dg.page(a, GroupMeta) != dg.page(c, GroupMeta) {
			t.Errorf("param %#v: equal params digest differently", v)
		}
	}
}

// TestContentSum: a page that carries an identity of its content
// digests its content group as that identity, and the digester goes on
// cleanly after it.
func TestContentSum(t *testing.T) {
	a, b := samplePage(), samplePage()
	b.ContentSum = Sum{7, 7, 7}
	dg := newDigester()
	if got := dg.page(b, GroupContent); got != b.ContentSum {
		t.Errorf("content digest %x, want the page's ContentSum", got)
	}
	if dg.page(a, GroupContent) == b.ContentSum {
		t.Error("a page without ContentSum digests as another page's ContentSum")
	}
	if dg.page(a, GroupMeta) != newDigester().page(b, GroupMeta) {
		t.Error("the meta digest after a carried content digest differs")
	}
}
