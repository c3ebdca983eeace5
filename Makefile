# Coffre: `make run` starts the panel on demo data; `make test` runs every test.
GO      ?= go
WASM    := web/app.wasm
BIN     := bin/coffre
WASMENV := GOOS=js GOARCH=wasm
GOROOT  := $(shell $(GO) env GOROOT)
# The packages shared by the panel and the server: they also run as wasm.
WASM_PKGS := ./engine/account/... ./engine/spec/... ./engine/pattern/... ./internal/humanize/... ./engine/progress/...
# The unit tests run under the race detector (the engine has hand-written concurrency); the
# browser end-to-end tests and the benchmark's harness drive processes, and run without it.
RACE_PKGS := ./app/... ./engine/... ./server/... ./internal/...

GO_FILES   := $(shell find . -path ./bench/out -prune -o -name '*.go' -print) go.mod go.sum
WEB_FILES  := $(shell find web -type f -not -name 'app.wasm*')

.PHONY: build run test test-unit test-wasm test-browser bench clean

build: $(BIN)

$(WASM): $(GO_FILES)
	$(WASMENV) $(GO) build -trimpath -ldflags=-s -o $@ .
	$(GO) run ./internal/tools/precompress $@

$(BIN): $(WASM) $(GO_FILES) $(WEB_FILES)
	$(GO) build -trimpath -o $@ .

run: $(BIN)
	./$(BIN) serve --demo

test: build
	$(GO) vet ./...
	$(WASMENV) $(GO) vet $(WASM_PKGS) ./app/...
	$(GO) test -count=1 -race $(RACE_PKGS)
	$(GO) test -count=1 . ./bench/... ./e2e/...
	PATH="$(GOROOT)/lib/wasm:$$PATH" $(WASMENV) $(GO) test -count=1 $(WASM_PKGS)

bench: build
	$(GO) run ./bench -coffre $(BIN)

clean:
	rm -rf bin $(WASM) $(WASM).br $(WASM).gz
