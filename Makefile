# citecheck -- GNU make.
#
#   make            build ./citecheck (objects in build/)
#   make deps       install missing build/test dependencies (scripts/deps.sh)
#   make test       deps, build citecheck and tests/unit/test_*.c, run the
#                   suite (scripts/test.sh) against ./citecheck
#   make asan       the same suite, ASan+UBSan build in build-asan/
#   make tsan       the same suite, ThreadSanitizer build in build-tsan/
#                   (by hand, not in .ci/run)
#   make clang      build the binary and the unit tests with clang in
#                   build-clang/ (not run)
#   make demo       check examples/uz-kz-partnership.txt against the
#                   stand-in pages (scripts/demo.sh)
#   make bench-verify  checker speed: 10,000 claims x 1,000 sources' facts
#                   (bench/verify.c; must stay under a second)
#   make bench-fetch  fetch rate against curl on 5,000 pages served by a
#                   local nginx (bench/fetch.sh; installs nginx if missing),
#                   then check pages/s against a bare Gumbo parse on all
#                   cores (bench/parse --bare) and linkchecker's URLs/s
#   make eval-pages  page reader on the real-page dev sets: dates, main
#                   text, titles (bench/eval-pages; data from ../shared/data)
#   make bench-parse  page reader speed and memory against a bare Gumbo
#                   parse of the dev-set pages (bench/parse.c)
#   make eval-money  money extraction on the Recognizers-Text currency cases
#                   (bench/eval-money; data from ../shared/data)
#   make eval-labelled  extraction on tests/extract/labelled.jsonl
#                   (bench/eval-labelled: precision/recall, periods)
#   make bench-extract  extraction speed against one PCRE2 JIT money regex
#                   over 100 MB of page-like text (bench/extract_bench.c)
#   make clean
#
# Variables: CC (make CC=clang), OPT (-O2), EXTRA_CFLAGS, BUILD (build),
# TESTS=substring (run only matching test programs).
# Sources: every .c under $(SRC_DIRS) plus main.c; tests/unit/test_*.c are
# test programs (own main(), linked with every object but main.o), other
# tests/unit/*.c are helpers linked into each test program.

.DEFAULT_GOAL := all
.DELETE_ON_ERROR:
.SUFFIXES:

BUILD ?= build
ifeq ($(BUILD),build)
BIN := citecheck
else
BIN := $(BUILD)/citecheck
endif
# The binary as a command: ./citecheck, build-x/citecheck as ./build-x/...,
# an absolute BUILD as it is.
BIN_RUN := $(if $(filter /%,$(BIN)),$(BIN),./$(BIN))

PKGS := libcurl gumbo libpcre2-8 sqlite3 jansson inih libcrypto uchardet libdeflate zlib \
        libzip libxml-2.0 poppler-glib libxxhash libutf8proc
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CHECK_CFLAGS := $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS := $(shell pkg-config --libs check 2>/dev/null)

OPT ?= -O2
SAN ?=
EXTRA_CFLAGS ?=
CFLAGS = -std=c11 -D_GNU_SOURCE $(OPT) -g -Wall -Wextra -Werror -I. \
         $(PKG_CFLAGS) $(SAN) $(EXTRA_CFLAGS)
LDFLAGS += $(SAN)
LDLIBS = $(PKG_LIBS) -lm -pthread
DEPFLAGS = -MMD -MP

SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=all
ASAN_ENV := ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
            UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 CK_FORK=no
TSAN_FLAGS := -fsanitize=thread -fno-omit-frame-pointer
TSAN_ENV := TSAN_OPTIONS=halt_on_error=1 CK_FORK=no

SRC_DIRS := common crawler parser verify db report config cli
LIB_SRCS := $(sort $(wildcard $(addsuffix /*.c,$(SRC_DIRS))))
MAIN_SRC := $(wildcard main.c)
TEST_SRCS := $(sort $(wildcard tests/unit/test_*.c))
TEST_HELPER_SRCS := $(filter-out $(TEST_SRCS),$(sort $(wildcard tests/unit/*.c)))

LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/%.o)
MAIN_OBJ := $(MAIN_SRC:%.c=$(BUILD)/%.o)
TEST_OBJS := $(TEST_SRCS:%.c=$(BUILD)/%.o)
TEST_HELPER_OBJS := $(TEST_HELPER_SRCS:%.c=$(BUILD)/%.o)
TEST_BINS := $(TEST_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
ALL_OBJS := $(LIB_OBJS) $(MAIN_OBJ) $(TEST_OBJS) $(TEST_HELPER_OBJS)

# Targets that build nothing themselves or re-invoke make after `deps`.
NOBUILD_GOALS := deps clean test asan tsan clang demo help
ifeq ($(strip $(PKG_LIBS)),)
ifneq ($(filter-out $(NOBUILD_GOALS),$(or $(MAKECMDGOALS),all)),)
$(warning pkg-config does not find $(PKGS); run 'make deps' first)
endif
endif
ifneq ($(filter clean,$(MAKECMDGOALS)),)
.NOTPARALLEL:
endif

.PHONY: all build-all deps test asan tsan clang demo clean help fuzz FORCE

all: $(BIN)

# The binary and every unit test program of this $(BUILD).
build-all: $(BIN) $(TEST_BINS)

$(BIN): $(LIB_OBJS) $(MAIN_OBJ)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# Test programs link the modules through an archive, so each pulls in only
# the objects it needs (a test of one module links while another module is
# still unfinished).
LIB_ARCHIVE := $(BUILD)/libcitecheck.a
$(LIB_ARCHIVE): $(LIB_OBJS)
	@mkdir -p $(@D)
	@rm -f $@
	$(AR) rcs $@ $^

$(TEST_BINS): $(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(TEST_HELPER_OBJS) $(LIB_ARCHIVE)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $(filter-out %.a,$^) $(filter %.a,$^) $(CHECK_LIBS) $(LDLIBS)

$(TEST_OBJS) $(TEST_HELPER_OBJS): CFLAGS += $(CHECK_CFLAGS)

# The fuzz entry points (fuzz/targets.c) are replayed by test_fuzz.
$(BUILD)/tests/test_fuzz: $(BUILD)/fuzz/targets.o

# libFuzzer builds of each target (clang): make fuzz, then run e.g.
#   build-fuzz/fuzz_page fuzz/corpus/page -max_total_time=60
FUZZ_NAMES := document page extract url argv robots archive warc decode
fuzz:
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang OPT=-O1 \
	  SAN='-fsanitize=fuzzer-no-link,address,undefined' build-fuzz/libcitecheck.a \
	  build-fuzz/fuzz/targets.o
	@for t in $(FUZZ_NAMES); do \
	  clang -std=c11 -D_GNU_SOURCE -O1 -g -I. -DFUZZ_TARGET=fuzz_$$t \
	    -fsanitize=fuzzer,address,undefined -o build-fuzz/fuzz_$$t \
	    fuzz/libfuzzer.c build-fuzz/fuzz/targets.o build-fuzz/libcitecheck.a \
	    $(LDLIBS) || exit 1; done
	@echo "fuzzers in build-fuzz/: $(FUZZ_NAMES:%=fuzz_%)"

$(BUILD)/%.o: %.c $(BUILD)/.flags
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(DEPFLAGS) -c -o $@ $<

# Rebuild everything in $(BUILD) when the compiler or flags change
# (make CC=clang after make, say): .flags is rewritten only when they differ.
FLAGS_SIG = $(CC) | $(CFLAGS) | $(CHECK_CFLAGS) | $(LDFLAGS) | $(LDLIBS)
$(BUILD)/.flags: FORCE
	@mkdir -p $(@D)
	@printf '%s\n' '$(subst ','\'',$(FLAGS_SIG))' | cmp -s - $@ || \
	 printf '%s\n' '$(subst ','\'',$(FLAGS_SIG))' > $@

FORCE:

-include $(ALL_OBJS:.o=.d)

deps:
	@bash scripts/deps.sh

# After deps, a fresh make reads pkg-config's answers (a first run on a
# bare machine has none when this Makefile is parsed).
test: deps
	@$(MAKE) --no-print-directory build-all
	@bash scripts/test.sh --bin $(BIN) --unit-dir $(BUILD)/tests \
	  $(if $(TESTS),--only '$(TESTS)') -- $(TEST_BINS)

asan: deps
	@$(MAKE) --no-print-directory BUILD=build-asan OPT=-O1 SAN='$(SAN_FLAGS)' build-all
	@$(ASAN_ENV) bash scripts/test.sh --bin build-asan/citecheck \
	  --unit-dir build-asan/tests $(if $(TESTS),--only '$(TESTS)') -- \
	  $(TEST_SRCS:tests/unit/%.c=build-asan/tests/%)

# Three thread pools share data (fetch's writer, check's page readers and
# document checks): the suite under ThreadSanitizer, run by hand before
# changing them.  Not in .ci/run: TSan needs a fixed memory layout that
# some kernels' ASLR settings refuse.
tsan: deps
	@$(MAKE) --no-print-directory BUILD=build-tsan OPT=-O1 SAN='$(TSAN_FLAGS)' build-all
	@$(TSAN_ENV) bash scripts/test.sh --bin build-tsan/citecheck \
	  --unit-dir build-tsan/tests $(if $(TESTS),--only '$(TESTS)') -- \
	  $(TEST_SRCS:tests/unit/%.c=build-tsan/tests/%)

clang: deps
	@$(MAKE) --no-print-directory BUILD=build-clang CC=clang build-all

demo: deps
	@$(MAKE) --no-print-directory all
	@bash scripts/demo.sh $(BIN_RUN)

clean:
	rm -rf build build-asan build-clang citecheck

# Fetch throughput against curl on 5,000 local nginx pages (bench/fetch.sh).
.PHONY: bench-fetch
bench-fetch: deps
	@$(MAKE) --no-print-directory all $(BUILD)/bench/parse
	@BENCH_PARSE=$(BUILD)/bench/parse bash bench/fetch.sh $(BIN_RUN)

# Checker speed: 10,000 claims against 1,000 sources' facts (bench/verify.c).
.PHONY: bench-verify
bench-verify: deps
	@$(MAKE) --no-print-directory $(BUILD)/bench/verify
	@$(BUILD)/bench/verify

# Page reader on the real-page dev sets (bench/eval-pages): publication
# date (htmldate), main text and title (trafilatura).  `make eval` runs
# every evaluation.
.PHONY: eval eval-pages
eval: eval-pages eval-money eval-labelled
eval-pages: deps
	@$(MAKE) --no-print-directory all
	@python3 bench/eval-pages --bin $(BIN_RUN)

# Page reader speed and memory against a bare Gumbo parse (bench/parse.c).
# The wrapped allocator functions count what citecheck's objects allocate.
.PHONY: bench-parse
bench-parse: deps
	@$(MAKE) --no-print-directory $(BUILD)/bench/parse
	@d=$$(python3 bench/eval-pages --prepare) && \
	  $(BUILD)/bench/parse $$d/htmldate/default/html $$d/trafilatura/html

$(BUILD)/bench/parse: $(BUILD)/bench/parse.o $(LIB_ARCHIVE)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ \
	  -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free $(LDLIBS)

$(BUILD)/bench/verify: $(BUILD)/bench/verify.o $(LIB_ARCHIVE)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# Extraction: money on the Recognizers-Text currency cases (target F1 >= 90)
# and the labelled sentences of tests/extract/ (precision >= 0.97, recall
# >= 0.95).  Both print their figures and the worst cases.
.PHONY: eval-money eval-labelled bench-extract
eval-money: deps
	@$(MAKE) --no-print-directory all
	@python3 bench/eval-money --bin $(BIN_RUN)

eval-labelled: deps
	@$(MAKE) --no-print-directory all
	@python3 bench/eval-labelled --bin $(BIN_RUN)

# Extraction speed over 100 MB of generated page-like text against one
# PCRE2 JIT pass of a money pattern (target ratio >= 0.5).
bench-extract: deps
	@$(MAKE) --no-print-directory $(BUILD)/bench/extract_bench \
	  $(BUILD)/bench/extract-text.txt
	@$(BUILD)/bench/extract_bench $(BUILD)/bench/extract-text.txt

$(BUILD)/bench/extract_bench: $(BUILD)/bench/extract_bench.o $(LIB_ARCHIVE)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/bench/extract-text.txt: bench/gen-extract-text \
                                 tests/extract/labelled.jsonl
	@mkdir -p $(@D)
	python3 bench/gen-extract-text $@ 100

help:
	@sed -n '2,/^$$/p' Makefile | sed 's/^# \{0,1\}//'
