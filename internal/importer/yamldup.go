package importer

import (
	"bytes"
	"fmt"
	"strings"

	yaml "go.yaml.in/yaml/v4"
)

// LastKeyWins drops from a YAML document the earlier of two keys written
// in one block mapping, as the YAML readers of Jekyll and Hexo let the
// last one win where go-yaml refuses the whole document. The dropped
// lines become blank lines, so lines keep their numbers. The notes say
// which keys were dropped, each with offset added to its line; data
// comes back as it was when it has no such keys or is no YAML at all.
func LastKeyWins(file string, data []byte, offset int) ([]byte, []Note) {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil {
		return data, nil
	}
	lines := bytes.SplitAfter(data, []byte("\n"))
	var notes []Note
	var walk func(n *yaml.Node, path string)
	walk = func(n *yaml.Node, path string) {
		if n.Kind == yaml.MappingNode && n.Style&yaml.FlowStyle == 0 {
			dropped := map[int]bool{}
			last := map[string]int{}
			for i := 0; i+1 < len(n.Content); i += 2 {
				last[n.Content[i].Value] = i
			}
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				j := last[k.Value]
				if j == i || k.Kind != yaml.ScalarNode || !startsLine(lines, k) {
					continue
				}
				dropped[i] = true
				from, to := k.Line, n.Content[i+2].Line // the next key of the mapping ends it
				for l := from; l < to && l <= len(lines); l++ {
					lines[l-1] = blankLine(lines[l-1])
				}
				notes = append(notes, Note{File: file, Line: from + offset, Msg: fmt.Sprintf("%s is set twice, here and on line %d: the last one is used, as the old site did", path+k.Value, n.Content[j].Line+offset)})
			}
			for i := 1; i < len(n.Content); i += 2 {
				if !dropped[i-1] {
					walk(n.Content[i], path+n.Content[i-1].Value+".")
				}
			}
			return
		}
		for _, c := range n.Content {
			walk(c, path)
		}
	}
	walk(&doc, "")
	if len(notes) == 0 {
		return data, nil
	}
	return bytes.Join(lines, nil), notes
}

// startsLine reports whether key k is the first thing on its line, so
// that blanking the line drops nothing else.
func startsLine(lines [][]byte, k *yaml.Node) bool {
	if k.Line < 1 || k.Line > len(lines) || k.Column < 1 || k.Column > len(lines[k.Line-1]) {
		return false
	}
	return len(bytes.TrimLeft(lines[k.Line-1][:k.Column-1], " ")) == 0
}

func blankLine(l []byte) []byte {
	if bytes.HasSuffix(l, []byte("\r\n")) {
		return []byte("\r\n")
	}
	if bytes.HasSuffix(l, []byte("\n")) {
		return []byte("\n")
	}
	return nil
}

// dupKeyError reports whether err is go-yaml's refusal of a key written
// twice.
func dupKeyError(err error) bool {
	return err != nil && (strings.Contains(err.Error(), "already defined") || strings.Contains(err.Error(), "is set twice"))
}
