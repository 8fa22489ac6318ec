// Package i18n holds the interface words of bulletin's pages ("Time of
// issue", 发布时间, "Previous", 上一篇…) by language: built-in tables for
// English, Simplified and Traditional Chinese and Japanese, and a site's
// own words over them (layouts/i18n/<lang>.yaml, read by the build and
// handed to NewSet). The theme's T function, the titles of generated
// pages (tags, archives, 404) and the words Markdown gives callouts,
// videos, code blocks and tables read them here. It never reads a file
// itself.
package i18n

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
)

// builtin are the interface words of the built-in theme, by table: a
// language picks the exact table ("zh-tw"), else its script's
// (traditionalChinese), else its base ("zh"), else English; a key missing
// there falls back to English too. Every table has every key of "en"
// (TestTablesComplete).
var builtin = map[string]map[string]string{
	"en": {
		"search": "Search", "searchLabel": "Search the site", "searchNeedsScript": "Search needs JavaScript, which is turned off in this browser.",
		"searchResults": "{n} results", "searchNone": "Nothing found. Try other words.", "searchFailed": "Search is not available right now.",
		"searchMore": "More results", "searchAllSections": "All sections", "searchAllYears": "All years", "section": "Section", "year": "Year",
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
		"redirecting": "This page has moved to", "pagination": "Pagination", "postNav": "More articles", "related": "Related articles",
		"colon": ": ", "breadcrumb": "Breadcrumb", "subsections": "Sub-sections",
		"languageName": "English", "languages": "Languages", "chooseLanguage": "Choose a language",
		// Words Markdown adds: the titles of callouts ("> [!NOTE]"), of a
		// video whose link has no text, and the names of the regions code
		// blocks and tables scroll in.
		"calloutNote": "Note", "calloutTip": "Tip", "calloutImportant": "Important", "calloutWarning": "Warning",
		"calloutCaution": "Caution", "video": "Video", "code": "Code", "table": "Table",
	},
	"zh": {
		"search": "搜索", "searchLabel": "站内搜索", "searchNeedsScript": "搜索需要 JavaScript，当前浏览器已将其关闭。",
		"searchResults": "找到 {n} 条结果", "searchNone": "没有找到相关内容，请换个关键词试试。", "searchFailed": "搜索暂时不可用。",
		"searchMore": "更多结果", "searchAllSections": "全部栏目", "searchAllYears": "全部年份", "section": "栏目", "year": "年份",
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
		"pagination": "分页", "postNav": "更多文章", "related": "相关文章", "colon": "：", "breadcrumb": "当前位置", "subsections": "子栏目",
		"languageName": "中文", "languages": "语言", "chooseLanguage": "选择语言",
		"calloutNote": "注意", "calloutTip": "提示", "calloutImportant": "重要", "calloutWarning": "警告",
		"calloutCaution": "小心", "video": "视频", "code": "代码", "table": "表格",
	},
	traditionalChinese: {
		"search": "搜尋", "searchLabel": "站內搜尋", "searchNeedsScript": "搜尋需要 JavaScript，目前瀏覽器已將其關閉。",
		"searchResults": "找到 {n} 筆結果", "searchNone": "沒有找到相關內容，請換個關鍵字試試。", "searchFailed": "搜尋暫時無法使用。",
		"searchMore": "更多結果", "searchAllSections": "全部欄目", "searchAllYears": "全部年份", "section": "欄目", "year": "年份",
		"timeOfIssue": "發布時間", "views": "瀏覽量", "author": "作者", "source": "來源",
		"prev": "上一篇", "next": "下一篇", "noMore": "沒有了", "tags": "標籤", "categories": "分類",
		"archives": "歸檔", "home": "首頁", "readMore": "閱讀全文", "pageOf": "第 %d 頁，共 %d 頁",
		"newer": "上一頁", "older": "下一頁", "pinned": "置頂", "toc": "目錄", "readingTime": "約 %d 分鐘讀完",
		"wordCount": "%d 字", "notFound": "找不到頁面", "notFoundText": "您造訪的頁面不存在或已被移除。",
		"backHome": "返回首頁", "address": "地址", "phone": "電話", "email": "電子郵件", "poweredBy": "技術支援",
		"comments": "留言", "skipToContent": "跳到正文", "menu": "導覽", "latest": "最新動態",
		"articleCount": "共 %d 篇", "allTags": "全部標籤", "allCategories": "全部分類",
		"monthLayout": "2006年1月", "yearLayout": "2006年", "dateLayout": "2006-01-02 15:04",
		"shortDateLayout": "2006-01-02", "feed": "訂閱", "redirecting": "本頁已移至",
		"pagination": "分頁", "postNav": "更多文章", "related": "相關文章", "colon": "：", "breadcrumb": "目前位置", "subsections": "子欄目",
		"languageName": "繁體中文", "languages": "語言", "chooseLanguage": "選擇語言",
		"calloutNote": "注意", "calloutTip": "提示", "calloutImportant": "重要", "calloutWarning": "警告",
		"calloutCaution": "小心", "video": "影片", "code": "程式碼", "table": "表格",
	},
	"ja": {
		"search": "検索", "searchLabel": "サイト内検索", "searchNeedsScript": "検索には JavaScript が必要ですが、このブラウザでは無効になっています。",
		"searchResults": "{n} 件見つかりました", "searchNone": "見つかりませんでした。別の言葉でお試しください。", "searchFailed": "現在、検索は利用できません。",
		"searchMore": "さらに表示", "searchAllSections": "すべてのセクション", "searchAllYears": "すべての年", "section": "セクション", "year": "年",
		"timeOfIssue": "公開日時", "views": "閲覧数", "author": "著者", "source": "出典",
		"prev": "前の記事", "next": "次の記事", "noMore": "ありません", "tags": "タグ", "categories": "カテゴリー",
		"archives": "アーカイブ", "home": "ホーム", "readMore": "続きを読む", "pageOf": "%d / %d ページ",
		"newer": "新しい記事", "older": "古い記事", "pinned": "固定", "toc": "目次", "readingTime": "約 %d 分で読めます",
		"wordCount": "%d 文字", "notFound": "ページが見つかりません",
		"notFoundText": "お探しのページは存在しないか、移動しました。", "backHome": "ホームへ戻る",
		"address": "所在地", "phone": "電話", "email": "メール", "poweredBy": "Powered by", "comments": "コメント",
		"skipToContent": "本文へスキップ", "menu": "メニュー", "latest": "最新ニュース", "articleCount": "%d 件の記事",
		"allTags": "すべてのタグ", "allCategories": "すべてのカテゴリー", "monthLayout": "2006年1月", "yearLayout": "2006年",
		"dateLayout": "2006-01-02 15:04", "shortDateLayout": "2006-01-02", "feed": "RSS フィード",
		"redirecting": "このページの移動先", "pagination": "ページ送り", "postNav": "その他の記事", "related": "関連記事",
		"colon": "：", "breadcrumb": "現在位置", "subsections": "サブセクション",
		"languageName": "日本語", "languages": "言語", "chooseLanguage": "言語を選択",
		"calloutNote": "注記", "calloutTip": "ヒント", "calloutImportant": "重要", "calloutWarning": "警告",
		"calloutCaution": "注意", "video": "動画", "code": "コード", "table": "表",
	},
}

// traditionalChinese is the table of Chinese in traditional characters:
// zh-TW, zh-HK, zh-MO and any zh-Hant.
const traditionalChinese = "zh-tw"

// Set is the interface words of one site: the built-in tables with the
// site's own over them, by language.
type Set struct {
	own    map[string]map[string]string // by normalised tag
	names  sync.Map                     // tag -> LanguageName: every page's header asks
	digest string                       // Digest, made once
}

// NewSet makes the words of a site whose own words, by language tag as
// its files name them ("en", "zh-CN"), are own (nil: none).
func NewSet(own map[string]map[string]string) *Set {
	s := &Set{own: map[string]map[string]string{}}
	// Two spellings of one tag (zh-CN.yaml, zh-cn.yaml) are one table,
	// merged in the order of their names.
	for _, tag := range slices.Sorted(maps.Keys(own)) {
		n := normalize(tag)
		if s.own[n] == nil {
			s.own[n] = map[string]string{}
		}
		maps.Copy(s.own[n], own[tag])
	}
	s.digest = s.computeDigest()
	return s
}

// builtinSet has the built-in words alone.
var builtinSet = NewSet(nil)

// Word returns one built-in word in a language, or the key itself when
// no table has it.
func Word(language, key string) string { return builtinSet.Word(language, key) }

// Word returns one word in a language, or the key itself when no table
// has it.
func (s *Set) Word(language, key string) string {
	w, err := s.Words(language)(key)
	if err != nil {
		return key
	}
	return w
}

// Words returns the lookup for one language: the theme's T.
func (s *Set) Words(language string) func(key string, args ...any) (string, error) {
	tables := s.tables(language)
	return func(key string, args ...any) (string, error) {
		for _, t := range tables {
			if w, ok := t[key]; ok {
				if len(args) > 0 {
					return fmt.Sprintf(w, args...), nil
				}
				return w, nil
			}
		}
		return "", fmt.Errorf("T %q: no such interface word", key)
	}
}

// LanguageName is a language's own name (中文, English, 日本語): its
// languageName in its own tables, else its tag.
func (s *Set) LanguageName(language string) string {
	if s == nil {
		s = builtinSet
	}
	if name, ok := s.names.Load(language); ok {
		return name.(string)
	}
	name := s.languageName(language)
	s.names.Store(language, name)
	return name
}

func (s *Set) languageName(language string) string {
	tables := s.tables(language)
	for _, t := range tables[:len(tables)-2] {
		if w, ok := t["languageName"]; ok {
			return w
		}
	}
	if base(normalize(language)) == "en" {
		return builtin["en"]["languageName"]
	}
	return language
}

// Missing lists the words English has that a language's tables (the
// site's own and the built-in ones) lack, sorted: they are shown in
// English.
func (s *Set) Missing(language string) []string {
	tables := s.tables(language)
	tables = tables[:len(tables)-2] // not English's own, nor the built-in English
	if base(normalize(language)) == "en" {
		return nil
	}
	var missing []string
	for key := range s.english() {
		found := false
		for _, t := range tables {
			if _, ok := t[key]; ok {
				found = true
				break
			}
		}
		if !found {
			missing = append(missing, key)
		}
	}
	slices.Sort(missing)
	return missing
}

// Digest stands for the site's own words: two sets with the same digest
// give the same words (the built-in ones are the binary's).
func (s *Set) Digest() string {
	if s == nil {
		return ""
	}
	return s.digest
}

func (s *Set) computeDigest() string {
	h := sha256.New()
	for _, tag := range slices.Sorted(maps.Keys(s.own)) {
		words := s.own[tag]
		fmt.Fprintf(h, "%s\x00%d\x00", tag, len(words))
		for _, key := range slices.Sorted(maps.Keys(words)) {
			fmt.Fprintf(h, "%s\x00%s\x00", key, words[key])
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Own reports whether the site has words of its own for a language
// (layouts/i18n/<language>.yaml).
func (s *Set) Own(language string) bool {
	return s != nil && s.own[normalize(language)] != nil
}

// english is every key of English, the site's own included.
func (s *Set) english() map[string]string {
	if s == nil {
		s = builtinSet
	}
	all := maps.Clone(builtin["en"])
	maps.Copy(all, s.own["en"])
	return all
}

// tables lists, for a language, the tables to look a word up in, first
// to last: the site's own and the built-in ones of the exact tag, its
// script's, its base language's, then English's (the site's, then the
// built-in). A nil Set has the built-in words alone.
func (s *Set) tables(language string) []map[string]string {
	if s == nil {
		s = builtinSet
	}
	var out []map[string]string
	for _, tag := range candidates(normalize(language)) {
		if t := s.own[tag]; t != nil {
			out = append(out, t)
		}
		if t := builtin[tag]; t != nil {
			out = append(out, t)
		}
	}
	return append(out, s.own["en"], builtin["en"])
}

// candidates are the table names a tag may use, most specific first:
// "zh-hant-tw" gives zh-hant-tw, zh-tw, zh.
func candidates(tag string) []string {
	out := []string{tag}
	b := base(tag)
	if b == "zh" && tag != traditionalChinese && traditional(tag) {
		out = append(out, traditionalChinese)
	}
	if b != tag {
		out = append(out, b)
	}
	return out
}

// traditional reports whether a Chinese tag is written in traditional
// characters: its script says so, or its region uses them.
func traditional(tag string) bool {
	for _, part := range strings.Split(tag, "-")[1:] {
		switch part {
		case "hant", "tw", "hk", "mo":
			return true
		case "hans":
			return false
		}
	}
	return false
}

// normalize is a tag as the tables are named: BCP 47 ("zh-CN") or a
// locale's spelling ("zh_CN"), in lower case.
func normalize(tag string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(tag)), "_", "-")
}

func base(tag string) string {
	b, _, _ := strings.Cut(tag, "-")
	return b
}
