package editorfiles

import "testing"

func TestNoise(t *testing.T) {
	for name, want := range map[string]bool{
		".a.md.swp": true, ".#a.md": true, "#a.md#": true, "a.md~": true, "a.md.swx": true,
		"a.md.swo": true, "a.md.tmp": true, "a.md.bak": true, "a.md.bck": true, "4913": true,
		"a.md___jb_tmp___": true, "a.md___jb_old___": true, ".git": true,
		"a.md": false, "photo.png": false, "#hash.md": false, "notes.bakery": false, "49130": false,
	} {
		if got := Noise(name); got != want {
			t.Errorf("Noise(%q) = %v, want %v", name, got, want)
		}
	}
}
