package search

import (
	"maps"
	"strings"
	"testing"
	"unicode/utf8"
)

// scannedTerms counts the terms of h as Record does, and as the
// definition says: split(Text(h)). It reports whether the scanner took
// the text, and the first limit runes of the excerpt each way.
func scannedTerms(t *testing.T, h string, limit int) (got, want map[string]int32, ok bool, gotClip, wantClip string) {
	t.Helper()
	d := newDict()
	c := &counter{dict: d}
	c.next()
	prefix, ok := c.scanHTML(h, 1, limit)
	got = map[string]int32{}
	for _, tc := range c.terms {
		got[d.term(tc.term)] += tc.count
	}
	want = map[string]int32{}
	text := Text(h)
	split(text, func(term string, _ termKind) { want[term]++ })
	return got, want, ok, clip(prefix, limit), clip(text, limit)
}

func TestScanAgreesWithSplit(t *testing.T) {
	tests := []struct {
		name, html string
		ok         bool // the scanner reads it, without split
	}{
		{"words", "<p>Launches of the new product line.</p>", true},
		{"upper case", "<h2>The LAUNCH Event</h2><p>Launched</p>", true},
		{"inline tags join", "<p>foo<b>bar</b> baz<em>Qux</em></p>", true},
		{"block tags separate", "<p>foo</p><p>bar</p><li>baz</li>", true},
		{"word at the end of a piece", "<p>alpha<a href=x>beta", true},
		// Letters a mark may follow and join: NFKC's business.
		{"accents", "<p>Café CRÈME déjà-vu naïve</p>", false},
		{"Chinese pairs", "<p>公司正式启动春季校园招聘，面向应届毕业生。</p>", true},
		{"one character", "<p>会 a 中</p>", true},
		{"mixed runs", "<p>abc中文def 2024年春季</p>", true},
		{"run across inline tags", "<p>中<b>文</b>字</p>", true},
		{"traditional", "<p>發展與東京</p>", true},
		{"kana and Hangul", "<p>東京に新しい事務所。한국어 텍스트</p>", false},
		{"entities", "<p>AT&amp;T &#20013;&#25991; &lt;tag&gt; &copy;</p>", true},
		{"an entity for an accent", "<p>caf&eacute;</p>", false},
		{"cased beyond ASCII", "<p>ΑΘΗΝΑ Ωμέγα Ж</p>", false},
		{"script and style", "<p>one<script>var two</script> three<style>p{}</style></p>", true},
		{"digits and hyphens", "<p>v1.2.3 covid-19 3D 100%</p>", true},
		{"full width", "<p>ＡＢＣ１２３ and ２０２４年</p>", false},
		{"compatibility", "<p>㈱公司 ① ﬁle</p>", false},
		{"not UTF-8", "<p>bad \xff byte</p>", false},
		{"empty", "", true},
		{"tag never closed", "<p>open <b", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, want, ok, gotClip, wantClip := scannedTerms(t, tt.html, 12)
			if ok != tt.ok {
				t.Errorf("scanned: %v, want %v", ok, tt.ok)
			}
			if ok && !maps.Equal(got, want) {
				t.Errorf("terms:\n got %v\nwant %v", got, want)
			}
			if gotClip != wantClip {
				t.Errorf("excerpt %q, want %q", gotClip, wantClip)
			}
		})
	}
}

// FuzzScan: where the scanner reads a text, its terms and its excerpt are
// those of the general way.
func FuzzScan(f *testing.F) {
	for _, s := range []string{
		"<p>Launches of the <b>new</b> product line.</p>",
		"<p>公司正式启动春季<em>校园</em>招聘，面向应届毕业生。</p>",
		"<p>AT&amp;T &#20013;&#25991; caf&eacute; CRÈME</p>",
		"<p>發展與東京に新しい事務所。한국어</p><script>x</script>",
		"abc中文def 2024年",
	} {
		f.Add(s, 8)
	}
	f.Fuzz(func(t *testing.T, h string, limit int) {
		limit = 1 + abs(limit)%64
		got, want, ok, gotClip, wantClip := scannedTerms(t, h, limit)
		if ok && !maps.Equal(got, want) {
			t.Fatalf("terms of %q:\n got %v\nwant %v", h, got, want)
		}
		if gotClip != wantClip {
			t.Fatalf("excerpt of %q: %q, want %q", h, gotClip, wantClip)
		}
		// Bytes that are not UTF-8 are the general way's, even where
		// pieces of them join into characters across a tag.
		if !ok && utf8.ValidString(h) && !needsNFKC(Text(h)) {
			t.Fatalf("%q left to split, though it needs no NFKC", h)
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// needsNFKC reports whether prepare normalises text.
func needsNFKC(text string) bool {
	inert := inertRunes()
	return strings.ContainsFunc(text, func(r rune) bool { return r >= 0x80 && (r >= 0x10000 || !inert.has(r)) }) || !utf8.ValidString(text)
}
