package importer

import (
	"strings"
)

// Tag is one template tag found in a body: a Hexo tag plugin or Liquid
// tag ({% name args %}) or a Hugo shortcode ({{< name args >}}).
type Tag struct {
	Name  string
	Args  string // raw, trimmed
	Start int    // byte offset of the opening tag in the text scanned
	End   int    // just after the tag, or after its closing tag when paired
	// Inner is the text between a paired tag and its closing tag, which
	// starts at InnerStart.
	Inner      string
	InnerStart int
	Paired     bool
	Raw        string // the whole text from Start to End
}

// Syntax is how a generator writes its tags.
type Syntax struct {
	Open, Close []string // delimiters, tried in order: "{%", "%}"
	// EndPrefix names the closing tag of a pair: "end" for {% endnote %}
	// (Hexo, Liquid), "/" for {{< /details >}} (Hugo).
	EndPrefix string
	// Paired reports whether a tag of that name always has a closing
	// tag; when nil, a tag is paired when its closing tag follows.
	Paired func(name string) bool
}

// Hexo and Liquid tags; Hugo shortcodes in both notations.
var (
	LiquidSyntax = Syntax{Open: []string{"{%-", "{%"}, Close: []string{"-%}", "%}"}, EndPrefix: "end"}
	HugoSyntax   = Syntax{Open: []string{"{{<", "{{%"}, Close: []string{">}}", "%}}"}, EndPrefix: "/"}
)

// ReplaceTags replaces every tag of text outside fenced code with what f
// returns for it; f returns ok false to keep a tag as written. Tags
// inside a paired tag are left to f (it may call ReplaceTags on Inner).
func ReplaceTags(text string, syn Syntax, f func(t Tag) (string, bool)) string {
	var b strings.Builder
	i := 0
	for _, span := range codeFree(text) {
		b.WriteString(text[i:span[0]])
		i = span[0]
		for i < span[1] {
			t, ok := nextTag(text, i, span[1], syn)
			if !ok || t.End > span[1] {
				break // none, or one that closes past fenced code: text
			}
			b.WriteString(text[i:t.Start])
			if out, ok := f(t); ok {
				b.WriteString(out)
			} else {
				b.WriteString(t.Raw)
			}
			i = t.End
		}
		b.WriteString(text[i:span[1]])
		i = span[1]
	}
	b.WriteString(text[i:])
	return b.String()
}

// nextTag finds the first tag at or after i that starts before end.
func nextTag(text string, i, end int, syn Syntax) (Tag, bool) {
	for i < end {
		start, open := indexAny(text[i:end], syn.Open)
		if start < 0 {
			return Tag{}, false
		}
		start += i
		t, ok := readTag(text, start, open, syn)
		if !ok {
			i = start + len(open)
			continue
		}
		if strings.HasPrefix(t.Name, syn.EndPrefix) && syn.EndPrefix != "" {
			return t, true // a stray closing tag: f leaves it as written
		}
		pairTag(text, &t, syn)
		return t, true
	}
	return Tag{}, false
}

// readTag reads the single tag opening at start with delimiter open.
func readTag(text string, start int, open string, syn Syntax) (Tag, bool) {
	bodyStart := start + len(open)
	rel, cl := indexAny(text[bodyStart:], syn.Close)
	if rel < 0 {
		return Tag{}, false
	}
	inside := text[bodyStart : bodyStart+rel]
	if strings.Contains(inside, "\n\n") {
		return Tag{}, false // not a tag: a blank line ends the search
	}
	inside = strings.TrimSpace(inside)
	if len(inside) >= 4 && strings.HasPrefix(inside, "/*") && strings.HasSuffix(inside, "*/") {
		// Hugo's escaped shortcode {{</* x */>}}: its text, unescaped.
		end := bodyStart + rel + len(cl)
		lit := open + " " + strings.TrimSpace(inside[2:len(inside)-2]) + " " + cl
		return Tag{Name: "", Start: start, End: end, Raw: lit}, true
	}
	inside = strings.TrimSuffix(inside, "/") // Hugo's self-closing {{< x />}}
	name, args, _ := strings.Cut(inside, " ")
	if j := strings.IndexAny(name, "\t\n"); j >= 0 {
		name, args = name[:j], name[j+1:]+" "+args
	}
	if name == "" {
		return Tag{}, false
	}
	end := bodyStart + rel + len(cl)
	return Tag{Name: name, Args: strings.TrimSpace(args), Start: start, End: end, Raw: text[start:end]}, true
}

// pairTag extends t to its closing tag, when it has one.
func pairTag(text string, t *Tag, syn Syntax) {
	if syn.Paired != nil && !syn.Paired(t.Name) {
		return
	}
	depth := 0
	for i := t.End; i < len(text); {
		j, open := indexAny(text[i:], syn.Open)
		if j < 0 {
			return
		}
		u, ok := readTag(text, i+j, open, syn)
		if !ok {
			i += j + len(open)
			continue
		}
		switch u.Name {
		case t.Name:
			depth++
		case syn.EndPrefix + t.Name:
			if depth == 0 {
				t.Paired = true
				t.InnerStart = t.End
				t.Inner = text[t.End:u.Start]
				t.End = u.End
				t.Raw = text[t.Start:t.End]
				return
			}
			depth--
		}
		i = u.End
	}
}

// indexAny finds the first of seps in s, preferring the earlier listed
// at the same offset.
func indexAny(s string, seps []string) (int, string) {
	best, which := -1, ""
	for _, sep := range seps {
		if j := strings.Index(s, sep); j >= 0 && (best < 0 || j < best) {
			best, which = j, sep
		}
	}
	return best, which
}

// codeFree lists the spans of text outside fenced code blocks.
func codeFree(text string) [][2]int {
	var spans [][2]int
	start, off := 0, 0
	fence := ""
	for _, line := range strings.SplitAfter(text, "\n") {
		trimmed := strings.TrimLeft(line, " ")
		if len(line)-len(trimmed) < 4 {
			switch {
			case fence == "":
				if f := fenceOf(trimmed); f != "" {
					fence = f
					spans = append(spans, [2]int{start, off})
				}
			case strings.HasPrefix(trimmed, fence) && strings.TrimSpace(strings.TrimLeft(trimmed, fence[:1])) == "":
				fence = ""
				start = off + len(line)
			}
		}
		off += len(line)
	}
	if fence == "" {
		spans = append(spans, [2]int{start, len(text)})
	}
	return spans
}

// SplitArgs splits tag arguments at spaces, keeping quoted ("a b", 'a b',
// `a b`) ones together without their quotes.
func SplitArgs(s string) []string {
	var out []string
	var cur strings.Builder
	quote := rune(0)
	has := false
	for _, c := range s {
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else {
				cur.WriteRune(c)
			}
		case c == '"' || c == '\'' || c == '`':
			quote, has = c, true
		case c == ' ' || c == '\t' || c == '\n':
			if has {
				out = append(out, cur.String())
				cur.Reset()
				has = false
			}
		default:
			cur.WriteRune(c)
			has = true
		}
	}
	if has {
		out = append(out, cur.String())
	}
	return out
}

// NamedArgs splits arguments into positional ones and key=value ones.
func NamedArgs(s string) (pos []string, named map[string]string) {
	named = map[string]string{}
	for _, a := range SplitArgs(s) {
		if k, v, ok := strings.Cut(a, "="); ok && k != "" && !strings.ContainsAny(k, "/:.") {
			named[k] = v
			continue
		}
		pos = append(pos, a)
	}
	return pos, named
}

// Fence writes code in a fenced block longer than any run of backticks
// in it.
func Fence(lang, code string) string {
	code = strings.Trim(code, "\n")
	ticks := "```"
	for strings.Contains(code, ticks) {
		ticks += "`"
	}
	return ticks + lang + "\n" + code + "\n" + ticks + "\n"
}

// Dest writes a link destination; one with spaces or parentheses is
// written <…>.
func Dest(s string) string {
	if strings.ContainsAny(s, " ()") {
		return "<" + s + ">"
	}
	return s
}
