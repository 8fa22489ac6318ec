//go:build !(darwin || dragonfly || freebsd || netbsd || openbsd)

package watch

// watchBudget is 0, not known up front: inotify (Linux) and
// ReadDirectoryChangesW (Windows) take one watch per folder, whatever it
// holds, and inotify's limit on watches is found when it is reached.
func watchBudget() int { return 0 }
