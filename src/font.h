/* font.h -- finding fonts, measuring glyphs, coverage, subsetting.
 *
 * The only file that includes fontconfig and HarfBuzz headers is font.c.
 * Fonts are found by family (and style) with fontconfig, the project's
 * fonts/ folder searched first.  Metrics come from HarfBuzz; libharu never
 * loads a whole font to measure.  Every character set through a font is
 * recorded (kh_font_use) so the PDF writer can embed a subset holding just
 * those glyphs (hb-subset, hinting dropped).
 */
#ifndef KH_FONT_H
#define KH_FONT_H

#include <stdint.h>
#include "diag.h"
#include "util.h"

typedef struct kh_font kh_font;   /* one face: file + collection index */
typedef struct kh_fonts kh_fonts; /* the registry of one document build */

/* New registry.  extra_dir (may be NULL) is searched before the system
 * fonts: the project's fonts/ folder. */
kh_fonts *kh_fonts_new(const char *extra_dir);
void kh_fonts_drop(kh_fonts *fs);

/* Look a family up ("IPAexMincho", "Liberation Serif"), style (the face:
 * "Bold", "Italic", as `kumihan fonts` lists them) "Regular" when NULL.
 * Returns a font owned by the registry (the same pointer for the same face),
 * or NULL after reporting at `where`: not found (naming the closest installed
 * families, or the family and face when the name is "Family Face"), no such
 * face, or a CFF-outline (.otf) font that cannot be embedded. */
kh_font *kh_fonts_lookup(kh_fonts *fs, const char *family, const char *style, kh_loc where);
/* The family's regular face if it is installed and embeddable, else NULL;
 * reports nothing (for fonts kumihan adds by itself, such as the default
 * Japanese fallback). */
kh_font *kh_fonts_find(kh_fonts *fs, const char *family);
/* Do two family (or style) names name the same thing?  Case and spaces do
 * not count ("IPAex Gothic" = "IPAexGothic"), as in kh_fonts_lookup. */
int kh_font_name_eq(const char *a, const char *b);
/* Load a font file directly (path, collection index). */
kh_font *kh_fonts_load_file(kh_fonts *fs, const char *path, int index, kh_loc where);

/* The fonts loaded so far, in load order (for the PDF writer and `kumihan fonts`). */
int kh_fonts_count(const kh_fonts *fs);
kh_font *kh_fonts_get(const kh_fonts *fs, int i);

const char *kh_font_family(const kh_font *f);
const char *kh_font_style(const kh_font *f);
const char *kh_font_path(const kh_font *f);
/* Is f the family's regular face (Regular, Book, Roman, Normal, Medium)? */
int kh_font_is_regular(const kh_font *f);
int kh_font_index(const kh_font *f);
const char *kh_font_postscript_name(const kh_font *f);

/* Metrics at size pt.  Advance of cp (0 if not covered). */
double kh_font_advance(kh_font *f, uint32_t cp, double size);
/* Kerning adjustment between a and b (negative = closer), 0 when none. */
double kh_font_kern(kh_font *f, uint32_t a, uint32_t b, double size);
double kh_font_ascent(kh_font *f, double size);  /* positive, above baseline */
double kh_font_descent(kh_font *f, double size); /* positive, below baseline */
/* Cap height / x-height (pt), for centring text in boxes. */
double kh_font_cap_height(kh_font *f, double size);
double kh_font_x_height(kh_font *f, double size);
/* Units per em of the font's design grid. */
unsigned kh_font_upem(const kh_font *f);
int kh_font_has(kh_font *f, uint32_t cp);
/* The glyph ID for cp, or for the variation sequence cp + vs (vs a
 * variation selector, 0 for none) through the font's format 14 cmap.
 * Returns 1 and sets *gid when the font has it (not .notdef), else 0 and
 * *gid = 0. */
int kh_font_glyph(kh_font *f, uint32_t cp, uint32_t vs, unsigned *gid);
/* Advance of a glyph at size pt (the font's hmtx, as HarfBuzz reads it). */
double kh_font_glyph_advance(kh_font *f, unsigned gid, double size);
/* Number of glyphs in the face (glyph IDs are below it). */
unsigned kh_font_glyph_count(const kh_font *f);
/* Does the font have a vertical alternate (vert feature) for cp?  Returns the
 * glyph substitution as a flag only; rotation is what the writer can do. */

/* Record that cp is drawn with f (for subsetting); its nominal glyph is
 * recorded as used too. */
void kh_font_use(kh_font *f, uint32_t cp);
/* Used code points, sorted ascending; count returned, array owned by f. */
int kh_font_used(kh_font *f, const uint32_t **cps);
/* Record that glyph gid is drawn with f (the PDF writer embeds these). */
void kh_font_use_glyph(kh_font *f, unsigned gid);
/* Used glyph IDs, sorted ascending; count returned, array owned by f. */
int kh_font_used_glyphs(kh_font *f, const uint32_t **gids);

/* A TrueType file holding only the used glyphs (hinting dropped), cmap kept
 * so code points still map.  Returns 0 and a malloc'd buffer, or -1 after
 * reporting an error.  Only the tables a PDF writer needs are kept (head,
 * hhea, maxp, hmtx, loca, glyf, cmap, name, post, OS/2): no layout tables,
 * so no glyphs beyond .notdef and one per covered character.  A font that
 * covers none of the used characters gets the space, so it is never empty. */
int kh_font_subset(kh_font *f, unsigned char **data, size_t *len);
/* The same subset (same glyph numbers) as the bare glyph program a PDF
 * CIDFontType2 embeds: head, hhea, maxp, hmtx, loca and glyf only.  It
 * holds the used glyphs (kh_font_use_glyph, and the nominal glyph of each
 * character given to kh_font_use) and the parts of composite ones: what
 * the PDF writer draws, not the base glyph of a variation sequence.  With gidmap, *gidmap is a malloc'd array
 * of kh_font_glyph_count entries: the subset's glyph ID for each of the
 * font's (0 for a glyph left out). */
int kh_font_subset_program(kh_font *f, unsigned char **data, size_t *len, uint16_t **gidmap);

/* The whole font file (malloc'd), for embedding a font uncut; -1 for a
 * collection (.ttc), which a PDF cannot embed as it is. */
int kh_font_file_data(kh_font *f, unsigned char **data, size_t *len);

/* What a PDF font descriptor says of the face, in 1/1000 em. */
typedef struct kh_font_desc {
	int bbox[4];          /* head: xMin yMin xMax yMax */
	double italic_angle;  /* post, degrees */
	int flags;            /* PDF font flags: nonsymbolic, serif (OS/2 family class), fixed pitch, italic */
} kh_font_desc;
void kh_font_descriptor(kh_font *f, kh_font_desc *d);

/* `kumihan fonts`: print every family fontconfig knows that kumihan can embed
 * (TrueType outlines), one per line, with its file. */
void kh_fonts_list_installed(FILE *out);

#endif
