package output

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
)

func TestFormatFloat(t *testing.T) {
	tests := []struct {
		v    float64
		want string
	}{
		{0, "0"},
		{1, "1"},
		{-2.5, "-2.5"},
		{0.1, "0.1"},
		{1.0 / 3, "0.3333333333333333"},
		{1e-5, "1e-05"},
		{1e21, "1e+21"},
		{123456789, "1.23456789e+08"},
		{math.NaN(), "NaN"},
		{math.Inf(1), "inf"},
		{math.Inf(-1), "-inf"},
	}
	for _, tt := range tests {
		if got := FormatFloat(tt.v); got != tt.want {
			t.Errorf("FormatFloat(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func TestCSVWriter(t *testing.T) {
	var b bytes.Buffer
	w := NewCSVWriter(&b, "id", "name", "x", "ok")
	w.Int(1).Str("plain").Float(0.5).Bool(true).EndRow()
	w.Int(-2).Str(`has,comma "q"`).Float(math.NaN()).Bool(false).EndRow()
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	want := "id,name,x,ok\n1,plain,0.5,true\n-2,\"has,comma \"\"q\"\"\",NaN,false\n"
	if b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}

func TestCSVWriterFieldCount(t *testing.T) {
	var b bytes.Buffer
	w := NewCSVWriter(&b, "a", "b")
	err := w.Str("only one").EndRow()
	if err == nil || !strings.HasPrefix(err.Error(), "output: ") {
		t.Fatalf("EndRow = %v, want output: error", err)
	}
	if w.Str("x").Str("y").EndRow() != err || w.Flush() != err || w.Err() != err {
		t.Error("error is not sticky")
	}
}

func ExampleCSVWriter() {
	w := NewCSVWriter(os.Stdout, "load", "fulfillment", "ok")
	w.Float(0.75).Float(0.893).Bool(true).EndRow()
	w.Float(1).Float(1.0 / 3).Bool(false).EndRow()
	if err := w.Flush(); err != nil {
		fmt.Println(err)
	}
	// Output:
	// load,fulfillment,ok
	// 0.75,0.893,true
	// 1,0.3333333333333333,false
}
