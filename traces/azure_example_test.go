package traces_test

import (
	"fmt"
	"log"
	"strings"

	"github.com/airansim/airansim/traces"
)

func ExampleNewAzureCSV() {
	const trace = `TIMESTAMP,ContextTokens,GeneratedTokens
2024-05-12 00:00:00+00:00,1452,3
2024-05-12 00:00:00.001163+00:00,584,3
2024-05-12 00:00:02.5+00:00,862,38`
	src, err := traces.NewAzureCSV(strings.NewReader(trace), "conv.csv")
	if err != nil {
		log.Fatal(err)
	}
	for {
		r, ok, err := src.Next()
		if err != nil {
			log.Fatal(err)
		}
		if !ok {
			break
		}
		fmt.Printf("line %d: t=%.6f s prompt=%d output=%d\n", r.Line, r.Time, r.Prompt, r.Output)
	}
	// Output:
	// line 2: t=0.000000 s prompt=1452 output=3
	// line 3: t=0.001163 s prompt=584 output=3
	// line 4: t=2.500000 s prompt=862 output=38
}

func ExampleOpenAzure() {
	src, err := traces.OpenAzure("testdata/azure_example.csv") // or a .parquet file
	if err != nil {
		log.Fatal(err)
	}
	defer src.Close()
	first, _, _ := src.Next()
	fork, err := src.Fork() // an independent copy at the same position
	if err != nil {
		log.Fatal(err)
	}
	a, _, _ := src.Next()
	b, _, _ := fork.Next()
	fmt.Println(first.Time, first.Prompt)
	fmt.Println(a == b, a.Time, a.Prompt, a.Output)
	// Output:
	// 0 4808
	// true 0.052 3180 8
}

func ExampleParseError() {
	_, err := traces.NewAzureCSV(strings.NewReader("TIMESTAMP,ContextTokens,GeneratedTokens\nyesterday,1,2\n"), "bad.csv")
	fmt.Println(err)
	// Output:
	// traces: bad.csv:2: column "TIMESTAMP": malformed timestamp: "yesterday"
}
