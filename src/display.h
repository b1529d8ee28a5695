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

typedef struct kh_glyph {
	uint32_t cp;     /* Unicode scalar; the writer maps it through the font */
	double x, y;     /* pen position of this glyph, relative to the run origin */
	short rotate;    /* 0 or 90 (clockwise, for vertical forms of ー, brackets) */
} kh_glyph;

typedef struct kh_dl_text {
	kh_font *font;
	double size;     /* pt */
	kh_color color;
	double x, y;     /* origin: baseline start */
	int n;
	kh_glyph *glyphs;
} kh_dl_text;

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

/* Convenience constructors for the common shapes (owned by dl). */
kh_dl_path *kh_dl_rect(kh_dl *dl, kh_dl_page *pg, double x, double y, double w, double h,
                       double radius, kh_color fill, kh_color stroke, double line_width);
kh_dl_path *kh_dl_polyline(kh_dl *dl, kh_dl_page *pg, const double *xy, int npoints,
                           kh_color stroke, double line_width);
kh_dl_path *kh_dl_polygon(kh_dl *dl, kh_dl_page *pg, const double *xy, int npoints,
                          kh_color fill);

/* Text dump for golden tests (dump.c): one line per item, numbers rounded to 0.01 pt. */
void kh_dl_dump(const kh_dl *dl, kh_buf *out);

#endif
