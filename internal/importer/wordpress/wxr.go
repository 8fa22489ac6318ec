// Package wordpress reads a WordPress export (WXR, the .xml file of
// Tools → Export) for the importer: posts and pages with their authors,
// categories, tags, excerpts and featured images; and it converts their
// HTML and shortcodes to Markdown. It only reads the old site, never
// writes anything: the importer writes the bulletin site.
package wordpress

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
)

// item is one <item> of the export.
type item struct {
	Title      string     `xml:"title"`
	Link       string     `xml:"link"`
	GUID       string     `xml:"guid"`
	Creator    string     `xml:"creator"`
	Encoded    []encoded  `xml:"encoded"`
	ID         string     `xml:"post_id"`
	Date       string     `xml:"post_date"`
	DateGMT    string     `xml:"post_date_gmt"`
	Modified   string     `xml:"post_modified"`
	Name       string     `xml:"post_name"`
	Status     string     `xml:"status"`
	Parent     string     `xml:"post_parent"`
	Type       string     `xml:"post_type"`
	Sticky     string     `xml:"is_sticky"`
	Attachment string     `xml:"attachment_url"`
	Categories []category `xml:"category"`
	Meta       []meta     `xml:"postmeta"`

	line        int // of <item>
	contentLine int // of <content:encoded>
}

type encoded struct {
	XMLName xml.Name
	Text    string `xml:",chardata"`
}

type category struct {
	Domain string `xml:"domain,attr"`
	Name   string `xml:",chardata"`
}

type meta struct {
	Key   string `xml:"meta_key"`
	Value string `xml:"meta_value"`
}

type author struct {
	Login   string `xml:"author_login"`
	Display string `xml:"author_display_name"`
}

// export is what the importer needs of the whole file.
type export struct {
	link    string // the blog's address
	authors map[string]string
	items   []*item
}

// content is the item's HTML; excerpt its excerpt.
func (it *item) content() string { return it.encodedIn("content") }
func (it *item) excerpt() string { return it.encodedIn("excerpt") }

func (it *item) encodedIn(space string) string {
	for _, e := range it.Encoded {
		if strings.Contains(e.XMLName.Space, space) {
			return e.Text
		}
	}
	return ""
}

func (it *item) meta(key string) string {
	for _, m := range it.Meta {
		if m.Key == key {
			return m.Value
		}
	}
	return ""
}

// parse reads an export, keeping the line of every item and of its
// content.
func parse(r io.Reader, data []byte) (*export, error) {
	ex := &export{authors: map[string]string{}}
	starts := lineStarts(data)
	dec := xml.NewDecoder(r)
	dec.Strict = false
	depth := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return ex, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			line, _ := dec.InputPos()
			switch {
			case t.Name.Local == "item":
				it := &item{line: line}
				if err := dec.DecodeElement(it, &t); err != nil {
					return nil, err
				}
				depth--
				it.contentLine = contentLine(data, starts, it.line)
				ex.items = append(ex.items, it)
			case t.Name.Local == "author" && strings.Contains(t.Name.Space, "wordpress"):
				var a author
				if err := dec.DecodeElement(&a, &t); err != nil {
					return nil, err
				}
				depth--
				if a.Display != "" {
					ex.authors[a.Login] = a.Display
				}
			case t.Name.Local == "link" && depth == 3 && ex.link == "":
				var s string
				if err := dec.DecodeElement(&s, &t); err != nil {
					return nil, err
				}
				depth--
				ex.link = strings.TrimSpace(s)
			}
		case xml.EndElement:
			depth--
		}
	}
}

// contentLine finds the line of the first <content:encoded> at or after
// line, where the item's text starts; starts are the offsets of lines.
func contentLine(data []byte, starts []int, line int) int {
	if line < 1 || line > len(starts) {
		return line
	}
	rest := data[starts[line-1]:]
	j := bytes.Index(rest, []byte("<content:encoded>"))
	if j < 0 {
		return line
	}
	return line + bytes.Count(rest[:j], []byte("\n"))
}

// lineStarts lists the offset at which each line of data starts.
func lineStarts(data []byte) []int {
	starts := []int{0}
	for i, c := range data {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}
