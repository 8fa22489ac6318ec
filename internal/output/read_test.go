package output

import (
	"errors"
	"io/fs"
	"testing"
	"testing/fstest"
)

// TestManifestOf: the manifest a build wrote reads as it was written;
// an output without one, with one that does not read, or whose update
// did not finish, is an error.
func TestManifestOf(t *testing.T) {
	want := Manifest{Generator: "bulletin", Files: map[string]Entry{
		"index.html":           {Size: 10, Sum: "00112233445566778899aabbccddeeff"},
		"新闻/launch/index.html": {Size: 20, Sum: "ffeeddccbbaa99887766554433221100"},
	}}
	data, _ := marshalManifest(want, nil)
	m, err := ManifestOf(fstest.MapFS{ManifestFile: {Data: data}})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Files) != len(want.Files) {
		t.Fatalf("read %d files, want %d", len(m.Files), len(want.Files))
	}
	for name, e := range want.Files {
		if m.Files[name] != e {
			t.Errorf("%s: %+v, want %+v", name, m.Files[name], e)
		}
	}

	if _, err := ManifestOf(fstest.MapFS{"index.html": {}}); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("no manifest: %v, want fs.ErrNotExist", err)
	}
	if _, err := ManifestOf(fstest.MapFS{ManifestFile: {Data: []byte("{")}}); err == nil {
		t.Error("a manifest cut short reads")
	}
	if _, err := ManifestOf(fstest.MapFS{ManifestFile: {Data: data}, updatingFile: {}}); err == nil {
		t.Error("an unfinished update's manifest reads")
	}
}
