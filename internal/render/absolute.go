package render

import (
	"mime"
	"net/url"
	"path"
	"strings"

	"golang.org/x/net/html"
)

// urlAttrs are the attributes whose value is a URL (srcset: a list of
// them).
var urlAttrs = map[string]bool{"href": true, "src": true, "poster": true, "srcset": true}

// absoluteURLs rewrites the URLs in an HTML fragment (an article's
// content) as absolute ones, resolved from the page at base: a feed
// reader shows the fragment away from the site, where "/news/" and
// "photo.jpg" lead nowhere. Everything but those attributes is written
// back exactly as it was.
func absoluteURLs(fragment, base string) string {
	if !strings.Contains(fragment, "=") {
		return fragment
	}
	baseURL, err := url.Parse(base)
	if err != nil {
		return fragment
	}
	var b strings.Builder
	b.Grow(len(fragment) + len(fragment)/8)
	z := html.NewTokenizer(strings.NewReader(fragment))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := string(z.Raw())
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			b.WriteString(raw)
			continue
		}
		b.WriteString(rewriteTag(raw, baseURL))
	}
	return b.String()
}

// rewriteTag rewrites the URL attributes of one start tag as written,
// leaving its other bytes alone. The renderer quotes attributes with
// '"'; a tag written otherwise (raw HTML) is left as it is.
func rewriteTag(tag string, base *url.URL) string {
	var b strings.Builder
	rest := tag
	for {
		eq := strings.Index(rest, `="`)
		if eq < 0 {
			b.WriteString(rest)
			return b.String()
		}
		name := attrName(rest[:eq])
		end := strings.IndexByte(rest[eq+2:], '"')
		if end < 0 {
			b.WriteString(rest)
			return b.String()
		}
		value := rest[eq+2 : eq+2+end]
		b.WriteString(rest[:eq+2])
		if urlAttrs[strings.ToLower(name)] {
			if strings.EqualFold(name, "srcset") {
				value = absoluteSrcset(html.UnescapeString(value), base)
			} else {
				value = absoluteURL(html.UnescapeString(value), base.String())
			}
			value = html.EscapeString(value)
		}
		b.WriteString(value)
		b.WriteByte('"')
		rest = rest[eq+2+end+1:]
	}
}

// attrName is the attribute name that ends s ("<a class=x href").
func attrName(s string) string {
	i := strings.LastIndexAny(s, " \t\n\r\f/<")
	return s[i+1:]
}

// absoluteURL resolves ref against the page at base. A URL that is
// absolute already, a fragment of the page itself, or one that does not
// parse is left as written.
func absoluteURL(ref, base string) string {
	if ref == "" || strings.HasPrefix(ref, "#") {
		return ref
	}
	u, err := url.Parse(ref)
	if err != nil || u.Scheme != "" {
		return ref
	}
	b, err := url.Parse(base)
	if err != nil {
		return ref
	}
	return b.ResolveReference(u).String()
}

// absoluteSrcset resolves each URL of a srcset ("a.jpg 480w, b.jpg 960w").
func absoluteSrcset(set string, base *url.URL) string {
	parts := strings.Split(set, ",")
	for i, part := range parts {
		fields := strings.Fields(part)
		if len(fields) == 0 {
			continue
		}
		fields[0] = absoluteURL(fields[0], base.String())
		parts[i] = strings.Join(fields, " ")
	}
	return strings.Join(parts, ", ")
}

// mediaType is the media type a URL's file extension names, for a
// feed's enclosure (application/octet-stream when it names none).
func mediaType(u string) string {
	if parsed, err := url.Parse(u); err == nil {
		u = parsed.Path
	}
	if t := mime.TypeByExtension(strings.ToLower(path.Ext(u))); t != "" {
		return t
	}
	return "application/octet-stream"
}
