package output

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"golang.org/x/sys/windows"
)

// lockable says whether commits into an output lock it (see hold.go).
const lockable = true

// lockInFolder: the lock is a named mutex, apart from the folder.
const lockInFolder = false

// lockDir: the lock is not the folder's (lockPath).
func lockDir(*os.File) {}

// lockPath takes the lock of the output folder dest, waiting for another
// holder to let go, until the returned function is called (from the same
// goroutine). Windows cannot lock a folder, and a folder held open cannot
// be swapped: the lock is a mutex named after the folder's path (case
// folded, as the file system folds it), taken before the folder is opened.
// A process killed while holding it abandons it, and the next one takes
// it. Where no mutex can be made, there is none.
func lockPath(dest string) (unlock func()) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return func() {}
	}
	sum := sha256.Sum256([]byte(strings.ToLower(filepath.Clean(abs))))
	name, err := windows.UTF16PtrFromString(`Local\bulletin-output-` + hex.EncodeToString(sum[:16]))
	if err != nil {
		return func() {}
	}
	// A mutex belongs to the thread that waited for it, and only that
	// thread can release it.
	runtime.LockOSThread()
	// An existing mutex is opened, with ERROR_ALREADY_EXISTS for an error.
	m, err := windows.CreateMutex(nil, false, name)
	if err != nil && !(err == windows.ERROR_ALREADY_EXISTS && m != 0) {
		runtime.UnlockOSThread()
		return func() {}
	}
	if ev, err := windows.WaitForSingleObject(m, windows.INFINITE); err != nil || ev != windows.WAIT_OBJECT_0 && ev != windows.WAIT_ABANDONED {
		windows.CloseHandle(m)
		runtime.UnlockOSThread()
		return func() {}
	}
	return func() {
		windows.ReleaseMutex(m)
		windows.CloseHandle(m)
		runtime.UnlockOSThread()
	}
}
