/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stub of the kernel's <asm/setup_data.h>: the host's uapi
 * <asm/bootparam.h> (Linux 6.1's) still holds struct setup_data and the
 * SETUP_* types, with the same layout and values.
 */
#ifndef _KSTUBS_ASM_SETUP_DATA_H
#define _KSTUBS_ASM_SETUP_DATA_H

#include <asm/bootparam.h>

#endif /* _KSTUBS_ASM_SETUP_DATA_H */
