package i18n

import (
	"slices"
	"strings"
	"testing"
)

func TestWordsByLanguage(t *testing.T) {
	for _, tc := range []struct{ lang, key, want string }{
		{"zh-CN", "prev", "上一篇"},
		{"zh_CN", "prev", "上一篇"}, // a locale's spelling
		{"ZH", "colon", "："},
		{"zh-Hans-CN", "timeOfIssue", "发布时间"},
		{"zh-TW", "timeOfIssue", "發布時間"},
		{"zh-Hant-TW", "timeOfIssue", "發布時間"},
		{"zh-HK", "tags", "標籤"},
		{"ja-JP", "colon", "："},
		{"ja-JP", "prev", "前の記事"},
		{"ja", "languageName", "日本語"},
		{"en-US", "colon", ": "},
		{"fr", "prev", "Previous"},
		{"", "readMore", "Read more"},
		{"en", "nosuchword", "nosuchword"},
	} {
		if got := Word(tc.lang, tc.key); got != tc.want {
			t.Errorf("Word(%q, %q) = %q, want %q", tc.lang, tc.key, got, tc.want)
		}
	}
}

// TestTablesComplete: every built-in table has every English word, with
// the same number of arguments, and no word English lacks.
func TestTablesComplete(t *testing.T) {
	for name, table := range builtin {
		for key, en := range builtin["en"] {
			w, ok := table[key]
			if !ok {
				t.Errorf("%s lacks %q", name, key)
				continue
			}
			if strings.Count(w, "%d") != strings.Count(en, "%d") {
				t.Errorf("%s %q = %q: not the arguments of %q", name, key, w, en)
			}
		}
		for key := range table {
			if _, ok := builtin["en"][key]; !ok {
				t.Errorf("%s has %q, which English lacks", name, key)
			}
		}
		if got := NewSet(nil).Missing(name); len(got) > 0 {
			t.Errorf("Missing(%s) = %v", name, got)
		}
	}
}

func TestSiteWords(t *testing.T) {
	s := NewSet(map[string]map[string]string{
		"zh-CN": {"timeOfIssue": "发布日期"},
		"fr":    {"prev": "Précédent", "views": "Vues"},
		"en":    {"views": "Reads", "motto": "Always on time"},
	})
	for _, tc := range []struct{ lang, key, want string }{
		{"zh-CN", "timeOfIssue", "发布日期"}, // the site's over the built-in
		{"zh-CN", "prev", "上一篇"},
		{"zh", "timeOfIssue", "发布时间"}, // zh-CN's own words are not all of zh's
		{"fr-CA", "prev", "Précédent"},
		{"fr", "next", "Next"}, // English for what neither has
		{"en", "views", "Reads"},
		{"ja", "motto", "Always on time"}, // a word of the site's English
		{"ja", "views", "閲覧数"},
	} {
		if got := s.Word(tc.lang, tc.key); got != tc.want {
			t.Errorf("Word(%q, %q) = %q, want %q", tc.lang, tc.key, got, tc.want)
		}
	}
	if got := s.Missing("fr"); len(got) != len(builtin["en"])+1-2 || slices.Contains(got, "prev") || !slices.Contains(got, "motto") {
		t.Errorf("Missing(fr) = %v", got)
	}
	if got := s.Missing("ja"); !slices.Equal(got, []string{"motto"}) {
		t.Errorf("Missing(ja) = %v, want [motto]", got)
	}
	if got := s.Missing("en-GB"); got != nil {
		t.Errorf("Missing(en-GB) = %v", got)
	}
	if got, err := s.Words("zh-TW")("pageOf", 2, 5); err != nil || got != "第 2 頁，共 5 頁" {
		t.Errorf("pageOf = %q, %v", got, err)
	}
}

func TestLanguageName(t *testing.T) {
	s := NewSet(map[string]map[string]string{"fr": {"languageName": "Français"}})
	for tag, want := range map[string]string{"zh-CN": "中文", "zh-TW": "繁體中文", "ja": "日本語", "en-US": "English", "fr": "Français", "de": "de"} {
		if got := s.LanguageName(tag); got != want {
			t.Errorf("LanguageName(%s) = %q, want %q", tag, got, want)
		}
	}
}

func TestSetDigest(t *testing.T) {
	a := NewSet(map[string]map[string]string{"zh-CN": {"views": "阅读"}, "zh-cn": {"tags": "标签"}})
	b := NewSet(map[string]map[string]string{"zh-cn": {"views": "阅读", "tags": "标签"}})
	if a.Digest() != b.Digest() || a.Word("zh-CN", "tags") != "标签" || a.Word("zh-CN", "views") != "阅读" {
		t.Error("two spellings of one tag are not one table")
	}
	if NewSet(nil).Digest() == a.Digest() || NewSet(map[string]map[string]string{"zh-cn": {"views": "浏览"}}).Digest() == a.Digest() {
		t.Error("different words, one digest")
	}
}
