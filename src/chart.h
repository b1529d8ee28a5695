/* chart.h -- org charts, and the geometry connectors share with them:
 * anchors on boxes, straight and orthogonal routes, arrowheads, and label
 * placement that keeps labels off boxes and off each other.
 *
 * chart.c draws into the display list; text is set through layout.c's text
 * blocks (layout.h), data comes from kh_doc's tables.
 */
#ifndef KH_CHART_H
#define KH_CHART_H

#include "display.h"
#include "layout.h"

typedef struct kh_rect {
	double x, y, w, h;
} kh_rect;

typedef enum {
	KH_SIDE_AUTO = 0, /* the side facing the other end */
	KH_SIDE_TOP,
	KH_SIDE_RIGHT,
	KH_SIDE_BOTTOM,
	KH_SIDE_LEFT,
	KH_SIDE_CENTER
} kh_side;

/* "top" "right" "bottom" "left" "center" ("" or "auto": AUTO); -1 if unknown. */
int kh_side_parse(const char *s);

typedef struct kh_anchor {
	kh_rect box;
	kh_side side;
	double at;        /* 0..1 along the side (left to right, top to bottom); 0.5 = middle */
} kh_anchor;

/* Route a line from anchor a to anchor b.  Straight: one segment between the
 * anchor points (an AUTO side is where the line between the centres leaves
 * the box).  Orthogonal: horizontal and vertical segments leaving each box
 * perpendicular to its side.  Writes up to KH_ROUTE_MAX points (x, y pairs)
 * to pts and returns their count (>= 2). */
#define KH_ROUTE_MAX 8
int kh_route(const kh_anchor *a, const kh_anchor *b, int orthogonal, double *pts);

enum { KH_ARROW_NONE = 0, KH_ARROW_START = 1, KH_ARROW_END = 2, KH_ARROW_BOTH = 3 };

/* Stroke a polyline with optional filled arrowheads at either end (the line
 * stops short of the tip so the stroke does not poke through).  dash: ndash
 * on/off lengths (0: solid). */
void kh_draw_arrow_path(kh_dl *dl, kh_dl_page *pg, const double *pts, int n, kh_color stroke, double lw,
                        const double *dash, int ndash, int arrows);

/* Rectangles a label must not overlap. */
typedef struct kh_obstacles {
	kh_rect *r;
	int n;
	size_t cap;
} kh_obstacles;
void kh_obstacles_add(kh_obstacles *o, kh_rect r);
void kh_obstacles_free(kh_obstacles *o);
int kh_rect_overlap(kh_rect a, kh_rect b);

/* Find a place for a w x h label along the polyline: beside or centred on
 * its segments, longest segment first, middle first.  Returns 1 and *out
 * when a place overlaps no obstacle (and stays inside bounds when bounds
 * is not NULL), else 0 with *out at the middle of the longest segment. */
int kh_label_place(const double *pts, int n, double w, double h, const kh_obstacles *obs,
                   const kh_rect *bounds, kh_rect *out);

/* ---- org chart ---- */

/* What the engine hands the chart: the element, the area it fills
 * (page coordinates) and where to draw. */
typedef struct kh_chart_in {
	kh_doc *doc;
	kh_dl *dl;
	kh_dl_page *pg;
	const kh_ynode *el;           /* the chart element */
	kh_rect area;
	const kh_bindctx *ctx;        /* for text sources */
	kh_obstacles *labels;         /* labels already on the page; the chart's are added */
	/* Called for every node box (so connectors can join chart nodes). */
	void (*node_cb)(void *user, const char *id, kh_rect r, kh_loc where);
	void *user;
} kh_chart_in;

/* Lay the chart out and draw it.  Errors (unknown node ids, missing columns,
 * positions outside the grid) are reported at the CSV cell or the layout
 * position; the chart is drawn without what was wrong. */
void kh_chart_draw(const kh_chart_in *in);

#endif
