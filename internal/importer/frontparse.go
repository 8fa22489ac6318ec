package importer

import (
	"bytes"
	"errors"
	"os"
	"regexp"
	"sort"
	"strings"

	"github.com/bulletin-ssg/bulletin/internal/frontmatter"
)

// ReadFront splits a source file into its front matter, in the order
// written, and its body. With loose, a YAML block closed by a "---" line
// but not opened by one (Hexo accepts that) is front matter too. The
// note, when not nil, says why the file cannot be read; notes say what
// was read otherwise than written (a key written twice: the last wins).
func ReadFront(file string, data []byte, loose bool) (front []Field, body string, bodyLine int, notes []Note, bad *Note) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	shift := 0
	if loose && !startsFront(data) {
		if looseClose.Match(data) {
			data = append([]byte("---\n"), data...)
			shift = 1
		}
	}
	m, err := frontmatter.Parse(data)
	if dupKeyError(err) {
		if fixed, dups := lastKeyWinsFront(file, data, shift); dups != nil {
			data, notes = fixed, dups
			m, err = frontmatter.Parse(data)
		}
	}
	if err != nil && shift > 0 {
		return ReadFront(file, data[4:], false) // not front matter after all
	}
	if err != nil {
		n := &Note{File: file, Msg: "front matter: " + err.Error()}
		var fe *frontmatter.Error
		if errors.As(err, &fe) {
			n.Line, n.Msg = max(fe.Pos.Line-shift, 1), "front matter: "+fe.Msg
		}
		return nil, "", 0, nil, n
	}
	for k, v := range m.Fields {
		front = append(front, Field{Key: k, Value: v, Line: m.Pos[k].Line - shift})
	}
	sort.SliceStable(front, func(i, j int) bool {
		li, lj := front[i].Line, front[j].Line
		if li <= 0 || lj <= 0 {
			return li > lj || (li == lj && front[i].Key < front[j].Key)
		}
		return li < lj
	})
	return front, string(m.Body), m.BodyLine - shift, notes, nil
}

// lastKeyWinsFront applies LastKeyWins to the YAML block between a file's
// "---" lines.
func lastKeyWinsFront(file string, data []byte, shift int) ([]byte, []Note) {
	first, rest, ok := bytes.Cut(data, []byte("\n"))
	if !ok || string(bytes.TrimSpace(first)) != "---" {
		return data, nil
	}
	end := closeLine.FindIndex(rest)
	if end == nil {
		return data, nil
	}
	block, dups := LastKeyWins(file, rest[:end[0]], 1-shift)
	if dups == nil {
		return data, nil
	}
	out := append(append(append([]byte(nil), first...), '\n'), block...)
	return append(out, rest[end[0]:]...), dups
}

var closeLine = regexp.MustCompile(`(?m)^(?:---|\.\.\.)[ \t]*\r?$`)

func startsFront(data []byte) bool {
	for _, p := range []string{"---", "+++", "{", ";;;"} {
		if bytes.HasPrefix(data, []byte(p)) {
			return true
		}
	}
	return false
}

// looseClose matches a file that opens with "key: value" lines closed by
// a "---" line.
var looseClose = regexp.MustCompile(`^[A-Za-z_][\w-]*:[^\n]*\n(?:[^\n]*\n)*?-{3,}[ \t]*\r?\n`)

var moreMarker = regexp.MustCompile(`(?i)<!--\s*more\s*-->`)

// reserved are the site paths bulletin writes itself: a static file of
// the old site there is not copied.
var reserved = map[string]bool{"index.html": true, "404.html": true, "robots.txt": true, "sitemap.xml": true,
	"atom.xml": true, "index.xml": true}

// templateExts are files generators render with their themes, which mean
// nothing to bulletin.
var templateExts = map[string]bool{".ejs": true, ".swig": true, ".pug": true, ".jade": true, ".styl": true,
	".njk": true, ".scss": true, ".sass": true, ".less": true, ".liquid": true, ".haml": true}

// Copyable reports whether a static file at the site path p is worth
// copying into the bulletin site, and if not, why.
func Copyable(p string) (bool, string) {
	if reserved[strings.ToLower(p)] {
		return false, "bulletin writes " + p + " itself"
	}
	ext := strings.ToLower(p[strings.LastIndexByte(p, '.')+1:])
	if i := strings.LastIndexByte(p, '.'); i >= 0 && templateExts["."+ext] {
		return false, "a template of the old theme"
	}
	return true, ""
}

// ReadPost reads one source file of the old site into a post; a file
// that cannot be read, or whose front matter cannot, is refused in src.
// loose is ReadFront's.
func (src *Source) ReadPost(file, shown string, loose bool) *Post {
	data, err := os.ReadFile(file)
	if err != nil {
		src.Refused = append(src.Refused, Note{File: shown, Msg: err.Error()})
		return nil
	}
	front, body, line, notes, bad := ReadFront(shown, data, loose)
	if bad != nil {
		src.Refused = append(src.Refused, *bad)
		return nil
	}
	p := &Post{File: shown, Front: front, Body: body, BodyLine: line, Notes: notes}
	if info, err := os.Stat(file); err == nil {
		p.ModTime = info.ModTime()
	}
	return p
}
