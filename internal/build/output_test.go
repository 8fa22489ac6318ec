package build

import "sort"

// Names lists every output file, sorted.
func (o *Output) Names() []string {
	out := make([]string, 0, len(o.files)+len(o.pages))
	for name := range o.files {
		out = append(out, name)
	}
	for name := range o.pages {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// Map renders the whole output, to compare with a full build's.
func (o *Output) Map() map[string][]byte {
	m := make(map[string][]byte, len(o.files)+len(o.pages))
	for _, name := range o.Names() {
		data, err := o.Get(name)
		if err != nil {
			data = []byte(err.Error())
		}
		m[name] = data
	}
	return m
}
