package cli

import (
	"os"
	"path/filepath"
	"runtime/debug"

	"github.com/bulletin-ssg/bulletin/internal/rcache"
)

// limitMemory bounds the garbage collector's headroom for a build. By
// default Go lets the heap grow to twice the live data before collecting;
// a build's live data is mostly the rendered articles, about three times
// the Markdown, so the limit is 3.6 times the size of content/ (and at
// least 300 MiB, so small sites never collect early). A 10,000-article
// site then peaks near 320 MB instead of 450 MB, for a few percent of
// time. GOMEMLIMIT, when set, wins.
//
// It returns what build.Options.ContentSize calls once the build has
// listed content/ (its listing has the sizes: walking the folder again
// for them cost 30 ms at 10,000 articles).
func limitMemory(site string) func(contentBytes int64) {
	return memoryLimit(site, 1)
}

// limitServeMemory bounds serve and watch at three times a build's limit:
// they hold the site's graph and Markdown between builds (about the live
// data of a build) and the collector's usual headroom over it. A tighter
// bound made the collector run during most rebuilds (40 ms more per save
// at 10,000 articles) for a few megabytes. GOMEMLIMIT, when set, wins.
func limitServeMemory(site string) func(contentBytes int64) {
	return memoryLimit(site, 3)
}

func memoryLimit(site string, times int64) func(int64) {
	return func(contentBytes int64) {
		if os.Getenv("GOMEMLIMIT") != "" {
			return
		}
		debug.SetMemoryLimit(times * buildMemory(site, contentBytes))
	}
}

// buildMemory is the memory limit of one build of site whose content/
// holds contentBytes.
func buildMemory(site string, contentBytes int64) int64 {
	total := contentBytes
	// The render cache's pack is read whole and its pages stay in memory.
	if info, err := os.Stat(filepath.Join(site, rcache.Dir, "markdown.pack")); err == nil {
		total += info.Size()
	}
	return max(300<<20, total*36/10)
}
