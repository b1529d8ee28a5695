/* fuzz_csv.c -- libFuzzer target for the CSV loader: the bytes as a file,
 * detected and under a declared encoding, then everything a layout or
 * `kumihan data` does with a table (positions, select, sort, group, both
 * views).  Messages go to /dev/null. */
#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *devnull;

static void use(kh_table *t)
{
	kh_arena *a;
	kh_rows rows;
	kh_group *groups;
	kh_filter f;
	if (!t)
		return;
	a = kh_arena_new();
	kh_table_print(t, devnull, 1);
	kh_table_print_json(t, devnull);
	for (int r = 0; r < t->nrows && r < 64; r++)
		for (int c = 0; c < t->ncols && c < 16; c++)
			(void)kh_table_cell_loc(t, r, c);
	kh_table_require(t, t->ncols ? t->header[0] : "x", kh_loc_make("fuzz.yaml", 1, 1));
	kh_table_require(t, "no such column", kh_loc_make("fuzz.yaml", 1, 1));
	f.col = t->ncols - 1;
	f.op = KH_CMP_GE;
	f.value = "10";
	rows = kh_table_select(t, &f, 1, 0, 1, a);
	kh_table_group(t, rows, t->ncols > 1 ? 1 : 0, &groups, a);
	rows = kh_table_select(t, NULL, 0, t->ncols - 1, 0, a);
	kh_table_group(t, rows, 0, &groups, a);
	kh_arena_drop(a);
	kh_table_drop(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const kh_encoding declared[] = {KH_ENC_UTF8, KH_ENC_CP932, KH_ENC_EUCJP, KH_ENC_UTF16LE,
	                                       KH_ENC_UTF16BE, KH_ENC_UTF16};
	if (!devnull) {
		devnull = fopen("/dev/null", "w");
		kh_diag_set_output(devnull);
	}
	kh_diag_reset();
	use(kh_table_parse("fuzz.csv", (const char *)data, size, KH_ENC_AUTO));
	kh_diag_reset();
	use(kh_table_parse("fuzz.csv", (const char *)data, size, declared[size % KH_COUNT(declared)]));
	return 0;
}
