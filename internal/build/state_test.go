package build

import (
	"bytes"
	"maps"
	"reflect"
	"slices"
	"testing"

	"github.com/bulletin-ssg/bulletin/internal/filesum"
	"github.com/bulletin-ssg/bulletin/internal/frontmatter"
	"github.com/bulletin-ssg/bulletin/internal/render"
	"github.com/bulletin-ssg/bulletin/internal/site"
)

func sampleState() *renderState {
	table := []string{"/tags/公司/", "/", "/news/a/"}
	ids := map[string]uint64{"/tags/公司/": 1, "/": 2, "/news/a/": 3}
	reads, _ := encodeReads(nil, []render.Dep{{ID: "/news/a/", Group: render.GroupContent}, {ID: render.SiteID, Group: render.GroupSettings}, {ID: "/tags/公司/", Group: render.GroupMeta}}, ids)
	return &renderState{
		env:   [32]byte{1, 2, 3},
		build: buildID{4, 5, 6},
		digests: &render.Digests{
			Pages: map[string]render.PageDigest{"/": {{1}, {2}, {3}, {4}, {5}}, "/news/a/": {{6}}, "/tags/公司/": {}},
			Site:  [4]render.Sum{{7}, {8}, {9}, {10}},
		},
		table: table,
		outputs: map[string]renderedPage{
			"index.html":        {sum: filesum.Sum{11}, kind: [32]byte{12}, reads: []byte{}},
			"news/a/index.html": {sum: filesum.Sum{13}, kind: [32]byte{14}, reads: reads},
			"page/2/index.html": {sum: filesum.Sum{15}, kind: [32]byte{12}, reads: []byte{}},
		},
	}
}

// decodedPage is a remembered page with its reads decoded.
type decodedPage struct {
	sum  filesum.Sum
	kind [32]byte
	deps []render.Dep
}

// decoded gives a state's outputs with their reads decoded, to compare
// states whatever their tables.
func decoded(t *testing.T, st *renderState) map[string]decodedPage {
	t.Helper()
	out := map[string]decodedPage{}
	for rel, o := range st.outputs {
		deps, ok := st.deps(o)
		if !ok {
			t.Fatalf("%s: reads do not decode", rel)
		}
		out[rel] = decodedPage{sum: o.sum, kind: o.kind, deps: deps}
	}
	return out
}

func TestStateRoundTrip(t *testing.T) {
	in := sampleState()
	out, err := decodeState(encodeState(in))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(out.digests, in.digests) || out.env != in.env || out.build != in.build {
		t.Errorf("round trip:\n got %+v\nwant %+v", out, in)
	}
	if got, want := decoded(t, out), decoded(t, in); !reflect.DeepEqual(got, want) {
		t.Errorf("outputs:\n got %+v\nwant %+v", got, want)
	}

	// An output that read a page the graph lacks is left out (and so
	// rendered next time), not written with a read that cannot be.
	in.outputs["odd.html"] = renderedPage{reads: []byte{4, byte(render.GroupMeta)}}
	in.table = append(in.table, "/nowhere/")
	out, err = decodeState(encodeState(in))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := out.outputs["odd.html"]; ok || len(out.outputs) != 3 {
		t.Errorf("outputs after an unknown read: %v", out.outputs)
	}

	// Anything cut short or grown is refused whole, as is a path twice.
	data := encodeState(sampleState())
	twice := encodeState(&renderState{digests: &render.Digests{Pages: map[string]render.PageDigest{"/a/": {}, "/b/": {}}}})
	twice = bytes.Replace(twice, []byte("/b/"), []byte("/a/"), 1)
	for _, bad := range [][]byte{data[:len(data)-1], append(data, 0), data[:40], nil, twice} {
		if _, err := decodeState(bad); err == nil {
			t.Errorf("a damaged state of %d bytes decoded", len(bad))
		}
	}
	if m := NewPageMemory(func() []byte { return []byte("garbage") }); m.prev() != nil {
		t.Error("NewPageMemory took garbage")
	}
}

// TestKeptReadsCarried: the next build's memory keeps a kept page's
// reads, encoded as they were when the pages are the same, translated to
// the new table when pages came and went, and left out when a page they
// read is gone.
func TestKeptReadsCarried(t *testing.T) {
	first, err := decodeState(encodeState(sampleState()))
	if err != nil {
		t.Fatal(err)
	}
	want := decoded(t, first)
	for _, tc := range []struct {
		name   string
		change func(pages map[string]render.PageDigest)
		gone   string // an output left out
	}{
		{"same pages", func(map[string]render.PageDigest) {}, ""},
		{"a page added", func(p map[string]render.PageDigest) { p["/news/b/"] = render.PageDigest{{20}} }, ""},
		{"an unread page gone", func(p map[string]render.PageDigest) { delete(p, "/") }, ""},
		{"a read page gone", func(p map[string]render.PageDigest) { delete(p, "/tags/公司/") }, "news/a/index.html"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			prev, err := decodeState(encodeState(first))
			if err != nil {
				t.Fatal(err)
			}
			next := &renderState{digests: prev.digests, outputs: prev.outputs, table: prev.table}
			tc.change(next.digests.Pages)
			got, err := decodeState(encodeState(next))
			if err != nil {
				t.Fatal(err)
			}
			w := maps.Clone(want)
			delete(w, tc.gone)
			if g := decoded(t, got); !reflect.DeepEqual(g, w) {
				t.Errorf("outputs:\n got %+v\nwant %+v", g, w)
			}
			if !reflect.DeepEqual(got.digests.Pages, next.digests.Pages) {
				t.Errorf("pages: got %v, want %v", got.digests.Pages, next.digests.Pages)
			}
		})
	}
}

// TestTouchedAt: a remembered page's encoded reads are checked by id,
// as the reads themselves would be.
func TestTouchedAt(t *testing.T) {
	st, err := decodeState(encodeState(sampleState()))
	if err != nil {
		t.Fatal(err)
	}
	o := st.outputs["news/a/index.html"]
	deps, _ := st.deps(o)
	for _, changed := range []render.Dep{
		{ID: "/news/a/", Group: render.GroupContent},
		{ID: "/news/a/", Group: render.GroupMeta},
		{ID: "/tags/公司/", Group: render.GroupMeta},
		{ID: "/tags/公司/", Group: render.GroupList},
		{ID: render.SiteID, Group: render.GroupSettings},
		{ID: render.SiteID, Group: render.GroupSections},
		{ID: "/", Group: render.GroupContent},
		{ID: "/elsewhere/", Group: render.GroupMeta},
	} {
		r := &pageRenderer{changed: map[render.Dep]struct{}{changed: {}}}
		r.changedAt = changedAt(r.changed, st.table)
		want := slices.Contains(deps, changed)
		if got := r.touched(o); got != want {
			t.Errorf("%v changed: touched = %v, want %v", changed, got, want)
		}
	}
	r := &pageRenderer{changed: map[render.Dep]struct{}{{ID: "/", Group: render.GroupMeta}: {}}}
	r.changedAt = changedAt(r.changed, st.table)
	for _, bad := range [][]byte{{0x80}, {9, 1}, {1, 40}, {1}} {
		if !r.touched(renderedPage{reads: bad}) {
			t.Errorf("reads %v that do not decode were not touched", bad)
		}
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
	others := othersDigest([]string{"news/a.png"}, "news/a.png\x00PNG 20 10 1 still\x00")
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

func TestPathTable(t *testing.T) {
	pages := func(paths ...string) []*site.Page {
		var ps []*site.Page
		for _, p := range paths {
			ps = append(ps, &site.Page{Path: p})
		}
		return ps
	}
	for _, tc := range []struct {
		name      string
		prev      []string
		pages     []*site.Page
		want      []string
		continues bool
	}{
		{"first build", nil, pages("/", "/a/"), []string{"/", "/a/"}, true},
		{"same pages", []string{"/a/", "/"}, pages("/", "/a/"), []string{"/a/", "/"}, true},
		{"a page added", []string{"/a/", "/"}, pages("/", "/b/", "/a/"), []string{"/a/", "/", "/b/"}, true},
		{"a page gone", []string{"/a/", "/", "/c/"}, pages("/", "/a/"), []string{"/", "/a/"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			table, ids, continues := pathTable(tc.prev, tc.pages)
			if !slices.Equal(table, tc.want) || continues != tc.continues {
				t.Errorf("pathTable = %v, %v; want %v, %v", table, continues, tc.want, tc.continues)
			}
			for i, p := range table {
				if ids[p] != uint64(i+1) {
					t.Errorf("ids[%s] = %d, want %d", p, ids[p], i+1)
				}
			}
		})
	}
}

// deps decodes a remembered page's reads; ok is false when they do not
// decode.
func (st *renderState) deps(o renderedPage) (deps []render.Dep, ok bool) {
	ok = eachRead(o.reads, func(id uint64, g byte) bool {
		switch {
		case id == 0:
			deps = append(deps, render.Dep{ID: render.SiteID, Group: render.Group(g)})
		case id <= uint64(len(st.table)):
			deps = append(deps, render.Dep{ID: st.table[id-1], Group: render.Group(g)})
		default:
			return false
		}
		return true
	})
	return deps, ok
}
