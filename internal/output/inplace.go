package output

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/bulletin-ssg/bulletin/internal/filesum"
	"github.com/bulletin-ssg/bulletin/internal/scratch"
)

// An update in place is how a build that changes a few files of a large
// output is written: staging would link every file it keeps into a new
// folder tree and remove the old tree (slow on a large site), to change
// a few files.
//
// The files that change are held in memory until Commit, so a build that
// fails leaves the output as it was. Commit marks the output as being
// updated, writes each file beside its place under a temporary name (a
// full disk fails here, and the temporary files and the mark go), renames
// them into place, removes what the build dropped, writes the manifest
// and clears the mark. A crash between the mark and the manifest leaves
// the mark: the next build trusts nothing of the manifest but whose the
// files are, and writes everything (staged), leaving out the temporary
// files the crash left.
//
// Every path goes through an os.Root of the output folder: nothing is
// written, renamed or removed outside it, whatever links it holds.
//
// A build that writes more than maxPending bytes turns into a staged one
// (spill): it was not a small update, and the bytes held would cost more
// memory than staging costs time.

// updatingFile marks an output whose update in place did not finish.
const updatingFile = ".bulletin-updating"

// A file is written beside its place under a scratch name of these (see
// package scratch) and renamed over it. Every name that begins and ends
// so is bulletin's: a build never carries one over from the previous
// output (isTemp), whoever left it.
const (
	tempPrefix = ".bulletin-"
	tempSuffix = ".tmp"
)

// isTemp reports whether an output file's name is one bulletin writes
// before a rename; earlier bulletins named them ".bulletin-" and random
// digits.
func isTemp(name string) bool {
	return strings.HasPrefix(name, tempPrefix) && strings.HasSuffix(name, tempSuffix)
}

var maxPending = 64 << 20 // a variable for tests

// present reports whether the output still holds a regular file at rel
// (the manifest says it does; a user may have removed it since).
func (s *Staging) present(rel string) bool {
	<-s.survey.done
	return !s.survey.missing[rel]
}

// A survey looks, once, at each file the previous manifest lists: the one
// look per kept file (regularFiles) that lets a build restore a file
// removed from the output by hand. Begin starts it in the background, so
// that it runs while the build reads the site rather than file by file
// when pages are kept.
type survey struct {
	done    chan struct{}
	missing map[string]bool // by rel: listed, but not a regular file now
}

func startSurvey(dest string, old *Manifest) *survey {
	sv := &survey{done: make(chan struct{}), missing: map[string]bool{}}
	go func() {
		defer close(sv.done)
		rels := make([]string, 0, len(old.Files))
		natives := make([]string, 0, len(old.Files))
		for rel := range old.Files {
			native, err := localPath(rel)
			if err != nil {
				sv.missing[rel] = true // never kept: Keep refuses such a path before asking
				continue
			}
			rels, natives = append(rels, rel), append(natives, native)
		}
		for i, regular := range regularFiles(dest, natives) {
			if !regular {
				sv.missing[rels[i]] = true
			}
		}
	}()
	return sv
}

// writeInPlace takes a file for an update in place: nothing to do when
// the output has these bytes already, else held for Commit. done is false
// when the build is staged instead.
func (s *Staging) writeInPlace(rel string, data []byte, e Entry) (done bool, err error) {
	if !s.inPlace.Load() {
		return false, nil // staged: no lock taken (a cold build writes every file)
	}
	same := s.unchanged(rel, e, data) && s.present(rel)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pending == nil {
		return false, nil
	}
	s.files[rel] = e
	if old, ok := s.pending[rel]; ok {
		s.pendingBytes -= len(old)
		delete(s.pending, rel)
	}
	if same {
		return true, nil
	}
	s.pending[rel] = bytes.Clone(data) // data is the caller's again on return
	s.pendingBytes += len(data)
	if s.pendingBytes > maxPending {
		return true, s.spill()
	}
	return true, nil
}

// keepInPlace keeps a file of the previous output in an update in place.
// done is false when the build is staged instead.
func (s *Staging) keepInPlace(rel string, e Entry) (done, kept bool) {
	if !s.inPlace.Load() {
		return false, false
	}
	there := s.present(rel)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pending == nil {
		return false, false
	}
	if !there {
		return true, false
	}
	s.files[rel] = e
	return true, true
}

// spill turns an update in place into a staged build: the staging folder
// gets every file taken so far, the held ones written, the kept ones
// linked from the output. s.mu is held.
func (s *Staging) spill() error {
	if err := s.stage(filepath.Base(s.dest)); err != nil {
		return err
	}
	pending := s.pending
	s.pending, s.pendingBytes = nil, 0
	s.inPlace.Store(false)
	for _, rel := range slices.Sorted(maps.Keys(s.files)) {
		native, err := localPath(rel)
		if err != nil {
			return err
		}
		if err := s.mkdirHeld(filepath.Dir(native)); err != nil {
			return err
		}
		staged := filepath.Join(s.dir, native)
		if data, ok := pending[rel]; ok {
			err = writeNew(staged, data)
		} else {
			err = os.Link(filepath.Join(s.dest, native), staged)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// mkdirHeld is mkdir with s.mu held.
func (s *Staging) mkdirHeld(native string) error {
	if native == "." || native == "" {
		return nil
	}
	if _, done := s.dirs.Load(native); done {
		return nil
	}
	if err := s.mkdirHeld(filepath.Dir(native)); err != nil {
		return err
	}
	if err := os.Mkdir(filepath.Join(s.dir, native), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	s.dirs.Store(native, struct{}{})
	return nil
}

// commitInPlace applies an update in place (see the top of this file).
func (s *Staging) commitInPlace() error {
	h, err := hold(s.dest, false)
	if err != nil {
		return err
	}
	defer h.Close()
	root := h.root
	// Another bulletin committed since this build began, or left an
	// update unfinished (Begin found no mark): what the output holds is
	// not what this build's manifest says (see hold.go).
	now, changed := changedSince(root, s.old, s.oldSum)
	changed = changed || marked(root)
	if now == nil {
		now = &Manifest{}
	}

	// What the build no longer produces: dropped (--clean-dest) or kept.
	var drop []string
	for rel, e := range s.old.Files {
		if _, ok := s.files[rel]; ok {
			continue
		}
		if s.dropped(rel) {
			drop = append(drop, rel)
		} else {
			s.files[rel] = e
			s.stale = append(s.stale, rel)
		}
	}
	slices.Sort(s.stale)
	if changed {
		for rel, e := range now.Files {
			if _, ok := s.files[rel]; !ok {
				s.files[rel] = e // the other's: still bulletin's
			}
		}
	}

	// The mark comes first: a kill from here on leaves it, and the next
	// build writes the whole output again, without the temporary files
	// this one had written.
	if err := markUpdating(root); err != nil {
		return err
	}
	temps, err := s.writeTemps(root, now)
	if err != nil {
		for _, tmp := range temps {
			_ = root.Remove(tmp)
		}
		if !changed {
			_ = clearMark(root) // the output is as it was
		}
		return err
	}
	for _, rel := range slices.Sorted(maps.Keys(temps)) {
		native, _ := localPath(rel)
		if err := scratch.RetryInUse(func() error { return root.Rename(temps[rel], native) }); err != nil {
			return err
		}
	}
	for _, rel := range drop {
		native, err := localPath(rel)
		if err != nil {
			continue // never remove a path that is not ours to remove
		}
		if err := scratch.RetryInUse(func() error { return root.Remove(native) }); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		for dir := filepath.Dir(native); dir != "." && root.Remove(dir) == nil; dir = filepath.Dir(dir) {
		}
	}
	var onDisk filesum.Sum
	if !changed {
		onDisk = s.oldSum // the manifest this build read, checked above
	}
	if _, err := writeManifest(root, s.files, s.old, onDisk); err != nil {
		return err
	}
	if changed {
		return nil // the mark stays: the output is partly another build's
	}
	return clearMark(root)
}

// writeTemps writes every held file beside its place under a temporary
// name, after checking that no file bulletin did not write (by the
// manifest the build began with, or the one the output holds now) is in
// the way. It returns the temporary names by output path, also on error
// (to be removed).
func (s *Staging) writeTemps(root *os.Root, now *Manifest) (map[string]string, error) {
	temps := map[string]string{}
	for _, rel := range slices.Sorted(maps.Keys(s.pending)) {
		native, err := localPath(rel)
		if err != nil {
			return temps, err
		}
		_, ours := s.old.Files[rel]
		if _, theirs := now.Files[rel]; !ours && !theirs {
			if _, err := root.Lstat(native); err == nil {
				return temps, fmt.Errorf("%s: a file bulletin did not write is where this build writes; move it away", filepath.Join(filepath.Base(s.dest), native))
			}
		}
		dir := filepath.Dir(native)
		if err := root.MkdirAll(dir, 0o755); err != nil {
			return temps, err
		}
		tmp := filepath.Join(dir, scratch.Name(tempPrefix, tempSuffix))
		temps[rel] = tmp
		if err := root.WriteFile(tmp, s.pending[rel], 0o644); err != nil {
			return temps, err
		}
	}
	return temps, nil
}
