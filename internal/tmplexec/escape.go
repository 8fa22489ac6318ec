package tmplexec

import (
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"unicode/utf8"
)

// html/template's escapers, written again: the originals are not exported,
// and reaching them through text/template is the reflection this package
// exists to avoid. Each does what its original does, byte for byte
// (FuzzEscapers runs both on the same values); where the original needs
// html/template's HTML parser (an HTML value in an attribute) or would
// dereference pointers, the execution falls back instead.
//
// The escapers of JavaScript, CSS and comment contexts are not here: an
// action in those contexts falls back.
var escapers = map[string]*function{
	"_html_template_htmlescaper":    escaper(htmlEscaper),
	"_html_template_attrescaper":    escaper(attrEscaper),
	"_html_template_rcdataescaper":  escaper(rcdataEscaper),
	"_html_template_nospaceescaper": escaper(nospaceEscaper),
	"_html_template_urlfilter":      escaper(urlFilter),
	"_html_template_urlescaper":     escaper(func(a []any) string { return urlProcessor(false, a) }),
	"_html_template_urlnormalizer":  escaper(func(a []any) string { return urlProcessor(true, a) }),
	"_html_template_srcsetescaper":  escaper(srcsetEscaper),
}

func escaper(f func(args []any) string) *function {
	return &function{arity: 1, variadic: true, call: func(a []any) any { return f(a) }, str: f}
}

type contentType uint8

const (
	plainText contentType = iota
	htmlContent
	urlContent
	otherContent // CSS, HTMLAttr, JS, JSStr, Srcset: no escaper here treats them apart
)

// stringify is html/template's: a single typed string keeps its type;
// anything else is printed with fmt.Sprint, untyped nils left out.
func stringify(args []any) (string, contentType) {
	if len(args) == 1 {
		switch s := args[0].(type) {
		case string:
			return s, plainText
		case template.HTML:
			return string(s), htmlContent
		case template.URL:
			return string(s), urlContent
		case template.CSS, template.HTMLAttr, template.JS, template.JSStr, template.Srcset:
			fail("escaping %T", s) // plain text to these escapers too, but not held to them by FuzzEscapers: left to html/template
		}
	}
	printed := make([]any, 0, len(args))
	for _, a := range args {
		if a == nil {
			continue
		}
		if reflect.TypeOf(a).Kind() == reflect.Pointer {
			fail("escaping a pointer") // html/template follows it to a Stringer or a value
		}
		printed = append(printed, a)
	}
	return fmt.Sprint(printed...), plainText
}

func htmlEscaper(args []any) string {
	s, t := stringify(args)
	if t == htmlContent {
		return s
	}
	return replaceASCII(s, &htmlTable)
}

func attrEscaper(args []any) string {
	s, t := stringify(args)
	if t == htmlContent {
		fail("HTML in an attribute") // html/template strips its tags with its parser
	}
	return replaceASCII(s, &htmlTable)
}

func rcdataEscaper(args []any) string {
	s, t := stringify(args)
	if t == htmlContent {
		return replaceASCII(s, &htmlNormTable)
	}
	return replaceASCII(s, &htmlTable)
}

func nospaceEscaper(args []any) string {
	s, t := stringify(args)
	if s == "" {
		return "ZgotmplZ"
	}
	if t == htmlContent {
		fail("HTML in an unquoted attribute")
	}
	return replaceNospace(s)
}

func urlFilter(args []any) string {
	s, t := stringify(args)
	if t == urlContent || safeScheme(s) {
		return s
	}
	return "#ZgotmplZ"
}

// safeScheme reports whether a URL has no scheme, or http, https or
// mailto.
func safeScheme(s string) bool {
	protocol, _, ok := strings.Cut(s, ":")
	return !ok || strings.Contains(protocol, "/") ||
		strings.EqualFold(protocol, "http") || strings.EqualFold(protocol, "https") || strings.EqualFold(protocol, "mailto")
}

// srcsetEscaper is for a srcset attribute ("a.jpg 480w, b.jpg 960w"):
// each URL normalized and held to a safe scheme, each size description
// kept when it is letters, digits and spaces only; an element failing
// either becomes "#ZgotmplZ". A template.URL is one URL, its commas
// escaped so that it cannot start another element.
func srcsetEscaper(args []any) string {
	s, t := stringify(args)
	if t == urlContent {
		return strings.ReplaceAll(urlProcessor(true, []any{s}), ",", "%2c")
	}
	var b strings.Builder
	from := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] != ',' {
			continue
		}
		srcsetElement(&b, s[from:i])
		if i < len(s) {
			b.WriteByte(',')
		}
		from = i + 1
	}
	return b.String()
}

// srcsetElement writes one element of a srcset, "  a.jpg 480w".
func srcsetElement(b *strings.Builder, e string) {
	start := 0
	for start < len(e) && htmlSpace(e[start]) {
		start++
	}
	end := start
	for end < len(e) && !htmlSpace(e[end]) {
		end++
	}
	if url := e[start:end]; safeScheme(url) {
		plain := true
		for i := end; i < len(e) && plain; i++ {
			c := e[i]
			plain = htmlSpace(c) || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		}
		if plain {
			b.WriteString(e[:start])
			b.WriteString(urlProcessor(true, []any{url}))
			b.WriteString(e[end:])
			return
		}
	}
	b.WriteString("#ZgotmplZ")
}

// htmlSpace is ASCII whitespace as HTML defines it: tab, line feed, form
// feed, carriage return and space.
func htmlSpace(c byte) bool {
	return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

// urlProcessor percent-encodes what a URL (norm) or a part of one may not
// hold as it is.
func urlProcessor(norm bool, args []any) string {
	s, t := stringify(args)
	if t == urlContent {
		norm = true
	}
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			continue
		case c == '-' || c == '.' || c == '_' || c == '~':
			continue
		case norm && strings.IndexByte("!#$&*+,/:;=?@[]", c) >= 0:
			continue
		case norm && c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			continue
		}
		if written == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[written:i])
		b.WriteByte('%')
		b.WriteByte(lowerHex[c>>4])
		b.WriteByte(lowerHex[c&15])
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

const lowerHex = "0123456789abcdef"

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// The replacement tables, by byte. Every entry is an ASCII byte, and no
// byte of a multi-byte UTF-8 sequence is ASCII, so replacing bytes is
// replacing runes.
var htmlTable, htmlNormTable, nospaceTable [128]string

func init() {
	for c, r := range map[byte]string{0: "\uFFFD", '"': "&#34;", '&': "&amp;", '\'': "&#39;", '+': "&#43;", '<': "&lt;", '>': "&gt;"} {
		htmlTable[c] = r
		if c != '&' {
			htmlNormTable[c] = r
		}
	}
	for c, r := range map[byte]string{0: "&#xfffd;", '\t': "&#9;", '\n': "&#10;", '\v': "&#11;", '\f': "&#12;", '\r': "&#13;",
		' ': "&#32;", '"': "&#34;", '&': "&amp;", '\'': "&#39;", '+': "&#43;", '<': "&lt;", '=': "&#61;", '>': "&gt;", '`': "&#96;"} {
		nospaceTable[c] = r
	}
}

func replaceASCII(s string, table *[128]string) string {
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || table[c] == "" {
			continue
		}
		if written == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[written:i])
		b.WriteString(table[c])
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

// replaceNospace also writes Unicode noncharacters (and each byte of
// invalid UTF-8, which decodes as U+FFFD) as character references.
func replaceNospace(s string) string {
	var b strings.Builder
	written := 0
	for i, w := 0, 0; i < len(s); i += w {
		r := rune(s[i])
		w = 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		var repl string
		switch {
		case r < 128:
			if repl = nospaceTable[r]; repl == "" {
				continue
			}
		case 0xfdd0 <= r && r <= 0xfdef || 0xfff0 <= r && r <= 0xffff:
			repl = fmt.Sprintf("&#x%x;", r)
		default:
			continue
		}
		b.WriteString(s[written:i])
		b.WriteString(repl)
		written = i + w
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}
