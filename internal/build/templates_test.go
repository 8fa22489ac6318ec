package build

import (
	"bytes"
	"context"
	"io/fs"
	"log/slog"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/bulletin-ssg/bulletin"
	"github.com/bulletin-ssg/bulletin/internal/lockedbuf"
)

// TestHTMLTemplateOnly builds the sample site three times: as it is, with
// Options.HTMLTemplateOnly, and with htmlTemplateOnly: true in its
// settings. The last two never run a template through tmplexec, and all
// three write the same bytes.
func TestHTMLTemplateOnly(t *testing.T) {
	repo := os.DirFS("../..")
	withSetting := fstest.MapFS{}
	for _, dir := range []string{"content", "layouts", "assets"} {
		err := fs.WalkDir(repo, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(repo, p)
			withSetting[p] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	home := withSetting["content/_index.md"]
	settings, ok := bytes.CutPrefix(home.Data, []byte("---\n"))
	if !ok {
		t.Fatal("content/_index.md does not begin with ---")
	}
	home.Data = append([]byte("---\nhtmlTemplateOnly: true\n"), settings...)

	build := func(src fs.FS, opts Options) (*memSink, *Result) {
		t.Helper()
		opts.Source, opts.Builtin, opts.Now = src, bulletin.Theme, fixedNow
		sink := newMemSink()
		res, err := Build(context.Background(), opts, sink)
		if err != nil {
			t.Fatal(err)
		}
		return sink, res
	}
	want, res := build(repo, Options{})
	if n := res.themes.def.FastExecutions(); n == 0 {
		t.Fatal("tmplexec ran no template of the sample site")
	}
	for name, tt := range map[string]struct {
		src  fs.FS
		opts Options
	}{
		"option":  {repo, Options{HTMLTemplateOnly: true}},
		"setting": {withSetting, Options{}},
	} {
		got, res := build(tt.src, tt.opts)
		if n := res.themes.def.FastExecutions(); n != 0 {
			t.Errorf("%s: tmplexec ran %d executions", name, n)
		}
		if len(got.files) != len(want.files) {
			t.Errorf("%s: %d files, want %d", name, len(got.files), len(want.files))
		}
		for file, data := range want.files {
			if !bytes.Equal(data, got.files[file]) {
				t.Errorf("%s: %s differs from the build with tmplexec", name, file)
			}
		}
	}
}

// TestTemplateReport: with debug logging, a build says how many template
// executions fell back to html/template, and where and why.
func TestTemplateReport(t *testing.T) {
	src := fstest.MapFS{
		"content/_index.md": {Data: []byte("---\ntitle: T\n---\n")},
		"content/news/a.md": {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\nText.\n")},
		"content/news/b.md": {Data: []byte("---\ntitle: B\ndate: 2020-01-02\n---\nText.\n")},
		"layouts/article.html": {Data: []byte("{{define \"main\"}}<h1>{{.Page.Title}}</h1>\n" +
			"<script>var title = {{.Page.Title}};</script>{{end}}")},
	}
	for _, tt := range []struct {
		opts  Options
		level slog.Level
		want  []string
	}{
		{Options{}, slog.LevelDebug, []string{
			`level=DEBUG msg="template executions left to html/template" fallbacks=2 of=`,
			`level=DEBUG msg="fell back to html/template" count=2 at=layouts/article.html:2 reason="unsupported: JavaScript context (_html_template_jsvalescaper)"`,
		}},
		{Options{HTMLTemplateOnly: true}, slog.LevelDebug, []string{`level=DEBUG msg="templates ran with html/template alone"`}},
		{Options{}, slog.LevelInfo, nil},
	} {
		var log lockedbuf.Buffer
		tt.opts.Logger = slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: tt.level}))
		if _, err := buildFS(t, src, tt.opts); err != nil {
			t.Fatal(err)
		}
		var lines []string
		for _, line := range strings.Split(log.String(), "\n") {
			if strings.Contains(line, "html/template") {
				lines = append(lines, line)
			}
		}
		if len(lines) != len(tt.want) {
			t.Errorf("%+v: logged\n%s\nwant %d lines on templates", tt.opts, strings.Join(lines, "\n"), len(tt.want))
			continue
		}
		for i, want := range tt.want {
			if !strings.Contains(lines[i], want) {
				t.Errorf("%+v: logged\n%s\nwant\n%s", tt.opts, lines[i], want)
			}
		}
	}
}
