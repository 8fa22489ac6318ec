package importer

import (
	"regexp"
	"strings"
)

// RewriteLinks calls f on the destination of every link and image in
// Markdown text, outside code, and puts what it returns in its place:
// inline links and images, reference definitions, autolinks, and the href
// and src attributes of raw HTML.
func RewriteLinks(md string, f func(dest string, image bool) string) string {
	var b strings.Builder
	lines := strings.SplitAfter(md, "\n")
	fence := ""
	for _, line := range lines {
		trimmed := strings.TrimLeft(line, " ")
		indent := len(line) - len(trimmed)
		if fence != "" {
			if indent < 4 && strings.HasPrefix(trimmed, fence) && strings.TrimSpace(strings.TrimLeft(trimmed, fence[:1])) == "" {
				fence = ""
			}
			b.WriteString(line)
			continue
		}
		if indent < 4 {
			if f := fenceOf(trimmed); f != "" {
				fence = f
				b.WriteString(line)
				continue
			}
		}
		if m := refDef.FindStringSubmatchIndex(line); m != nil {
			dest := line[m[2]:m[3]]
			b.WriteString(line[:m[2]] + f(dest, false) + line[m[3]:])
			continue
		}
		b.WriteString(rewriteInline(line, f))
	}
	return b.String()
}

var refDef = regexp.MustCompile(`^ {0,3}\[[^\]]+\]:[ \t]*<?([^\s>]+)>?`)

// fenceOf is the fence a line opens ("```", "~~~~"), or "".
func fenceOf(line string) string {
	for _, c := range []byte{'`', '~'} {
		n := 0
		for n < len(line) && line[n] == c {
			n++
		}
		if n >= 3 && (c == '~' || !strings.Contains(line[n:], "`")) {
			return line[:n]
		}
	}
	return ""
}

var htmlAttr = regexp.MustCompile(`(?i)\b(href|src)=("[^"]*"|'[^']*')`)

// rewriteInline rewrites the links of one line, skipping code spans.
func rewriteInline(line string, f func(string, bool) string) string {
	var b strings.Builder
	for i := 0; i < len(line); {
		c := line[i]
		switch {
		case c == '\\' && i+1 < len(line):
			b.WriteString(line[i : i+2])
			i += 2
		case c == '`':
			n := 0
			for i+n < len(line) && line[i+n] == '`' {
				n++
			}
			end := strings.Index(line[i+n:], line[i:i+n])
			if end < 0 {
				b.WriteString(line[i : i+n])
				i += n
				continue
			}
			stop := i + n + end + n
			b.WriteString(line[i:stop])
			i = stop
		case c == ']' && i+1 < len(line) && line[i+1] == '(':
			start := i + 2
			end, dest, ds, de := linkDest(line, start)
			if end < 0 {
				b.WriteByte(c)
				i++
				continue
			}
			image := isImage(line, i)
			b.WriteString("](" + line[start:ds] + f(dest, image) + line[de:end])
			i = end
		case c == '<':
			if j := strings.IndexByte(line[i:], '>'); j > 0 {
				tag := line[i : i+j+1]
				if strings.HasPrefix(tag, "<http://") || strings.HasPrefix(tag, "<https://") {
					b.WriteString("<" + f(tag[1:len(tag)-1], false) + ">")
				} else {
					b.WriteString(htmlAttr.ReplaceAllStringFunc(tag, func(a string) string {
						m := htmlAttr.FindStringSubmatch(a)
						q := m[2][:1]
						return m[1] + "=" + q + f(m[2][1:len(m[2])-1], strings.EqualFold(m[1], "src")) + q
					}))
				}
				i += j + 1
				continue
			}
			b.WriteByte(c)
			i++
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// linkDest reads an inline link's destination starting at i (after "("):
// the end of the link (after ")"), the destination, and where it stands.
func linkDest(line string, i int) (end int, dest string, ds, de int) {
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	ds = i
	if i < len(line) && line[i] == '<' {
		j := strings.IndexByte(line[i:], '>')
		if j < 0 {
			return -1, "", 0, 0
		}
		ds, de = i+1, i+j
		i += j + 1
	} else {
		depth := 0
		for ; i < len(line); i++ {
			c := line[i]
			if c == '\\' {
				i++
				continue
			}
			if c == '(' {
				depth++
			} else if c == ')' {
				if depth == 0 {
					break
				}
				depth--
			} else if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
				break
			}
		}
		de = i
	}
	// Skip an optional title up to the closing parenthesis.
	depth := 0
	quote := byte(0)
	for ; i < len(line); i++ {
		c := line[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '(':
			depth++
		case c == ')':
			if depth == 0 {
				return i + 1, line[ds:de], ds, de
			}
			depth--
		}
	}
	return -1, "", 0, 0
}

// isImage reports whether the "]" at i closes an image's alt text.
func isImage(line string, i int) bool {
	depth := 0
	for j := i - 1; j >= 0; j-- {
		switch line[j] {
		case ']':
			depth++
		case '[':
			if depth == 0 {
				return j > 0 && line[j-1] == '!'
			}
			depth--
		}
	}
	return false
}
