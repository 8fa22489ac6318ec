package importer

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
)

// writeAll writes every post and its files, then the static files. A
// post whose file exists is not imported; nothing is replaced.
func (r *run) writeAll() {
	for _, p := range r.posts {
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

func describeWriteErr(err error) string {
	if errors.Is(err, fs.ErrExist) {
		return err.Error()
	}
	return fmt.Sprintf("not written: %v", err)
}
