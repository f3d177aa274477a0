# SPDX-License-Identifier: GPL-2.0
#
# Library sources (relative to tools/) shared by persistctl and the host
# unit tests in tests/unit, which compile them directly with sanitizers.
PERSISTCTL_LIB_SRCS := memmap.c memmap_fmt.c util.c
