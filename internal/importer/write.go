package importer

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"

	yaml "go.yaml.in/yaml/v4"

	"github.com/bulletin-ssg/bulletin/internal/scaffold"
)

// frontOrder is the order bulletin's own keys are written in; kept keys
// follow in the order the old file had them.
var frontOrder = []string{"title", "date", "lastmod", "publishDate", "expiryDate", "draft", "slug", "url", "aliases",
	"author", "summary", "description", "cover", "tags", "categories", "pinned", "weight", "source", "footer", "cascade"}

// Text is the post's new file: YAML front matter, then its body.
func (p *Post) Text() ([]byte, error) {
	doc := &yaml.Node{Kind: yaml.MappingNode}
	fields := ordered(p.plan.front)
	if len(p.plan.aliases) > 0 {
		fields = ordered(append(fields, Field{Key: "aliases", Value: p.plan.aliases}))
	}
	for _, f := range fields {
		k := &yaml.Node{Kind: yaml.ScalarNode, Value: f.Key}
		v := &yaml.Node{}
		if err := v.Encode(f.Value); err != nil {
			return nil, fmt.Errorf("front matter %s: %w", f.Key, err)
		}
		if s, ok := f.Value.(string); ok && (f.Key == "date" || f.Key == "lastmod" || f.Key == "publishDate" || f.Key == "expiryDate") {
			v = &yaml.Node{Kind: yaml.ScalarNode, Value: s} // plain: a date as bulletin reads it
		}
		doc.Content = append(doc.Content, k, v)
	}
	var b strings.Builder
	b.WriteString("---\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	b.WriteString("---\n")
	body := strings.TrimLeft(p.plan.body, "\n")
	if body != "" {
		b.WriteString("\n" + strings.TrimRight(body, " \t\n") + "\n")
	}
	return []byte(b.String()), nil
}

// ordered sorts fields into frontOrder, the others after them as they
// came, each key once (the first wins).
func ordered(fields []Field) []Field {
	seen := map[string]bool{}
	var out []Field
	for _, k := range frontOrder {
		for _, f := range fields {
			if f.Key == k && !seen[k] {
				seen[k] = true
				out = append(out, f)
			}
		}
	}
	for _, f := range fields {
		if !seen[f.Key] {
			seen[f.Key] = true
			out = append(out, f)
		}
	}
	return out
}

// writer creates files in the bulletin site and never replaces one; in a
// dry run it only looks whether each could be created.
type writer struct {
	dir    string
	dryRun bool
	made   map[string]bool // paths this run created (or would)
}

// exists reports whether rel (site-relative) is taken.
func (w *writer) exists(rel string) bool {
	if w.made[rel] {
		return true
	}
	_, err := os.Lstat(w.dir + "/" + rel)
	return !errors.Is(err, fs.ErrNotExist)
}

// write creates rel with data.
func (w *writer) write(rel string, data []byte) error {
	if w.exists(rel) {
		return &scaffold.ExistsError{Path: rel}
	}
	w.made[rel] = true
	if w.dryRun {
		return nil
	}
	return scaffold.WriteNew(w.dir, scaffold.File{Path: rel, Data: data})
}

// copy creates rel with the bytes of the file src.
func (w *writer) copy(rel, src string) error {
	if w.exists(rel) {
		return &scaffold.ExistsError{Path: rel}
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	w.made[rel] = true
	if w.dryRun {
		return nil
	}
	root, err := os.OpenRoot(w.dir)
	if err != nil {
		return err
	}
	defer root.Close()
	if err := root.MkdirAll(path.Dir(rel), 0o755); err != nil {
		return err
	}
	out, err := root.OpenFile(rel, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return &scaffold.ExistsError{Path: rel}
	} else if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = root.Remove(rel) // no half-copied file
	}
	return err
}
