package traces

import (
	"bytes"
	"fmt"
	"testing"
)

// ptGenParquet is a generic trace row; nullable columns are pointers.
type ptGenParquet struct {
	ID       int64    `parquet:"id"`
	Class    string   `parquet:"class"`
	Service  string   `parquet:"service"`
	Cell     string   `parquet:"cell"`
	Arrival  float64  `parquet:"arrival_s"`
	Deadline float32  `parquet:"deadline_s"`
	Prompt   *int32   `parquet:"prompt_tokens,optional"`
	Output   *int64   `parquet:"output_tokens,optional"`
	GPU      *float64 `parquet:"gpu_work_tflop,optional"`
	CPU      *float64 `parquet:"cpu_work_core_s,optional"`
	KV       *float64 `parquet:"kv_gb,optional"`
	DUGPU    *float64 `parquet:"du_gpu_tflop,optional"`
	CUCPU    *float64 `parquet:"cu_cpu_core_s,optional"`
}

// ptGenParquetRows returns four rows like ptGenRows, with deadlines exact in float32.
func ptGenParquetRows() []ptGenParquet {
	i32 := func(v int32) *int32 { return &v }
	i64 := func(v int64) *int64 { return &v }
	f := func(v float64) *float64 { return &v }
	return []ptGenParquet{
		{ID: 10, Class: "ai", Service: "llm", Cell: "c0", Arrival: 0.5, Deadline: 2, Prompt: i32(100), Output: i64(20)},
		{ID: 11, Class: "ai", Service: "vision", Cell: "c1", Arrival: 0.5, Deadline: 0.5, Prompt: i32(3), Output: i64(4), GPU: f(0.3), CPU: f(0.01), KV: f(0.2)},
		{ID: 12, Class: "urllc", Cell: "c0", Arrival: 0.6, Deadline: 0.25},
		{ID: 13, Class: "embb", Cell: "c1", Arrival: 0.7, Deadline: 0.125, DUGPU: f(0.05), CUCPU: f(0.0002)},
	}
}

func TestGenericParquetEquivalence(t *testing.T) {
	const csv = "id,class,service,cell,arrival_s,deadline_s,prompt_tokens,output_tokens,gpu_work_tflop," +
		"cpu_work_core_s,kv_gb,du_gpu_tflop,cu_cpu_core_s\n" +
		"10,ai,llm,c0,0.5,2,100,20,,,,,\n" +
		"11,ai,vision,c1,0.5,0.5,3,4,0.3,0.01,0.2,,\n" +
		"12,urllc,,c0,0.6,0.25,,,,,,,\n" +
		"13,embb,,c1,0.7,0.125,,,,,,0.05,0.0002\n"
	want, err := ptReadGeneric(csv, ptResolver())
	if err != nil {
		t.Fatal(err)
	}
	data := ptWriteParquet(t, ptGenParquetRows(), 3)
	s, err := NewGenericParquet(bytes.NewReader(data), int64(len(data)), "g.parquet", ptResolver())
	if err != nil {
		t.Fatal(err)
	}
	got, err := ptDrainReq(s)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("parquet\n%v\ncsv\n%v", got, want)
	}
}

func TestGenericParquetError(t *testing.T) {
	rows := ptGenParquetRows()
	rows[3].Service = "llm"
	data := ptWriteParquet(t, rows, 2)
	s, err := NewGenericParquet(bytes.NewReader(data), int64(len(data)), "g.parquet", ptResolver())
	if err != nil {
		t.Fatal(err)
	}
	_, err = ptDrainReq(s)
	ptWantErr(t, err, "g.parquet", 4, "service", ErrRANService)
}

func TestGenericFork(t *testing.T) {
	paths := []string{
		ptWriteFile(t, "g.csv", []byte(ptGenHeader+ptGenRows)),
		ptWriteFile(t, "g.parquet", ptWriteParquet(t, ptGenParquetRows(), 3)),
	}
	for _, p := range paths {
		all, err := OpenGeneric(p, ptResolver())
		if err != nil {
			t.Fatal(err)
		}
		want, _ := ptDrainReq(all)
		all.Close()
		for k := 0; k <= len(want); k++ {
			s, _ := OpenGeneric(p, ptResolver())
			for i := 0; i < k; i++ {
				s.Next()
			}
			f, err := s.Fork()
			if err != nil {
				t.Fatal(err)
			}
			a, errA := ptDrainReq(f)
			b, errB := ptDrainReq(s)
			if errA != nil || errB != nil || fmt.Sprint(a) != fmt.Sprint(want[k:]) || fmt.Sprint(b) != fmt.Sprint(want[k:]) {
				t.Errorf("%s fork at %d: %v / %v (errors %v, %v), want %v", p, k, a, b, errA, errB, want[k:])
			}
			f.(*GenericSource).Close()
			s.Close()
		}
	}
}
