/* font.c -- finding fonts (fontconfig), measuring them (HarfBuzz), recording
 * the characters used and cutting subsets (hb-subset) for embedding.
 *
 * A font is one face of one file (path + collection index), opened once per
 * registry: the file is mapped into an hb_blob, metrics are read in font
 * units and scaled to the requested size.  Advances and kerning pairs are
 * cached.  fontconfig is initialised once per process, on the first lookup;
 * a registry's extra folder (the project's fonts/) is added as an
 * application font folder and searched before the system fonts.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "font.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <fontconfig/fontconfig.h>
#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>

#define NO_ADV INT32_MIN
#define ADV_PAGES (0x110000 >> 8)

typedef struct kern_slot {
	uint64_t key; /* (a << 32 | b) + 1; 0 = empty */
	int32_t units;
} kern_slot;

struct kh_font {
	char *path, *family, *style, *psname;
	int index;
	hb_blob_t *blob;
	hb_face_t *face;
	hb_font_t *font;
	hb_buffer_t *buf;
	unsigned upem;
	int32_t ascent, descent, cap_height, x_height; /* font units; descent positive */
	int32_t *adv[ADV_PAGES];                       /* lazily filled pages of 256 */
	kern_slot *kern;
	size_t nkern, kern_cap;
	hb_set_t *used, *used_gids;
	uint32_t *used_arr, *gids_arr;
	int used_n, used_dirty, gids_n, gids_dirty;
};

struct kh_fonts {
	char *extra_dir; /* realpath of the project's fonts/ folder, or NULL */
	kh_font **fonts;
	int n;
	size_t cap;
};

/* ---- fontconfig (one configuration per process) ---- */

static FcConfig *fc_config;

static FcConfig *fc_get(void)
{
	if (!fc_config)
		fc_config = FcInitLoadConfigAndFonts();
	return fc_config;
}

/* Add a folder of application fonts once per process. */
static void fc_add_dir(const char *dir)
{
	static char *added[16];
	static int nadded;
	if (!dir || !fc_get())
		return;
	for (int i = 0; i < nadded; i++)
		if (strcmp(added[i], dir) == 0)
			return;
	if (nadded < (int)KH_COUNT(added))
		added[nadded++] = kh_xstrdup(dir);
	FcConfigAppFontAddDir(fc_get(), (const FcChar8 *)dir);
}

kh_fonts *kh_fonts_new(const char *extra_dir)
{
	kh_fonts *fs = kh_xcalloc(1, sizeof *fs);
	if (extra_dir) {
		char *rp = realpath(extra_dir, NULL);
		if (rp) {
			fs->extra_dir = kh_xstrdup(rp);
			free(rp);
		}
	}
	return fs;
}

static void font_drop(kh_font *f)
{
	for (int i = 0; i < ADV_PAGES; i++)
		free(f->adv[i]);
	free(f->kern);
	hb_set_destroy(f->used);
	hb_set_destroy(f->used_gids);
	free(f->used_arr);
	free(f->gids_arr);
	hb_buffer_destroy(f->buf);
	hb_font_destroy(f->font);
	hb_face_destroy(f->face);
	hb_blob_destroy(f->blob);
	free(f->path);
	free(f->family);
	free(f->style);
	free(f->psname);
	free(f);
}

void kh_fonts_drop(kh_fonts *fs)
{
	if (!fs)
		return;
	for (int i = 0; i < fs->n; i++)
		font_drop(fs->fonts[i]);
	free(fs->fonts);
	free(fs->extra_dir);
	free(fs);
}

int kh_fonts_count(const kh_fonts *fs) { return fs ? fs->n : 0; }
kh_font *kh_fonts_get(const kh_fonts *fs, int i) { return fs && i >= 0 && i < fs->n ? fs->fonts[i] : NULL; }
const char *kh_font_family(const kh_font *f) { return f->family; }
const char *kh_font_style(const kh_font *f) { return f->style; }
const char *kh_font_path(const kh_font *f) { return f->path; }
int kh_font_index(const kh_font *f) { return f->index; }
const char *kh_font_postscript_name(const kh_font *f) { return f->psname; }

static int has_table(hb_face_t *face, hb_tag_t tag)
{
	hb_blob_t *b = hb_face_reference_table(face, tag);
	int yes = hb_blob_get_length(b) > 0;
	hb_blob_destroy(b);
	return yes;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* A name from the 'name' table (English if there is one), malloc'd, or NULL. */
static char *face_name(hb_face_t *face, hb_ot_name_id_t id)
{
	char tmp[256];
	unsigned len = sizeof tmp;
	if (hb_ot_name_get_utf8(face, id, hb_language_from_string("en", -1), &len, tmp) == 0) {
		len = sizeof tmp;
		if (hb_ot_name_get_utf8(face, id, HB_LANGUAGE_INVALID, &len, tmp) == 0)
			return NULL;
	}
	return kh_xstrdup(tmp);
}

/* Open path/index; family/style names from fontconfig when known (may be
 * NULL: then from the name table).  `shown` is how the user named it. */
static kh_font *font_open(kh_fonts *fs, const char *path, int index, const char *family,
                          const char *style, const char *shown, kh_loc where)
{
	hb_blob_t *blob;
	hb_face_t *face;
	kh_font *f;
	hb_font_extents_t ext;
	hb_position_t pos;
	unsigned nfaces;
	char *rp = realpath(path, NULL);
	const char *key = rp ? rp : path;

	for (int i = 0; i < fs->n; i++)
		if (fs->fonts[i]->index == index && strcmp(fs->fonts[i]->path, key) == 0) {
			free(rp);
			return fs->fonts[i];
		}
	blob = hb_blob_create_from_file_or_fail(key);
	if (!blob) {
		kh_error(where, "cannot open the font file '%s': %s", path, strerror(errno ? errno : ENOENT));
		free(rp);
		return NULL;
	}
	nfaces = hb_face_count(blob);
	if (nfaces == 0) {
		kh_error(where, "'%s' is not a TrueType or OpenType font file", path);
		hb_blob_destroy(blob);
		free(rp);
		return NULL;
	}
	if (index < 0 || (unsigned)index >= nfaces) {
		kh_error(where, "font file '%s' has %u face%s; index %d is out of range", path, nfaces,
		         nfaces == 1 ? "" : "s", index);
		hb_blob_destroy(blob);
		free(rp);
		return NULL;
	}
	face = hb_face_create(blob, (unsigned)index);
	if (!has_table(face, HB_TAG('g', 'l', 'y', 'f'))) {
		if (has_table(face, HB_TAG('C', 'F', 'F', ' ')) || has_table(face, HB_TAG('C', 'F', 'F', '2')))
			kh_error(where, "font '%s' has CFF outlines (%s), which libharu cannot embed", shown,
			         base_name(path));
		else
			kh_error(where, "font '%s' has no TrueType outlines (%s), which libharu cannot embed",
			         shown, base_name(path));
		kh_hint("use a TrueType font (.ttf or .ttc), such as IPAexGothic or IPAexMincho");
		hb_face_destroy(face);
		hb_blob_destroy(blob);
		free(rp);
		return NULL;
	}

	f = kh_xcalloc(1, sizeof *f);
	f->path = kh_xstrdup(key);
	free(rp);
	f->index = index;
	f->blob = blob;
	f->face = face;
	f->upem = hb_face_get_upem(face);
	if (f->upem == 0)
		f->upem = 1000;
	f->font = hb_font_create(face);
	hb_font_set_scale(f->font, (int)f->upem, (int)f->upem);
	f->buf = hb_buffer_create();
	f->used = hb_set_create();
	f->used_gids = hb_set_create();
	f->family = family ? kh_xstrdup(family) : face_name(face, HB_OT_NAME_ID_FONT_FAMILY);
	if (!f->family)
		f->family = kh_xstrdup(base_name(path));
	f->style = style ? kh_xstrdup(style) : face_name(face, HB_OT_NAME_ID_FONT_SUBFAMILY);
	if (!f->style)
		f->style = kh_xstrdup("Regular");
	f->psname = face_name(face, HB_OT_NAME_ID_POSTSCRIPT_NAME);
	if (!f->psname)
		f->psname = kh_xstrdup(f->family);

	if (hb_font_get_h_extents(f->font, &ext)) {
		f->ascent = ext.ascender;
		f->descent = -ext.descender;
	} else {
		f->ascent = (int32_t)(f->upem * 88 / 100);
		f->descent = (int32_t)(f->upem * 12 / 100);
	}
	if (hb_ot_metrics_get_position(f->font, HB_OT_METRICS_TAG_CAP_HEIGHT, &pos) && pos > 0)
		f->cap_height = pos;
	else
		f->cap_height = (int32_t)(f->upem * 7 / 10);
	if (hb_ot_metrics_get_position(f->font, HB_OT_METRICS_TAG_X_HEIGHT, &pos) && pos > 0)
		f->x_height = pos;
	else
		f->x_height = (int32_t)(f->upem / 2);

	kh_grow(&fs->fonts, sizeof *fs->fonts, (size_t)fs->n + 1, &fs->cap);
	fs->fonts[fs->n++] = f;
	return f;
}

kh_font *kh_fonts_load_file(kh_fonts *fs, const char *path, int index, kh_loc where)
{
	return font_open(fs, path, index, NULL, NULL, path, where);
}

/* ---- lookup ---- */

/* Family names compare ignoring case and blanks, as fontconfig does. */
static int name_eq(const char *a, const char *b);

int kh_font_name_eq(const char *a, const char *b)
{
	return a && b && name_eq(a, b);
}

static int name_eq(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ')
			a++;
		while (*b == ' ')
			b++;
		if (!*a || !*b)
			return !*a && !*b;
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
		a++, b++;
	}
}

static int is_regular_style(const char *s)
{
	return name_eq(s, "Regular") || name_eq(s, "Book") || name_eq(s, "Roman") || name_eq(s, "Normal") ||
	       name_eq(s, "Medium") || name_eq(s, "Standard");
}

int kh_font_is_regular(const kh_font *f)
{
	return f && is_regular_style(f->style);
}

static int pattern_has_style(FcPattern *p, const char *style)
{
	FcChar8 *s;
	for (int i = 0; FcPatternGetString(p, FC_STYLE, i, &s) == FcResultMatch; i++)
		if (name_eq((const char *)s, style))
			return 1;
	return 0;
}

static int is_format(FcPattern *p, const char *format)
{
	FcChar8 *fmt;
	return FcPatternGetString(p, FC_FONTFORMAT, 0, &fmt) == FcResultMatch &&
	       strcmp((const char *)fmt, format) == 0;
}

static int is_truetype(FcPattern *p)
{
	return is_format(p, "TrueType");
}

static int in_dir(FcPattern *p, const char *dir)
{
	FcChar8 *file;
	size_t n;
	if (!dir || FcPatternGetString(p, FC_FILE, 0, &file) != FcResultMatch)
		return 0;
	n = strlen(dir);
	return strncmp((const char *)file, dir, n) == 0 && file[n] == '/';
}

/* Score a candidate face: higher is better; -1 when the style does not match. */
static int score(FcPattern *p, const char *style, const char *extra_dir)
{
	int s = 0, weight, slant, width;
	if (style && !is_regular_style(style)) {
		if (!pattern_has_style(p, style))
			return -1;
	} else {
		if (FcPatternGetInteger(p, FC_WEIGHT, 0, &weight) == FcResultMatch && weight != FC_WEIGHT_REGULAR &&
		    weight != FC_WEIGHT_BOOK && weight != FC_WEIGHT_MEDIUM)
			return -1;
		if (FcPatternGetInteger(p, FC_SLANT, 0, &slant) == FcResultMatch && slant != FC_SLANT_ROMAN)
			return -1;
		if (FcPatternGetInteger(p, FC_WIDTH, 0, &width) == FcResultMatch && width == FC_WIDTH_NORMAL)
			s += 2;
		if (style && pattern_has_style(p, style))
			s += 4;
		if (FcPatternGetInteger(p, FC_WEIGHT, 0, &weight) == FcResultMatch && weight == FC_WEIGHT_REGULAR)
			s += 1;
	}
	if (is_truetype(p))
		s += 16;
	else if (is_format(p, "CFF"))
		s += 8; /* reported as such, rather than as a Type 1 file */
	if (in_dir(p, extra_dir))
		s += 32;
	return s;
}

static int family_key_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Installed family names (all names of every face, or each face's first);
 * embeddable only if asked.
 * Returns a sorted, unique, malloc'd array of malloc'd strings. */
static char **list_families(int truetype_only, int first_only, size_t *count)
{
	FcPattern *pat = FcPatternCreate();
	FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, FC_FONTFORMAT, (char *)NULL);
	FcFontSet *set = FcFontList(fc_get(), pat, os);
	char **names = NULL;
	size_t n = 0, cap = 0, k = 0;
	for (int i = 0; set && i < set->nfont; i++) {
		FcChar8 *fam;
		if (truetype_only && !is_truetype(set->fonts[i]))
			continue;
		for (int j = 0; (!first_only || j == 0) &&
		                FcPatternGetString(set->fonts[i], FC_FAMILY, j, &fam) == FcResultMatch;
		     j++) {
			kh_grow(&names, sizeof *names, n + 1, &cap);
			names[n++] = kh_xstrdup((const char *)fam);
		}
	}
	if (set)
		FcFontSetDestroy(set);
	FcObjectSetDestroy(os);
	FcPatternDestroy(pat);
	if (n)
		qsort(names, n, sizeof *names, family_key_cmp);
	for (size_t i = 0; i < n; i++) {
		if (k > 0 && strcmp(names[k - 1], names[i]) == 0)
			free(names[i]);
		else
			names[k++] = names[i];
	}
	*count = k;
	return names;
}

static void free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* Lowercase, blanks removed: the form families are compared in for hints. */
static char *fold(const char *s)
{
	char *r = kh_xmalloc(strlen(s) + 1), *p = r;
	for (; *s; s++)
		if (*s != ' ' && *s != '-' && *s != '_')
			*p++ = (char)tolower((unsigned char)*s);
	*p = 0;
	return r;
}

static int installed(char **names, size_t n, const char *family)
{
	for (size_t i = 0; i < n; i++)
		if (name_eq(names[i], family))
			return 1;
	return 0;
}

/* What fontconfig's own configuration puts in family's place (Arial ->
 * Liberation Sans): the first installed TrueType family among its strong
 * aliases (the weak ones are the generic fallbacks), or NULL.  malloc'd. */
static char *fc_alias(const char *family, char **names, size_t n)
{
	FcPattern *pat = FcPatternCreate();
	FcPatternIter it;
	char *found = NULL;
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
	FcConfigSubstitute(fc_get(), pat, FcMatchPattern);
	FcPatternIterStart(pat, &it);
	if (FcPatternFindIter(pat, &it, FC_FAMILY)) {
		int count = FcPatternIterValueCount(pat, &it);
		for (int j = 1; j < count && !found; j++) {
			FcValue v;
			FcValueBinding bind;
			if (FcPatternIterGetValue(pat, &it, j, &v, &bind) != FcResultMatch || v.type != FcTypeString ||
			    bind == FcValueBindingWeak)
				continue;
			if (!name_eq((const char *)v.u.s, family) && installed(names, n, (const char *)v.u.s))
				found = kh_xstrdup((const char *)v.u.s);
		}
	}
	FcPatternDestroy(pat);
	return found;
}

/* A Japanese family kumihan's usual fonts stand in for (MS Mincho, 游ゴシック). */
static const char *japanese_standin(const char *folded, char **names, size_t n)
{
	static const char *const mincho[] = {"mincho", "明朝", "serif", "ming"};
	static const char *const gothic[] = {"gothic", "ゴシック", "meiryo", "メイリオ", "kakugo", "角ゴ", "sans"};
	for (size_t i = 0; i < KH_COUNT(mincho); i++)
		if (strstr(folded, mincho[i]) && installed(names, n, "IPAexMincho"))
			return "IPAexMincho";
	for (size_t i = 0; i < KH_COUNT(gothic); i++)
		if (strstr(folded, gothic[i]) && installed(names, n, "IPAexGothic"))
			return "IPAexGothic";
	return NULL;
}

/* The hint after "font 'x' is not installed": a typo first, then
 * fontconfig's substitute, then a Japanese stand-in, else the nearest three. */
static void hint_families(const char *family)
{
	size_t n;
	char **names = list_families(1, 0, &n);
	char **folded;
	const char *best, *standin;
	char *fw, *alias;
	if (n == 0) {
		kh_hint("no TrueType fonts are installed; put a .ttf file in the project's fonts/ folder");
		free_names(names, n);
		return;
	}
	folded = kh_xmalloc(n * sizeof *folded);
	for (size_t i = 0; i < n; i++)
		folded[i] = fold(names[i]);
	fw = fold(family);
	best = kh_closest(fw, (const char *const *)folded, n);
	alias = best ? NULL : fc_alias(family, names, n);
	standin = best || alias ? NULL : japanese_standin(fw, names, n);
	if (best) {
		for (size_t i = 0; i < n; i++)
			if (folded[i] == best) {
				kh_hint("did you mean '%s'?", names[i]);
				break;
			}
	} else if (alias) {
		kh_hint("'%s' is installed and stands in for it elsewhere (fontconfig); name it to use it", alias);
	} else if (standin) {
		kh_hint("'%s' is installed; name it to use it", standin);
	} else {
		/* the three nearest by edit distance (one name a face), ties in name order */
		int pick[3] = {-1, -1, -1}, pd[3] = {INT_MAX, INT_MAX, INT_MAX};
		for (size_t i = 0; i < n; i++)
			free(folded[i]);
		free(folded);
		free_names(names, n);
		names = list_families(1, 1, &n);
		folded = kh_xmalloc(n * sizeof *folded);
		for (size_t i = 0; i < n; i++)
			folded[i] = fold(names[i]);
		for (size_t i = 0; i < n; i++) {
			int d = kh_edit_distance(fw, folded[i]);
			for (int k = 0; k < 3; k++)
				if (d < pd[k]) {
					for (int m = 2; m > k; m--) {
						pd[m] = pd[m - 1];
						pick[m] = pick[m - 1];
					}
					pd[k] = d;
					pick[k] = (int)i;
					break;
				}
		}
		if (pick[2] >= 0)
			kh_hint("the closest installed families are '%s', '%s' and '%s' (see 'kumihan fonts')",
			        names[pick[0]], names[pick[1]], names[pick[2]]);
		else if (pick[1] >= 0)
			kh_hint("the closest installed families are '%s' and '%s' (see 'kumihan fonts')",
			        names[pick[0]], names[pick[1]]);
		else
			kh_hint("the only installed family is '%s'", names[pick[0]]);
	}
	free(alias);
	free(fw);
	for (size_t i = 0; i < n; i++)
		free(folded[i]);
	free(folded);
	free_names(names, n);
}

/* "Liberation Sans Bold": a family followed by one of its faces' style
 * names?  Then the hint names both (as fontconfig spells them) and 1 is
 * returned. */
static int hint_family_face(const char *family)
{
	size_t len = strlen(family);
	int found = 0;
	for (size_t cut = len; cut-- > 1 && !found;) {
		FcPattern *pat;
		FcObjectSet *os;
		FcFontSet *set;
		char *prefix;
		const char *suffix = family + cut + 1;
		if (family[cut] != ' ' || !*suffix)
			continue;
		prefix = kh_xstrndup(family, cut);
		pat = FcPatternCreate();
		FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)prefix);
		os = FcObjectSetBuild(FC_FAMILY, FC_STYLE, FC_FONTFORMAT, (char *)NULL);
		set = FcFontList(fc_get(), pat, os);
		for (int i = 0; set && i < set->nfont && !found; i++) {
			FcPattern *p = set->fonts[i];
			FcChar8 *fam, *st;
			if (!is_truetype(p))
				continue;
			for (int j = 0; !found && FcPatternGetString(p, FC_FAMILY, j, &fam) == FcResultMatch; j++) {
				if (!name_eq((const char *)fam, prefix))
					continue;
				for (int k = 0; !found && FcPatternGetString(p, FC_STYLE, k, &st) == FcResultMatch; k++)
					if (name_eq((const char *)st, suffix)) {
						kh_hint("'%s' is a face of '%s': write 'font: %s' and 'face: %s'", (const char *)st,
						        (const char *)fam, (const char *)fam, (const char *)st);
						found = 1;
					}
			}
		}
		if (set)
			FcFontSetDestroy(set);
		FcObjectSetDestroy(os);
		FcPatternDestroy(pat);
		free(prefix);
	}
	return found;
}

static kh_font *lookup(kh_fonts *fs, const char *family, const char *style, kh_loc where, int quiet);

kh_font *kh_fonts_lookup(kh_fonts *fs, const char *family, const char *style, kh_loc where)
{
	return lookup(fs, family, style, where, 0);
}

kh_font *kh_fonts_find(kh_fonts *fs, const char *family)
{
	return lookup(fs, family, NULL, KH_NOLOC, 1);
}

static kh_font *lookup(kh_fonts *fs, const char *family, const char *style, kh_loc where, int quiet)
{
	FcConfig *cfg = fc_get();
	FcPattern *pat;
	FcObjectSet *os;
	FcFontSet *set;
	FcPattern *best = NULL;
	int best_score = -1, nfam = 0;
	kh_font *f = NULL;

	if (!family || !*family) {
		if (!quiet)
			kh_error(where, "a font family name is required");
		return NULL;
	}
	/* the same family and style again: the registry already has it */
	for (int i = 0; i < fs->n; i++)
		if (name_eq(fs->fonts[i]->family, family) &&
		    (style ? name_eq(fs->fonts[i]->style, style) : is_regular_style(fs->fonts[i]->style)))
			return fs->fonts[i];
	if (!cfg) {
		if (quiet)
			return NULL;
		kh_error(where, "cannot look font '%s' up: fontconfig could not be initialised", family);
		return NULL;
	}
	fc_add_dir(fs->extra_dir);

	pat = FcPatternCreate();
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
	os = FcObjectSetBuild(FC_FAMILY, FC_STYLE, FC_FILE, FC_INDEX, FC_FONTFORMAT, FC_WEIGHT, FC_SLANT,
	                      FC_WIDTH, (char *)NULL);
	set = FcFontList(cfg, pat, os);
	for (int i = 0; set && i < set->nfont; i++) {
		FcPattern *p = set->fonts[i];
		FcChar8 *fam;
		int ok = 0, s;
		/* FcFontList matches any of a face's family names; keep exact ones */
		for (int j = 0; FcPatternGetString(p, FC_FAMILY, j, &fam) == FcResultMatch; j++)
			if (name_eq((const char *)fam, family))
				ok = 1;
		if (!ok)
			continue;
		nfam++;
		s = score(p, style, fs->extra_dir);
		if (s > best_score) {
			best_score = s;
			best = p;
		} else if (s == best_score && s >= 0) {
			/* stable choice among equals: the smaller file name */
			FcChar8 *a, *b;
			if (FcPatternGetString(p, FC_FILE, 0, &a) == FcResultMatch &&
			    FcPatternGetString(best, FC_FILE, 0, &b) == FcResultMatch &&
			    strcmp((const char *)a, (const char *)b) < 0)
				best = p;
		}
	}
	if (quiet && (!best || !is_truetype(best))) {
		/* not there, or nothing kumihan can embed: nothing said */
	} else if (nfam == 0) {
		kh_error(where, "font '%s' is not installed", family);
		if (!hint_family_face(family))
			hint_families(family);
	} else if (!best) {
		kh_error(where, "font '%s' has no face '%s'", family, style ? style : "Regular");
		{
			kh_buf b = KH_BUF_INIT;
			for (int i = 0; i < set->nfont; i++) {
				FcChar8 *st;
				if (FcPatternGetString(set->fonts[i], FC_STYLE, 0, &st) != FcResultMatch)
					continue;
				if (b.len && strstr(b.s, (const char *)st))
					continue;
				kh_buf_printf(&b, "%s'%s'", b.len ? ", " : "", (const char *)st);
			}
			if (b.len)
				kh_hint("its faces are %s", b.s);
			kh_buf_free(&b);
		}
	} else {
		FcChar8 *file, *fam = NULL, *st = NULL;
		int index = 0;
		FcPatternGetString(best, FC_FILE, 0, &file);
		FcPatternGetInteger(best, FC_INDEX, 0, &index);
		/* the family name as the user wrote it when it is one of the face's names */
		for (int j = 0; FcPatternGetString(best, FC_FAMILY, j, &fam) == FcResultMatch; j++)
			if (name_eq((const char *)fam, family))
				break;
		if (FcPatternGetString(best, FC_STYLE, 0, &st) != FcResultMatch)
			st = NULL;
		if (style && pattern_has_style(best, style))
			st = (FcChar8 *)style;
		if (!is_truetype(best) && !is_format(best, "CFF")) {
			FcChar8 *fmt = (FcChar8 *)"an unknown";
			FcPatternGetString(best, FC_FONTFORMAT, 0, &fmt);
			kh_error(where, "font '%s' is in %s format (%s), which libharu cannot embed", family,
			         (const char *)fmt, base_name((const char *)file));
			kh_hint("use a TrueType font (.ttf or .ttc), such as IPAexGothic or IPAexMincho");
		} else {
			f = font_open(fs, (const char *)file, index & 0xffff, fam ? (const char *)fam : family,
			              st ? (const char *)st : "Regular", family, where);
		}
	}
	if (set)
		FcFontSetDestroy(set);
	FcObjectSetDestroy(os);
	FcPatternDestroy(pat);
	return f;
}

/* ---- metrics ---- */

static int32_t advance_units(kh_font *f, uint32_t cp)
{
	int32_t *page;
	hb_codepoint_t g;
	if (cp >= 0x110000)
		return 0;
	page = f->adv[cp >> 8];
	if (!page) {
		page = f->adv[cp >> 8] = kh_xmalloc(256 * sizeof *page);
		for (int i = 0; i < 256; i++)
			page[i] = NO_ADV;
	}
	if (page[cp & 255] == NO_ADV) {
		if (hb_font_get_nominal_glyph(f->font, cp, &g))
			page[cp & 255] = hb_font_get_glyph_h_advance(f->font, g);
		else
			page[cp & 255] = 0;
	}
	return page[cp & 255];
}

double kh_font_advance(kh_font *f, uint32_t cp, double size)
{
	return f ? advance_units(f, cp) * size / f->upem : 0;
}

int kh_font_has(kh_font *f, uint32_t cp)
{
	hb_codepoint_t g;
	return f && cp < 0x110000 && hb_font_get_nominal_glyph(f->font, cp, &g) && g != 0;
}

int kh_font_glyph(kh_font *f, uint32_t cp, uint32_t vs, unsigned *gid)
{
	hb_codepoint_t g = 0;
	int ok;
	*gid = 0;
	if (!f || cp >= 0x110000 || vs >= 0x110000)
		return 0;
	ok = vs ? hb_font_get_variation_glyph(f->font, cp, vs, &g) : hb_font_get_nominal_glyph(f->font, cp, &g);
	if (!ok || g == 0 || g > 0xFFFF)
		return 0;
	*gid = (unsigned)g;
	return 1;
}

double kh_font_glyph_advance(kh_font *f, unsigned gid, double size)
{
	return f ? hb_font_get_glyph_h_advance(f->font, gid) * size / f->upem : 0;
}

unsigned kh_font_glyph_count(const kh_font *f)
{
	return hb_face_get_glyph_count(f->face);
}

/* Kerning between a and b in font units: shape the pair (ligatures off) and
 * compare with the nominal advances. */
static int32_t kern_units(kh_font *f, uint32_t a, uint32_t b)
{
	static const hb_feature_t feats[] = {
		{HB_TAG('l', 'i', 'g', 'a'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
		{HB_TAG('c', 'l', 'i', 'g'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
		{HB_TAG('k', 'e', 'r', 'n'), 1, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
	};
	uint64_t key = ((uint64_t)a << 32 | b) + 1;
	size_t h, mask;
	unsigned n;
	hb_glyph_position_t *pos;
	int32_t units = 0;

	if (f->kern_cap) {
		mask = f->kern_cap - 1;
		for (h = (size_t)(key * 0x9E3779B97F4A7C15ull >> 20) & mask; f->kern[h].key; h = (h + 1) & mask)
			if (f->kern[h].key == key)
				return f->kern[h].units;
	}
	hb_buffer_clear_contents(f->buf);
	hb_buffer_add_codepoints(f->buf, &a, 1, 0, 1);
	hb_buffer_add_codepoints(f->buf, &b, 1, 0, 1);
	hb_buffer_guess_segment_properties(f->buf);
	hb_buffer_set_direction(f->buf, HB_DIRECTION_LTR);
	hb_shape(f->font, f->buf, feats, KH_COUNT(feats));
	pos = hb_buffer_get_glyph_positions(f->buf, &n);
	if (n == 2 && pos) {
		int32_t nominal = advance_units(f, a) + advance_units(f, b);
		units = pos[0].x_advance + pos[1].x_advance - nominal;
	}

	if ((f->nkern + 1) * 2 > f->kern_cap) {
		size_t ncap = f->kern_cap ? f->kern_cap * 2 : 256;
		kern_slot *nk = kh_xcalloc(ncap, sizeof *nk);
		for (size_t i = 0; i < f->kern_cap; i++)
			if (f->kern[i].key) {
				for (h = (size_t)(f->kern[i].key * 0x9E3779B97F4A7C15ull >> 20) & (ncap - 1); nk[h].key;
				     h = (h + 1) & (ncap - 1))
					;
				nk[h] = f->kern[i];
			}
		free(f->kern);
		f->kern = nk;
		f->kern_cap = ncap;
	}
	mask = f->kern_cap - 1;
	for (h = (size_t)(key * 0x9E3779B97F4A7C15ull >> 20) & mask; f->kern[h].key; h = (h + 1) & mask)
		;
	f->kern[h].key = key;
	f->kern[h].units = units;
	f->nkern++;
	return units;
}

double kh_font_kern(kh_font *f, uint32_t a, uint32_t b, double size)
{
	if (!f || a >= 0x110000 || b >= 0x110000)
		return 0;
	return kern_units(f, a, b) * size / f->upem;
}

double kh_font_ascent(kh_font *f, double size) { return f ? f->ascent * size / f->upem : size * 0.88; }
double kh_font_descent(kh_font *f, double size) { return f ? f->descent * size / f->upem : size * 0.12; }
double kh_font_cap_height(kh_font *f, double size) { return f ? f->cap_height * size / f->upem : size * 0.7; }
double kh_font_x_height(kh_font *f, double size) { return f ? f->x_height * size / f->upem : size * 0.5; }
unsigned kh_font_upem(const kh_font *f) { return f->upem; }

/* ---- characters used, subsets ---- */

void kh_font_use(kh_font *f, uint32_t cp)
{
	hb_codepoint_t g;
	if (!f || cp >= 0x110000)
		return;
	if (!hb_set_has(f->used, cp)) {
		hb_set_add(f->used, cp);
		f->used_dirty = 1;
		if (hb_font_get_nominal_glyph(f->font, cp, &g))
			kh_font_use_glyph(f, (unsigned)g);
	}
}

void kh_font_use_glyph(kh_font *f, unsigned gid)
{
	if (!f || gid > 0xFFFF)
		return;
	if (!hb_set_has(f->used_gids, gid)) {
		hb_set_add(f->used_gids, gid);
		f->gids_dirty = 1;
	}
}

int kh_font_used_glyphs(kh_font *f, const uint32_t **gids)
{
	if (f->gids_dirty || !f->gids_arr) {
		hb_codepoint_t g = HB_SET_VALUE_INVALID;
		int n = 0;
		free(f->gids_arr);
		f->gids_arr = kh_xmalloc(((size_t)hb_set_get_population(f->used_gids) + 1) * sizeof *f->gids_arr);
		while (hb_set_next(f->used_gids, &g))
			f->gids_arr[n++] = g;
		f->gids_n = n;
		f->gids_dirty = 0;
	}
	*gids = f->gids_arr;
	return f->gids_n;
}

int kh_font_used(kh_font *f, const uint32_t **cps)
{
	if (f->used_dirty || !f->used_arr) {
		hb_codepoint_t cp = HB_SET_VALUE_INVALID;
		int n = 0;
		free(f->used_arr);
		f->used_arr = kh_xmalloc(((size_t)hb_set_get_population(f->used) + 1) * sizeof *f->used_arr);
		while (hb_set_next(f->used, &cp))
			f->used_arr[n++] = cp;
		f->used_n = n;
		f->used_dirty = 0;
	}
	*cps = f->used_arr;
	return f->used_n;
}

/* Cut f down to the characters used, keeping only the tables in keep (a
 * NULL-terminated list of tags); hinting dropped.  With the layout tables
 * gone there is no glyph closure: the subset holds .notdef and one glyph per
 * covered character, numbered the same way whatever else is kept. */
static int subset(kh_font *f, const hb_tag_t *keep, unsigned char **data, size_t *len, uint16_t **gidmap,
                  int glyphs_only)
{
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	hb_set_t *drop;
	hb_tag_t tags[64];
	unsigned ntags, start = 0;
	hb_face_t *sub;
	hb_subset_plan_t *plan;
	hb_blob_t *blob;
	unsigned n;
	const char *p;
	hb_codepoint_t cp = HB_SET_VALUE_INVALID, g;
	int covered = 0;

	*data = NULL;
	*len = 0;
	if (!in) {
		kh_error(KH_NOLOC, "cannot subset font '%s': out of memory", f->family);
		return -1;
	}
	if (!glyphs_only)
		hb_set_union(hb_subset_input_unicode_set(in), f->used);
	hb_set_union(hb_subset_input_glyph_set(in), f->used_gids);
	if (hb_set_get_population(f->used_gids) > (hb_set_has(f->used_gids, 0) ? 1u : 0u))
		covered = 1;
	/* a font none of whose used characters it has still needs one mapped
	 * character for libharu to accept it: the space */
	while (!covered && !glyphs_only && hb_set_next(f->used, &cp))
		if (hb_font_get_nominal_glyph(f->font, cp, &g) && g) {
			covered = 1;
			break;
		}
	if (!covered)
		hb_set_add(hb_subset_input_unicode_set(in), ' ');
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
	drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	do {
		ntags = KH_COUNT(tags);
		hb_face_get_table_tags(f->face, start, &ntags, tags);
		for (unsigned i = 0; i < ntags; i++) {
			int kept = 0;
			for (const hb_tag_t *k = keep; *k; k++)
				kept |= *k == tags[i];
			if (!kept)
				hb_set_add(drop, tags[i]);
		}
		start += ntags;
	} while (ntags == KH_COUNT(tags));
	plan = hb_subset_plan_create_or_fail(f->face, in);
	hb_subset_input_destroy(in);
	sub = plan ? hb_subset_plan_execute_or_fail(plan) : NULL;
	if (sub && gidmap) {
		const hb_map_t *old_new = hb_subset_plan_old_to_new_glyph_mapping(plan);
		unsigned count = hb_face_get_glyph_count(f->face);
		*gidmap = kh_xcalloc(count ? count : 1, sizeof **gidmap);
		for (unsigned gi = 0; gi < count; gi++) {
			hb_codepoint_t ng = hb_map_get(old_new, gi);
			(*gidmap)[gi] = ng == HB_MAP_VALUE_INVALID ? 0 : (uint16_t)ng;
		}
	}
	hb_subset_plan_destroy(plan);
	if (!sub) {
		kh_error(KH_NOLOC, "cannot subset font '%s' (%s)", f->family, base_name(f->path));
		return -1;
	}
	blob = hb_face_reference_blob(sub);
	p = hb_blob_get_data(blob, &n);
	if (!p || n == 0) {
		hb_blob_destroy(blob);
		hb_face_destroy(sub);
		if (gidmap) {
			free(*gidmap);
			*gidmap = NULL;
		}
		kh_error(KH_NOLOC, "cannot subset font '%s' (%s)", f->family, base_name(f->path));
		return -1;
	}
	*data = kh_xmalloc(n);
	memcpy(*data, p, n);
	*len = n;
	hb_blob_destroy(blob);
	hb_face_destroy(sub);
	return 0;
}

#define T(a, b, c, d) HB_TAG(a, b, c, d)

int kh_font_subset(kh_font *f, unsigned char **data, size_t *len)
{
	static const hb_tag_t keep[] = {T('h', 'e', 'a', 'd'), T('h', 'h', 'e', 'a'), T('m', 'a', 'x', 'p'),
	                                T('h', 'm', 't', 'x'), T('l', 'o', 'c', 'a'), T('g', 'l', 'y', 'f'),
	                                T('c', 'm', 'a', 'p'), T('n', 'a', 'm', 'e'), T('p', 'o', 's', 't'),
	                                T('O', 'S', '/', '2'), 0};
	return subset(f, keep, data, len, NULL, 0);
}

int kh_font_subset_program(kh_font *f, unsigned char **data, size_t *len, uint16_t **gidmap)
{
	static const hb_tag_t keep[] = {T('h', 'e', 'a', 'd'), T('h', 'h', 'e', 'a'), T('m', 'a', 'x', 'p'),
	                                T('h', 'm', 't', 'x'), T('l', 'o', 'c', 'a'), T('g', 'l', 'y', 'f'), 0};
	if (gidmap)
		*gidmap = NULL;
	return subset(f, keep, data, len, gidmap, 1);
}

#undef T

int kh_font_file_data(kh_font *f, unsigned char **data, size_t *len)
{
	unsigned n;
	const char *p;
	*data = NULL;
	*len = 0;
	if (hb_face_count(f->blob) != 1)
		return -1; /* a collection: a PDF embeds one face */
	p = hb_blob_get_data(f->blob, &n);
	if (!p || !n)
		return -1;
	*data = kh_xmalloc(n);
	memcpy(*data, p, n);
	*len = n;
	return 0;
}

/* ---- `kumihan fonts` ---- */

static int pattern_cmp(const void *a, const void *b)
{
	FcPattern *pa = *(FcPattern *const *)a, *pb = *(FcPattern *const *)b;
	FcChar8 *fa = (FcChar8 *)"", *fb = (FcChar8 *)"", *sa = (FcChar8 *)"", *sb = (FcChar8 *)"";
	int c;
	FcPatternGetString(pa, FC_FAMILY, 0, &fa);
	FcPatternGetString(pb, FC_FAMILY, 0, &fb);
	if ((c = strcmp((const char *)fa, (const char *)fb)) != 0)
		return c;
	FcPatternGetString(pa, FC_STYLE, 0, &sa);
	FcPatternGetString(pb, FC_STYLE, 0, &sb);
	if ((c = strcmp((const char *)sa, (const char *)sb)) != 0)
		return c;
	FcPatternGetString(pa, FC_FILE, 0, &sa);
	FcPatternGetString(pb, FC_FILE, 0, &sb);
	return strcmp((const char *)sa, (const char *)sb);
}

void kh_fonts_list_installed(FILE *out)
{
	FcConfig *cfg = fc_get();
	FcPattern *pat;
	FcObjectSet *os;
	FcFontSet *set;
	FcPattern **v;
	char **seen;
	kh_arena *names;
	int n = 0;
	char *local = realpath("fonts", NULL);
	if (!cfg) {
		free(local);
		return;
	}
	/* the fonts/ folder of the project in the current folder counts too */
	fc_add_dir(local);
	free(local);
	names = kh_arena_new();
	pat = FcPatternCreate();
	os = FcObjectSetBuild(FC_FAMILY, FC_STYLE, FC_FILE, FC_INDEX, FC_FONTFORMAT, (char *)NULL);
	set = FcFontList(cfg, pat, os);
	v = kh_xmalloc(((size_t)(set ? set->nfont : 0) + 1) * sizeof *v);
	for (int i = 0; set && i < set->nfont; i++)
		if (is_truetype(set->fonts[i]))
			v[n++] = set->fonts[i];
	qsort(v, (size_t)n, sizeof *v, pattern_cmp);
	seen = kh_xmalloc(((size_t)n + 1) * sizeof *seen);
	for (int i = 0; i < n; i++) {
		FcChar8 *fam = (FcChar8 *)"", *st = (FcChar8 *)"", *file = (FcChar8 *)"";
		int index = 0, dup = 0;
		char *rp;
		FcPatternGetString(v[i], FC_FAMILY, 0, &fam);
		FcPatternGetString(v[i], FC_STYLE, 0, &st);
		FcPatternGetString(v[i], FC_FILE, 0, &file);
		FcPatternGetInteger(v[i], FC_INDEX, 0, &index);
		/* one line a face: the same file under another name (a symlink) once */
		rp = realpath((const char *)file, NULL);
		seen[i] = kh_arena_printf(names, "%s:%d", rp ? rp : (const char *)file, index);
		free(rp);
		for (int k = 0; k < i && !dup; k++)
			dup = strcmp(seen[k], seen[i]) == 0;
		if (dup)
			continue;
		if (index)
			fprintf(out, "%s\t%s\t%s:%d\n", fam, st, file, index);
		else
			fprintf(out, "%s\t%s\t%s\n", fam, st, file);
	}
	free(v);
	free(seen);
	kh_arena_drop(names);
	if (set)
		FcFontSetDestroy(set);
	FcObjectSetDestroy(os);
	FcPatternDestroy(pat);
}

/* ---- what a PDF font descriptor needs ---- */

static int16_t be16(const char *p) { return (int16_t)((unsigned char)p[0] << 8 | (unsigned char)p[1]); }

void kh_font_descriptor(kh_font *f, kh_font_desc *d)
{
	hb_blob_t *b;
	const char *p;
	unsigned n;
	double k = 1000.0 / f->upem;
	memset(d, 0, sizeof *d);
	d->flags = 32; /* nonsymbolic */
	d->bbox[0] = 0, d->bbox[1] = -(int)(f->descent * k), d->bbox[2] = 1000, d->bbox[3] = (int)(f->ascent * k);
	b = hb_face_reference_table(f->face, HB_TAG('h', 'e', 'a', 'd'));
	p = hb_blob_get_data(b, &n);
	if (p && n >= 44)
		for (int i = 0; i < 4; i++)
			d->bbox[i] = (int)lround(be16(p + 36 + 2 * i) * k);
	hb_blob_destroy(b);
	b = hb_face_reference_table(f->face, HB_TAG('p', 'o', 's', 't'));
	p = hb_blob_get_data(b, &n);
	if (p && n >= 16) {
		d->italic_angle = be16(p + 4) + (double)(uint16_t)be16(p + 6) / 65536.0;
		if (be16(p + 12) || be16(p + 14))
			d->flags |= 1; /* fixed pitch */
	}
	hb_blob_destroy(b);
	b = hb_face_reference_table(f->face, HB_TAG('O', 'S', '/', '2'));
	p = hb_blob_get_data(b, &n);
	if (p && n >= 32) {
		int cls = (unsigned char)p[30];
		if (cls >= 1 && cls <= 7)
			d->flags |= 2; /* serif */
	}
	hb_blob_destroy(b);
	if (d->italic_angle != 0)
		d->flags |= 64;
}
