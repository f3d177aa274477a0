// SPDX-License-Identifier: GPL-2.0
/*
 * Number parsing and size formatting helpers for persistctl.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

#include "util.h"

static const struct {
	char suffix;
	unsigned int shift;
} size_units[] = {
	{ 'K', 10 },
	{ 'M', 20 },
	{ 'G', 30 },
};

static int digit_value(char c, unsigned int base)
{
	int v;

	if (c >= '0' && c <= '9')
		v = c - '0';
	else if (c >= 'a' && c <= 'f')
		v = c - 'a' + 10;
	else if (c >= 'A' && c <= 'F')
		v = c - 'A' + 10;
	else
		return -1;

	return v < (int)base ? v : -1;
}

int parse_u64(const char *s, const char **endp, uint64_t *out)
{
	unsigned int base = 10;
	bool overflow = false;
	const char *p = s;
	uint64_t val = 0;
	int d;

	if (has_hex_prefix(p)) {
		base = 16;
		p += 2;
	}
	if (digit_value(*p, base) < 0) {
		*endp = s;
		return -EINVAL;
	}
	for (; (d = digit_value(*p, base)) >= 0; p++) {
		if (val > (UINT64_MAX - d) / base)
			overflow = true;
		else
			val = val * base + d;
	}
	*endp = p;
	if (overflow)
		return -ERANGE;

	*out = val;
	return 0;
}

/* Shift for the unit suffix at *p (0 for none), advancing *p past it. */
static int unit_shift(const char **p)
{
	size_t i;

	if (!**p)
		return 0;
	for (i = 0; i < ARRAY_SIZE(size_units); i++) {
		if (toupper((unsigned char)**p) == size_units[i].suffix) {
			(*p)++;
			return size_units[i].shift;
		}
	}
	return -1;
}

int parse_size(const char *s, unsigned int flags, uint64_t *out)
{
	const char *end;
	uint64_t val;
	int ret, shift;

	if (!s)
		return -EINVAL;

	ret = parse_u64(s, &end, &val);
	shift = unit_shift(&end);
	if (ret == -EINVAL || shift < 0 || *end)
		return -EINVAL;
	if (ret)
		return ret;
	if (val > UINT64_MAX >> shift)
		return -ERANGE;

	val <<= shift;
	if (!val && (flags & PARSE_SIZE_NONZERO))
		return -EINVAL;

	*out = val;
	return 0;
}

char *format_size(uint64_t bytes, char *buf, size_t len)
{
	size_t i;

	for (i = ARRAY_SIZE(size_units); i-- > 0;) {
		unsigned int shift = size_units[i].shift;

		if (bytes && !(bytes & ((1ULL << shift) - 1))) {
			snprintf(buf, len, "%" PRIu64 "%c", bytes >> shift,
				 size_units[i].suffix);
			return buf;
		}
	}
	snprintf(buf, len, "%" PRIu64, bytes);
	return buf;
}

char *format_size_approx(uint64_t bytes, char *buf, size_t len)
{
	size_t i;

	for (i = ARRAY_SIZE(size_units); i-- > 0;) {
		unsigned int shift = size_units[i].shift;
		uint64_t mask = (1ULL << shift) - 1;
		uint64_t whole, tenths;

		if (bytes >> shift == 0)
			continue;

		whole = bytes >> shift;
		tenths = ((bytes & mask) * 10 + (1ULL << (shift - 1))) >> shift;
		if (tenths == 10) {
			whole++;
			tenths = 0;
		}
		snprintf(buf, len, "%" PRIu64 ".%" PRIu64 "%c", whole, tenths,
			 size_units[i].suffix);
		return buf;
	}
	snprintf(buf, len, "%" PRIu64, bytes);
	return buf;
}

void json_put_string(FILE *f, const char *s)
{
	const unsigned char *p;

	fputc('"', f);
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p < 0x20)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}
