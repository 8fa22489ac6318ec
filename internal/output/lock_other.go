//go:build !unix && !windows

package output

import "os"

// lockable is false: commits of two bulletins into one output may
// interleave here (WebAssembly, Plan 9: no lock to take).
const lockable = false

// lockInFolder: there is no lock.
const lockInFolder = false

func lockDir(*os.File) {}

func lockPath(string) (unlock func()) { return func() {} }
