package build

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestSearchPublished: with search: true (the sample site), each language
// has a search page, a search box in every other page's header, and an
// index whose terms lead to the articles that hold them.
func TestSearchPublished(t *testing.T) {
	sink, err := buildFS(t, os.DirFS("../.."), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []struct{ prefix, term, want string }{
		{"", "端午", "/events/2023/%E7%AB%AF%E5%8D%88%E8%8A%82%E6%B4%BB%E5%8A%A8/"},
		{"en/", "partnership", "/en/news/2024/01/partnership/"},
	} {
		page := string(sink.files[lang.prefix+"search/index.html"])
		if !strings.Contains(page, `data-index="/`+lang.prefix+`search/index.json"`) ||
			!regexp.MustCompile(`<script src="/js/search\.[0-9a-f]{8}\.js" integrity="sha384-[^"]+" defer>`).MatchString(page) {
			t.Errorf("%ssearch/index.html:\n%s", lang.prefix, page)
		}
		if home := string(sink.files[lang.prefix+"index.html"]); !strings.Contains(home, `<form class="site-search" role="search" action="/`+lang.prefix+`search/"`) {
			t.Errorf("no search box in %sindex.html", lang.prefix)
		}

		var entry struct {
			Docs   int         `json:"n"`
			Shards [][2]string `json:"s"`
			Tables []string    `json:"t"`
			Per    int         `json:"d"`
		}
		if err := json.Unmarshal(sink.files[lang.prefix+"search/index.json"], &entry); err != nil {
			t.Fatalf("%ssearch/index.json: %v", lang.prefix, err)
		}
		// The shard the term falls in holds it; its first posting is
		// a document whose fragment is the article.
		i := 0
		for i+1 < len(entry.Shards) && entry.Shards[i+1][0] <= lang.term {
			i++
		}
		var shard struct {
			Terms    []string `json:"t"`
			Postings [][]int  `json:"p"`
		}
		if err := json.Unmarshal(sink.files[lang.prefix+"search/"+entry.Shards[i][1]], &shard); err != nil {
			t.Fatal(err)
		}
		k := slices.Index(shard.Terms, lang.term)
		if k < 0 {
			t.Fatalf("%s: %q not in its shard", lang.prefix, lang.term)
		}
		var found []string
		doc := 0
		for p := 0; p < len(shard.Postings[k]); p += 3 {
			doc += shard.Postings[k][p]
			var table []string
			if err := json.Unmarshal(sink.files[lang.prefix+"search/"+entry.Tables[doc/entry.Per]], &table); err != nil {
				t.Fatal(err)
			}
			var frag struct {
				URL string `json:"u"`
			}
			if err := json.Unmarshal(sink.files[lang.prefix+"search/f/"+table[doc%entry.Per]+".json"], &frag); err != nil {
				t.Fatal(err)
			}
			found = append(found, frag.URL)
		}
		if !slices.Contains(found, lang.want) {
			t.Errorf("%s: %q leads to %q, not to %s", lang.prefix, lang.term, found, lang.want)
		}
	}
	if _, ok := sink.files["sitemap.xml"]; ok && strings.Contains(string(sink.files["sitemap.xml"]), "/search/") {
		t.Error("the search page is in the sitemap")
	}
}
