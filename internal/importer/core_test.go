package importer

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestParseDate(t *testing.T) {
	shanghai, _ := time.LoadLocation("Asia/Shanghai")
	tests := []struct {
		in   any
		zone *time.Location
		want string // as written for a site in UTC
	}{
		{"2020-07-30 16:20:05", time.UTC, "2020-07-30 16:20:05"},
		{"2020-07-30", time.UTC, "2020-07-30"},
		{"2020-07-30 16:20:05", shanghai, "2020-07-30T16:20:05+08:00"},
		{"2020-07-30T16:20:05-04:00", shanghai, "2020-07-30T16:20:05-04:00"},
		{"2019-06-15 08:00:00 -0400", time.UTC, "2019-06-15T08:00:00-04:00"},
		{"2020/7/3 09:05", time.UTC, "2020-07-03 09:05:00"},
		{"2020-07-30T16:20:05Z", shanghai, "2020-07-30T16:20:05Z"},
		{time.Date(2021, 2, 10, 9, 30, 0, 0, time.FixedZone("", 3600)), time.UTC, "2021-02-10T09:30:00+01:00"},
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.in, tt.zone)
		if err != nil {
			t.Errorf("%v: %v", tt.in, err)
			continue
		}
		if got := d.Format(time.UTC); got != tt.want {
			t.Errorf("%v in %v: %q, want %q", tt.in, tt.zone, got, tt.want)
		}
	}
	for _, bad := range []any{"yesterday", "", nil, 12} {
		if _, err := ParseDate(bad, time.UTC); err == nil {
			t.Errorf("%v: no error", bad)
		}
	}
}

func TestRewriteLinks(t *testing.T) {
	up := func(d string, image bool) string {
		if image {
			return "IMG:" + d
		}
		return "L:" + d
	}
	tests := []struct{ in, want string }{
		{"[a](/x/) and ![b](p.png \"t\")", "[a](L:/x/) and ![b](IMG:p.png \"t\")"},
		{"[a](<x y.md>)", "[a](<L:x y.md>)"},
		{"`[a](/x/)` [b](/y/(1))", "`[a](/x/)` [b](L:/y/(1))"},
		{"```\n[a](/x/)\n```\n[b](/y/)", "```\n[a](/x/)\n```\n[b](L:/y/)"},
		{"[ref]: /x/ \"T\"", "[ref]: L:/x/ \"T\""},
		{"<https://e.com/a> <a href=\"/b/\">b</a> <img src='c.png'>", "<L:https://e.com/a> <a href=\"L:/b/\">b</a> <img src='IMG:c.png'>"},
		{"[[nested]](/n/)", "[[nested]](L:/n/)"},
		{"no links ] ( here", "no links ] ( here"},
	}
	for _, tt := range tests {
		if got := RewriteLinks(tt.in, up); got != tt.want {
			t.Errorf("%q:\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestReplaceTags(t *testing.T) {
	name := func(t Tag) (string, bool) {
		if t.Paired {
			return "<" + t.Name + ":" + t.Args + ":" + t.Inner + ">", true
		}
		return "<" + t.Name + ":" + t.Args + ">", true
	}
	tests := []struct {
		in  string
		syn Syntax
		out string
	}{
		{"a {% img /a.png %} b", LiquidSyntax, "a <img:/a.png> b"},
		{"{% note info %}x {% b %}{% endnote %}", LiquidSyntax, "<note:info:x {% b %}>"},
		{"{% q %}{% q %}i{% endq %}{% endq %}", LiquidSyntax, "<q::{% q %}i{% endq %}>"},
		{"```\n{% img x %}\n```\n{% img y %}", LiquidSyntax, "```\n{% img x %}\n```\n<img:y>"},
		{`{{< figure src="a b.png" >}}`, HugoSyntax, `<figure:src="a b.png">`},
		{"{{< details >}}x{{< /details >}}", HugoSyntax, "<details::x>"},
		{"{{</* youtube x */>}}", HugoSyntax, "<:>"},
		{"{% unclosed", LiquidSyntax, "{% unclosed"},
	}
	for _, tt := range tests {
		if got := ReplaceTags(tt.in, tt.syn, name); got != tt.out {
			t.Errorf("%q: got %q, want %q", tt.in, got, tt.out)
		}
	}
	if got := SplitArgs(`a "b c" 'd' k="v w"`); strings.Join(got, "|") != "a|b c|d|k=v w" {
		t.Errorf("SplitArgs: %q", got)
	}
}

func TestVideoPage(t *testing.T) {
	tests := map[string]string{
		"https://www.youtube.com/embed/abc":                    "https://www.youtube.com/watch?v=abc",
		"//www.youtube-nocookie.com/embed/abc?rel=0":           "https://www.youtube.com/watch?v=abc",
		"https://youtu.be/abc":                                 "https://www.youtube.com/watch?v=abc",
		"https://player.vimeo.com/video/123":                   "https://vimeo.com/123",
		"//player.bilibili.com/player.html?bvid=BV1x&page=1":   "https://www.bilibili.com/video/BV1x/",
		"https://player.bilibili.com/player.html?aid=170001":   "https://www.bilibili.com/video/av170001/",
		"https://www.bilibili.com/video/BV1x/?spm_id_from=333": "https://www.bilibili.com/video/BV1x/",
		"https://example.com/embed/abc":                        "",
	}
	for in, want := range tests {
		got, ok := VideoPage(in)
		if got != want || ok != (want != "") {
			t.Errorf("%s: %q %v, want %q", in, got, ok, want)
		}
	}
}

func TestRelPath(t *testing.T) {
	tests := []struct{ dir, target, want string }{
		{"news", "news/a.md", "a.md"},
		{"news/2020-a", "news/b.md", "../b.md"},
		{".", "news/b/index.md", "news/b/index.md"},
		{"news", "about.md", "../about.md"},
	}
	for _, tt := range tests {
		if got := relPath(tt.dir, tt.target); got != tt.want {
			t.Errorf("relPath(%q, %q) = %q, want %q", tt.dir, tt.target, got, tt.want)
		}
	}
}

// FuzzReplaceTags: tags kept as written leave the text as it was, and
// any text is scanned without a panic.
func FuzzReplaceTags(f *testing.F) {
	for _, s := range []string{"{% a %}x{% enda %}", "{{< b c=\"d\" >}}{{< /b >}}", "```\n{% x %}\n", "{% {% %} %}", "{{</* e */>}}", "[caption]x[/caption]"} {
		f.Add(s)
	}
	keep := func(Tag) (string, bool) { return "", false }
	f.Fuzz(func(t *testing.T, s string) {
		for _, syn := range []Syntax{LiquidSyntax, HugoSyntax} {
			got := ReplaceTags(s, syn, keep)
			if !strings.Contains(s, "/*") && got != s {
				t.Fatalf("kept tags changed %q into %q", s, got)
			}
			ReplaceTags(s, syn, func(t Tag) (string, bool) { return t.Inner, true })
		}
		if utf8.ValidString(s) && !utf8.ValidString(RewriteLinks(s, func(d string, _ bool) string { return d })) {
			t.Fatalf("RewriteLinks broke UTF-8 of %q", s)
		}
	})
}
