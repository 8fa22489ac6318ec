// Package tsdict reads OpenCC's table of traditional characters and their
// simplified forms (TSCharacters) out of github.com/longbridgeapp/opencc,
// for the search package's generated copy of it and the test that keeps
// the copy true. It must never be linked into bulletin itself: the
// library embeds all of OpenCC's dictionaries and defines a command-line
// flag of its own when imported.
package tsdict

import (
	"strings"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
)

// Pairs are TSCharacters' characters, each with the first of its
// simplified forms, where both are one character and differ.
func Pairs() (map[rune]rune, error) {
	cc, err := opencc.New("t2s")
	if err != nil {
		return nil, err
	}
	m := map[rune]rune{}
	for _, g := range cc.DictChains {
		for i, file := range g.Files {
			if !strings.HasPrefix(file, "TSCharacters.") {
				continue
			}
			d := g.Dicts[i]
			for _, id := range d.Trie.PrefixPredict(nil, 0) { // every key
				k, err := d.Trie.Key(id)
				if err != nil {
					continue
				}
				v, err := d.Trie.Value(id)
				if err != nil || v < 0 || v >= len(d.Values) || len(d.Values[v]) == 0 {
					continue
				}
				from, n := utf8.DecodeRune(k)
				to, n2 := utf8.DecodeRuneInString(d.Values[v][0])
				if n != len(k) || n2 != len(d.Values[v][0]) || from == utf8.RuneError || to == utf8.RuneError {
					continue // one character for one only
				}
				if from != to {
					m[from] = to
				}
			}
		}
	}
	return m, nil
}

// Convert is OpenCC's t2s conversion of text, phrases and all.
func Convert(text string) (string, error) {
	cc, err := opencc.New("t2s")
	if err != nil {
		return "", err
	}
	return cc.Convert(text)
}
