package config

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/bulletin-ssg/bulletin/internal/deploy/target"
	"github.com/bulletin-ssg/bulletin/internal/frontmatter"
)

// Deploy are the settings of bulletin deploy (deploy:): where the site
// goes and the headers its files get there. Keys are never settings:
// they come from the environment.
type Deploy struct {
	Targets []DeployTarget
	// CacheControl are the site's rules, tried before
	// target.DefaultRules.
	CacheControl []target.Rule
}

// Target is the target named name, or nil.
func (d Deploy) Target(name string) *DeployTarget {
	for i := range d.Targets {
		if d.Targets[i].Name == name {
			return &d.Targets[i]
		}
	}
	return nil
}

// DeployTarget is one place the site is deployed to.
type DeployTarget struct {
	Name string
	URL  target.URL
	// Compress is "" (upload files as they are), "gzip" or "br": text
	// files are uploaded compressed, with Content-Encoding, for a store
	// whose CDN does not compress.
	Compress string
	// RedirectHeader sends an alias's target as the store's website
	// redirect header too (x-amz-website-redirect-location). On by
	// default for AWS S3, the one store named in the README that serves
	// it; elsewhere the alias's page redirects by itself.
	RedirectHeader bool
	// CDN is the CDN whose cache of the changed URLs is refreshed after
	// a deploy; nil for none.
	CDN *CDN
}

// CDN names a CDN in front of a target.
type CDN struct {
	Provider string // aliyun | tencent | cloudfront
	// Distribution is CloudFront's distribution ID.
	Distribution string
}

// CDNProviders are the CDNs bulletin deploy refreshes.
var CDNProviders = []string{"aliyun", "tencent", "cloudfront"}

var targetName = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,31}$`)

// deploy reads deploy: {targets: [{name, url, compress, redirectHeader,
// cdn}], cacheControl: [{match, value}]}. List items have no position of
// their own: their errors stand at the list, naming the item.
func deploy(r *frontmatter.Reader) Deploy {
	var out Deploy
	if !r.Has("deploy") {
		return out
	}
	d := r.Sub("deploy")
	known(d, "deploy", "targets", "cacheControl")
	for i, item := range list(d, "targets") {
		if t, ok := deployTarget(d, i, item); ok {
			if out.Target(t.Name) != nil {
				d.Fail("targets", "deploy.targets: %s is named twice", t.Name)
				continue
			}
			out.Targets = append(out.Targets, t)
		}
	}
	for i, item := range list(d, "cacheControl") {
		where := fmt.Sprintf("deploy.cacheControl[%d]", i)
		m, ok := item.(map[string]any)
		match, _ := frontmatter.Text(m["match"])
		value, _ := frontmatter.Text(m["value"])
		if !ok || len(m) != 2 || match == "" || value == "" {
			d.Fail("cacheControl", "%s: want {match: PATTERN, value: HEADER}, such as {match: \"images/**\", value: \"public, max-age=86400\"}", where)
			continue
		}
		rule, err := target.ParseRule(match, value)
		if err != nil {
			d.Fail("cacheControl", "%s: %v", where, err)
			continue
		}
		out.CacheControl = append(out.CacheControl, rule)
	}
	return out
}

// list reads the list at key of r.
func list(r *frontmatter.Reader, key string) []any {
	v, ok := r.M.Fields[key]
	if !ok || v == nil {
		return nil
	}
	l, ok := v.([]any)
	if !ok {
		r.Fail(key, "deploy.%s: want a list", key)
	}
	return l
}

// known fails each key of r's mapping not among keys.
func known(r *frontmatter.Reader, name string, keys ...string) {
	for _, k := range slices.Sorted(maps.Keys(r.M.Fields)) {
		if !slices.Contains(keys, k) {
			r.Fail(k, "%s.%s: unknown key (%s has %s)", name, k, name, strings.Join(keys, ", "))
		}
	}
}

func deployTarget(d *frontmatter.Reader, i int, item any) (DeployTarget, bool) {
	where := fmt.Sprintf("deploy.targets[%d]", i)
	m, ok := item.(map[string]any)
	if !ok {
		d.Fail("targets", "%s: want {name: NAME, url: s3://…}", where)
		return DeployTarget{}, false
	}
	fail := func(format string, args ...any) (DeployTarget, bool) {
		d.Fail("targets", "%s: %s", where, fmt.Sprintf(format, args...))
		return DeployTarget{}, false
	}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if !slices.Contains([]string{"name", "url", "compress", "redirectHeader", "cdn"}, k) {
			return fail("unknown key %s (a target has name, url, compress, redirectHeader and cdn)", k)
		}
	}
	var t DeployTarget
	t.Name, _ = frontmatter.Text(m["name"])
	if !targetName.MatchString(t.Name) {
		return fail("name %q: want a short name of lower-case letters, digits, - and _, such as prod", t.Name)
	}
	where += " (" + t.Name + ")"
	raw, _ := frontmatter.Text(m["url"])
	u, err := target.ParseURL(raw)
	if err != nil {
		return fail("url: %v", err)
	}
	t.URL = u
	switch c, _ := frontmatter.Text(m["compress"]); c {
	case "", "none":
	case "gzip", "br":
		t.Compress = c
	default:
		return fail("compress %q: want none, gzip or br", c)
	}
	t.RedirectHeader = u.Endpoint == "" || strings.HasSuffix(u.Endpoint, ".amazonaws.com")
	if v, ok := m["redirectHeader"]; ok {
		b, ok := v.(bool)
		if !ok {
			return fail("redirectHeader: want true or false")
		}
		t.RedirectHeader = b
	}
	if v, ok := m["cdn"]; ok {
		c, ok := v.(map[string]any)
		provider, _ := frontmatter.Text(c["provider"])
		if !ok || !slices.Contains(CDNProviders, provider) {
			return fail("cdn: want {provider: %s}", strings.Join(CDNProviders, "|"))
		}
		t.CDN = &CDN{Provider: provider}
		t.CDN.Distribution, _ = frontmatter.Text(c["distribution"])
		for k := range c {
			if k != "provider" && k != "distribution" {
				return fail("cdn: unknown key %s (cdn has provider and, for cloudfront, distribution)", k)
			}
		}
		if (provider == "cloudfront") != (t.CDN.Distribution != "") {
			return fail("cdn: distribution: CloudFront's distribution ID, and only for cloudfront")
		}
	}
	return t, true
}
