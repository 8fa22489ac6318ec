package output

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

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
	// The names and lines are views of b (a copy of a large site's
	// manifest took as long as reading it): b is a buffer read for this,
	// which no caller changes.
	text := unsafe.String(unsafe.SliceData(rest), len(rest))
	lines := strings.Count(text, sep) + 1
	m := &Manifest{Generator: "bulletin", Files: make(map[string]Entry, lines)}
	if len(text) == 0 {
		return m, true
	}
	if text, ok = strings.CutPrefix(text, "\n    "); !ok {
		return nil, false
	}
	m.sorted = make([]manifestLine, 0, lines)
	for more := true; more; {
		var line string
		line, text, more = strings.Cut(text, sep)
		// "name": {"size":N,"xxh3":"hex"}
		if len(line) < 2 || line[0] != '"' {
			return nil, false
		}
		end := strings.IndexByte(line[1:], '"') + 1
		name := line[1:end]
		plain := jsonstr.Plain(name)
		if end == 0 || !plain && (strings.ContainsAny(name, "\\") || !utf8.ValidString(name)) {
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
		if len(m.sorted) > 0 && name <= m.sorted[len(m.sorted)-1].name {
			return nil, false // not in order (or twice): not as marshalManifest writes it
		}
		e := Entry{Size: n, Sum: sum}
		m.Files[name] = e
		if !plain || !jsonstr.Plain(sum) {
			line = "" // marshalManifest escapes a character here: written again
		}
		m.sorted = append(m.sorted, manifestLine{name: name, entry: e, text: line})
	}
	return m, true
}

// marshalManifest writes the manifest with sorted keys, one file a line.
// prev, the previous build's manifest or nil, lends its order and its
// lines: see manifestLines.
func marshalManifest(m Manifest, prev *Manifest) ([]byte, error) {
	lines := manifestLines(m.Files, prev)
	b := make([]byte, 0, len(manifestHead)+len(manifestTail)+len(lines)*128)
	b = append(b, manifestHead...)
	for i, l := range lines {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n    "...)
		if l.text != "" {
			b = append(b, l.text...)
			continue
		}
		b = jsonstr.Append(b, l.name)
		b = append(b, `: {"size":`...)
		b = strconv.AppendInt(b, l.entry.Size, 10)
		b = append(b, `,"xxh3":`...)
		b = jsonstr.Append(b, l.entry.Sum)
		b = append(b, '}')
	}
	b = append(b, manifestTail...)
	return b, nil
}

// A manifestLine is one file of a manifest: its name, its entry, and the
// line as the manifest that was read wrote it ("" for one to write).
type manifestLine struct {
	name  string
	entry Entry
	text  string
}

// manifestLines is the files of a manifest in order. A build's manifest
// lists mostly the files of the one before it, which was read in order:
// those are taken in that order, each with its line as it was when its
// entry is the same, and only the others are sorted and merged in.
// Sorting ten thousand paths that share long beginnings, and writing
// each line again, was most of the time a warm build of a site of photos
// took to write its manifest.
func manifestLines(files map[string]Entry, prev *Manifest) []manifestLine {
	if prev == nil || prev.sorted == nil {
		return freshLines(files, slices.Sorted(maps.Keys(files)))
	}
	kept := make([]manifestLine, 0, len(files))
	for _, l := range prev.sorted {
		if e, ok := files[l.name]; ok {
			if e != l.entry {
				l.entry, l.text = e, ""
			}
			kept = append(kept, l)
		}
	}
	if len(kept) == len(files) {
		return kept // every file was in prev: nothing to merge
	}
	var names []string
	for name := range files {
		if _, ok := prev.Files[name]; !ok {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	fresh := freshLines(files, names)
	lines := make([]manifestLine, 0, len(files))
	for len(kept) > 0 && len(fresh) > 0 {
		if kept[0].name < fresh[0].name {
			lines, kept = append(lines, kept[0]), kept[1:]
		} else {
			lines, fresh = append(lines, fresh[0]), fresh[1:]
		}
	}
	return append(append(lines, kept...), fresh...)
}

// freshLines is the lines of files' names, to write.
func freshLines(files map[string]Entry, names []string) []manifestLine {
	lines := make([]manifestLine, len(names))
	for i, name := range names {
		lines[i] = manifestLine{name: name, entry: files[name]}
	}
	return lines
}
