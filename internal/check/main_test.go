package check_test

import (
	"os"
	"testing"

	"github.com/bulletin-ssg/bulletin/internal/tmplexec"
)

// TestMain makes a panic in tmplexec fail the tests instead of falling
// back to html/template unseen.
func TestMain(m *testing.M) {
	tmplexec.PanicIsFatal = true
	os.Exit(m.Run())
}
