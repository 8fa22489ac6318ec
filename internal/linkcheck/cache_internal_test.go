package linkcheck

import (
	"encoding/json"
	"testing"
)

// FuzzDecodeCache: whatever the file holds, decoding it never fails the
// run, keeps only entries that could have been put, and what it keeps
// is written and read back as it was.
func FuzzDecodeCache(f *testing.F) {
	f.Add([]byte(`{"format":"bulletin-external-links-1","urls":{"https://a.example/":{"checked":"2026-03-01T09:00:00Z","status":200},` +
		`"http://b.example/x":{"checked":"2026-03-01T09:00:00+08:00","status":200,"redirect":301,"final":"https://b.example/x"}}}`))
	f.Add([]byte(`{"format":"bulletin-external-links-1","urls":{"https://a.example/#x":{"checked":"2026-03-01T09:00:00Z","status":404}}}`))
	f.Add([]byte(`{"format":"bulletin-external-links-1","urls":null}`))
	f.Add([]byte(`{"format":"bulletin-external-links-1"`))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		got := decodeCache(data)
		for u, e := range got {
			if !e.valid(u) {
				t.Fatalf("kept %q: %+v", u, e)
			}
		}
		again, err := json.Marshal(cacheFile{Format: cacheFormat, URLs: got})
		if err != nil {
			t.Fatalf("kept what cannot be written: %v", err)
		}
		back := decodeCache(again)
		if len(back) != len(got) {
			t.Fatalf("%d entries read back, %d written", len(back), len(got))
		}
		for u, e := range got {
			b := back[u]
			if !b.Checked.Equal(e.Checked) || b.Status != e.Status || b.Redirect != e.Redirect || b.Final != e.Final {
				t.Fatalf("%q: read back %+v, written %+v", u, b, e)
			}
		}
	})
}
