package orchestran

import (
	"os"
	"testing"
)

// needCBC skips a test when cbc is missing, unless CI is set: then the test fails loudly.
func needCBC(t testing.TB) {
	t.Helper()
	if HaveCBC() {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatal("cbc not found on PATH but CI is set: install it (apt-get install -y coinor-cbc)")
	}
	t.Skip("cbc not found on PATH (apt-get install -y coinor-cbc); skipping")
}

// defaultProblem is the paper's 135-node scenario with 20 intents.
func defaultProblem(t testing.TB, seed uint64, spec IntentSpec, opt Options) *Problem {
	t.Helper()
	tr, err := TreeSpec{}.Generate(seed)
	if err != nil {
		t.Fatal(err)
	}
	cat := DefaultCatalog()
	in, err := spec.Generate(seed, tr, cat)
	if err != nil {
		t.Fatal(err)
	}
	p, err := NewProblem(tr, cat, in, opt)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
