package build

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"testing"
	"testing/fstest"

	"github.com/bulletin-ssg/bulletin"
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
	if n := res.theme.FastExecutions(); n == 0 {
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
		if n := res.theme.FastExecutions(); n != 0 {
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
