package frontmatter

import (
	"bytes"
	"unicode"
	"unicode/utf8"
)

// simpleYAML decodes the front matter most articles have without the YAML
// parser: one `key: value` per line, each value a quoted string, a flow
// list of quoted strings, a plain word-like text or a date, e.g.
//
//	title: "公司新闻"
//	date: 2020-07-30 16:20
//	tags: ["news", "产品"]
//
// go.yaml.in/yaml builds a whole document tree for such a block, a
// noticeable part of a cold build's CPU on a large site; this reads the
// lines once, many times faster. It reports false,
// having changed nothing, for anything else (nesting, escapes, comments
// after a value, numbers, booleans, anchors, duplicate keys...), which
// the YAML parser then decodes: it never guesses. FuzzSimpleYAML holds
// what it accepts to what the parser gives, positions included.
func simpleYAML(block []byte, firstLine int, m *Matter) bool {
	fields := map[string]any{}
	pos := map[string]Position{}
	line := firstLine
	for len(block) > 0 {
		text, rest, _ := bytes.Cut(block, []byte("\n"))
		block = rest
		at := line
		line++
		if len(text) == 0 || text[0] == '#' && printable(text) {
			continue // a blank line or a comment line
		}
		key, value, col, ok := simpleLine(text)
		if !ok {
			return false
		}
		if _, dup := fields[key]; dup {
			return false // the parser reports it
		}
		fields[key] = value
		pos[key] = Position{at, col}
	}
	if len(fields) == 0 {
		return false // an empty block: the parser's answer (none) is as cheap
	}
	m.Fields = fields
	for k, p := range pos {
		m.Pos[k] = p
	}
	return true
}

// simpleLine splits `key: value` and decodes the value; col is the 1-based
// column where the value starts.
func simpleLine(text []byte) (key string, value any, col int, ok bool) {
	if !printable(text) {
		return "", nil, 0, false
	}
	i := 0
	for i < len(text) && isKeyByte(text[i]) {
		i++
	}
	if text[0] == '-' {
		return "", nil, 0, false // a list item, or a key too odd to guess at
	}
	if i == 0 || i+1 >= len(text) || text[i] != ':' || text[i+1] != ' ' {
		return "", nil, 0, false
	}
	key = string(text[:i])
	j := i + 1
	for j < len(text) && text[j] == ' ' {
		j++
	}
	v := bytes.TrimRight(text[j:], " ")
	if len(v) == 0 {
		return "", nil, 0, false // null, or a nested block on the next lines
	}
	switch v[0] {
	case '"', '\'':
		s, n, ok := quoted(v)
		if !ok || n != len(v) {
			return "", nil, 0, false
		}
		return key, s, j + 1, true
	case '[':
		list, ok := flowList(v)
		if !ok {
			return "", nil, 0, false
		}
		return key, list, j + 1, true
	}
	if s, ok := plain(v); ok {
		return key, s, j + 1, true
	}
	return "", nil, 0, false
}

func isKeyByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}

// printable: valid UTF-8 of printable characters and spaces only (no tab,
// no control character, no byte-order mark, no line or paragraph
// separator, which YAML reads as line breaks).
func printable(b []byte) bool {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c < ' ' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError || !unicode.IsPrint(r) {
			return false
		}
		i += n
	}
	return true
}

// quoted reads a single- or double-quoted string without escapes at the
// start of v and returns it with the length it took.
func quoted(v []byte) (string, int, bool) {
	q := v[0]
	end := bytes.IndexByte(v[1:], q)
	if end < 0 {
		return "", 0, false
	}
	s := v[1 : 1+end]
	if q == '"' && bytes.IndexByte(s, '\\') >= 0 {
		return "", 0, false // escapes: the parser decodes them
	}
	if q == '\'' && 2+end < len(v) && v[2+end] == '\'' {
		return "", 0, false // '' is a quote inside the string
	}
	return string(s), 2 + end, true
}

// flowList reads ["a", 'b'] whole.
func flowList(v []byte) ([]any, bool) {
	if v[len(v)-1] != ']' {
		return nil, false
	}
	inner := bytes.TrimLeft(v[1:len(v)-1], " ")
	list := make([]any, 0, 4)
	for len(inner) > 0 {
		if inner[0] != '"' && inner[0] != '\'' {
			return nil, false
		}
		s, n, ok := quoted(inner)
		if !ok {
			return nil, false
		}
		list = append(list, s)
		inner = bytes.TrimLeft(inner[n:], " ")
		if len(inner) == 0 {
			break
		}
		if inner[0] != ',' {
			return nil, false
		}
		inner = bytes.TrimLeft(inner[1:], " ")
		if len(inner) == 0 {
			return nil, false // a trailing comma
		}
	}
	return list, true
}

// plain accepts a plain (unquoted) value that YAML reads as the text
// itself: it starts with a letter, a slash (a path) or any non-ASCII
// character, holds
// nothing that could end it or start a comment, and is not a word YAML
// reads as a boolean or null; or it is a date (2020-07-30, 2020-07-30
// 16:20, 2020-07-30T16:20:00), which stays text here.
func plain(v []byte) (string, bool) {
	if isDate(v) {
		return string(v), true
	}
	c := v[0]
	if c < utf8.RuneSelf && !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '/') {
		return "", false
	}
	for i, c := range v {
		switch c {
		case '#', '[', ']', '{', '}':
			return "", false
		case ':':
			if i+1 == len(v) || v[i+1] == ' ' {
				return "", false
			}
		}
	}
	switch string(bytes.ToLower(v)) {
	case "true", "false", "null", "yes", "no", "on", "off", "y", "n":
		return "", false
	}
	return string(v), true
}

// isDate matches DDDD-DD-DD, then optionally a space or T and DD:DD and
// optionally :DD.
func isDate(v []byte) bool {
	const date, minutes, seconds = len("2006-01-02"), len("2006-01-02 15:04"), len("2006-01-02 15:04:05")
	if len(v) != date && len(v) != minutes && len(v) != seconds {
		return false
	}
	for i, c := range v {
		var ok bool
		switch {
		case i == 4 || i == 7:
			ok = c == '-'
		case i == 10:
			ok = c == ' ' || c == 'T'
		case i == 13 || i == 16:
			ok = c == ':'
		default:
			ok = '0' <= c && c <= '9'
		}
		if !ok {
			return false
		}
	}
	return true
}
