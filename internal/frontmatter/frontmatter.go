// Package frontmatter splits a source file into its front matter and body
// and decodes the front matter strictly.
//
// It owns nothing but that split. Formats are those adrg/frontmatter
// detects: YAML between "---" lines, TOML between "+++" lines, JSON as a
// "{ ... }" object followed by a blank line (and the "---yaml", "---toml",
// "---json", ";;;" variants). On top of adrg it adds what bulletin's
// contract needs:
//
//   - a UTF-8 byte-order mark is skipped;
//   - an opening delimiter without its closing one is an error, not a body;
//   - nested maps come back as map[string]any;
//   - date-like values are not interpreted here: YAML timestamps and TOML
//     local dates stay strings, so the caller parses every date the same
//     way in the site's zone;
//   - every error, and the value of every key, carries its line and column
//     in the original file.
//
// It never guesses: a block that does not decode is an error at its
// place, never taken for the body.
package frontmatter

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"

	adrg "github.com/adrg/frontmatter"
)

// Format names the syntax of a front-matter block.
type Format string

const (
	None Format = ""
	YAML Format = "yaml"
	TOML Format = "toml"
	JSON Format = "json"
)

// Position is a 1-based line and column in the source file.
type Position struct{ Line, Col int }

// Matter is a decoded source file.
type Matter struct {
	Format Format
	Fields map[string]any
	// Pos maps a dotted key path ("date", "footer.icp") to the position of
	// its value. A key whose position is unknown is absent.
	Pos      map[string]Position
	Body     []byte
	BodyLine int // line of the file on which Body starts
}

// Error is a front-matter problem at a line and column of the file.
type Error struct {
	Pos Position
	Msg string
}

func (e *Error) Error() string { return fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Col, e.Msg) }

var bom = []byte("\xef\xbb\xbf")

// Parse splits src into front matter and body. A file without front matter
// gives empty Fields and the whole text as Body.
func Parse(src []byte) (*Matter, error) { return parse(src, true) }

// parse is Parse; bounded hands adrg only the block (FuzzParse checks
// that this changes nothing).
func parse(src []byte, bounded bool) (*Matter, error) {
	src = bytes.TrimPrefix(src, bom)
	m := &Matter{Fields: map[string]any{}, Pos: map[string]Position{}, Body: src, BodyLine: 1}

	f, openLine := detect(src)
	if f == nil {
		return m, nil
	}
	var decodeErr error
	called := false
	format := f.format
	adrgFormat := adrg.NewFormat(f.start, f.end, func(block []byte, _ any) error {
		called = true
		// The block starts on the line after the opening delimiter, except
		// for JSON, whose delimiters belong to the data.
		first := openLine + 1
		if f.delimsInData {
			first = openLine
		}
		decodeErr = decode(format, block, first, m)
		return nil
	})
	adrgFormat.UnmarshalDelims = f.delimsInData
	adrgFormat.RequiresNewLine = f.delimsInData
	// adrg copies all it reads, line by line: hand it the block alone
	// (through its closing line), not the article after it.
	block := src
	if end := closingEnd(src, f); end > 0 && bounded {
		block = src[:end]
	}
	body, err := parseBlock(block, adrgFormat)
	if err != nil {
		return nil, &Error{Pos: Position{openLine, 1}, Msg: err.Error()}
	}
	if !called {
		return nil, &Error{Pos: Position{openLine, 1}, Msg: fmt.Sprintf("front matter opened with %q is never closed (expected a line %q)", f.start, f.end)}
	}
	if decodeErr != nil {
		return nil, decodeErr
	}
	m.Format = format
	// What adrg returns is the end of block; the body goes on to the end
	// of src.
	body = src[len(block)-len(body):]
	// body is a slice of the caller's buffer (the file's size), not of
	// adrg's copy: a watched session keeps every page's body.
	m.Body = body
	m.BodyLine = 1 + bytes.Count(src[:len(src)-len(body)], []byte("\n"))
	return m, nil
}

// readers are the buffered readers adrg reads blocks through. adrg wraps
// what it is given in a bufio.Reader of 4 KiB unless it is one already:
// one for every file of a build was a noticeable share of its
// allocations.
var readers = sync.Pool{New: func() any { return bufio.NewReader(nil) }}

// parseBlock is adrg.Parse of block through a pooled reader.
func parseBlock(block []byte, format *adrg.Format) ([]byte, error) {
	r := readers.Get().(*bufio.Reader)
	defer readers.Put(r)
	r.Reset(bytes.NewReader(block))
	body, err := adrg.Parse(r, nil, format)
	r.Reset(nil) // let block go
	return body, err
}

// closingEnd is the offset just past the line that closes the block f
// opened, as adrg finds it (the first line after the opening one that is
// the closing delimiter, spaces aside), or 0 when it is not sure: JSON's
// "}" must be followed by a blank line, so adrg reads on.
func closingEnd(src []byte, f *delimiters) int {
	if f.delimsInData {
		return 0
	}
	open := false
	for off := 0; off < len(src); {
		line, _, found := bytes.Cut(src[off:], []byte("\n"))
		next := off + len(line)
		if found {
			next++
		}
		t := string(bytes.TrimSpace(line))
		switch {
		case !open && t == "":
		case !open:
			open = true // the opening delimiter (detect found it)
		case t == f.end:
			return next
		}
		off = next
	}
	return 0
}

type delimiters struct {
	start, end   string
	format       Format
	delimsInData bool
}

var known = []delimiters{
	{"---", "---", YAML, false},
	{"---yaml", "---", YAML, false},
	{"+++", "+++", TOML, false},
	{"---toml", "---", TOML, false},
	{";;;", ";;;", JSON, false},
	{"---json", "---", JSON, false},
	{"{", "}", JSON, true},
}

// detect reports the front-matter format whose opening delimiter is the
// first non-blank line, and that line's number, the way adrg detects it.
func detect(src []byte) (*delimiters, int) {
	line := 0
	for len(src) > 0 {
		line++
		var text []byte
		text, src, _ = bytes.Cut(src, []byte("\n"))
		t := string(bytes.TrimSpace(text))
		if t == "" {
			continue
		}
		for i := range known {
			if known[i].start == t {
				return &known[i], line
			}
		}
		return nil, 0
	}
	return nil, 0
}

func decode(f Format, block []byte, firstLine int, m *Matter) error {
	switch f {
	case YAML:
		return decodeYAML(block, firstLine, m)
	case TOML:
		return decodeTOML(block, firstLine, m)
	default:
		return decodeJSON(block, firstLine, m)
	}
}

func decodeJSON(block []byte, firstLine int, m *Matter) error {
	if err := jsonNesting(block, firstLine); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(block))
	dec.UseNumber()
	var fields map[string]any
	if err := dec.Decode(&fields); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		offset := int64(0)
		switch {
		case errors.As(err, &syn):
			offset = syn.Offset - 1 // Offset counts the offending byte
		case errors.As(err, &typ):
			offset = typ.Offset
		}
		return &Error{Pos: offsetPos(block, int(offset), firstLine), Msg: "JSON front matter: " + err.Error()}
	}
	m.Fields = normalizeJSON(fields).(map[string]any)
	locateKeys(block, firstLine, m, jsonKeyLine)
	return nil
}

// jsonNesting fails at the first object or array deeper than maxDepth,
// the outermost object at depth 0, so that JSON nests no deeper than YAML
// and TOML (the decoder alone allows 10,000 levels).
func jsonNesting(block []byte, firstLine int) error {
	depth := -1
	for i := 0; i < len(block); {
		switch block[i] {
		case '"':
			i = skipString(block, i, false)
			continue
		case '{', '[':
			if depth++; depth > maxDepth {
				return &Error{Pos: offsetPos(block, i, firstLine), Msg: tooDeep}
			}
		case '}', ']':
			depth = max(depth-1, -1)
		}
		i++
	}
	return nil
}

// normalizeJSON turns json.Number into int64 or float64, as YAML and TOML
// decode numbers.
func normalizeJSON(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = normalizeJSON(x)
		}
		return v
	case []any:
		for i, x := range v {
			v[i] = normalizeJSON(x)
		}
		return v
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return i
		}
		f, _ := v.Float64()
		return f
	}
	return v
}

// offsetPos converts a byte offset in block into a file position.
func offsetPos(block []byte, offset, firstLine int) Position {
	if offset > len(block) {
		offset = len(block)
	}
	if offset < 0 {
		offset = 0
	}
	before := block[:offset]
	line := firstLine + bytes.Count(before, []byte("\n"))
	col := offset - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return Position{line, col}
}

// locateKeys records the position of each top-level key's value by finding
// the line that defines it. It serves TOML and JSON, whose decoders do not
// report key positions; YAML positions come from its node tree.
func locateKeys(block []byte, firstLine int, m *Matter, match func(line, key string) (int, bool)) {
	lines := strings.Split(string(block), "\n")
	for key := range m.Fields {
		for i, l := range lines {
			if col, ok := match(l, key); ok {
				m.Pos[key] = Position{firstLine + i, col}
				break
			}
		}
	}
}

func jsonKeyLine(line, key string) (int, bool) {
	quoted, _ := json.Marshal(key)
	i := strings.Index(line, string(quoted))
	if i < 0 {
		return 0, false
	}
	rest := line[i+len(quoted):]
	trimmed := strings.TrimLeft(rest, " \t")
	if !strings.HasPrefix(trimmed, ":") {
		return 0, false
	}
	after := trimmed[1:]
	value := len(line) - len(strings.TrimLeft(after, " \t"))
	return value + 1, true
}

func tomlKeyLine(line, key string) (int, bool) {
	trimmed := strings.TrimLeft(line, " \t")
	for _, form := range []string{key, `"` + key + `"`} {
		if !strings.HasPrefix(trimmed, form) {
			continue
		}
		rest := strings.TrimLeft(trimmed[len(form):], " \t")
		if !strings.HasPrefix(rest, "=") {
			continue
		}
		after := rest[1:]
		value := len(line) - len(strings.TrimLeft(after, " \t"))
		return value + 1, true
	}
	return 0, false
}
