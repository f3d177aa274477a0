// SPDX-License-Identifier: GPL-2.0
/*
 * Human-readable table and JSON output of a list of persisted ranges.
 */
#include <inttypes.h>
#include <string.h>

#include "persist.h"
#include "util.h"

#define NAME_HEADER	"NAME"
#define SIZE_HEADER	"SIZE"
#define OWNER_HEADER	"OWNER"

/* A range's name and owner as printable C strings. */
struct range_strs {
	char name[PERSIST_E820_NAME_LEN + 1];
	char owner[PERSIST_E820_OWNER_LEN + 1];
};

static void range_strs(struct range_strs *s, const struct persist_e820_range *r)
{
	pe_range_str(s->name, r->name, sizeof(r->name));
	pe_range_str(s->owner, r->owner, sizeof(r->owner));
}

struct widths {
	int name, size, owner;
};

static int max_width(int width, size_t len)
{
	return (int)len > width ? (int)len : width;
}

static void column_widths(const struct pe_ranges *rs, struct widths *w)
{
	char buf[SIZE_STR_MAX];
	struct range_strs s;
	size_t i;

	w->name = strlen(NAME_HEADER);
	w->size = strlen(SIZE_HEADER);
	w->owner = strlen(OWNER_HEADER);
	for (i = 0; i < rs->nr; i++) {
		range_strs(&s, &rs->ranges[i]);
		w->name = max_width(w->name, strlen(s.name));
		w->owner = max_width(w->owner, strlen(s.owner));
		w->size = max_width(w->size,
				    strlen(format_size(rs->ranges[i].length,
						       buf, sizeof(buf))));
	}
}

void pe_print_table(FILE *f, const struct pe_ranges *rs)
{
	const struct persist_e820_range *r;
	char buf[SIZE_STR_MAX];
	struct range_strs s;
	struct widths w;
	size_t i;

	column_widths(rs, &w);
	fprintf(f, "%-*s  %-18s %-18s %*s  %-*s  %s\n", w.name, NAME_HEADER,
		"START", "END", w.size, SIZE_HEADER, w.owner, OWNER_HEADER,
		"ORIGIN");
	for (i = 0; i < rs->nr; i++) {
		r = &rs->ranges[i];
		range_strs(&s, r);
		fprintf(f, "%-*s  0x%016" PRIx64 " 0x%016" PRIx64 " %*s  %-*s  %s\n",
			w.name, s.name, (uint64_t)r->start, pe_range_end(r), w.size,
			format_size(r->length, buf, sizeof(buf)), w.owner,
			s.owner, pe_origin(r->flags));
	}
	fprintf(f, "%zu range%s, generation %" PRIu64 "\n", rs->nr,
		rs->nr == 1 ? "" : "s", rs->generation);
}

static void json_put_range(FILE *f, const struct persist_e820_range *r)
{
	struct range_strs s;

	range_strs(&s, r);
	fputs("{\"name\": ", f);
	json_put_string(f, s.name);
	fprintf(f, ", \"start\": %" PRIu64 ", \"end\": %" PRIu64
		", \"size\": %" PRIu64 ", \"owner\": ",
		(uint64_t)r->start, pe_range_end(r), (uint64_t)r->length);
	json_put_string(f, s.owner);
	fputs(", \"origin\": ", f);
	json_put_string(f, pe_origin(r->flags));
	fputc('}', f);
}

void pe_print_json(FILE *f, const struct pe_ranges *rs)
{
	size_t i;

	fprintf(f, "{\n  \"generation\": %" PRIu64 ",\n  \"ranges\": [",
		rs->generation);
	for (i = 0; i < rs->nr; i++) {
		fputs(i ? ",\n    " : "\n    ", f);
		json_put_range(f, &rs->ranges[i]);
	}
	fputs(rs->nr ? "\n  ]\n}\n" : "]\n}\n", f);
}
