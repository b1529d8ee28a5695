/* edition.c -- one edition end to end: the pipeline driver.
 *
 *   layout file (yaml.c) -> check (schema.c) -> locale -> tables and the
 *   string table (csv.c) -> fonts (font.c) -> styles (resolved here) ->
 *   layout (layout.c) -> display list -> PDF (pdf.c, atomic) and/or dump.
 *
 * Every stage reports what it can and the driver goes on to the next stage
 * when that still makes sense, so one run shows as many problems as
 * possible; nothing is written if any error was reported.
 */
#include "layout.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "pdf.h"
#include "schema.h"

/* ---- small helpers on the checked tree ---- */

static const char *scalar(const kh_ynode *n)
{
	return n && n->kind == KH_Y_SCALAR ? n->str : NULL;
}

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int truthy(const char *s)
{
	return s && (!strcmp(s, "true") || !strcmp(s, "yes") || !strcmp(s, "on") || !strcmp(s, "1"));
}

/* "1.7" (a bare number) -> 1 and *v; anything with a unit -> 0. */
static int bare_number(const char *s, double *v)
{
	char *end;
	if (!s || !*s)
		return 0;
	*v = strtod(s, &end);
	return end != s && *end == 0;
}

/* ---- locale ---- */

/* Where an unknown -l locale is reported: the locales: key, else the file. */
static kh_loc locale_loc(const kh_doc *doc)
{
	const kh_ynode *k = kh_ymap_key(doc->root, "locales");
	return k ? k->loc : kh_loc_make(doc->path, 0, 0);
}

/* ---- data ---- */

static void load_tables(kh_doc *doc)
{
	const kh_ynode *data = kh_ymap_get(doc->root, "data");
	if (!data || data->kind != KH_Y_MAP)
		return;
	doc->table_names = kh_arena_alloc(doc->arena, (size_t)data->n * sizeof *doc->table_names);
	doc->tables = kh_arena_alloc(doc->arena, (size_t)data->n * sizeof *doc->tables);
	for (int i = 0; i < data->n; i++) {
		const kh_ynode *v = data->vals[i];
		const char *file = scalar(v), *encname = NULL;
		int enc = KH_ENC_AUTO;
		char *path;
		kh_table *t;
		if (v->kind == KH_Y_MAP) {
			file = scalar(kh_ymap_get(v, "file"));
			encname = scalar(kh_ymap_get(v, "encoding"));
		}
		if (!file || !*file)
			continue; /* the schema check has said so */
		if (encname && (enc = kh_encoding_parse(encname)) < 0)
			continue;
		path = kh_path_join(doc->dir, file);
		/* a file that cannot be opened was reported by the check, at its position */
		t = access(path, R_OK) == 0 ? kh_table_load(kh_arena_strdup(doc->arena, path), (kh_encoding)enc)
		                            : NULL;
		free(path);
		doc->table_names[doc->ntables] = data->keys[i]->str;
		doc->tables[doc->ntables++] = t; /* NULL when it failed: reported */
		if (t && !strcmp(data->keys[i]->str, "strings")) {
			int kc = kh_table_column(t, "key");
			int found = 0;
			doc->strings.table = t;
			doc->strings.key_col = kc >= 0 ? kc : 0;
			for (int c = 0; c < doc->locale.nchain; c++)
				found |= kh_table_column(t, doc->locale.chain[c]) >= 0;
			if (!found) {
				kh_error(v->loc, "the string table '%s' has no column for the locale '%s'", t->path,
				         doc->locale.name);
				kh_hint("add a column '%s' to its header", doc->locale.name);
			}
		}
	}
}

/* ---- styles ---- */

struct kh_fontcache {
	int n;
	size_t cap;
	const char **family;
	const char **face;  /* NULL: the regular face */
	kh_font **font;
};

/* The family the edition's fonts: map puts in family's place (names compared
 * as font lookup compares them: 'IPAex Gothic' is 'IPAexGothic'), or family. */
static const char *mapped_family(const kh_doc *doc, const char *family)
{
	const kh_ynode *m = doc->locale.fonts;
	if (m && m->kind == KH_Y_MAP)
		for (int i = 0; i < m->n; i++)
			if (kh_font_name_eq(m->keys[i]->str, family) && scalar(m->vals[i]) && *m->vals[i]->str)
				return m->vals[i]->str;
	return family;
}

/* A face of family (face NULL: the regular one), after the locale's
 * substitution when map, looked up once per family and face (a missing one
 * is reported once, at the first place that names it). */
static kh_font *font_for(kh_doc *doc, const char *family, const char *face, int map, kh_loc where)
{
	struct kh_fontcache *fc = doc->fontcache;
	kh_font *f;
	if (map)
		family = mapped_family(doc, family);
	for (int i = 0; i < fc->n; i++)
		if (kh_font_name_eq(fc->family[i], family) &&
		    (fc->face[i] && face ? kh_font_name_eq(fc->face[i], face) : fc->face[i] == face))
			return fc->font[i];
	f = kh_fonts_lookup(doc->fonts, family, face, where);
	kh_grow(&fc->family, sizeof *fc->family, (size_t)fc->n + 1, &fc->cap);
	fc->font = kh_xrealloc(fc->font, fc->cap * sizeof *fc->font);
	fc->face = kh_xrealloc(fc->face, fc->cap * sizeof *fc->face);
	fc->family[fc->n] = family;
	fc->face[fc->n] = face;
	fc->font[fc->n++] = f;
	return f;
}

/* The default Japanese fallback chain, after the style's own fallbacks: IPAmj
 * Mincho (Debian fonts-ipamj-mincho), made for the names in Japan's
 * resident registers, has the characters above U+FFFF (𠮷) and the Moji
 * Joho variation sequences the IPAex fonts lack.  Japanese editions only,
 * when it is installed and the style has room; docs/fonts.md. */
static void default_fallback(kh_doc *doc, kh_textstyle *ts)
{
	static const char *const chain[] = {"IPAmjMincho"};
	if (doc->locale.latin)
		return;
	for (size_t i = 0; i < KH_COUNT(chain) && ts->nfallback < (int)KH_COUNT(ts->fallback); i++) {
		kh_font *f = kh_fonts_find(doc->fonts, chain[i]);
		int dup = !f || f == ts->font;
		for (int j = 0; j < ts->nfallback && !dup; j++)
			dup = ts->fallback[j] == f;
		if (!dup)
			ts->fallback[ts->nfallback++] = f;
	}
}

/* Where style keys come from: a named style along its inherit chain (with
 * the locale's overrides), or an element's own keys. */
typedef struct keysrc {
	const kh_doc *doc;
	const kh_ynode *styles, *st; /* a style */
	const kh_ynode *el;          /* or an element */
	int list;                    /* the element is a list: its indent is the hanging indent */
	const kh_ynode *deflt;       /* styles.default: where every chain ends */
} keysrc;

static const kh_ynode *style_get(const keysrc *ks, const char *key)
{
	const kh_ynode *st = ks->st;
	if (ks->el)
		return ks->list && !strcmp(key, "indent") ? NULL : kh_prop(ks->el, key);
	for (int depth = 0; st && st->kind == KH_Y_MAP && depth < 64; depth++) {
		const kh_ynode *ov = kh_ymap_get(st, ks->doc->locale.name), *v;
		const char *inh;
		if (ov && ov->kind == KH_Y_MAP && (v = kh_ymap_get(ov, key)))
			return v;
		if ((v = kh_ymap_get(st, key)))
			return v;
		inh = scalar(kh_ymap_get(st, "inherit"));
		if (inh)
			st = kh_ymap_get(ks->styles, inh);
		else
			st = st != ks->deflt ? ks->deflt : NULL;
	}
	return NULL;
}

static double len_of(const kh_ynode *n, double em, double def)
{
	kh_len l;
	if (!n || kh_parse_len(n, &l) != 0)
		return def;
	return l.pct ? l.v * em : l.em ? l.v * em : l.v;
}

/* Apply the keys ks holds to ts (which holds the defaults or the base
 * style).  *ok is cleared when a font is missing (reported). */
static void apply_keys(kh_doc *doc, const keysrc *ks, kh_textstyle *ts, kh_loc where, int *ok)
{
	static const char *const aligns[] = {"left", "center", "right", "justify", NULL};
	static const char *const kinsokus[] = {"strict", "normal", "loose", NULL};
	const kh_ynode *n, *face;
	const char *s;
	n = style_get(ks, "font");
	face = style_get(ks, "face");
	if (!scalar(face) || !*face->str)
		face = NULL;
	if (scalar(n) || (face && ts->font)) {
		/* the font as named, through the edition's map; a face alone takes
		 * the family of the font the style has already (mapped) */
		const char *family = scalar(n) ? n->str : kh_font_family(ts->font);
		ts->font = font_for(doc, family, face ? face->str : NULL, scalar(n) != NULL, face ? face->loc : n->loc);
		if (!ts->font)
			*ok = 0;
	}
	if (!ks->el && (n = style_get(ks, "size"))) {
		double size = len_of(n, 10, 10);
		if (size > 0) {
			ts->leading = ts->leading / ts->size * size; /* a factor follows the size */
			ts->size = size;
		}
	}
	if ((n = style_get(ks, "leading"))) {
		double f;
		if (scalar(n) && bare_number(n->str, &f))
			ts->leading = f * ts->size;
		else
			ts->leading = len_of(n, ts->size, ts->leading);
	}
	if ((n = style_get(ks, "color")))
		kh_parse_color(n, doc->palette, &ts->color);
	if ((s = scalar(style_get(ks, "align"))))
		for (int i = 0; aligns[i]; i++)
			if (!strcmp(s, aligns[i]))
				ts->align = (kh_align)i;
	if ((n = style_get(ks, "indent")))
		ts->indent = len_of(n, ts->size, 0);
	if ((n = style_get(ks, "letter-spacing")))
		ts->letter_spacing = len_of(n, ts->size, 0);
	if ((s = scalar(style_get(ks, "kinsoku"))))
		for (int i = 0; kinsokus[i]; i++)
			if (!strcmp(s, kinsokus[i]))
				ts->kinsoku = (kh_kinsoku)i;
	if ((s = scalar(style_get(ks, "hanging"))))
		ts->hanging = truthy(s);
	if ((s = scalar(style_get(ks, "compress"))))
		ts->compress = truthy(s) ? 1 : -1; /* 0 leaves it to the script */
	if ((n = style_get(ks, "fallback"))) {
		int cnt = n->kind == KH_Y_SEQ ? n->n : 1;
		ts->nfallback = 0;
		for (int i = 0; i < cnt && ts->nfallback < 4; i++) {
			const kh_ynode *fn = n->kind == KH_Y_SEQ ? n->vals[i] : n;
			kh_font *f;
			if (!scalar(fn) || !*fn->str)
				continue;
			/* fallbacks are taken as named: the edition's map replaces the
			 * font, so an English edition keeps a Japanese fallback */
			if ((f = font_for(doc, fn->str, NULL, 0, fn->loc)))
				ts->fallback[ts->nfallback++] = f;
			else
				*ok = 0;
		}
	}
	/* a fallback that is the font itself or an earlier fallback adds nothing */
	{
		int k = 0;
		for (int i = 0; i < ts->nfallback; i++) {
			int dup = ts->fallback[i] == ts->font;
			for (int j = 0; j < k && !dup; j++)
				dup = ts->fallback[j] == ts->fallback[i];
			if (!dup)
				ts->fallback[k++] = ts->fallback[i];
		}
		ts->nfallback = k;
	}
	default_fallback(doc, ts);
	(void)where;
}

/* What every style starts from, but the font: 10pt, leading 1.6, left,
 * black, the edition's script. */
static void style_base(const kh_doc *doc, kh_textstyle *ts)
{
	memset(ts, 0, sizeof *ts);
	ts->size = 10;
	ts->leading = 16;
	ts->color.space = KH_COLOR_RGB;
	ts->lang = doc->locale.name;
	ts->latin = doc->locale.latin;
	ts->strict_glyphs = doc->strict;
}

/* The root default: 10pt IPAexMincho, leading 1.6, left, black. */
static void root_style(kh_doc *doc, kh_textstyle *ts, kh_loc where, int *ok)
{
	style_base(doc, ts);
	ts->font = font_for(doc, "IPAexMincho", NULL, 1, where);
	*ok = ts->font != NULL;
	default_fallback(doc, ts);
}

/* A named style: the keys along its chain over the root default.  The
 * chain is walked key by key (style_get), so a style's own key wins over
 * an inherited one and the locale's override over both; every chain ends
 * in the style named `default` when there is one. */
static void resolve_style(kh_doc *doc, const kh_ynode *styles, const kh_ynode *st, kh_loc where,
                          kh_textstyle *ts, int *ok)
{
	keysrc ks = {doc, styles, st, NULL, 0, kh_ymap_get(styles, "default")};
	const kh_ynode *f = style_get(&ks, "font");
	style_base(doc, ts);
	*ok = 1;
	if (!f || !scalar(f)) {
		ts->font = font_for(doc, "IPAexMincho", NULL, 1, where);
		*ok = ts->font != NULL;
	}
	apply_keys(doc, &ks, ts, where, ok);
}

/* Check the inherit chain of style i: unknown names and cycles (the schema
 * check says so too; this keeps the walk safe). */
static int check_inherit(const kh_ynode *styles, int i)
{
	const kh_ynode *st = styles->vals[i];
	for (int depth = 0; st && st->kind == KH_Y_MAP; depth++) {
		const char *inh = scalar(kh_ymap_get(st, "inherit"));
		if (!inh)
			return 0;
		st = kh_ymap_get(styles, inh);
		if (!st || depth > styles->n)
			return -1;
	}
	return 0;
}

static void resolve_styles(kh_doc *doc)
{
	const kh_ynode *styles = kh_ymap_get(doc->root, "styles");
	int ok, base = -1;
	if (styles && styles->kind != KH_Y_MAP)
		styles = NULL;
	doc->nstyles = styles ? styles->n : 0;
	doc->style_names = kh_arena_alloc(doc->arena, (size_t)doc->nstyles * sizeof *doc->style_names + 1);
	doc->style_nodes = kh_arena_alloc(doc->arena, (size_t)doc->nstyles * sizeof *doc->style_nodes + 1);
	doc->styles = kh_arena_alloc(doc->arena, (size_t)doc->nstyles * sizeof *doc->styles + 1);
	doc->style_ok = kh_arena_alloc(doc->arena, (size_t)doc->nstyles * sizeof *doc->style_ok + 1);
	for (int i = 0; i < doc->nstyles; i++) {
		doc->style_names[i] = styles->keys[i]->str;
		doc->style_nodes[i] = styles->vals[i];
		if (!strcmp(doc->style_names[i], "default"))
			base = i;
	}
	for (int i = 0; i < doc->nstyles; i++) {
		const kh_ynode *st = styles->vals[i];
		kh_textstyle *ts = &doc->styles[i];
		if (check_inherit(styles, i) < 0) {
			root_style(doc, ts, styles->keys[i]->loc, &ok);
			doc->style_ok[i] = 0;
			continue;
		}
		resolve_style(doc, styles, st, styles->keys[i]->loc, ts, &doc->style_ok[i]);
	}
	if (base >= 0)
		doc->base_style = doc->styles[base];
	else
		root_style(doc, &doc->base_style, kh_loc_make(doc->path, 0, 0), &ok);
}

const kh_textstyle *kh_doc_elem_style(kh_doc *doc, const kh_ynode *el, const char *key)
{
	static const char *const keys[] = {"font", "face", "leading", "color", "align", "indent",
	                                   "letter-spacing", "kinsoku", "hanging", "compress", "fallback"};
	const kh_ynode *n = kh_prop(el, key);
	const kh_textstyle *base = scalar(n) && *n->str ? kh_doc_style(doc, n->str, n->loc) : &doc->base_style;
	kh_textstyle *ts;
	keysrc ks = {doc, NULL, NULL, el, 0, NULL};
	int any = 0, ok = 1;
	if (strcmp(key, "style") != 0)
		return base; /* label-style, caption-style ...: no overrides on the element */
	ks.list = !strcmp(kh_elem_kind(el), "list");
	for (size_t i = 0; i < KH_COUNT(keys) && !any; i++)
		any = kh_prop(el, keys[i]) != NULL && !(ks.list && !strcmp(keys[i], "indent"));
	if (!any)
		return base;
	ts = kh_arena_alloc(doc->arena, sizeof *ts);
	*ts = *base;
	apply_keys(doc, &ks, ts, el->loc, &ok);
	if (!ts->font)
		ts->font = base->font;
	return ts;
}

const kh_textstyle *kh_doc_style(const kh_doc *doc, const char *name, kh_loc where)
{
	const char *near;
	if (!name)
		return &doc->base_style;
	for (int i = 0; i < doc->nstyles; i++)
		if (!strcmp(doc->style_names[i], name))
			return &doc->styles[i];
	kh_error(where, "unknown style '%s'", name);
	near = kh_closest(name, doc->style_names, (size_t)doc->nstyles);
	if (near)
		kh_hint("did you mean '%s'?", near);
	else if (doc->nstyles == 0)
		kh_hint("define it under styles:");
	return &doc->base_style;
}

/* ---- opening a layout: everything up to the engine ---- */

static const char *fonts_dir(const kh_doc *doc, const char *given)
{
	char *alt;
	if (given)
		return given;
	if (is_dir("fonts"))
		return "fonts";
	alt = kh_path_join(doc->dir, "../fonts");
	if (is_dir(alt)) {
		const char *r = kh_arena_strdup(doc->arena, alt);
		free(alt);
		return r;
	}
	free(alt);
	return NULL;
}

/* Returns 0 when the layout was parsed (doc usable, errors possibly
 * reported), -1 when there is nothing to go on. */
static int doc_open(kh_doc *doc, const char *layout, const char *locale, const char *fdir, int strict,
                    int *schema_errors)
{
	char *dir;
	memset(doc, 0, sizeof *doc);
	doc->arena = kh_arena_new();
	doc->path = kh_arena_strdup(doc->arena, layout);
	doc->strict = strict;
	dir = kh_path_dir(layout);
	doc->dir = kh_arena_strdup(doc->arena, dir);
	free(dir);
	doc->root = kh_yaml_load(doc->path, doc->arena);
	if (!doc->root)
		return -1;
	if (doc->root->kind != KH_Y_MAP) {
		kh_error(doc->root->loc, "a layout file is a mapping of sections (document, data, styles, pages ...)");
		return -1;
	}
	*schema_errors = kh_schema_check(doc->root);
	doc->palette = kh_ymap_get(doc->root, "colors");
	if (kh_locale_init(&doc->locale, doc->root, locale, locale_loc(doc)) < 0)
		return 0;
	load_tables(doc);
	doc->fonts = kh_fonts_new(fonts_dir(doc, fdir));
	doc->fontcache = kh_xcalloc(1, sizeof *doc->fontcache);
	if (*schema_errors == 0)
		resolve_styles(doc);
	return 0;
}

static void doc_close(kh_doc *doc)
{
	for (int i = 0; i < doc->ntables; i++)
		kh_table_drop(doc->tables[i]);
	if (doc->fonts)
		kh_fonts_drop(doc->fonts);
	if (doc->fontcache) {
		free(doc->fontcache->family);
		free(doc->fontcache->face);
		free(doc->fontcache->font);
		free(doc->fontcache);
	}
	kh_arena_drop(doc->arena);
}

kh_table *kh_doc_table(const kh_doc *doc, const char *name)
{
	for (int i = 0; i < doc->ntables; i++)
		if (!strcmp(doc->table_names[i], name))
			return doc->tables[i];
	return NULL;
}

/* out/<layout file name without .yaml>.<locale>.pdf */
static char *default_output(const char *layout, const char *locale)
{
	const char *base = strrchr(layout, '/');
	size_t n;
	kh_buf b = KH_BUF_INIT;
	base = base ? base + 1 : layout;
	n = strlen(base);
	if (n > 5 && !strcmp(base + n - 5, ".yaml"))
		n -= 5;
	else if (n > 4 && !strcmp(base + n - 4, ".yml"))
		n -= 4;
	kh_buf_puts(&b, "out/");
	kh_buf_add(&b, base, n);
	kh_buf_printf(&b, ".%s.pdf", locale);
	return kh_buf_detach(&b);
}

/* The dump: "-" is standard output; a symbolic link or a file that is not a
 * regular file (a pipe, /dev/stdout) is written in place (a rename would
 * replace the link), a regular file atomically. */
static int write_dump(const kh_dl *dl, const char *path, int glyphs)
{
	kh_buf b = KH_BUF_INIT;
	struct stat st;
	int r = 0;
	kh_dl_dump_glyphs(dl, &b, glyphs);
	if (!strcmp(path, "-") || (lstat(path, &st) == 0 && !S_ISREG(st.st_mode))) {
		FILE *f = strcmp(path, "-") ? fopen(path, "w") : stdout;
		if (!f || fwrite(b.s ? b.s : "", 1, b.len, f) != b.len || (f != stdout ? fclose(f) : fflush(f)) != 0)
			r = -1;
	} else {
		r = kh_file_write_atomic(path, b.s ? b.s : "", b.len);
	}
	if (r != 0)
		kh_error(kh_loc_make(path, 0, 0), "cannot write the dump: %s", strerror(errno));
	kh_buf_free(&b);
	return r;
}

/* ---- dependencies (layout.h): what an edition was built from ---- */

struct kh_deps {
	int n;
	size_t cap;
	char **path;
};

kh_deps *kh_deps_new(void)
{
	return kh_xcalloc(1, sizeof(kh_deps));
}

void kh_deps_drop(kh_deps *d)
{
	if (!d)
		return;
	for (int i = 0; i < d->n; i++)
		free(d->path[i]);
	free(d->path);
	free(d);
}

void kh_deps_add(kh_deps *d, const char *path)
{
	if (!path || !*path)
		return;
	for (int i = 0; i < d->n; i++)
		if (!strcmp(d->path[i], path))
			return;
	kh_grow(&d->path, sizeof *d->path, (size_t)d->n + 1, &d->cap);
	d->path[d->n++] = kh_xstrdup(path);
}

int kh_deps_count(const kh_deps *d)
{
	return d->n;
}

const char *kh_deps_get(const kh_deps *d, int i)
{
	return d->path[i];
}

int kh_deps_write(const kh_deps *d, const char *path)
{
	kh_buf b = KH_BUF_INIT;
	int r;
	for (int i = 0; i < d->n; i++) {
		if (strchr(d->path[i], '\n')) {
			kh_buf_free(&b);
			errno = EINVAL;
			return -1;
		}
		kh_buf_puts(&b, d->path[i]);
		kh_buf_puts(&b, "\n");
	}
	r = kh_file_write_atomic(path, b.s ? b.s : "", b.len);
	kh_buf_free(&b);
	return r;
}

static int mtime_after(const struct stat *a, const struct stat *b)
{
	return a->st_mtim.tv_sec != b->st_mtim.tv_sec ? a->st_mtim.tv_sec > b->st_mtim.tv_sec
	                                              : a->st_mtim.tv_nsec > b->st_mtim.tv_nsec;
}

static char *deps_path(const char *output)
{
	char *p = kh_xmalloc(strlen(output) + 3);
	sprintf(p, "%s.d", output);
	return p;
}

int kh_deps_up_to_date(const char *output)
{
	struct stat out, st;
	char *dpath = deps_path(output), *data = NULL, *line, *nl;
	size_t len;
	int ok = 0, any = 0;
	if (stat(output, &out) != 0 || !S_ISREG(out.st_mode) || kh_file_read(dpath, &data, &len) != 0)
		goto done;
	ok = strlen(data) == len; /* a NUL byte: not a list kh_deps_write wrote */
	for (line = data; ok && *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl) { /* a list cut short: not one kh_deps_write wrote */
			ok = 0;
			break;
		}
		*nl = 0;
		if (!*line)
			continue;
		any = 1;
		ok = stat(line, &st) == 0 && !mtime_after(&st, &out);
	}
	ok = ok && any; /* an empty list: rebuild */
done:
	free(data);
	free(dpath);
	return ok;
}

/* Record what the edition was built from: the layout, every table of its
 * data: section, every image placed, every font file looked up or used, the
 * project fonts folder (a font added there can change a lookup) and the
 * kumihan binary itself. */
static void record_deps(kh_deps *d, const kh_doc *doc, const kh_dl *dl, const char *fdir)
{
	const kh_ynode *data = kh_ymap_get(doc->root, "data");
	char exe[4096];
	ssize_t n;
	kh_deps_add(d, doc->path);
	for (int i = 0; data && data->kind == KH_Y_MAP && i < data->n; i++) {
		const kh_ynode *v = data->vals[i];
		const char *file = v->kind == KH_Y_MAP ? scalar(kh_ymap_get(v, "file")) : scalar(v);
		if (file && *file) {
			char *path = kh_path_join(doc->dir, file);
			kh_deps_add(d, path);
			free(path);
		}
	}
	for (const kh_dl_page *pg = dl->first; pg; pg = pg->next)
		for (const kh_dl_item *it = pg->first; it; it = it->next) {
			if (it->kind == KH_DL_IMAGE)
				kh_deps_add(d, it->u.image.path);
			else if (it->kind == KH_DL_TEXT && it->u.text.font)
				kh_deps_add(d, kh_font_path(it->u.text.font));
		}
	for (int i = 0; doc->fontcache && i < doc->fontcache->n; i++)
		if (doc->fontcache->font[i])
			kh_deps_add(d, kh_font_path(doc->fontcache->font[i]));
	if (fdir && is_dir(fdir))
		kh_deps_add(d, fdir);
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = 0;
		kh_deps_add(d, exe);
	}
}

/* After OUT.pdf was written: OUT.pdf.d (a regular file's only).  A list that
 * cannot be written is a warning: the PDF is good, the next batch run only
 * builds it again. */
static void write_deps(const kh_doc *doc, const kh_dl *dl, const char *fdir, const char *out)
{
	struct stat st;
	kh_deps *d;
	char *dpath;
	if (stat(out, &st) != 0 || !S_ISREG(st.st_mode))
		return;
	d = kh_deps_new();
	dpath = deps_path(out);
	record_deps(d, doc, dl, fdir);
	if (kh_deps_write(d, dpath) != 0) {
		kh_warning(kh_loc_make(dpath, 0, 0), "cannot write the dependency file: %s",
		           errno == EINVAL ? "a file name holds a line break" : strerror(errno));
		unlink(dpath);
	}
	free(dpath);
	kh_deps_drop(d);
}

/* A failed build: OUT.pdf.d goes, so that a batch run does not take an
 * older OUT.pdf for up to date. */
static void remove_deps(const kh_build_opts *opts, const kh_doc *doc)
{
	const char *loc = doc->locale.name ? doc->locale.name : opts->locale;
	char *out, *dpath;
	if (opts->check_only || (!opts->output && !loc))
		return;
	out = opts->output ? kh_xstrdup(opts->output) : default_output(opts->layout, loc);
	dpath = deps_path(out);
	unlink(dpath);
	free(dpath);
	free(out);
}

int kh_build(const kh_build_opts *opts)
{
	kh_doc doc;
	kh_dl *dl = NULL;
	int schema_errors = 0, status = 1;
	int errors0 = kh_diag_errors();
	kh_diag_set_strict(opts->strict);
	if (doc_open(&doc, opts->layout, opts->locale, opts->fonts_dir, opts->strict, &schema_errors) < 0)
		goto done;
	if (kh_diag_errors() > errors0 || schema_errors)
		goto done;
	dl = kh_layout_run(&doc);
	if (!dl || kh_diag_errors() > errors0)
		goto done;
	if (opts->dump && write_dump(dl, opts->dump, opts->dump_glyphs) != 0)
		goto done;
	if (!opts->check_only) {
		char *out = opts->output ? kh_xstrdup(opts->output) : default_output(opts->layout, doc.locale.name);
		kh_pdf_opts po;
		memset(&po, 0, sizeof po);
		po.compress = 1;
		if (!opts->output && !is_dir("out") && mkdir("out", 0777) != 0 && errno != EEXIST) {
			kh_error(kh_loc_make("out", 0, 0), "cannot create the output folder: %s", strerror(errno));
			free(out);
			goto done;
		}
		if (kh_pdf_write(dl, doc.fonts, out, &po) != 0) {
			free(out);
			goto done;
		}
		write_deps(&doc, dl, fonts_dir(&doc, opts->fonts_dir), out);
		if (opts->report) {
			printf("wrote %s (%d page%s)\n", out, dl->npages, dl->npages == 1 ? "" : "s");
			fflush(stdout);
		}
		free(out);
	}
	status = kh_diag_errors() > errors0 ? 1 : 0;
done:
	if (status != 0)
		remove_deps(opts, &doc);
	kh_dl_drop(dl);
	if (doc.arena)
		doc_close(&doc);
	return status;
}

int kh_layout_fonts_report(const char *layout, const char *locale, FILE *out)
{
	kh_doc doc;
	int schema_errors = 0, status = 1;
	int errors0 = kh_diag_errors();
	if (doc_open(&doc, layout, locale, NULL, 0, &schema_errors) < 0)
		goto done;
	if (schema_errors || kh_diag_errors() > errors0)
		goto done;
	for (int i = -1; i < doc.nstyles; i++) {
		const kh_textstyle *ts = i < 0 ? &doc.base_style : &doc.styles[i];
		const char *name = i < 0 ? "(default)" : doc.style_names[i];
		int named_default = 0;
		for (int k = 0; k < doc.nstyles; k++)
			named_default |= !strcmp(doc.style_names[k], "default");
		if (i < 0 && named_default)
			continue;
		if (!ts->font)
			continue;
		fprintf(out, "%s: %s", name, kh_font_family(ts->font));
		if (!kh_font_is_regular(ts->font))
			fprintf(out, " (%s)", kh_font_style(ts->font));
		fprintf(out, " %.1fpt -> %s", ts->size, kh_font_path(ts->font));
		if (kh_font_index(ts->font) > 0)
			fprintf(out, " #%d", kh_font_index(ts->font));
		for (int k = 0; k < ts->nfallback; k++)
			fprintf(out, "; fallback %s -> %s", kh_font_family(ts->fallback[k]), kh_font_path(ts->fallback[k]));
		fputc('\n', out);
	}
	status = kh_diag_errors() > errors0 ? 1 : 0;
done:
	if (doc.arena)
		doc_close(&doc);
	return status;
}
