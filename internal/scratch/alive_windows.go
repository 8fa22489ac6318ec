package scratch

import "syscall"

// alive reports whether a process with this ID is running. Opening a
// process that has ended can still succeed while anything holds a handle
// to it, so its exit code is asked as well.
func alive(pid int) bool {
	const processQueryLimitedInformation, stillActive = 0x1000, 259
	h, err := syscall.OpenProcess(processQueryLimitedInformation, false, uint32(pid))
	if err != nil {
		return false
	}
	defer syscall.CloseHandle(h)
	var code uint32
	return syscall.GetExitCodeProcess(h, &code) == nil && code == stillActive
}
