package push

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/bulletin-ssg/bulletin/internal/scratch"
)

// RecordFile is the record of what each service accepted, under the
// site folder. It is kept apart from the render cache (.bulletin/cache),
// which is safe to delete: without the record every page is submitted
// again, spending a day of Baidu's quota.
const RecordFile = ".bulletin/push.json"

// The record is replaced through a scratch file, synced: the next push
// trusts it without checking it against anything.
var replaceRecord = scratch.Replace{Prefix: ".push-", Suffix: ".tmp", Sync: true}

// Record is what each service accepted: for each service's name, each
// URL it accepted with the sum its page's file had then.
type Record struct {
	services map[string]map[string]string
	changed  bool
}

// recordFile is the record's JSON.
type recordFile struct {
	Generator string                       `json:"generator"`
	Services  map[string]map[string]string `json:"services"`
}

// ReadRecord reads the record of the site in fsys (the site folder); a
// site without one has an empty record.
func ReadRecord(fsys fs.FS) (*Record, error) {
	data, err := fs.ReadFile(fsys, RecordFile)
	if errors.Is(err, fs.ErrNotExist) {
		return &Record{services: map[string]map[string]string{}}, nil
	}
	if err != nil {
		return nil, err
	}
	r, err := parseRecord(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w (remove it to submit every page again)", RecordFile, err)
	}
	return r, nil
}

func parseRecord(data []byte) (*Record, error) {
	var f recordFile
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&f); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, errors.New("more than one JSON value")
	}
	if f.Generator != "bulletin" {
		return nil, errors.New(`not a record bulletin wrote (no "generator": "bulletin")`)
	}
	r := &Record{services: map[string]map[string]string{}}
	for name, urls := range f.Services {
		if urls == nil {
			continue
		}
		r.services[name] = urls
	}
	return r, nil
}

// Pending returns the pages the service has not accepted as they are
// now, in their order.
func (r *Record) Pending(service string, pages []Page) []Page {
	accepted := r.services[service]
	var out []Page
	for _, p := range pages {
		if accepted[p.URL] != p.Sum {
			out = append(out, p)
		}
	}
	return out
}

// Accept records that the service accepted the page as it is now.
func (r *Record) Accept(service string, p Page) {
	urls := r.services[service]
	if urls == nil {
		urls = map[string]string{}
		r.services[service] = urls
	}
	if urls[p.URL] != p.Sum {
		urls[p.URL] = p.Sum
		r.changed = true
	}
}

// AcceptResult records the result's accepted URLs that are among pages.
func (r *Record) AcceptResult(service string, pages []Page, res Result) {
	live := byURL(pages)
	for _, u := range res.Accepted {
		if p, ok := live[u]; ok {
			r.Accept(service, p)
		}
	}
}

// Forget drops the URLs under base that are none of the pages: a page
// removed and published again later is new then. URLs under another
// base URL (a staging site pushed from the same folder) are kept.
func (r *Record) Forget(base string, pages []Page) {
	live := byURL(pages)
	for _, urls := range r.services {
		for u := range urls {
			if _, ok := live[u]; !ok && strings.HasPrefix(u, base) {
				delete(urls, u)
				r.changed = true
			}
		}
	}
}

// Changed reports whether the record differs from the one read.
func (r *Record) Changed() bool { return r.changed }

func (r *Record) marshal() ([]byte, error) {
	data, err := json.MarshalIndent(recordFile{Generator: "bulletin", Services: r.services}, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}

// Write replaces the record of the site in the folder dir. It writes
// through dir's os.Root: a .bulletin that leads out of the site is an
// error, never followed.
func (r *Record) Write(dir string) error {
	data, err := r.marshal()
	if err != nil {
		return err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	folder := path.Dir(RecordFile)
	if err := root.MkdirAll(folder, 0o755); err != nil {
		return err
	}
	// What a killed push was writing.
	scratch.Clean(filepath.Join(dir, filepath.FromSlash(folder)), replaceRecord.Prefix, replaceRecord.Suffix)
	if err := replaceRecord.WriteFile(root, filepath.FromSlash(RecordFile), data, 0o644); err != nil {
		return err
	}
	r.changed = false
	return nil
}
