package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// The checkbox of a task list item ("- [x] Read the programme") is a
// form control, and a control needs a name (WCAG 4.1.2; axe-core's
// label): with its item's text in a <label> around it, a screen reader
// reads "Read the programme, checkbox, checked" rather than an unnamed
// checkbox followed by text.
//
//	<li><label><input checked="" disabled="" type="checkbox"> Read the programme</label></li>

var kindTaskLabel = ast.NewNodeKind("TaskLabel")

// taskLabel holds a task's checkbox and the text after it.
type taskLabel struct{ ast.BaseInline }

func (n *taskLabel) Kind() ast.NodeKind         { return kindTaskLabel }
func (n *taskLabel) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// labelTasks puts each task's checkbox, with the rest of the block of
// text it starts, in a label.
func labelTasks(boxes []*extast.TaskCheckBox) {
	for _, box := range boxes {
		parent := box.Parent()
		if parent == nil {
			continue
		}
		l := &taskLabel{}
		parent.InsertBefore(parent, box, l)
		for n := ast.Node(box); n != nil; {
			next := n.NextSibling()
			l.AppendChild(l, n) // AppendChild detaches n from parent
			n = next
		}
	}
}

type tasksExtension struct{}

func (tasksExtension) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(tasksRenderer{}, 100)))
}

type tasksRenderer struct{}

func (tasksRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindTaskLabel, func(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString("<label>")
		} else {
			_, _ = w.WriteString("</label>")
		}
		return ast.WalkContinue, nil
	})
}
