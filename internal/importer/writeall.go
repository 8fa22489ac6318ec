package importer

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
)

// writeAll writes every post and its files, then the static files. A
// post whose file exists is not imported; nothing is replaced. A
// section's page where the site has one (the news section of a new site)
// leaves the site's own, with a note.
func (r *run) writeAll() {
	for _, p := range r.posts {
		if p.Kind == SectionIndex && r.w.exists(p.Dest()) {
			r.report.Notes = append(r.report.Notes, keptSectionNote(p))
			continue
		}
		data, err := p.Text()
		if err == nil {
			err = r.w.write(p.Dest(), data)
		}
		if err != nil {
			r.refuse(Note{File: p.File, Line: p.Line("title"), Msg: describeWriteErr(err)})
			continue
		}
		for _, a := range p.Assets {
			dest := path.Join("content", p.plan.assetDir, a.Name)
			if err := r.w.copy(dest, a.Src); err != nil {
				p.plan.notes = append(p.plan.notes, Note{File: p.File, Line: 1, Msg: "file " + a.Name + " not copied: " + describeWriteErr(err)})
				continue
			}
			r.report.Copied++
		}
		shown := p.File
		if p.Label != "" {
			shown = p.Label
		}
		r.report.Imported = append(r.report.Imported, Imported{File: shown, Dest: p.Dest(), Notes: p.plan.notes})
	}
	for _, f := range r.src.Files {
		if err := r.w.copy(path.Join("assets", f.Path), f.Src); err != nil {
			r.refuse(Note{File: f.File, Msg: describeWriteErr(err)})
			continue
		}
		r.report.Copied++
	}
}

// keptSectionNote says that the site's own page of a section stays, and
// what of the old one's is left to copy by hand.
func keptSectionNote(p *Post) Note {
	msg := p.Dest() + " exists: the site's own is kept; copy what you want of this one's title, text and cascade into it"
	if len(p.plan.aliases) > 0 {
		what := "its old URL"
		if len(p.plan.aliases) > 1 {
			what = "its old URLs"
		}
		msg += fmt.Sprintf(", and add aliases: [%s] for %s", strings.Join(p.plan.aliases, ", "), what)
	}
	return Note{File: p.File, Line: p.Line("title"), Msg: msg}
}

func describeWriteErr(err error) string {
	if errors.Is(err, fs.ErrExist) {
		return err.Error()
	}
	return fmt.Sprintf("not written: %v", err)
}
