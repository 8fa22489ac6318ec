package scaffold

import (
	"strings"
	"testing"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/frontmatter"
)

func TestSlug(t *testing.T) {
	tests := []struct{ title, want string }{
		{"端午节活动安排", "duan-wu-jie-huo-dong-an-pai"},
		{"2024 年 Open Day 开放日", "2024-nian-open-day-kai-fang-ri"},
		{"2024年Open Day开放日", "2024-nian-open-day-kai-fang-ri"},
		{"公司新闻：2024年度总结！", "gong-si-xin-wen-2024-nian-du-zong-jie"},
		{"《绿色办公》倡议、通知。", "lv-se-ban-gong-chang-yi-tong-zhi"},
		{"“中日”交流 —— 第3期", "zhong-ri-jiao-liu-di-3-qi"},
		{"Ｑ３业绩（初稿）", "q3-ye-ji-chu-gao"},
		{"A股 IPO", "a-gu-ipo"},
		{"  端午节  ", "duan-wu-jie"},
		{"We Are Hiring: Programme Coordinator", "we-are-hiring-programme-coordinator"},
		{"Node.js 入门", "node.js-ru-men"},
	}
	for _, tt := range tests {
		got, err := Slug(tt.title)
		if err != nil || got != tt.want {
			t.Errorf("Slug(%q) = %q, %v; want %q", tt.title, got, err, tt.want)
		}
	}
	for _, title := range []string{"", "   ", "！？。", "——", "..."} {
		if got, err := Slug(title); err == nil {
			t.Errorf("Slug(%q) = %q, want an error", title, got)
		}
	}
}

func TestCleanSlug(t *testing.T) {
	good := map[string]string{"open-day": "open-day", "Open Day": "open-day", "端午节": "端午节", "q3_2024": "q3_2024"}
	for in, want := range good {
		if got, err := CleanSlug(in); err != nil || got != want {
			t.Errorf("CleanSlug(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", " ", "a/b", `a\b`, "..", ".", "!!!"} {
		if got, err := CleanSlug(in); err == nil {
			t.Errorf("CleanSlug(%q) = %q, want an error", in, got)
		}
	}
}

func TestCheckSection(t *testing.T) {
	for _, s := range []string{"news", "events", "公告", "press-releases"} {
		if err := CheckSection(s); err != nil {
			t.Errorf("CheckSection(%q) = %v", s, err)
		}
	}
	for _, s := range []string{"", ".", "..", "../x", "a/b", `a\b`, ".hidden", " news"} {
		if err := CheckSection(s); err == nil {
			t.Errorf("CheckSection(%q) = nil, want an error", s)
		}
	}
}

func TestParseLang(t *testing.T) {
	for in, want := range map[string]Lang{"zh": Chinese, "en": English, "EN": English} {
		if got, err := ParseLang(in); err != nil || got != want {
			t.Errorf("ParseLang(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "fr", "zh-CN"} {
		if _, err := ParseLang(in); err == nil {
			t.Errorf("ParseLang(%q): want an error", in)
		}
	}
	for tag, want := range map[string]Lang{"zh-CN": Chinese, "zh": Chinese, "zh-Hant-TW": Chinese, "en": English, "ja": English, "": English, "zhx": English} {
		if got := LangOf(tag); got != want {
			t.Errorf("LangOf(%q) = %q, want %q", tag, got, want)
		}
	}
}

func TestArticle(t *testing.T) {
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	// 16:20:59 UTC on 30 July is 00:20 on 31 July in Shanghai: the date of
	// the file name and of the front matter is the site's, to the minute.
	now := time.Date(2020, 7, 30, 16, 20, 59, 0, time.UTC)
	tests := []struct {
		a          Article
		path, text string
	}{
		{
			Article{Section: "news", Slug: "duan-wu-jie", Title: "端午节\n活动", Date: now.In(shanghai), Lang: Chinese},
			"content/news/2020-07-31-duan-wu-jie.md",
			"---\ntitle: 端午节 活动\ndate: 2020-07-31 00:20\ndraft: true\ntags: []\n---\n\n" + chinese.articleBody,
		},
		{
			Article{Section: "events", Slug: "open-day", Title: "Open Day: 2024", Date: now, Lang: English},
			"content/events/2020-07-30-open-day.md",
			"---\ntitle: 'Open Day: 2024'\ndate: 2020-07-30 16:20\ndraft: true\ntags: []\n---\n\n" + english.articleBody,
		},
	}
	for _, tt := range tests {
		if got := tt.a.Path(); got != tt.path {
			t.Errorf("Path() = %q, want %q", got, tt.path)
		}
		if got := string(tt.a.Text()); got != tt.text {
			t.Errorf("Text() =\n%s\nwant\n%s", got, tt.text)
		}
	}
	if !strings.Contains(chinese.articleBody, "正文") || !strings.Contains(english.articleBody, "Write the article here") {
		t.Error("placeholder bodies are not in their language")
	}
}

// TestArticleTitle: whatever the title, the front matter reads back as
// that title on one line.
func TestArticleTitle(t *testing.T) {
	titles := []string{
		"端午节活动安排", "a: b", "#1 news", "- list", "yes", "2024", "null", "~", "@team", "[draft]",
		`He said "hi"`, "it's", "100%", "!important", "*star*", "{a}", "a #b", "tab\there", "line\u2028sep",
		"bell\a", "  padded  ", "'quoted'", "`code`", "? question", "| pipe", "> gt", "&anchor", "2020-07-30",
	}
	for _, title := range titles {
		a := Article{Section: "news", Slug: "x", Title: title, Date: time.Date(2024, 6, 1, 9, 30, 0, 0, time.UTC)}
		m, err := frontmatter.Parse(a.Text())
		if err != nil {
			t.Errorf("%q: %v\n%s", title, err, a.Text())
			continue
		}
		if got, want := m.Fields["title"], CleanTitle(title); got != want {
			t.Errorf("%q: title reads back as %#v, want %q\n%s", title, got, want, a.Text())
		}
		if got := m.Fields["draft"]; got != true {
			t.Errorf("%q: draft = %#v", title, got)
		}
		if got, ok := m.Fields["tags"].([]any); !ok || len(got) != 0 {
			t.Errorf("%q: tags = %#v, want an empty list", title, m.Fields["tags"])
		}
	}
}
