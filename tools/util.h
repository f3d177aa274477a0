/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Number parsing and size formatting helpers for persistctl.
 *
 * Sizes are 1024-based: K = 2^10, M = 2^20, G = 2^30 (either case).
 */
#ifndef PERSISTCTL_UTIL_H
#define PERSISTCTL_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define __printf(a, b)		__attribute__((format(printf, a, b)))

/* parse_size() flags */
#define PARSE_SIZE_NONZERO	0x1u	/* reject a size of 0 with -EINVAL */

/* Big enough for any format_size() or format_size_approx() result. */
#define SIZE_STR_MAX		24

static inline bool has_hex_prefix(const char *s)
{
	return s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
}

/*
 * parse_u64() - parse an unsigned decimal or "0x"-prefixed hex number
 * @s:    string; no leading whitespace or sign is accepted.  A leading 0
 *        without "x" is decimal, not octal.
 * @endp: set to the first character after the digits (to @s on -EINVAL)
 * @out:  the value; written only on success
 *
 * Return: 0, -EINVAL if @s does not start with a digit, -ERANGE if the
 * value does not fit in 64 bits (*endp is still set past all the digits,
 * so callers can report trailing garbage in preference to the overflow).
 */
int parse_u64(const char *s, const char **endp, uint64_t *out);

/*
 * parse_size() - parse a size such as "4096", "16K", "2g" or "0x1000"
 * @s:     number as accepted by parse_u64(), optionally followed by one
 *         of K, M, G (k, m, g), and nothing else
 * @flags: PARSE_SIZE_* flags
 * @out:   the size in bytes; written only on success
 *
 * Return: 0; -EINVAL on NULL, empty input, a sign, whitespace, an unknown
 * suffix, trailing garbage, or 0 with PARSE_SIZE_NONZERO; -ERANGE if the
 * size does not fit in 64 bits.
 */
int parse_size(const char *s, unsigned int flags, uint64_t *out);

/*
 * format_size() - exact human size: the number in the largest unit (G, M,
 * K) that divides @bytes exactly, else plain bytes ("639K", "2047M",
 * "1G", "4097").  The result is accepted back by parse_size().
 */
char *format_size(uint64_t bytes, char *buf, size_t len);

/*
 * format_size_approx() - approximate human size with one decimal, rounded
 * to nearest ("24.0G", "1.5K"); plain bytes below 1K.
 */
char *format_size_approx(uint64_t bytes, char *buf, size_t len);

/*
 * json_put_string() - @s as a JSON string in quotes, with '"' and the
 * backslash escaped by a backslash and control characters as \u00XX.
 */
void json_put_string(FILE *f, const char *s);

#endif /* PERSISTCTL_UTIL_H */
