package traces_test

import (
	"fmt"
	"log"
	"slices"
	"strings"

	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/traces"
)

// exampleResolver names two services and two cells and gives simple costs.
func exampleResolver() traces.Resolver {
	index := func(names ...string) func(string) (int, bool) {
		return func(s string) (int, bool) { i := slices.Index(names, s); return i, i >= 0 }
	}
	return traces.Resolver{
		Service: index("llama", "resnet"),
		Cell:    index("cell-a", "cell-b"),
		Cost: func(service, prompt, output int) (sim.Work, float64) {
			return sim.Work{GPU: 0.014 * float64(prompt+output), CPU: 0.002}, 0.0005 * float64(prompt+output)
		},
		RANWork: func(c sim.Class) (du, cu sim.Work) {
			return sim.Work{GPU: 0.02}, sim.Work{CPU: 0.0001}
		},
	}
}

func ExampleOpenGeneric() {
	src, err := traces.OpenGeneric("testdata/generic_example.csv", exampleResolver())
	if err != nil {
		log.Fatal(err)
	}
	defer src.Close()
	for {
		q, ok, err := src.Next()
		if err != nil {
			log.Fatal(err)
		}
		if !ok {
			break
		}
		fmt.Printf("%d %-5s cell=%d svc=%d t=%.3f τ=%g ai=%+v kv=%.2f du=%+v cu=%+v\n",
			q.ID, q.Class, q.Cell, q.Service, q.Arrival, q.Deadline, q.AIWork, q.KVGB, q.DU, q.CU)
	}
	// Output:
	// 0 urllc cell=0 svc=-1 t=0.000 τ=0.001 ai={GPU:0 CPU:0} kv=0.00 du={GPU:0.02 CPU:0} cu={GPU:0 CPU:0.0001}
	// 1 ai    cell=0 svc=0 t=0.010 τ=2 ai={GPU:17.36 CPU:0.002} kv=0.62 du={GPU:0 CPU:0} cu={GPU:0 CPU:0}
	// 2 embb  cell=1 svc=-1 t=0.012 τ=0.004 ai={GPU:0 CPU:0} kv=0.00 du={GPU:0.08 CPU:0} cu={GPU:0 CPU:0.0003}
	// 3 ai    cell=1 svc=1 t=0.020 τ=0.1 ai={GPU:0.02 CPU:0.001} kv=0.05 du={GPU:0 CPU:0} cu={GPU:0 CPU:0}
}

func ExampleNewGenericCSV() {
	const trace = "class,cell,arrival_s,deadline_s\nurllc,cell-b,0.5,0.001\n"
	src, err := traces.NewGenericCSV(strings.NewReader(trace), "ran.csv", exampleResolver())
	if err != nil {
		log.Fatal(err)
	}
	q, ok, err := src.Next()
	fmt.Println(ok, err, q.Class, q.Cell, q.Arrival, q.DU.GPU, q.CU.CPU)

	_, err = traces.NewGenericCSV(strings.NewReader("class,cell,arrival_s,deadline_s\nai,cell-z,0.5,1\n"), "bad.csv", exampleResolver())
	fmt.Println(err)
	// Output:
	// true <nil> urllc 1 0.5 0.02 0.0001
	// traces: bad.csv:2: column "cell": unknown cell: "cell-z"
}
