package build

import (
	"context"
	"log/slog"
	"maps"
	"slices"
	"strings"

	"github.com/bulletin-ssg/bulletin/internal/theme"
)

// maxReasons bounds the fallbacks -v lists one by one: a theme that falls
// back on every page does so at a few actions.
const maxReasons = 20

// reportTemplates logs, with -v, how many template executions tmplexec
// left to html/template in this build and why, and warns of each
// template file where it recovered a panic (a bug of tmplexec: the pages
// are right, html/template rendered them).
func (b *builder) reportTemplates(ctx context.Context) {
	if b.templates == nil {
		return
	}
	var r theme.Report
	for _, tag := range slices.Sorted(maps.Keys(b.langs)) {
		if t := b.langs[tag].templates; t != nil {
			r = r.Add(t.Report())
		}
	}
	warned := map[string]bool{} // template files
	for _, f := range r.Fallbacks {
		file := f.At
		if i := strings.LastIndexByte(file, ':'); i >= 0 {
			file = file[:i]
		}
		if f.Panic && !warned[file] {
			warned[file] = true
			b.log.Warn("bulletin's template executor panicked, html/template rendered the page instead: please report this bug",
				"at", f.At, "panic", strings.TrimPrefix(f.Reason, "panic: "), "count", f.Count)
		}
	}
	if !b.log.Enabled(ctx, slog.LevelDebug) {
		return
	}
	if r.HTMLTemplateOnly {
		b.log.Debug("templates ran with html/template alone")
		return
	}
	var fallbacks int64
	for _, f := range r.Fallbacks {
		fallbacks += f.Count
	}
	b.log.Debug("template executions left to html/template", "fallbacks", fallbacks, "of", fallbacks+r.Fast)
	for i, f := range r.Fallbacks {
		if i == maxReasons {
			b.log.Debug("more places fell back", "places", len(r.Fallbacks)-i)
			break
		}
		b.log.Debug("fell back to html/template", "count", f.Count, "at", f.At, "reason", f.Reason)
	}
}
