# SPDX-License-Identifier: GPL-2.0
#
# gupcheck: make builds it, make check tests it, make demo scans Debian's
# linux-source-6.1.  Kernel trees are unpacked and prepared in $(CACHE),
# outside the repository.

LLVM_DIR ?= /usr/lib/llvm-14
CC ?= cc
CFLAGS ?= -O2 -g
PREFIX ?= /usr/local
DESTDIR ?=
CACHE ?= $(HOME)/.cache/gupcheck

WARN := -Wall -Wextra -Werror
GUP_CPPFLAGS := -I$(LLVM_DIR)/include -D_GNU_SOURCE \
	-DGUPCHECK_DATADIR='"$(PREFIX)/share/gupcheck"'
GUP_LDLIBS := -L$(LLVM_DIR)/lib -Wl,-rpath,$(LLVM_DIR)/lib -lclang -lcjson -lsqlite3
SAN := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer

SRCS := $(wildcard checker/*.c)
HDRS := $(wildcard checker/*.h)
OBJS := $(SRCS:checker/%.c=build/obj/%.o)
ASAN_OBJS := $(SRCS:checker/%.c=build/asan/%.o)

# What a fresh Debian 12 machine needs: the libraries, the second engine,
# and what preparing a kernel tree and running the tests take.
DEB_PACKAGES := libclang-dev libcjson-dev libsqlite3-dev coccinelle sparse clang lld llvm \
	libclang-rt-14-dev valgrind \
	make flex bison bc libelf-dev libssl-dev python3 git xz-utils
KERNELS := 6.1 6.12

.PHONY: all deps check check-asan check-kbuild asan demo trees references \
	install $(KERNELS:%=tree-%) \
	clean bench seeded fuzz fuzz-build asan-tree valgrind

all: gupcheck

# Installs what is missing, as root or through sudo; otherwise it names
# the command and stops.
deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | \
			grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	echo "gupcheck: missing Debian packages:$$missing"; \
	if [ "$$(id -u)" = 0 ]; then sudo=""; \
	elif sudo -n true 2>/dev/null; then sudo="sudo"; \
	else echo "gupcheck: run: sudo apt-get install -y$$missing"; exit 2; fi; \
	$$sudo apt-get update -q && \
	DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q \
		--no-install-recommends $$missing

gupcheck: $(OBJS)
	$(CC) $(CFLAGS) -o $@ $(OBJS) $(GUP_LDLIBS)

build/obj/%.o: checker/%.c $(HDRS) | deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(WARN) $(GUP_CPPFLAGS) -c -o $@ $<

build/asan/%.o: checker/%.c $(HDRS) | deps
	@mkdir -p $(dir $@)
	$(CC) -O1 -g $(SAN) $(WARN) $(GUP_CPPFLAGS) -c -o $@ $<

build/asan/gupcheck: $(ASAN_OBJS)
	$(CC) $(SAN) -o $@ $(ASAN_OBJS) $(GUP_LDLIBS)

asan: build/asan/gupcheck

# libFuzzer harnesses: fuzz/NAME.c, seeds in testcases/fuzz/NAME/.  The
# checker's objects are built again with clang for coverage; main.o is
# left out, the harness has the entry point.  'make fuzz' runs each (or
# those of FUZZERS="NAME...") for FUZZ_SECONDS; what it learns goes to
# build/fuzz/corpus/NAME, crashes to build/fuzz/crash/.
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 180
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
FUZZERS := $(patsubst fuzz/%.c,%,$(wildcard fuzz/*.c))
FUZZ_OBJS := $(filter-out build/fuzz/obj/main.o, \
	$(SRCS:checker/%.c=build/fuzz/obj/%.o))

build/fuzz/obj/%.o: checker/%.c $(HDRS) | deps
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -O1 -g $(FUZZ_SAN) -fsanitize=fuzzer-no-link $(WARN) \
		$(GUP_CPPFLAGS) -c -o $@ $<

build/fuzz/%: fuzz/%.c fuzz/fuzz.h $(FUZZ_OBJS)
	$(FUZZ_CC) -O1 -g $(FUZZ_SAN) -fsanitize=fuzzer $(WARN) \
		$(GUP_CPPFLAGS) -DFUZZ_TOP='"$(CURDIR)"' -o $@ $< \
		$(FUZZ_OBJS) $(GUP_LDLIBS)

.SECONDARY: $(FUZZ_OBJS)

fuzz-build: $(FUZZERS:%=build/fuzz/%)

fuzz: fuzz-build
	@mkdir -p build/fuzz/crash; rc=0; \
	for h in $(FUZZERS); do \
		mkdir -p build/fuzz/corpus/$$h; \
		echo "  FUZZ    $$h for $(FUZZ_SECONDS) s"; \
		build/fuzz/$$h -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
			-timeout=10 -print_final_stats=1 \
			-artifact_prefix=$(CURDIR)/build/fuzz/crash/$$h- \
			build/fuzz/corpus/$$h testcases/fuzz/$$h \
			>build/fuzz/$$h.log 2>&1 || { rc=1; \
			echo "fuzz: $$h failed, see build/fuzz/$$h.log"; }; \
		grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb):' \
			build/fuzz/$$h.log | sed 's/^/    /'; \
	done; exit $$rc

# The kernel trees: Debian's linux-source packages at the versions pinned
# in reports/reference/trees.mk, fetched with apt-get download, unpacked
# and prepared with 'make LLVM=1 O=... defconfig prepare' in $(CACHE).  A
# tree of another version is made again.  TREE_6_1=DIR, TREE_6_12=DIR: a
# tree unpacked by hand, of the pinned version.  See trees.py.
include reports/reference/trees.mk
TREES_PY := testcases/realtree/trees.py

trees: | deps
	@CACHE=$(CACHE) python3 $(TREES_PY) prepare $(KERNELS)

tree-%: | deps
	@CACHE=$(CACHE) python3 $(TREES_PY) prepare $*

# The reference reports made again on the trees as they are now (after
# a change of version in trees.mk): rewrites reports/reference/ and
# prints the findings that differ from the ones it replaced.
references: gupcheck trees
	@CACHE=$(CACHE) GUPCHECK=$(abspath gupcheck) \
		GUPCHECK_RULES=$(abspath rules) sh testcases/realtree/references.sh

demo: gupcheck tree-6.1
	@mkdir -p reports/out/linux-6.1
	./gupcheck scan --tree $$(CACHE=$(CACHE) python3 $(TREES_PY) path src 6.1) \
		--build $(CACHE)/build-6.1 \
		--json reports/out/linux-6.1/report.json \
		--sarif reports/out/linux-6.1/report.sarif \
		--patch reports/out/linux-6.1/fixes.patch \
		> reports/out/linux-6.1/findings.txt; \
	rc=$$?; [ $$rc -le 1 ] || exit $$rc
	@echo "demo: reports/out/linux-6.1/{findings.txt,report.json,report.sarif,fixes.patch}"

check: gupcheck
	@CACHE=$(CACHE) testcases/run-tests ./gupcheck

# Kbuild's CHECK= mode on whole directories (mm/ of both trees): make
# check runs the same test on ten objects only.  A few minutes.
check-kbuild: gupcheck trees
	@CACHE=$(CACHE) GUPCHECK=$(abspath gupcheck) \
		GUPCHECK_RULES=$(abspath rules) GUPCHECK_KBUILD_FULL=1 \
		testcases/realtree/kbuild

check-asan: build/asan/gupcheck
	@CACHE=$(CACHE) GUPCHECK_NO_REALTREE=1 testcases/run-tests \
		build/asan/gupcheck

# A whole-tree scan of 6.12 under ASan+UBSan, and memcheck on 20 of its
# candidate files: too slow for make check; .ci/run runs asan-tree.
asan-tree: build/asan/gupcheck
	@CACHE=$(CACHE) bash testcases/realtree/asan-tree.sh

valgrind: gupcheck
	@CACHE=$(CACHE) bash testcases/realtree/valgrind-subset.sh

# Speed as ratios against references measured in the same run (issue 7):
# see testcases/bench/run.  Tens of minutes on two cores.
bench: gupcheck trees
	CACHE=$(CACHE) GUPCHECK=$(abspath gupcheck) testcases/bench/run

# The binary finds its data in ../share/gupcheck next to itself, so an
# installed tree works wherever DESTDIR puts it.
# Seeded bugs in real 6.12 files: recall per kind of edit (issue 5).
seeded: gupcheck tree-6.12
	CACHE=$(CACHE) testcases/seeded/run \
		--tree $$(CACHE=$(CACHE) python3 $(TREES_PY) path src 6.12) \
		--build $(CACHE)/build-6.12

install: gupcheck
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/gupcheck \
		$(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 gupcheck $(DESTDIR)$(PREFIX)/bin/gupcheck
	ln -sf gupcheck $(DESTDIR)$(PREFIX)/bin/gupcheck-kbuild
	install -m 644 checker/gupcheck.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	cp -r rules cocci $(DESTDIR)$(PREFIX)/share/gupcheck/

clean:
	rm -rf build gupcheck
