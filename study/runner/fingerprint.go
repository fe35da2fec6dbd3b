package runner

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
)

// FingerprintPrefix starts every fingerprint, naming its hash function.
const FingerprintPrefix = "sha256:"

// Fingerprint returns the fingerprint of a job's inputs: "sha256:" followed by the hexadecimal
// SHA-256 of Canonical(inputs). Equal inputs give equal fingerprints whatever the order of their
// struct fields or map keys.
func Fingerprint(inputs any) (string, error) {
	c, err := Canonical(inputs)
	if err != nil {
		return "", err
	}
	return fingerprintOf(c), nil
}

// fingerprintOf returns the fingerprint of canonical inputs c.
func fingerprintOf(c []byte) string {
	sum := sha256.Sum256(c)
	return FingerprintPrefix + hex.EncodeToString(sum[:])
}

// Canonical returns the canonical JSON of v: v encoded by encoding/json, then decoded and encoded
// again so that every object's keys are sorted and no insignificant space remains. Numbers keep
// their decimal text. It fails if v cannot be encoded (a channel, a function, NaN).
func Canonical(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("runner: inputs: %w", err)
	}
	tree, err := decodeTree(b)
	if err != nil {
		return nil, fmt.Errorf("runner: inputs: %w", err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(tree); err != nil {
		return nil, fmt.Errorf("runner: inputs: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// decodeTree decodes JSON into maps, slices and scalars, keeping numbers as json.Number.
func decodeTree(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}
