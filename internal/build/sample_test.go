package build

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/bulletin-ssg/bulletin"
)

// TestSampleSite builds the repository's own sample site twice: it must
// build without errors and give byte-identical output both times, the
// second time with html/template running every template (the first runs
// them with tmplexec, and must never have needed html/template).
func TestSampleSite(t *testing.T) {
	repo := os.DirFS("../..")
	first := newMemSink()
	res, err := Build(context.Background(), Options{Source: repo, Builtin: bulletin.Theme, Now: fixedNow}, first)
	if err != nil {
		t.Fatalf("sample site: %v", err)
	}
	if n := res.themes.def.Fallbacks(); n != 0 {
		t.Errorf("%d template executions fell back to html/template", n)
	}
	second, err := buildFS(t, repo, Options{HTMLTemplateOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(first.files) != len(second.files) {
		t.Fatalf("builds wrote %d and %d files", len(first.files), len(second.files))
	}
	for name, data := range first.files {
		if !bytes.Equal(data, second.files[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
	home := string(first.files["index.html"])
	for _, want := range []string{`<html lang="zh-CN">`, "鄂ICP备", "https://beian.miit.gov.cn/", "置顶"} {
		if !strings.Contains(home, want) {
			t.Errorf("home page lacks %q", want)
		}
	}
	// The sample site is in English too: its English pages say so, and
	// link their Chinese versions.
	enHome := string(first.files["en/index.html"])
	for _, want := range []string{`<html lang="en">`, "Pinned", `hreflang="zh-CN" href="https://news.example.com/"`, ">中文</a>"} {
		if !strings.Contains(enHome, want) {
			t.Errorf("English home page lacks %q", want)
		}
	}
	if n := len(first.files); n < 40 {
		t.Errorf("sample site wrote only %d files", n)
	}
}
