package dynscore_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"reflect"
	"testing"

	"github.com/airansim/airansim/policy/dynscore"
	"github.com/airansim/airansim/scoring"
	"github.com/airansim/airansim/sim"
)

// TestHTTPEqualsInProcess runs the method with its default scorers (spare capacity and the
// power forecast) in process, then with each scorer behind an HTTP server speaking the Scoring API
// (scoring.NewHandler, read back with scoring.Dial), on the same workload: the requests' records, the
// run's counters, the stored scores and the method's epochs are equal, byte for byte.
func TestHTTPEqualsInProcess(t *testing.T) {
	const capW, interval = 900, 5
	cfg := three()
	cfg.Horizon = 30
	reqs := aiLoad(400, 0.07, 10)
	sec, err := scoring.ParseSection([]byte(`{"scorers": [{"name": "spare-capacity", "range": 20, "step": 1}]}`))
	if err != nil {
		t.Fatal(err)
	}
	type outcome struct {
		recs   []sim.Record
		st     sim.Stats
		dump   string
		epochs string
	}
	do := func(scorers []scoring.Scorer) outcome {
		l, recs, st, _ := run(t, cfg, reqs, dynscore.Options{Scorers: scorers, Scoring: sec, PowerCapW: capW}, nil)
		var b bytes.Buffer
		if err := l.Hub().Store().Dump(&b); err != nil {
			t.Fatal(err)
		}
		for _, s := range l.Hub().Stats() {
			if s.Failed != 0 || s.Stored == 0 {
				t.Fatalf("scorer %s: %+v", s.Scorer, s)
			}
		}
		return outcome{recs, st, b.String(), fmt.Sprintf("%+v", l.Epochs())}
	}
	local := do(dynscore.DefaultScorers(capW, interval))

	var remote []scoring.Scorer
	for _, sc := range dynscore.DefaultScorers(capW, interval) {
		srv := httptest.NewServer(scoring.NewHandler(sc))
		defer srv.Close()
		cl, err := scoring.Dial(context.Background(), srv.URL+"/config", scoring.ClientOptions{})
		if err != nil {
			t.Fatal(err)
		}
		remote = append(remote, cl)
	}
	http := do(remote)

	if !reflect.DeepEqual(local.recs, http.recs) {
		t.Errorf("records differ")
	}
	if !reflect.DeepEqual(local.st, http.st) {
		t.Errorf("counters differ:\n%+v\n%+v", local.st, http.st)
	}
	if local.dump != http.dump {
		t.Errorf("stores differ:\n%s\n%s", local.dump, http.dump)
	}
	if local.epochs != http.epochs {
		t.Errorf("epochs differ:\n%s\n%s", local.epochs, http.epochs)
	}
	if local.st.MigrationsTotal() == 0 {
		t.Errorf("no migration: the scores decided nothing (epochs %s)", local.epochs)
	}
	t.Logf("%d records, %d migrations, %d stored scores", len(local.recs), local.st.MigrationsTotal(), bytes.Count([]byte(local.dump), []byte("\n"))-1)
}
