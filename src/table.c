/* table.c -- STUB (owner: CSV helper). */
#include "table.h"
int kh_table_column(const kh_table *t, const char *name) { (void)t; (void)name; return -1; }
int kh_table_require(const kh_table *t, const char *name, kh_loc where) { (void)t; kh_error(where, "no column '%s'", name); return -1; }
kh_loc kh_table_cell_loc(const kh_table *t, int row, int col) { (void)row; (void)col; return kh_loc_make(t->path, 0, 0); }
kh_rows kh_table_select(const kh_table *t, const kh_filter *f, int nf, int sc, int desc, kh_arena *a) { kh_rows r = {0, NULL}; (void)t; (void)f; (void)nf; (void)sc; (void)desc; (void)a; return r; }
int kh_table_group(const kh_table *t, kh_rows rows, int col, kh_group **g, kh_arena *a) { (void)t; (void)rows; (void)col; (void)a; *g = NULL; return 0; }
void kh_table_print(const kh_table *t, FILE *out, int all) { (void)t; (void)out; (void)all; }
void kh_table_print_json(const kh_table *t, FILE *out) { (void)t; (void)out; }
