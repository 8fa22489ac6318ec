// Package scratch names the temporary files and folders bulletin makes
// beside what it writes (a page before its rename, a staged output, a
// cache pack being written), so that a later process can tell which of
// them a killed one left behind and remove them.
//
// A scratch name carries the maker's process ID: one whose process is
// gone is abandoned, and so is one older than MaxAge (a process ID is
// reused, in a CI container nearly always, and no build takes that
// long). It must never be used for anything a user made: the prefixes
// callers pass are bulletin's own (".bulletin-", ".markdown-").
//
// Replace is the one way bulletin replaces a file: a scratch file,
// renamed over it once whole; synced before the rename (Replace.Sync)
// when a later build trusts the file without reading it all again.
package scratch

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Name returns a new scratch name: prefix, this process's ID, a dash,
// 16 random hex digits, suffix.
func Name(prefix, suffix string) string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return prefix + strconv.Itoa(os.Getpid()) + "-" + hex.EncodeToString(b[:]) + suffix
}

// Is reports whether name is a scratch name made with prefix and suffix,
// and the ID of the process that made it.
func Is(name, prefix, suffix string) (pid int, ok bool) {
	rest, ok := strings.CutPrefix(name, prefix)
	if !ok {
		return 0, false
	}
	if rest, ok = strings.CutSuffix(rest, suffix); !ok {
		return 0, false
	}
	id, random, ok := strings.Cut(rest, "-")
	if !ok || len(random) != 16 || !hexDigits(random) {
		return 0, false
	}
	pid, err := strconv.Atoi(id)
	if err != nil || pid <= 0 || strconv.Itoa(pid) != id {
		return 0, false
	}
	return pid, true
}

func hexDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !('0' <= s[i] && s[i] <= '9' || 'a' <= s[i] && s[i] <= 'f') {
			return false
		}
	}
	return true
}

// MaxAge is the age past which a scratch file or folder is abandoned,
// whoever made it.
const MaxAge = time.Hour

// Abandoned reports whether name, a file or folder in dir, is a scratch
// name whose process is gone or that is older than MaxAge. This
// process's own recent names are never abandoned: whatever it made is
// still its to finish.
func Abandoned(dir, name, prefix, suffix string) bool {
	pid, ok := Is(name, prefix, suffix)
	if !ok {
		return false
	}
	if pid != os.Getpid() && !alive(pid) {
		return true
	}
	info, err := os.Lstat(filepath.Join(dir, name))
	return err == nil && time.Since(info.ModTime()) > MaxAge
}

// Create makes a new scratch file in dir, for reading and writing.
func Create(dir, prefix, suffix string) (*os.File, error) {
	for {
		f, err := os.OpenFile(filepath.Join(dir, Name(prefix, suffix)), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
}

// Mkdir makes a new scratch folder in dir and returns its path.
func Mkdir(dir, prefix, suffix string) (string, error) {
	for {
		path := filepath.Join(dir, Name(prefix, suffix))
		err := os.Mkdir(path, 0o700)
		if !errors.Is(err, fs.ErrExist) {
			return path, err
		}
	}
}

// Clean removes from dir the abandoned scratch files and folders made
// with prefix and suffix, and returns how many it removed. A folder that
// cannot be read is left alone.
func Clean(dir, prefix, suffix string) int {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range entries {
		if Abandoned(dir, e.Name(), prefix, suffix) && os.RemoveAll(filepath.Join(dir, e.Name())) == nil {
			n++
		}
	}
	return n
}
