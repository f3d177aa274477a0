# SPDX-License-Identifier: GPL-2.0
#
# Library sources (relative to tools/) shared by persistctl and the host
# unit tests in tests/unit, which compile them directly with sanitizers.
PERSISTCTL_LIB_SRCS := memmap.c memmap_fmt.c util.c persist.c persist_fmt.c

# The driver ABI, <linux/persist_e820.h>, comes from the repo's
# include/uapi, searched before the system headers (which still provide
# <linux/types.h> and <linux/ioctl.h>).  Both the tools Makefile and
# tests/unit append $(CFLAGS) to their compiler flags after including this
# file, so prepending the -I here reaches both, also when CFLAGS is given
# on the command line.
PERSISTCTL_UAPI_DIR := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))../include/uapi)
override CFLAGS := -I$(PERSISTCTL_UAPI_DIR) $(CFLAGS)
