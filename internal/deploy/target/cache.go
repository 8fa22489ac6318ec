package target

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

// Rule gives the files whose path its pattern matches a Cache-Control
// header. A pattern is matched against the file's path in the output
// ("news/a/index.html") when it holds a "/", else against its name
// ("index.html"), as .gitignore does:
//
//   - any run of characters but "/"
//     **      any run of characters, "/" too
//     ?       one character but "/"
//     {hash}  a fingerprint: 8 or more hexadecimal digits
//
// Every other character stands for itself.
type Rule struct {
	Match string // the pattern as written
	Value string // the header, normalised
	re    *regexp.Regexp
	whole bool // matched against the whole path, not the name
}

// Cache-Control values of the default rules.
const (
	// Immutable is for a file whose name changes with its bytes.
	Immutable = "public, max-age=31536000, immutable"
	// Short is for pages, feeds and the sitemap: what readers must see
	// soon after a deploy.
	Short = "public, max-age=300"
	// Hour is for the other files: images and styles that keep their
	// name when they change.
	Hour = "public, max-age=3600"
)

// DefaultRules apply after a site's own rules, the first that matches
// deciding: fingerprinted files (style.3f2a9c1b.css, and the search
// index's files, named by a hash alone: s/7eb43cdffc77.json) are
// immutable; pages, feeds (index.xml, atom.xml, feed.json), the search
// index's entry (index.json) and the sitemap are kept five minutes,
// other files an hour.
var DefaultRules = []Rule{
	mustRule("*.{hash}.*", Immutable),
	mustRule("{hash}.json", Immutable),
	mustRule("*.html", Short),
	mustRule("*.htm", Short),
	mustRule("*.xml", Short),
	mustRule("*.json", Short),
	mustRule("**", Hour),
}

func mustRule(match, value string) Rule {
	r, err := ParseRule(match, value)
	if err != nil {
		panic(err)
	}
	return r
}

// CacheControl is the header of the file rel: the value of the first of
// rules, then of DefaultRules, that matches it.
func CacheControl(rules []Rule, rel string) string {
	for _, r := range rules {
		if r.Matches(rel) {
			return r.Value
		}
	}
	for _, r := range DefaultRules {
		if r.Matches(rel) {
			return r.Value
		}
	}
	return Hour
}

// Matches reports whether the rule's pattern matches the file rel.
func (r Rule) Matches(rel string) bool {
	if r.re == nil {
		return false
	}
	if !r.whole {
		rel = rel[strings.LastIndexByte(rel, '/')+1:]
	}
	return r.re.MatchString(rel)
}

// maxPattern and maxValue bound what a rule may hold: far more than any
// real one, little enough that no rule makes matching slow.
const (
	maxPattern = 256
	maxValue   = 512
)

// ParseRule reads a rule: its pattern and its Cache-Control value.
func ParseRule(match, value string) (Rule, error) {
	re, whole, err := compilePattern(match)
	if err != nil {
		return Rule{}, fmt.Errorf("match %q: %w", match, err)
	}
	v, err := ParseCacheControl(value)
	if err != nil {
		return Rule{}, fmt.Errorf("value %q: %w", value, err)
	}
	return Rule{Match: match, Value: v, re: re, whole: whole}, nil
}

func compilePattern(p string) (*regexp.Regexp, bool, error) {
	switch {
	case p == "" || p == "/":
		return nil, false, errors.New("an empty pattern")
	case len(p) > maxPattern:
		return nil, false, fmt.Errorf("longer than %d bytes", maxPattern)
	case strings.IndexFunc(p, unicode.IsControl) >= 0 || strings.ContainsAny(p, `\[]`):
		return nil, false, errors.New(`a control character, a backslash or [ ]: write the path with "/", *, ** and ?`)
	}
	whole := strings.Contains(p, "/")
	p = strings.TrimPrefix(p, "/")
	var b strings.Builder
	b.WriteString("^")
	for i := 0; i < len(p); {
		switch {
		case strings.HasPrefix(p[i:], "**"):
			b.WriteString(".*")
			i += 2
			for i < len(p) && p[i] == '*' {
				i++
			}
		case p[i] == '*':
			b.WriteString("[^/]*")
			i++
		case p[i] == '?':
			b.WriteString("[^/]")
			i++
		case strings.HasPrefix(p[i:], "{hash}"):
			b.WriteString("[0-9a-fA-F]{8,}")
			i += len("{hash}")
		case p[i] == '{' || p[i] == '}':
			return nil, false, errors.New("{ } stand only in {hash}")
		default:
			j := i + 1
			for j < len(p) && !strings.ContainsRune("*?{}", rune(p[j])) {
				j++
			}
			b.WriteString(regexp.QuoteMeta(p[i:j]))
			i = j
		}
	}
	b.WriteString("$")
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil, false, err
	}
	return re, whole, nil
}

// ParseCacheControl reads a Cache-Control value: directives separated by
// commas, each a name, or a name=token or name="quoted text". It returns
// them normalised: names in lower case, joined by ", ".
func ParseCacheControl(v string) (string, error) {
	if len(v) > maxValue {
		return "", fmt.Errorf("longer than %d bytes", maxValue)
	}
	if strings.TrimSpace(v) == "" {
		return "", errors.New("empty: want directives such as public, max-age=3600")
	}
	var out []string
	for d := range strings.SplitSeq(v, ",") {
		d = strings.Trim(d, " \t")
		name, arg, hasArg := strings.Cut(d, "=")
		if !isToken(name) {
			return "", fmt.Errorf("%q is not a directive such as public or max-age=3600", d)
		}
		name = strings.ToLower(name)
		if !hasArg {
			out = append(out, name)
			continue
		}
		if !isToken(arg) && !isQuoted(arg) {
			return "", fmt.Errorf("%q: the value of %s is neither a word nor \"quoted\"", d, name)
		}
		out = append(out, name+"="+arg)
	}
	return strings.Join(out, ", "), nil
}

// isToken is RFC 9110's token: the characters a directive's name is.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(isAlnum(c) || c >= 'A' && c <= 'Z' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0) {
			return false
		}
	}
	return true
}

// isQuoted is a quoted-string of printable ASCII, with no escapes but \"
// and \\.
func isQuoted(s string) bool {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return false
	}
	s = s[1 : len(s)-1]
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\':
			if i+1 >= len(s) || (s[i+1] != '"' && s[i+1] != '\\') {
				return false
			}
			i++
		case c == '"' || c < 0x20 || c > 0x7e:
			return false
		}
	}
	return true
}
