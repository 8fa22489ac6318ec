package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// writeLibrary writes the generated library site into dir (its content/
// folder): every topic as an article in Chinese and in English, each with
// two of the common paragraphs and a pointer to another topic, and a
// monthly bulletin per language that lists three topics' titles, the
// pages a query's words are in without being about them. The same
// topics give the same bytes.
func writeLibrary(dir string) error {
	files := map[string]string{
		"content/_index.md": `---
title: 滨江图书馆新闻
baseURL: https://library.example.com/
language: zh-CN
timezone: Asia/Shanghai
paginate: 10
description: 滨江图书馆的新闻、活动与通知。
search: true
languages:
  en:
    title: Binjiang Library News
    description: News, events and notices from Binjiang Library.
---

滨江图书馆的新闻、活动与通知。
`,
		"content/_index.en.md": "---\ntitle: Binjiang Library News\n---\n\nNews, events and notices from Binjiang Library.\n",
	}
	sections := map[string][2]string{"news": {"新闻", "News"}, "events": {"活动", "Events"}, "notices": {"通知", "Notices"}, "bulletin": {"馆讯", "Bulletin"}}
	for s, t := range sections {
		files["content/"+s+"/_index.md"] = fmt.Sprintf("---\ntitle: %s\n---\n", t[0])
		files["content/"+s+"/_index.en.md"] = fmt.Sprintf("---\ntitle: %s\n---\n", t[1])
	}
	start := time.Date(2024, 1, 8, 10, 0, 0, 0, time.UTC)
	for i, t := range topics {
		date := start.AddDate(0, 0, 9*i)
		other := topics[(i+7)%len(topics)]
		zh := page(t.titleZH, date, t.tagsZH, sections[t.section][0], t.zh, []string{fillZH[i%len(fillZH)], fillZH[(i*3+1)%len(fillZH)]},
			"## 相关阅读\n\n另见："+link(other, ""))
		en := page(t.titleEN, date, t.tagsEN, sections[t.section][1], t.en, []string{fillEN[i%len(fillEN)], fillEN[(i*3+1)%len(fillEN)]},
			"## Related\n\nSee also: "+link(other, "en"))
		files["content/"+t.section+"/"+t.slug+".md"] = zh
		files["content/"+t.section+"/"+t.slug+".en.md"] = en
	}
	for k := 0; k*3 < len(topics); k++ {
		date := start.AddDate(0, 0, 9*(3*k+2)+2)
		var zh, en strings.Builder
		zh.WriteString("本期要闻：\n\n")
		en.WriteString("In this issue:\n\n")
		for _, t := range topics[3*k : min(len(topics), 3*k+3)] {
			fmt.Fprintf(&zh, "- %s\n", link(t, ""))
			fmt.Fprintf(&en, "- %s\n", link(t, "en"))
		}
		name := fmt.Sprintf("content/bulletin/issue-%02d", k+1)
		files[name+".md"] = page(fmt.Sprintf("滨江图书馆馆讯第 %d 期", k+1), date, []string{"馆讯"}, "馆讯", nil, []string{zh.String(), fillZH[k%len(fillZH)]}, "")
		files[name+".en.md"] = page(fmt.Sprintf("Binjiang Library Bulletin, Issue %d", k+1), date, []string{"bulletin"}, "Bulletin", nil, []string{en.String(), fillEN[k%len(fillEN)]}, "")
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// link is a Markdown link to topic t's article in language lang ("" for
// the site's first).
func link(t topic, lang string) string {
	if lang == "" {
		return fmt.Sprintf("[%s](/%s/%s/)", t.titleZH, t.section, t.slug)
	}
	return fmt.Sprintf("[%s](/%s/%s/%s/)", t.titleEN, lang, t.section, t.slug)
}

func page(title string, date time.Time, tags []string, category string, body, fill []string, tail string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %q\ndate: %s\ntags: [%s]\ncategories: [%s]\n---\n\n", title, date.Format("2006-01-02 15:04"), strings.Join(tags, ", "), category)
	for _, p := range body {
		b.WriteString(p + "\n\n")
	}
	for _, p := range fill {
		b.WriteString(p + "\n\n")
	}
	if tail != "" {
		b.WriteString(tail + "\n")
	}
	return b.String()
}
