package importer

import (
	"fmt"
	"io"
)

// Report is what an import did.
type Report struct {
	Imported []Imported
	Refused  []Note // files not imported, at the line that stopped them
	// Notes are what is left to do by hand about no page imported: the
	// old home page's text, a section's page the site has already.
	Notes  []Note
	Copied int // static files and assets copied (or, in a dry run, to copy)
	DryRun bool
}

// Imported is one page imported, with what was approximated.
type Imported struct {
	File  string // in the old site
	Dest  string // in the bulletin site
	Notes []Note
}

// WithNotes counts the pages imported with notes.
func (r *Report) WithNotes() int {
	n := 0
	for _, im := range r.Imported {
		if len(im.Notes) > 0 {
			n++
		}
	}
	return n
}

// Print writes the report: every page imported, those with notes with
// each note as file:line: what was approximated, the notes about no page
// imported, then every file not imported as file:line: why.
func (r *Report) Print(w io.Writer) {
	arrow := "->"
	if r.DryRun {
		arrow = "-> (dry run)"
	}
	for _, im := range r.Imported {
		if len(im.Notes) == 0 {
			fmt.Fprintf(w, "imported: %s %s %s\n", im.File, arrow, im.Dest)
		}
	}
	for _, im := range r.Imported {
		if len(im.Notes) > 0 {
			fmt.Fprintf(w, "imported with notes: %s %s %s\n", im.File, arrow, im.Dest)
			for _, n := range im.Notes {
				fmt.Fprintf(w, "  %s\n", n)
			}
		}
	}
	for _, n := range r.Notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
	for _, n := range r.Refused {
		fmt.Fprintf(w, "not imported: %s\n", n)
	}
}

// Summary is the report's last line.
func (r *Report) Summary() string {
	s := fmt.Sprintf("%d imported (%d with notes), %d not imported, %d files copied", len(r.Imported), r.WithNotes(), len(r.Refused), r.Copied)
	if len(r.Notes) > 0 {
		s += fmt.Sprintf(", %d note", len(r.Notes))
		if len(r.Notes) > 1 {
			s += "s"
		}
	}
	if r.DryRun {
		s += "; dry run: nothing written"
	}
	return s
}
