package search

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

func recordsOf(x *Indexer, docs []Doc) []*Record {
	records := make([]*Record, len(docs))
	for i, d := range docs {
		records[i] = x.Record(d)
		records[i].Source[0] = byte(i + 1)
	}
	return records
}

// TestMemoryRoundTrip: records decoded in another indexer build the same
// files, but for the fragments, whose bytes they do not carry; and a
// decoded indexer takes new documents as a fresh one would.
func TestMemoryRoundTrip(t *testing.T) {
	x := NewIndexer(Options{ShardBytes: 60})
	records := recordsOf(x, sampleDocs[:5])
	data := x.Encode(records)
	y, decoded, err := Decode(data, Options{ShardBytes: 60})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range decoded {
		if !r.Describes(sampleDocs[i]) || r.Source != records[i].Source {
			t.Errorf("record %d: %+v", i, r)
		}
		name, bytes, sum := r.Fragment()
		wantName, _, wantSum := records[i].Fragment()
		if name != wantName || sum != wantSum || bytes != nil {
			t.Errorf("record %d's fragment: %s %x %q", i, name, sum, bytes)
		}
	}
	want := x.Build(records)
	got := y.Build(decoded)
	for name, data := range want.Files {
		if strings.HasPrefix(name, "f/") {
			if _, ok := got.Files[name]; ok {
				t.Errorf("%s built without its bytes", name)
			}
			continue
		}
		if string(got.Files[name]) != string(data) {
			t.Errorf("%s differs:\n%s\n%s", name, got.Files[name], data)
		}
	}
	// One more document, to the decoded indexer: as a fresh build of all.
	fresh := Build(sampleDocs, Options{ShardBytes: 60})
	more := y.Build(append(decoded, y.Record(sampleDocs[5])))
	for name, data := range fresh.Files {
		if _, ok := more.Files[name]; !ok && strings.HasPrefix(name, "f/") {
			continue
		}
		if string(more.Files[name]) != string(data) {
			t.Errorf("with a document added, %s differs", name)
		}
	}
	if len(slices.Collect(maps.Keys(more.Files))) != len(fresh.Files)-5 {
		t.Errorf("%d files, want %d", len(more.Files), len(fresh.Files)-5)
	}
	if _, _, err := Decode(data[:len(data)-1], Options{}); err == nil {
		t.Error("a cut memory decoded")
	}
}

// FuzzDecodeMemory: Decode takes any bytes without panicking, and what it
// decodes builds.
func FuzzDecodeMemory(f *testing.F) {
	x := NewIndexer(Options{})
	f.Add(x.Encode(recordsOf(x, sampleDocs)))
	f.Add([]byte{1, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		y, records, err := Decode(data, Options{ShardBytes: 40})
		if err != nil {
			return
		}
		y.Build(records)
	})
}
