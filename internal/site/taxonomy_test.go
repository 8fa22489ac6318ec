package site_test

import (
	"fmt"
	"testing"

	"github.com/bulletin-ssg/bulletin/internal/site"
)

// TestTermSlugs: names that differ only in case, separators or Unicode
// form are one term; names that differ in more but slugify alike get
// distinct slugs, numbered, and each numbered one is a clash for check.
func TestTermSlugs(t *testing.T) {
	s, err := buildSite(t, map[string]string{
		"_index.md": doc("title: Site"),
		"news/a.md": article("A", "2024-05-20", `tags: ["C++", "Go", "Hello World", "caf\u00e9"]`),
		"news/b.md": article("B", "2024-05-19", `tags: ["C#", "go", "hello-world", "cafe\u0301"]`),
		"news/c.md": article("C", "2024-05-18", `tags: ["c", "c-2"]`),
	}, site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{} // slug: name (count)
	for _, term := range s.Taxonomies["tags"] {
		if _, dup := got[term.Slug]; dup {
			t.Errorf("two terms on /tags/%s/", term.Slug)
		}
		got[term.Slug] = fmt.Sprintf("%s (%d)", term.Name, term.Count)
	}
	want := map[string]string{
		"c":           "c (1)",
		"c-2":         "c-2 (1)", // a name of its own keeps its slug
		"c-3":         "C# (1)",
		"c-4":         "C++ (1)",
		"go":          "Go (2)",
		"hello-world": "Hello World (2)",
		"café":        "café (2)",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("terms\n got %v\nwant %v", got, want)
	}
	var clashes []string
	for _, c := range s.TermClashes() {
		clashes = append(clashes, fmt.Sprintf("%s %s/%s %s/%s", c.Taxonomy, c.Term.Name, c.Term.Slug, c.Other.Name, c.Other.Slug))
	}
	if w := "[tags C#/c-3 c/c tags C++/c-4 c/c]"; fmt.Sprint(clashes) != w {
		t.Errorf("clashes %v, want %s", clashes, w)
	}
}
