package frontmatter

import (
	"bytes"
	"errors"
	"strconv"
	"time"

	"github.com/BurntSushi/toml"
)

func decodeTOML(block []byte, firstLine int, m *Matter) error {
	if err := tomlNesting(block, firstLine); err != nil {
		return err
	}
	var fields map[string]any
	if _, err := toml.Decode(string(block), &fields); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return &Error{Pos: Position{firstLine + max(pe.Position.Line, 1) - 1, max(pe.Position.Col, 1)}, Msg: "TOML front matter: " + pe.Message}
		}
		return &Error{Pos: Position{firstLine, 1}, Msg: "TOML front matter: " + err.Error()}
	}
	if fields == nil {
		fields = map[string]any{}
	}
	m.Fields = tomlLocalTimes(fields).(map[string]any)
	locateKeys(block, firstLine, m, tomlKeyLine)
	return nil
}

// tomlLocalTimes turns TOML's zone-less dates and date-times back into
// text, so that they are read in the site's zone like YAML dates are.
func tomlLocalTimes(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = tomlLocalTimes(x)
		}
		return v
	case []any:
		for i, x := range v {
			v[i] = tomlLocalTimes(x)
		}
		return v
	case []map[string]any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = tomlLocalTimes(x)
		}
		return out
	case time.Time:
		switch v.Location().String() {
		case "datetime-local":
			if v.Nanosecond() != 0 {
				return v.Format("2006-01-02T15:04:05.999999999")
			}
			return v.Format("2006-01-02T15:04:05")
		case "date-local":
			return v.Format("2006-01-02")
		case "time-local":
			return v.Format("15:04:05")
		}
		return v
	}
	return v
}

// tomlNesting fails at the first table, inline table or array deeper than
// maxDepth (as deep as YAML's may be), and at the first key naming a value
// deeper than that table's contents, before the decoder sees the block:
// the decoder copies the path of keys above every value it reads, so a
// deep value costs the square of its depth, whether nested in inline
// tables or named by a long dotted key or header.
//
// The root table is at depth 0; the table a header names is as deep as
// the header has parts, plus one for each array of tables among them (its
// elements are a level below it); a value is as deep as its table plus
// the parts of its dotted key; what an inline table or array holds is a
// level below it. Strings and comments are skipped. The scan is exact for
// valid TOML and ends on any text; what is not TOML the decoder rejects.
func tomlNesting(b []byte, firstLine int) error {
	type open struct {
		table bool // an inline table, else an array
		depth int  // that of the value it is
	}
	stack := make([]open, 0, maxDepth)
	base := 0 // depth of the current table
	var parts []keyPart
	arrays := map[string]bool{} // the paths of the [[array]] headers
	value := 0                  // depth of a value starting here
	lineStart := true
	for i := 0; i < len(b); {
		c := b[i]
		switch c {
		case ' ', '\t', '\r':
			i++
			continue
		case '\n':
			lineStart = len(stack) == 0
			i++
			continue
		case '#':
			i = lineEnd(b, i)
			continue
		}
		if lineStart {
			lineStart = false
			if c == '[' { // a table header
				i++
				array := i < len(b) && b[i] == '['
				if array {
					i++
				}
				parts = parts[:0]
				end, _, err := tomlKey(b, i, 0, maxDepth, firstLine, &parts)
				if err != nil {
					return err
				}
				if base, err = headerDepth(b, firstLine, parts, array, arrays); err != nil {
					return err
				}
				i = lineEnd(b, end)
				continue
			}
			end, depth, err := tomlKey(b, i, base, maxDepth+1, firstLine, nil)
			if err != nil {
				return err
			}
			i, value = afterKey(b, end), depth
			continue
		}
		switch c {
		case '"', '\'':
			i = skipString(b, i, true)
			continue
		case '{', '[':
			// Each level is deeper than the one it is in, unless the
			// text is not TOML: the stack needs no more room.
			if value > maxDepth || len(stack) == maxDepth {
				return &Error{Pos: offsetPos(b, i, firstLine), Msg: tooDeep}
			}
			stack = append(stack, open{c == '{', value})
			i++
			if c == '[' {
				value++
				continue
			}
			end, depth, err := tomlKey(b, i, value, maxDepth+1, firstLine, nil)
			if err != nil {
				return err
			}
			i, value = afterKey(b, end), depth
			continue
		case '}', ']':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case ',':
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				if top.table {
					end, depth, err := tomlKey(b, i+1, top.depth, maxDepth+1, firstLine, nil)
					if err != nil {
						return err
					}
					i, value = afterKey(b, end), depth
					continue
				}
				value = top.depth + 1
			}
		}
		i++
	}
	return nil
}

// tomlKey reads the dotted key at b[i:], after any blank space, lines and
// comments, and returns where it stops and the depth of what it names,
// each part one level below depth. A part deeper than limit is an error.
// With parts, it appends each part's name and offset.
func tomlKey(b []byte, i, depth, limit, firstLine int, parts *[]keyPart) (end, keyDepth int, err error) {
	for i < len(b) {
		switch b[i] {
		case ' ', '\t', '\r', '\n':
			i++
			continue
		case '#':
			i = lineEnd(b, i)
			continue
		}
		break
	}
	part := true // a part may start here
	for i < len(b) {
		c := b[i]
		switch c {
		case ' ', '\t':
			i++
			continue
		case '.':
			part = true
			i++
			continue
		}
		if !bareKeyByte(c) && c != '"' && c != '\'' {
			return i, depth, nil
		}
		start := i
		if c == '"' || c == '\'' {
			i = skipString(b, i, false)
		} else {
			for i < len(b) && bareKeyByte(b[i]) {
				i++
			}
		}
		if !part {
			continue // not TOML
		}
		part = false
		if depth++; depth > limit {
			return 0, 0, &Error{Pos: offsetPos(b, start, firstLine), Msg: tooDeep}
		}
		if parts != nil {
			*parts = append(*parts, keyPart{keyName(b[start:i]), start})
		}
	}
	return i, depth, nil
}

// bareKeyByte: c may be part of a bare key (TOML allows fewer bytes; any
// other is the decoder's to reject).
func bareKeyByte(c byte) bool {
	switch c {
	case ' ', '\t', '\r', '\n', '.', '=', '[', ']', '{', '}', ',', '#', '"', '\'':
		return false
	}
	return true
}

type keyPart struct {
	name string
	at   int // offset in the block
}

// keyName is the name a key part written k stands for: a quoted key
// without its quotes and escapes. (An escape Go reads otherwise than TOML,
// which a real key hardly has, leaves the key as written.)
func keyName(k []byte) string {
	if len(k) >= 2 && k[0] == '\'' && k[len(k)-1] == '\'' {
		return string(k[1 : len(k)-1])
	}
	if len(k) >= 2 && k[0] == '"' {
		if s, err := strconv.Unquote(string(k)); err == nil {
			return s
		}
	}
	return string(k)
}

// headerDepth is the depth of the table a header names, parts its key:
// one level a part, and one more for each part that names an array of
// tables, whose elements the parts after it are in. It records the path
// of an [[array]] header (array) in arrays.
func headerDepth(b []byte, firstLine int, parts []keyPart, array bool, arrays map[string]bool) (int, error) {
	depth := 0
	var path []byte
	for n, p := range parts {
		depth++
		path = strconv.AppendInt(path, int64(len(p.name)), 10)
		path = append(path, ':')
		path = append(path, p.name...)
		if last := n == len(parts)-1; last && array || !last && arrays[string(path)] {
			depth++
		}
		if depth > maxDepth {
			return 0, &Error{Pos: offsetPos(b, p.at, firstLine), Msg: tooDeep}
		}
	}
	if array {
		arrays[string(path)] = true
	}
	return depth, nil
}

// afterKey is where the value after a key ends at b[end] starts: past the
// '=', or at whatever else the key ended on.
func afterKey(b []byte, end int) int {
	if end < len(b) && b[end] == '=' {
		return end + 1
	}
	return end
}

// lineEnd is the index of the newline ending the line of b[i], or len(b).
func lineEnd(b []byte, i int) int {
	if j := bytes.IndexByte(b[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(b)
}

// skipString returns the index just past the string whose opening quote
// is b[i]: "..." with backslash escapes or '...' without, ended early by
// a line break (the decoder rejects it); with multiLine, also strings
// opened by three quotes of either kind, which may hold line breaks and
// end on a run of three to five (one or two of them the string's).
func skipString(b []byte, i int, multiLine bool) int {
	q := b[i]
	escapes := q == '"'
	if multiLine && i+2 < len(b) && b[i+1] == q && b[i+2] == q {
		for j := i + 3; j < len(b); j++ {
			switch {
			case b[j] == '\\' && escapes:
				j++
			case b[j] == q:
				run := 1
				for j+run < len(b) && b[j+run] == q {
					run++
				}
				if run >= 3 {
					return j + run
				}
				j += run - 1
			}
		}
		return len(b)
	}
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			if escapes {
				j++
			}
		case q:
			return j + 1
		case '\n':
			return j
		}
	}
	return len(b)
}
