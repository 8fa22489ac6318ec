package wire

import (
	"encoding/binary"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	b := AppendField(nil, "新闻")
	b = binary.AppendVarint(b, -42)
	b = AppendField(b, []byte{1, 2})
	b = append(b, 7)
	r := NewReader(b)
	if got := r.String(); got != "新闻" {
		t.Errorf("String = %q", got)
	}
	if got := r.Varint(); got != -42 {
		t.Errorf("Varint = %d", got)
	}
	if got := r.Field(); len(got) != 2 || got[1] != 2 {
		t.Errorf("Field = %v", got)
	}
	if got := r.Byte(); got != 7 || r.Err() != nil || r.Len() != 0 {
		t.Errorf("Byte = %d, err %v, left %d", got, r.Err(), r.Len())
	}
}

// TestStopsAtFirstProblem: past a bad length everything reads as zero
// and the error stays; a length beyond the input is refused, not
// allocated.
func TestStopsAtFirstProblem(t *testing.T) {
	r := NewReader(binary.AppendUvarint(nil, 1<<40))
	if got := r.Field(); got != nil || r.Err() == nil {
		t.Fatalf("a field longer than the input read as %v, err %v", got, r.Err())
	}
	if r.Uvarint() != 0 || r.String() != "" || r.Byte() != 0 || r.Err() != ErrCorrupt {
		t.Error("reads after a problem gave values")
	}
	r = NewReader([]byte{0x80}) // a varint cut short
	if r.Varint(); r.Err() == nil {
		t.Error("a cut varint read")
	}
	r = NewReader(binary.AppendUvarint(nil, 3))
	if r.Count(2); r.Err() == nil {
		t.Error("a count the input cannot hold was taken")
	}
}
