/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stub of the kernel's <linux/kobject.h>: struct kobject as a
 * complete type, so that structures embedding one can be declared. Its
 * fields are not the kernel's: the pure files never touch one.
 */
#ifndef _KSTUBS_LINUX_KOBJECT_H
#define _KSTUBS_LINUX_KOBJECT_H

struct kobject {
	const char *name;
};

#endif /* _KSTUBS_LINUX_KOBJECT_H */
