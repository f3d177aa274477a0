/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared helpers for the cmocka unit tests: temporary directories, fake
 * memmap trees and the sample map used by several test files.
 */
#ifndef UNIT_HELPERS_H
#define UNIT_HELPERS_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

/* cmocka group setup/teardown: *state becomes a fresh temp dir (char *). */
int tmpdir_setup(void **state);
int tmpdir_teardown(void **state);

/* "@a/@b" in @buf (PATH_MAX bytes); fails the test if it does not fit. */
char *path_join(char *buf, const char *a, const char *b);

void put_dir(const char *root, const char *rel);
/* Write @len bytes of @data to @root/@rel. */
void put_file(const char *root, const char *rel, const void *data, size_t len);
/* Write the string @data (without its NUL) to @root/@rel. */
void put_str(const char *root, const char *rel, const char *data);
/* Create @root/@name/{start,end,type}; a NULL value leaves that file out. */
void put_entry(const char *root, const char *name, const char *start,
	       const char *end, const char *type);

/* Whole file as a malloc()ed NUL-terminated string. */
char *slurp(const char *path);

/* Sample tree (entry names deliberately not in start order)... */
void put_sample_tree(const char *root);
/* ...and what persistctl prints for it. */
extern const char sample_json[];
extern const char sample_table[];

#endif /* UNIT_HELPERS_H */
