package importer

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

func (m *mapper) lists() {
	if k, v, ok := m.first(tagKeys); ok {
		if names := m.names(k, v); len(names) > 0 {
			m.set("tags", names)
		}
	}
	if k, v, ok := m.first(categoryKeys); ok {
		if names := m.names(k, v); len(names) > 0 {
			m.set("categories", names)
		}
	}
	if v, ok := m.p.Get("aliases"); ok {
		for _, a := range flatten(v) {
			m.p.plan.aliases = append(m.p.plan.aliases, a)
		}
	}
}

// names reads a list of tags or categories: a list (Hexo's nested
// category lists flattened), or a string holding one or several.
func (m *mapper) names(key string, v any) []string {
	if s, ok := v.(string); ok {
		return splitNames(s, m.sep)
	}
	if _, ok := v.([]any); !ok {
		if s, ok := scalarString(v); ok {
			return splitNames(s, m.sep)
		}
		m.note(key, "%s: not a list of names; left out", key)
		return nil
	}
	var out []string
	for _, n := range flatten(v) {
		if n = strings.TrimSpace(n); n != "" && !contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// splitNames splits "a, b" (and, with sep " ", "a b") into names.
func splitNames(s, sep string) []string {
	var parts []string
	switch {
	case strings.Contains(s, ","):
		parts = strings.Split(s, ",")
	case sep == " ":
		parts = strings.Fields(s)
	default:
		parts = []string{s}
	}
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" && !contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// flatten lists the strings in v, descending into lists.
func flatten(v any) []string {
	switch v := v.(type) {
	case []any:
		var out []string
		for _, x := range v {
			out = append(out, flatten(x)...)
		}
		return out
	case nil:
		return nil
	}
	if s, ok := scalarString(v); ok {
		return []string{s}
	}
	return nil
}

// others keeps keys bulletin reads with a meaning of its own only when
// their values fit it, and every unknown key as it is.
func (m *mapper) others() {
	if v, ok := m.p.Get("layout"); ok {
		if s, _ := scalarString(v); !defaultLayouts[s] {
			m.note("layout", "layout %q left out: bulletin's own layouts show the page", s)
		}
	}
	if k, v, ok := m.first(pinnedKeys); ok && truthy(v) {
		m.set("pinned", true)
		_ = k
	}
	checks := []struct {
		key string
		ok  func(any) bool
	}{
		{"weight", func(v any) bool { _, ok := v.(int64); _, ok2 := v.(int); return ok || ok2 }},
		{"source", func(v any) bool { _, ok := v.(string); return ok }},
		{"footer", isMap},
		{"cascade", isMap},
	}
	for _, c := range checks {
		if v, ok := m.p.Get(c.key); ok {
			if c.ok(v) {
				m.set(c.key, v)
			} else {
				m.note(c.key, "%s: a value bulletin reads otherwise; left out", c.key)
			}
		}
	}
	for _, f := range m.p.Front {
		if consumed[f.Key] {
			continue
		}
		m.set(f.Key, keepValue(f.Value))
	}
}

func isMap(v any) bool { _, ok := v.(map[string]any); return ok }

// keepValue makes a kept value plain data: times become RFC 3339 text.
func keepValue(v any) any {
	switch v := v.(type) {
	case time.Time:
		return v.Format(time.RFC3339Nano)
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = keepValue(x)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = keepValue(x)
		}
		return out
	}
	return v
}

// scalarString is a string, number or boolean as text.
func scalarString(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case int, int64, float64, bool:
		return fmt.Sprint(v), true
	case time.Time:
		return v.Format(time.RFC3339), true
	}
	return "", false
}

func truthy(v any) bool {
	switch v := v.(type) {
	case bool:
		return v
	case string:
		s := strings.ToLower(strings.TrimSpace(v))
		return s == "true" || s == "yes" || s == "1"
	case int64:
		return v != 0
	case int:
		return v != 0
	}
	return false
}

// personName reads an author: a name, a list of names, or a mapping with
// a name.
func personName(v any) string {
	switch v := v.(type) {
	case []any:
		var names []string
		for _, x := range v {
			if n := personName(x); n != "" {
				names = append(names, n)
			}
		}
		return strings.Join(names, ", ")
	case map[string]any:
		for _, k := range []string{"name", "display_name", "nick", "title"} {
			if s, ok := v[k].(string); ok {
				return strings.TrimSpace(s)
			}
		}
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		if len(keys) == 1 {
			return keys[0] // Jekyll's "author: {jane: ...}" data reference
		}
		return ""
	}
	s, _ := scalarString(v)
	return strings.TrimSpace(s)
}

// imagePath reads a cover: a path, the first of a list, or a mapping with
// a path.
func imagePath(v any) string {
	switch v := v.(type) {
	case []any:
		for _, x := range v {
			if s := imagePath(x); s != "" {
				return s
			}
		}
		return ""
	case map[string]any:
		for _, k := range []string{"path", "src", "url", "feature", "image", "file"} {
			if s, ok := v[k].(string); ok && strings.TrimSpace(s) != "" {
				return strings.TrimSpace(s)
			}
		}
		return ""
	}
	s, _ := v.(string)
	return strings.TrimSpace(s)
}
