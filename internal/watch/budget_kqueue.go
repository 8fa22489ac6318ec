//go:build darwin || dragonfly || freebsd || netbsd || openbsd

package watch

import "syscall"

// watchBudget is how many files and folders fsnotify's kqueue backend may
// watch: it holds an open file for every file in a watched folder as well
// as for the folder, so a site of 20,000 articles needs 20,000 open files
// on top of what a build opens. Half the open-file limit is left to the
// builds. (Go raises the soft limit to the hard one when it starts.)
func watchBudget() int {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		return 0
	}
	return int(min(lim.Cur, 1<<30) / 2)
}
