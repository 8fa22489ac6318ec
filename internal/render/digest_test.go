package render_test

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/bulletin-ssg/bulletin/internal/render"
)

// TestChangesSinceEqualsChanges edits a site in the ways authors do and
// checks that comparing the new graph with the old one's digests finds
// exactly what comparing the two graphs finds.
func TestChangesSinceEqualsChanges(t *testing.T) {
	const article = "news/2020-07-30-foreign-ministers-call.md"
	edits := []struct {
		name string
		edit func(sources)
	}{
		{"nothing", func(sources) {}},
		{"body", func(s sources) { s[article] += "\nOne more line.\n" }},
		{"title", func(s sources) { s[article] = strings.Replace(s[article], "title: Chinese", "title: The Chinese", 1) }},
		{"date", func(s sources) { s[article] = strings.Replace(s[article], "2020-07-30 16:20", "2018-07-30 16:20", 1) }},
		{"tags", func(s sources) {
			s[article] = strings.Replace(s[article], "tags: [外交, 中日]", "tags: [中日]", 1)
		}},
		{"params", func(s sources) { s[article] = strings.Replace(s[article], "author:", "mood: calm\nauthor:", 1) }},
		{"new article", func(s sources) { s["news/2022-01-01-new.md"] = "---\ntitle: New\ndate: 2022-01-01\n---\nNew.\n" }},
		{"removed article", func(s sources) { delete(s, "news/2021-03-05-tea-workshop.md") }},
		{"paginate", func(s sources) { s["_index.md"] = strings.Replace(s["_index.md"], "paginate: 2", "paginate: 3", 1) }},
		{"settings", func(s sources) {
			s["_index.md"] = strings.Replace(s["_index.md"], "icp: 鄂ICP备13001903号", "icp: 鄂ICP备13001904号", 1)
		}},
		{"new section", func(s sources) {
			s["jobs/2022-02-02-hiring.md"] = "---\ntitle: Hiring\ndate: 2022-02-02\n---\nJoin us.\n"
		}},
	}
	for _, e := range edits {
		t.Run(e.name, func(t *testing.T) {
			files := newsSources("zh", "https://news.example.cn/", "")
			before := newSite(t, files)
			e.edit(files)
			after := newSite(t, files)

			want := render.Changes(before.Site, after.Site)
			got, now := render.ChangesSince(render.Digest(before.Site), after.Site)
			if !maps.Equal(got, want) {
				t.Errorf("ChangesSince found %v\nChanges found %v", sorted(got), sorted(want))
			}
			if e.name == "nothing" && len(got) != 0 {
				t.Errorf("an unchanged site changed: %v", sorted(got))
			}
			if e.name != "nothing" && len(got) == 0 {
				t.Errorf("the edit changed nothing")
			}
			// The digests handed on are the new graph's.
			if again, _ := render.ChangesSince(now, after.Site); len(again) != 0 {
				t.Errorf("the new graph differs from its own digests: %v", sorted(again))
			}
		})
	}
}

func sorted(deps map[render.Dep]struct{}) []string {
	var out []string
	for d := range deps {
		out = append(out, d.ID+"#"+string(rune('0'+d.Group)))
	}
	slices.Sort(out)
	return out
}
