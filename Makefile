# SPDX-License-Identifier: GPL-2.0
#
# persist-e820: one Makefile for the whole stack. Everything it downloads
# or builds goes to build/. See README.md.
#
#   make            build everything (installs packages, fetches sources)
#   make check      host unit tests, then every VM scenario (T=name: one)
#   make demo       the kexec round trip into Debian's stock kernel and back
#   make fuzz       the record parser under libFuzzer (FUZZ_TIME=300 s)
#   make bench      what persistence costs: build/bench/results.json and a plot
#   make series     the kernel side as a mailing-list series in build/series/

BUILD   := build
SRC     := $(BUILD)/src
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
KERNELS  := $(BUILD)/bzImage $(BUILD)/bzImage-off $(BUILD)/vmlinuz-stock
TOOLS    := $(BUILD)/kexec $(BUILD)/kexec-stock $(BUILD)/persistctl \
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

$(BUILD)/.fetched: scripts/fetch.sh $(BUILD)/.setup
	./scripts/fetch.sh $(SRC)
	@touch $@
fetch: $(BUILD)/.fetched

# --- kernels ---------------------------------------------------------------
$(LINUX)/.prepared: $(BUILD)/.fetched $(KPATCHES) $(KOVERLAY) scripts/prepare-tree.sh
	./scripts/prepare-tree.sh $(SRC)/linux-source-6.1 $(LINUX) kernel-patches .
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

$(BUILD)/vmlinuz-stock: $(BUILD)/.fetched
	cp $(SRC)/stock/boot/vmlinuz-* $@
	sed 's/^linux-image-//' $(SRC)/stock.stamp > $@.release

# --- kexec-tools: patched and stock, both static ---------------------------
$(KTOOLS)/.prepared: $(BUILD)/.fetched $(XPATCHES) scripts/prepare-tree.sh
	./scripts/prepare-tree.sh $(SRC)/kexec-tools-2.0.25 $(KTOOLS) kexec-tools-patches
	@touch $@
$(KTOOLS)-stock/.prepared: $(BUILD)/.fetched
	./scripts/prepare-tree.sh $(SRC)/kexec-tools-2.0.25 $(KTOOLS)-stock -
	@touch $@

$(BUILD)/kexec: $(KTOOLS)/.prepared FORCE
	./scripts/build-kexec.sh $(KTOOLS) $@
$(BUILD)/kexec-stock: $(KTOOLS)-stock/.prepared FORCE
	./scripts/build-kexec.sh $(KTOOLS)-stock $@

# The kernel side as the series for the mailing list (kernel-series/, see
# scripts/series-kernel.sh): build/series/, format-patch files and a cover
# letter against Debian's 6.1 source.
series: $(BUILD)/.fetched
	./scripts/series-kernel.sh $(SRC)/linux-source-6.1 $(BUILD)/series

# The quilt series as `git format-patch` files with a cover letter, for the
# kexec mailing list (scripts/series-kexec-tools.sh).
series-kexec-tools: $(BUILD)/.fetched
	./scripts/series-kexec-tools.sh $(SRC)/kexec-tools-2.0.25 $(BUILD)/series-kexec-tools

# --- user space and UEFI ---------------------------------------------------
$(BUILD)/persistctl: $(BUILD)/.setup FORCE
	$(MAKE) -s -C tools OUT=$(ABUILD)
$(BUILD)/persist_memmap.efi: $(BUILD)/.setup FORCE
	$(MAKE) -s -C efi OUT=$(ABUILD)

# --- the test initramfs ----------------------------------------------------
GUEST_TOOLS := $(addprefix $(BUILD)/guest/,pe-memread pe-abi-test pe-kexec-seg pe-scatter \
		pe-record pe-tsc pe-handoff)
$(BUILD)/guest/%: tests/qemu/guest/%.c include/uapi/linux/persist_e820.h
	@mkdir -p $(@D)
	$(CC) -static -O2 -Wall -Wextra -Werror -Iinclude/uapi -o $@ $<

$(BUILD)/gen_init_cpio: $(LINUX)/.prepared
	$(CC) -O2 -o $@ $(LINUX)/usr/gen_init_cpio.c

$(BUILD)/initramfs.cpio: $(BUILD)/gen_init_cpio $(KERNELS) $(TOOLS) $(GUEST_TOOLS) \
		scripts/mkinitramfs.sh $(wildcard tests/qemu/guest/*) \
		$(wildcard tests/qemu/scenarios/*.sh tests/qemu/selftest/*.sh \
			   tests/bench/scenarios/*.sh)
	./scripts/mkinitramfs.sh $(BUILD)

# --- tests and demo --------------------------------------------------------
unit: $(BUILD)/.setup
	$(MAKE) -s -C tests/unit OUT=$(ABUILD) check

# The record parser under libFuzzer for FUZZ_TIME seconds (check: 20)
FUZZ_TIME ?= 300
fuzz: $(BUILD)/.setup
	$(MAKE) -s -C tests/fuzz run OUT=$(ABUILD) FUZZ_TIME=$(FUZZ_TIME)

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
