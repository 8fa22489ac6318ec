package frontmatter

import (
	"encoding/binary"
	"errors"
	"math"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/wire"
)

// A build remembers the decoded front matter of every file for the next
// process (bulletin build after bulletin build), which then parses only
// the files that changed: Encode and Decode carry a Matter without its
// body (the file has it) and give back exactly the values Parse gave,
// types included (FuzzParse checks it on everything it parses).
//
//	matter = format bodyLine bodyStart count (key value)* count (key line col)*
//	value  = kind [payload]: nil, false, true, int64, float64, string,
//	         time (RFC 3339 text, UTC), list (count value*), map (count (key value)*)

const (
	kindNil byte = iota
	kindFalse
	kindTrue
	kindInt
	kindFloat
	kindString
	kindTime
	kindList
	kindMap
)

var errMemo = errors.New("front matter memo: corrupt")

// Encode writes m without its body. BodyStart is where the body starts in
// the file Parse was given. ok is false when m holds a value Decode could
// not give back exactly; the caller then parses the file every time.
func Encode(m *Matter, bodyStart int) (data []byte, ok bool) {
	b := wire.AppendField(nil, string(m.Format))
	b = binary.AppendUvarint(b, uint64(m.BodyLine))
	b = binary.AppendUvarint(b, uint64(bodyStart))
	b, ok = appendMap(b, m.Fields)
	b = binary.AppendUvarint(b, uint64(len(m.Pos)))
	for k, p := range m.Pos {
		b = wire.AppendField(b, k)
		b = binary.AppendUvarint(b, uint64(p.Line))
		b = binary.AppendUvarint(b, uint64(p.Col))
	}
	return b, ok
}

func appendMap(b []byte, m map[string]any) ([]byte, bool) {
	b = binary.AppendUvarint(b, uint64(len(m)))
	ok := true
	for k, v := range m {
		b = wire.AppendField(b, k)
		var good bool
		b, good = appendValue(b, v)
		ok = ok && good
	}
	return b, ok
}

func appendValue(b []byte, v any) ([]byte, bool) {
	switch v := v.(type) {
	case nil:
		return append(b, kindNil), true
	case bool:
		if v {
			return append(b, kindTrue), true
		}
		return append(b, kindFalse), true
	case int64:
		return binary.AppendVarint(append(b, kindInt), v), true
	case float64:
		return binary.LittleEndian.AppendUint64(append(b, kindFloat), math.Float64bits(v)), true
	case string:
		return wire.AppendField(append(b, kindString), v), true
	case time.Time:
		// TOML's date-times in UTC; one with an offset keeps a zone
		// that cannot be rebuilt exactly: not remembered.
		if v.Location() != time.UTC {
			return b, false
		}
		return wire.AppendField(append(b, kindTime), v.Format(time.RFC3339Nano)), true
	case []any:
		b = binary.AppendUvarint(append(b, kindList), uint64(len(v)))
		ok := true
		for _, x := range v {
			var good bool
			b, good = appendValue(b, x)
			ok = ok && good
		}
		return b, ok
	case map[string]any:
		return appendMap(append(b, kindMap), v)
	}
	return b, false
}

// Decode reads what Encode wrote: the matter without its body, and where
// the body starts in the file.
func Decode(data []byte) (m *Matter, bodyStart int, err error) {
	r := memoReader{wire.NewReader(data)}
	m = &Matter{Format: Format(r.String()), BodyLine: r.int(), Pos: map[string]Position{}}
	bodyStart = r.int()
	m.Fields = r.mapping(0)
	for n := r.Count(3); n > 0; n-- {
		k := r.String()
		m.Pos[k] = Position{Line: r.int(), Col: r.int()}
	}
	if r.Err() != nil || r.Len() != 0 {
		return nil, 0, errMemo
	}
	return m, bodyStart, nil
}

type memoReader struct{ *wire.Reader }

// int reads a line, column or offset.
func (r memoReader) int() int {
	v := r.Uvarint()
	if v > math.MaxInt32 {
		r.Fail()
		return 0
	}
	return int(v)
}

func (r memoReader) mapping(depth int) map[string]any {
	n := r.Count(2)
	m := make(map[string]any, n)
	for ; n > 0 && r.Err() == nil; n-- {
		k := r.String()
		m[k] = r.value(depth + 1)
	}
	return m
}

func (r memoReader) value(depth int) any {
	if depth > maxDepth+1 || r.Len() == 0 { // nested as deep as Parse allows
		r.Fail()
		return nil
	}
	switch r.Byte() {
	case kindNil:
		return nil
	case kindFalse:
		return false
	case kindTrue:
		return true
	case kindInt:
		return r.Varint()
	case kindFloat:
		b := r.Bytes(8)
		if b == nil {
			return nil
		}
		return math.Float64frombits(binary.LittleEndian.Uint64(b))
	case kindString:
		return r.String()
	case kindTime:
		t, err := time.Parse(time.RFC3339Nano, r.String())
		if err != nil {
			r.Fail()
			return nil
		}
		return t.UTC()
	case kindList:
		n := r.Count(1)
		out := make([]any, 0, n)
		for ; n > 0 && r.Err() == nil; n-- {
			out = append(out, r.value(depth+1))
		}
		return out
	case kindMap:
		return r.mapping(depth)
	}
	r.Fail()
	return nil
}
