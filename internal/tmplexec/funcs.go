package tmplexec

import (
	"fmt"
	"html/template"
	"reflect"
	"sort"
	"text/template/parse"
	"time"
)

// function is a template function with its arguments checked the way
// text/template checks them: an argument of another type than the
// parameter's (which text/template would convert, or reject) fails.
type function struct {
	// andOr is "and" or "or", whose arguments are evaluated one by one.
	andOr string
	// arity is the number of parameters, the variadic one counted: a
	// variadic function takes at least arity-1 arguments.
	arity    int
	variadic bool
	// call gets the evaluated arguments, the final value last. It must
	// not keep args (the state reuses its backing array).
	call func(args []any) any
	// str, when not nil, is call for a function that returns a string
	// (an escaper), returning it as it is.
	str func(args []any) string
}

// callSite is what an identifier of the Set's trees calls: its function
// (nil when the Set has none of that name), and whether the name is one
// of html/template's escapers.
type callSite struct {
	f       *function
	escaper bool
}

func (s *Set) newCallSite(name string) callSite {
	return callSite{f: s.funcs[name], escaper: escapers[name] != nil}
}

// callOf looks an identifier up by its node: index met every one of the
// Set's trees.
func (s *Set) callOf(id *parse.IdentifierNode) callSite {
	if c, ok := s.calls[id]; ok {
		return c
	}
	return s.newCallSite(id.Ident)
}

func (s *state) call(dot any, id *parse.IdentifierNode, args []parse.Node, final any) any {
	f := s.set.callOf(id).f
	if f == nil {
		if context := missingEscapers[id.Ident]; context != "" {
			fail("%s (%s)", context, id.Ident)
		}
		fail("function %s, which the Set does not call", id.Ident)
	}
	var rest []parse.Node
	if args != nil {
		rest = args[1:]
	}
	if f.andOr != "" {
		return s.andOr(dot, f.andOr == "or", rest, final)
	}
	mark := s.pushArgs(dot, f, id, rest, final)
	v := f.call(s.args[mark:])
	s.popArgs(mark)
	return v
}

// callString is call of a function with a str (not and or or).
func (s *state) callString(dot any, f *function, id *parse.IdentifierNode, args []parse.Node, final any) string {
	mark := s.pushArgs(dot, f, id, args[1:], final)
	v := f.str(s.args[mark:])
	s.popArgs(mark)
	return v
}

// pushArgs checks the number of a call's arguments, evaluates them onto
// s.args and returns where they start.
func (s *state) pushArgs(dot any, f *function, id *parse.IdentifierNode, args []parse.Node, final any) (mark int) {
	n := len(args)
	if final != missing {
		n++
	}
	if n != f.arity && !(f.variadic && n >= f.arity-1) {
		fail("wrong number of arguments to %s", id.Ident)
	}
	mark = len(s.args)
	for _, a := range args {
		v := s.arg(dot, a)
		s.args = append(s.args, v)
	}
	if final != missing {
		s.args = append(s.args, final)
	}
	return mark
}

// popArgs drops the arguments pushArgs pushed.
func (s *state) popArgs(mark int) {
	clear(s.args[mark:])
	s.args = s.args[:mark]
}

// andOr returns the first argument that decides (false for and, true for
// or), else the last, evaluating no further than that one.
func (s *state) andOr(dot any, or bool, args []parse.Node, final any) any {
	if len(args) == 0 && final == missing {
		fail("and/or without arguments")
	}
	var v any
	for _, a := range args {
		v = s.arg(dot, a)
		if t, _ := truth(v); t == or {
			return v
		}
	}
	if final != missing {
		v = final
	}
	return v
}

// The parameter checks of the adapters. An interface parameter takes
// anything; a concrete one exactly its type.

func str(v any) string {
	s, ok := v.(string)
	if !ok {
		fail("want string, have %T", v)
	}
	return s
}

func integerArg(v any) int {
	n, ok := v.(int)
	if !ok {
		fail("want int, have %T", v)
	}
	return n
}

func timeArg(v any) time.Time {
	t, ok := v.(time.Time)
	if !ok {
		fail("want time.Time, have %T", v)
	}
	return t
}

func check[T any](v T, err error) T {
	if err != nil {
		fail("function failed: %v", err)
	}
	return v
}

// variadic copies the variadic arguments: a function may keep its slice.
func variadic(args []any) []any {
	if len(args) == 0 {
		return nil
	}
	return append([]any(nil), args...)
}

// signatures are the function types adapt knows. A function of a named
// type (the theme's partialFunc) is converted to the matching one.
var signatures = []reflect.Type{
	reflect.TypeFor[func(string) string](),
	reflect.TypeFor[func(string) (string, error)](),
	reflect.TypeFor[func(string) (any, error)](),
	reflect.TypeFor[func(string) template.HTML](),
	reflect.TypeFor[func(string, string) bool](),
	reflect.TypeFor[func(string, any) string](),
	reflect.TypeFor[func(string, time.Time) string](),
	reflect.TypeFor[func(time.Time) string](),
	reflect.TypeFor[func(time.Time) int](),
	reflect.TypeFor[func(int, any) string](),
	reflect.TypeFor[func(int, int) int](),
	reflect.TypeFor[func(any) string](),
	reflect.TypeFor[func(any) (template.HTML, error)](),
	reflect.TypeFor[func(any, any) any](),
	reflect.TypeFor[func(string, any) (template.HTML, error)](),
	reflect.TypeFor[func(string, any, ...any) (template.HTML, error)](),
	reflect.TypeFor[func(string, ...any) (string, error)](),
	reflect.TypeFor[func(...any) (map[string]any, error)](),
	reflect.TypeFor[func(...any) []any](),
}

// adapt returns fn as a function, or nil when its type is not one of
// signatures.
func adapt(fn any) *function {
	v := reflect.ValueOf(fn)
	if v.Kind() != reflect.Func || v.IsNil() {
		return nil
	}
	for _, sig := range signatures {
		if v.Type() != sig && v.Type().ConvertibleTo(sig) {
			fn = v.Convert(sig).Interface()
			break
		}
	}
	fixed := func(n int, call func([]any) any) *function { return &function{arity: n, call: call} }
	varargs := func(n int, call func([]any) any) *function { return &function{arity: n, variadic: true, call: call} }
	switch f := fn.(type) {
	case func(string) string:
		return fixed(1, func(a []any) any { return f(str(a[0])) })
	case func(string) (string, error):
		return fixed(1, func(a []any) any { return check(f(str(a[0]))) })
	case func(string) (any, error):
		return fixed(1, func(a []any) any { return check(f(str(a[0]))) })
	case func(string) template.HTML:
		return fixed(1, func(a []any) any { return f(str(a[0])) })
	case func(string, string) bool:
		return fixed(2, func(a []any) any { return f(str(a[0]), str(a[1])) })
	case func(string, any) string:
		return fixed(2, func(a []any) any { return f(str(a[0]), a[1]) })
	case func(string, time.Time) string:
		return fixed(2, func(a []any) any { return f(str(a[0]), timeArg(a[1])) })
	case func(time.Time) string:
		return fixed(1, func(a []any) any { return f(timeArg(a[0])) })
	case func(time.Time) int:
		return fixed(1, func(a []any) any { return f(timeArg(a[0])) })
	case func(int, any) string:
		return fixed(2, func(a []any) any { return f(integerArg(a[0]), a[1]) })
	case func(int, int) int:
		return fixed(2, func(a []any) any { return f(integerArg(a[0]), integerArg(a[1])) })
	case func(any) string:
		return fixed(1, func(a []any) any { return f(a[0]) })
	case func(any) (template.HTML, error):
		return fixed(1, func(a []any) any { return check(f(a[0])) })
	case func(any, any) any:
		return fixed(2, func(a []any) any { return f(a[0], a[1]) })
	case func(string, any) (template.HTML, error):
		return fixed(2, func(a []any) any { return check(f(str(a[0]), a[1])) })
	case func(string, any, ...any) (template.HTML, error):
		return varargs(3, func(a []any) any { return check(f(str(a[0]), a[1], variadic(a[2:])...)) })
	case func(string, ...any) (string, error):
		return varargs(2, func(a []any) any { return check(f(str(a[0]), variadic(a[1:])...)) })
	case func(...any) (map[string]any, error):
		return varargs(1, func(a []any) any { return check(f(variadic(a)...)) })
	case func(...any) []any:
		return varargs(1, func(a []any) any { return f(variadic(a)...) })
	}
	return nil
}

// Unadapted lists the functions of funcs that a Set cannot call itself:
// an action calling one always falls back to html/template.
func Unadapted(funcs template.FuncMap) []string {
	var names []string
	for name, fn := range funcs {
		if adapt(fn) == nil {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

// builtins are text/template's predefined functions that templates of
// a news site use. The others (html, js, urlquery, call, slice, println)
// are not here: an action calling one falls back.
var builtins = map[string]*function{
	"and":    {andOr: "and"},
	"or":     {andOr: "or"},
	"not":    {arity: 1, call: func(a []any) any { t, _ := truth(a[0]); return !t }},
	"eq":     {arity: 2, variadic: true, call: eqAny},
	"ne":     {arity: 2, call: func(a []any) any { return !equal(a[0], a[1]) }},
	"lt":     {arity: 2, call: func(a []any) any { return less(a[0], a[1]) }},
	"le":     {arity: 2, call: func(a []any) any { return less(a[0], a[1]) || equal(a[0], a[1]) }},
	"gt":     {arity: 2, call: func(a []any) any { return !less(a[0], a[1]) && !equal(a[0], a[1]) }},
	"ge":     {arity: 2, call: func(a []any) any { return !less(a[0], a[1]) }},
	"len":    {arity: 1, call: func(a []any) any { return length(a[0]) }},
	"index":  {arity: 2, variadic: true, call: func(a []any) any { return index(a[0], a[1:]) }},
	"print":  {arity: 1, variadic: true, call: func(a []any) any { return fmt.Sprint(a...) }},
	"printf": {arity: 2, variadic: true, call: func(a []any) any { return fmt.Sprintf(str(a[0]), a[1:]...) }},
}

// eqAny is eq: whether the first argument equals any of the others.
func eqAny(a []any) any {
	if len(a) < 2 {
		fail("eq with one argument")
	}
	for _, b := range a[1:] {
		if equal(a[0], b) {
			return true
		}
	}
	return false
}
