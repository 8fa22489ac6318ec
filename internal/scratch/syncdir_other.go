//go:build !unix

package scratch

// syncDir does nothing where a folder cannot be opened and synced as a
// file is (Windows).
func syncDir(Folder, string) error { return nil }
