/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stub of the kernel's <linux/printk.h>: pr_err() and co. print
 * nothing (a fuzzer calls them millions of times), but their format and
 * arguments are checked as the kernel's are.
 */
#ifndef _KSTUBS_LINUX_PRINTK_H
#define _KSTUBS_LINUX_PRINTK_H

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif

static inline __attribute__((format(printf, 1, 2)))
void pr_stub(const char *fmt, ...)
{
}

#define pr_err(fmt, ...)	pr_stub(pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...)	pr_stub(pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...)	pr_stub(pr_fmt(fmt), ##__VA_ARGS__)

#endif /* _KSTUBS_LINUX_PRINTK_H */
