//go:build unix

package main

import (
	"os"
	"runtime"
	"syscall"
	"time"
)

// usage is a finished process's CPU time and peak resident memory, as
// the kernel accounted them.
func usage(ps *os.ProcessState) (cpu time.Duration, peakKB int64, ok bool) {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0, 0, false
	}
	peak := int64(ru.Maxrss)
	if runtime.GOOS == "darwin" {
		peak /= 1024 // bytes there, kilobytes on Linux
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), peak, true
}
