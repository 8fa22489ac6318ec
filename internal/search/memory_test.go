package search

import (
	"strings"
	"testing"

	"github.com/bulletin-ssg/bulletin/internal/filesum"
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
// files, but for the fragments, whose bytes they do not carry, and the
// shards the output keeps; a decoded indexer takes new documents as a
// fresh one would.
func TestMemoryRoundTrip(t *testing.T) {
	x := NewIndexer(Options{ShardBytes: 60})
	records := recordsOf(x, sampleDocs[:5])
	want := x.Build(records, nil)
	data := x.Encode(records)
	decode := func() (*Indexer, []*Record) {
		y, decoded, err := Decode(data, Options{ShardBytes: 60})
		if err != nil {
			t.Fatal(err)
		}
		return y, decoded
	}
	y, decoded := decode()
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
	// The output keeps every shard with the bytes the last build wrote.
	kept := map[string]bool{}
	keep := func(name string, sum filesum.Sum) bool {
		if data, ok := want.Files[name]; ok && filesum.Of(data) == sum {
			kept[name] = true
			return true
		}
		return false
	}
	got := y.Build(decoded, keep)
	shards := 0
	for name, data := range want.Files {
		switch {
		case strings.HasPrefix(name, "f/"):
			if _, ok := got.Files[name]; ok {
				t.Errorf("%s built without its bytes", name)
			}
		case strings.HasPrefix(name, "s/"):
			shards++
			if _, ok := got.Files[name]; ok || !kept[name] {
				t.Errorf("%s made again, not kept", name)
			}
		case string(got.Files[name]) != string(data):
			t.Errorf("%s differs:\n%s\n%s", name, got.Files[name], data)
		}
	}
	if shards < 5 || len(kept) != shards {
		t.Errorf("%d shards, %d kept", shards, len(kept))
	}
	// An output that no longer has them: every shard is made again.
	y, decoded = decode()
	got = y.Build(decoded, func(string, filesum.Sum) bool { return false })
	for name, data := range want.Files {
		if !strings.HasPrefix(name, "f/") && string(got.Files[name]) != string(data) {
			t.Errorf("without the output's shards, %s differs", name)
		}
	}
	// One more document, to a decoded indexer: as a fresh build of all.
	y, decoded = decode()
	fresh := Build(sampleDocs, Options{ShardBytes: 60})
	more := y.Build(append(decoded, y.Record(sampleDocs[5])), keep)
	for name, data := range fresh.Files {
		if _, ok := more.Files[name]; !ok && (strings.HasPrefix(name, "f/") || kept[name]) {
			continue
		}
		if string(more.Files[name]) != string(data) {
			t.Errorf("with a document added, %s differs", name)
		}
	}
	if _, _, err := Decode(data[:len(data)-1], Options{}); err == nil {
		t.Error("a cut memory decoded")
	}
}

// FuzzDecodeMemory: Decode takes any bytes without panicking, and what it
// decodes builds.
func FuzzDecodeMemory(f *testing.F) {
	x := NewIndexer(Options{ShardBytes: 40})
	records := recordsOf(x, sampleDocs)
	x.Build(records, nil)
	f.Add(x.Encode(records))
	f.Add([]byte{1, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		y, records, err := Decode(data, Options{ShardBytes: 40})
		if err != nil {
			return
		}
		y.Build(records, func(string, filesum.Sum) bool { return len(data)%2 == 0 })
	})
}
