// Package bulletin holds the built-in theme: the repository's own layouts/
// and assets/, embedded so that a site without layouts of its own, and
// `bulletin new site`, work from the binary alone. It holds files and no
// logic: it never reads anything of a site (the theme package lays a
// site's own layouts over these).
package bulletin

import "embed"

// Theme is the built-in theme: layouts/*.html, layouts/partials/*.html and
// assets/**.
//
//go:embed layouts assets
var Theme embed.FS
