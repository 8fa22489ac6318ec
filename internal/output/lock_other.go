//go:build !unix

package output

import "os"

// lockable is false: commits of two bulletins into one output may
// interleave here (and a folder held open could not be renamed).
const lockable = false

func lockDir(*os.File) {}
