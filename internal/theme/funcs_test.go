package theme_test

import (
	"errors"
	"fmt"
	"html"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/i18n"
	"github.com/bulletin-ssg/bulletin/internal/markdown"
	"github.com/bulletin-ssg/bulletin/internal/theme"
)

var shanghai = time.FixedZone("CST", 8*60*60)

// issued is 2020-07-30 16:20 in Shanghai, held in UTC.
var issued = time.Date(2020, 7, 30, 8, 20, 0, 0, time.UTC)

// testEnv is a site under a base path, in Chinese, in Shanghai time.
func testEnv() theme.Env {
	assets := map[string]bool{"css/style.css": true, "img/logo.png": true}
	return theme.Env{
		BaseURL:  "https://news.example.com/blog/",
		BasePath: "/blog/",
		Language: "zh-CN",
		Zone:     shanghai,
		Asset: func(name string) (string, error) {
			if !assets[name] {
				return "", errors.New("assets/" + name + ": asset not found")
			}
			return "/blog/" + name, nil
		},
		Markdown: markdown.New(markdown.Options{}).Inline,
	}
}

// run executes src as the main of a page with the given Env and data.
func run(t *testing.T, env theme.Env, src string, data any) (string, error) {
	t.Helper()
	builtin := files(map[string]string{
		"base.html": `{{block "main" .}}{{end}}`,
		"page.html": `{{define "main"}}` + src + `{{end}}`,
	})
	th, err := theme.Load(nil, builtin, env)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	err = th.Execute(&b, "page", "", "", data)
	return b.String(), err
}

func TestFuncs(t *testing.T) {
	noAssets := testEnv()
	noAssets.Asset = nil
	utc := testEnv()
	utc.Zone = nil
	tests := []struct {
		name    string
		env     *theme.Env // nil: testEnv()
		src     string
		data    any
		want    string // compared with the output, HTML-unescaped unless raw
		raw     bool
		wantErr string
	}{
		// dates, in the Env's zone
		{name: "date in the site zone", src: `{{date "2006-01-02 15:04" .}}`, data: issued, want: "2020-07-30 16:20"},
		{name: "date with the zh layout word", src: `{{date (T "dateLayout") .}}`, data: issued, want: "2020-07-30 16:20"},
		{name: "date month layout", src: `{{date (T "monthLayout") .}}`, data: issued, want: "2020年7月"},
		{name: "date of zero time", src: `{{date "2006-01-02" .}}`, data: time.Time{}, want: ""},
		{name: "date without a zone is UTC", env: &utc, src: `{{date "15:04" .}}`, data: issued, want: "08:20"},
		{name: "isoDate", src: `{{isoDate .}}`, data: issued, want: "2020-07-30T16:20:00+08:00"},
		{name: "isoDate of zero time", src: `{{isoDate .}}`, data: time.Time{}, want: ""},
		{name: "year in the site zone", src: `{{year .}}`, data: time.Date(2020, 12, 31, 20, 0, 0, 0, time.UTC), want: "2021"},

		// URLs under the base path /blog/
		{name: "relURL site path", src: `{{relURL "/news/"}}`, want: "/blog/news/"},
		{name: "relURL without slash", src: `{{relURL "news/a/"}}`, want: "/blog/news/a/"},
		{name: "relURL root", src: `{{relURL "/"}}`, want: "/blog/"},
		{name: "relURL empty", src: `{{relURL ""}}`, want: "/blog/"},
		{name: "relURL absolute untouched", src: `{{relURL "https://cdn.example.com/x.js"}}`, want: "https://cdn.example.com/x.js"},
		{name: "relURL protocol-relative untouched", src: `{{relURL "//cdn.example.com/x.js"}}`, want: "//cdn.example.com/x.js"},
		{name: "relURL mailto untouched", src: `{{relURL "mailto:news@example.com"}}`, want: "mailto:news@example.com"},
		{name: "absURL site path", src: `{{absURL "/news/"}}`, want: "https://news.example.com/blog/news/"},
		{name: "absURL without slash", src: `{{absURL "index.xml"}}`, want: "https://news.example.com/blog/index.xml"},
		{name: "absURL path already under the base path", src: `{{absURL "/blog/news/"}}`, want: "https://news.example.com/blog/news/"},
		{name: "absURL of a relURL", src: `{{absURL (relURL "/img/a.png")}}`, want: "https://news.example.com/blog/img/a.png"},
		{name: "absURL empty", src: `{{absURL ""}}`, want: "https://news.example.com/blog/"},
		{name: "absURL absolute untouched", src: `{{absURL "https://other.example.org/a"}}`, want: "https://other.example.org/a"},
		{name: "absURL protocol-relative untouched", src: `{{absURL "//cdn.example.com/x.js"}}`, want: "//cdn.example.com/x.js"},

		// asset
		{name: "asset", src: `{{asset "css/style.css"}}`, want: "/blog/css/style.css"},
		{name: "asset with leading slash", src: `{{asset "/img/logo.png"}}`, want: "/blog/img/logo.png"},
		{name: "asset missing", src: `{{asset "css/nope.css"}}`, wantErr: "assets/css/nope.css: asset not found"},
		{name: "asset without an Asset func", env: &noAssets, src: `{{asset "css/x.css"}}`, want: "/blog/css/x.css"},

		// text
		{name: "truncate counts runes", src: `{{truncate 4 .}}`, data: "公司新闻发布会", want: "公司新闻…"},
		{name: "truncate exact length", src: `{{truncate 7 .}}`, data: "公司新闻发布会", want: "公司新闻发布会"},
		{name: "truncate short text", src: `{{truncate 10 .}}`, data: "short", want: "short"},
		{name: "truncate trims the space before the ellipsis", src: `{{truncate 3 .}}`, data: "ab cd", want: "ab…"},
		{name: "truncate mixed scripts", src: `{{truncate 6 .}}`, data: "Hello世界 and more", want: "Hello世…"},
		{name: "truncate zero", src: `{{truncate 0 .}}`, data: "abc", want: "…"},
		{name: "truncate below zero", src: `{{truncate -1 .}}`, data: "", want: "…"},
		{name: "markdownify inline", src: `{{markdownify .}}`, data: "**公司** and `code`", raw: true, want: "<strong>公司</strong> and <code>code</code>"},
		{name: "markdownify escapes raw HTML", src: `{{markdownify .}}`, data: "a <script>x</script>", raw: true, want: "a <!-- raw HTML omitted -->x<!-- raw HTML omitted -->"},
		{name: "plainify strips tags", src: `{{plainify .}}`, data: "<p>One</p>\n<p>Two <a href=\"/x\">three</a></p>", want: "One Two three"},
		{name: "plainify decodes entities", src: `{{plainify .}}`, data: "<p>A &amp; B &lt;tag&gt; &quot;q&quot; &#8212;</p>", want: `A & B <tag> "q" —`},
		{name: "plainify re-escaped by html/template", src: `{{plainify .}}`, data: "<p>A &amp; B</p>", raw: true, want: "A &amp; B"},
		{name: "urlize keeps Chinese", src: `{{urlize .}}`, data: "公司 新闻 2024", want: "公司-新闻-2024"},
		{name: "urlize lowercases and drops marks", src: `{{urlize .}}`, data: "  Hello, World! ", want: "hello-world"},
		{name: "urlize separators", src: `{{urlize .}}`, data: "a_b/c--d", want: "a-b-c-d"},

		// collections
		{name: "dict", src: `{{$d := dict "a" 1 "b" "x"}}{{$d.a}}-{{$d.b}}`, want: "1-x"},
		{name: "dict empty", src: `{{len (dict)}}`, want: "0"},
		{name: "dict odd args", src: `{{dict "a" 1 "b"}}`, wantErr: "dict: want key/value pairs"},
		{name: "dict key not text", src: `{{dict 1 2}}`, wantErr: "dict: key 1 is not text"},
		{name: "default for empty text", src: `{{default "none" ""}}`, want: "none"},
		{name: "default keeps text", src: `{{default "none" "x"}}`, want: "x"},
		{name: "default for zero", src: `{{default 7 0}}`, want: "7"},
		{name: "default keeps a number", src: `{{default 7 3}}`, want: "3"},
		{name: "default for empty list", src: `{{default "none" .}}`, data: []string{}, want: "none"},
		{name: "default for a missing key", src: `{{default "none" .missing}}`, data: map[string]any{}, want: "none"},
		{name: "default for false", src: `{{default "yes" false}}`, want: "yes"},
		{name: "join", src: `{{join ", " .}}`, data: []string{"新闻", "活动"}, want: "新闻, 活动"},
		{name: "join any list", src: `{{join "/" .}}`, data: []any{1, "b"}, want: "1/b"},
		{name: "join one value", src: `{{join ", " "solo"}}`, want: "solo"},
		{name: "slice and index", src: `{{index (slice "a" "b") 1}}`, want: "b"},
		{name: "add and sub", src: `{{add 2 3}} {{sub 2 3}}`, want: "5 -1"},
		{name: "strings", src: `{{lower "AbC"}} {{upper "aBc"}} {{contains "abc" "b"}} {{hasPrefix "/news/a" "/news/"}}`, want: "abc ABC true true"},
		{name: "safeHTML", src: `{{safeHTML "<b>x</b>"}}`, raw: true, want: "<b>x</b>"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env := testEnv()
			if tc.env != nil {
				env = *tc.env
			}
			got, err := run(t, env, tc.src, tc.data)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Errorf("error %v, want one containing %q (output %q)", err, tc.wantErr, got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tc.raw {
				got = html.UnescapeString(got)
			}
			if got != tc.want {
				t.Errorf("%s\n got %q\nwant %q", tc.src, got, tc.want)
			}
		})
	}
}

// Known defects of the template functions, kept as skipped cases so the
// suite stays green until they are fixed.
func TestFuncsBugs(t *testing.T) {
	tests := []struct {
		name, src string
		data      any
		want, bug string
	}{
		{
			name: "relURL of a path already under the base path",
			src:  `{{relURL "/blog/news/"}}`,
			want: "/blog/news/",
			bug:  `relURL "/blog/news/" with BasePath "/blog/" gives "/blog/blog/news/" (absURL of the same path does not double it), so {{relURL .Page.RelPermalink}} or {{relURL .Page.Cover}} breaks on a site under a sub-path`,
		},
		{
			name: "plainify inline tags do not split words",
			src:  `{{plainify .}}`,
			data: "<p>公司<strong>新闻</strong>发布</p>",
			want: "公司新闻发布",
			bug:  `plainify turns every closing ">" into a space, so "<p>公司<strong>新闻</strong>发布</p>" gives "公司 新闻 发布" and "wor<em>ld</em>" gives "wor ld"; base.html's meta description (truncate 150 (plainify .Page.Summary)) gets stray spaces in Chinese text`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := run(t, testEnv(), tc.src, tc.data)
			if err != nil {
				t.Fatal(err)
			}
			if got = html.UnescapeString(got); got == tc.want {
				return
			}
			t.Errorf("%s (got %q, want %q)", tc.bug, got, tc.want)
		})
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		language, src, want, wantErr string
	}{
		{language: "zh-CN", src: `{{T "timeOfIssue"}}`, want: "发布时间"},
		{language: "zh-CN", src: `{{T "views"}}|{{T "author"}}|{{T "source"}}`, want: "浏览量|作者|来源"},
		{language: "en", src: `{{T "timeOfIssue"}}`, want: "Time of issue"},
		{language: "en", src: `{{T "prev"}}/{{T "next"}}`, want: "Previous/Next"},
		{language: "zh", src: `{{T "timeOfIssue"}}`, want: "发布时间"},
		{language: "zh-TW", src: `{{T "timeOfIssue"}}`, want: "發布時間"},
		{language: "ZH-cn", src: `{{T "home"}}`, want: "首页"},
		{language: "en-GB", src: `{{T "home"}}`, want: "Home"},
		{language: "fr", src: `{{T "timeOfIssue"}}`, want: "Time of issue"},
		{language: "", src: `{{T "timeOfIssue"}}`, want: "Time of issue"},
		{language: "zh-CN", src: `{{T "pageOf" 2 5}}`, want: "第 2 页，共 5 页"},
		{language: "en", src: `{{T "pageOf" 2 5}}`, want: "Page 2 of 5"},
		{language: "zh-CN", src: `{{T "articleCount" 3}}`, want: "共 3 篇"},
		{language: "en", src: `{{T "readingTime" 4}}`, want: "4 min read"},
		{language: "zh-CN", src: `{{T "nope"}}`, wantErr: `T "nope": no such interface word`},
		{language: "fr", src: `{{T "nope"}}`, wantErr: `T "nope"`},
	}
	for _, tc := range tests {
		t.Run(tc.language+" "+tc.src, func(t *testing.T) {
			env := testEnv()
			env.Language = tc.language
			got, err := run(t, env, tc.src, nil)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Errorf("error %v, want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got = html.UnescapeString(got); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// Every word the built-in theme asks for exists in English and Chinese.
func TestWordsOfBuiltinTheme(t *testing.T) {
	re := regexp.MustCompile(`\bT "([^"]+)"`)
	keys := map[string]bool{}
	err := fs.WalkDir(builtinFS(t), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := fs.ReadFile(builtinFS(t), p)
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			keys[m[1]] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) < 10 {
		t.Fatalf("found only %d T calls in the built-in theme", len(keys))
	}
	for _, lang := range []string{"en", "zh-CN"} {
		words := i18n.NewSet(nil).Words(lang)
		english := i18n.NewSet(nil).Words("en")
		for key := range keys {
			w, err := words(key)
			if err != nil {
				t.Errorf("%s: %v", lang, err)
				continue
			}
			if lang != "en" {
				if e, _ := english(key); w == e && !strings.Contains(key, "Layout") {
					t.Errorf("%s: %q is not translated (%q)", lang, key, w)
				}
			}
		}
	}
}

// TestPartialCached renders a partial once per distinct keys, and every
// time when the cache is off (rebuilds that record reads).
func TestPartialCached(t *testing.T) {
	for _, off := range []bool{false, true} {
		site := fstest.MapFS{
			"partials/count.html": {Data: []byte(`{{.N}}`)},
			"home.html":           {Data: []byte(`{{define "main"}}{{partialCached "count.html" (dict "N" 1) "k"}}{{partialCached "count.html" (dict "N" 2) "k"}}{{partialCached "count.html" (dict "N" 3) "other"}}{{end}}`)},
			"base.html":           {Data: []byte(`{{block "main" .}}{{end}}`)},
		}
		th, err := theme.Load(site, fstest.MapFS{}, theme.Env{NoPartialCache: off})
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		if err := th.Execute(&b, "home", "", "", nil); err != nil {
			t.Fatal(err)
		}
		want := "113"
		if off {
			want = "123"
		}
		if b.String() != want {
			t.Errorf("off=%v: got %q, want %q", off, b.String(), want)
		}
	}
}

// TestBuiltinPartialCached: the built-in theme's caching keys belong to
// its own partials; a site that replaces the partial gets it rendered for
// every call (its output may depend on what the keys leave out).
func TestBuiltinPartialCached(t *testing.T) {
	builtin := fstest.MapFS{
		"base.html":       {Data: []byte(`{{block "main" .}}{{end}}`)},
		"home.html":       {Data: []byte(`{{define "main"}}{{builtinPartialCached "n.html" (dict "N" 1) "k"}}{{builtinPartialCached "n.html" (dict "N" 2) "k"}}{{end}}`)},
		"partials/n.html": {Data: []byte(`{{.N}}`)},
	}
	for _, tt := range []struct {
		site fstest.MapFS
		want string
	}{
		{nil, "11"}, // built-in partial: cached by its keys
		{fstest.MapFS{"partials/n.html": {Data: []byte(`<{{.N}}>`)}}, "<1><2>"}, // replaced: rendered each time
	} {
		var site fs.FS
		if tt.site != nil {
			site = tt.site
		}
		th, err := theme.Load(site, builtin, theme.Env{})
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		if err := th.Execute(&b, "home", "", "", nil); err != nil {
			t.Fatal(err)
		}
		if got := html.UnescapeString(b.String()); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

// fakeLog is a theme.ReadLog that notes names.
type fakeLog struct{ reads []string }

func (l *fakeLog) note(name string) { l.reads = append(l.reads, name) }

func (l *fakeLog) Capture(subject string) func() any {
	start := len(l.reads)
	return func() any {
		out := slices.Clone(l.reads[start:])
		for i, r := range out {
			out[i] = strings.ReplaceAll(r, subject, "SUBJECT")
		}
		return out
	}
}

func (l *fakeLog) Replay(reads any, subject string) {
	for _, r := range reads.([]string) {
		l.reads = append(l.reads, strings.ReplaceAll(r, "SUBJECT", subject))
	}
}

// recorded is template data that notes its reads.
type recorded struct {
	log *fakeLog
	n   int
}

func (r recorded) ReadLog() theme.ReadLog { return r.log }
func (r recorded) ReadSubject() string    { return fmt.Sprint("page", r.n) }
func (r recorded) N() int                 { r.log.note(fmt.Sprint("N of page", r.n)); return r.n }

// TestPartialCachedReplaysReads: a page served a partial another page
// rendered gets the partial's reads noted as its own, or a build that
// remembers what each page read would miss what this one depends on.
func TestPartialCachedReplaysReads(t *testing.T) {
	site := fstest.MapFS{
		"partials/n.html": {Data: []byte(`{{.N}}`)},
		"home.html":       {Data: []byte(`{{define "main"}}{{partialCached "n.html" . "k"}}{{end}}`)},
		"base.html":       {Data: []byte(`{{block "main" .}}{{end}}`)},
	}
	th, err := theme.Load(site, fstest.MapFS{}, theme.Env{})
	if err != nil {
		t.Fatal(err)
	}
	first, second := &fakeLog{}, &fakeLog{}
	for _, data := range []recorded{{first, 1}, {second, 2}} {
		var b strings.Builder
		if err := th.Execute(&b, "home", "", "", data); err != nil {
			t.Fatal(err)
		}
		if b.String() != "1" {
			t.Errorf("got %q: the partial was not cached", b.String())
		}
	}
	// The second page was served the first's rendering: what it read of
	// its subject is noted as read of the second's.
	if !slices.Equal(first.reads, []string{"N of page1"}) || !slices.Equal(second.reads, []string{"N of page2"}) {
		t.Errorf("reads: first %v, second %v; want each page's own", first.reads, second.reads)
	}
}
