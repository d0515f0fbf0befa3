# Thin wrapper over CMake: the two commands a newcomer needs are `make demo` and `make test`.
#   make deps   install the Debian packages mapa needs (apt-get, as root)
#   make        build (build/)
#   make demo   deps + build + run mapa on the shipped example partnership
#   make test   deps + build and run the whole suite: static, shared, and with sanitizers,
#               and a smoke round (2 s) of every fuzz target under ASan and UBSan
#   make fuzz   fuzz every target for FUZZ_SECONDS (600) each, one after the other

BUILD      ?= build
BUILD_SAN  ?= build-sanitize
BUILD_SHARED ?= build-shared
BUILD_FUZZ ?= build-fuzz
FUZZ_SECONDS ?= 600
JOBS       ?= 2
EXAMPLE    ?= scenarios/east-midlands
PACKAGES   := cmake make gcc g++ pkg-config valgrind glpk-utils libglpk-dev libgsl-dev libhdf5-dev libgraphviz-dev \
              libcmocka-dev libigraph-dev libcsv-dev libjansson-dev libstemmer-dev hdf5-tools \
              clang graphviz bc python3 python3-h5py python3-numpy \
              libopenmpi-dev openmpi-bin python3-pandas python3-matplotlib \
              libxlsxwriter-dev chromium poppler-utils python3-openpyxl \
              libical-dev python3-icalendar
# The benchmarks' peers (CBC beside glpsol), installed by `make bench`.
BENCH_PACKAGES := coinor-cbc

.PHONY: all build deps demo test test-normal test-shared test-sanitize test-fuzz fuzz-build fuzz valgrind bench clean

all: build

deps:
	@missing=$$(for p in $(PACKAGES); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
	  done); \
	if [ -z "$$missing" ]; then echo "deps: all packages present"; exit 0; fi; \
	echo "deps: missing:" $$missing; \
	if [ "$$(id -u)" = 0 ]; then \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; \
	else \
	  echo "Run as root, or install them yourself with:"; \
	  echo "  sudo apt-get update && sudo apt-get install -y" $$missing; \
	  exit 1; \
	fi

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMAPA_WERROR=ON -DMAPA_BUILD_TESTS=ON

build: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

demo: deps
	$(MAKE) --no-print-directory build
	./$(BUILD)/mapa validate $(EXAMPLE)
	./$(BUILD)/mapa plan $(EXAMPLE) -o out/east-midlands
	@echo "The report to send round: $(CURDIR)/out/east-midlands/report.html"

test-normal: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-sanitize:
	cmake -S . -B $(BUILD_SAN) -DCMAKE_BUILD_TYPE=Debug -DMAPA_WERROR=ON -DMAPA_BUILD_TESTS=ON -DMAPA_SANITIZE=ON
	cmake --build $(BUILD_SAN) -j $(JOBS)
	cd $(BUILD_SAN) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS)

# The library as a shared object (libmapa.so) passes the same suite.
test-shared:
	cmake -S . -B $(BUILD_SHARED) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMAPA_WERROR=ON -DMAPA_BUILD_TESTS=ON -DBUILD_SHARED_LIBS=ON
	cmake --build $(BUILD_SHARED) -j $(JOBS)
	cd $(BUILD_SHARED) && ctest --output-on-failure -j $(JOBS)

# The fuzz targets (tests/fuzz): clang with libFuzzer, the whole library instrumented.
fuzz-build:
	cmake -S . -B $(BUILD_FUZZ) -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DMAPA_FUZZ=ON -DMAPA_BUILD_TESTS=OFF -DMAPA_WERROR=ON
	cmake --build $(BUILD_FUZZ) -j $(JOBS)

# A smoke round: every target 2 s on its committed corpus with a fixed seed, one at a time.
test-fuzz: fuzz-build
	cd $(BUILD_FUZZ) && ctest -L fuzz --output-on-failure

# Fuzzing proper, one target at a time; the summary is in $(BUILD_FUZZ)/fuzz-logs/summary.txt.
fuzz: fuzz-build
	sh tests/fuzz/run.sh long $(CURDIR)/$(BUILD_FUZZ) $(FUZZ_SECONDS)

test: deps
	$(MAKE) --no-print-directory test-normal
	$(MAKE) --no-print-directory test-shared
	$(MAKE) --no-print-directory test-sanitize
	$(MAKE) --no-print-directory test-fuzz

# No leaks on the example (valgrind is not part of `make test`: it is slow).
valgrind: build
	valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --suppressions=tests/valgrind.supp --error-exitcode=1 ./$(BUILD)/mapa validate $(EXAMPLE) >/dev/null
	valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --suppressions=tests/valgrind.supp --error-exitcode=1 ./$(BUILD)/mapa plan $(EXAMPLE) -o out/valgrind >/dev/null

# Benchmarks (not part of `make test`): figures in bench/README.md.
bench: deps
	@$(MAKE) --no-print-directory deps PACKAGES="$(BENCH_PACKAGES)"
	cmake -S . -B $(BUILD) -DMAPA_BUILD_BENCH=ON
	cmake --build $(BUILD) -j $(JOBS)
	./$(BUILD)/bench/bench_alloc
	./$(BUILD)/bench/bench_cf
	./$(BUILD)/bench/bench_metrics
	./$(BUILD)/bench/bench_duplicates
	./$(BUILD)/bench/bench_sweep ./$(BUILD)/mapa bench/sweeps/sweep-1000.json

clean:
	rm -rf $(BUILD) $(BUILD_SAN) $(BUILD_SHARED) $(BUILD_FUZZ) out
