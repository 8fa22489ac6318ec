// Package pagelist reads a list of a site's pages to look at: the
// accessibility test and cmd/lighthouse read the same one
// (internal/cli/testdata/a11y/pages.txt).
package pagelist

import (
	"fmt"
	"os"
	"strings"
)

// A Page is a path of the site and what the page is ("article with a
// table").
type Page struct{ Path, Kind string }

// Read reads file: a path, a tab and what the page is on each line; #
// starts a comment, blank lines are skipped.
func Read(file string) ([]Page, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var pages []Page
	for line := range strings.Lines(string(b)) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		path, kind, ok := strings.Cut(line, "\t")
		if !ok {
			return nil, fmt.Errorf("%s: %q is not a path, a tab and a kind", file, line)
		}
		pages = append(pages, Page{path, kind})
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("%s: no pages", file)
	}
	return pages, nil
}
