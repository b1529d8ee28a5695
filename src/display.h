/* display.h -- the display list: the one hand-off between layout and output.
 *
 * Layout produces a kh_dl (pages of positioned glyph runs, paths and images);
 * the PDF writer (pdf.c) is the only consumer that knows about libharu, and
 * dump.c prints the same list as text for golden tests.
 *
 * Coordinates are in PostScript points (1/72 in), origin at the top-left
 * corner of the page's media box, y growing downwards, as a designer measures
 * on paper.  The PDF writer flips them.  Everything is owned by the list's
 * arena: nothing here has its own free function.
 */
#ifndef KH_DISPLAY_H
#define KH_DISPLAY_H

#include <stdint.h>
#include "util.h"

typedef struct kh_font kh_font; /* font.h */

typedef struct kh_color {
	enum { KH_COLOR_NONE, KH_COLOR_RGB, KH_COLOR_CMYK, KH_COLOR_GRAY } space;
	double v[4]; /* 0..1: r g b | c m y k | gray */
} kh_color;

/* One glyph of a run: 16 bytes (a million-row table is mostly glyphs).
 * Its advance is the font's (kh_font_glyph_advance); x and y say where it
 * stands, so kerning, justification and squeezing are in the positions.
 * It stands for the run's text from byte `cluster` up to the next glyph's
 * larger cluster (or the text's end): several glyphs of one cluster (the
 * first carries the text), one glyph for several characters (a ligature, a
 * base character with its variation selector) fit alike.  Glyphs are in
 * logical order; clusters never decrease. */
typedef struct kh_glyph {
	uint16_t gid;     /* glyph ID in the run's font (0: .notdef, the font lacks it) */
	uint16_t flags;   /* KH_GLYPH_ */
	float x, y;       /* pen position, pt, relative to the run origin */
	uint32_t cluster; /* byte offset in the run's text */
} kh_glyph;

enum {
	KH_GLYPH_ROTATE = 1, /* turned 90 degrees clockwise about its em box centre
	                      * (vertical forms of ー, brackets) */
};

typedef struct kh_dl_text {
	kh_font *font;
	double size;     /* pt */
	kh_color color;
	double x, y;     /* origin: baseline start */
	int n;
	kh_glyph *glyphs;
	const char *text; /* UTF-8 the glyphs stand for (for text extraction), owned by the list */
	uint32_t len;     /* its length in bytes */
} kh_dl_text;

/* The bytes of t->text glyph i stands for: [*start, *end), empty for the
 * second and later glyphs of a cluster. */
void kh_dl_glyph_text(const kh_dl_text *t, int i, uint32_t *start, uint32_t *end);

typedef enum { KH_PATH_MOVE, KH_PATH_LINE, KH_PATH_CURVE, KH_PATH_CLOSE } kh_path_op;
typedef struct kh_path_seg {
	kh_path_op op;
	double x[3], y[3]; /* MOVE/LINE: point 0; CURVE: control 0, control 1, end 2 */
} kh_path_seg;

typedef struct kh_dl_path {
	kh_color fill, stroke;   /* space NONE: not filled / not stroked */
	double line_width;       /* pt */
	int ndash;
	double dash[4];          /* on/off lengths, pt */
	int nseg;
	kh_path_seg *segs;
} kh_dl_path;

typedef struct kh_dl_image {
	const char *path;        /* resolved file path */
	double x, y, w, h;       /* placed image rectangle (may exceed the clip) */
	int clipped;             /* if set, clip to clip_* */
	double clip_x, clip_y, clip_w, clip_h;
} kh_dl_image;

typedef enum { KH_DL_TEXT, KH_DL_PATH, KH_DL_IMAGE } kh_dl_kind;

/* What an item is in the document, for a writer that tags it (tagged PDF):
 * the kind of its structure element, an id the items of one element share
 * (ids grow in reading order), the element it is part of (a list item's
 * list, a cell's table) and its place there (the item's or row's number,
 * from 1).  Decoration, repeated headings and master content are
 * artifacts. */
typedef enum {
	KH_ROLE_NONE, KH_ROLE_H, KH_ROLE_P, KH_ROLE_LI, KH_ROLE_TH, KH_ROLE_TD, KH_ROLE_FIGURE, KH_ROLE_CAPTION,
	KH_ROLE_ARTIFACT
} kh_role_kind;

typedef struct kh_dl_role {
	unsigned char kind;      /* kh_role_kind */
	unsigned char level;     /* KH_ROLE_H: 1 to 6 */
	int id, parent, index;   /* 0: none */
	const char *alt;         /* KH_ROLE_FIGURE: its alternative text, or NULL */
} kh_dl_role;

typedef struct kh_dl_item {
	kh_dl_kind kind;
	kh_dl_role role;
	union {
		kh_dl_text text;
		kh_dl_path path;
		kh_dl_image image;
	} u;
	struct kh_dl_item *next;
} kh_dl_item;

typedef struct kh_dl_page {
	double width, height;    /* media box, pt */
	double bleed;            /* pt around the trim box (0 = none); media = trim + 2*bleed */
	kh_dl_item *first, *last;
	int nitems;
	struct kh_dl_page *next;
} kh_dl_page;

typedef struct kh_dl {
	kh_arena *arena;
	const char *title, *author, *subject, *keywords, *lang; /* document info; may be NULL */
	kh_dl_page *first, *last;
	int npages;
} kh_dl;

kh_dl *kh_dl_new(void);
void kh_dl_drop(kh_dl *dl);
kh_dl_page *kh_dl_add_page(kh_dl *dl, double width, double height);
/* Append items; the returned item is zeroed except kind, owned by dl. */
kh_dl_item *kh_dl_add(kh_dl *dl, kh_dl_page *page, kh_dl_kind kind);

/* Building a run: kh_dl_text_begin makes a text item for up to `cap`
 * glyphs and `textcap` bytes of text; kh_dl_text_glyph appends a glyph for
 * the characters utf8[0..len) (len 0: another glyph of the previous
 * cluster).  Records the glyph as used in the font. */
kh_dl_text *kh_dl_text_begin(kh_dl *dl, kh_dl_page *pg, kh_font *font, double size, kh_color color,
                             double x, double y, int cap, size_t textcap);
kh_glyph *kh_dl_text_glyph(kh_dl_text *t, unsigned gid, double x, double y, const char *utf8, size_t len);

/* Convenience constructors for the common shapes (owned by dl). */
kh_dl_path *kh_dl_rect(kh_dl *dl, kh_dl_page *pg, double x, double y, double w, double h,
                       double radius, kh_color fill, kh_color stroke, double line_width);
kh_dl_path *kh_dl_polyline(kh_dl *dl, kh_dl_page *pg, const double *xy, int npoints,
                           kh_color stroke, double line_width);
kh_dl_path *kh_dl_polygon(kh_dl *dl, kh_dl_page *pg, const double *xy, int npoints,
                          kh_color fill);

/* Text dump for golden tests (dump.c): one line per item, numbers rounded to 0.01 pt. */
void kh_dl_dump(const kh_dl *dl, kh_buf *out);
/* The same; with glyphs, each text line is followed by "  glyphs GID@CLUSTER ..." */
void kh_dl_dump_glyphs(const kh_dl *dl, kh_buf *out, int glyphs);

#endif
