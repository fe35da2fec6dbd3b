package scoring

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"
)

func TestConfigValidate(t *testing.T) {
	mod := func(f func(*Config)) Config { c := testConfig("s"); f(&c); return c }
	for _, tc := range []struct {
		name, want string // want: substring of the error, "" for valid
		c          Config
	}{
		{"valid", "", testConfig("s")},
		{"none source needs no window", "", mod(func(c *Config) { c.Source = SourceConfig{Type: "none"} })},
		{"lower-case prometheus", "", mod(func(c *Config) { c.Source.Type = "prometheus" })},
		{"no name", `scorer "": key "name": must not be empty`, mod(func(c *Config) { c.Name = " " })},
		{"no score name", `scorer "s": key "scoring.params.name"`, mod(func(c *Config) { c.Scoring.Params.Name = "" })},
		{"zero interval", `key "scoring.params.interval": must be a finite number > 0, got 0`, mod(func(c *Config) { c.Scoring.Params.Interval = 0 })},
		{"NaN interval", `key "scoring.params.interval"`, mod(func(c *Config) { c.Scoring.Params.Interval = math.NaN() })},
		{"relative path", `key "scoring.path": must start with "/"`, mod(func(c *Config) { c.Scoring.Path = "scoring" })},
		{"unknown source", `key "source.type": must be "Prometheus" or "None", got "influx"`, mod(func(c *Config) { c.Source.Type = "influx" })},
		{"no query", `key "source.params.query"`, mod(func(c *Config) { c.Source.Params.Query = " ; " })},
		{"negative range", `key "source.params.range"`, mod(func(c *Config) { c.Source.Params.Range = -1 })},
		{"zero step", `key "source.params.step"`, mod(func(c *Config) { c.Source.Params.Step = 0 })},
		{"step over range", `key "source.params.step": must be ≤ range (30 s), got 60`, mod(func(c *Config) { c.Source.Params.Step = 60 })},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.c.Validate()
			if tc.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) || !errors.Is(err, ErrInvalidConfig) {
				t.Fatalf("got %v, want an ErrInvalidConfig containing %q", err, tc.want)
			}
		})
	}
}

func TestQueriesSplitLikeTheAgent(t *testing.T) {
	got := SourceParams{Query: " power_w ;; gpu_utilisation;"}.Queries()
	if strings.Join(got, "|") != "power_w|gpu_utilisation" {
		t.Fatalf("got %q", got)
	}
}

func TestResolve(t *testing.T) {
	c := testConfig("s")
	for _, tc := range []struct {
		name string
		o    Override
		want string // error substring, "" for valid
		chk  func(Spec) bool
	}{
		{"declared", Override{}, "", func(s Spec) bool {
			return s.Interval == 10 && s.Range == 30 && s.Step == 10 && s.Validity == 20 && s.DimensionFormat == DefaultDimensionFormat && s.ScoreName == "s_score"
		}},
		{"overridden", Override{Name: "s", Interval: 5, Range: 60, Step: 2, Validity: 7, DimensionFormat: "${cluster}/${node}"}, "", func(s Spec) bool {
			return s.Interval == 5 && s.Range == 60 && s.Step == 2 && s.Validity == 7 && s.DimensionFormat == "${cluster}/${node}"
		}},
		{"interval sets default validity", Override{Interval: 4}, "", func(s Spec) bool { return s.Validity == 8 }},
		{"other scorer", Override{Name: "t"}, `scorer "s": key "name": override is for scorer "t"`, nil},
		{"negative step", Override{Step: -1}, `scorer "s": key "step": must be a finite number > 0`, nil},
		{"step over overridden range", Override{Range: 5}, `key "source.params.step": must be ≤ range (5 s), got 10`, nil},
		{"unknown placeholder", Override{DimensionFormat: "${host}"}, `key "dimensionFormat": unknown placeholder "${host}"`, nil},
		{"unclosed placeholder", Override{DimensionFormat: "a-${node"}, `key "dimensionFormat": unclosed`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Resolve(c, tc.o)
			if tc.want != "" {
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Fatalf("got %v, want %q", err, tc.want)
				}
				return
			}
			if err != nil || !tc.chk(s) {
				t.Fatalf("got %+v, %v", s, err)
			}
		})
	}
}

func TestRenderDimension(t *testing.T) {
	labels := map[string]string{"node": "n1", "meta": "mig-2g", "cluster": "ignored"}
	for _, tc := range []struct{ f, want string }{
		{"${node}", "n1"},
		{"${scoreName}", "sc"},
		{"${cluster}-${node}-${meta}", "c1-n1-mig-2g"},
		{"fixed", "fixed"},
		{"${pod}", ""},
	} {
		f, err := parseFormat(tc.f)
		if err != nil {
			t.Fatal(err)
		}
		if got := f.render("c1", "sc", labels); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.f, got, tc.want)
		}
	}
}

func TestParseSection(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"empty", `{}`, ""},
		{"full", `{"scorers":[{"name":"utilisation","interval":10,"range":60,"step":5,"validity":15,"dimensionFormat":"${node}"}],
			"masks":[{"clusterName":"edge-2","scoreName":"spare_capacity"}],
			"rules":[{"scoreName":"power_forecast","clusterSelector":{"gpu":"true"}}]}`, ""},
		{"unknown key", `{"scorers":[{"name":"u","intervall":3}]}`, `unknown field "intervall"`},
		{"trailing", `{} {}`, "trailing data"},
		{"not JSON", `[`, "scoring: section"},
		{"no name", `{"scorers":[{"interval":3}]}`, `scorers[0]: key "name": must not be empty`},
		{"twice", `{"scorers":[{"name":"u"},{"name":"u"}]}`, `scorer "u": key "name": overridden twice`},
		{"negative", `{"scorers":[{"name":"u","range":-5}]}`, `scorer "u": key "range": must be a finite number ≥ 0`},
		{"step over range", `{"scorers":[{"name":"u","range":5,"step":10}]}`, `scorer "u": key "step": must be ≤ range (5 s), got 10`},
		{"bad format", `{"scorers":[{"name":"u","dimensionFormat":"${gpu}"}]}`, `scorer "u": key "dimensionFormat": unknown placeholder`},
		{"mask without cluster", `{"masks":[{"scoreName":"x"}]}`, `masks[0]: key "clusterName": must not be empty`},
		{"mask without score", `{"masks":[{"clusterName":"x"}]}`, `masks[0]: key "scoreName"`},
		{"rule without selector", `{"rules":[{"scoreName":"x"}]}`, `rules[0]: key "clusterSelector": must hold at least one label`},
		{"rule without score", `{"rules":[{"clusterSelector":{"a":"b"}}]}`, `rules[0]: key "scoreName"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseSection([]byte(tc.in))
			if tc.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
		})
	}
}

func TestSectionSpecs(t *testing.T) {
	sec, err := ParseSection([]byte(`{"scorers":[{"name":"utilisation","interval":2,"dimensionFormat":"${node}"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	specs, err := sec.Specs([]Scorer{NewUtilisation(UtilisationOptions{}), NewSpareCapacity(SpareCapacityOptions{})})
	if err != nil {
		t.Fatal(err)
	}
	if specs[0].Interval != 2 || specs[0].DimensionFormat != "${node}" || specs[1].Interval != 5 || specs[0].Scorer == nil {
		t.Fatalf("specs %+v", specs)
	}
	sec.Scorers = append(sec.Scorers, Override{Name: "typo"})
	if _, err := sec.Specs([]Scorer{NewUtilisation(UtilisationOptions{})}); err == nil || !strings.Contains(err.Error(), `scorer "typo": key "name": no such scorer`) {
		t.Fatalf("got %v", err)
	}
}

func FuzzParseSection(f *testing.F) {
	f.Add([]byte(`{"scorers":[{"name":"u","interval":1,"dimensionFormat":"${node}"}],"masks":[{"clusterName":"a","scoreName":"b"}]}`))
	f.Add([]byte(`{"rules":[{"scoreName":"x","clusterSelector":{"gpu":"true"}}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := ParseSection(b)
		if err == nil {
			if err := s.Validate(); err != nil {
				t.Fatalf("parsed but invalid: %v", err)
			}
		}
	})
}

// TestAddonShapedConfigs decodes /config answers shaped like the addon's examples (integer times, a
// PromQL query, a "None" source without params) and checks they validate.
func TestAddonShapedConfigs(t *testing.T) {
	for _, in := range []string{
		`{"name":"cpu-scorer","description":"d","source":{"type":"Prometheus","host":"http://prom:9090","path":"/api/v1/query_range",
		  "params":{"query":"sum by (node) (rate(cpu_seconds_total[1m]))","range":3600,"step":60}},
		  "scoring":{"path":"/scoring","params":{"name":"cpu_score","interval":30}}}`,
		`{"name":"static","description":"d","source":{"type":"None"},"scoring":{"path":"/performance/scoring","params":{"name":"perf","interval":30}}}`,
	} {
		var c Config
		if err := json.Unmarshal([]byte(in), &c); err != nil {
			t.Fatal(err)
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
	}
}
