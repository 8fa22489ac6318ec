// Package i18n holds the interface words of bulletin's pages ("Time of
// issue", 发布时间, "Previous", 上一篇…) by language. The theme's T function,
// the titles of generated pages (tags, archives, 404) and the titles
// Markdown gives callouts and videos read them here. The words are
// compiled in: it never reads a file.
package i18n

import (
	"fmt"
	"strings"
)

// words are the interface words of the built-in theme, by language. A
// site's language picks the exact table ("zh-CN"), else its base ("zh"),
// else English; a key missing there falls back to English too.
var words = map[string]map[string]string{
	"en": {
		"timeOfIssue": "Time of issue", "views": "Views", "author": "Author", "source": "Source",
		"prev": "Previous", "next": "Next", "noMore": "None", "tags": "Tags", "categories": "Categories",
		"archives": "Archives", "home": "Home", "readMore": "Read more", "pageOf": "Page %d of %d",
		"newer": "Newer", "older": "Older", "pinned": "Pinned", "toc": "Contents", "readingTime": "%d min read",
		"wordCount": "%d words", "notFound": "Page not found",
		"notFoundText": "The page you are looking for does not exist or has moved.", "backHome": "Back to home",
		"address": "Address", "phone": "Phone", "email": "Email", "poweredBy": "Powered by", "comments": "Comments",
		"skipToContent": "Skip to content", "menu": "Menu", "latest": "Latest news", "articleCount": "%d articles",
		"allTags": "All tags", "allCategories": "All categories", "monthLayout": "January 2006", "yearLayout": "2006",
		"dateLayout": "2006-01-02 15:04", "shortDateLayout": "2006-01-02", "feed": "RSS feed",
		"redirecting": "This page has moved to", "pagination": "Pagination", "postNav": "More articles",
		"colon": ": ", "breadcrumb": "Breadcrumb", "subsections": "Sub-sections",
		// Words Markdown adds: the titles of callouts ("> [!NOTE]"), of a
		// video whose link has no text.
		"calloutNote": "Note", "calloutTip": "Tip", "calloutImportant": "Important", "calloutWarning": "Warning",
		"calloutCaution": "Caution", "video": "Video",
	},
	"zh": {
		"timeOfIssue": "发布时间", "views": "浏览量", "author": "作者", "source": "来源",
		"prev": "上一篇", "next": "下一篇", "noMore": "没有了", "tags": "标签", "categories": "分类",
		"archives": "归档", "home": "首页", "readMore": "阅读全文", "pageOf": "第 %d 页，共 %d 页",
		"newer": "上一页", "older": "下一页", "pinned": "置顶", "toc": "目录", "readingTime": "约 %d 分钟读完",
		"wordCount": "%d 字", "notFound": "页面未找到", "notFoundText": "您访问的页面不存在或已被移除。",
		"backHome": "返回首页", "address": "地址", "phone": "电话", "email": "邮箱", "poweredBy": "技术支持",
		"comments": "评论", "skipToContent": "跳到正文", "menu": "导航", "latest": "最新动态",
		"articleCount": "共 %d 篇", "allTags": "全部标签", "allCategories": "全部分类",
		"monthLayout": "2006年1月", "yearLayout": "2006年", "dateLayout": "2006-01-02 15:04",
		"shortDateLayout": "2006-01-02", "feed": "订阅", "redirecting": "本页已移至",
		"pagination": "分页", "postNav": "更多文章", "colon": "：", "breadcrumb": "当前位置", "subsections": "子栏目",
		"calloutNote": "注意", "calloutTip": "提示", "calloutImportant": "重要", "calloutWarning": "警告",
		"calloutCaution": "小心", "video": "视频",
	},
	// Japanese pages label with the full-width colon too; every other word
	// falls back to English.
	"ja": {"colon": "："},
}

// Word returns one word in a language, or the key itself when no table
// has it.
func Word(language, key string) string {
	w, err := Words(language)(key)
	if err != nil {
		return key
	}
	return w
}

// Words returns the lookup for one language.
func Words(language string) func(key string, args ...any) (string, error) {
	// "zh-CN" as BCP 47 writes it, or "zh_CN" as a locale does.
	lang := strings.ReplaceAll(strings.ToLower(language), "_", "-")
	table := words["en"]
	if t, ok := words[lang]; ok {
		table = t
	} else if base, _, _ := strings.Cut(lang, "-"); words[base] != nil {
		table = words[base]
	}
	return func(key string, args ...any) (string, error) {
		w, ok := table[key]
		if !ok {
			if w, ok = words["en"][key]; !ok {
				return "", fmt.Errorf("T %q: no such interface word", key)
			}
		}
		if len(args) > 0 {
			return fmt.Sprintf(w, args...), nil
		}
		return w, nil
	}
}
