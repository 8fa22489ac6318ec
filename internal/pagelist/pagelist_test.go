package pagelist

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	tests := []struct {
		name, text string
		want       []Page
		err        string
	}{
		{"pages", "# comment\n/\thome\n\n/en/404.html\t404, English\n", []Page{{"/", "home"}, {"/en/404.html", "404, English"}}, ""},
		{"no tab", "/ home\n", nil, "is not a path, a tab and a kind"},
		{"none", "# only a comment\n", nil, "no pages"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "pages.txt")
			if err := os.WriteFile(file, []byte(tt.text), 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := Read(file)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want one saying %q", err, tt.err)
				}
				return
			}
			if err != nil || !slices.Equal(got, tt.want) {
				t.Fatalf("got %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}
