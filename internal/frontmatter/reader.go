package frontmatter

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/dates"
	"github.com/bulletin-ssg/bulletin/internal/diag"
)

// Reader reads typed values out of a Matter and collects one positioned
// error per bad value, so a file reports all its problems at once.
type Reader struct {
	File string // site-relative path used in errors
	M    *Matter
	Errs []error

	parent *Reader // for a Sub reader: where its errors go
	prefix string  // for a Sub reader: "key."
}

// Sub reads the mapping at key; its errors are the parent's, positioned at
// the nested values ("company.name").
func (r *Reader) Sub(key string) *Reader {
	fields := r.Map(key)
	if fields == nil {
		fields = map[string]any{}
	}
	return &Reader{File: r.File, M: &Matter{Fields: fields, Pos: r.M.Pos}, parent: r, prefix: r.prefix + key + "."}
}

// Fail records an error at the value of key (or at the block when the key
// has no known position).
func (r *Reader) Fail(key, format string, args ...any) {
	if r.parent != nil {
		r.parent.Fail(r.prefix+key, format, args...)
		return
	}
	p, ok := r.M.Pos[key]
	if !ok {
		p = Position{Line: 1, Col: 1}
	}
	r.Errs = append(r.Errs, diag.At(r.File, p.Line, p.Col, format, args...))
}

// Has reports whether key is set.
func (r *Reader) Has(key string) bool {
	_, ok := r.M.Fields[key]
	return ok
}

// String reads a text value; numbers and booleans are written as text.
func (r *Reader) String(key string) string {
	v, ok := r.M.Fields[key]
	if !ok || v == nil {
		return ""
	}
	s, ok := Text(v)
	if !ok {
		r.Fail(key, "%s%s: want text, got %s", r.prefix, key, kind(v))
	}
	return s
}

// Text renders a scalar as text.
func Text(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case int64:
		return strconv.FormatInt(v, 10), true
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64), true
	case bool:
		return strconv.FormatBool(v), true
	case time.Time:
		return v.Format(time.RFC3339), true
	}
	return "", false
}

// Bool reads true/false.
func (r *Reader) Bool(key string) bool {
	v, ok := r.M.Fields[key]
	if !ok || v == nil {
		return false
	}
	b, ok := v.(bool)
	if !ok {
		r.Fail(key, "%s: want true or false, got %s", key, kind(v))
	}
	return b
}

// Int reads a whole number; def is returned when the key is absent.
func (r *Reader) Int(key string, def int) int {
	v, ok := r.M.Fields[key]
	if !ok || v == nil {
		return def
	}
	switch v := v.(type) {
	case int64:
		return int(v)
	case float64:
		if v == float64(int(v)) {
			return int(v)
		}
	case string:
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
			return n
		}
	}
	r.Fail(key, "%s: want a whole number, got %s", key, kind(v))
	return def
}

// Strings reads a list of text values; a single text value is a list of one.
func (r *Reader) Strings(key string) []string {
	v, ok := r.M.Fields[key]
	if !ok || v == nil {
		return nil
	}
	switch v := v.(type) {
	case string:
		if strings.TrimSpace(v) == "" {
			return nil
		}
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			s, ok := Text(x)
			if !ok {
				r.Fail(key, "%s: want a list of text, found %s", key, kind(x))
				return nil
			}
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	r.Fail(key, "%s: want a list such as [a, b], got %s", key, kind(v))
	return nil
}

// Map reads a nested mapping.
func (r *Reader) Map(key string) map[string]any {
	v, ok := r.M.Fields[key]
	if !ok || v == nil {
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		r.Fail(key, "%s: want a mapping of keys to values, got %s", key, kind(v))
	}
	return m
}

// Time reads a date in zone; the zero time when the key is absent.
func (r *Reader) Time(key string, zone *time.Location) time.Time {
	v, ok := r.M.Fields[key]
	if !ok {
		return time.Time{}
	}
	t, err := dates.Parse(v, zone)
	if err != nil {
		r.Fail(key, "%s", err)
	}
	return t
}

func kind(v any) string {
	switch v := v.(type) {
	case nil:
		return "nothing"
	case string:
		return fmt.Sprintf("text %q", v)
	case bool:
		return fmt.Sprintf("%v", v)
	case int64, float64:
		return fmt.Sprintf("the number %v", v)
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	case time.Time:
		return "a date"
	}
	return fmt.Sprintf("%T", v)
}
