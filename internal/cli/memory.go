package cli

import (
	"os"
	"runtime/debug"
)

// limitMemory sets the garbage collector's budget for a build: the heap
// may grow to 3.6 times the size of content/ (at least 300 MiB, so small
// sites never collect early), and within that to five times the live
// data instead of Go's default two. A build streams its articles to the
// output, so its live data is the graph and the summaries, far below the
// budget: collecting at twice that cost a cold build at 10,000 articles
// 4-6% more time, to stay below memory the budget allows anyway (peak
// 305-317 MB instead of 260-270 MB). GOMEMLIMIT or GOGC, when set, wins.
//
// It returns what build.Options.ContentSize calls once the build has
// listed content/ (its listing has the sizes: walking the folder again
// for them cost 30 ms at 10,000 articles).
func limitMemory() func(contentBytes int64) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	return memoryLimit(1)
}

// limitServeMemory bounds serve and watch at three times a build's limit:
// they hold the site's graph and Markdown between builds (about the live
// data of a build) and the collector's usual headroom over it. A tighter
// bound made the collector run during most rebuilds (40 ms more per save
// at 10,000 articles) for a few megabytes. GOMEMLIMIT, when set, wins.
func limitServeMemory() func(contentBytes int64) {
	return memoryLimit(3)
}

func memoryLimit(times int64) func(int64) {
	return func(contentBytes int64) {
		if os.Getenv("GOMEMLIMIT") != "" {
			return
		}
		debug.SetMemoryLimit(times * buildMemory(contentBytes))
	}
}

// buildMemory is the memory limit of one build of a site whose content/
// holds contentBytes.
func buildMemory(contentBytes int64) int64 {
	// The render cache's pack is mapped, not read into the heap.
	return max(300<<20, contentBytes*36/10)
}
