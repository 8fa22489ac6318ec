package jekyll

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"

	"github.com/bulletin-ssg/bulletin/internal/importer"
)

// styles are Jekyll's named permalink styles.
var styles = map[string]string{
	"date":     "/:categories/:year/:month/:day/:title:output_ext",
	"pretty":   "/:categories/:year/:month/:day/:title/",
	"ordinal":  "/:categories/:year/:y_day/:title:output_ext",
	"weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
	"none":     "/:categories/:title:output_ext",
}

func (r *reader) pattern() string {
	if p, ok := styles[r.cfg.Permalink]; ok {
		return p
	}
	return r.cfg.Permalink
}

func (r *reader) pretty() bool { return strings.HasSuffix(r.pattern(), "/") }

// postURL is the path Jekyll gave a post: its permalink, else the site's
// pattern filled with its date, categories and title.
func (r *reader) postURL(p *importer.Post, base string, dirCats []string) string {
	if v, ok := p.Get("permalink"); ok {
		if s, ok := v.(string); ok && s != "" {
			return "/" + strings.TrimPrefix(s, "/")
		}
	}
	date := time.Time{}
	if v, ok := p.Get("date"); ok {
		if d, err := importer.ParseDate(v, r.zone); err == nil {
			date = d.T.In(r.zone)
		}
	}
	title := base
	if d, t, ok := datedName(base); ok {
		if date.IsZero() {
			date, _ = time.ParseInLocation("2006-01-02", d, r.zone)
		}
		title = t
	}
	if v, ok := p.Get("slug"); ok {
		if s, ok := v.(string); ok && s != "" {
			title = s
		}
	}
	cats := append([]string(nil), dirCats...)
	for _, k := range []string{"categories", "category"} {
		if v, ok := p.Get(k); ok {
			switch v := v.(type) {
			case string:
				cats = append(cats, strings.Fields(v)...)
			case []any:
				for _, x := range v {
					cats = append(cats, fmt.Sprint(x))
				}
			}
			break
		}
	}
	for i, c := range cats {
		cats[i] = strings.ToLower(c)
	}
	_, week := date.ISOWeek()
	rep := strings.NewReplacer(
		":categories", strings.Join(cats, "/"), ":year", fmt.Sprintf("%04d", date.Year()),
		":short_year", fmt.Sprintf("%02d", date.Year()%100), ":i_month", fmt.Sprint(int(date.Month())),
		":short_month", date.Format("Jan"), ":long_month", date.Format("January"),
		":month", fmt.Sprintf("%02d", int(date.Month())), ":i_day", fmt.Sprint(date.Day()),
		":day", fmt.Sprintf("%02d", date.Day()), ":y_day", fmt.Sprintf("%03d", date.YearDay()),
		":hour", fmt.Sprintf("%02d", date.Hour()), ":minute", fmt.Sprintf("%02d", date.Minute()),
		":second", fmt.Sprintf("%02d", date.Second()), ":week", fmt.Sprintf("%02d", week),
		":short_day", date.Format("Mon"), ":long_day", date.Format("Monday"),
		":title", title, ":slug", slugify(title), ":output_ext", ".html",
	)
	out := rep.Replace(r.pattern())
	if strings.Contains(out, ":") {
		p.Notes = append(p.Notes, importer.Note{File: p.File, Line: 1, Msg: "permalink " + r.cfg.Permalink + " has placeholders this importer does not fill: no alias for the old URL"})
		return ""
	}
	return "/" + strings.TrimPrefix(slashes.ReplaceAllString(out, "/"), "/")
}

var slashes = regexp.MustCompile(`/{2,}`)

// slugify is Jekyll's default slug: lowercase, runs of anything but
// letters and digits become one dash.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(c)
			continue
		}
		dash = true
	}
	return b.String()
}

// HeadingID is the id kramdown gives a heading: ASCII letters, digits,
// spaces and dashes kept, everything before the first letter dropped,
// spaces to dashes, lowercase; "section" when nothing is left.
func HeadingID(text string) string {
	var b strings.Builder
	for _, c := range text {
		if c < 128 && (unicode.IsLetter(c) || unicode.IsDigit(c) || c == ' ' || c == '-') {
			b.WriteRune(c)
		}
	}
	s := strings.TrimLeftFunc(b.String(), func(c rune) bool { return !unicode.IsLetter(c) })
	s = strings.ToLower(strings.ReplaceAll(s, " ", "-"))
	if s == "" {
		return "section"
	}
	return s
}
