package s3test

import "syscall"

// dieWithParent stops weed when the test binary that started it dies,
// even killed or timed out, before it could Close.
func dieWithParent() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
