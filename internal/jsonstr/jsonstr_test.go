package jsonstr

import (
	"encoding/json"
	"testing"
)

// TestAppend: each character encoding/json escapes, alone in an otherwise
// plain string, is escaped as encoding/json escapes it (a plain string is
// copied whole, so each must send it the slow way).
func TestAppend(t *testing.T) {
	for _, s := range []string{"news/a/index.html", "a<b", "a>b", "a&b", `a"b`, `a\b`, "a\x01b", "a\nb", "a\rb", "a\tb",
		"a\bb", "a\fb", "a\x7fb", "aéb", "a\u2028b", "a\u2029b", "a\xffb", "新闻/index.html", "</script>", ""} {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := Append(nil, s); string(got) != string(want) {
			t.Errorf("Append(%q) = %s, want %s", s, got, want)
		}
		if got, want := Plain(s), string(want) == `"`+s+`"`; got != want {
			t.Errorf("Plain(%q) = %v, want %v", s, got, want)
		}
	}
	if got := Append([]byte("x:"), "y"); string(got) != `x:"y"` {
		t.Errorf("Append to a buffer = %s", got)
	}
}

// FuzzAppend: any string, valid UTF-8 or not, is written byte for byte
// as encoding/json writes it.
func FuzzAppend(f *testing.F) {
	for _, s := range []string{"", "plain", "<&>", "\u2028\u2029", "\xff\xfe", "\x00\x1f", `"\`, "新闻</script>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := Append(nil, s); string(got) != string(want) {
			t.Errorf("Append(%q) = %s, want %s", s, got, want)
		}
		if got, want := Plain(s), string(want) == `"`+s+`"`; got != want {
			t.Errorf("Plain(%q) = %v, want %v", s, got, want)
		}
	})
}
