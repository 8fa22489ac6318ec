//go:build !linux

package s3test

import "syscall"

// dieWithParent: only Linux stops a child with its parent; elsewhere
// Close must run.
func dieWithParent() *syscall.SysProcAttr { return nil }
