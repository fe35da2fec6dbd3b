package traces

import (
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/deprecated"
	"github.com/parquet-go/parquet-go/format"
)

// converter turns one non-null parquet value of a column into a value.
type converter func(parquet.Value) value

// converterFor returns the converter for a leaf column type: strings become text, integers ints,
// floats floats and TIMESTAMP-annotated INT64 a timestamp in ns. Other types are rejected.
func converterFor(typ parquet.Type) (converter, error) {
	if lt := typ.LogicalType(); lt != nil {
		switch v := lt.Value.(type) {
		case *format.TimestampType:
			return timestampConverter(v.Unit.Value.Duration()), nil
		case *format.DecimalType:
			return nil, detail(ErrColumnType, "DECIMAL")
		}
	}
	if ct := typ.ConvertedType(); ct != nil {
		switch *ct {
		case deprecated.TimestampMillis:
			return timestampConverter(time.Millisecond), nil
		case deprecated.TimestampMicros:
			return timestampConverter(time.Microsecond), nil
		case deprecated.Decimal:
			return nil, detail(ErrColumnType, "DECIMAL")
		}
	}
	switch typ.Kind() {
	case parquet.ByteArray:
		return func(v parquet.Value) value { return textValue(string(v.ByteArray())) }, nil
	case parquet.Int32:
		return func(v parquet.Value) value { return value{kind: kindInt, i: int64(v.Int32())} }, nil
	case parquet.Int64:
		return func(v parquet.Value) value { return value{kind: kindInt, i: v.Int64()} }, nil
	case parquet.Float:
		return func(v parquet.Value) value { return value{kind: kindFloat, f: float64(v.Float())} }, nil
	case parquet.Double:
		return func(v parquet.Value) value { return value{kind: kindFloat, f: v.Double()} }, nil
	}
	return nil, detail(ErrColumnType, "%s", typ)
}

// timestampConverter converts an INT64 timestamp counted in unit since the Unix epoch.
func timestampConverter(unit time.Duration) converter {
	return func(v parquet.Value) value {
		return value{kind: kindTime, i: v.Int64() * int64(unit)}
	}
}
