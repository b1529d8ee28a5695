/* fuzz_yaml.c -- libFuzzer target: any bytes as a layout file, through the
 * YAML reader (kh_yaml_parse), the checker (kh_schema_check) and the getters
 * the engine uses on every element.  Nothing may crash, leak or hang. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "bind.h"
#include "diag.h"
#include "schema.h"
#include "yaml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *sink;

static void visit(const kh_ynode *n, const kh_ynode *palette, int depth)
{
	static const char *const keys[] = {"at", "size", "width", "padding", "fill", "stroke", "keep", "columns",
	                                   "arrow", "dash", "margins", "where", "sort", "from", NULL};
	static const char *const arrows[] = {"none", "start", "end", "both", NULL};
	if (!n || depth > 64)
		return;
	if (n->kind == KH_Y_MAP) {
		kh_len l[4];
		int desc;
		(void)kh_elem_kind(n);
		(void)kh_elem_main(n);
		for (int i = 0; keys[i]; i++) {
			(void)kh_prop_len(n, keys[i]);
			(void)kh_prop_lens(n, keys[i], l, 4);
			(void)kh_prop_sides(n, keys[i], l);
			(void)kh_prop_color(n, keys[i], palette);
			(void)kh_prop_num(n, keys[i], 0);
			(void)kh_prop_bool(n, keys[i], 0);
			(void)kh_prop_enum(n, keys[i], arrows, 0);
			(void)kh_prop_str(n, keys[i], NULL);
		}
		(void)kh_parse_sort(kh_prop(n, "sort"), NULL, &desc);
		for (int i = 0; i < n->n; i++)
			visit(n->vals[i], palette, depth + 1);
	} else if (n->kind == KH_Y_SEQ) {
		for (int i = 0; i < n->n; i++)
			visit(n->vals[i], palette, depth + 1);
	} else {
		kh_len l;
		kh_color c;
		(void)kh_parse_len(n, &l);
		(void)kh_parse_color(n, palette, &c);
		(void)kh_yscalar_loc(n, 3);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	kh_arena *a = kh_arena_new();
	kh_ynode *root;
	if (!sink)
		sink = fopen("/dev/null", "w");
	kh_diag_set_output(sink);
	kh_diag_reset();
	root = kh_yaml_parse("fuzz.yaml", (const char *)data, size, a);
	if (root) {
		kh_locale loc;
		kh_schema_check(root);
		kh_diag_reset();
		visit(root, kh_ymap_get(root, "colors"), 0);
		(void)kh_locale_init(&loc, root, NULL, KH_NOLOC);
		(void)kh_locale_init(&loc, root, "en", KH_NOLOC);
	}
	kh_bind_forget();
	kh_arena_drop(a);
	return 0;
}
