package traces

import (
	"fmt"
	"strings"
	"testing"

	"github.com/airansim/airansim/sim"
)

const ptGenHeader = "id,class,service,cell,arrival_s,deadline_s,prompt_tokens,output_tokens," +
	"gpu_work_tflop,cpu_work_core_s,kv_gb,du_gpu_tflop,du_cpu_core_s,cu_gpu_tflop,cu_cpu_core_s\n"

// ptResolver resolves services llm (0) and vision (1), cells c0 and c1, with simple costs.
func ptResolver() Resolver {
	idx := func(names ...string) func(string) (int, bool) {
		return func(s string) (int, bool) {
			for i, n := range names {
				if n == s {
					return i, true
				}
			}
			return 0, false
		}
	}
	return Resolver{
		Service: idx("llm", "vision"),
		Cell:    idx("c0", "c1"),
		Cost: func(svc, p, o int) (sim.Work, float64) {
			return sim.Work{GPU: float64(p+o) / 1000, CPU: float64(svc+1) / 1e4}, float64(p+o) / 2000
		},
		RANWork: func(c sim.Class) (du, cu sim.Work) {
			if c == sim.URLLC {
				return sim.Work{GPU: 0.01}, sim.Work{CPU: 5e-5}
			}
			return sim.Work{GPU: 0.04}, sim.Work{CPU: 2e-4}
		},
	}
}

// ptDrainReq reads all requests of src.
func ptDrainReq(src sim.Source) ([]sim.Request, error) {
	var out []sim.Request
	for {
		q, ok, err := src.Next()
		if err != nil || !ok {
			return out, err
		}
		out = append(out, q)
	}
}

// ptReadGeneric reads a whole generic CSV text with res.
func ptReadGeneric(text string, res Resolver) ([]sim.Request, error) {
	s, err := NewGenericCSV(strings.NewReader(text), "g.csv", res)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	return ptDrainReq(s)
}

const ptGenRows = "10,ai,llm,c0,0.5,2,100,20,,,,,,,\n" +
	"11,ai,vision,c1,0.5,0.1,3,4,0.3,0.01,0.2,,,,\n" +
	"12,urllc,,c0,0.6,0.001,,,,,,,,,\n" +
	"13,embb,,c1,0.7,0.004,,,,,,0.05,,,0.0002\n"

var ptGenWant = []sim.Request{
	{ID: 10, Class: sim.AI, Cell: 0, Service: 0, Arrival: 0.5, Deadline: 2, AIWork: sim.Work{GPU: 0.12, CPU: 1e-4}, KVGB: 0.06, Prompt: 100, Output: 20},
	{ID: 11, Class: sim.AI, Cell: 1, Service: 1, Arrival: 0.5, Deadline: 0.1, AIWork: sim.Work{GPU: 0.3, CPU: 0.01}, KVGB: 0.2, Prompt: 3, Output: 4},
	{ID: 12, Class: sim.URLLC, Cell: 0, Service: -1, Arrival: 0.6, Deadline: 0.001, DU: sim.Work{GPU: 0.01}, CU: sim.Work{CPU: 5e-5}},
	{ID: 13, Class: sim.EMBB, Cell: 1, Service: -1, Arrival: 0.7, Deadline: 0.004, DU: sim.Work{GPU: 0.05}, CU: sim.Work{CPU: 2e-4}},
}

func TestGenericCSV(t *testing.T) {
	got, err := ptReadGeneric(ptGenHeader+ptGenRows, ptResolver())
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != fmt.Sprint(ptGenWant) {
		t.Errorf("got\n%v\nwant\n%v", got, ptGenWant)
	}
}

func TestGenericZeroResolver(t *testing.T) {
	text := "cell,class,arrival_s,deadline_s,service,gpu_work_tflop,du_gpu_tflop,du_cpu_core_s,cu_gpu_tflop,cu_cpu_core_s\n" +
		"3,ai,1,2,1,0.5,,,,\n" +
		"0,urllc,1,0.001,,,0.01,0,0,0.00005\n"
	got, err := ptReadGeneric(text, Resolver{})
	if err != nil {
		t.Fatal(err)
	}
	want := []sim.Request{
		{ID: 0, Class: sim.AI, Cell: 3, Service: 1, Arrival: 1, Deadline: 2, AIWork: sim.Work{GPU: 0.5}},
		{ID: 1, Class: sim.URLLC, Cell: 0, Service: -1, Arrival: 1, Deadline: 0.001, DU: sim.Work{GPU: 0.01}, CU: sim.Work{CPU: 5e-5}},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got\n%v\nwant\n%v", got, want)
	}
}

func TestGenericErrors(t *testing.T) {
	const h = ptGenHeader
	const ok = "1,ai,llm,c0,0.5,2,100,20,,,,,,,\n"
	const short = "class,cell,arrival_s,deadline_s\n"
	cases := []struct {
		name, text string
		zero       bool // use the zero Resolver
		line       int
		col        string
		rule       error
	}{
		{"empty file", "", false, 0, "", ErrEmpty},
		{"header only", h, false, 0, "", ErrNoRows},
		{"missing class", "cell,arrival_s,deadline_s\nc0,1,1\n", false, 1, "class", ErrMissingColumn},
		{"unknown column", "class,cell,arrival_s,deadline,deadline_s\nurllc,c0,1,1,1\n", false, 1, "deadline", ErrUnknownColumn},
		{"duplicate column", "class,cell,cell,arrival_s,deadline_s\n", false, 1, "cell", ErrDuplicateColumn},
		{"field count", h + ok + "2,ai,llm\n", false, 3, "cell", ErrFieldCount},
		{"unknown class", h + ok + "2,mmtc,,c0,1,1,,,,,,,,,\n", false, 3, "class", ErrUnknownClass},
		{"unknown service", h + "1,ai,gpt,c0,0.5,2,100,20,,,,,,,\n", false, 2, "service", ErrUnknownService},
		{"AI without service", h + "1,ai,,c0,0.5,2,100,20,,,,,,,\n", false, 2, "service", ErrEmptyValue},
		{"unknown cell", h + ok + "2,urllc,,c9,1,1,,,,,,,,,\n", false, 3, "cell", ErrUnknownCell},
		{"unknown cell index", short + "urllc,x,1,1\n", true, 2, "cell", ErrUnknownCell},
		{"negative cell index", short + "urllc,-1,1,1\n", true, 2, "cell", ErrUnknownCell},
		{"empty cell", h + "1,urllc,,,1,1,,,,,,,,,\n", false, 2, "cell", ErrEmptyValue},
		{"arrival not a number", h + "1,urllc,,c0,soon,1,,,,,,,,,\n", false, 2, "arrival_s", ErrNotNumber},
		{"arrival negative", h + "1,urllc,,c0,-1,1,,,,,,,,,\n", false, 2, "arrival_s", ErrNegative},
		{"arrival NaN", h + "1,urllc,,c0,NaN,1,,,,,,,,,\n", false, 2, "arrival_s", ErrNotFinite},
		{"arrival decreasing", h + ok + "2,urllc,,c0,0.4,1,,,,,,,,,\n", false, 3, "arrival_s", ErrUnsorted},
		{"deadline zero", h + "1,urllc,,c0,1,0,,,,,,,,,\n", false, 2, "deadline_s", ErrNotPositive},
		{"deadline Inf", h + "1,urllc,,c0,1,Inf,,,,,,,,,\n", false, 2, "deadline_s", ErrNotFinite},
		{"deadline empty", h + "1,urllc,,c0,1,,,,,,,,,,\n", false, 2, "deadline_s", ErrEmptyValue},
		{"id decreasing", h + ok + "1,urllc,,c0,1,1,,,,,,,,,\n", false, 3, "id", ErrUnsorted},
		{"id empty", h + ",urllc,,c0,1,1,,,,,,,,,\n", false, 2, "id", ErrEmptyValue},
		{"id fractional", h + "1.5,urllc,,c0,1,1,,,,,,,,,\n", false, 2, "id", ErrNotInteger},
		{"AI neither tokens nor work", h + ok + "2,ai,llm,c0,1,2,,,,,,,,,\n", false, 3, "", ErrNoWork},
		{"AI prompt only", h + "2,ai,llm,c0,1,2,5,,,,,,,,\n", false, 2, "output_tokens", ErrEmptyValue},
		{"AI output only", h + "2,ai,llm,c0,1,2,,5,,,,,,,\n", false, 2, "prompt_tokens", ErrEmptyValue},
		{"AI negative tokens", h + "2,ai,llm,c0,1,2,5,-5,,,,,,,\n", false, 2, "output_tokens", ErrNegative},
		{"AI tokens not numeric", h + "2,ai,llm,c0,1,2,five,5,,,,,,,\n", false, 2, "prompt_tokens", ErrNotNumber},
		{"AI negative work", h + "2,ai,llm,c0,1,2,,,-0.1,,,,,,\n", false, 2, "gpu_work_tflop", ErrNegative},
		{"AI Inf kv", h + "2,ai,llm,c0,1,2,,,0.1,0,+Inf,,,,\n", false, 2, "kv_gb", ErrNotFinite},
		{"AI work not numeric", h + "2,ai,llm,c0,1,2,,,,lots,,,,,\n", false, 2, "cpu_work_core_s", ErrNotNumber},
		{"AI with DU work", h + "2,ai,llm,c0,1,2,5,5,,,,0.1,,,\n", false, 2, "du_gpu_tflop", ErrWrongClass},
		{"AI tokens without cost model", "class,service,cell,arrival_s,deadline_s,prompt_tokens,output_tokens\nai,0,0,1,1,5,5\n",
			true, 2, "prompt_tokens", ErrNoDefault},
		{"RAN with service", h + "2,urllc,llm,c0,1,1,,,,,,,,,\n", false, 2, "service", ErrRANService},
		{"RAN with tokens", h + "2,embb,,c0,1,1,5,5,,,,,,,\n", false, 2, "prompt_tokens", ErrWrongClass},
		{"RAN with kv", h + "2,embb,,c0,1,1,,,,,0.1,,,,\n", false, 2, "kv_gb", ErrWrongClass},
		{"RAN negative work", h + "2,embb,,c0,1,1,,,,,,,,,-1\n", false, 2, "cu_cpu_core_s", ErrNegative},
		{"RAN without default", short + "embb,0,1,1\n", true, 2, "du_gpu_tflop", ErrNoDefault},
		{"bad quote", h + "2,\"embb,,c0,1,1,,,,,,,,,\n", false, 2, "", ErrSyntax},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := ptResolver()
			if c.zero {
				res = Resolver{}
			}
			rows, err := ptReadGeneric(c.text, res)
			if err == nil {
				t.Fatalf("no error; rows %v", rows)
			}
			ptWantErr(t, err, "g.csv", c.line, c.col, c.rule)
		})
	}
}
