//go:build !unix

package output

import "os"

// writeNew writes a page to a new file of the staging folder.
func writeNew(name string, data []byte) error { return os.WriteFile(name, data, 0o644) }
