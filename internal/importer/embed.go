package importer

import (
	"net/url"
	"regexp"
	"strings"
)

// Video is the paragraph bulletin shows as a player: the video page's
// link alone.
func Video(pageURL string) string { return "\n\n" + pageURL + "\n\n" }

// YouTube, Vimeo and Bilibili video pages.
func YouTube(id string) string { return "https://www.youtube.com/watch?v=" + url.QueryEscape(id) }
func Vimeo(id string) string   { return "https://vimeo.com/" + url.PathEscape(id) }
func Bilibili(id string) string {
	return "https://www.bilibili.com/video/" + url.PathEscape(id) + "/"
}

// VideoPage turns a player's embed address into its video page, and
// leaves a video page as it is.
func VideoPage(src string) (string, bool) {
	if strings.HasPrefix(src, "//") {
		src = "https:" + src
	}
	u, err := url.Parse(src)
	if err != nil || u.Host == "" {
		return "", false
	}
	host := strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	seg := strings.Split(strings.Trim(u.Path, "/"), "/")
	switch host {
	case "youtube.com", "youtube-nocookie.com", "m.youtube.com":
		if len(seg) == 2 && (seg[0] == "embed" || seg[0] == "shorts" || seg[0] == "v") && seg[1] != "" {
			return YouTube(seg[1]), true
		}
		if v := u.Query().Get("v"); seg[0] == "watch" && v != "" {
			return YouTube(v), true
		}
	case "youtu.be":
		if seg[0] != "" {
			return YouTube(seg[0]), true
		}
	case "player.vimeo.com":
		if len(seg) == 2 && seg[0] == "video" {
			return Vimeo(seg[1]), true
		}
	case "vimeo.com":
		if len(seg) == 1 && seg[0] != "" {
			return Vimeo(seg[0]), true
		}
	case "player.bilibili.com":
		if bv := u.Query().Get("bvid"); bv != "" {
			return Bilibili(bv), true
		}
		if aid := u.Query().Get("aid"); aid != "" {
			return Bilibili("av" + aid), true
		}
	case "bilibili.com", "m.bilibili.com":
		if len(seg) >= 2 && seg[0] == "video" {
			return Bilibili(seg[1]), true
		}
	}
	return "", false
}

var iframe = regexp.MustCompile(`(?is)<iframe\b[^>]*\bsrc=["']([^"']+)["'][^>]*>\s*(?:</iframe>)?`)

// Iframes turns every video player's <iframe> outside fenced code into
// the video page's link paragraph.
func Iframes(text string) string {
	return OutsideCode(text, func(part string) string {
		return replaceAllIndex(iframe, part, func(m []int) (string, bool) {
			page, ok := VideoPage(part[m[2]:m[3]])
			if !ok {
				return "", false
			}
			return Video(page), true
		})
	})
}

// OutsideCode applies f to each stretch of text outside fenced code.
func OutsideCode(text string, f func(string) string) string {
	var b strings.Builder
	i := 0
	for _, span := range codeFree(text) {
		b.WriteString(text[i:span[0]])
		b.WriteString(f(text[span[0]:span[1]]))
		i = span[1]
	}
	b.WriteString(text[i:])
	return b.String()
}

var rawTag = regexp.MustCompile(`</?[a-zA-Z][a-zA-Z0-9-]*(\s[^>]*)?/?>`)

// RawHTML is the first raw HTML tag of Markdown text outside code, or "".
func RawHTML(text string) string {
	found := ""
	OutsideCode(text, func(part string) string {
		if found != "" {
			return part
		}
		for _, line := range strings.Split(part, "\n") {
			if strings.HasPrefix(line, "    ") || strings.HasPrefix(line, "\t") {
				continue
			}
			line = stripCodeSpans(line)
			if m := rawTag.FindString(line); m != "" {
				found = m
				return part
			}
		}
		return part
	})
	return found
}

func stripCodeSpans(line string) string {
	for {
		i := strings.IndexByte(line, '`')
		if i < 0 {
			return line
		}
		j := strings.IndexByte(line[i+1:], '`')
		if j < 0 {
			return line
		}
		line = line[:i] + line[i+1+j+1:]
	}
}

// replaceAllIndex replaces the matches of re for which f says ok.
func replaceAllIndex(re *regexp.Regexp, text string, f func(m []int) (string, bool)) string {
	var b strings.Builder
	last := 0
	for _, m := range re.FindAllStringSubmatchIndex(text, -1) {
		out, ok := f(m)
		if !ok {
			continue
		}
		b.WriteString(text[last:m[0]])
		b.WriteString(out)
		last = m[1]
	}
	b.WriteString(text[last:])
	return b.String()
}
