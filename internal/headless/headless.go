// Package headless is how bulletin's browser tests and measuring
// commands start Chromium: headless, and with no network traffic of its
// own (no updates, sync or background requests), so that every request
// the browser makes is a page's. It never starts a browser itself.
package headless

import (
	"fmt"
	"strings"

	"github.com/chromedp/chromedp"
)

// switches are Chromium's command-line switches, without their "--",
// each with its value (true for none).
var switches = []struct {
	name  string
	value any
}{
	{"headless", "new"},
	{"no-sandbox", true},
	{"disable-gpu", true},
	{"no-first-run", true},
	{"disable-background-networking", true},
	{"disable-component-update", true},
	{"disable-sync", true},
}

// Options are the switches as chromedp's allocator options, after its
// defaults, with Chromium at exe and its profile in the empty folder
// profile.
func Options(exe, profile string) []chromedp.ExecAllocatorOption {
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.UserDataDir(profile))
	for _, s := range switches {
		opts = append(opts, chromedp.Flag(s.name, s.value))
	}
	return opts
}

// CommandLine is the switches as Chromium reads them from a command
// line: "--headless=new --no-sandbox …".
func CommandLine() string {
	var b strings.Builder
	for i, s := range switches {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString("--" + s.name)
		if v, ok := s.value.(string); ok {
			fmt.Fprintf(&b, "=%s", v)
		}
	}
	return b.String()
}
