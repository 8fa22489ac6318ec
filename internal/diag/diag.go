// Package diag holds the positioned error every stage of bulletin reports.
//
// An error is born with its position (file relative to the site root, line,
// column) and is never parsed back out of a string. A stage collects its
// errors with errors.Join; the CLI prints each on its own line as
// "file:line:col: message", the form editors and CI annotations understand,
// with the path in the system's own separators (what an author on Windows
// pastes into the editor's file search). Machine-read forms (check's JSON)
// keep File slash-separated.
package diag

import (
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
)

// Error is a problem at a place in the site's source.
type Error struct {
	File string // slash-separated, relative to the site root; may be empty (printed with the system's separators)
	Line int    // 1-based; 0 when unknown
	Col  int    // 1-based; 0 when unknown
	Msg  string
	Err  error // optional wrapped cause
	// Code names the kind of a warning for bulletin check ("raw-html");
	// "" leaves it to the caller. It is not part of the text.
	Code string
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(filepath.FromSlash(e.File)) // as the author types it: content\news\a.md on Windows
		if e.Line > 0 {
			fmt.Fprintf(&b, ":%d", e.Line)
			if e.Col > 0 {
				fmt.Fprintf(&b, ":%d", e.Col)
			}
		}
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// At makes an Error at file:line:col with a formatted message.
func At(file string, line, col int, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}

// Flatten returns the leaves of err: the errors joined with errors.Join, in
// order, so a caller can print one per line.
func Flatten(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, Flatten(e)...)
		}
		return out
	}
	return []error{err}
}

// Sorted joins errs in a stable order (by file, line, column, message), so
// that a parallel stage reports the same text on every run.
func Sorted(errs []error) error {
	flat := make([]error, 0, len(errs))
	for _, e := range errs {
		flat = append(flat, Flatten(e)...)
	}
	if len(flat) == 0 {
		return nil
	}
	sort.SliceStable(flat, func(i, j int) bool { return less(flat[i], flat[j]) })
	return errors.Join(flat...)
}

func less(a, b error) bool {
	var da, db *Error
	okA, okB := errors.As(a, &da), errors.As(b, &db)
	if okA && okB {
		if da.File != db.File {
			return da.File < db.File
		}
		if da.Line != db.Line {
			return da.Line < db.Line
		}
		if da.Col != db.Col {
			return da.Col < db.Col
		}
	}
	return a.Error() < b.Error()
}
