package mediatype

import "testing"

// TestContentTypeTable: the files of a company site get the types
// browsers expect, from the built-in table, whatever the machine's
// mime.types says.
func TestContentTypeTable(t *testing.T) {
	tests := map[string]string{
		"a.html":          "text/html; charset=utf-8",
		"a.css":           "text/css; charset=utf-8",
		"a.js":            "text/javascript; charset=utf-8",
		"a.txt":           "text/plain; charset=utf-8",
		"README.md":       "text/plain; charset=utf-8",
		"prices.csv":      "text/csv; charset=utf-8",
		"talk.vtt":        "text/vtt; charset=utf-8",
		"event.ics":       "text/calendar; charset=utf-8",
		"report.pdf":      "application/pdf",
		"REPORT.PDF":      "application/pdf",
		"kit.zip":         "application/zip",
		"clip.mp4":        "video/mp4",
		"clip.webm":       "video/webm",
		"clip.ogv":        "video/ogg",
		"song.mp3":        "audio/mpeg",
		"song.ogg":        "audio/ogg",
		"song.m4a":        "audio/mp4",
		"song.wav":        "audio/wav",
		"favicon.ico":     "image/x-icon",
		"a.png":           "image/png",
		"a.svg":           "image/svg+xml",
		"app.webmanifest": "application/manifest+json",
		"letter.docx":     "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		"sheet.xlsx":      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		"deck.pptx":       "application/vnd.openxmlformats-officedocument.presentationml.presentation",
		"noext":           "application/octet-stream",
		"a.unknown":       "application/octet-stream",
	}
	for name, want := range tests {
		if got := Of(name); got != want {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
}

// TestCompressible: text shrinks when compressed, images, fonts, video
// and archives do not.
func TestCompressible(t *testing.T) {
	tests := map[string]bool{
		"a.html": true, "a.css": true, "a.js": true, "a.json": true, "a.xml": true,
		"a.svg": true, "a.txt": true, "a.webmanifest": true, "a.ico": true, "a.wasm": true,
		"a.png": false, "a.jpg": false, "a.woff2": false, "a.mp4": false, "a.zip": false,
		"a.gz": false, "a.pdf": false, "noext": false,
	}
	for name, want := range tests {
		if got := Compressible(Of(name)); got != want {
			t.Errorf("%s (%s): %v, want %v", name, Of(name), got, want)
		}
	}
}
