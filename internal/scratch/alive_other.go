//go:build !unix && !windows

package scratch

import "os"

// alive reports whether a process with this ID exists, as far as
// FindProcess can tell where there is neither unix nor Windows.
func alive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	_ = p.Release()
	return true
}
