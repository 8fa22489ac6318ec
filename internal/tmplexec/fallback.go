package tmplexec

import (
	"cmp"
	"fmt"
	"path"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync/atomic"
)

// PanicIsFatal makes a panic in an execution propagate out of Execute
// instead of falling back. Such a panic is a bug of the fast path (what
// it does not do stops it without one): a build recovers it, since
// html/template gives the right output, but the tests of every package
// that executes templates set this, so the bug fails them instead of
// hiding behind the fallback.
var PanicIsFatal bool

// Fallback is one reason why executions returned ErrUnsupported, and how
// many did.
type Fallback struct {
	// At is the template file and line of the action the execution
	// stopped at (the template's name when it never started).
	At string
	// Reason is "unsupported: " and what the Set does not do there, or
	// "panic: " with the panic's value and the function it came from.
	Reason string
	// Panic is true for a recovered panic: not a construct left to
	// html/template, a bug.
	Panic bool
	Count int64
}

func (f Fallback) String() string { return f.At + ": " + f.Reason }

type fallbackKey struct {
	at, reason string
	panic      bool
}

// record counts one fallback. It is the slow path already (html/template
// runs the template next), so it may take a lock and format text.
func (s *Set) record(k fallbackKey) {
	s.fallbacks.Add(1)
	n, ok := s.reasons.Load(k)
	if !ok {
		n, _ = s.reasons.LoadOrStore(k, new(atomic.Int64))
	}
	n.(*atomic.Int64).Add(1)
}

// recovered records what stopped an execution at p.
func (s *Set) recovered(r any, p place) {
	if u, ok := r.(unsupported); ok {
		s.record(fallbackKey{at: p.String(), reason: "unsupported: " + u.why})
		return
	}
	if PanicIsFatal {
		panic(fmt.Sprintf("tmplexec: panic at %s: %v\n\n%s", p, r, debug.Stack()))
	}
	s.record(fallbackKey{at: p.String(), reason: fmt.Sprintf("panic: %v in %s", r, panicFrame()), panic: true})
}

// panicFrame names the function a panic came from, with its file and
// line. It is called by the deferred function that recovered the panic,
// below which the stack is still the panic's: the first frame past
// runtime.gopanic that is not the runtime's (a nil dereference passes
// through runtime.sigpanic) is where it happened.
func panicFrame() string {
	pcs := make([]uintptr, 64)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(1, pcs)])
	past := false
	for {
		f, more := frames.Next()
		switch {
		case f.Function == "runtime.gopanic":
			past = true
		case past && !strings.HasPrefix(f.Function, "runtime."):
			return fmt.Sprintf("%s (%s:%d)", f.Function, path.Base(f.File), f.Line)
		}
		if !more {
			return "an unknown function"
		}
	}
}

// Stats are a Set's executions since it was made.
type Stats struct {
	Runs      int64      // executions, those that fell back included
	Fallbacks []Fallback // by place and reason, in no order
}

// Stats returns the Set's counts.
func (s *Set) Stats() Stats {
	st := Stats{Runs: s.runs.Load()}
	s.reasons.Range(func(k, n any) bool {
		key := k.(fallbackKey)
		st.Fallbacks = append(st.Fallbacks, Fallback{At: key.at, Reason: key.reason, Panic: key.panic, Count: n.(*atomic.Int64).Load()})
		return true
	})
	return st
}

// SortFallbacks orders fallbacks the most frequent first, then by place
// and reason.
func SortFallbacks(fs []Fallback) {
	slices.SortFunc(fs, func(a, b Fallback) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.At, b.At), cmp.Compare(a.Reason, b.Reason))
	})
}

// missingEscapers names the contexts whose html/template escapers the Set
// does not have (see escapers), for the reason of a fallback.
var missingEscapers = map[string]string{
	"_html_template_jsvalescaper":     "JavaScript context",
	"_html_template_jsstrescaper":     "JavaScript string",
	"_html_template_jsregexpescaper":  "JavaScript regular expression",
	"_html_template_jstmpllitescaper": "JavaScript template literal",
	"_html_template_cssescaper":       "CSS context",
	"_html_template_cssvaluefilter":   "CSS context",
	"_html_template_commentescaper":   "HTML comment",
	"_html_template_htmlnamefilter":   "attribute name",
}
