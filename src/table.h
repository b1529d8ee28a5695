/* table.h -- CSV tables: loading (csv.c, libcsv), columns by name, and the
 * row selections (filter, sort, group) that layouts repeat elements over
 * (table.c).
 */
#ifndef KH_TABLE_H
#define KH_TABLE_H

#include <stdio.h>
#include "diag.h"
#include "encoding.h"
#include "util.h"

typedef struct kh_table {
	const char *path;       /* as given (for messages) */
	kh_encoding encoding;   /* what it was decoded from */
	int ncols;
	const char **header;    /* ncols names */
	int *header_col;        /* 1-based column of each header name (characters) */
	int nrows;              /* data rows, header excluded */
	const char **cells;     /* nrows * ncols, UTF-8, never NULL */
	int *row_line;          /* 1-based source line where each data row starts */
	kh_arena *arena;        /* owns the above (cells, row_line: malloc'd); kh_table_drop frees all */
	int header_line;        /* line of the header row */
	int bom;                /* the file began with a byte-order mark */
	int declared;           /* the encoding was declared, not detected */
	char *text;             /* malloc'd decoded text the cells point into (kh_table_drop frees it) */
} kh_table;

/* Load and parse path.  enc KH_ENC_AUTO detects.  Returns NULL after reporting
 * every problem found (file:line:col: error: ...).  The rules (docs/csv.md):
 * RFC 4180 with LF, CRLF or CR line ends, spaces kept, quoted newlines read as
 * LF, blank lines skipped; the first row is the header (names non-empty and
 * distinct); every row has as many fields as the header.  A header without
 * rows is a warning.  A file that cannot be read is reported as
 * "kumihan: error: cannot open 'PATH': reason". */
kh_table *kh_table_load(const char *path, kh_encoding enc);
/* Parse from memory (name used in messages). */
kh_table *kh_table_parse(const char *name, const char *data, size_t len, kh_encoding enc);
void kh_table_drop(kh_table *t);

static inline const char *kh_table_cell(const kh_table *t, int row, int col)
{
	return t->cells[(size_t)row * (size_t)t->ncols + (size_t)col];
}

/* Column index by name, -1 if absent. */
int kh_table_column(const kh_table *t, const char *name);
/* Same, but report a missing column at `where` (the layout position), listing
 * the columns the table has and the closest match. */
int kh_table_require(const kh_table *t, const char *name, kh_loc where);
/* Location of a cell in the CSV (for messages about data values). */
kh_loc kh_table_cell_loc(const kh_table *t, int row, int col);

/* Values as tables compare them.  A number is [+-]digits[.digits], the
 * integer part optionally grouped by ',' in threes ("1,234,567"); nothing
 * else (no spaces, no full-width digits, no exponent). */
int kh_value_is_number(const char *s);
/* <0, 0, >0: numerically (exactly, any number of digits) when both are
 * numbers, else by code point. */
int kh_value_compare(const char *a, const char *b);

/* Row selections: arrays of row indices into a table. */
typedef struct kh_rows {
	int n;
	int *idx;
} kh_rows;

/* Filter ops for kh_table_select. */
typedef enum { KH_CMP_EQ, KH_CMP_NE, KH_CMP_LT, KH_CMP_LE, KH_CMP_GT, KH_CMP_GE } kh_cmp;
typedef struct kh_filter {
	int col;
	kh_cmp op;
	const char *value;     /* compared numerically when both sides are numbers */
} kh_filter;

/* Rows passing every filter (kh_value_compare of the cell with value), sorted
 * by sort_col (-1: file order; numerically if every non-empty value of the
 * column, in the whole table, is a number, else by code point; an empty cell
 * is the smallest value; stable: equal values keep file order, also when
 * descending), descending if desc.  idx allocated in arena. */
kh_rows kh_table_select(const kh_table *t, const kh_filter *filters, int nfilters, int sort_col,
                        int desc, kh_arena *arena);

typedef struct kh_group {
	const char *key;
	kh_rows rows;          /* file order (or the selection's order) kept inside */
} kh_group;
/* Group the selected rows by a column, groups in order of first appearance. */
int kh_table_group(const kh_table *t, kh_rows rows, int col, kh_group **groups, kh_arena *arena);

/* `kumihan data`: human-readable summary (encoding, header, row count, first
 * rows or all) or exactly one JSON array of records, header first. */
void kh_table_print(const kh_table *t, FILE *out, int all);
void kh_table_print_json(const kh_table *t, FILE *out);

#endif
