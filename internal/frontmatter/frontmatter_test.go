package frontmatter

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		format   Format
		fields   map[string]any
		body     string
		bodyLine int
	}{
		{"none", "# Hello\n", None, map[string]any{}, "# Hello\n", 1},
		{"yaml", "---\ntitle: 你好\ndate: 2020-07-30 16:20\ntags: [a, b]\n---\nBody\n", YAML,
			map[string]any{"title": "你好", "date": "2020-07-30 16:20", "tags": []any{"a", "b"}}, "Body\n", 6},
		{"yaml timestamp stays text", "---\ndate: 2020-07-30\n---\n", YAML, map[string]any{"date": "2020-07-30"}, "", 4},
		{"yaml nested", "---\nfooter:\n  icp: 鄂ICP备1号\n  n: 3\n  ok: true\n  f: 1.5\n  nil: ~\n---\n", YAML,
			map[string]any{"footer": map[string]any{"icp": "鄂ICP备1号", "n": int64(3), "ok": true, "f": 1.5, "nil": nil}}, "", 9},
		{"bom", "\xef\xbb\xbf---\ntitle: x\n---\nB", YAML, map[string]any{"title": "x"}, "B", 4},
		{"leading blank lines", "\n\n---\ntitle: x\n---\nB", YAML, map[string]any{"title": "x"}, "B", 6},
		{"empty yaml", "---\n---\nB", YAML, map[string]any{}, "B", 3},
		{"toml", "+++\ntitle = \"x\"\ndate = 2021-03-05\nat = 2021-03-05T10:20:00\n+++\nB", TOML,
			map[string]any{"title": "x", "date": "2021-03-05", "at": "2021-03-05T10:20:00"}, "B", 6},
		{"toml offset date", "+++\ndate = 2021-03-05T10:20:00+08:00\n+++\n", TOML,
			map[string]any{"date": time.Date(2021, 3, 5, 10, 20, 0, 0, time.FixedZone("", 8*3600))}, "", 4},
		{"json", "{\n  \"title\": \"x\",\n  \"n\": 2\n}\n\nB", JSON, map[string]any{"title": "x", "n": int64(2)}, "B", 6},
		{"crlf", "---\r\ntitle: x\r\n---\r\nB\r\n", YAML, map[string]any{"title": "x"}, "B\r\n", 4},
		{"yaml merge key", "---\nbase: &b {a: 1}\nx:\n  <<: *b\n  c: 2\n---\n", YAML,
			map[string]any{"base": map[string]any{"a": int64(1)}, "x": map[string]any{"a": int64(1), "c": int64(2)}}, "", 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Parse([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if m.Format != tt.format {
				t.Errorf("format = %q, want %q", m.Format, tt.format)
			}
			if !reflect.DeepEqual(m.Fields, tt.fields) {
				if tm, ok := tt.fields["date"].(time.Time); !ok || !tm.Equal(m.Fields["date"].(time.Time)) {
					t.Errorf("fields = %#v, want %#v", m.Fields, tt.fields)
				}
			}
			if string(m.Body) != tt.body {
				t.Errorf("body = %q, want %q", m.Body, tt.body)
			}
			if m.BodyLine != tt.bodyLine {
				t.Errorf("body line = %d, want %d", m.BodyLine, tt.bodyLine)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		pos  Position
		msg  string
	}{
		{"unclosed yaml", "---\ntitle: x\nbody\n", Position{1, 1}, "never closed"},
		{"unclosed after blank", "\n+++\ntitle = 1\n", Position{2, 1}, "never closed"},
		{"unclosed json", "{\n\"a\": 1\n", Position{1, 1}, "never closed"},
		{"yaml syntax", "---\ntitle: x\n  bad: : y\n---\n", Position{3, 6}, "YAML front matter"},
		{"yaml not a map", "---\n- a\n- b\n---\n", Position{2, 1}, "must be a mapping"},
		{"yaml duplicate", "---\na: 1\na: 2\n---\n", Position{3, 1}, "key \"a\" is set twice"},
		{"toml syntax", "+++\ntitle = \n+++\n", Position{2, 9}, "TOML front matter"},
		{"json syntax", "{\n  \"a\": 1,\n  \"b\" 2\n}\n", Position{3, 7}, "JSON front matter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.src))
			var fe *Error
			if !errors.As(err, &fe) {
				t.Fatalf("err = %v, want *Error", err)
			}
			if fe.Pos != tt.pos {
				t.Errorf("pos = %v, want %v (%v)", fe.Pos, tt.pos, err)
			}
			if !strings.Contains(fe.Msg, tt.msg) {
				t.Errorf("msg = %q, want it to contain %q", fe.Msg, tt.msg)
			}
		})
	}
}

// laughs is a "billion laughs": nine anchors, each a list of nine
// aliases of the one before, 9^9 values in a few hundred bytes. Each
// anchor is on a line of its own after prefix.
func laughs(prefix string) string {
	var b strings.Builder
	b.WriteString(prefix + "&a0 [l, l, l, l, l, l, l, l, l]\n")
	for i := 1; i <= 8; i++ {
		prev := fmt.Sprintf("*a%d", i-1)
		fmt.Fprintf(&b, "%s&a%d [%s%s]\n", prefix, i, strings.Repeat(prev+", ", 8), prev)
	}
	return b.String()
}

// laughsKeys is laughs with each anchor under a top-level key of its own.
func laughsKeys() string {
	var b strings.Builder
	for i, line := range strings.Split(strings.TrimSuffix(laughs(""), "\n"), "\n") {
		fmt.Fprintf(&b, "a%d: %s\n", i, line)
	}
	return b.String()
}

// allocated is how many bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestBounds: front matter that would expand or nest without bound is an
// error at the alias, key or bracket that goes too far, found before any
// of it is built.
func TestBounds(t *testing.T) {
	const expands, deep = "front matter expands too far", "front matter is nested too deeply"
	var merges strings.Builder
	merges.WriteString("m0: &m0 {a: l, b: l, c: l, d: l, e: l, f: l, g: l, h: l, i: l}\n")
	for i := 1; i <= 8; i++ {
		prev := fmt.Sprintf("*m%d", i-1)
		fmt.Fprintf(&merges, "m%d: &m%d {<<: [%s%s]}\n", i, i, strings.Repeat(prev+", ", 8), prev)
	}
	keys := strings.Repeat("a.", 20000) + "a"
	tests := []struct {
		name string
		src  string
		pos  Position
		msg  string
	}{
		// a0 to a3 add 8,289 values, the first *a3 in a4 7,381 more.
		{"yaml laughs", "---\ntitle: x\n" + laughsKeys() + "---\n", Position{7, 10}, expands},
		{"yaml laughs in tags", "---\ntitle: x\ntags:\n" + laughs("  - ") + "---\n", Position{8, 10}, expands},
		{"yaml merge keys", "---\n" + merges.String() + "---\n", Position{5, 40}, expands},
		{"yaml alias in itself", "---\na: &x [*x, *x]\n---\n", Position{2, 8}, expands},
		{"yaml merged into itself", "---\na: &x\n  b: 1\n  <<: *x\n---\n", Position{4, 7}, expands},
		{"toml inline tables", "+++\na = " + strings.Repeat("{b=", 20000) + "1" + strings.Repeat("}", 20000) + "\n+++\n", Position{2, 5 + 3*64}, deep},
		{"toml arrays", "+++\na = " + strings.Repeat("[", 20000) + "1" + strings.Repeat("]", 20000) + "\n+++\n", Position{2, 5 + 64}, deep},
		{"toml 65 arrays", "+++\na = " + strings.Repeat("[", 65) + strings.Repeat("]", 65) + "\n+++\n", Position{2, 5 + 64}, deep},
		{"toml arrays over lines", "+++\na = [\n" + strings.Repeat("[\n", 70) + strings.Repeat("]\n", 71) + "+++\n", Position{66, 1}, deep},
		{"toml dotted key", "+++\n" + keys + " = 1\n+++\n", Position{2, 131}, deep},
		{"toml table header", "+++\n[" + keys + "]\nx = 1\n+++\n", Position{2, 130}, deep},
		{"toml array of tables", "+++\n[[" + keys + "]]\nx = 1\n+++\n", Position{2, 131}, deep},
		// Each array of tables is two levels: the array and its element.
		{"toml arrays of tables in arrays of tables", "+++\n" + arraysOfTables(33) + "+++\n", Position{34, 67}, deep},
		{"toml key under a deep table", "+++\n[" + strings.Repeat("a.", 63) + "a]\nb.c = 1\n+++\n", Position{3, 3}, deep},
		{"json", "{\n\"a\": " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "\n}\n\n", Position{2, 6 + 64}, deep},
		{"json 65 objects", "{\n\"a\":" + strings.Repeat("{\"a\":", 65) + "1" + strings.Repeat("}", 65) + "\n}\n\n", Position{2, 5 + 5*64}, deep},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if n := allocated(func() { _, err = Parse([]byte(tt.src)) }); n > 1<<20 {
				t.Errorf("Parse allocated %d bytes", n)
			}
			var fe *Error
			if !errors.As(err, &fe) {
				t.Fatalf("err = %v, want *Error", err)
			}
			if fe.Pos != tt.pos || fe.Msg != tt.msg {
				t.Errorf("err = %v, want %d:%d: %s", err, tt.pos.Line, tt.pos.Col, tt.msg)
			}
		})
	}
}

// TestWithinBounds: what the bounds allow still decodes, and is
// remembered.
func TestWithinBounds(t *testing.T) {
	footer := map[string]any{"icp": "鄂ICP备1号", "links": []any{"a", "b"}}
	arrays := strings.Repeat("[", 64) + "1" + strings.Repeat("]", 64)
	var nested any = int64(1)
	for range 64 {
		nested = []any{nested}
	}
	var tables any = map[string]any{}
	for range 63 {
		tables = map[string]any{"b": tables}
	}
	many := strings.Repeat("[{", 50)
	tests := []struct {
		name   string
		src    string
		fields map[string]any
	}{
		{"yaml shared footer", "---\nbase: &f\n  icp: 鄂ICP备1号\n  links: [a, b]\nfooter: *f\nzh: {footer: *f}\nen:\n  footer:\n    <<: *f\n---\n",
			map[string]any{"base": footer, "footer": footer, "zh": map[string]any{"footer": footer}, "en": map[string]any{"footer": footer}}},
		{"yaml laughs to a3", "---\n" + strings.Join(strings.SplitAfter(laughsKeys(), "\n")[:4], "") + "---\n", nil},
		{"toml 64 arrays", "+++\na = " + arrays + "\n+++\n", map[string]any{"a": nested}},
		{"toml 64 inline tables", "+++\na = " + strings.Repeat("{b=", 63) + "{}" + strings.Repeat("}", 63) + "\n+++\n",
			map[string]any{"a": tables}},
		{"toml brackets in strings and comments", "+++\n" +
			`a = "` + many + `\"` + many + `" # ` + many + "\n" +
			`b = '` + many + `\'` + "\n" +
			`c = """` + "\n" + many + "\n" + `\"""` + many + `""""` + "\n" +
			`d = '''` + many + "\n" + many + `''''` + "\n" +
			"# " + many + "\n" +
			`["` + many + `".'x]']` + "\n" +
			"e = [\n  [1], # " + many + "\n  [\"]]]\"],\n]\n" +
			"+++\n",
			map[string]any{"a": many + `"` + many, "b": many + `\`, "c": many + "\n" + `"""` + many + `"`, "d": many + "\n" + many + "'",
				many: map[string]any{"x]": map[string]any{"e": []any{[]any{int64(1)}, []any{"]]]"}}}}}},
		{"toml 32 arrays of tables in arrays of tables", "+++\n" + arraysOfTables(32) + "+++\n", nil},
		{"json 64 arrays", "{\n\"a\": " + arrays + "\n}\n\n", map[string]any{"a": nested}},
		{"json brackets in strings", "{\n\"a\": \"" + many + `\"` + many + "\"\n}\n\n", map[string]any{"a": many + `"` + many}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Parse([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if tt.fields != nil && !reflect.DeepEqual(m.Fields, tt.fields) {
				t.Errorf("fields = %#v, want %#v", m.Fields, tt.fields)
			}
			data, ok := Encode(m, 0)
			if !ok {
				t.Fatal("not remembered")
			}
			if _, _, err := Decode(data); err != nil {
				t.Errorf("the remembered matter does not decode: %v", err)
			}
		})
	}
}

// arraysOfTables is n [[a]] headers, each an array in the one before.
func arraysOfTables(n int) string {
	var b strings.Builder
	for k := range n {
		b.WriteString("[[" + strings.Repeat("a.", k) + "a]]\n")
	}
	return b.String()
}

func TestPositions(t *testing.T) {
	tests := []struct {
		name string
		src  string
		key  string
		want Position
	}{
		{"yaml", "---\ntitle: x\ndate: 2020-13-01\n---\n", "date", Position{3, 7}},
		{"yaml nested", "---\nfooter:\n  icp: abc\n---\n", "footer.icp", Position{3, 8}},
		{"yaml after bom and blank", "\xef\xbb\xbf\n---\ndate: x\n---\n", "date", Position{3, 7}},
		{"toml", "+++\ntitle = 'x'\n  date = 2020-01-01\n+++\n", "date", Position{3, 10}},
		{"json", "{\n  \"title\": \"x\",\n  \"date\":  \"2020\"\n}\n", "date", Position{3, 12}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Parse([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if got := m.Pos[tt.key]; got != tt.want {
				t.Errorf("Pos[%q] = %v, want %v", tt.key, got, tt.want)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: x\n---\nbody", "+++\na = 1\n+++\n", "{\n\"a\": [1]\n}\n\nx", "---\n", "---\na: &x [*x]\n---\n",
		"\xef\xbb\xbf---\nfooter: {icp: a}\n---\n", "---\n<<: {a: 1}\n---\n",
		"+++\nd = 1979-05-27T07:32:00Z\nl = 1979-05-27\n+++\nx", "+++\no = 1979-05-27T00:32:00-07:00\n+++\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		m, err := Parse(src)
		if err != nil {
			var fe *Error
			if !errors.As(err, &fe) {
				t.Fatalf("error of type %T: %v", err, err)
			}
			if fe.Pos.Line < 1 || fe.Pos.Col < 1 {
				t.Fatalf("error without a position: %v", err)
			}
			if _, werr := parse(src, false); werr == nil || werr.Error() != err.Error() {
				t.Fatalf("bounded parse fails with %v, whole with %v", err, werr)
			}
			return
		}
		if m.Fields == nil || m.BodyLine < 1 {
			t.Fatalf("bad matter %+v", m)
		}
		// What a build remembers of the file gives back the same matter.
		if len(m.Body) > len(src) || !bytes.Equal(src[len(src)-len(m.Body):], m.Body) {
			t.Fatalf("the body is not the end of the file")
		}
		if data, ok := Encode(m, len(src)-len(m.Body)); ok {
			got, start, err := Decode(data)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			got.Body = src[start:]
			if !reflect.DeepEqual(got, m) {
				t.Fatalf("remembered matter differs:\n got %#v\nwant %#v", got, m)
			}
		}
		// Handing adrg the block alone changes nothing.
		whole, err := parse(src, false)
		if err != nil {
			t.Fatalf("parses bounded but not whole: %v", err)
		}
		if !bytes.Equal(m.Body, whole.Body) || m.BodyLine != whole.BodyLine || !reflect.DeepEqual(m.Fields, whole.Fields) || m.Format != whole.Format {
			t.Fatalf("bounded parse differs:\n body %q line %d\nwhole %q line %d", m.Body, m.BodyLine, whole.Body, whole.BodyLine)
		}
	})
}

// TestMemo: the front matter of the files a site is made of is
// remembered, and comes back exactly as Parse gave it.
func TestMemo(t *testing.T) {
	for _, src := range []string{
		"---\ntitle: 中日外长通电话\ndate: 2020-07-30 16:20\ntags: [外交, 中日]\ndraft: false\nweight: -3\nratio: 0.5\nempty:\nfooter: {icp: 鄂ICP备13001903号, links: [{a: 1}]}\n---\nBody.\n",
		"\xef\xbb\xbf---\ntitle: BOM\n---\nBody",
		"+++\ntitle = \"T\"\nd = 1979-05-27T07:32:00Z\nl = 1979-05-27\n[footer]\nicp = \"x\"\n+++\nBody",
		"{\n\"title\": \"J\", \"n\": 2, \"list\": [true, null]\n}\n\nBody",
		"No front matter at all.",
	} {
		m, err := Parse([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		data, ok := Encode(m, len(src)-len(m.Body))
		if !ok {
			t.Errorf("%q: not remembered", src)
			continue
		}
		got, start, err := Decode(data)
		if err != nil {
			t.Fatal(err)
		}
		got.Body = []byte(src[start:])
		if !reflect.DeepEqual(got, m) {
			t.Errorf("%q: got %#v, want %#v", src, got, m)
		}
		if _, _, err := Decode(data[:len(data)-1]); err == nil {
			t.Errorf("%q: a memo cut short decoded", src)
		}
	}
	// A date-time with an offset keeps a zone Decode could not rebuild.
	m, err := Parse([]byte("+++\no = 1979-05-27T00:32:00-07:00\n+++\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := Encode(m, 0); ok {
		t.Error("an offset date-time was remembered")
	}
}

// FuzzSimpleYAML holds simpleYAML to the YAML parser: whatever block it
// decodes, the parser decodes to the same fields at the same positions.
func FuzzSimpleYAML(f *testing.F) {
	for _, s := range []string{
		"title: \"公司新闻（第1号）\"\ndate: 2020-07-30 16:20\ntags: [\"news\", '产品']\ncategories: [\"合作\"]\n",
		"title: Plain words, with commas and it's quotes\ndraft: true\n",
		"title: 'single ''quoted'''\n", "title: \"esc \\\" aped\"\n", "a: [ ]\nb: []\n# comment\n\nc: x:y\n",
		"date: 2020-07-30\nlastmod: 2020-07-30T16:20:00\nx: 2020-07-30 16:20:05\n", "n: 12\nf: 1.5\nz: null\nt: yes\n",
		"a: b\na: c\n", "a:\n  b: c\n", "a: \"x\" # c\n", "a: x #c\n", "a: x: y\n", "a: [\"x\",]\n", "a: [\"x\" \"y\"]\n",
		"key-with-dash: 文字\n", "a: \t\n", "a: b\r\n", "- a\n", "a: \xef\xbb\xbfb\n", "a: b\u2028c\n", "a: ~\n", "a: .inf\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, block []byte) {
		fast := &Matter{Fields: map[string]any{}, Pos: map[string]Position{}}
		if !simpleYAML(block, 2, fast) {
			return
		}
		slow := &Matter{Fields: map[string]any{}, Pos: map[string]Position{}}
		if err := parseYAML(block, 2, slow); err != nil {
			t.Fatalf("simpleYAML took a block the parser rejects (%v):\n%s", err, block)
		}
		if !reflect.DeepEqual(fast.Fields, slow.Fields) {
			t.Fatalf("fields differ for\n%s\nsimple: %#v\nparser: %#v", block, fast.Fields, slow.Fields)
		}
		if !reflect.DeepEqual(fast.Pos, slow.Pos) {
			t.Fatalf("positions differ for\n%s\nsimple: %v\nparser: %v", block, fast.Pos, slow.Pos)
		}
	})
}

// TestSimpleYAMLTakesArticles: the front matter of a typical article goes
// the fast way (else FuzzSimpleYAML would hold nothing).
func TestSimpleYAMLTakesArticles(t *testing.T) {
	for _, block := range []string{
		"title: \"奖项交流客户访问活动服务市场（第9987号）\"\ndate: 2024-12-24 19:27\ntags: [\"主题11\", \"topic-20\"]\ncategories: [\"合作\"]\n",
		"title: Quarterly results\ndate: 2020-07-30\ndescription: 'Revenue, profit and outlook'\ncover: /images/q2.jpg\n",
	} {
		m := &Matter{Fields: map[string]any{}, Pos: map[string]Position{}}
		if !simpleYAML([]byte(block), 2, m) {
			t.Errorf("not taken:\n%s", block)
		}
	}
	for _, block := range []string{"a: 1\n", "a: true\n", "a:\n  b: c\n", "a: \"x\\ty\"\n", "a: b # c\n",
		"a: &x b\n", "a: *x\n", "a: [*x]\n", "a: ['x', *x]\n", "<<: *x\n", laughsKeys()} {
		m := &Matter{Fields: map[string]any{}, Pos: map[string]Position{}}
		if simpleYAML([]byte(block), 2, m) {
			t.Errorf("taken, though the parser must decode it:\n%s", block)
		}
	}
}

func TestParseYAML(t *testing.T) {
	m, err := ParseYAML([]byte("# words\ntimeOfIssue: 发布日期\nviews: 阅读\n"))
	if err != nil {
		t.Fatal(err)
	}
	if m.Fields["views"] != "阅读" || m.Pos["views"] != (Position{3, 8}) {
		t.Errorf("fields %v, views at %v", m.Fields, m.Pos["views"])
	}
	if _, err := ParseYAML([]byte("a: 1\nb: [\n")); err == nil || !strings.HasPrefix(err.Error(), "3:1:") && !strings.HasPrefix(err.Error(), "2:") {
		t.Errorf("a broken file: %v", err)
	}
	if _, err := ParseYAML([]byte("- a\n- b\n")); err == nil {
		t.Error("a list was taken")
	}
}
