package output

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bulletin-ssg/bulletin/internal/jsonstr"
)

// The manifest is JSON that bulletin writes one file a line:
//
//	{
//	  "generator": "bulletin",
//	  "files": {
//	    "index.html": {"size":1234,"xxh3":"…"},
//	    …
//	  }
//	}
//
// encoding/json's reflection made reading and writing a large site's
// manifest a large part of a warm build's time. Manifests in exactly
// that shape are read and written here (the same bytes encoding/json
// writes, FuzzManifest checks); anything else (edited by hand, another
// writer) is read by encoding/json.

func parseManifest(b []byte) (*Manifest, error) {
	if m, ok := parseOwnManifest(b); ok {
		return m, nil
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	return &m, nil
}

const (
	manifestHead = "{\n  \"generator\": \"bulletin\",\n  \"files\": {"
	manifestTail = "\n  }\n}\n"
)

// parseOwnManifest reads a manifest in the shape marshalManifest writes;
// ok is false for anything else.
func parseOwnManifest(b []byte) (*Manifest, bool) {
	rest, ok := bytes.CutPrefix(b, []byte(manifestHead))
	if !ok {
		return nil, false
	}
	rest, ok = bytes.CutSuffix(rest, []byte(manifestTail))
	if !ok {
		return nil, false
	}
	const sep = ",\n    "
	text := string(rest)
	m := &Manifest{Generator: "bulletin", Files: make(map[string]Entry, strings.Count(text, sep)+1)}
	if len(text) == 0 {
		return m, true
	}
	if text, ok = strings.CutPrefix(text, "\n    "); !ok {
		return nil, false
	}
	for more := true; more; {
		var line string
		line, text, more = strings.Cut(text, sep)
		// "name": {"size":N,"xxh3":"hex"}
		if len(line) < 2 || line[0] != '"' {
			return nil, false
		}
		end := strings.IndexByte(line[1:], '"') + 1
		name := line[1:end]
		if end == 0 || strings.ContainsAny(name, "\\") || !utf8.ValidString(name) {
			return nil, false // escapes: encoding/json reads them
		}
		entry, ok := strings.CutPrefix(line[end+1:], `: {"size":`)
		if !ok {
			return nil, false
		}
		size, sum, ok := strings.Cut(entry, `,"xxh3":"`)
		if !ok || !strings.HasSuffix(sum, `"}`) {
			return nil, false
		}
		n, err := strconv.ParseInt(size, 10, 64)
		if err != nil || n < 0 || size[0] == '+' || size[0] == '-' || (size[0] == '0' && len(size) > 1) {
			return nil, false // not as marshalManifest writes it
		}
		sum = sum[:len(sum)-2]
		if strings.ContainsAny(sum, "\\\"") {
			return nil, false
		}
		if _, dup := m.Files[name]; dup {
			return nil, false
		}
		m.Files[name] = Entry{Size: n, Sum: sum}
	}
	return m, true
}

// marshalManifest writes the manifest with sorted keys, one file a line.
func marshalManifest(m Manifest) ([]byte, error) {
	keys := make([]string, 0, len(m.Files))
	for k := range m.Files {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b := make([]byte, 0, len(manifestHead)+len(manifestTail)+len(keys)*128)
	b = append(b, manifestHead...)
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n    "...)
		b = jsonstr.Append(b, k)
		e := m.Files[k]
		b = append(b, `: {"size":`...)
		b = strconv.AppendInt(b, e.Size, 10)
		b = append(b, `,"xxh3":`...)
		b = jsonstr.Append(b, e.Sum)
		b = append(b, '}')
	}
	b = append(b, manifestTail...)
	return b, nil
}
