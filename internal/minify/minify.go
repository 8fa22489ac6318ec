// Package minify makes the files bulletin publishes smaller without
// changing what they do: stylesheets, scripts and SVG of assets/ always,
// and with the site's minify setting its HTML pages, feeds, sitemap and
// JSON too. It is github.com/tdewolff/minify, set up once: HTML keeps its
// quotes, end tags and document tags (<html>, <head>, <body>), so that
// the pages stay readable to tools that look for them and the Nu HTML
// checker finds nothing new.
package minify

import (
	"bytes"
	"path"
	"strings"

	tdminify "github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// The media types the minifier knows, by a file's extension.
var byExtension = map[string]string{
	".css":  "text/css",
	".js":   "application/javascript",
	".mjs":  "application/javascript",
	".svg":  "image/svg+xml",
	".html": "text/html",
	".xml":  "text/xml",
	".json": "application/json",
}

// assetTypes are the extensions of assets/ files that are always
// minified.
var assetTypes = map[string]bool{".css": true, ".js": true, ".mjs": true, ".svg": true}

var m = func() *tdminify.M {
	m := tdminify.New()
	m.Add("text/css", &css.Minifier{})
	m.Add("application/javascript", &js.Minifier{})
	m.Add("image/svg+xml", &svg.Minifier{})
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepSpecialComments: true})
	m.Add("text/xml", &xml.Minifier{})
	m.Add("application/json", &json.Minifier{})
	return m
}()

// IsAsset reports whether a file of assets/ is minified when published.
func IsAsset(name string) bool { return assetTypes[strings.ToLower(path.Ext(name))] }

// File returns a file's bytes minified, by its name's extension; a file
// of a type the minifier does not know comes back as it is.
func File(name string, data []byte) ([]byte, error) {
	mediaType, ok := byExtension[strings.ToLower(path.Ext(name))]
	if !ok {
		return data, nil
	}
	var out bytes.Buffer
	out.Grow(len(data))
	if err := m.Minify(mediaType, &out, bytes.NewReader(data)); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
