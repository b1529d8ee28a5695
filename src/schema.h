/* schema.h -- what a layout file may say, checked before anything is laid out.
 *
 * schema.c holds one table describing every section, element and key of the
 * layout language (type, default, allowed values, doc line).  kh_schema_check
 * walks a parsed layout and reports every unknown key ("did you mean ..."),
 * wrong type, bad unit, bad colour and missing required key at its position,
 * several per run.  After a clean check the layout engine reads values with
 * the kh_prop_* getters below, which trust the check: on a value the check
 * would have refused they return the default.
 *
 * Elements: a map with exactly one element key (text, flow, box, line,
 * connector, image, list, table, repeat, chart, vertical); its value is the
 * element's main value (a scalar or list) or a map of its properties;
 * further properties may stand beside it.  kh_prop looks in both places.
 */
#ifndef KH_SCHEMA_H
#define KH_SCHEMA_H

#include "display.h"
#include "table.h"
#include "yaml.h"

/* Check a whole layout (root of the file).  Returns the number of errors. */
int kh_schema_check(const kh_ynode *root);

/* ---- values ---- */

typedef struct kh_len {
	double v;    /* pt, or a fraction (0.5 = 50%) when pct */
	int pct;     /* relative to the enclosing frame's width or height */
	int em;      /* v is in em of the current font size */
	int set;     /* the key was present */
} kh_len;

static inline double kh_len_pt(kh_len l, double ref, double em)
{
	return l.pct ? l.v * ref : l.em ? l.v * em : l.v;
}

/* Parse "12mm", "3.5pt", "1in", "2cm", "20Q", "50%", "1em", "0", "-3mm".
 * Units are case-sensitive; a number without a unit other than 0 is
 * refused.  Returns 0 or -1 after reporting at n->loc (with the units
 * allowed). */
int kh_parse_len(const kh_ynode *n, kh_len *out);
/* Colours: "#1F3A68", "#fff", "cmyk(100, 60, 0, 20)" (percent), "gray(40)"
 * (40% black ink: KH_COLOR_GRAY with v[0] = 0.6, the DeviceGray level),
 * "black", "white", "none", or a name from the layout's colors: section
 * (palette may be NULL).  Returns 0, or -1 after reporting. */
int kh_parse_color(const kh_ynode *n, const kh_ynode *palette, kh_color *out);

/* ---- getters on checked elements ----
 *
 * They work on any mapping (styles, masters, table columns too); on an
 * element they also look inside the kind's own mapping (`box: {fill: x}`).
 * Where a key is absent, kh_prop_len, kh_prop_sides and kh_prop_color take
 * the schema's default for the element's kind (a line's stroke is black, a
 * line-width 0.5pt); a length default comes back with .set = 0. */

const char *kh_elem_kind(const kh_ynode *el);        /* "text", "box", ...; "" if not an element */
kh_ynode *kh_elem_main(const kh_ynode *el);          /* main value, NULL if the kind's value is a map */
kh_ynode *kh_prop(const kh_ynode *el, const char *key); /* the value node, NULL if absent */
const char *kh_prop_str(const kh_ynode *el, const char *key, const char *def);
double kh_prop_num(const kh_ynode *el, const char *key, double def);
int kh_prop_bool(const kh_ynode *el, const char *key, int def);
kh_len kh_prop_len(const kh_ynode *el, const char *key);          /* .set = 0 when absent */
/* A list of n lengths ([x, y], [w, h], [x, y, w, h]); returns how many were
 * read.  "auto" (or a bad value) reads as .set = 0; a single length is a
 * list of one. */
int kh_prop_lens(const kh_ynode *el, const char *key, kh_len *out, int max);
/* CSS-like shorthand: 1 value = all sides, 2 = vertical horizontal, 4 = top right bottom left. */
int kh_prop_sides(const kh_ynode *el, const char *key, kh_len out[4]);
kh_color kh_prop_color(const kh_ynode *el, const char *key, const kh_ynode *palette);
/* Index of the value in a NULL-terminated list of choices, def if absent. */
int kh_prop_enum(const kh_ynode *el, const char *key, const char *const *choices, int def);

/* Filters (`where:`): conditions `column OP value` joined with `and`; OP is
 * == != < <= > >=; a value is quoted ('...' or "...") or a number (a bare
 * word is an error with a hint to quote it).  With t, columns are resolved (kh_table_require at the column's
 * position); without, only the syntax is checked.  Values are copied into
 * arena (may be NULL when out is NULL).  Returns the number of conditions
 * (0 when n is NULL), or -1 after reporting. */
int kh_parse_where(const kh_ynode *n, const kh_table *t, kh_filter *out, int max, kh_arena *arena);
/* `sort: column` or `sort: -column` (descending).  Returns the column (0
 * when t is NULL), -1 when n is NULL, -2 after reporting. */
int kh_parse_sort(const kh_ynode *n, const kh_table *t, int *desc);
/* Connector anchors "NAME.side" or "NAME.side@30%": side 0 top, 1 bottom,
 * 2 left, 3 right, 4 center; along 0..1 (0.5 when not given).  name is
 * copied into arena (NULL arena: not returned).  Returns 0 or -1 after
 * reporting. */
int kh_parse_anchor(const kh_ynode *n, const char **name, int *side, double *along, kh_arena *arena);

/* ---- the reference, generated from the table ---- */
/* Markdown list of every section, element and key (type, default, meaning):
 * `kumihan help layout` prints it and docs/layout-format.md includes it. */
void kh_schema_print_reference(FILE *out);
/* Every key, one "set.key" a line (for the test that the docs name them all). */
void kh_schema_print_keys(FILE *out);

#endif
