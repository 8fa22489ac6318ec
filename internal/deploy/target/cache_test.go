package target

import (
	"strings"
	"testing"
)

// TestDefaultCacheControl: fingerprinted files are kept a year, pages,
// feeds and the sitemap five minutes, other files an hour.
func TestDefaultCacheControl(t *testing.T) {
	tests := map[string]string{
		"css/style.3f2a9c1b.css":         Immutable,
		"js/app.0123456789abcdef.js":     Immutable,
		"images/logo.DEADBEEF.png":       Immutable,
		"search/s/7eb43cdffc77.json":     Immutable,
		"en/search/f/566a1cef0c36.json":  Immutable,
		"search/index.json":              Short,
		"data/prices.json":               Short,
		"css/style.css":                  Hour,
		"css/style.3f2a9c1.css":          Hour, // 7 digits: no fingerprint
		"css/style.3f2a9c1g.css":         Hour, // not hexadecimal
		"images/team.jpg":                Hour,
		"robots.txt":                     Hour,
		"index.html":                     Short,
		"news/2024/06/launch/index.html": Short,
		"index.xml":                      Short,
		"news/atom.xml":                  Short,
		"feed.json":                      Short,
		"sitemap.xml":                    Short,
		"sitemap-2.xml":                  Short,
	}
	for rel, want := range tests {
		if got := CacheControl(nil, rel); got != want {
			t.Errorf("%s: %q, want %q", rel, got, want)
		}
	}
}

// TestRules: a site's rules come before the defaults, the first that
// matches deciding; a pattern with a "/" is matched against the path,
// one without against the name.
func TestRules(t *testing.T) {
	var rules []Rule
	for _, r := range [][2]string{
		{"images/**", "public, max-age=86400"},
		{"/downloads/*.pdf", "no-cache"},
		{"*-{hash}.js", "public,MAX-AGE=31536000 ,immutable"},
		{"report-????.html", `private, no-cache="Set-Cookie"`},
	} {
		rule, err := ParseRule(r[0], r[1])
		if err != nil {
			t.Fatal(err)
		}
		rules = append(rules, rule)
	}
	tests := map[string]string{
		"images/a.png":              "public, max-age=86400",
		"images/2024/b.jpg":         "public, max-age=86400",
		"images/logo.0123abcd.png":  "public, max-age=86400", // the site's rule first
		"news/images/a.png":         Hour,                    // "images/**" holds a "/": from the root
		"downloads/kit.pdf":         "no-cache",
		"downloads/old/kit.pdf":     Hour, // * stops at "/"
		"js/app-0123abcd.js":        "public, max-age=31536000, immutable",
		"deep/er/app-0123abcd9.js":  "public, max-age=31536000, immutable",
		"report-2024.html":          `private, no-cache="Set-Cookie"`,
		"a/report-2024.html":        `private, no-cache="Set-Cookie"`,
		"report-20245.html":         Short,
		"css/style.0123abcd.css":    Immutable,
		"news/launch/index.html":    Short,
		"downloads/price-list.xlsx": Hour,
	}
	for rel, want := range tests {
		if got := CacheControl(rules, rel); got != want {
			t.Errorf("%s: %q, want %q", rel, got, want)
		}
	}
}

func TestParseRuleRefused(t *testing.T) {
	tests := []struct{ match, value, want string }{
		{"", "public", "empty pattern"},
		{"/", "public", "empty pattern"},
		{"*.[ch]ss", "public", "[ ]"},
		{`css\*.css`, "public", "backslash"},
		{"*.{css,js}", "public", "{hash}"},
		{"*.html\n", "public", "control character"},
		{strings.Repeat("a", 300), "public", "longer than"},
		{"*.html", "", "empty"},
		{"*.html", "public,", `"" is not a directive`},
		{"*.html", "public\r\nSet-Cookie: a=b", "not a directive"},
		{"*.html", "max-age=1 2", "neither a word"},
		{"*.html", `no-cache="a`, "neither a word"},
		{"*.html", `no-cache="a\"`, "neither a word"},
		{"*.html", "max-age=" + strings.Repeat("9", 600), "longer than"},
	}
	for _, tt := range tests {
		_, err := ParseRule(tt.match, tt.value)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseRule(%q, %q): %v, want an error with %q", tt.match, tt.value, err, tt.want)
		}
	}
}

// FuzzParseRule: any pattern and value are read without a panic; a value
// taken is one header line that reads back as itself, and a pattern
// taken matches only what its literal text allows.
func FuzzParseRule(f *testing.F) {
	f.Add("*.{hash}.*", "public, max-age=31536000, immutable", "css/style.0123abcd.css")
	f.Add("images/**", `private, no-cache="Set-Cookie"`, "images/a/b.png")
	f.Add("/a?b/*.html", "no-store", "a1b/x.html")
	f.Fuzz(func(t *testing.T, match, value, rel string) {
		r, err := ParseRule(match, value)
		if err != nil {
			return
		}
		if strings.ContainsAny(r.Value, "\r\n\x00") || r.Value == "" {
			t.Fatalf("%q: value %q", value, r.Value)
		}
		if again, err := ParseCacheControl(r.Value); err != nil || again != r.Value {
			t.Fatalf("%q: normalised %q reads back as %q, %v", value, r.Value, again, err)
		}
		matched := r.Matches(rel)
		// A pattern without wildcards matches its own text only.
		if !strings.ContainsAny(match, "*?{") {
			lit := strings.TrimPrefix(match, "/")
			name := rel
			if !strings.Contains(match, "/") {
				name = rel[strings.LastIndex(rel, "/")+1:]
			}
			if matched != (name == lit) {
				t.Fatalf("%q matching %q: %v", match, rel, matched)
			}
		}
	})
}
