package main

import (
	"bufio"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
)

// A query is one line of a query set: what a reader of the pages in
// language lang types, and the URLs of the pages they expect to find.
type query struct {
	lang   string
	text   string
	expect []string // none: only bytes are measured
	line   int
}

// readQueries reads a query set: one query a line, three fields
// separated by "|", each trimmed of spaces:
//
//	zh | 茶文化 | /events/2021/tea-culture-workshop/
//	en | translation prize | /en/news/2020/07/translation-prize/ /en/about/
//
// the language (the index of the pages in it), the query as typed, and
// the URLs expected, separated by spaces (none for a site where only
// bytes are measured). A line starting with # and a blank line are
// skipped.
func readQueries(r io.Reader) ([]query, error) {
	var qs []query
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		f := strings.Split(line, "|")
		if len(f) != 3 {
			return nil, fmt.Errorf("line %d: want 3 fields separated by |, have %d", n, len(f))
		}
		q := query{lang: strings.TrimSpace(f[0]), text: strings.TrimSpace(f[1]), expect: strings.Fields(f[2]), line: n}
		if q.lang == "" || q.text == "" {
			return nil, fmt.Errorf("line %d: a language and a query are needed", n)
		}
		qs = append(qs, q)
	}
	return qs, sc.Err()
}

func readQueryFile(name string) ([]query, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	qs, err := readQueries(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return qs, nil
}

// hit says whether one of the first three of got is expected. URLs
// compare decoded, as one tool may give /events/端午/ and another
// /events/%E7%AB%AF%E5%8D%88/.
func hit(expect, got []string) bool {
	for _, g := range got[:min(3, len(got))] {
		for _, e := range expect {
			if sameURL(g, e) {
				return true
			}
		}
	}
	return false
}

func sameURL(a, b string) bool {
	return decoded(a) == decoded(b)
}

func decoded(u string) string {
	if d, err := url.PathUnescape(u); err == nil {
		return d
	}
	return u
}
