package cli

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/diag/diagtest"
)

// TestNewFlags checks flag parsing of new site and new article apart from
// writing anything.
func TestNewFlags(t *testing.T) {
	var site *NewSiteOptions
	cmd := NewCmdNewSite(IO{}, func(_ context.Context, o *NewSiteOptions) error { site = o; return nil })
	cmd.SetArgs([]string{"--lang", "en", "--with-layouts", "mysite"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if site.Dir != "mysite" || site.Lang != "en" || !site.WithLayouts {
		t.Errorf("new site: %+v", site)
	}

	tests := []struct {
		args                               []string
		source, section, lang, slug, title string
	}{
		{[]string{"端午节活动安排"}, ".", "news", "", "", "端午节活动安排"},
		{[]string{"-s", "site", "--section", "events", "--lang", "en", "--slug", "open-day", "Open Day"}, "site", "events", "en", "open-day", "Open Day"},
	}
	for _, tt := range tests {
		var got *NewArticleOptions
		cmd := NewCmdNewArticle(IO{}, func(_ context.Context, o *NewArticleOptions) error { got = o; return nil })
		cmd.SetArgs(tt.args)
		if err := cmd.Execute(); err != nil {
			t.Fatalf("%v: %v", tt.args, err)
		}
		if got.Source != tt.source || got.Section != tt.section || got.Lang != tt.lang || got.Slug != tt.slug || got.Title != tt.title {
			t.Errorf("%v: %+v", tt.args, got)
		}
	}
}

// TestNewArticleRun writes articles with a fixed clock: the file name and
// date are the site's, to the minute; a second call changes nothing.
func TestNewArticleRun(t *testing.T) {
	dir := t.TempDir()
	writeTestFile(t, dir, "content/_index.md", "---\ntitle: 新闻\nlanguage: zh-CN\ntimezone: Asia/Shanghai\n---\n")
	clock := func() time.Time { return time.Date(2024, 6, 9, 23, 30, 45, 0, time.UTC) } // 07:30 on 10 June in Shanghai

	var out bytes.Buffer
	opts := &NewArticleOptions{IO: IO{Out: &out}, Source: dir, Section: "news", Title: "端午节活动安排", now: clock}
	if err := newArticleRun(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "content", "news", "2024-06-10-duan-wu-jie-huo-dong-an-pai.md")
	if out.String() != path+"\n" {
		t.Errorf("printed %q, want %q", out.String(), path)
	}
	first, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	wantStart := "---\ntitle: 端午节活动安排\ndate: 2024-06-10 07:30\ndraft: true\ntags: []\n---\n\n在这里撰写正文"
	if !strings.HasPrefix(string(first), wantStart) {
		t.Errorf("article:\n%s\nwant it to start with\n%s", first, wantStart)
	}

	opts.now = func() time.Time { return clock().Add(10 * time.Minute) }
	opts.Lang = "en"
	err = newArticleRun(context.Background(), opts)
	if err == nil || !strings.Contains(err.Error(), "content/news/2024-06-10-duan-wu-jie-huo-dong-an-pai.md: already exists") {
		t.Errorf("second call: err = %v", err)
	}
	if usage := (*usageError)(nil); errors.As(err, &usage) {
		t.Errorf("second call: a usage error (exit 2), want a site error (exit 1): %v", err)
	}
	if again, _ := os.ReadFile(path); !bytes.Equal(again, first) {
		t.Errorf("the existing article changed:\n%s", again)
	}

	// Without content/_index.md the zone is UTC and the text English.
	bare := t.TempDir()
	writeTestFile(t, bare, "content/.keep", "")
	out.Reset()
	opts = &NewArticleOptions{IO: IO{Out: &out}, Source: bare, Section: "events", Slug: "Open Day", Title: "2024 年 Open Day 开放日", now: clock}
	if err := newArticleRun(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(filepath.Join(bare, "content", "events", "2024-06-09-open-day.md"))
	if !strings.Contains(string(got), "date: 2024-06-09 23:30\n") || !strings.Contains(string(got), "Write the article here") {
		t.Errorf("UTC article:\n%s", got)
	}
}

func TestNewExitCodes(t *testing.T) {
	site := t.TempDir()
	writeTestFile(t, site, "content/_index.md", "---\ntitle: x\n---\n")
	writeTestFile(t, site, "content/news/2024-06-01-a.md", "---\ntitle: a\ndate: 2024-06-01\n---\n")
	broken := t.TempDir()
	writeTestFile(t, broken, "content/_index.md", "---\ntimezone: Mars/Olympus\n---\n")
	full := t.TempDir()
	writeTestFile(t, full, "README.md", "mine")
	fresh := filepath.Join(t.TempDir(), "fresh")

	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"new"}, ExitUsage, "new what?"},
		{[]string{"new", "page", "x"}, ExitUsage, `unknown kind "page"`},
		{[]string{"new", "site"}, ExitUsage, "missing DIR"},
		{[]string{"new", "site", "a", "b"}, ExitUsage, "want one DIR"},
		{[]string{"new", "site", "--lang", "fr", fresh}, ExitUsage, `language "fr": want zh or en`},
		{[]string{"new", "site", full}, ExitUsage, "is not empty (it holds README.md)"},
		{[]string{"new", "site", fresh}, ExitOK, "Created a new site in " + fresh},
		{[]string{"new", "article", "-s", site}, ExitUsage, "missing TITLE"},
		{[]string{"new", "article", "-s", site, "  "}, ExitUsage, "the title is empty"},
		{[]string{"new", "article", "-s", site, "！！"}, ExitUsage, "empty slug: give one with --slug"},
		{[]string{"new", "article", "-s", site, "--slug", "", "x"}, ExitUsage, "--slug: empty"},
		{[]string{"new", "article", "-s", site, "--slug", "a/b", "x"}, ExitUsage, `slug "a/b"`},
		{[]string{"new", "article", "-s", site, "--section", "../up", "x"}, ExitUsage, `section "../up"`},
		{[]string{"new", "article", "-s", site, "--lang", "english", "x"}, ExitUsage, `--lang "english": want a language tag`},
		{[]string{"new", "article", "-s", full, "x"}, ExitUsage, "not a bulletin site"},
		{[]string{"new", "article", "-s", filepath.Join(full, "none"), "x"}, ExitUsage, "not a folder"},
		{[]string{"new", "article", "-s", broken, "x"}, ExitError, "content/_index.md:2:"},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		got := Main(context.Background(), tt.args, IO{Out: &out, Err: &errOut})
		if got != tt.code || !strings.Contains(diagtest.Slashed(out.String()+errOut.String()), tt.msg) {
			t.Errorf("bulletin %q = %d, want %d with %q; stdout %q, stderr %q", tt.args, got, tt.code, tt.msg, out.String(), errOut.String())
		}
	}
}

func writeTestFile(t *testing.T, dir, rel, text string) {
	t.Helper()
	name := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
