package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A QueryTerm is a term of what a reader typed. A Prefix term matches
// every indexed term it begins: a lone ideographic character, and the
// last word while it is being typed (the query does not end in a space).
// The last character of a longer ideographic run is left out: its pairs
// say more, and as a prefix it would match every pair it begins.
type QueryTerm struct {
	Text   string
	Prefix bool
}

// QueryTerms splits a query as Terms splits what is indexed.
func QueryTerms(query string) []QueryTerm {
	var out []QueryTerm
	split(query, func(t string, kind termKind) {
		switch kind {
		case runEnd:
		case lone:
			out = append(out, QueryTerm{t, true})
		default:
			out = append(out, QueryTerm{t, false})
		}
	})
	if n := len(out); n > 0 && !out[n-1].Prefix && strings.TrimRightFunc(query, unicode.IsSpace) == query {
		if r, _ := utf8.DecodeRuneInString(out[n-1].Text); !ideographic(r) {
			out[n-1].Prefix = true
		}
	}
	return out
}
