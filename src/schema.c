/* schema.c -- STUB (owner: layout-language helper). */
#include "schema.h"
int kh_schema_check(const kh_ynode *root) { (void)root; return 0; }
int kh_parse_len(const kh_ynode *n, kh_len *out) { (void)n; out->v = 0; return -1; }
int kh_parse_color(const kh_ynode *n, const kh_ynode *p, kh_color *out) { (void)n; (void)p; out->space = KH_COLOR_NONE; return -1; }
const char *kh_elem_kind(const kh_ynode *el) { (void)el; return ""; }
kh_ynode *kh_elem_main(const kh_ynode *el) { (void)el; return NULL; }
kh_ynode *kh_prop(const kh_ynode *el, const char *key) { (void)el; (void)key; return NULL; }
const char *kh_prop_str(const kh_ynode *el, const char *key, const char *def) { (void)el; (void)key; return def; }
double kh_prop_num(const kh_ynode *el, const char *key, double def) { (void)el; (void)key; return def; }
int kh_prop_bool(const kh_ynode *el, const char *key, int def) { (void)el; (void)key; return def; }
kh_len kh_prop_len(const kh_ynode *el, const char *key) { kh_len l = {0, 0, 0, 0}; (void)el; (void)key; return l; }
int kh_prop_lens(const kh_ynode *el, const char *key, kh_len *out, int max) { (void)el; (void)key; (void)out; (void)max; return 0; }
int kh_prop_sides(const kh_ynode *el, const char *key, kh_len out[4]) { (void)el; (void)key; (void)out; return 0; }
kh_color kh_prop_color(const kh_ynode *el, const char *key, const kh_ynode *p) { kh_color c = {KH_COLOR_NONE, {0, 0, 0, 0}}; (void)el; (void)key; (void)p; return c; }
int kh_prop_enum(const kh_ynode *el, const char *key, const char *const *choices, int def) { (void)el; (void)key; (void)choices; return def; }
void kh_schema_print_reference(FILE *out) { (void)out; }
