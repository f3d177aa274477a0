// SPDX-License-Identifier: GPL-2.0
/*
 * Human-readable table and JSON output of a struct memmap.
 */
#include <inttypes.h>
#include <string.h>

#include "memmap.h"
#include "util.h"

#define SIZE_HEADER	"SIZE"

/* Width of the SIZE column: the longest size string or the header. */
static int size_width(const struct memmap *map)
{
	char buf[SIZE_STR_MAX];
	size_t i, len, width = strlen(SIZE_HEADER);

	for (i = 0; i < map->nr; i++) {
		len = strlen(format_size(memmap_entry_size(&map->entries[i]),
					 buf, sizeof(buf)));
		if (len > width)
			width = len;
	}
	return (int)width;
}

static void print_total(FILE *f, const char *what, uint64_t bytes)
{
	char buf[SIZE_STR_MAX];

	fprintf(f, "%s %s (%" PRIu64 " bytes)", what,
		format_size_approx(bytes, buf, sizeof(buf)), bytes);
}

int memmap_print_table(FILE *f, const struct memmap *map)
{
	struct memmap_totals totals;
	const struct memmap_entry *e;
	char buf[SIZE_STR_MAX];
	int ret, width;
	size_t i;

	ret = memmap_totals(map, &totals);
	if (ret)
		return ret;

	width = size_width(map);
	fprintf(f, "%-18s %-18s %*s  %s\n", "START", "END", width,
		SIZE_HEADER, "TYPE");
	for (i = 0; i < map->nr; i++) {
		e = &map->entries[i];
		fprintf(f, "0x%016" PRIx64 " 0x%016" PRIx64 " %*s  %s\n",
			e->start, e->end, width,
			format_size(memmap_entry_size(e), buf, sizeof(buf)),
			e->type);
	}
	print_total(f, "Total: RAM", totals.ram);
	print_total(f, ", non-RAM", totals.other);
	fputc('\n', f);
	return 0;
}

static void json_put_entry(FILE *f, const struct memmap_entry *e)
{
	fprintf(f, "{\"start\": %" PRIu64 ", \"end\": %" PRIu64
		", \"size\": %" PRIu64 ", \"type\": ",
		e->start, e->end, memmap_entry_size(e));
	json_put_string(f, e->type);
	fputc('}', f);
}

int memmap_print_json(FILE *f, const struct memmap *map)
{
	struct memmap_totals totals;
	size_t i;
	int ret;

	ret = memmap_totals(map, &totals);
	if (ret)
		return ret;

	fputs("{\n  \"memmap\": [", f);
	for (i = 0; i < map->nr; i++) {
		fputs(i ? ",\n    " : "\n    ", f);
		json_put_entry(f, &map->entries[i]);
	}
	fputs(map->nr ? "\n  ],\n" : "],\n", f);
	fprintf(f, "  \"total_ram\": %" PRIu64 ",\n", totals.ram);
	fprintf(f, "  \"total_non_ram\": %" PRIu64 "\n}\n", totals.other);
	return 0;
}
