// Package diagtest helps tests compare diagnostics on every system.
package diagtest

import (
	"path/filepath"
	"strings"
)

// Slashed returns text (one diagnostic or several, a line each) with the
// path that begins each line slash-separated, as tests write it: positions
// print with the system's separators (content\news\a.md on Windows), and
// the rest of a line is left alone (a message may quote a backslash).
func Slashed(text string) string {
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		if end := strings.IndexByte(line, ':'); end > 0 {
			lines[i] = filepath.ToSlash(line[:end]) + line[end:]
		}
	}
	return strings.Join(lines, "\n")
}
