// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for persistctl's number and size parsing, the real
 * tools/util.c: parse_u64() and parse_size() ("alloc NAME SIZE"), and the
 * formatters whose output must parse back.
 *
 * Input: a flag byte (bit 0: PARSE_SIZE_NONZERO), then the string (up to
 * its first NUL, as argv would carry it).
 *
 * The oracle is an independent parser of the grammar in util.h, in 128-bit
 * arithmetic: parse_size() must return what it returns, with the same
 * value. format_size() of any value (the parsed one, and the string's
 * first 8 bytes as a number) must fit SIZE_STR_MAX and parse back to the
 * same value; format_size_approx() must fit too. A violation is
 * __builtin_trap(). Built with -DFUZZ_SEED it writes a good input to
 * stdout instead.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define CHECK(cond)	do { if (!(cond)) __builtin_trap(); } while (0)

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
		return (c | 0x20) - 'a' + 10;
	return -1;
}

/* The grammar of parse_size(), written independently */
static int ref_size(const char *s, unsigned int flags, uint64_t *out)
{
	unsigned __int128 v = 0;
	unsigned int base = 10, shift = 0;
	bool big = false;
	const char *p = s;
	int d;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	d = hexval(*p);
	if (d < 0 || d >= (int)base)
		return -EINVAL;
	for (; (d = hexval(*p)) >= 0 && d < (int)base; p++) {
		v = v * base + d;
		if (v >> 64) {
			big = true;
			v = (uint64_t)v;	/* keep it small; it is lost */
		}
	}
	switch (*p) {
	case 'k': case 'K':
		shift = 10;
		break;
	case 'm': case 'M':
		shift = 20;
		break;
	case 'g': case 'G':
		shift = 30;
		break;
	}
	if (shift)
		p++;
	if (*p)
		return -EINVAL;
	if (big || (v << shift) >> 64)
		return -ERANGE;
	v <<= shift;
	if (!v && (flags & PARSE_SIZE_NONZERO))
		return -EINVAL;
	*out = v;
	return 0;
}

/* format_size() and format_size_approx() of @v fit and parse back. */
static void check_format(uint64_t v)
{
	char buf[SIZE_STR_MAX], big[64];
	uint64_t back;

	format_size(v, buf, sizeof(buf));
	format_size(v, big, sizeof(big));
	CHECK(!strcmp(buf, big));
	CHECK(!parse_size(buf, 0, &back) && back == v);
	format_size_approx(v, buf, sizeof(buf));
	format_size_approx(v, big, sizeof(big));
	CHECK(!strcmp(buf, big));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint64_t got = 0x5a5a, want = 0xa5a5, first = 0;
	unsigned int flags;
	const char *end;
	size_t len;
	char *s;
	int ret;

	if (!size)
		return 0;
	flags = data[0] & 1;
	data++;
	size--;
	len = strnlen((const char *)data, size);
	/* Exactly the string and its NUL, so ASan sees any overrun */
	s = malloc(len + 1);
	if (!s)
		return 0;
	memcpy(s, data, len);
	s[len] = 0;

	ret = parse_size(s, flags, &got);
	CHECK(ret == ref_size(s, flags, &want));
	if (!ret) {
		CHECK(got == want);
		check_format(got);
	} else {
		CHECK(got == 0x5a5a);	/* written only on success */
	}

	/* parse_u64() stops inside the string, past the digits if any */
	ret = parse_u64(s, &end, &got);
	CHECK(end >= s && end <= s + len);
	CHECK(ret == -EINVAL ? end == s : end > s);

	memcpy(&first, s, len < 8 ? len : 8);
	check_format(first);
	free(s);
	return 0;
}

#ifdef FUZZ_SEED
/* A good input: a size with a suffix, the NONZERO flag set. */
int main(void)
{
	fputs("\001" "16K", stdout);
	return 0;
}
#endif
