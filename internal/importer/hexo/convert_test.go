package hexo

import (
	"testing"

	"github.com/bulletin-ssg/bulletin/internal/importer"
)

// TestNotes converts note and pullquote tags to quotes whose class, when
// there is one, is a bold first word, whatever the class is spelled with.
func TestNotes(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		{"{% note info %}Read this.{% endnote %}", "\n> **Info:** Read this.\n\n"},
		{"{% note no-icon warning %}x{% endnote %}", "\n> **Warning:** x\n\n"},
		{"{% note %}x{% endnote %}", "\n> x\n\n"},
		{`{% note "" %}x{% endnote %}`, "\n> x\n\n"},
		{"{% note 提示 %}内容{% endnote %}", "\n> **提示:** 内容\n\n"},
		{"{% note élan %}x{% endnote %}", "\n> **Élan:** x\n\n"},
		{"{% pullquote left %}x{% endpullquote %}", "\n> x\n\n"},
	} {
		r := &reader{}
		src := &importer.Source{Convert: r.convert}
		p := &importer.Post{File: "a.md", Name: "a", Body: tc.body, BodyLine: 1}
		if got := importer.ConvertAlone(src, p); got != tc.want {
			t.Errorf("%s\n got %q\nwant %q", tc.body, got, tc.want)
		}
	}
}
