package tmplexec

import (
	"reflect"
	"strings"
	"sync/atomic"
	"text/template/parse"
	"unsafe"
)

// missing is the "no final value" of a command that is not in a pipeline
// (text/template's missingVal).
type missingValue struct{}

var missing any = missingValue{}

// pipeline evaluates a pipeline and declares or assigns its variables.
// A value is carried as the `any` it holds: text/template lifts an
// interface value out of its reflect.Value after every command, so the
// two agree (nil is its invalid value).
func (s *state) pipeline(dot any, p *parse.PipeNode) any {
	if p == nil {
		return nil
	}
	v := missing
	for _, c := range p.Cmds {
		v = s.command(dot, c, v)
	}
	for _, d := range p.Decl {
		if p.IsAssign {
			s.setVar(d.Ident[0], v)
		} else {
			s.vars = append(s.vars, variable{d.Ident[0], v})
		}
	}
	return v
}

// command evaluates one command; final is the previous command's value,
// its last argument.
func (s *state) command(dot any, c *parse.CommandNode, final any) any {
	switch n := c.Args[0].(type) {
	case *parse.FieldNode:
		return s.fieldChain(dot, n, n.Ident, c.Args, final)
	case *parse.VariableNode:
		if len(n.Ident) > 1 {
			return s.fieldChain(s.varValue(n.Ident[0]), n, n.Ident[1:], c.Args, final)
		}
	case *parse.IdentifierNode:
		return s.call(dot, n, c.Args, final)
	case *parse.ChainNode:
		return s.chain(dot, n, c.Args, final)
	}
	// A variable, a parenthesized pipeline or a constant: no arguments.
	noArgs(c.Args, final)
	return s.arg(dot, c.Args[0])
}

// noArgs fails where text/template reports "can't give argument to
// non-function".
func noArgs(args []parse.Node, final any) {
	if len(args) > 1 || final != missing {
		fail("argument to non-function")
	}
}

// constant is the value of a literal or dot, as text/template gives it to
// a parameter of type any.
func (s *state) constant(dot any, n parse.Node) any {
	switch n := n.(type) {
	case *parse.DotNode:
		return dot
	case *parse.StringNode:
		return n.Text
	case *parse.BoolNode:
		return n.True
	case *parse.NumberNode:
		return integer(n)
	}
	fail("constant %s", n)
	return nil
}

// integer is a number literal that text/template makes an int whatever
// the parameter's type: decimal digits, maybe signed. Any other literal
// (1.5, 1e3, 0x10, 'a', 1_000) is left to text/template.
func integer(n *parse.NumberNode) int {
	digits := strings.TrimLeft(n.Text, "+-")
	ok := n.IsInt && len(n.Text)-len(digits) <= 1 && digits != "" && (digits == "0" || digits[0] != '0')
	for i := 0; ok && i < len(digits); i++ {
		ok = '0' <= digits[i] && digits[i] <= '9'
	}
	if !ok {
		fail("number %s", n.Text)
	}
	return int(n.Int64)
}

// arg evaluates a function's argument node.
func (s *state) arg(dot any, n parse.Node) any {
	switch n := n.(type) {
	case *parse.FieldNode:
		return s.fieldChain(dot, n, n.Ident, nil, missing)
	case *parse.VariableNode:
		v := s.varValue(n.Ident[0])
		if len(n.Ident) == 1 {
			return v
		}
		return s.fieldChain(v, n, n.Ident[1:], nil, missing)
	case *parse.PipeNode:
		return s.pipeline(dot, n)
	case *parse.IdentifierNode:
		return s.call(dot, n, nil, missing)
	case *parse.ChainNode:
		return s.chain(dot, n, nil, missing)
	}
	return s.constant(dot, n)
}

// chain reads fields of a parenthesized value: (index . 0).Date.
func (s *state) chain(dot any, n *parse.ChainNode, args []parse.Node, final any) any {
	if len(n.Field) == 0 {
		fail("chain without fields")
	}
	return s.fieldChain(s.arg(dot, n.Node), n, n.Field, args, final)
}

// fieldChain reads .A.B.C from receiver. Only the last field may take
// arguments (a method with parameters), which this package leaves alone.
func (s *state) fieldChain(receiver any, node parse.Node, idents []string, args []parse.Node, final any) any {
	if len(args) > 1 || final != missing {
		fail("field with arguments")
	}
	site := s.set.fields[nodeKey(node)]
	if site == nil {
		fail("field node not indexed")
	}
	v := receiver
	for i, name := range idents {
		if v == nil {
			// An invalid value (a missing map key) gives the zero
			// value in text/template, a nil interface an error: the
			// two are one here, so neither is handled.
			fail("field %s of nil", name)
		}
		v = site.steps[i].get(v, name)
	}
	return v
}

// fieldSite is one field action's lookups, one per name in its chain.
type fieldSite struct {
	steps []fieldStep
}

// fieldStep keeps the accessor for the last type seen at one step: the
// type at a given place in a template rarely changes.
type fieldStep struct {
	last atomic.Pointer[accessor]
}

func (f *fieldStep) get(v any, name string) any {
	t := reflect.TypeOf(v)
	a := f.last.Load()
	if a == nil || a.typ != t {
		a = newAccessor(t, name)
		f.last.Store(a)
	}
	return a.get(v)
}

// index makes a fieldSite for every field and variable-chain node.
func (s *Set) index(n parse.Node) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			s.index(c)
		}
	case *parse.ActionNode:
		s.index(n.Pipe)
	case *parse.IfNode:
		s.indexBranch(&n.BranchNode)
	case *parse.WithNode:
		s.indexBranch(&n.BranchNode)
	case *parse.RangeNode:
		s.indexBranch(&n.BranchNode)
	case *parse.TemplateNode:
		s.index(n.Pipe)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			for _, a := range c.Args {
				s.index(a)
			}
		}
	case *parse.FieldNode:
		s.fields[nodeKey(n)] = &fieldSite{steps: make([]fieldStep, len(n.Ident))}
	case *parse.VariableNode:
		if len(n.Ident) > 1 {
			s.fields[nodeKey(n)] = &fieldSite{steps: make([]fieldStep, len(n.Ident)-1)}
		}
	case *parse.ChainNode:
		s.index(n.Node)
		s.fields[nodeKey(n)] = &fieldSite{steps: make([]fieldStep, len(n.Field))}
	case *parse.IdentifierNode:
		s.calls[n] = s.newCallSite(n.Ident)
	}
}

// nodeKey is the address of a node that can have a fieldSite, nil for
// any other.
func nodeKey(n parse.Node) unsafe.Pointer {
	switch n := n.(type) {
	case *parse.FieldNode:
		return unsafe.Pointer(n)
	case *parse.VariableNode:
		return unsafe.Pointer(n)
	case *parse.ChainNode:
		return unsafe.Pointer(n)
	}
	return nil
}

func (s *Set) indexBranch(b *parse.BranchNode) {
	s.index(b.Pipe)
	s.index(b.List)
	if b.ElseList != nil {
		s.index(b.ElseList)
	}
}

// accessor reads one name from values of one type, as text/template's
// evalField does: a method of that name first, then a struct field or a
// map key.
type accessor struct {
	typ reflect.Type
	get func(v any) any
}

func newAccessor(t reflect.Type, name string) *accessor {
	a := &accessor{typ: t}
	if m, ok := t.MethodByName(name); ok {
		mt := m.Type // with the receiver as the first parameter
		if mt.NumIn() != 1 || !(mt.NumOut() == 1 || mt.NumOut() == 2 && mt.Out(1) == errorType) {
			a.get = unsupportedField
			return a
		}
		if t.Implements(indexedFielderType) {
			if i, ok := reflect.Zero(t).Interface().(IndexedFielder).TemplateFieldIndex(name); ok {
				a.get = func(v any) any {
					x, ok := v.(IndexedFielder).TemplateFieldAt(i)
					if !ok {
						fail("field %s not given", name)
					}
					return x
				}
				return a
			}
		}
		if t.Implements(fielderType) {
			a.get = func(v any) any {
				x, ok := v.(Fielder).TemplateField(name)
				if !ok {
					fail("field %s not given", name)
				}
				return x
			}
			return a
		}
		index := m.Index
		a.get = func(v any) any {
			rv := reflect.ValueOf(v)
			if rv.Kind() == reflect.Pointer && rv.IsNil() {
				fail("method on nil") // text/template calls it: its panic, or not, is its own
			}
			out := rv.Method(index).Call(nil)
			if len(out) == 2 && !out[1].IsNil() {
				fail("method error")
			}
			return out[0].Interface()
		}
		return a
	}
	// A method only the pointer has: text/template calls it when the value
	// is addressable (a struct field reached through a pointer), which a
	// copy held in an interface no longer shows.
	if t.Kind() != reflect.Pointer && t.Kind() != reflect.Interface {
		if _, ok := reflect.PointerTo(t).MethodByName(name); ok {
			a.get = unsupportedField
			return a
		}
	}
	st, viaPointer := t, false
	if st.Kind() == reflect.Pointer {
		st, viaPointer = st.Elem(), true
	}
	switch st.Kind() {
	case reflect.Struct:
		f, ok := st.FieldByName(name)
		if !ok || !f.IsExported() {
			break
		}
		index := f.Index
		a.get = func(v any) any {
			rv := reflect.ValueOf(v)
			if viaPointer {
				if rv.IsNil() {
					fail("field of nil pointer")
				}
				rv = rv.Elem()
			}
			fv, err := rv.FieldByIndexErr(index)
			if err != nil {
				fail("field through nil embedded pointer")
			}
			return fv.Interface()
		}
		return a
	case reflect.Map:
		if viaPointer || st.Key() != stringType {
			break
		}
		key := reflect.ValueOf(name)
		a.get = func(v any) any {
			if m, ok := v.(map[string]any); ok {
				x, ok := m[name]
				if !ok {
					fail("missing key %s", name)
				}
				return x
			}
			x := reflect.ValueOf(v).MapIndex(key)
			if !x.IsValid() {
				fail("missing key %s", name)
			}
			return x.Interface()
		}
		return a
	}
	a.get = unsupportedField
	return a
}

// Fielder is template data whose fields are methods that a Set may call
// without reflection: TemplateField(name) returns what the method of
// that name returns, or false (and the execution falls back). Only a
// method the type has is asked for, also of a nil pointer, which answers
// false: text/template then calls the method, and a panic there is its
// own to report, while one in TemplateField is a bug (see PanicIsFatal).
type Fielder interface {
	TemplateField(name string) (v any, ok bool)
}

var fielderType = reflect.TypeFor[Fielder]()

// IndexedFielder is a Fielder that numbers its fields: a field action
// asks once, for the type it meets, which number a name has, and then
// reads the field by that number, not by looking its name up on every
// read. TemplateFieldIndex must answer for the type's zero value (a nil
// pointer), and TemplateFieldAt as TemplateField does for the name.
type IndexedFielder interface {
	Fielder
	TemplateFieldIndex(name string) (i int, ok bool)
	TemplateFieldAt(i int) (v any, ok bool)
}

var indexedFielderType = reflect.TypeFor[IndexedFielder]()

func unsupportedField(any) any {
	fail("field")
	return nil
}

var (
	errorType  = reflect.TypeFor[error]()
	stringType = reflect.TypeFor[string]()
)
