package i18n

import "testing"

func TestWordsByLanguage(t *testing.T) {
	for _, tc := range []struct{ lang, key, want string }{
		{"zh-CN", "prev", "上一篇"},
		{"zh_CN", "prev", "上一篇"}, // a locale's spelling
		{"ZH", "colon", "："},
		{"zh-Hant-TW", "timeOfIssue", "发布时间"},
		{"ja-JP", "colon", "："},
		{"ja-JP", "prev", "Previous"}, // no Japanese table beyond the colon
		{"en-US", "colon", ": "},
		{"fr", "prev", "Previous"},
		{"", "readMore", "Read more"},
	} {
		if got := Word(tc.lang, tc.key); got != tc.want {
			t.Errorf("Word(%q, %q) = %q, want %q", tc.lang, tc.key, got, tc.want)
		}
	}
}
