package policy_test

import (
	"strings"
	"testing"

	"github.com/airansim/airansim/policy"
	"github.com/airansim/airansim/policy/dynscore"
)

// TestDynamicScoringFactory: a factory over base options takes each run's interval when base has
// none, and refuses invalid base options with the method's name.
func TestDynamicScoringFactory(t *testing.T) {
	reg := policy.Default()
	reg[policy.MethodDynamicScoring] = policy.Entry{New: policy.DynamicScoringFactory(dynscore.Options{PowerCapW: 100, Mode: dynscore.ModePowerCap}), Summary: "x"}
	m, err := reg.New(policy.MethodDynamicScoring, policy.Options{Interval: 2})
	if err != nil || m.Name != policy.MethodDynamicScoring || len(m.Controllers) != 1 || m.Controllers[0].Period != 2 || m.Allocator == nil {
		t.Fatalf("%+v %v", m, err)
	}
	if policy.DynamicScoringController(m) == nil {
		t.Error("no dynamic-scoring controller in the method")
	}
	if hs, _ := policy.Default().New(policy.MethodHAFStatic, policy.Options{}); policy.DynamicScoringController(hs) != nil {
		t.Error("a dynamic-scoring controller in haf-static")
	}
	_, err = policy.DynamicScoringFactory(dynscore.Options{Mode: dynscore.ModePowerCap})(policy.Options{})
	if err == nil || !strings.Contains(err.Error(), "policy: dynamic-scoring: dynscore: mode \"power-cap\" needs a power cap") {
		t.Errorf("error %v", err)
	}
}
