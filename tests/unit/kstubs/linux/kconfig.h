/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stub of the kernel's <linux/kconfig.h>: IS_ENABLED() and friends,
 * the kernel's definitions. Like the kernel's build, the Makefiles include
 * it in every file (-include), not the files themselves.
 */
#ifndef _KSTUBS_LINUX_KCONFIG_H
#define _KSTUBS_LINUX_KCONFIG_H

/* 1 if @x is defined to 1 (as -DCONFIG_FOO defines it), else 0 */
#define __ARG_PLACEHOLDER_1 0,
#define __take_second_arg(__ignored, val, ...) val
#define __is_defined(x)			___is_defined(x)
#define ___is_defined(val)		____is_defined(__ARG_PLACEHOLDER_##val)
#define ____is_defined(arg1_or_junk)	__take_second_arg(arg1_or_junk 1, 0)

#define IS_BUILTIN(option)	__is_defined(option)
#define IS_MODULE(option)	__is_defined(option##_MODULE)
#define IS_ENABLED(option)	(IS_BUILTIN(option) || IS_MODULE(option))

#endif /* _KSTUBS_LINUX_KCONFIG_H */
