# SPDX-License-Identifier: GPL-2.0
#
# persist-e820: one Makefile for the whole stack. Everything it downloads
# or builds goes to build/. See README.md.
#
#   make            build everything (installs packages, fetches sources)
#   make check      host unit tests, then every VM scenario (T=name: one)
#   make demo       the kexec round trip into Debian's stock kernel and back
#   make fuzz       every parser of untrusted input under libFuzzer
#                   (FUZZ_TIME=300 s each, TARGETS="a b" to pick)
#   make bench      what persistence costs: build/bench/results.json and a plot
#   make series     the kernel side as a mailing-list series in build/series/

# The bases, one variable each (scripts/fetch.sh stops, naming what the
# archive serves, when one is gone): the aware kernel's source
# (linux-source-$(LINUX_BASE)), the kexec-tools our patches apply to, and
# Debian's stock kernel series with the kexec-tools of the same releases.
LINUX_BASE        := 7.3
KEXEC_TOOLS_BASE  := 2.0.32
STOCK_KERNELS     := 5.10 6.1 6.12 7.3
STOCK_KEXEC_TOOLS := 2.0.20 2.0.25 2.0.29 2.0.32
export LINUX_BASE KEXEC_TOOLS_BASE STOCK_KERNELS STOCK_KEXEC_TOOLS

BUILD   := build
SRC     := $(BUILD)/src
LSRC    := $(SRC)/linux-source-$(LINUX_BASE)
XSRC    := $(SRC)/kexec-tools-$(KEXEC_TOOLS_BASE)
LINUX   := $(BUILD)/linux
KTOOLS  := $(BUILD)/kexec-tools
ABUILD  := $(abspath $(BUILD))
JOBS    ?= $(shell nproc)
# CCACHE_BASEDIR: trees at the same depth in build/ (build/linux and
# build/series-tree/linux) share ccache (scripts/series-kernel.sh).
KMAKE    = CCACHE_BASEDIR=$(ABUILD) $(MAKE) -s -C $(LINUX) CC="ccache gcc" \
	   -j$(JOBS)

KOVERLAY := $(shell find arch include lib kernel mm drivers Documentation \
		-type f 2>/dev/null)
KPATCHES := kernel-patches/series $(wildcard kernel-patches/*.patch)
XPATCHES := kexec-tools-patches/series $(wildcard kexec-tools-patches/*.patch)
STOCK    := $(addprefix $(BUILD)/vmlinuz-,$(STOCK_KERNELS))
KEXECS   := $(addprefix $(BUILD)/kexec-,$(STOCK_KEXEC_TOOLS))
KERNELS  := $(BUILD)/bzImage $(BUILD)/bzImage-off $(STOCK)
TOOLS    := $(BUILD)/kexec $(KEXECS) $(BUILD)/persistctl \
	    $(BUILD)/persist_memmap.efi

.PHONY: all setup fetch check unit fuzz vm demo bench clean distclean \
	series series-kexec-tools FORCE
all: $(KERNELS) $(TOOLS) $(BUILD)/initramfs.cpio

# --- set-up: packages and sources, from Debian's archive only -------------
$(BUILD)/.setup: scripts/setup.sh
	@mkdir -p $(BUILD)
	./scripts/setup.sh
	@touch $@
setup: $(BUILD)/.setup

$(BUILD)/.fetched: scripts/fetch.sh scripts/apt.sh $(BUILD)/.setup Makefile
	./scripts/fetch.sh $(BUILD)
	@touch $@
fetch: $(BUILD)/.fetched

# --- kernels ---------------------------------------------------------------
$(LINUX)/.prepared: $(BUILD)/.fetched $(KPATCHES) $(KOVERLAY) scripts/prepare-tree.sh
	./scripts/prepare-tree.sh $(LSRC) $(LINUX) kernel-patches .
	@touch $@

$(BUILD)/kbuild-on/.config: kernel-patches/config.fragment $(KPATCHES) \
		scripts/kconfig.sh | $(LINUX)/.prepared
	./scripts/kconfig.sh $(LINUX) $(@D) kernel-patches/config.fragment

$(BUILD)/kbuild-off/.config: kernel-patches/config.fragment \
		kernel-patches/config-off.fragment $(KPATCHES) scripts/kconfig.sh \
		| $(LINUX)/.prepared
	./scripts/kconfig.sh $(LINUX) $(@D) kernel-patches/config.fragment \
		kernel-patches/config-off.fragment

# kbuild decides what to rebuild; the copy is refreshed only when it changed.
# $(call kernel,IMAGE,OBJDIR,LOCALVERSION). The suffix -off goes on the
# command line, not in the .config: the off kernel's config then equals
# that of the series' first patches, which share its ccache entries.
define kernel
$(BUILD)/$(1): $(BUILD)/$(2)/.config $(LINUX)/.prepared FORCE
	@echo "  KERNEL  $$@"
	$$(KMAKE) O=$(ABUILD)/$(2) LOCALVERSION=$(3) bzImage
	@cmp -s $(BUILD)/$(2)/arch/x86/boot/bzImage $$@ || \
		cp $(BUILD)/$(2)/arch/x86/boot/bzImage $$@
	@$$(KMAKE) O=$(ABUILD)/$(2) LOCALVERSION=$(3) kernelrelease > $$@.release.tmp
	@if cmp -s $$@.release.tmp $$@.release; then rm $$@.release.tmp; \
		else mv $$@.release.tmp $$@.release; fi
endef
$(eval $(call kernel,bzImage,kbuild-on))
$(eval $(call kernel,bzImage-off,kbuild-off,-off))

# Debian's stock kernels, untouched (scripts/fetch.sh)
$(STOCK): $(BUILD)/vmlinuz-%: $(BUILD)/.fetched
	cp $(SRC)/vmlinuz-$* $@
	cp $(SRC)/vmlinuz-$*.release $@.release

# --- kexec-tools: ours (patched) and each release's stock -----------------
# Ours: Debian's $(KEXEC_TOOLS_BASE) source + kexec-tools-patches/, static.
# A tree of another base (an older KEXEC_TOOLS_BASE) is started afresh.
$(KTOOLS)/.prepared: $(BUILD)/.fetched $(XPATCHES) scripts/prepare-tree.sh
	@cmp -s $(XSRC).stamp $(KTOOLS)/.base 2>/dev/null || rm -rf $(KTOOLS)
	./scripts/prepare-tree.sh $(XSRC) $(KTOOLS) kexec-tools-patches
	@cp $(XSRC).stamp $(KTOOLS)/.base
	@touch $@
$(BUILD)/kexec: $(KTOOLS)/.prepared scripts/build-kexec.sh FORCE
	./scripts/build-kexec.sh $(KTOOLS) $@

# Stock: Debian's source of that release, untouched, static; where the
# archive serves no source any more (2.0.20), Debian's binary with its own
# libc: build/kexec-X.Y.Z is then a wrapper, build/kexec-X.Y.Z.d/ what goes
# to /opt/kexec-X.Y.Z/ (docs/kexec-tools.md).
$(KEXECS): $(BUILD)/kexec-%: $(BUILD)/.fetched scripts/build-kexec.sh \
		scripts/prepare-tree.sh
	if [ -d $(SRC)/kexec-tools-$*-deb ]; then \
		./scripts/build-kexec.sh --deb $(SRC)/kexec-tools-$*-deb $@; \
	else \
		./scripts/prepare-tree.sh $(SRC)/kexec-tools-$* $(KTOOLS)-$* - && \
		./scripts/build-kexec.sh $(KTOOLS)-$* $@; \
	fi

# The kernel side as the series for the mailing list, generated from
# kernel-patches/ and the new files as kernel-series/manifest groups them
# (scripts/series-kernel.sh): build/series/, format-patch files and a cover
# letter against Debian's $(LINUX_BASE) source.
series: $(BUILD)/.fetched
	./scripts/series-kernel.sh $(LSRC) $(BUILD)/series

# The quilt series as `git format-patch` files with a cover letter, for the
# kexec mailing list (scripts/series-kexec-tools.sh).
series-kexec-tools: $(BUILD)/.fetched
	./scripts/series-kexec-tools.sh $(XSRC) $(BUILD)/series-kexec-tools

# --- user space and UEFI ---------------------------------------------------
$(BUILD)/persistctl: $(BUILD)/.setup FORCE
	$(MAKE) -s -C tools OUT=$(ABUILD)
$(BUILD)/persist_memmap.efi: $(BUILD)/.setup FORCE
	$(MAKE) -s -C efi OUT=$(ABUILD)

# --- the test initramfs ----------------------------------------------------
GUEST_TOOLS := $(addprefix $(BUILD)/guest/,pe-memread pe-abi-test pe-kexec-seg pe-scatter \
		pe-record pe-tsc pe-handoff pe-hold pe-scribble)
$(BUILD)/guest/%: tests/qemu/guest/%.c include/uapi/linux/persist_e820.h \
		$(wildcard include/linux/persist_e820/abi/*.h)
	@mkdir -p $(@D)
	$(CC) -static -O2 -Wall -Wextra -Werror -Iinclude/uapi -Iinclude -o $@ $<

$(BUILD)/gen_init_cpio: $(LINUX)/.prepared
	$(CC) -O2 -o $@ $(LINUX)/usr/gen_init_cpio.c

# The base: no kernel. tests/qemu/run appends one cpio per kernel a
# scenario carries (build/initramfs/, made and kept by mkinitramfs.sh).
$(BUILD)/initramfs.cpio: $(BUILD)/gen_init_cpio $(TOOLS) $(GUEST_TOOLS) \
		scripts/mkinitramfs.sh $(wildcard tests/qemu/guest/*) \
		$(wildcard tests/qemu/scenarios/*.sh tests/qemu/selftest/*.sh \
			   tests/bench/scenarios/*.sh)
	./scripts/mkinitramfs.sh $(BUILD)

# --- tests and demo --------------------------------------------------------
unit: $(BUILD)/.setup
	$(MAKE) -s -C tests/unit OUT=$(ABUILD) check

# Every fuzz target for FUZZ_TIME seconds each (check: 8); one of them
# reads the memory map through our kexec-tools as configured and built.
FUZZ_TIME ?= 300
fuzz: $(BUILD)/.setup $(BUILD)/kexec
	$(MAKE) -s -C tests/fuzz run OUT=$(ABUILD) FUZZ_TIME=$(FUZZ_TIME) \
		$(if $(TARGETS),TARGETS="$(TARGETS)")

check: $(BUILD)/.setup
	./scripts/check.sh $(T)

demo: all
	./scripts/demo.sh

# Never part of check: timings, not verdicts (docs/performance.md)
bench: all
	./scripts/bench.sh

clean:
	rm -rf $(BUILD)/kbuild-on $(BUILD)/kbuild-off $(BUILD)/logs \
		$(BUILD)/initramfs* $(KERNELS) $(TOOLS)
distclean:
	rm -rf $(BUILD)

FORCE:
