// Package config reads the site's settings: the front matter of
// content/_index.md. There is no other configuration file.
//
// Every key has a default, so a site with an empty _index.md builds. Unknown
// keys are kept in Params for templates. Footer values are resolved per
// page (a page or a section's cascade may override them), so Settings keeps
// the site-wide footer as a raw map and ResolveFooter turns any merged map
// into the Footer templates see. It never reads a file itself: the build
// hands it the front matter it read.
package config

import (
	"github.com/bulletin-ssg/bulletin/internal/diag"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/dates"
	"github.com/bulletin-ssg/bulletin/internal/frontmatter"
)

// Settings are the site-wide settings.
type Settings struct {
	Title       string
	Description string
	BaseURL     string // absolute, ends in "/"
	BasePath    string // path part of BaseURL, percent-encoded, ends in "/": "/" or "/blog/"
	Language    string // BCP 47
	Timezone    string
	Zone        *time.Location
	Paginate    int
	Permalinks  map[string]string // section -> pattern
	Company     Company
	Footer      map[string]any // site-wide footer before per-page overrides
	Views       string         // none | busuanzi | waline
	Comments    string         // none | waline | twikoo
	Waline      Waline
	Twikoo      Twikoo
	Menu        []MenuItem
	Logo        string
	UnsafeHTML  bool
	Params      map[string]any // every key, as written
	// Positions are where each key's value stands in content/_index.md.
	Positions map[string]frontmatter.Position

	// HTMLTemplateOnly runs every template with html/template alone, not
	// the faster tmplexec (a theme that renders differently with it).
	HTMLTemplateOnly bool
}

// Company is who publishes the site.
type Company struct{ Name, Address, Phone, Email string }

// Waline is the Waline comment/view service.
type Waline struct{ ServerURL string }

// Twikoo is the Twikoo comment service.
type Twikoo struct{ EnvID string }

// MenuItem is one entry of the site navigation.
type MenuItem struct{ Name, URL string }

// Footer is what the theme prints at the foot of a page.
type Footer struct {
	ICP       string // filing number, always linked to ICPURL
	ICPURL    string
	PSB       string // public-security filing, linked to PSBURL
	PSBURL    string
	Copyright string // "{year}" already replaced
	PoweredBy bool
	Params    map[string]any
}

// Defaults for keys the settings leave out.
const (
	DefaultBaseURL  = "http://localhost/"
	DefaultLanguage = "en"
	DefaultPaginate = 10
	ICPURL          = "https://beian.miit.gov.cn/"
	psbQuery        = "https://beian.mps.gov.cn/#/query/webSearch?code="
)

// Parse reads settings from the home page's front matter. baseURL, when
// not empty, overrides the settings' baseURL (the --base-url flag).
func Parse(file string, m *frontmatter.Matter, baseURL string) (*Settings, error) {
	r := &frontmatter.Reader{File: file, M: m}
	s := &Settings{
		Title:       r.String("title"),
		Description: r.String("description"),
		Language:    r.String("language"),
		Timezone:    r.String("timezone"),
		Paginate:    r.Int("paginate", DefaultPaginate),
		Footer:      r.Map("footer"),
		Views:       choice(r, "views", "none", "busuanzi", "waline"),
		Comments:    choice(r, "comments", "none", "waline", "twikoo"),
		Logo:        r.String("logo"),
		UnsafeHTML:  r.Bool("unsafeHTML"),
		Params:      m.Fields,
		Positions:   m.Pos,
		Permalinks:  map[string]string{},
	}
	s.HTMLTemplateOnly = r.Bool("htmlTemplateOnly")
	if s.Language == "" {
		s.Language = DefaultLanguage
	}
	if s.Paginate < 1 {
		r.Fail("paginate", "paginate: want a whole number of 1 or more, got %d", s.Paginate)
		s.Paginate = DefaultPaginate
	}
	zone, err := dates.LoadZone(s.Timezone)
	if err != nil {
		r.Fail("timezone", "%s", err)
		zone = time.UTC
	}
	s.Zone = zone
	if s.Timezone == "" {
		s.Timezone = "UTC"
	}

	fromSettings := baseURL == ""
	if fromSettings {
		baseURL = r.String("baseURL")
	}
	if baseURL == "" {
		baseURL = DefaultBaseURL
	}
	s.BaseURL, s.BasePath, err = normalizeBaseURL(baseURL)
	if err != nil {
		if fromSettings {
			r.Fail("baseURL", "baseURL: %s", err)
		} else {
			r.Errs = append(r.Errs, err)
		}
	}

	for section, v := range r.Map("permalinks") {
		pattern, ok := v.(string)
		if !ok || !strings.HasPrefix(pattern, "/") {
			r.Fail("permalinks."+section, "permalinks.%s: want a path pattern such as /news/:year/:month/:slug/", section)
			continue
		}
		if bad := unknownToken(pattern); bad != "" {
			r.Fail("permalinks."+section, "permalinks.%s: unknown token %q (use :year, :month, :day, :slug, :section)", section, bad)
			continue
		}
		s.Permalinks[section] = pattern
	}
	company := r.Sub("company")
	s.Company = Company{Name: company.String("name"), Address: company.String("address"), Phone: company.String("phone"), Email: company.String("email")}
	s.Waline = Waline{ServerURL: r.Sub("waline").String("serverURL")}
	s.Twikoo = Twikoo{EnvID: r.Sub("twikoo").String("envId")}
	s.Menu = menu(r)
	if !r.Has("poweredBy") {
		s.Params["poweredBy"] = true
	}
	return s, diag.Sorted(r.Errs)
}

var tokenRE = regexp.MustCompile(`:[a-zA-Z]+`)

// unknownToken returns the first :token in pattern that bulletin does not fill.
func unknownToken(pattern string) string {
	for _, tok := range tokenRE.FindAllString(pattern, -1) {
		switch tok {
		case ":year", ":month", ":day", ":slug", ":section":
		default:
			return tok
		}
	}
	return ""
}

func normalizeBaseURL(raw string) (full, path string, err error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Scheme == "" || u.Host == "" {
		return DefaultBaseURL, "/", &baseURLError{raw}
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawQuery, u.Fragment = "", ""
	// The base path goes in front of every URL path: keep it escaped.
	return u.String(), u.EscapedPath(), nil
}

type baseURLError struct{ raw string }

func (e *baseURLError) Error() string {
	return "base URL " + `"` + e.raw + `"` + ": want an absolute URL such as https://news.example.com/"
}

func choice(r *frontmatter.Reader, key string, options ...string) string {
	v := strings.ToLower(r.String(key))
	if v == "" {
		return options[0]
	}
	for _, o := range options {
		if v == o {
			return v
		}
	}
	r.Fail(key, "%s: %q is not one of %s", key, v, strings.Join(options, ", "))
	return options[0]
}

func menu(r *frontmatter.Reader) []MenuItem {
	v, ok := r.M.Fields["menu"]
	if !ok || v == nil {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		r.Fail("menu", "menu: want a list of {name, url}")
		return nil
	}
	var items []MenuItem
	for _, x := range list {
		m, ok := x.(map[string]any)
		name, _ := frontmatter.Text(m["name"])
		link, _ := frontmatter.Text(m["url"])
		if !ok || name == "" || link == "" {
			r.Fail("menu", "menu: every entry needs a name and a url")
			continue
		}
		items = append(items, MenuItem{Name: name, URL: link})
	}
	return items
}

// ResolveFooter turns a footer mapping (site footer merged with cascade
// and page overrides) into what templates print. year replaces "{year}".
func ResolveFooter(m map[string]any, poweredBy bool, year int) Footer {
	text := func(k string) string { s, _ := frontmatter.Text(m[k]); return strings.TrimSpace(s) }
	f := Footer{
		ICP:       text("icp"),
		ICPURL:    text("icpURL"),
		PSB:       text("psb"),
		PSBURL:    text("psbURL"),
		Copyright: strings.ReplaceAll(text("copyright"), "{year}", strconv.Itoa(year)),
		PoweredBy: poweredBy,
		Params:    m,
	}
	if b, ok := m["poweredBy"].(bool); ok {
		f.PoweredBy = b
	}
	if f.ICPURL == "" {
		f.ICPURL = ICPURL
	}
	if f.PSBURL == "" && f.PSB != "" {
		f.PSBURL = psbQuery + digits(f.PSB)
	}
	return f
}

func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
