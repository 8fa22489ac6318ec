package theme

import (
	"errors"
	"html/template"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"text/template/parse"
)

// Constant folding. Many actions of a theme print the same text on every
// page of a build: {{T "prev"}}, {{relURL "/archives/"}}, {{asset
// "css/style.css"}}. Each costs the template engine two or three calls
// through reflection (the function, then html/template's escapers), on
// every page. Once html/template has escaped a template, such an action is
// replaced by its output as plain text, and a constant call used as an
// argument or assigned to a variable ({{date (T "dateLayout") .Date}},
// {{$c := T "colon"}}) by its value. The output is byte for byte the same:
// the value is computed by the same function, and escaped by running the
// same escapers (see escapers).

// foldable are the functions whose result depends only on their
// arguments and the build (language, base URL, assets), never on a page.
var foldable = map[string]bool{
	"T": true, "relURL": true, "absURL": true, "asset": true, "integrity": true,
	"safeHTML": true, "lower": true, "upper": true, "urlize": true,
	// The language's are the build's too: each language has its templates.
	"relLangURL": true, "absLangURL": true, "languageName": true, "ogLocale": true,
}

// folder folds the constant actions of escaped templates.
type folder struct {
	funcs    template.FuncMap
	escapers *escapers
}

// escapeNow makes html/template escape t and every template it calls, as
// it does before the first execution, by executing it with data on which
// the first field access fails, into a writer that refuses the first
// byte: nothing is printed and no page data exists to act on.
func escapeNow(t *template.Template) {
	_ = t.Execute(refuseWriter{}, probeData{})
}

type probeData struct{}

type refuseWriter struct{}

func (refuseWriter) Write([]byte) (int, error) { return 0, errProbe }

var errProbe = errors.New("probe")

// foldAll folds every template of t's set. t must have been escaped.
func (f *folder) foldAll(t *template.Template) {
	for _, tmpl := range t.Templates() {
		if tmpl.Tree != nil && tmpl.Tree.Root != nil && isEscaped(tmpl.Tree.Root) {
			f.list(tmpl.Tree.Root)
		}
	}
}

// isEscaped reports whether html/template has put its escapers into a
// tree: folding an unescaped action would print its text unescaped. A
// tree without actions has nothing to fold either way.
func isEscaped(root *parse.ListNode) bool {
	escaped := true
	var walk func(l *parse.ListNode)
	walk = func(l *parse.ListNode) {
		if l == nil {
			return
		}
		for _, n := range l.Nodes {
			switch n := n.(type) {
			case *parse.ActionNode:
				if len(n.Pipe.Decl) == 0 && !hasEscaper(n.Pipe) {
					escaped = false
				}
			case *parse.ListNode:
				walk(n)
			default:
				if b := branch(n); b != nil {
					walk(b.List)
					walk(b.ElseList)
				}
			}
		}
	}
	walk(root)
	return escaped
}

// branch returns the pipeline and lists of an if, range or with.
func branch(n parse.Node) *parse.BranchNode {
	switch n := n.(type) {
	case *parse.IfNode:
		return &n.BranchNode
	case *parse.RangeNode:
		return &n.BranchNode
	case *parse.WithNode:
		return &n.BranchNode
	}
	return nil
}

func hasEscaper(p *parse.PipeNode) bool {
	for _, c := range p.Cmds {
		if id, ok := c.Args[0].(*parse.IdentifierNode); ok && strings.HasPrefix(id.Ident, "_html_template_") {
			return true
		}
	}
	return false
}

func (f *folder) list(l *parse.ListNode) {
	if l == nil {
		return
	}
	for i, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			f.pipe(n.Pipe)
			if text, ok := f.action(n); ok {
				l.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: n.Pos, Text: []byte(text)}
			}
		case *parse.TemplateNode:
			f.pipe(n.Pipe)
		case *parse.ListNode:
			f.list(n)
		default:
			if b := branch(n); b != nil {
				f.pipe(b.Pipe)
				f.list(b.List)
				f.list(b.ElseList)
			}
		}
	}
}

// pipe folds constant calls inside a pipeline: arguments that are
// parenthesized constant calls, and a first command that is one (for an
// output action, action may then fold the whole of it).
func (f *folder) pipe(p *parse.PipeNode) {
	if p == nil {
		return
	}
	for ci, c := range p.Cmds {
		for ai, arg := range c.Args {
			if sub, ok := arg.(*parse.PipeNode); ok {
				f.pipe(sub)
				if len(sub.Decl) == 0 && len(sub.Cmds) == 1 && len(sub.Cmds[0].Args) == 1 {
					if s, ok := sub.Cmds[0].Args[0].(*parse.StringNode); ok {
						c.Args[ai] = s
					}
				}
			}
		}
		if ci > 0 {
			continue // its input is the previous command's value
		}
		v, ok := f.call(c)
		if !ok {
			continue
		}
		if s, isString := v.(string); isString {
			p.Cmds[0] = &parse.CommandNode{NodeType: parse.NodeCommand, Pos: c.Pos,
				Args: []parse.Node{&parse.StringNode{NodeType: parse.NodeString, Pos: c.Pos, Quoted: strconv.Quote(s), Text: s}}}
		}
	}
}

// action returns the output of an output action whose value is constant
// and whose escapers are known.
func (f *folder) action(a *parse.ActionNode) (string, bool) {
	p := a.Pipe
	if len(p.Decl) > 0 || p.IsAssign || len(p.Cmds) == 0 {
		return "", false
	}
	var v any
	switch first := p.Cmds[0]; {
	case len(first.Args) == 1 && first.Args[0].Type() == parse.NodeString:
		v = first.Args[0].(*parse.StringNode).Text
	default:
		var ok bool
		if v, ok = f.call(first); !ok {
			return "", false
		}
	}
	var chain []string
	for _, c := range p.Cmds[1:] {
		id, ok := c.Args[0].(*parse.IdentifierNode)
		if !ok || len(c.Args) != 1 || !strings.HasPrefix(id.Ident, "_html_template_") {
			return "", false
		}
		chain = append(chain, id.Ident)
	}
	return f.escapers.apply(chain, v)
}

// call evaluates a command that calls a foldable function with constant
// text arguments.
func (f *folder) call(c *parse.CommandNode) (any, bool) {
	id, ok := c.Args[0].(*parse.IdentifierNode)
	if !ok || !foldable[id.Ident] {
		return nil, false
	}
	fn := reflect.ValueOf(f.funcs[id.Ident])
	if !fn.IsValid() || fn.Kind() != reflect.Func {
		return nil, false
	}
	ft := fn.Type()
	args := make([]reflect.Value, 0, len(c.Args)-1)
	for i, a := range c.Args[1:] {
		s, ok := a.(*parse.StringNode)
		if !ok {
			return nil, false
		}
		var in reflect.Type
		switch {
		case ft.IsVariadic() && i >= ft.NumIn()-1:
			in = ft.In(ft.NumIn() - 1).Elem()
		case i < ft.NumIn():
			in = ft.In(i)
		default:
			return nil, false
		}
		if in.Kind() != reflect.String && in.Kind() != reflect.Interface {
			return nil, false
		}
		args = append(args, reflect.ValueOf(s.Text).Convert(in))
	}
	if len(args) < ft.NumIn() && !(ft.IsVariadic() && len(args) == ft.NumIn()-1) {
		return nil, false
	}
	out := fn.Call(args)
	if len(out) == 2 && !out[1].IsNil() {
		return nil, false // left to fail, with its position, when a page runs it
	}
	return out[0].Interface(), true
}

// escapers applies chains of html/template's escapers. They are not
// exported, so each known chain is learnt from a probe: a one-action
// template in the context that makes html/template choose that chain.
// Running the probe on a value and cutting away its fixed text gives
// exactly what the chain makes of the value.
type escapers struct {
	probes map[string]probe // by chain, joined with "|"
}

type probe struct {
	t              *template.Template
	prefix, suffix string
}

// probeSources are the contexts the probes cover; any other chain is
// left unfolded.
var probeSources = []string{
	`{{.}}`,
	`<title>{{.}}</title>`,
	`<a title="{{.}}">`,
	`<a title='{{.}}'>`,
	`<a title={{.}}>`,
	`<a href="{{.}}">`,
	`<a href="/x/{{.}}">`,
	`<a href="/?q={{.}}">`,
	`<a href={{.}}>`,
	`<script>var x = {{.}};</script>`,
	`<script>var x = "{{.}}";</script>`,
	`<a onclick="f({{.}})">`,
	`<img srcset="{{.}}">`,
	`<style>p{color:{{.}}}</style>`,
	`<textarea>{{.}}</textarea>`,
}

// builtinEscapers are learnt once per process: the probes depend on
// nothing but html/template.
var builtinEscapers = sync.OnceValue(newEscapers)

func newEscapers() *escapers {
	e := &escapers{probes: map[string]probe{}}
	for _, src := range probeSources {
		t := template.Must(template.New("probe").Parse(src))
		escapeNow(t)
		nodes := t.Tree.Root.Nodes
		var pr probe
		var chain []string
		ok := true
		seen := false
		for _, n := range nodes {
			switch n := n.(type) {
			case *parse.TextNode:
				if seen {
					pr.suffix += string(n.Text)
				} else {
					pr.prefix += string(n.Text)
				}
			case *parse.ActionNode:
				if seen || len(n.Pipe.Cmds) == 0 || n.Pipe.Cmds[0].Args[0].Type() != parse.NodeDot {
					ok = false
				}
				seen = true
				for _, c := range n.Pipe.Cmds[1:] {
					chain = append(chain, c.Args[0].String())
				}
			default:
				ok = false
			}
		}
		if !ok || !seen {
			continue
		}
		pr.t = t
		key := strings.Join(chain, "|")
		if _, dup := e.probes[key]; !dup {
			e.probes[key] = pr
		}
	}
	return e
}

func (e *escapers) apply(chain []string, v any) (string, bool) {
	pr, ok := e.probes[strings.Join(chain, "|")]
	if !ok {
		return "", false
	}
	var b strings.Builder
	if err := pr.t.Execute(&b, v); err != nil {
		return "", false
	}
	out := b.String()
	if !strings.HasPrefix(out, pr.prefix) || !strings.HasSuffix(out, pr.suffix) || len(out) < len(pr.prefix)+len(pr.suffix) {
		return "", false
	}
	return out[len(pr.prefix) : len(out)-len(pr.suffix)], true
}
