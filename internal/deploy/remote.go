package deploy

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Store is a bucket under a target's prefix: every key here is relative
// to the prefix, which the Store adds.
type Store interface {
	// Get reads the object rel; an error matching ErrNotFound when there
	// is none.
	Get(ctx context.Context, rel string) ([]byte, error)
	// Put uploads size bytes from body as rel, with o's headers.
	Put(ctx context.Context, rel string, body io.Reader, size int64, o Object) error
	// Delete removes the objects rels, one request for many where the
	// store can.
	Delete(ctx context.Context, rels []string) error
	// List calls fn for each object under the prefix, with its size and
	// its ETag as the store gives it ("" when none).
	List(ctx context.Context, fn func(rel string, size int64, etag string) error) error
}

// ErrNotFound is a Store's error for a key it does not hold.
var ErrNotFound = errors.New("no such object")

// Remote is what the bucket holds, as far as deploy knows it.
type Remote struct {
	// Files are the remote manifest's: what the last finished deploy
	// left. Nil when the bucket has none (never deployed to, or not by
	// bulletin): then Listed holds what the bucket listed.
	Files map[string]Object
	// Pending are the files a deploy cut short was uploading or
	// deleting: bulletin's, in a state nobody knows.
	Pending map[string]bool
	// Listed are the objects of the bucket under the prefix, when there
	// is no remote manifest.
	Listed map[string]Listed
}

// Listed is an object as a bucket's listing gives it.
type Listed struct {
	Size int64
	ETag string
}

// remoteManifest is the remote manifest's JSON.
type remoteManifest struct {
	Generator string            `json:"generator"`
	Files     map[string]Object `json:"files"`
}

const generator = "bulletin deploy"

// journal is the journal's JSON: output-relative paths.
type journal struct {
	Uploads []string `json:"uploads"`
	Deletes []string `json:"deletes"`
}

// ReadRemote reads the remote manifest and the journal of a deploy cut
// short; without a remote manifest, it lists the bucket.
func ReadRemote(ctx context.Context, s Store) (*Remote, error) {
	r := &Remote{Pending: map[string]bool{}}
	var m remoteManifest
	found, err := getJSON(ctx, s, ManifestKey, &m)
	if err != nil {
		return nil, err
	}
	if found && (m.Generator != generator || m.Files == nil) {
		return nil, fmt.Errorf("%s in the bucket is another generator's: remove it, and the next deploy lists the bucket", ManifestKey)
	}
	r.Files = m.Files
	var j journal
	if _, err := getJSON(ctx, s, JournalKey, &j); err != nil {
		return nil, err
	}
	for _, rel := range append(j.Uploads, j.Deletes...) {
		if checkRel(rel) == nil {
			r.Pending[rel] = true
		}
	}
	if r.Files != nil {
		return r, nil
	}
	r.Listed = map[string]Listed{}
	err = s.List(ctx, func(rel string, size int64, etag string) error {
		if rel != ManifestKey && rel != JournalKey && checkRel(rel) == nil {
			r.Listed[rel] = Listed{Size: size, ETag: strings.Trim(etag, `"`)}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("listing the bucket: %w", err)
	}
	return r, nil
}

// getJSON reads the object rel into v; found is false when the bucket
// has none.
func getJSON(ctx context.Context, s Store, rel string, v any) (found bool, err error) {
	b, err := s.Get(ctx, rel)
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("reading %s: %w", rel, err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return true, fmt.Errorf("%s in the bucket is not bulletin deploy's (%v): remove it", rel, err)
	}
	return true, nil
}
