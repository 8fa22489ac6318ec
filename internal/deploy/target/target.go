// Package target reads what the deploy settings say in text: where a
// site is deployed (a target URL such as
// s3://bucket/prefix?endpoint=oss-cn-hangzhou.aliyuncs.com&region=cn-hangzhou)
// and which Cache-Control header each file gets (rules of a path pattern
// and a header value). The settings reader and bulletin deploy both use
// it; it imports nothing of bulletin's, so the settings can.
//
// What users rely on:
//   - a URL that would let a key leave its prefix is refused: a prefix
//     segment that is empty, "." or "..", a backslash, a control
//     character or a query setting bulletin does not know;
//   - the URL never holds a secret: user information in it is refused,
//     so a key pasted there is not kept in the settings' history;
//   - a Cache-Control value is one header line of directives (tokens, a
//     token=value or token="quoted"), normalised to "a, b=1"; anything
//     that could end the header or start another is refused.
package target

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode"
)

// URL is a parsed target URL: a bucket of an S3-compatible store, and the
// prefix the site's files go under.
type URL struct {
	Bucket string
	// Prefix is "" for the bucket's root, else its segments joined with
	// "/" and ending in "/": "sites/news/".
	Prefix string
	// Endpoint is the store's host[:port]; "" is AWS S3's for Region.
	Endpoint string
	// Insecure is true for an endpoint written with http:// (a store on
	// the machine itself); every other endpoint is reached with HTTPS.
	Insecure bool
	Region   string
	// PathStyle puts the bucket in the path (host/bucket/key) rather
	// than in the host name (bucket.host/key), for stores that need it.
	PathStyle bool
}

// String is the URL as the settings would write it, for messages.
// Endpoints and regions hold no character a query escapes.
func (u URL) String() string {
	var q []string
	if u.Endpoint != "" {
		e := u.Endpoint
		if u.Insecure {
			e = "http://" + e
		}
		q = append(q, "endpoint="+e)
	}
	if u.Region != "" {
		q = append(q, "region="+u.Region)
	}
	if u.PathStyle {
		q = append(q, "use_path_style=true")
	}
	prefix := (&url.URL{Path: u.Prefix}).EscapedPath()
	s := "s3://" + u.Bucket + "/" + prefix
	if len(q) > 0 {
		s += "?" + strings.Join(q, "&")
	}
	return s
}

// Key is the object key of the output file rel ("news/a/index.html").
func (u URL) Key(rel string) string { return u.Prefix + rel }

// ParseURL reads a target URL:
//
//	s3://BUCKET[/PREFIX][?endpoint=HOST[:PORT]][&region=REGION][&use_path_style=true]
//
// The endpoint may begin with https:// or http://; without either it is
// reached with HTTPS.
func ParseURL(raw string) (URL, error) {
	var out URL
	if strings.TrimSpace(raw) == "" {
		return out, errors.New("no URL: want s3://bucket/prefix?endpoint=…&region=…")
	}
	if i := strings.IndexFunc(raw, unicode.IsControl); i >= 0 {
		return out, errors.New("the URL holds a control character")
	}
	if strings.ContainsRune(raw, '\\') {
		return out, errors.New(`the URL holds a backslash: write the prefix with "/"`)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return out, fmt.Errorf("not a URL: %v", unwrap(err))
	}
	if u.Scheme != "s3" {
		return out, fmt.Errorf("want a URL beginning with s3://, not %q", u.Scheme+":")
	}
	if u.Opaque != "" {
		return out, errors.New("want s3://bucket/prefix, with two slashes")
	}
	if u.User != nil {
		return out, errors.New("the URL holds user information: keys belong in the environment ($AWS_ACCESS_KEY_ID and $AWS_SECRET_ACCESS_KEY), never in the settings")
	}
	if u.Fragment != "" || strings.HasSuffix(raw, "#") {
		return out, errors.New("the URL holds a fragment (#…)")
	}
	if u.Port() != "" || strings.HasSuffix(u.Host, ":") {
		return out, fmt.Errorf("%q: a bucket name has no port; the store's host and port go in endpoint=", u.Host)
	}
	out.Bucket = u.Host
	if err := checkBucket(out.Bucket); err != nil {
		return out, err
	}
	if out.Prefix, err = prefix(u.Path); err != nil {
		return out, err
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return out, fmt.Errorf("the query: %v", unwrap(err))
	}
	for key, vals := range q {
		if len(vals) != 1 {
			return out, fmt.Errorf("%s= is given %d times", key, len(vals))
		}
		v := vals[0]
		switch key {
		case "endpoint":
			out.Endpoint, out.Insecure, err = endpoint(v)
		case "region":
			if v == "" || strings.IndexFunc(v, func(r rune) bool { return !isRegionRune(r) }) >= 0 {
				err = fmt.Errorf("region=%q: want a region name such as cn-hangzhou or us-east-1", v)
			}
			out.Region = v
		case "use_path_style":
			switch v {
			case "true":
				out.PathStyle = true
			case "false":
			default:
				err = fmt.Errorf("use_path_style=%q: want true or false", v)
			}
		default:
			err = fmt.Errorf("unknown setting %s= (the URL takes endpoint=, region= and use_path_style=)", key)
		}
		if err != nil {
			return URL{}, err
		}
	}
	if out.Endpoint == "" && out.Region == "" {
		return URL{}, errors.New("no endpoint= and no region=: name the store's endpoint (and region), or AWS S3's region")
	}
	return out, nil
}

func unwrap(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// checkBucket allows the names every store named in the README allows:
// 3 to 63 lower-case letters, digits, dots and hyphens, a letter or a
// digit at each end.
func checkBucket(b string) error {
	if b == "" {
		return errors.New("no bucket: want s3://bucket/prefix")
	}
	ok := len(b) >= 3 && len(b) <= 63 && isAlnum(b[0]) && isAlnum(b[len(b)-1])
	for i := 0; ok && i < len(b); i++ {
		c := b[i]
		ok = isAlnum(c) || c == '-' || (c == '.' && i > 0 && b[i-1] != '.')
	}
	if !ok {
		return fmt.Errorf("bucket %q: want 3 to 63 lower-case letters, digits, dots and hyphens", b)
	}
	return nil
}

func isAlnum(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

// isHostRune allows a host name, an IPv4 or bracketed IPv6 address, and
// a port.
func isHostRune(r rune) bool {
	return r < 128 && (isAlnum(byte(r)) || r >= 'A' && r <= 'Z' || strings.ContainsRune(".-:[]", r))
}

func isRegionRune(r rune) bool {
	return r < 128 && (isAlnum(byte(r)) || r >= 'A' && r <= 'Z' || r == '-' || r == '_')
}

// prefix reads the URL's path as a prefix: each segment a name, none
// that would step out of the prefix or that a store reads differently.
func prefix(p string) (string, error) {
	p = strings.TrimPrefix(p, "/")
	if p == "" {
		return "", nil
	}
	p = strings.TrimSuffix(p, "/")
	if strings.IndexFunc(p, unicode.IsControl) >= 0 || strings.ContainsRune(p, '\\') {
		return "", fmt.Errorf("prefix %q: a control character or a backslash", p)
	}
	for seg := range strings.SplitSeq(p, "/") {
		switch {
		case seg == "":
			return "", fmt.Errorf("prefix %q: an empty segment (//)", p)
		case seg == "." || seg == "..":
			return "", fmt.Errorf("prefix %q: a segment %q would write outside the prefix", p, seg)
		}
	}
	return p + "/", nil
}

// endpoint reads endpoint=: a host and port, with or without http(s)://.
func endpoint(v string) (host string, insecure bool, err error) {
	bad := func() (string, bool, error) {
		return "", false, fmt.Errorf("endpoint=%q: want the store's host, such as oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000", v)
	}
	rest := v
	switch {
	case strings.HasPrefix(v, "http://"):
		insecure, rest = true, v[len("http://"):]
	case strings.HasPrefix(v, "https://"):
		rest = v[len("https://"):]
	}
	rest = strings.TrimSuffix(rest, "/")
	if rest == "" || strings.IndexFunc(rest, func(r rune) bool { return !isHostRune(r) }) >= 0 {
		return bad()
	}
	u, err := url.Parse("https://" + rest)
	if err != nil || u.Host != rest || u.Hostname() == "" {
		return bad()
	}
	return rest, insecure, nil
}
