package cli

import (
	"os"
	"runtime/debug"
)

// limitMemory sets the garbage collector's budget for a build: the heap
// may grow to 3.6 times the size of content/ (at least 300 MiB, so small
// sites never collect early), and the collector runs only when it
// reaches that. A build streams its articles to the output, so its live
// data is the graph and the summaries, far below the budget: collecting
// at twice that (Go's default) cost a cold build at 10,000 articles 4-6%
// more time, to stay below memory the budget allows anyway. Collecting at
// five times the live data (the setting before this one) gave cold
// builds at 10,000 and 50,000 articles the same time and peak as the
// budget alone (305-317 MB, 1.16 GB), and a rebuild after an article's
// edit, which allocates some 90 MB in all, two collections: 40 ms of
// its 380 ms of CPU. GOMEMLIMIT or GOGC, when set, wins.
//
// It returns what build.Options.ContentSize calls once the build has
// listed content/ (its listing has the sizes: walking the folder again
// for them cost 30 ms at 10,000 articles).
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
// each rebuild, while the author reads the page). At three times, a
// first build without a render cache peaked at 633-665 MB at 10,000
// articles, 2.1x a cold build's 309 MB; at 1.8 times, 564 MB, with the
// same time from a save to the reload (76-78 ms median against 78-81).
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
	return max(300<<20, contentBytes*36/10)
}
