// Package editorfiles knows the files editors and tools leave beside the
// ones they edit. The build never reads them and the watcher never reports
// them: one list for both, so that a rebuild that trusts the watcher sees
// exactly the files a full build would. It only answers questions about
// names: it never looks at the disk.
package editorfiles

import "strings"

// Noise reports whether a file or folder name belongs to an editor or a
// tool rather than to the site: hidden files (which covers Emacs' .#a.md
// locks), swap, backup, lock and temporary files.
func Noise(name string) bool {
	switch {
	case strings.HasPrefix(name, "."),
		name == "4913", // vim's can-I-write-here probe
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"), // Emacs' auto-save
		strings.Contains(name, "___jb_tmp___"), strings.Contains(name, "___jb_old___"):
		return true
	}
	for _, suffix := range []string{".swp", ".swx", ".swo", "~", ".tmp", ".bck", ".bak"} {
		if strings.HasSuffix(name, suffix) {
			return true
		}
	}
	return false
}
