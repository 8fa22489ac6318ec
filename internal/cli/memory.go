package cli

import (
	"os"
	"runtime/debug"
)

// limitMemory sets the garbage collector's budget for a build: the heap
// may grow to 4.5 times the size of content/ (at least 300 MiB, so small
// sites never collect early), and the collector runs only when it
// reaches that. The budget grows as the site does: with a smaller
// multiple the floor gave mid-sized sites more room than large ones, and
// a site twice as large (one in two languages) collected more than twice
// as often. A build streams its articles to the output, so its live
// data is the graph and the summaries, far below the budget: collecting
// at twice that (Go's default) made a cold build of a large site
// measurably slower, to stay below memory the budget allows anyway. A
// budget set as a multiple of the live data gave cold builds no better
// time or peak, and left a rebuild after an article's edit collecting
// in the middle of its work. GOMEMLIMIT or GOGC, when set, wins.
//
// It returns what build.Options.ContentSize calls once the build has
// listed content/ (its listing has the sizes: walking the folder again
// for them was a measurable cost on a large site).
func limitMemory() func(contentBytes int64) {
	switch {
	case os.Getenv("GOGC") != "":
	case os.Getenv("GOMEMLIMIT") != "":
		debug.SetGCPercent(400) // a limit of the user's, perhaps none
	default:
		debug.SetGCPercent(-1) // until the budget is reached
	}
	return memoryLimit(100)
}

// limitServeMemory bounds serve and watch at 1.8 times a build's limit:
// they hold the site's graph and Markdown between builds, more than a
// build's live data, and a rebuild's garbage on top (collected after
// each rebuild, while the author reads the page). A higher bound let a
// first build without a render cache peak well above a cold build's
// memory, for no shorter time from a save to the reload.
// GOMEMLIMIT, when set, wins.
func limitServeMemory() func(contentBytes int64) {
	return memoryLimit(180)
}

// memoryLimit sets the memory limit to percent of buildMemory.
func memoryLimit(percent int64) func(int64) {
	return func(contentBytes int64) {
		if os.Getenv("GOMEMLIMIT") != "" {
			return
		}
		debug.SetMemoryLimit(buildMemory(contentBytes) / 100 * percent)
	}
}

// buildMemory is the memory limit of one build of a site whose content/
// holds contentBytes.
func buildMemory(contentBytes int64) int64 {
	// The render cache's pack is mapped, not read into the heap.
	return max(300<<20, contentBytes*9/2)
}
