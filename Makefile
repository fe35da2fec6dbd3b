# Developer shortcuts; CI runs .ci/run, which calls the README's test command.
.PHONY: test short bench lint sweep fuzz critic ablation

test:
	go test ./...

short:
	go test -short ./...

bench:
	mkdir -p bench
	go test -run '^$$' -bench . -benchmem -count 6 ./allocator/ ./sim/ | tee bench/latest.txt

lint:
	gofmt -l . | tee /dev/stderr | (! read)
	go vet ./...

sweep:
	go run ./experiments/loadsweep

fuzz:
	go test -run '^$$' -fuzz FuzzHAF -fuzztime 30s ./allocator/
	go test -run '^$$' -fuzz FuzzAzureCSV -fuzztime 30s ./traces/
	go test -run '^$$' -fuzz FuzzGenericCSV -fuzztime 30s ./traces/

critic:
	go run ./experiments/traincritic --out out/traincritic
	cp out/traincritic/weights.json critic/weights.json

ablation:
	go run ./experiments/ablation
