// Package hugo reads a Hugo site for the importer: its settings
// (hugo.toml, .yaml or .json, or config.*), content/ with its sections,
// page bundles and standalone pages, and static/; and it converts Hugo's
// shortcodes to Markdown. It only reads the old site, never
// writes anything: the importer writes the bulletin site.
package hugo

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"
	yaml "go.yaml.in/yaml/v4"

	"github.com/bulletin-ssg/bulletin/internal/importer"
)

// config is what the importer needs of Hugo's settings.
type config struct {
	file           string
	baseURL        string
	timeZone       string
	permalinks     map[string]string // section -> pattern
	uglyURLs       bool
	keepCase       bool // disablePathToLower
	contentDir     string
	staticDirs     []string
	mainSections   []string
	settingsBroken string
	dups           []importer.Note // keys written twice: the last one read
}

// configNames are Hugo's settings files, in the order Hugo looks.
var configNames = []string{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml", "config.json",
	"config/_default/hugo.toml", "config/_default/hugo.yaml", "config/_default/config.toml", "config/_default/config.yaml"}

// readConfig reads the first settings file of dir; found is false when
// there is none.
func readConfig(dir string) (cfg config, found bool) {
	cfg = config{contentDir: "content", staticDirs: []string{"static"}, permalinks: map[string]string{}}
	for _, name := range configNames {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			continue
		}
		cfg.file = name
		m := map[string]any{}
		switch filepath.Ext(name) {
		case ".toml":
			err = toml.Unmarshal(data, &m)
		case ".json":
			err = json.Unmarshal(data, &m)
		default:
			data, cfg.dups = importer.LastKeyWins(name, data, 0)
			err = yaml.Unmarshal(data, &m)
		}
		if err != nil {
			cfg.settingsBroken = err.Error()
			return cfg, true
		}
		cfg.fill(lower(m))
		return cfg, true
	}
	return cfg, false
}

// fill reads the keys, which Hugo matches whatever their case.
func (cfg *config) fill(m map[string]any) {
	cfg.baseURL, _ = m["baseurl"].(string)
	cfg.timeZone, _ = m["timezone"].(string)
	cfg.uglyURLs, _ = m["uglyurls"].(bool)
	cfg.keepCase, _ = m["disablepathtolower"].(bool)
	if s, ok := m["contentdir"].(string); ok && s != "" {
		cfg.contentDir = s
	}
	switch v := m["staticdir"].(type) {
	case string:
		cfg.staticDirs = []string{v}
	case []any:
		cfg.staticDirs = strs(v)
	}
	if p, ok := m["permalinks"].(map[string]any); ok {
		if page, ok := p["page"].(map[string]any); ok {
			p = page // the newer form: [permalinks.page]
		}
		for k, v := range p {
			if s, ok := v.(string); ok {
				cfg.permalinks[k] = s
			}
		}
	}
	if params, ok := m["params"].(map[string]any); ok {
		if v, ok := params["mainsections"].([]any); ok {
			cfg.mainSections = strs(v)
		} else if s, ok := params["mainsections"].(string); ok {
			cfg.mainSections = []string{s}
		}
	}
}

// lower lowercases the keys of m and of the maps in it.
func lower(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if sub, ok := v.(map[string]any); ok && strings.ToLower(k) != "permalinks" {
			v = lower(sub)
		}
		out[strings.ToLower(k)] = v
	}
	return out
}

func strs(list []any) []string {
	var out []string
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
