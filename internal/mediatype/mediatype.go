// Package mediatype is the one table of the Content-Type of each kind of
// file a site holds: the preview server serves files with it and deploy
// uploads them with it, so a page is served the same way on a laptop and
// from the bucket.
//
// The table is fixed here rather than read from the machine's
// mime.types, so every machine gives the same headers; an extension it
// does not know is application/octet-stream.
package mediatype

import (
	"path"
	"strings"
)

var contentTypes = map[string]string{
	// pages, styles, scripts, data
	".html":        "text/html; charset=utf-8",
	".htm":         "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json",
	".map":         "application/json",
	".webmanifest": "application/manifest+json",
	".xml":         "application/xml",
	".wasm":        "application/wasm",
	// text shown as text, not downloaded: Markdown too (text/markdown
	// makes browsers download it)
	".txt": "text/plain; charset=utf-8",
	".md":  "text/plain; charset=utf-8",
	".csv": "text/csv; charset=utf-8",
	".vtt": "text/vtt; charset=utf-8", // <track> captions work only with this type
	".ics": "text/calendar; charset=utf-8",
	// images and fonts
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".gif":   "image/gif",
	".webp":  "image/webp",
	".avif":  "image/avif",
	".ico":   "image/x-icon",
	".woff":  "font/woff",
	".woff2": "font/woff2",
	".ttf":   "font/ttf",
	".otf":   "font/otf",
	// audio and video
	".mp4":  "video/mp4",
	".m4v":  "video/mp4",
	".webm": "video/webm",
	".ogv":  "video/ogg",
	".mp3":  "audio/mpeg",
	".m4a":  "audio/mp4",
	".ogg":  "audio/ogg",
	".oga":  "audio/ogg",
	".opus": "audio/ogg",
	".wav":  "audio/wav",
	".flac": "audio/flac",
	// documents and archives a site offers for download
	".pdf":  "application/pdf",
	".zip":  "application/zip",
	".gz":   "application/gzip",
	".doc":  "application/msword",
	".xls":  "application/vnd.ms-excel",
	".ppt":  "application/vnd.ms-powerpoint",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	".odt":  "application/vnd.oasis.opendocument.text",
	".ods":  "application/vnd.oasis.opendocument.spreadsheet",
	".odp":  "application/vnd.oasis.opendocument.presentation",
}

// Of is the Content-Type of the file name (a path or a base name), by its
// extension in any case.
func Of(name string) string {
	if t, ok := contentTypes[strings.ToLower(path.Ext(name))]; ok {
		return t
	}
	return "application/octet-stream"
}

// Compressible reports whether files of Content-Type ctype shrink when
// compressed: text, and the text formats of images and data. Images,
// fonts, audio, video and archives are compressed already.
func Compressible(ctype string) bool {
	base, _, _ := strings.Cut(ctype, ";")
	switch base {
	case "image/svg+xml", "application/json", "application/manifest+json", "application/xml", "application/wasm", "image/x-icon":
		return true
	}
	return strings.HasPrefix(base, "text/")
}
