package importer

import (
	"net/url"
	"regexp"
	"strings"
)

// anchorTag is an empty element whose only use is to be a link's target:
// <a name="x"></a>, <a id="x"/>, <span id="x"></span>.
var anchorTag = regexp.MustCompile(`(?i)<(?:a\s+(?:name|id)|span\s+id)\s*=\s*["']([^"'\s<>{}]+)["']\s*(?:/>|>\s*</(?:a|span)>)`)

var closingHashes = regexp.MustCompile(`(?:^|[ \t]+)#+$`)

var atxHeading = regexp.MustCompile(`^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*$`)

// HeadingAnchors turns the empty anchors authors put in a heading, or on
// a line of their own right before one, into the heading's id,
// "## Title {#x}": bulletin leaves raw HTML out, and the links to #x keep
// their target. It returns the anchors it moved.
func HeadingAnchors(md string) (string, []string) {
	var moved []string
	lines := strings.Split(md, "\n")
	pending := -1 // the line of an anchor alone, waiting for its heading
	for i, line := range lines {
		if strings.TrimSpace(line) == "" {
			continue
		}
		m := atxHeading.FindStringSubmatch(line)
		if m == nil {
			pending = -1
			if strings.TrimSpace(anchorTag.ReplaceAllString(line, "")) == "" && len(anchorTag.FindAllString(line, -1)) == 1 {
				pending = i
			}
			continue
		}
		text := closingHashes.ReplaceAllString(m[2], "")
		var id, tag string
		from := -1
		if a := anchorTag.FindStringSubmatch(text); a != nil {
			id, tag = a[1], a[0]
			text = strings.TrimSpace(strings.Replace(text, a[0], "", 1))
		} else if pending >= 0 {
			a := anchorTag.FindStringSubmatch(lines[pending])
			id, tag, from = a[1], a[0], pending
		}
		pending = -1
		if id == "" || text == "" || strings.Contains(text, "{#") || anchorTag.MatchString(text) {
			continue
		}
		if from >= 0 {
			lines[from] = ""
		}
		lines[i] = m[1] + " " + text + " {#" + id + "}"
		moved = append(moved, tag)
	}
	return strings.Join(lines, "\n"), moved
}

// Unlink replaces each inline link whose destination is no URL at all
// (a parenthesized remark after a bracketed word, "http://" and prose
// with spaces) by its text: the old site linked to nowhere, bulletin
// would refuse the link. It returns the destinations it dropped.
func Unlink(md string) (string, []string) {
	var bad []string
	RewriteLinks(md, func(dest string, image bool) string {
		if _, err := url.Parse(dest); err != nil && !image && strings.Contains(dest, "://") {
			bad = append(bad, dest)
		}
		return dest
	})
	var dropped []string
	for _, dest := range bad {
		end := strings.Index(md, "]("+dest+")")
		if end < 0 {
			continue
		}
		start, depth := -1, 0
		for j := end - 1; j >= 0 && md[j] != '\n'; j-- {
			if md[j] == ']' {
				depth++
			} else if md[j] == '[' {
				if depth == 0 {
					start = j
					break
				}
				depth--
			}
		}
		if start < 0 || start > 0 && md[start-1] == '!' {
			continue
		}
		md = md[:start] + md[start+1:end] + md[end+len("]("+dest+")"):]
		dropped = append(dropped, dest)
	}
	return md, dropped
}
