/* edition.c -- STUB (owner: engine helper). */
#include "layout.h"
int kh_build(const kh_build_opts *opts) { kh_error(kh_loc_make(opts->layout, 0, 0), "building is not implemented yet"); return 1; }
int kh_layout_fonts_report(const char *layout, const char *locale, FILE *out) { (void)locale; (void)out; kh_error(kh_loc_make(layout, 0, 0), "not implemented yet"); return 1; }
