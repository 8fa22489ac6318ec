package scratch

import (
	"fmt"
	"time"
)

// inUsePatience is how long RetryInUse keeps trying: longer than a virus
// scanner or a search indexer holds a file it opened to read, shorter than
// an author waits before wondering why the build stands still.
const inUsePatience = 2 * time.Second

// RetryInUse runs op (a rename or a removal) and, while it fails because
// another program has the file open, runs it again after a short pause.
// Only Windows refuses to rename over or remove an open file (an editor,
// a browser, an antivirus scan, the preview of a file explorer); elsewhere
// op runs once. An error that outlasts the patience says so; it wraps op's
// error, which names the file.
func RetryInUse(op func() error) error {
	return retryInUse(op, inUse, time.Sleep)
}

func retryInUse(op func() error, busy func(error) bool, sleep func(time.Duration)) error {
	pause, waited := 5*time.Millisecond, time.Duration(0)
	for {
		err := op()
		if err == nil || !busy(err) {
			return err
		}
		if waited >= inUsePatience {
			return fmt.Errorf("%w (another program has it open: close that program, or wait, and run bulletin again)", err)
		}
		sleep(pause)
		waited += pause
		pause = min(2*pause, 250*time.Millisecond)
	}
}
