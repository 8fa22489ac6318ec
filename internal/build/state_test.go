package build

import (
	"reflect"
	"testing"

	"github.com/bulletin-ssg/bulletin/internal/filesum"
	"github.com/bulletin-ssg/bulletin/internal/frontmatter"
	"github.com/bulletin-ssg/bulletin/internal/render"
)

func sampleState() *renderState {
	return &renderState{
		env:   [32]byte{1, 2, 3},
		build: buildID{4, 5, 6},
		digests: &render.Digests{
			Pages: map[string]render.PageDigest{"/": {{1}, {2}, {3}, {4}, {5}}, "/news/a/": {{6}}, "/tags/公司/": {}},
			Site:  [4]render.Sum{{7}, {8}, {9}, {10}},
		},
		outputs: map[string]renderedPage{
			"index.html":        {sum: filesum.Sum{11}, kind: [32]byte{12}},
			"news/a/index.html": {sum: filesum.Sum{13}, kind: [32]byte{14}, deps: []render.Dep{{ID: "/news/a/", Group: render.GroupContent}, {ID: render.SiteID, Group: render.GroupSettings}, {ID: "/tags/公司/", Group: render.GroupMeta}}},
			"page/2/index.html": {sum: filesum.Sum{15}, kind: [32]byte{12}},
		},
	}
}

func TestStateRoundTrip(t *testing.T) {
	in := sampleState()
	out, err := decodeState(encodeState(in))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(out, in) {
		t.Errorf("round trip:\n got %+v\nwant %+v", out, in)
	}

	// An output that read a page the graph lacks is left out (and so
	// rendered next time), not written with a read that cannot be.
	in.outputs["odd.html"] = renderedPage{deps: []render.Dep{{ID: "/nowhere/", Group: render.GroupMeta}}}
	out, err = decodeState(encodeState(in))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := out.outputs["odd.html"]; ok || len(out.outputs) != 3 {
		t.Errorf("outputs after an unknown read: %v", out.outputs)
	}

	// Anything cut short or grown is refused whole.
	data := encodeState(sampleState())
	for _, bad := range [][]byte{data[:len(data)-1], append(data, 0), data[:40], nil} {
		if _, err := decodeState(bad); err == nil {
			t.Errorf("a damaged state of %d bytes decoded", len(bad))
		}
	}
	if m := NewPageMemory(func() []byte { return []byte("garbage") }); m.prev() != nil {
		t.Error("NewPageMemory took garbage")
	}
}

// FuzzDecodeState: the page and file memories are read from disk; decoding anything
// never panics, and what decodes encodes back to the same bytes.
func FuzzDecodeState(f *testing.F) {
	f.Add(encodeState(sampleState()))
	f.Add([]byte{})
	f.Add(encodeFiles(map[string]fileMemo{"content/a.md": {stamp: stamp{size: 3, mod: 4, ino: 5, ctime: 6}, readAt: 7, matter: []byte("m")}}, buildID{8}, filesum.Sum{9}))
	f.Fuzz(func(t *testing.T, data []byte) {
		// The file memory, and the front matter it holds, too.
		if files, _, _, err := decodeFiles(data); err == nil {
			for _, e := range files {
				_, _, _ = frontmatter.Decode(e.matter)
			}
		}
		st, err := decodeState(data)
		if err != nil {
			return
		}
		if _, err := decodeState(encodeState(st)); err != nil {
			t.Fatalf("a decoded state does not decode again: %v", err)
		}
	})
}

func TestFilesRoundTrip(t *testing.T) {
	m, err := frontmatter.Parse([]byte("---\ntitle: 标题\ntags: [a]\n---\nBody"))
	if err != nil {
		t.Fatal(err)
	}
	matter, _ := frontmatter.Encode(m, 30)
	in := map[string]fileMemo{
		"content/a.md":    {stamp: stamp{size: 33, mod: -4, ino: 1 << 40, ctime: 6}, readAt: 7, matter: matter, bodySum: filesum.Sum{9}},
		"content/新闻/b.md": {matter: []byte{}},
	}
	others := othersDigest([]string{"news/a.png"})
	out, build, gotOthers, err := decodeFiles(encodeFiles(in, buildID{1, 2}, others))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(out, in) || build != (buildID{1, 2}) || gotOthers != others {
		t.Errorf("round trip:\n got %+v %v %v\nwant %+v %v", out, build, gotOthers, in, others)
	}
	data := encodeFiles(in, buildID{1, 2}, others)
	for _, bad := range [][]byte{data[:len(data)-1], append(data, 0), data[:4], nil} {
		if _, _, _, err := decodeFiles(bad); err == nil {
			t.Errorf("damaged file memory of %d bytes decoded", len(bad))
		}
	}
	if m := NewFileMemory(func() []byte { return []byte("junk") }); len(m.files()) != 0 {
		t.Error("NewFileMemory took junk")
	}
}
