package wordpress

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/strikethrough"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/table"

	"github.com/bulletin-ssg/bulletin/internal/importer"
)

// moreToken stands for <!--more--> while the HTML is converted, which
// drops comments.
const moreToken = "BULLETINMOREMARKER"

var conv = converter.NewConverter(converter.WithPlugins(
	base.NewBasePlugin(), commonmark.NewCommonmarkPlugin(), table.NewTablePlugin(), strikethrough.NewStrikethroughPlugin(),
))

func toMarkdown(h string) (string, error) { return conv.ConvertString(h) }

// convert turns an item's HTML and shortcodes into Markdown.
func (r *reader) convert(p *importer.Post, c *importer.Context) string {
	h := p.Body
	h = importer.ReplaceTags(h, shortcodes, func(t importer.Tag) (string, bool) { return r.shortcode(p, t, c) })
	if !strings.Contains(h, "<!-- wp:") {
		h = autop(h)
	}
	h = moreTag.ReplaceAllString(h, "<p>"+moreToken+"</p>")
	h = iframe.ReplaceAllStringFunc(h, func(m string) string {
		src := html.UnescapeString(iframe.FindStringSubmatch(m)[1])
		if page, ok := importer.VideoPage(src); ok {
			return "<p>" + page + "</p>"
		}
		c.Note(strings.Index(p.Body, m), "an <iframe> of %s became a link: bulletin does not embed other sites", src)
		return fmt.Sprintf(`<p><a href="%s">%s</a></p>`, html.EscapeString(src), html.EscapeString(src))
	})
	h = r.rewriteUploads(p, h, c)
	md, err := toMarkdown(h)
	if err != nil {
		c.Note(0, "the HTML could not be converted (%v): kept as it was", err)
		return p.Body
	}
	return strings.ReplaceAll(md, moreToken, "<!--more-->")
}

var (
	moreTag = regexp.MustCompile(`<!--more(?:\s[^>]*)?-->`)
	iframe  = regexp.MustCompile(`(?is)<iframe\b[^>]*\bsrc=["']([^"']+)["'][^>]*>.*?</iframe>`)
	upload  = regexp.MustCompile(`(?:https?:)?//[^/"'\s<>]+(/[^"'\s<>]*?)?/wp-content/uploads/([^"'\s<>?#)]+)`)
	blockRe = regexp.MustCompile(`(?i)^<(p|div|h[1-6]|ul|ol|li|blockquote|pre|table|figure|hr|dl|section|!--)`)
)

// autop makes paragraphs of the blank-line separated text of the classic
// editor, as WordPress does when it shows a post.
func autop(h string) string {
	var b strings.Builder
	for _, chunk := range regexp.MustCompile(`\n\s*\n`).Split(strings.ReplaceAll(h, "\r\n", "\n"), -1) {
		chunk = strings.TrimSpace(chunk)
		if chunk == "" {
			continue
		}
		if blockRe.MatchString(chunk) {
			b.WriteString(chunk + "\n")
			continue
		}
		b.WriteString("<p>" + strings.ReplaceAll(chunk, "\n", "<br />\n") + "</p>\n")
	}
	return b.String()
}

// rewriteUploads points the post's links to files of wp-content/uploads at the
// copies the bulletin site serves at the same path; without --uploads
// they stay on the old site.
func (r *reader) rewriteUploads(p *importer.Post, h string, c *importer.Context) string {
	noted := false
	return upload.ReplaceAllStringFunc(h, func(m string) string {
		if !r.onSite(m) {
			return m
		}
		out := r.upload(p, m)
		if out == m && !noted {
			noted = true
			c.Note(strings.Index(p.Body, m), "%s", r.missing(m))
		}
		return out
	})
}

// onSite reports whether an uploads URL is the blog's own.
func (r *reader) onSite(u string) bool {
	if strings.HasPrefix(u, "//") {
		u = "https:" + u
	}
	return r.sitePath(u) != "" || len(r.src.Hosts) == 0
}

// upload lists the file of an uploads URL to copy and returns its path in
// the bulletin site, or the URL as it was when there is no copy.
func (r *reader) upload(p *importer.Post, u string) string {
	m := upload.FindStringSubmatch(u)
	if m == nil || r.uploads == "" {
		return u
	}
	rel := m[2]
	abs := filepath.Join(r.uploads, filepath.FromSlash(rel))
	if strings.Contains(rel, "..") {
		return u
	}
	if _, err := os.Stat(abs); err != nil {
		return u
	}
	if !r.copied[rel] {
		r.copied[rel] = true
		r.src.Files = append(r.src.Files, importer.StaticFile{Src: abs, File: "uploads/" + rel, Path: "wp-content/uploads/" + rel})
	}
	return "/wp-content/uploads/" + rel
}

func (r *reader) missing(u string) string {
	if r.uploads == "" {
		return "files of wp-content/uploads stay on the old site (" + u + "…): give --uploads to copy them"
	}
	return u + " is not in " + r.uploads + ": the link stays on the old site"
}
