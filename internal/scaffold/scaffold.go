// Package scaffold owns what `bulletin new` writes: a new site and a new
// article.
//
// A new site is content/_index.md (the settings, every key of the README's
// "Settings" table present and explained in a YAML comment), one section
// content/news/ with its _index.md, one published welcome article dated
// today in the site's zone, a .gitignore, and on request a copy of the
// built-in theme's layouts/ and stylesheet to edit. It builds as it is.
//
// A new article is content/<section>/YYYY-MM-DD-<slug>.md with title, date
// (to the minute, in the site's zone), draft: true and tags: [] filled in.
// The slug of a title is content.Slugify's, except that Chinese characters
// become their pinyin, one syllable per word ("端午节活动安排" gives
// "duan-wu-jie-huo-dong-an-pai"), so Chinese titles get readable ASCII URLs.
//
// Nothing here overwrites a file: a new site goes only into an absent or
// empty folder, and every file is created exclusively, inside that folder
// (os.Root), so a symlink cannot redirect a write. The theme is read from
// an fs.FS. It knows nothing of the command line.
package scaffold

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/bulletin-ssg/bulletin/internal/content"
	"github.com/mozillazg/go-pinyin"
	yaml "go.yaml.in/yaml/v4"
)

// Lang is the language of the text scaffold writes.
type Lang string

// Languages of the sample text.
const (
	Chinese Lang = "zh"
	English Lang = "en"
)

// ParseLang reads the --lang value of `bulletin new site`.
func ParseLang(s string) (Lang, error) {
	switch l := Lang(strings.ToLower(strings.TrimSpace(s))); l {
	case Chinese, English:
		return l, nil
	}
	return "", fmt.Errorf("language %q: want zh or en", s)
}

// DateLayout is how an article's date is written: to the minute, without a
// zone, so it reads in the site's timezone.
const DateLayout = "2006-01-02 15:04"

// Article is a new article.
type Article struct {
	Section string    // folder under content/
	Slug    string    // file name after the date, without .md
	Title   string    // as given; CleanTitle is applied when written
	Date    time.Time // in the site's zone
	Lang    Lang      // language of the placeholder body
	// Suffix is the language the file's name names (a translation,
	// content/news/….en.md); PageLang a language the front matter names
	// (lang:, in a site of one language).
	Suffix, PageLang string
	// TranslationKey pairs the article with a page of another name.
	TranslationKey string
	// File, when set, is the file's path instead of the one made of the
	// section, date and slug (a translation beside its original).
	File string
}

// Path is the article's file, relative to the site root:
// content/<section>/YYYY-MM-DD-<slug>[.<suffix>].md.
func (a Article) Path() string {
	if a.File != "" {
		return a.File
	}
	suffix := ""
	if a.Suffix != "" {
		suffix = "." + a.Suffix
	}
	return "content/" + a.Section + "/" + a.Date.Format("2006-01-02") + "-" + a.Slug + suffix + ".md"
}

// Text is the article's file: front matter, then a placeholder body.
func (a Article) Text() []byte {
	var b strings.Builder
	b.WriteString("---\n")
	b.WriteString("title: " + yamlScalar(CleanTitle(a.Title)) + "\n")
	b.WriteString("date: " + a.Date.Format(DateLayout) + "\n")
	if a.PageLang != "" {
		b.WriteString("lang: " + yamlScalar(a.PageLang) + "\n")
	}
	if a.TranslationKey != "" {
		b.WriteString("translationKey: " + yamlScalar(a.TranslationKey) + "\n")
	}
	b.WriteString("draft: true\n")
	b.WriteString("tags: []\n")
	b.WriteString("---\n\n")
	b.WriteString(wordsFor(a.Lang).articleBody)
	return []byte(b.String())
}

// CleanTitle is title on one line: runs of white space (line breaks
// included) become one space and control characters are dropped.
func CleanTitle(title string) string {
	title = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && !unicode.IsSpace(r) {
			return -1
		}
		return r
	}, title)
	return strings.Join(strings.Fields(title), " ")
}

// yamlScalar writes s as a YAML scalar on one line: plain when that reads
// back as the same string, quoted otherwise ("2024", "yes", "a: b").
func yamlScalar(s string) string {
	out, err := yaml.Marshal(s)
	text := strings.TrimSuffix(string(out), "\n")
	if err != nil || strings.Contains(text, "\n") {
		return fmt.Sprintf("%q", s) // unreachable for a CleanTitle; still valid YAML
	}
	return text
}

// Slug makes the file-name slug of a title: Chinese characters become
// their pinyin without tones, one word per character; full-width letters,
// digits and punctuation become their ASCII forms; then content.Slugify
// lowercases ASCII, turns spaces into dashes and drops other marks. A
// character with several readings takes its most common one: --slug is
// the way to correct it. A title that leaves nothing is an error.
func Slug(title string) (string, error) {
	args := pinyin.Args{Style: pinyin.Normal, Fallback: func(rune, pinyin.Args) []string { return nil }}
	var b strings.Builder
	for _, r := range title {
		if r >= 0xFF01 && r <= 0xFF5E { // full-width ASCII forms: Ｑ３，
			r -= 0xFEE0
		}
		if py := pinyin.SinglePinyin(r, args); len(py) > 0 {
			b.WriteString(" " + py[0] + " ")
			continue
		}
		b.WriteRune(r)
	}
	slug := content.Slugify(b.String())
	if slug == "" {
		return "", fmt.Errorf("title %q gives an empty slug: give one with --slug", title)
	}
	return slug, nil
}

// CleanSlug checks and normalizes a slug given by hand: one path segment,
// written as content.Slugify writes it ("Open Day" gives "open-day").
func CleanSlug(s string) (string, error) {
	slug := content.Slugify(s)
	if slug == "" || strings.ContainsAny(s, `/\`) {
		return "", fmt.Errorf("slug %q: want a single path segment of letters, digits and dashes", s)
	}
	return slug, nil
}

// CheckSection checks that section names one folder directly under
// content/ that the build reads.
func CheckSection(section string) error {
	switch {
	case section == "":
		return fmt.Errorf("section: want a folder name such as news")
	case strings.ContainsAny(section, `/\`+"\x00"), strings.HasPrefix(section, "."),
		strings.TrimSpace(section) != section:
		return fmt.Errorf("section %q: want one folder name under content/, such as news", section)
	}
	return nil
}

// LangOf is the sample-text language of a site language tag: Chinese for
// zh-*, English for any other.
func LangOf(tag string) Lang {
	if l := strings.ToLower(tag); l == "zh" || strings.HasPrefix(l, "zh-") {
		return Chinese
	}
	return English
}
