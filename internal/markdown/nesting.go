package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/util"
)

// maxNesting bounds how deeply lists, block quotes, definitions and
// footnote definitions may nest. goldmark's time grows with the square of the
// depth, so a page of nothing but "- - - - …" or ever more indented list
// items would hold a build for minutes; no real document comes near.
const maxNesting = 64

// tooDeep returns the offset in src of the first container marker that
// may open a list item, quote, definition or footnote more than
// maxNesting deep, or -1 when none can.
func tooDeep(src []byte) int {
	_, at := nesting(src, maxNesting)
	return at
}

// nesting bounds, line by line, the depth of the containers goldmark can
// open in src, and returns the greatest bound and the offset of the first
// marker whose bound passes limit (-1 if none does).
//
// It runs before goldmark on every document, so it is a single pass that
// reads little more than the first byte of each line and allocates
// nothing. Each line is read alone: a container goldmark keeps open
// through a line takes a ">" of it or two columns of its indentation at
// least (a list item's text starts two columns past its marker or more, a
// definition's too, a footnote's four), and one it opens starts with a
// ">", a list marker, a definition's ": " or "[^label]:". So a line reaches no deeper than the markers at its start
// and half the indentation before its first list marker together,
// whatever the lines before it were.
//
// Fenced code is counted like any other text. A scan that skipped it
// would have to agree with goldmark on where every fence starts and ends
// (a fence line inside an HTML block, or after an unclosed one, is text),
// and where they disagreed deep lists would pass unbounded; code needs
// 128 columns of indentation before a "- " or 64 ">" to be refused.
func nesting(src []byte, limit int) (deepest, at int) {
	for start := 0; start < len(src); {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		depth, off := lineNesting(src[start:end], limit)
		deepest = max(deepest, depth)
		if off >= 0 {
			return deepest, start + off
		}
		start = end + 1
	}
	return deepest, -1
}

// lineNesting bounds the depth of containers one line can reach (see
// nesting), stopping at the first marker that goes past limit: the
// bound, and the offset of that marker or -1.
func lineNesting(line []byte, limit int) (depth, at int) {
	markers, columns := 0, 0
	// A list marker or footnote label always opens a container; past the
	// first, no container of the lines before is left to match, so
	// indentation no longer counts. (A ">" may match a quote or open one.)
	opened := false
	breakFrom := -1 // where a trailing thematic break may start; -1 not yet looked for
	for i := 0; i < len(line); {
		c := line[i]
		next := i + 1 // just past the marker that starts at i
		switch {
		case c == ' ':
			if !opened {
				columns++
			}
			i++
			continue
		case c == '\t':
			if !opened {
				columns += 4 // at most: a tab reaches the next multiple of 4
			}
			i++
			continue
		case c == '>':
		case c == '-' || c == '*' || c == '+':
			if next < len(line) && !isMarkerEnd(line[next]) {
				return depth, -1
			}
			if c != '+' && thematicBreak(line, i, &breakFrom) {
				return depth, -1 // a rule, which goldmark takes before a list item
			}
		case '0' <= c && c <= '9':
			j := i + 1
			for j < len(line) && j-i <= 9 && '0' <= line[j] && line[j] <= '9' {
				j++
			}
			if j-i > 9 || j == len(line) || line[j] != '.' && line[j] != ')' {
				return depth, -1
			}
			next = j + 1
			if next < len(line) && !isMarkerEnd(line[next]) {
				return depth, -1
			}
		case c == '[':
			if next = footnoteEnd(line, i); next < 0 {
				return depth, -1
			}
		case c == ':': // a definition: goldmark wants a space or tab after it
			if next >= len(line) || line[next] != ' ' && line[next] != '\t' {
				return depth, -1
			}
		default:
			return depth, -1
		}
		opened = opened || c != '>'
		markers++
		depth = max(depth, markers+columns/2)
		if depth > limit {
			return depth, i
		}
		i = next
		// The one space after a ">" is part of it, not indentation.
		if i < len(line) && line[i] == ' ' {
			i++
		}
	}
	return depth, -1
}

// isMarkerEnd reports whether b may follow a list marker.
func isMarkerEnd(b byte) bool { return b == ' ' || b == '\t' || b == '\r' }

// thematicBreak reports whether line, from the "-" or "*" at i on, is a
// thematic break ("- - -", "* * *"): three or more of that character and
// nothing else but spaces. *from caches where the line's trailing run of
// one such character and spaces starts, so that a line of many markers is
// read at most a few times over.
func thematicBreak(line []byte, i int, from *int) bool {
	if *from < 0 {
		*from = len(line) + 1
		j := len(line) - 1
		for j >= 0 && isBreakSpace(line[j]) {
			j--
		}
		if j >= 0 && (line[j] == '-' || line[j] == '*' || line[j] == '_') {
			mark := line[j]
			for j >= 0 && (line[j] == mark || isBreakSpace(line[j])) {
				j--
			}
			*from = j + 1
		}
	}
	if i < *from {
		return false
	}
	// From here on the line is the break's character and spaces: count it
	// once; fewer than three of it leave at most two markers to come.
	return bytes.Count(line[i:], line[i:i+1]) >= 3
}

func isBreakSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\r' }

// footnoteEnd is the offset just past the ":" of a footnote definition's
// "[^label]:" at line[i], or -1. It finds the label's end as goldmark
// does: at the first "]" not escaped, no "[" before it.
func footnoteEnd(line []byte, i int) int {
	if i+1 >= len(line) || line[i+1] != '^' {
		return -1
	}
	for j := i + 2; j < len(line); j++ {
		switch line[j] {
		case '\\':
			if j+1 < len(line) && util.IsPunct(line[j+1]) {
				j++
			}
		case '[':
			return -1
		case ']':
			if j+1 < len(line) && line[j+1] == ':' {
				return j + 2
			}
			return -1
		}
	}
	return -1
}
