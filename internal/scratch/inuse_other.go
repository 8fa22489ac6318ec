//go:build !windows

package scratch

// inUse is always false outside Windows: a file open in another program
// is renamed over or removed like any other, and an error (permission
// denied, a full disk) will not go away by trying again.
func inUse(error) bool { return false }
