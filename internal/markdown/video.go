package markdown

import (
	"html"
	"net/url"
	"path"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// A paragraph that holds nothing but a link to a video becomes the video,
// without raw HTML:
//
//   - a link to an .mp4 or .webm file becomes a <video> with the browser's
//     controls, loading only its size and first frame until played, and
//     the link inside for a browser that shows no video;
//   - a link to a video's page on Bilibili, Tencent Video, Youku, YouTube
//     or Vimeo becomes that site's own player in an <iframe>: lazy,
//     titled with the link's text (else "Video" in the site's language),
//     sending other sites no more than the origin as referrer, and
//     sandboxed to what a player needs (scripts, its own storage,
//     full screen, opening its site in a new tab).
//
// Each is wrapped in <div class="video video-file"> or <div class="video
// video-embed">; the theme gives the latter a 16:9 box. The player's
// address is made from the video's ID alone, each provider's ID checked
// against a strict pattern: nothing else of the author's link reaches it.
// Any other link stays a link.

var kindVideo = ast.NewNodeKind("Video")

// video holds the link it replaced: the fallback of a <video>, and what
// bulletin check reads.
type video struct {
	ast.BaseBlock
	src    string // the file, or the player's address
	title  string
	iframe bool
}

func (n *video) Kind() ast.NodeKind         { return kindVideo }
func (n *video) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// makeVideos turns each link (or autolink) that is the whole of its
// paragraph, and points at a video, into the video in the paragraph's
// place.
func makeVideos(links []*ast.Link, autolinks []*ast.AutoLink, src []byte) {
	for _, l := range links {
		if alone(l) {
			makeVideo(l, string(l.Destination), plainText(l, src))
		}
	}
	for _, l := range autolinks {
		if alone(l) {
			makeVideo(l, string(l.URL(src)), "")
		}
	}
}

// alone reports whether n is all its paragraph holds.
func alone(n ast.Node) bool {
	para, ok := n.Parent().(*ast.Paragraph)
	return ok && n.PreviousSibling() == nil && n.NextSibling() == nil && para.Parent() != nil
}

// makeVideo puts the video link points at, if any, in place of the
// paragraph that holds the link.
func makeVideo(link ast.Node, dest, text string) {
	v := videoFor(dest)
	if v == nil {
		return
	}
	if text != dest {
		v.title = text
	}
	para := link.Parent()
	parent := para.Parent()
	parent.ReplaceChild(parent, para, v)
	v.AppendChild(v, link)
}

// videoFor is the video dest points at, or nil.
func videoFor(dest string) *video {
	u, err := url.Parse(dest)
	if err != nil || u.User != nil || u.Opaque != "" {
		return nil
	}
	switch u.Scheme {
	case "http", "https":
		if u.Port() != "" {
			return nil
		}
		if player := playerFor(strings.ToLower(u.Hostname()), u); player != "" {
			return &video{src: player, iframe: true}
		}
	case "":
	default:
		return nil // javascript:, data: and the like are no video
	}
	switch path.Ext(strings.ToLower(u.Path)) {
	case ".mp4", ".webm":
		return &video{src: dest}
	}
	return nil
}

var (
	bilibiliPath    = regexp.MustCompile(`^/video/(BV[0-9A-Za-z]{10})/?$`)
	tencentPath     = regexp.MustCompile(`^/x/(?:cover/[0-9a-z]{1,32}|page)/([0-9a-z]{11})\.html$`)
	youkuPath       = regexp.MustCompile(`^/v_show/id_(X[0-9A-Za-z]{6,30}={0,2})\.html$`)
	youtubeID       = regexp.MustCompile(`^[0-9A-Za-z_-]{11}$`)
	youtubeBarePath = regexp.MustCompile(`^/([0-9A-Za-z_-]{11})$`)
	vimeoPath       = regexp.MustCompile(`^/([0-9]{1,12})/?$`)
)

// playerFor is the address of the official player of the video at u, on
// host; "" when u is no video page of a provider bulletin knows.
func playerFor(host string, u *url.URL) string {
	match := func(re *regexp.Regexp) string {
		if m := re.FindStringSubmatch(u.Path); m != nil {
			return m[1]
		}
		return ""
	}
	switch host {
	case "www.bilibili.com", "bilibili.com", "m.bilibili.com":
		if id := match(bilibiliPath); id != "" {
			// Bilibili's player plays at once unless told not to.
			return "https://player.bilibili.com/player.html?bvid=" + id + "&autoplay=0"
		}
	case "v.qq.com":
		if id := match(tencentPath); id != "" {
			return "https://v.qq.com/txp/iframe/player.html?vid=" + id
		}
	case "v.youku.com":
		if id := match(youkuPath); id != "" {
			return "https://player.youku.com/embed/" + id
		}
	case "www.youtube.com", "youtube.com", "m.youtube.com":
		if id := u.Query().Get("v"); u.Path == "/watch" && youtubeID.MatchString(id) {
			return "https://www.youtube-nocookie.com/embed/" + id
		}
	case "youtu.be":
		if id := match(youtubeBarePath); id != "" {
			return "https://www.youtube-nocookie.com/embed/" + id
		}
	case "vimeo.com", "www.vimeo.com":
		if id := match(vimeoPath); id != "" {
			return "https://player.vimeo.com/video/" + id
		}
	}
	return ""
}

// playerSandbox is what every provider's player needs: its scripts, its
// own storage (allow-same-origin: the player is another site's, so this
// gives it nothing of the page's), the presentation API, and opening
// its site in a new tab that is not sandboxed itself. Not allowed: to
// navigate the page away, to open modal dialogs, to submit forms.
const playerSandbox = "allow-scripts allow-same-origin allow-presentation allow-popups allow-popups-to-escape-sandbox"

// videoExtension renders videos, titled by default in one language.
type videoExtension struct{ opts Options }

func (e videoExtension) Extend(m goldmark.Markdown) {
	r := videoRenderer{title: e.opts.title("video")}
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(r, 50)))
}

type videoRenderer struct {
	title string // of a video whose link has no text of its own
}

func (r videoRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindVideo, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		n := node.(*video)
		title := n.title
		if title == "" {
			title = r.title
		}
		// Escaped as goldmark escapes a link's address.
		src := html.EscapeString(string(util.URLEscape([]byte(n.src), true)))
		switch {
		case n.iframe:
			if entering {
				_, _ = w.WriteString(`<div class="video video-embed"><iframe src="` + src + `" title="` + html.EscapeString(title) +
					`" loading="lazy" allow="fullscreen; picture-in-picture" allowfullscreen referrerpolicy="strict-origin-when-cross-origin" sandbox="` +
					playerSandbox + `"></iframe></div>` + "\n")
			}
			return ast.WalkSkipChildren, nil // an iframe shows nothing of what it holds
		case entering:
			_, _ = w.WriteString(`<div class="video video-file"><video controls preload="metadata" src="` + src + `" aria-label="` + html.EscapeString(title) + `">`)
		default:
			_, _ = w.WriteString("</video></div>\n")
		}
		return ast.WalkContinue, nil
	})
}
