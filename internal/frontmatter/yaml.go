package frontmatter

import (
	"errors"
	"fmt"
	"math"
	"strconv"

	yaml "go.yaml.in/yaml/v4"
)

func decodeYAML(block []byte, firstLine int, m *Matter) error {
	if simpleYAML(block, firstLine, m) {
		return nil
	}
	return parseYAML(block, firstLine, m)
}

// parseYAML decodes any YAML block with the YAML parser.
func parseYAML(block []byte, firstLine int, m *Matter) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(block, &doc); err != nil {
		return yamlError(err, firstLine)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil // an empty block
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null" {
		return nil
	}
	if root.Kind != yaml.MappingNode {
		return &Error{Pos: Position{firstLine + root.Line - 1, root.Column}, Msg: "front matter must be a mapping of keys to values"}
	}
	v, err := yamlValue(root, firstLine, "", m.Pos, 0)
	if err != nil {
		return err
	}
	m.Fields = v.(map[string]any)
	return nil
}

func yamlError(err error, firstLine int) error {
	var le *yaml.LoadError
	if errors.As(err, &le) {
		return &Error{Pos: Position{firstLine + max(le.Mark.Line, 1) - 1, max(le.Mark.Column, 1)}, Msg: "YAML front matter: " + le.Message}
	}
	var les *yaml.LoadErrors
	if errors.As(err, &les) && len(les.Errors) > 0 {
		return yamlError(les.Errors[0], firstLine)
	}
	return &Error{Pos: Position{firstLine, 1}, Msg: "YAML front matter: " + err.Error()}
}

// maxDepth bounds nesting so a hostile file cannot exhaust the stack.
const maxDepth = 64

// yamlValue converts a node into plain Go values, recording positions.
// Timestamps stay strings: bulletin parses dates itself, in the site zone.
func yamlValue(n *yaml.Node, firstLine int, path string, pos map[string]Position, depth int) (any, error) {
	at := Position{firstLine + n.Line - 1, n.Column}
	if depth > maxDepth {
		return nil, &Error{Pos: at, Msg: "front matter is nested too deeply"}
	}
	if path != "" {
		pos[path] = at
	}
	switch n.Kind {
	case yaml.AliasNode:
		if n.Alias == nil {
			return nil, &Error{Pos: at, Msg: "unknown alias"}
		}
		return yamlValue(n.Alias, firstLine, "", pos, depth+1)
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				return nil, &Error{Pos: Position{firstLine + k.Line - 1, k.Column}, Msg: "a key must be a plain value"}
			}
			if k.Value == "<<" && k.ShortTag() == "!!merge" {
				merged, err := yamlValue(v, firstLine, "", pos, depth+1)
				if err != nil {
					return nil, err
				}
				if mm, ok := merged.(map[string]any); ok {
					for mk, mv := range mm {
						if _, set := out[mk]; !set {
							out[mk] = mv
						}
					}
				}
				continue
			}
			child := k.Value
			if path != "" {
				child = path + "." + k.Value
			}
			if _, dup := out[k.Value]; dup {
				return nil, &Error{Pos: Position{firstLine + k.Line - 1, k.Column}, Msg: fmt.Sprintf("key %q is set twice", k.Value)}
			}
			val, err := yamlValue(v, firstLine, child, pos, depth+1)
			if err != nil {
				return nil, err
			}
			out[k.Value] = val
		}
		return out, nil
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			val, err := yamlValue(c, firstLine, "", pos, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, val)
		}
		return out, nil
	case yaml.ScalarNode:
		return yamlScalar(n, at)
	}
	return nil, nil
}

func yamlScalar(n *yaml.Node, at Position) (any, error) {
	switch n.ShortTag() {
	case "!!null":
		return nil, nil
	case "!!bool":
		var b bool
		if err := n.Load(&b); err != nil {
			return nil, &Error{Pos: at, Msg: err.Error()}
		}
		return b, nil
	case "!!int":
		var i int64
		if err := n.Load(&i); err == nil {
			return i, nil
		}
		var u uint64
		if err := n.Load(&u); err == nil && u <= math.MaxInt64 {
			return int64(u), nil
		}
		f, err := strconv.ParseFloat(n.Value, 64)
		if err != nil {
			return nil, &Error{Pos: at, Msg: fmt.Sprintf("number %q is out of range", n.Value)}
		}
		return f, nil
	case "!!float":
		var f float64
		if err := n.Load(&f); err != nil {
			return nil, &Error{Pos: at, Msg: err.Error()}
		}
		return f, nil
	default: // !!str, !!timestamp, !!binary and custom tags keep their text
		return n.Value, nil
	}
}
