# Developer shortcuts; CI runs .ci/run, which calls the README's test command.
.PHONY: test short bench lint sweep fuzz critic critic-scores caora ablation

test:
	go test ./...

short:
	go test -short ./...

bench:
	mkdir -p bench
	go test -run '^$$' -bench . -benchmem -count 6 ./allocator/ ./sim/ ./policy/ ./internal/sac/ | tee bench/latest.txt

lint:
	gofmt -l . | tee /dev/stderr | (! read)
	go vet ./...

sweep:
	go run ./experiments/loadsweep

fuzz:
	for f in FuzzHAF FuzzEqualShare FuzzMaxWeight FuzzProportional; do go test -run '^$$' -fuzz $$f -fuzztime 30s ./allocator/ || exit 1; done
	go test -run '^$$' -fuzz FuzzParse -fuzztime 30s ./scenario/
	go test -run '^$$' -fuzz FuzzParseProfile -fuzztime 30s ./traces/
	go test -run '^$$' -fuzz FuzzAzureCSV -fuzztime 30s ./traces/
	go test -run '^$$' -fuzz FuzzGenericCSV -fuzztime 30s ./traces/
	go test -run '^$$' -fuzz FuzzLayout -fuzztime 30s ./mig/
	for f in FuzzParseSection FuzzDecodeAnswer FuzzHandler; do go test -run '^$$' -fuzz $$f -fuzztime 30s ./scoring/ || exit 1; done

critic:
	go run ./experiments/traincritic --out out/traincritic
	cp out/traincritic/weights.json critic/weights.json

critic-scores:
	go run ./experiments/traincritic --scores --out out/traincritic-scores
	cp out/traincritic-scores/weights.json critic/weights_scores.json

caora:
	go run ./experiments/traincaora --out out/traincaora
	cp out/traincaora/actor.json policy/caora/actor.json

ablation:
	go run ./experiments/ablation
