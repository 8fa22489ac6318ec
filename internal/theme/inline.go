package theme

import (
	"html/template"
	"text/template/parse"
)

// inlinePartials turns {{partial "name.html" DATA}} actions whose name is
// a constant into {{template "layouts/partials/name.html" DATA}} calls. The
// output is the same in HTML text (where themes call partials); the
// difference is speed: a partial called through the function is a
// separate template execution into a fresh buffer, copied into the page as
// template.HTML, and it was most of a list page's rendering time. A
// partial called in an attribute, or with a name computed at run time,
// stays a function call.
func inlinePartials(t *template.Template, labels map[string]string) {
	for _, tmpl := range t.Templates() {
		if tmpl.Tree != nil && tmpl.Tree.Root != nil {
			inlineList(tmpl.Tree.Root, labels)
		}
	}
}

func inlineList(list *parse.ListNode, labels map[string]string) {
	if list == nil {
		return
	}
	for i, n := range list.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			if call := partialCall(n, labels); call != nil {
				list.Nodes[i] = call
			}
		case *parse.ListNode:
			inlineList(n, labels)
		default:
			if b := branch(n); b != nil {
				inlineList(b.List, labels)
				inlineList(b.ElseList, labels)
			}
		}
	}
}

// partialCall returns the template call that replaces a plain
// {{partial "name" DATA}} action, or nil.
func partialCall(a *parse.ActionNode, labels map[string]string) *parse.TemplateNode {
	p := a.Pipe
	if p == nil || len(p.Decl) > 0 || p.IsAssign || len(p.Cmds) != 1 {
		return nil
	}
	args := p.Cmds[0].Args
	if len(args) != 3 {
		return nil
	}
	if id, ok := args[0].(*parse.IdentifierNode); !ok || id.Ident != "partial" {
		return nil
	}
	name, ok := args[1].(*parse.StringNode)
	if !ok {
		return nil
	}
	label, ok := labels[name.Text]
	if !ok {
		return nil // unknown: the function reports it when it runs
	}
	pipe := &parse.PipeNode{NodeType: parse.NodePipe, Pos: p.Pos, Line: p.Line,
		Cmds: []*parse.CommandNode{{NodeType: parse.NodeCommand, Pos: p.Cmds[0].Pos, Args: []parse.Node{args[2]}}}}
	return &parse.TemplateNode{NodeType: parse.NodeTemplate, Pos: a.Pos, Line: a.Line, Name: label, Pipe: pipe}
}
