/* bind.c -- STUB (owner: layout-language helper). */
#include "bind.h"
const char *kh_bind_text(const kh_bindctx *ctx, const char *source, kh_loc where) { (void)ctx; (void)where; return source; }
const char *kh_format_year(const kh_locale *loc, long year, kh_arena *arena) { (void)loc; return kh_arena_printf(arena, "%ld", year); }
