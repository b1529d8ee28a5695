/* font.c -- STUB (owner: fonts/PDF helper). */
#include <stdlib.h>
#include "font.h"
kh_fonts *kh_fonts_new(const char *d) { (void)d; return kh_xcalloc(1, 16); }
void kh_fonts_drop(kh_fonts *fs) { free(fs); }
kh_font *kh_fonts_lookup(kh_fonts *fs, const char *family, const char *style, kh_loc where) { (void)fs; (void)style; kh_error(where, "font '%s': fonts are not implemented yet", family); return NULL; }
kh_font *kh_fonts_load_file(kh_fonts *fs, const char *path, int index, kh_loc where) { (void)fs; (void)index; kh_error(where, "font '%s': not implemented yet", path); return NULL; }
int kh_fonts_count(const kh_fonts *fs) { (void)fs; return 0; }
kh_font *kh_fonts_get(const kh_fonts *fs, int i) { (void)fs; (void)i; return NULL; }
const char *kh_font_family(const kh_font *f) { (void)f; return ""; }
const char *kh_font_style(const kh_font *f) { (void)f; return ""; }
const char *kh_font_path(const kh_font *f) { (void)f; return ""; }
int kh_font_index(const kh_font *f) { (void)f; return 0; }
const char *kh_font_postscript_name(const kh_font *f) { (void)f; return ""; }
double kh_font_advance(kh_font *f, uint32_t cp, double size) { (void)f; (void)cp; return size; }
double kh_font_kern(kh_font *f, uint32_t a, uint32_t b, double size) { (void)f; (void)a; (void)b; (void)size; return 0; }
double kh_font_ascent(kh_font *f, double size) { (void)f; return size * 0.88; }
double kh_font_descent(kh_font *f, double size) { (void)f; return size * 0.12; }
double kh_font_cap_height(kh_font *f, double size) { (void)f; return size * 0.7; }
int kh_font_has(kh_font *f, uint32_t cp) { (void)f; (void)cp; return 1; }
void kh_font_use(kh_font *f, uint32_t cp) { (void)f; (void)cp; }
int kh_font_used(kh_font *f, const uint32_t **cps) { (void)f; *cps = NULL; return 0; }
int kh_font_subset(kh_font *f, unsigned char **data, size_t *len) { (void)f; *data = NULL; *len = 0; return -1; }
void kh_fonts_list_installed(FILE *out) { (void)out; }
