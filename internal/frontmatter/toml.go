package frontmatter

import (
	"errors"
	"time"

	"github.com/BurntSushi/toml"
)

func decodeTOML(block []byte, firstLine int, m *Matter) error {
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
