package check_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/bulletin-ssg/bulletin"
	"github.com/bulletin-ssg/bulletin/internal/build"
	"github.com/bulletin-ssg/bulletin/internal/check"
	"github.com/bulletin-ssg/bulletin/internal/diag/diagtest"
)

const settings = "---\ntitle: T\nlanguage: en\n---\n"

// findings builds a site in memory and checks it.
func findings(t *testing.T, files map[string]string) []check.Finding {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	res, err := build.Build(context.Background(), build.Options{
		Source: fsys, Builtin: bulletin.Theme, NoOutput: true, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
	}, nil)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	out := check.Site(res.Site)
	out = append(out, check.FromErrors(errors.Join(res.Warnings...), check.Warning, "linked-draft")...)
	check.Sort(out)
	return out
}

// Two articles whose slugs give one URL do not build: the error names
// both, at the one whose slug comes from its file name or is written,
// and check reports it as a build error, not as a second finding.
func TestSameURL(t *testing.T) {
	for _, tt := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"slugs from file names", map[string]string{
			"content/_index.md":                 "---\ntitle: T\npermalinks: {news: /news/:slug/}\n---\n",
			"content/news/2020-01-01-a.md":      "---\ntitle: A\ndate: 2020-01-01\n---\n",
			"content/news/2021/2021-01-01-a.md": "---\ntitle: B\ndate: 2021-01-01\n---\n",
		}, `content/news/2020-01-01-a.md:1:1: error: output news/a/index.html is also written by content/news/2021/2021-01-01-a.md (both are published at /news/a/: the slug "a" comes from the file name; set slug: or url: in one of them) [build]`},
		{"a slug written", map[string]string{
			"content/_index.md":      "---\ntitle: T\npermalinks: {news: /news/:slug/}\n---\n",
			"content/news/a.md":      "---\ntitle: A\ndate: 2020-01-01\n---\n",
			"content/news/2021/b.md": "---\ntitle: B\ndate: 2021-01-01\nslug: a\n---\n",
		}, `content/news/2021/b.md:4:7: error: output news/a/index.html is also written by content/news/a.md [build]`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, text := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(text)}
			}
			res, err := build.Build(context.Background(), build.Options{Source: fsys, Builtin: bulletin.Theme, NoOutput: true}, nil)
			var got []string
			for _, f := range check.FromErrors(err, check.Error, "build") {
				got = append(got, diagtest.Slashed(f.String()))
			}
			if res != nil && res.Site != nil {
				for _, f := range check.Site(res.Site) {
					got = append(got, diagtest.Slashed(f.String()))
				}
			}
			if strings.Join(got, "\n") != tt.want {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), tt.want)
			}
		})
	}
}

// One fixture per finding; each asserts the exact line it produces.
func TestFindings(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"broken link", map[string]string{
			"content/_index.md": settings,
			"content/news/a.md": "---\ntitle: A\ndate: 2020-01-01\n---\nSee [x](/nowhere/).\n",
		}, []string{`content/news/a.md:5:5: error: link "/nowhere/" leads nowhere: the site has no /nowhere/ [broken-link]`}},
		{"relative link and asset that exist", map[string]string{
			"content/_index.md": settings,
			"content/news/a.md": "---\ntitle: A\ndate: 2020-01-01\n---\n[css](/css/style.css) [home](../../) [feed](/index.xml)\n",
		}, nil},
		{"broken anchor in the page and in another", map[string]string{
			"content/_index.md": settings,
			"content/news/a.md": "---\ntitle: A\ndate: 2020-01-01\n---\n## 公司新闻\n\n[ok](#公司新闻) [no](#nope) [b](b.md#细节) [bad](b.md#zzz) [fn](#fn:1)\n",
			"content/news/b.md": "---\ntitle: B\ndate: 2020-01-02\n---\n## 细节\n",
		}, []string{
			`content/news/a.md:7:21: error: link "#nope": content/news/a.md has no heading with id "nope" [broken-anchor]`,
			`content/news/a.md:7:50: error: link "/news/b/#zzz": content/news/b.md has no heading with id "zzz" [broken-anchor]`,
		}},
		{"missing image and cover", map[string]string{
			"content/_index.md":        settings,
			"content/news/a/index.md":  "---\ntitle: A\ndate: 2020-01-01\ncover: nope.jpg\n---\n![ok](photo.png) ![no](gone.png)\n",
			"content/news/a/photo.png": "PNG",
		}, []string{
			`content/news/a/index.md:4:8: error: image "/news/a/nope.jpg" leads nowhere: the site has no /news/a/nope.jpg [missing-image]`,
			`content/news/a/index.md:6:18: error: image "gone.png" leads nowhere: the site has no /news/a/gone.png [missing-image]`,
		}},
		{"images and files by their path from the Markdown file's folder", map[string]string{
			"content/_index.md":                 "---\ntitle: T\npermalinks: {news: /news/:year/:month/:slug/}\n---\n",
			"content/news/2020-07-30-x.md":      "---\ntitle: X\n---\n![a](images/a.png) [pdf](files/a.pdf) ![b](images/b.png)\n[gone](files/gone.pdf) [up](../../../)\n",
			"content/news/2020/2020-08-01-y.md": "---\ntitle: Y\n---\n![a](../images/a.png) ![c](../launch/c.png)\n",
			"content/news/images/a.png":         "PNG",
			"content/news/files/a.pdf":          "PDF",
			"content/news/launch/index.md":      "---\ntitle: Launch\ndate: 2020-09-01\n---\n![c](c.png) ![a](../images/a.png)\n",
			"content/news/launch/c.png":         "PNG",
		}, []string{
			`content/news/2020-07-30-x.md:4:39: error: image "images/b.png" leads nowhere: there is no content/news/images/b.png [missing-image]`,
			`content/news/2020-07-30-x.md:5:1: error: link "files/gone.pdf" leads nowhere: there is no content/news/files/gone.pdf [broken-link]`,
		}},
		{"a path out of content/", map[string]string{
			"content/_index.md": settings,
			"content/news/a.md": "---\ntitle: A\ndate: 2020-01-01\n---\n![x](../../secret.png) [y](../../../etc/passwd)\n",
			"secret.png":        "PNG",
		}, []string{
			`content/news/a.md:5:1: error: image "../../secret.png" leads out of content/: bulletin publishes only the files under content/ and assets/ [missing-image]`,
			`content/news/a.md:5:24: error: link "../../../etc/passwd" leads out of content/: bulletin publishes only the files under content/ and assets/ [broken-link]`,
		}},
		{"raw HTML dropped and other generators' tags", map[string]string{
			"content/_index.md": settings,
			"content/news/a.md": "---\ntitle: A\ndate: 2020-01-01\n---\n<video src=\"a.mp4\" controls></video>\n\n{% asset_img a.png %} and `{% raw %}`\n",
		}, []string{
			`content/news/a.md:5:1: warning: raw HTML dropped: <video …>; set unsafeHTML: true in content/_index.md to keep it [raw-html]`,
			`content/news/a.md:7:1: warning: Hexo/Jekyll tag left in the text: {% asset_img … %} (bulletin shows it as written) [foreign-tag]`,
		}},
		{"raw HTML kept", map[string]string{
			"content/_index.md": "---\ntitle: T\nunsafeHTML: true\n---\n",
			"content/news/a.md": "---\ntitle: A\ndate: 2020-01-01\n---\n<video src=\"a.mp4\" controls></video>\n",
		}, nil},
		{"missing summary", map[string]string{
			"content/_index.md":      settings,
			"content/news/_index.md": "---\ntitle: News\nrequireSummary: true\n---\n",
			"content/news/a.md":      "---\ntitle: A\ndate: 2020-01-01\n---\nNo summary.\n",
			"content/news/b.md":      "---\ntitle: B\ndate: 2020-01-01\nsummary: Yes.\n---\n",
			"content/news/c.md":      "---\ntitle: C\ndate: 2020-01-01\n---\nLead.\n\n<!--more-->\n\nRest.\n",
		}, []string{`content/news/a.md:1:1: warning: content/news/_index.md asks every article for a summary: add summary: to the front matter or a <!--more--> line [missing-summary]`}},
		{"missing summary, asked by the nearest section that says", map[string]string{
			"content/_index.md":              settings,
			"content/news/_index.md":         "---\ntitle: News\nrequireSummary: true\n---\n",
			"content/news/press/_index.md":   "---\ntitle: Press\n---\n",
			"content/news/press/a.md":        "---\ntitle: A\ndate: 2020-01-01\n---\nNo summary.\n",
			"content/news/notes/_index.md":   "---\ntitle: Notes\nrequireSummary: false\n---\n",
			"content/news/notes/b.md":        "---\ntitle: B\ndate: 2020-01-01\n---\nNo summary.\n",
			"content/events/_index.md":       "---\ntitle: Events\n---\n",
			"content/events/talks/_index.md": "---\ntitle: Talks\nrequireSummary: true\n---\n",
			"content/events/talks/2020/c.md": "---\ntitle: C\ndate: 2020-01-01\n---\nNo summary.\n",
			"content/events/d.md":            "---\ntitle: D\ndate: 2020-01-01\n---\nNo summary.\n",
		}, []string{
			`content/events/talks/2020/c.md:1:1: warning: content/events/talks/_index.md asks every article for a summary: add summary: to the front matter or a <!--more--> line [missing-summary]`,
			`content/news/press/a.md:1:1: warning: content/news/_index.md asks every article for a summary: add summary: to the front matter or a <!--more--> line [missing-summary]`,
		}},
		{"same title, and the same slug at two URLs", map[string]string{
			"content/_index.md":                 settings,
			"content/news/2020-01-01-a.md":      "---\ntitle: Same\ndate: 2020-01-01\n---\n",
			"content/news/2021/2021-01-01-a.md": "---\ntitle: Same\ndate: 2021-01-01\n---\n",
			"content/news/2022/a.md":            "---\ntitle: Other\ndate: 2022-01-01\nslug: a\n---\n",
		}, []string{
			`content/news/2021/2021-01-01-a.md:2:8: warning: title "Same" is also the title of content/news/2020-01-01-a.md [duplicate-title]`,
		}},
		{"tags whose names make one slug", map[string]string{
			"content/_index.md": settings,
			"content/news/a.md": "---\ntitle: A\ndate: 2020-01-01\ntags: [C++, Go]\n---\n",
			"content/news/b.md": "---\ntitle: B\ndate: 2020-01-02\ntags: [c, go]\n---\n",
		}, []string{`content/news/a.md:4:7: warning: "C++" is published at /tags/c-2/ because "c" has /tags/c/ (their names make one slug); rename one of them to keep the two apart [term-slug]`}},
		{"draft linked from a published page", map[string]string{
			"content/_index.md": settings,
			"content/news/a.md": "---\ntitle: A\ndate: 2020-01-01\n---\nSoon: [plan](d.md).\n",
			"content/news/d.md": "---\ntitle: D\ndate: 2020-01-01\ndraft: true\n---\n",
		}, []string{`content/news/a.md:5:7: warning: link to "d.md": that page is not published in this build; shown as plain text [linked-draft]`}},
		{"Chinese site without ICP", map[string]string{
			"content/_index.md": "---\ntitle: T\nlanguage: zh-CN\nfooter:\n  copyright: x\n---\n",
		}, []string{`content/_index.md:5:3: warning: the site is in zh-CN but its footer has no ICP filing number (footer: {icp: 京ICP备…号}); sites hosted in China must show it [missing-icp]`}},
		{"unknown settings", map[string]string{
			"content/_index.md": "---\ntitle: T\nbaseurl: https://x.example/\npaginte: 5\nbrand: Acme\n---\n",
		}, []string{
			`content/_index.md:3:1: warning: unknown setting "baseurl": did you mean "baseURL"? [unknown-setting]`,
			`content/_index.md:4:1: warning: unknown setting "paginte": did you mean "paginate"? [unknown-setting]`,
			`content/_index.md:5:1: warning: unknown setting "brand": bulletin does not read it (a theme can, as .Site.Params.brand) [unknown-setting]`,
		}},
		{"keys of other generators in YAML", map[string]string{
			"content/_index.md":      settings,
			"content/news/_index.md": "---\ntitle: News\nimage: /news.png\n---\n",
			"content/news/a.md": "---\ntitle: A\ndate: 2020-01-01\nupdated: 2020-02-01\ncategory: Press\nexcerpt: Short.\n" +
				"permalink: /a/\nimages:\n  - a.png\nthumbnail: t.png\nfeatured_image: f.png\nby: Li\nauthors: [Li, Wang]\nlang: zh\nmodified: 2020-03-01\nabstract: Brief.\n---\n",
			"content/about.md": "---\ntitle: About\nlastmod: 2020-01-01\nmodified: 2020-01-01\n---\n",
		}, []string{
			`content/about.md:4:1: warning: modified is not read by bulletin: use lastmod [foreign-key]`,
			`content/news/_index.md:3:1: warning: image is not read by bulletin: use cover [foreign-key]`,
			`content/news/a.md:4:1: warning: updated is not read by bulletin: use lastmod [foreign-key]`,
			`content/news/a.md:5:1: warning: category is not read by bulletin: use categories [foreign-key]`,
			`content/news/a.md:6:1: warning: excerpt is not read by bulletin: use summary [foreign-key]`,
			`content/news/a.md:7:1: warning: permalink is not read by bulletin: use url [foreign-key]`,
			`content/news/a.md:8:1: warning: images is not read by bulletin: use cover [foreign-key]`,
			`content/news/a.md:10:1: warning: thumbnail is not read by bulletin: use cover [foreign-key]`,
			`content/news/a.md:11:1: warning: featured_image is not read by bulletin: use cover [foreign-key]`,
			`content/news/a.md:12:1: warning: by is not read by bulletin: use author [foreign-key]`,
			`content/news/a.md:13:1: warning: authors is not read by bulletin: use author [foreign-key]`,
			`content/news/a.md:15:1: warning: modified is not read by bulletin: use lastmod [foreign-key]`,
			`content/news/a.md:16:1: warning: abstract is not read by bulletin: use summary [foreign-key]`,
		}},
		{"keys of other generators in TOML and JSON, and through a cascade", map[string]string{
			"content/_index.md":      settings,
			"content/news/_index.md": "---\ntitle: News\ncascade:\n  image: /news.png\n---\n",
			"content/news/a.md":      "+++\ntitle = \"A\"\ndate = 2020-01-01\n  updated = 2020-02-01\n+++\n",
			"content/news/b.md":      "{\n  \"title\": \"B\",\n  \"date\": \"2020-01-02\",\n  \"excerpt\": \"Short.\"\n}\n",
		}, []string{
			`content/news/a.md:4:3: warning: updated is not read by bulletin: use lastmod [foreign-key]`,
			`content/news/b.md:4:3: warning: excerpt is not read by bulletin: use summary [foreign-key]`,
		}},
		{"translations required, words missing", map[string]string{
			"content/_index.md":    "---\ntitle: T\nlanguage: zh-CN\nfooter: {icp: 京ICP备1号}\nlanguages:\n  en: {requireTranslations: true}\n  fr: {}\n  de: {}\n---\n",
			"content/news/a.md":    "---\ntitle: A\ndate: 2020-01-01\n---\n",
			"content/news/a.en.md": "---\ntitle: A\ndate: 2020-01-01\n---\n",
			"content/news/b.md":    "---\ntitle: B\ndate: 2020-01-02\n---\n",
			"content/news/c.fr.md": "---\ntitle: C\ndate: 2020-01-03\n---\n",
			"layouts/i18n/de.yaml": "timeOfIssue: Veröffentlicht\n",
			"layouts/i18n/fr.yaml": "",
		}, []string{
			`content/news/b.md:1:1: warning: no en translation (languages.en.requireTranslations): add content/news/b.en.md [missing-translation]`,
			`content/news/c.fr.md:1:1: warning: no en translation (languages.en.requireTranslations): add content/news/c.en.md [missing-translation]`,
			`layouts/i18n/de.yaml:1:1: warning: 66 interface words have no de text and are shown in English (address, allCategories, allTags, archives, articleCount, author, backHome, breadcrumb, …): add them to layouts/i18n/de.yaml [missing-words]`,
			`layouts/i18n/fr.yaml:1:1: warning: 67 interface words have no fr text and are shown in English (address, allCategories, allTags, archives, articleCount, author, backHome, breadcrumb, …): add them to layouts/i18n/fr.yaml [missing-words]`,
		}},
		{"menu entry that leads nowhere", map[string]string{
			"content/_index.md": "---\ntitle: T\nmenu:\n  - {name: Gone, url: /gone/}\n---\n",
		}, []string{`content/_index.md:4:3: error: link "/gone/" leads nowhere: the site has no /gone/ [broken-link]`}},
		{"a language's own menu, and one inherited", map[string]string{
			"content/_index.md": "---\ntitle: T\nlanguage: ja\nmenu:\n  - {name: Gone, url: /gone/}\nlanguages:\n  zh-TW: {}\n  en:\n    menu:\n      - {name: Nowhere, url: /en/nowhere/}\n      - {name: Home, url: /en/}\n---\n",
		}, []string{
			`content/_index.md:5:3: error: link "/gone/" leads nowhere: the site has no /gone/ [broken-link]`,
			`content/_index.md:10:7: error: link "/en/nowhere/" leads nowhere: the site has no /en/nowhere/ [broken-link]`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, f := range findings(t, tt.files) {
				got = append(got, diagtest.Slashed(f.String()))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
