package dynscore_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/airansim/airansim/mig"
	"github.com/airansim/airansim/placement"
	"github.com/airansim/airansim/policy/dynscore"
	"github.com/airansim/airansim/scoring"
)

// TestHTTPScorerDown: the spare-capacity scorer is an HTTP service that answers its first three
// calls and then 503; the run goes on, the failures are counted, the scores expire (placement warns
// and scores them 0) and the method keeps deciding on its built-ins.
func TestHTTPScorerDown(t *testing.T) {
	var calls atomic.Int32
	h := scoring.NewHandler(dynscore.DefaultScorers(0, 5)[0])
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && calls.Add(1) > 3 {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		h.ServeHTTP(w, r)
	}))
	defer srv.Close()
	cl, err := scoring.Dial(context.Background(), srv.URL+"/config", scoring.ClientOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cfg := three()
	cfg.Horizon = 40
	l, recs, st, _ := run(t, cfg, aiLoad(300, 0.12, 6), dynscore.Options{Scorers: []scoring.Scorer{cl}}, nil)
	stats := l.Hub().Stats()[0]
	if stats.Calls != 7 || stats.Failed != 4 || stats.Errors[scoring.KindStatus] != 4 {
		t.Errorf("stats %+v", stats)
	}
	warned := 0
	for _, e := range l.Epochs() {
		warned += e.Warnings
	}
	if warned == 0 || len(recs) != 300 || st.Rejected != 0 {
		t.Errorf("%d warnings, %d records, %d rejected", warned, len(recs), st.Rejected)
	}
}

// TestBadInputs: invalid options are refused with an error, never a panic; deployments of a service
// the run lacks or of a non-AI service never start; repeated node names still place.
func TestBadInputs(t *testing.T) {
	for _, o := range []dynscore.Options{
		{Interval: -1}, {StableS: -1}, {PowerCapW: -1}, {Headroom: 0.5}, {Mode: "eco"}, {Mode: dynscore.ModePowerCap}, {CapPolicy: "most"},
		{Deployments: []dynscore.Deployment{{Service: 2, Replicas: 1}}},       // no GPU
		{Deployments: []dynscore.Deployment{{Service: 2, Replicas: 0}}},       // no replica
		{Scoring: scoring.Section{Masks: []scoring.Mask{{ClusterName: "x"}}}}, // mask without score
		{Placement: &placementBadWeight},
	} {
		if _, err := dynscore.New(o); err == nil {
			t.Errorf("%+v accepted", o)
		}
	}
	cfg, models, g := migSetup(t, 1)
	cfg.Nodes[0].Name = "gpu0/1" // the host now shares a name with an (empty) partition
	o := dynscore.Options{GPUs: []*mig.GPU{g}, Power: models, Deployments: []dynscore.Deployment{{Service: 0, Replicas: 1}, {Service: 9, Replicas: 1}}}
	l, _, st, _ := run(t, cfg, llmLoad(0.5, 1), o, nil)
	for _, e := range l.Epochs() {
		if e.Started != 0 {
			t.Errorf("t=%g: a deployment started", e.Time)
		}
	}
	if st.Added != 0 || st.Rejected != 0 {
		t.Errorf("%d added, rejections %s", st.Added, st.RejectionSummary())
	}
}

var placementBadWeight = func() placement.Spec {
	s := dynscore.DefaultSpec()
	s.Prioritizers.Configurations[0].Weight = 11
	return s
}()
