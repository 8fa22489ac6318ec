package frontmatter

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"

	yaml "go.yaml.in/yaml/v4"
)

// ParseYAML decodes a YAML file that is all data (a site's interface
// words), with the bounds and positions of front matter.
func ParseYAML(src []byte) (*Matter, error) {
	m := &Matter{Format: YAML, Fields: map[string]any{}, Pos: map[string]Position{}, BodyLine: 1}
	if err := decodeYAML(bytes.TrimPrefix(src, bom), 1, m); err != nil {
		return nil, err
	}
	return m, nil
}

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
	if bytes.IndexByte(block, '*') >= 0 { // else there is no alias
		if err := checkAliases(root, firstLine); err != nil {
			return err
		}
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

const tooDeep = "front matter is nested too deeply"

// An alias repeats the value its anchor names, so a few hundred bytes of
// anchors, each a list of aliases of the one before ("billion laughs"),
// stand for hundreds of millions of values. As in the YAML libraries,
// what aliases add is bounded relative to what the document itself
// holds: at most aliasRatio times its own nodes, or aliasFloor nodes if
// that is more (far more than real front matter repeats).
const (
	aliasRatio = 10
	aliasFloor = 10000
)

// checkAliases reports the first alias, in the order yamlValue builds
// values, past which aliases would have added more nodes than the
// document may expand to. It builds nothing: the expanded size of every
// anchored node is computed once, as the walk leaves it, so the check
// takes time linear in the document's own nodes.
func checkAliases(root *yaml.Node, firstLine int) error {
	c := aliasCheck{
		firstLine: firstLine,
		left:      max(aliasFloor, aliasRatio*countNodes(root, 0)),
		sizes:     map[*yaml.Node]int{},
	}
	if _, err := c.walk(root, 0); err != nil && !errors.Is(err, errBuildsNoFurther) {
		return err
	}
	return nil
}

// errBuildsNoFurther: yamlValue fails at this node on its own (too deep,
// a key that is not plain, an unknown alias), so nothing after it is
// built and need not be counted.
var errBuildsNoFurther = errors.New("yamlValue stops here")

type aliasCheck struct {
	firstLine int
	left      int                // nodes aliases may still add
	sizes     map[*yaml.Node]int // expanded size of each anchored node walked
}

// walk returns the number of nodes yamlValue builds for n, aliases
// expanded, and charges each alias with the size of what it names.
func (c *aliasCheck) walk(n *yaml.Node, depth int) (int, error) {
	if depth > maxDepth {
		return 0, errBuildsNoFurther
	}
	size := 1
	switch n.Kind {
	case yaml.AliasNode:
		if n.Alias == nil {
			return 0, errBuildsNoFurther
		}
		s, walked := c.sizes[n.Alias]
		// An anchor is defined before its aliases, so one not walked yet
		// encloses this alias, which then repeats itself without end.
		if !walked || s > c.left {
			return 0, &Error{Pos: Position{c.firstLine + n.Line - 1, n.Column}, Msg: "front matter expands too far"}
		}
		c.left -= s
		return s, nil
	case yaml.MappingNode, yaml.SequenceNode:
		for i, child := range n.Content {
			if n.Kind == yaml.MappingNode && i%2 == 0 && child.Kind != yaml.ScalarNode {
				return 0, errBuildsNoFurther
			}
			s, err := c.walk(child, depth+1)
			if err != nil {
				return 0, err
			}
			size += s
		}
	}
	if n.Anchor != "" {
		c.sizes[n] = size
	}
	return size, nil
}

// countNodes counts the nodes written in the document, aliases as one,
// down to the depth yamlValue goes.
func countNodes(n *yaml.Node, depth int) int {
	if depth > maxDepth {
		return 0
	}
	count := 1
	for _, child := range n.Content {
		count += countNodes(child, depth+1)
	}
	return count
}

// yamlValue converts a node into plain Go values, recording positions.
// Timestamps stay strings: bulletin parses dates itself, in the site zone.
func yamlValue(n *yaml.Node, firstLine int, path string, pos map[string]Position, depth int) (any, error) {
	at := Position{firstLine + n.Line - 1, n.Column}
	if depth > maxDepth {
		return nil, &Error{Pos: at, Msg: tooDeep}
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
