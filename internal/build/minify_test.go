package build

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"path"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestMinifySampleSite builds the sample site with and without --minify:
// every page is smaller and says the same (the same elements, attributes
// and words, whitespace aside), every feed and sitemap is the same XML
// or JSON, and the other files are the same bytes.
func TestMinifySampleSite(t *testing.T) {
	repo := os.DirFS("../..")
	plain, err := buildFS(t, repo, Options{})
	if err != nil {
		t.Fatal(err)
	}
	min, err := buildFS(t, repo, Options{Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(plain.files) != len(min.files) {
		t.Fatalf("%d files, minified %d", len(plain.files), len(min.files))
	}
	var before, after int
	for name, data := range plain.files {
		got, ok := min.files[name]
		if !ok {
			t.Errorf("%s missing when minified", name)
			continue
		}
		switch path.Ext(name) {
		case ".html":
			before, after = before+len(data), after+len(got)
			if a, b := htmlTokens(t, data), htmlTokens(t, got); a != b {
				t.Errorf("%s says something else when minified:\n%s\n---\n%s", name, firstDifference(a, b), firstDifference(b, a))
			}
		case ".xml":
			if a, b := xmlTokens(t, name, data), xmlTokens(t, name, got); a != b {
				t.Errorf("%s is other XML when minified:\n%s", name, firstDifference(a, b))
			}
		case ".json":
			var a, b any
			if json.Unmarshal(data, &a) != nil || json.Unmarshal(got, &b) != nil || !jsonEqual(a, b) {
				t.Errorf("%s is other JSON when minified", name)
			}
		default:
			if !bytes.Equal(data, got) {
				t.Errorf("%s changed with --minify", name)
			}
		}
	}
	if after >= before {
		t.Errorf("minified pages are %d bytes, plain %d", after, before)
	}
}

// htmlTokens lists a page's elements, attributes and words, one per
// line, with whitespace collapsed where HTML collapses it (not in <pre>).
func htmlTokens(t *testing.T, page []byte) string {
	var b strings.Builder
	z := html.NewTokenizer(bytes.NewReader(page))
	pre := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				t.Fatal(z.Err())
			}
			return b.String()
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if tok.Data == "pre" {
				pre++
			}
			b.WriteString("<" + tok.Data)
			for _, a := range tok.Attr {
				if tok.Data == "path" && a.Key == "d" {
					a.Val = "(path data: the minifier writes it with relative commands)"
				}
				b.WriteString(" " + a.Key + "=" + strings.Join(strings.Fields(a.Val), "")) // "a, b" and "a,b" mean the same in the attributes a page has
			}
			b.WriteString(">\n")
		case html.EndTagToken:
			tok := z.Token()
			if tok.Data == "pre" {
				pre--
			}
		case html.TextToken:
			text := string(z.Text())
			if pre == 0 {
				text = strings.Join(strings.Fields(text), " ")
			}
			if text != "" {
				b.WriteString(text + "\n")
			}
		}
	}
}

func xmlTokens(t *testing.T, name string, data []byte) string {
	var b strings.Builder
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return b.String()
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			b.WriteString("<" + x.Name.Space + ":" + x.Name.Local)
			for _, a := range x.Attr {
				b.WriteString(" " + a.Name.Local + "=" + a.Value)
			}
			b.WriteString(">\n")
		case xml.CharData:
			if s := strings.TrimSpace(string(x)); s != "" {
				b.WriteString(s + "\n")
			}
		}
	}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

// firstDifference is a's lines from the first that b does not have.
func firstDifference(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range al {
		if i >= len(bl) || al[i] != bl[i] {
			return strings.Join(al[max(0, i-2):min(len(al), i+3)], "\n")
		}
	}
	return ""
}
