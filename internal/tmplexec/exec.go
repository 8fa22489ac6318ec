// Package tmplexec runs the parse trees of an escaped html/template set
// without going through reflection for every action.
//
// text/template evaluates every field, function and escaper call through
// package reflect: it looks a struct field up by name on every access and
// calls every function with reflect.Value.Call. On a news site those calls
// are a large share of a build's CPU time. A Set runs the same trees with the
// functions called directly (each signature the theme uses has an adapter,
// funcs.go), html/template's escapers re-implemented (escape.go, held to
// the originals by a fuzz test) and each field's lookup kept per action.
//
// It is a fast path, not a second engine: wherever text/template would do
// something a Set does not do exactly the same way (an error, a nil
// receiver, a conversion of an argument, a kind of value or node it does
// not know), Execute stops with ErrUnsupported, and the caller runs the
// template with html/template, which then prints the same bytes or
// reports the error in its own words. A Set never prints a value that did
// not go through one of html/template's escapers. Each fallback is
// counted with the template file and line it stopped at and why (Stats):
// the actions that make a theme slow, or a bug here, can be found.
package tmplexec

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"sync"
	"sync/atomic"
	"text/template/parse"
	"unsafe"
)

// ErrUnsupported means the caller must run the template with
// html/template; what Execute wrote must be dropped.
var ErrUnsupported = errors.New("tmplexec: run it with html/template")

// Set is the escaped trees of one template set with its functions. It is
// safe for concurrent use.
type Set struct {
	trees map[string]*parse.Tree
	funcs map[string]*function
	// fields holds each field action's lookup, and calls each
	// identifier's function, by node: filled when the Set is made and
	// read-only after, so they need no lock. A node's address is hashed
	// faster than its interface value or a function's name, which every
	// action of every page looked up.
	fields map[unsafe.Pointer]*fieldSite
	calls  map[*parse.IdentifierNode]callSite

	runs, fallbacks atomic.Int64
	reasons         sync.Map // fallbackKey -> *atomic.Int64, see record
}

// New prepares t's templates, which html/template must have escaped (see
// the theme's escapeNow), with the functions t was given.
func New(t *template.Template, funcs template.FuncMap) *Set {
	s := &Set{trees: map[string]*parse.Tree{}, funcs: map[string]*function{},
		fields: map[unsafe.Pointer]*fieldSite{}, calls: map[*parse.IdentifierNode]callSite{}}
	for name, fn := range builtins {
		s.funcs[name] = fn
	}
	for name, fn := range escapers {
		s.funcs[name] = fn
	}
	for name, fn := range funcs {
		if f := adapt(fn); f != nil {
			s.funcs[name] = f
		} else {
			delete(s.funcs, name) // a function Set cannot call: that action falls back
		}
	}
	for _, tmpl := range t.Templates() {
		if tmpl.Tree != nil && tmpl.Tree.Root != nil {
			s.trees[tmpl.Name()] = tmpl.Tree
			s.index(tmpl.Tree.Root)
		}
	}
	return s
}

// Fallbacks counts the executions that returned ErrUnsupported.
func (s *Set) Fallbacks() int64 { return s.fallbacks.Load() }

// Runs counts the executions, those that fell back included.
func (s *Set) Runs() int64 { return s.runs.Load() }

// Execute runs the template name with data, appending to w. On
// ErrUnsupported (and on no other error) the caller truncates w to its
// length before the call and runs html/template.
func (s *Set) Execute(w *bytes.Buffer, name string, data any) (err error) {
	s.runs.Add(1)
	tree, ok := s.trees[name]
	if !ok {
		s.record(fallbackKey{at: name, reason: "unsupported: no such template"})
		return ErrUnsupported
	}
	st := &state{set: s, w: w, vars: []variable{{"$", data}}}
	st.at = &st.here
	st.here.file = fileOf(tree)
	defer func() {
		// Every failure is left to html/template to report (it recovers
		// panics in functions into errors): a build never crashes here,
		// only tests do (PanicIsFatal).
		if r := recover(); r != nil {
			s.recovered(r, st.here)
			err = ErrUnsupported
		}
	}()
	st.walk(data, tree.Root)
	return nil
}

// unsupported stops the execution; Execute turns it into ErrUnsupported.
type unsupported struct{ why string }

func fail(format string, args ...any) {
	panic(unsupported{fmt.Sprintf(format, args...)})
}

type variable struct {
	name  string
	value any
}

type state struct {
	set   *Set
	w     *bytes.Buffer
	vars  []variable
	args  []any // the arguments of the calls being evaluated, as a stack
	depth int
	// at is where the execution is, shared with the states of the
	// templates it calls: a fallback names the action it stopped at.
	at   *place
	here place // at of the outermost state
}

// place is a template file and a line in it.
type place struct {
	file string
	line int
}

func (p place) String() string { return fmt.Sprintf("%s:%d", p.file, p.line) }

// fileOf names the file a tree was parsed from ({{define}}d templates
// and html/template's copies of them keep their file's name there).
func fileOf(t *parse.Tree) string {
	if t.ParseName != "" {
		return t.ParseName
	}
	return t.Name
}

// maxDepth bounds template recursion as text/template's own limit does.
const maxDepth = 100000

type control uint8

const (
	proceed control = iota
	breakLoop
	continueLoop
)

func (s *state) walk(dot any, node parse.Node) control {
	switch n := node.(type) {
	case *parse.TextNode:
		s.w.Write(n.Text)
	case *parse.ListNode:
		for _, c := range n.Nodes {
			if ctl := s.walk(dot, c); ctl != proceed {
				return ctl
			}
		}
	case *parse.ActionNode:
		s.at.line = n.Line
		if len(n.Pipe.Decl) == 0 {
			s.output(dot, n.Pipe)
		} else {
			s.pipeline(dot, n.Pipe)
		}
	case *parse.IfNode:
		s.at.line = n.Line
		return s.ifOrWith(dot, &n.BranchNode, false)
	case *parse.WithNode:
		s.at.line = n.Line
		return s.ifOrWith(dot, &n.BranchNode, true)
	case *parse.RangeNode:
		s.at.line = n.Line
		return s.walkRange(dot, n)
	case *parse.TemplateNode:
		s.at.line = n.Line
		s.walkTemplate(dot, n)
	case *parse.BreakNode:
		return breakLoop
	case *parse.ContinueNode:
		return continueLoop
	case *parse.CommentNode:
	default:
		fail("node %s", node)
	}
	return proceed
}

// output evaluates an output action's pipeline and writes its value.
// html/template ends every output action with an escaper; one that does
// not (an escaping that failed, a template never escaped) is never
// printed here. The escaper's string is written as it is returned, not
// put in an interface first: every action of every page allocated one.
func (s *state) output(dot any, p *parse.PipeNode) {
	last := p.Cmds[len(p.Cmds)-1]
	v := missing
	for _, c := range p.Cmds[:len(p.Cmds)-1] {
		v = s.command(dot, c, v)
	}
	id, _ := last.Args[0].(*parse.IdentifierNode)
	var c callSite
	if id != nil {
		c = s.set.callOf(id)
	}
	escaped := c.escaper
	if escaped && c.f != nil && c.f.str != nil {
		s.w.WriteString(s.callString(dot, c.f, id, last.Args, v))
		return
	}
	v = s.command(dot, last, v)
	if !escaped {
		fail("unescaped action")
	}
	str, ok := v.(string)
	if !ok {
		fail("escaper returned %T", v)
	}
	s.w.WriteString(str)
}

func (s *state) mark() int { return len(s.vars) }

func (s *state) pop(mark int) { s.vars = s.vars[:mark] }

func (s *state) setVar(name string, v any) {
	for i := len(s.vars) - 1; i >= 0; i-- {
		if s.vars[i].name == name {
			s.vars[i].value = v
			return
		}
	}
	fail("undefined variable %s", name)
}

func (s *state) varValue(name string) any {
	for i := len(s.vars) - 1; i >= 0; i-- {
		if s.vars[i].name == name {
			return s.vars[i].value
		}
	}
	fail("undefined variable %s", name)
	return nil
}

// ifOrWith runs an if or a with. Variables its pipeline declares end with
// it. (A failure unwinds the whole execution, so no defer is needed.)
func (s *state) ifOrWith(dot any, b *parse.BranchNode, with bool) control {
	mark := s.mark()
	v := s.pipeline(dot, b.Pipe)
	t, ok := truth(v)
	if !ok {
		fail("if/with of %T", v)
	}
	ctl := proceed
	switch {
	case t && with:
		ctl = s.walk(v, b.List)
	case t:
		ctl = s.walk(dot, b.List)
	case b.ElseList != nil:
		ctl = s.walk(dot, b.ElseList)
	}
	s.pop(mark)
	return ctl
}

func (s *state) walkRange(dot any, r *parse.RangeNode) control {
	outer := s.mark()
	defer s.pop(outer)
	v := s.pipeline(dot, r.Pipe)
	items, ok := elements(v)
	if !ok {
		fail("range over %T", v)
	}
	mark := s.mark()
	decl := r.Pipe.Decl
	for i := 0; i < items.len(); i++ {
		elem := items.at(i)
		switch {
		case len(decl) == 0:
		case r.Pipe.IsAssign && len(decl) > 1:
			s.setVar(decl[0].Ident[0], i)
			s.setVar(decl[1].Ident[0], elem)
		case r.Pipe.IsAssign:
			s.setVar(decl[0].Ident[0], elem)
		case len(decl) > 1:
			// pipeline pushed both: the index, then the element.
			s.vars[mark-1].value = elem
			s.vars[mark-2].value = i
		default:
			s.vars[mark-1].value = elem
		}
		ctl := s.walk(elem, r.List)
		s.pop(mark)
		if ctl == breakLoop {
			return proceed
		}
	}
	if items.len() == 0 && r.ElseList != nil {
		return s.walk(dot, r.ElseList)
	}
	return proceed
}

func (s *state) walkTemplate(dot any, t *parse.TemplateNode) {
	tree, ok := s.set.trees[t.Name]
	if !ok {
		fail("template %q", t.Name)
	}
	if s.depth >= maxDepth {
		fail("depth")
	}
	// Variables the pipeline declares stay; the template sees none.
	dot = s.pipeline(dot, t.Pipe)
	caller := *s.at
	s.at.file = fileOf(tree)
	inner := state{set: s.set, w: s.w, vars: []variable{{"$", dot}}, args: s.args, depth: s.depth + 1, at: s.at}
	inner.walk(dot, tree.Root)
	s.args = inner.args[:len(s.args)] // keep the grown array
	*s.at = caller
}
