/* chart.c -- org charts and connector geometry.
 *
 * A chart takes a nodes table (id, label, and col/row grid cells unless the
 * layout is automatic) and an edges table (from, to, label, optional
 * from-side, to-side, label-vertical).  Positions are either the given grid
 * cells of the area, or a layered layout computed here: ranks by
 * breadth-first search from the roots (nodes nothing points to), nodes of a
 * rank ordered by the barycentre of their neighbours to reduce crossings,
 * ranks spread over the area.  Node boxes are sized from their measured
 * labels.  Edges are routed straight or orthogonally between box sides and
 * end in arrowheads on the box edge; each label is put at the first of a
 * list of candidate places along its edge that covers no box and no other
 * label (nor, if possible, another edge); when none is free a warning says
 * so.
 */
#include "chart.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"

#define MM (72.0 / 25.4)

int kh_side_parse(const char *s)
{
	static const char *const names[] = {"auto", "top", "right", "bottom", "left", "center"};
	if (!s || !*s)
		return KH_SIDE_AUTO;
	for (int i = 0; i < 6; i++)
		if (!strcmp(s, names[i]))
			return i;
	if (!strcmp(s, "centre"))
		return KH_SIDE_CENTER;
	return -1;
}

/* ---- geometry ---- */

static void side_point(const kh_anchor *a, kh_side side, double *x, double *y)
{
	const kh_rect *r = &a->box;
	switch (side) {
	case KH_SIDE_TOP: *x = r->x + a->at * r->w; *y = r->y; break;
	case KH_SIDE_BOTTOM: *x = r->x + a->at * r->w; *y = r->y + r->h; break;
	case KH_SIDE_LEFT: *x = r->x; *y = r->y + a->at * r->h; break;
	case KH_SIDE_RIGHT: *x = r->x + r->w; *y = r->y + a->at * r->h; break;
	default: *x = r->x + r->w / 2; *y = r->y + r->h / 2; break;
	}
}

/* Where the ray from the centre of r towards (tx, ty) leaves r. */
static void border_towards(const kh_rect *r, double tx, double ty, double *x, double *y)
{
	double cx = r->x + r->w / 2, cy = r->y + r->h / 2, dx = tx - cx, dy = ty - cy, s = 1e30;
	if (fabs(dx) > 1e-9)
		s = fmin(s, (r->w / 2) / fabs(dx));
	if (fabs(dy) > 1e-9)
		s = fmin(s, (r->h / 2) / fabs(dy));
	if (s > 1e29)
		s = 0;
	*x = cx + dx * s;
	*y = cy + dy * s;
}

/* For an AUTO side in an orthogonal route: the side of a facing b. */
static kh_side facing(const kh_rect *a, const kh_rect *b)
{
	double acx = a->x + a->w / 2, acy = a->y + a->h / 2, bcx = b->x + b->w / 2, bcy = b->y + b->h / 2;
	if (b->y >= a->y + a->h - 0.01 || a->y >= b->y + b->h - 0.01) {
		/* separated vertically: leave by top or bottom, unless they are much
		 * further apart sideways than up and down and separated sideways too */
		int hsep = b->x >= a->x + a->w || a->x >= b->x + b->w;
		double gapx = fabs(bcx - acx) - (a->w + b->w) / 2, gapy = fabs(bcy - acy) - (a->h + b->h) / 2;
		if (!hsep || gapy >= gapx)
			return bcy > acy ? KH_SIDE_BOTTOM : KH_SIDE_TOP;
	}
	return bcx > acx ? KH_SIDE_RIGHT : KH_SIDE_LEFT;
}

static int vertical_side(kh_side s)
{
	return s == KH_SIDE_TOP || s == KH_SIDE_BOTTOM;
}

static int push(double *pts, int n, double x, double y)
{
	if (n > 0 && fabs(pts[2 * n - 2] - x) < 0.005 && fabs(pts[2 * n - 1] - y) < 0.005)
		return n;
	if (n >= KH_ROUTE_MAX)
		return n;
	pts[2 * n] = x;
	pts[2 * n + 1] = y;
	return n + 1;
}

/* Drop middle points on a straight run. */
static int simplify(double *pts, int n)
{
	int k = 0;
	for (int i = 0; i < n; i++) {
		if (k >= 2) {
			double ax = pts[2 * k - 4], ay = pts[2 * k - 3], bx = pts[2 * k - 2], by = pts[2 * k - 1];
			double cx = pts[2 * i], cy = pts[2 * i + 1];
			if ((fabs(ax - bx) < 0.005 && fabs(bx - cx) < 0.005) || (fabs(ay - by) < 0.005 && fabs(by - cy) < 0.005)) {
				pts[2 * k - 2] = cx;
				pts[2 * k - 1] = cy;
				continue;
			}
		}
		pts[2 * k] = pts[2 * i];
		pts[2 * k + 1] = pts[2 * i + 1];
		k++;
	}
	return k;
}

int kh_route(const kh_anchor *a, const kh_anchor *b, int orthogonal, double *pts)
{
	double x0, y0, x1, y1;
	kh_side sa = a->side, sb = b->side;
	int n = 0;
	if (!orthogonal) {
		double acx = a->box.x + a->box.w / 2, acy = a->box.y + a->box.h / 2;
		double bcx = b->box.x + b->box.w / 2, bcy = b->box.y + b->box.h / 2;
		if (sa == KH_SIDE_AUTO)
			border_towards(&a->box, sb == KH_SIDE_AUTO ? bcx : bcx, bcy, &x0, &y0);
		else
			side_point(a, sa, &x0, &y0);
		if (sb == KH_SIDE_AUTO)
			border_towards(&b->box, sa == KH_SIDE_AUTO ? acx : x0, sa == KH_SIDE_AUTO ? acy : y0, &x1, &y1);
		else
			side_point(b, sb, &x1, &y1);
		if (sa == KH_SIDE_AUTO && sb != KH_SIDE_AUTO)
			border_towards(&a->box, x1, y1, &x0, &y0);
		pts[0] = x0, pts[1] = y0, pts[2] = x1, pts[3] = y1;
		return 2;
	}
	if (sa == KH_SIDE_AUTO || sa == KH_SIDE_CENTER)
		sa = facing(&a->box, &b->box);
	if (sb == KH_SIDE_AUTO || sb == KH_SIDE_CENTER)
		sb = facing(&b->box, &a->box);
	side_point(a, sa, &x0, &y0);
	side_point(b, sb, &x1, &y1);
	/* a side facing b's way along its axis: start straight; else a stub first */
	n = push(pts, n, x0, y0);
	if (vertical_side(sa) && vertical_side(sb)) {
		double my = (y0 + y1) / 2;
		int a_ok = sa == KH_SIDE_BOTTOM ? my > y0 : my < y0;
		int b_ok = sb == KH_SIDE_BOTTOM ? my > y1 : my < y1;
		if (!a_ok || !b_ok) /* facing away: go round beyond the further one */
			my = sa == KH_SIDE_BOTTOM ? fmax(y0, y1) + 8 : fmin(y0, y1) - 8;
		n = push(pts, n, x0, my);
		n = push(pts, n, x1, my);
	} else if (!vertical_side(sa) && !vertical_side(sb)) {
		double mx = (x0 + x1) / 2;
		int a_ok = sa == KH_SIDE_RIGHT ? mx > x0 : mx < x0;
		int b_ok = sb == KH_SIDE_RIGHT ? mx > x1 : mx < x1;
		if (!a_ok || !b_ok)
			mx = sa == KH_SIDE_RIGHT ? fmax(x0, x1) + 8 : fmin(x0, x1) - 8;
		n = push(pts, n, mx, y0);
		n = push(pts, n, mx, y1);
	} else if (vertical_side(sa)) {
		n = push(pts, n, x0, y1);
	} else {
		n = push(pts, n, x1, y0);
	}
	n = push(pts, n, x1, y1);
	if (n < 2)
		n = push(pts, 1, x1 + 0.01, y1);
	return simplify(pts, n);
}

/* ---- drawing ---- */

void kh_draw_arrow_path(kh_dl *dl, kh_dl_page *pg, const double *pts, int n, kh_color stroke, double lw,
                        const double *dash, int ndash, int arrows)
{
	double p[2 * KH_ROUTE_MAX + 4];
	double len = 3.5 + 3 * lw, half = len * 0.38;
	kh_dl_path *path;
	if (n < 2 || n > KH_ROUTE_MAX + 2 || stroke.space == KH_COLOR_NONE)
		return;
	memcpy(p, pts, (size_t)(2 * n) * sizeof *p);
	/* stop the stroke inside each head so it does not poke through the tip */
	for (int end = 0; end < 2; end++) {
		int want = end ? (arrows & KH_ARROW_END) : (arrows & KH_ARROW_START);
		int tip = end ? n - 1 : 0, from = end ? n - 2 : 1;
		double dx = pts[2 * tip] - pts[2 * from], dy = pts[2 * tip + 1] - pts[2 * from + 1];
		double d = hypot(dx, dy), cut;
		if (!want || d < 1e-6)
			continue;
		cut = fmin(len * 0.8, d * 0.9);
		p[2 * tip] = pts[2 * tip] - dx / d * cut;
		p[2 * tip + 1] = pts[2 * tip + 1] - dy / d * cut;
	}
	path = kh_dl_polyline(dl, pg, p, n, stroke, lw);
	for (int i = 0; i < ndash && i < 4; i++)
		path->dash[i] = dash[i];
	path->ndash = ndash > 4 ? 4 : ndash;
	for (int end = 0; end < 2; end++) {
		int want = end ? (arrows & KH_ARROW_END) : (arrows & KH_ARROW_START);
		int tip = end ? n - 1 : 0, from = end ? n - 2 : 1;
		double tx = pts[2 * tip], ty = pts[2 * tip + 1], dx = tx - pts[2 * from], dy = ty - pts[2 * from + 1];
		double d = hypot(dx, dy), ux, uy, tri[6];
		if (!want || d < 1e-6)
			continue;
		ux = dx / d;
		uy = dy / d;
		tri[0] = tx;
		tri[1] = ty;
		tri[2] = tx - ux * len - uy * half;
		tri[3] = ty - uy * len + ux * half;
		tri[4] = tx - ux * len + uy * half;
		tri[5] = ty - uy * len - ux * half;
		kh_dl_polygon(dl, pg, tri, 3, stroke);
	}
}

/* ---- labels ---- */

void kh_obstacles_add(kh_obstacles *o, kh_rect r)
{
	kh_grow(&o->r, sizeof *o->r, (size_t)o->n + 1, &o->cap);
	o->r[o->n++] = r;
}

void kh_obstacles_free(kh_obstacles *o)
{
	free(o->r);
	o->r = NULL;
	o->n = 0;
	o->cap = 0;
}

int kh_rect_overlap(kh_rect a, kh_rect b)
{
	const double e = 0.01;
	return a.x < b.x + b.w - e && b.x < a.x + a.w - e && a.y < b.y + b.h - e && b.y < a.y + a.h - e;
}

static int free_of(kh_rect r, const kh_obstacles *o)
{
	for (int i = 0; o && i < o->n; i++)
		if (kh_rect_overlap(r, o->r[i]))
			return 0;
	return 1;
}

static int inside(kh_rect r, const kh_rect *b)
{
	return !b || (r.x >= b->x - 0.01 && r.y >= b->y - 0.01 && r.x + r.w <= b->x + b->w + 0.01 &&
	              r.y + r.h <= b->y + b->h + 0.01);
}

/* Candidates, best first, into out (at most max); returns the count. */
static int label_candidates(const double *pts, int n, double w, double h, kh_rect *out, int max)
{
	static const double ts[] = {0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9};
	int order[KH_ROUTE_MAX], ns = n - 1, k = 0;
	const double off = 2;
	for (int i = 0; i < ns; i++)
		order[i] = i;
	/* longest segment first (stable) */
	for (int i = 1; i < ns; i++)
		for (int j = i; j > 0; j--) {
			int a = order[j - 1], b = order[j];
			double la = hypot(pts[2 * a + 2] - pts[2 * a], pts[2 * a + 3] - pts[2 * a + 1]);
			double lb = hypot(pts[2 * b + 2] - pts[2 * b], pts[2 * b + 3] - pts[2 * b + 1]);
			if (lb > la + 0.01) {
				order[j - 1] = b;
				order[j] = a;
			}
		}
	for (int si = 0; si < ns; si++) {
		int s = order[si];
		double x0 = pts[2 * s], y0 = pts[2 * s + 1], x1 = pts[2 * s + 2], y1 = pts[2 * s + 3];
		int vert = fabs(x1 - x0) < fabs(y1 - y0);
		for (size_t ti = 0; ti < KH_COUNT(ts); ti++) {
			double px = x0 + (x1 - x0) * ts[ti], py = y0 + (y1 - y0) * ts[ti];
			kh_rect c[2];
			if (vert) {
				c[0] = (kh_rect){px + off, py - h / 2, w, h};         /* right of the line */
				c[1] = (kh_rect){px - off - w, py - h / 2, w, h};     /* left */
			} else {
				c[0] = (kh_rect){px - w / 2, py - off - h, w, h};     /* above */
				c[1] = (kh_rect){px - w / 2, py + off, w, h};         /* below */
			}
			for (int q = 0; q < 2 && k < max; q++)
				out[k++] = c[q];
		}
	}
	return k;
}

static int place_label(const double *pts, int n, double w, double h, const kh_obstacles *hard,
                       const kh_obstacles *soft, const kh_rect *bounds, kh_rect *out)
{
	kh_rect cand[KH_ROUTE_MAX * 14];
	int nc = label_candidates(pts, n, w, h, cand, (int)KH_COUNT(cand));
	if (nc == 0) {
		*out = (kh_rect){pts[0], pts[1], w, h};
		return 0;
	}
	for (int i = 0; i < nc; i++)
		if (inside(cand[i], bounds) && free_of(cand[i], hard) && free_of(cand[i], soft)) {
			*out = cand[i];
			return 2;
		}
	for (int i = 0; i < nc; i++)
		if (inside(cand[i], bounds) && free_of(cand[i], hard)) {
			*out = cand[i];
			return 1;
		}
	for (int i = 0; i < nc; i++)
		if (free_of(cand[i], hard)) {
			*out = cand[i];
			return 1;
		}
	*out = cand[0];
	return 0;
}

int kh_label_place(const double *pts, int n, double w, double h, const kh_obstacles *obs,
                   const kh_rect *bounds, kh_rect *out)
{
	return place_label(pts, n, w, h, obs, NULL, bounds, out) > 0;
}

/* ---- org chart ---- */

typedef struct cnode {
	const char *id;
	const char *label;
	int row;                  /* table row */
	int gc, gr, span;         /* grid cell (from 0) and columns spanned */
	int rank, order;
	double bary;
	const struct nclass *cls;  /* its class in node-styles; NULL: the chart's own look */
	kh_tblock tb;
	kh_rect r;
	int ok;                   /* placed (else reported) */
} cnode;

/* One entry of node-styles, resolved: what a key does not say is the chart's. */
typedef struct nclass {
	const char *name;
	kh_color fill, stroke;
	const kh_textstyle *st;
	double radius;
} nclass;

/* The chart's node-styles, each key not given taken from the chart's own
 * node-fill, node-stroke, node-style, node-radius.  Returns the count. */
static int node_classes(kh_doc *doc, const kh_ynode *map, kh_color fill, kh_color stroke, const kh_textstyle *st,
                        double radius, double ref, nclass **out)
{
	nclass *c;
	if (!map || map->kind != KH_Y_MAP || map->n == 0)
		return 0;
	c = kh_arena_alloc(doc->arena, (size_t)map->n * sizeof *c);
	for (int i = 0; i < map->n; i++) {
		const kh_ynode *m = map->vals[i], *sn = kh_prop(m, "style");
		c[i].name = map->keys[i]->str;
		c[i].fill = kh_prop(m, "fill") ? kh_prop_color(m, "fill", doc->palette) : fill;
		c[i].stroke = kh_prop(m, "stroke") ? kh_prop_color(m, "stroke", doc->palette) : stroke;
		c[i].st = sn && sn->kind == KH_Y_SCALAR && *sn->str ? kh_doc_style(doc, sn->str, sn->loc) : st;
		c[i].radius = kh_prop(m, "radius") ? kh_len_pt(kh_prop_len(m, "radius"), ref, c[i].st->size) : radius;
	}
	*out = c;
	return map->n;
}

/* The class a node's cell names; NULL (the chart's look) for an empty cell,
 * or after reporting an unknown name at the cell. */
static const nclass *node_class(const kh_table *t, int row, int col, const nclass *cls, int ncls)
{
	const char *v = kh_table_cell(t, row, col), **names, *near;
	if (!*v)
		return NULL;
	for (int i = 0; i < ncls; i++)
		if (!strcmp(cls[i].name, v))
			return &cls[i];
	names = kh_xmalloc((size_t)(ncls + 1) * sizeof *names);
	for (int i = 0; i < ncls; i++)
		names[i] = cls[i].name;
	kh_error(kh_table_cell_loc(t, row, col), "unknown node class '%s'", v);
	near = kh_closest(v, names, (size_t)ncls);
	if (near) {
		kh_hint("did you mean '%s'?", near);
	} else {
		kh_buf b = KH_BUF_INIT;
		for (int i = 0; i < ncls; i++)
			kh_buf_printf(&b, "%s%s", i ? ", " : "", names[i]);
		kh_hint("the chart's node-styles are %s; add '%s' there, or leave the cell empty", kh_buf_cstr(&b), v);
		kh_buf_free(&b);
	}
	free(names);
	return NULL;
}

typedef struct cedge {
	int a, b;                 /* node indices */
	int row;                  /* first edges-table row of this pair */
	kh_side sa, sb;
	int vertical;
	const char *label;        /* the labels of every row of this pair, one a line */
} cedge;

static const char *cell(const kh_table *t, int row, int col)
{
	return col >= 0 ? kh_table_cell(t, row, col) : "";
}

static int find_node(const cnode *nodes, int n, const char *id)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(nodes[i].id, id))
			return i;
	return -1;
}

static int truthy(const char *s)
{
	return s && (!strcmp(s, "true") || !strcmp(s, "yes") || !strcmp(s, "1") || !strcmp(s, "on") ||
	             !strcmp(s, "縦"));
}

/* A whole number >= lo in a cell; -1 after reporting. */
static int cell_int(const kh_table *t, int row, int col, int lo, const char *what, const char *id, int *out)
{
	const char *s = cell(t, row, col);
	char *end;
	long v;
	if (!*s) {
		kh_error(kh_table_cell_loc(t, row, col), "the node '%s' has no %s", id, t->header[col]);
		kh_hint("give every node its grid cell (col and row, from 0), or use layout: auto");
		return -1;
	}
	v = strtol(s, &end, 10);
	if (*end || v < lo || v > 1000) {
		kh_error(kh_table_cell_loc(t, row, col), "'%s' is not %s", s, what);
		return -1;
	}
	*out = (int)v;
	return 0;
}

static int by_order(const void *pa, const void *pb)
{
	const cnode *const *a = pa, *const *b = pb;
	if ((*a)->bary < (*b)->bary)
		return -1;
	if ((*a)->bary > (*b)->bary)
		return 1;
	return (*a)->order - (*b)->order;
}

/* Ranks by BFS from the roots, then barycentre ordering. */
static int auto_ranks(cnode *nodes, int n, const cedge *edges, int ne)
{
	int *queue = kh_xmalloc((size_t)(n + 1) * sizeof *queue), qh = 0, qt = 0, maxrank = 0;
	int *indeg = kh_xcalloc((size_t)n + 1, sizeof *indeg);
	for (int i = 0; i < n; i++)
		nodes[i].rank = -1;
	for (int k = 0; k < ne; k++)
		if (edges[k].a != edges[k].b)
			indeg[edges[k].b]++;
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < n; i++) {
			if (nodes[i].rank >= 0 || (pass == 0 && indeg[i] > 0))
				continue;
			nodes[i].rank = 0;
			queue[qt++] = i;
			while (qh < qt) {
				int v = queue[qh++];
				for (int k = 0; k < ne; k++)
					if (edges[k].a == v && nodes[edges[k].b].rank < 0) {
						nodes[edges[k].b].rank = nodes[v].rank + 1;
						if (nodes[v].rank + 1 > maxrank)
							maxrank = nodes[v].rank + 1;
						queue[qt++] = edges[k].b;
					}
			}
			if (pass == 1)
				break; /* a cycle with no root: start from its first node only */
		}
	}
	/* initial order: depth first from the roots, children in the nodes
	 * table's order, so siblings keep the order the clerk gave them and a
	 * subtree stays together (a tree then has no crossing) */
	{
		int *stack = kh_xmalloc((size_t)(n + 1) * sizeof *stack), sp = 0, next = 0;
		unsigned char *seen = kh_xcalloc((size_t)n + 1, 1);
		for (int root = 0; root < n; root++) {
			if (seen[root] || (nodes[root].rank != 0 && indeg[root] > 0))
				continue;
			stack[sp++] = root;
			seen[root] = 1;
			while (sp > 0) {
				int v = stack[--sp];
				nodes[v].order = next++;
				/* push children last first, so the first is taken next */
				for (int c = n - 1; c >= 0; c--) {
					int child = 0;
					for (int k = 0; k < ne && !child; k++)
						child = edges[k].a == v && edges[k].b == c && nodes[c].rank == nodes[v].rank + 1;
					if (child && !seen[c]) {
						seen[c] = 1;
						stack[sp++] = c;
					}
				}
			}
		}
		for (int i = 0; i < qt; i++) /* what no root reaches (a cycle's rest): after, in discovery order */
			if (!seen[queue[i]]) {
				seen[queue[i]] = 1;
				nodes[queue[i]].order = next++;
			}
		free(stack);
		free(seen);
	}
	free(queue);
	free(indeg);
	return maxrank + 1;
}

/* Does every node have at most one parent in the rank above?  Then the
 * depth-first order has no crossing, and barycentres would only undo the
 * nodes table's order. */
static int is_forest(const cnode *nodes, int n, const cedge *edges, int ne)
{
	for (int i = 0; i < n; i++) {
		int parents = 0;
		for (int k = 0; k < ne; k++)
			parents += edges[k].b == i && edges[k].a != i && nodes[edges[k].a].rank == nodes[i].rank - 1;
		if (parents > 1)
			return 0;
	}
	return 1;
}

static void order_ranks(cnode *nodes, int n, const cedge *edges, int ne, int nranks)
{
	cnode **tmp = kh_xmalloc((size_t)(n + 1) * sizeof *tmp);
	for (int iter = 0; iter < 4; iter++) {
		int down = iter % 2 == 0;
		for (int ri = 1; ri < nranks; ri++) {
			int rank = down ? ri : nranks - 1 - ri, m = 0;
			for (int i = 0; i < n; i++) {
				double sum = 0;
				int cnt = 0;
				if (nodes[i].rank != rank)
					continue;
				for (int k = 0; k < ne; k++) {
					int o = edges[k].a == i ? edges[k].b : edges[k].b == i ? edges[k].a : -1;
					if (o >= 0 && nodes[o].rank == rank + (down ? -1 : 1)) {
						sum += nodes[o].order;
						cnt++;
					}
				}
				nodes[i].bary = cnt ? sum / cnt : nodes[i].order;
				tmp[m++] = &nodes[i];
			}
			qsort(tmp, (size_t)m, sizeof *tmp, by_order);
			{
				/* renumber within the rank, keeping the rank's slots */
				int *slots = kh_xmalloc((size_t)(m + 1) * sizeof *slots);
				for (int i = 0; i < m; i++)
					slots[i] = tmp[i]->order;
				for (int i = 1; i < m; i++)
					for (int j = i; j > 0 && slots[j - 1] > slots[j]; j--) {
						int t = slots[j];
						slots[j] = slots[j - 1];
						slots[j - 1] = t;
					}
				for (int i = 0; i < m; i++)
					tmp[i]->order = slots[i];
				free(slots);
			}
		}
	}
	free(tmp);
}

static void table_unknown(kh_doc *doc, const kh_ynode *n)
{
	const char *near;
	for (int i = 0; i < doc->ntables; i++)
		if (!strcmp(doc->table_names[i], n->str))
			return; /* named, but it did not load: reported */
	kh_error(n->loc, "unknown table '%s'", n->str);
	near = kh_closest(n->str, doc->table_names, (size_t)doc->ntables);
	if (near)
		kh_hint("did you mean '%s'?", near);
}

/* For sides facing each other along an axis: put both ends where the boxes
 * overlap on the other axis, so the arrow runs straight. */
static int align_ends(kh_anchor *a, kh_anchor *b)
{
	const kh_rect *ra = &a->box, *rb = &b->box;
	if (vertical_side(a->side) && vertical_side(b->side)) {
		double lo = fmax(ra->x, rb->x), hi = fmin(ra->x + ra->w, rb->x + rb->w), x;
		if (hi - lo < 6)
			return 0;
		/* the centre of the narrower box when it is in the overlap */
		x = ra->w < rb->w ? ra->x + ra->w / 2 : rb->x + rb->w / 2;
		if (x < lo + 3 || x > hi - 3)
			x = (lo + hi) / 2;
		a->at = (x - ra->x) / ra->w;
		b->at = (x - rb->x) / rb->w;
		return 1;
	} else if (!vertical_side(a->side) && !vertical_side(b->side) && a->side != KH_SIDE_CENTER &&
	           b->side != KH_SIDE_CENTER) {
		double lo = fmax(ra->y, rb->y), hi = fmin(ra->y + ra->h, rb->y + rb->h), y;
		if (hi - lo < 6)
			return 0;
		y = ra->h < rb->h ? ra->y + ra->h / 2 : rb->y + rb->h / 2;
		if (y < lo + 3 || y > hi - 3)
			y = (lo + hi) / 2;
		a->at = (y - ra->y) / ra->h;
		b->at = (y - rb->y) / rb->h;
		return 1;
	}
	return 0;
}

/* Ends that share a side of a node and could not run straight are spread
 * along it, in the order of what they lead to. */
static void spread_ends(kh_anchor *ends, const int *node, const int *other, const int *fixed, int nends,
                        const cnode *nodes)
{
	int *grp = kh_xmalloc((size_t)(nends + 1) * sizeof *grp);
	for (int i = 0; i < nends; i++) {
		int m = 0;
		if (fixed[i] || node[i] < 0)
			continue;
		for (int j = 0; j < nends; j++)
			if (!fixed[j] && node[j] == node[i] && ends[j].side == ends[i].side)
				grp[m++] = j;
		if (m < 2 || grp[0] != i)
			continue; /* alone, or handled with the group's first */
		for (int a = 1; a < m; a++)
			for (int b = a; b > 0; b--) {
				const kh_rect *p = &nodes[other[grp[b - 1]]].r, *q = &nodes[other[grp[b]]].r;
				double kp = vertical_side(ends[i].side) ? p->x + p->w / 2 : p->y + p->h / 2;
				double kq = vertical_side(ends[i].side) ? q->x + q->w / 2 : q->y + q->h / 2;
				if (kp > kq) {
					int t = grp[b];
					grp[b] = grp[b - 1];
					grp[b - 1] = t;
				}
			}
		for (int a = 0; a < m; a++)
			ends[grp[a]].at = (a + 1.0) / (m + 1.0);
	}
	free(grp);
}

/* Automatic layout, across: the first rank spread evenly; every later
 * node under the middle of its parents, then pushed right to keep `gap`
 * from its left neighbour, and the rank shifted back into the area. */
static void auto_columns(cnode *nodes, int n, const cedge *edges, int ne, int nranks, kh_rect area, double gap)
{
	cnode **rn = kh_xmalloc((size_t)(n + 1) * sizeof *rn);
	double *want = kh_xmalloc((size_t)(n + 1) * sizeof *want);
	for (int rk = 0; rk < nranks; rk++) {
		int m = 0;
		double shift;
		for (int i = 0; i < n; i++)
			if (nodes[i].ok && nodes[i].gr == rk)
				rn[m++] = &nodes[i];
		for (int i = 1; i < m; i++) /* by gc, the order within the rank */
			for (int j = i; j > 0 && rn[j - 1]->gc > rn[j]->gc; j--) {
				cnode *t = rn[j];
				rn[j] = rn[j - 1];
				rn[j - 1] = t;
			}
		for (int i = 0; i < m; i++) {
			double sum = 0, cx = area.x + (i + 0.5) * area.w / m;
			int cnt = 0;
			for (int k = 0; rk > 0 && k < ne; k++) {
				const cnode *p = &nodes[edges[k].a];
				if (&nodes[edges[k].b] == rn[i] && p->ok && p->gr < rk) {
					sum += p->r.x + p->r.w / 2;
					cnt++;
				}
			}
			if (cnt)
				cx = sum / cnt;
			want[i] = cx;
			rn[i]->r.x = cx - rn[i]->r.w / 2;
			if (i > 0 && rn[i]->r.x < rn[i - 1]->r.x + rn[i - 1]->r.w + gap)
				rn[i]->r.x = rn[i - 1]->r.x + rn[i - 1]->r.w + gap;
		}
		if (m == 0)
			continue;
		/* centre the rank on where its nodes wanted to be */
		{
			double d = 0;
			for (int i = 0; i < m; i++)
				d += rn[i]->r.x + rn[i]->r.w / 2 - want[i];
			d /= m;
			for (int i = 0; i < m; i++)
				rn[i]->r.x -= d;
			if (rn[0]->r.x < area.x)
				for (int i = m - 1; i >= 0; i--)
					rn[i]->r.x += area.x - rn[0]->r.x;
		}
		shift = area.x + area.w - (rn[m - 1]->r.x + rn[m - 1]->r.w);
		if (shift < 0) {
			for (int i = 0; i < m; i++)
				rn[i]->r.x += shift;
			/* still too wide: squeeze back from the left edge */
			for (int i = 0; i < m; i++) {
				double lo = i ? rn[i - 1]->r.x + rn[i - 1]->r.w + gap : area.x;
				if (rn[i]->r.x < lo)
					rn[i]->r.x = lo;
			}
		}
	}
	free(rn);
	free(want);
}

/* Sides for a chart arrow: above or below each other, top and bottom;
 * side by side, left and right. */
static kh_side chart_facing(const kh_rect *a, const kh_rect *b)
{
	if (b->y >= a->y + a->h - 0.01)
		return KH_SIDE_BOTTOM;
	if (a->y >= b->y + b->h - 0.01)
		return KH_SIDE_TOP;
	return b->x + b->w / 2 > a->x + a->w / 2 ? KH_SIDE_RIGHT : KH_SIDE_LEFT;
}

void kh_chart_draw(const kh_chart_in *in)
{
	static const char *const layouts[] = {"grid", "auto", NULL};
	static const char *const routes[] = {"straight", "orthogonal", NULL};
	static const char *const arrows[] = {"none", "start", "end", "both", NULL};
	const kh_ynode *el = in->el, *nn = kh_prop(el, "nodes"), *en = kh_prop(el, "edges");
	const kh_ynode *nlabel = kh_prop(el, "node-label"), *elabel = kh_prop(el, "edge-label");
	kh_doc *doc = in->doc;
	const kh_table *nt = NULL, *et = NULL;
	const kh_textstyle *ns = kh_doc_elem_style(doc, el, "node-style");
	const kh_textstyle *es = kh_doc_elem_style(doc, el, "edge-style");
	kh_color nfill = kh_prop_color(el, "node-fill", doc->palette);
	kh_color nstroke = kh_prop_color(el, "node-stroke", doc->palette);
	kh_color estroke = kh_prop_color(el, "edge-stroke", doc->palette);
	kh_len padl[4], nrad = kh_prop_len(el, "node-radius");
	kh_len lwl = kh_prop_len(el, "line-width"), gapl = kh_prop_len(el, "gap");
	double pad[4], radius, lw, gap;
	int layout, orth = kh_prop_enum(el, "route", routes, 1) == 1;
	int arrow = kh_prop_enum(el, "arrow", arrows, KH_ARROW_END);
	int cid, clabel, ccol, crow, cspan, ccls = -1, ncls = 0, n = 0, ne = 0, ncols, nrows;
	nclass *cls = NULL;
	const kh_ynode *clsn = kh_prop(el, "node-class");
	cnode *nodes = NULL;
	cedge *edges = NULL;
	kh_bindctx bc = *in->ctx;
	kh_obstacles boxes = {NULL, 0, 0}, lines = {NULL, 0, 0};

	kh_prop_sides(el, "node-padding", padl);
	for (int i = 0; i < 4; i++)
		pad[i] = kh_len_pt(padl[i], in->area.w, ns->size);
	radius = kh_len_pt(nrad, in->area.w, ns->size);
	lw = lwl.set ? kh_len_pt(lwl, 0, ns->size) : 0.75;
	gap = kh_len_pt(gapl, in->area.w, ns->size);

	if (!nn || nn->kind != KH_Y_SCALAR)
		return; /* the schema check requires it */
	if (!(nt = kh_doc_table(doc, nn->str))) {
		table_unknown(doc, nn);
		return;
	}
	if (en && en->kind == KH_Y_SCALAR && !(et = kh_doc_table(doc, en->str))) {
		table_unknown(doc, en);
		return;
	}
	cid = kh_table_require(nt, "id", nn->loc);
	if (cid < 0)
		return;
	clabel = kh_table_column(nt, "label");
	ccol = kh_table_column(nt, "col");
	crow = kh_table_column(nt, "row");
	cspan = kh_table_column(nt, "span");
	layout = kh_prop_enum(el, "layout", layouts, 0);
	ncls = node_classes(doc, kh_prop(el, "node-styles"), nfill, nstroke, ns, radius, in->area.w, &cls);
	if (clsn && clsn->kind == KH_Y_SCALAR && *clsn->str && (ccls = kh_table_require(nt, clsn->str, clsn->loc)) < 0)
		return;
	if (layout == 0 && (ccol < 0 || crow < 0)) {
		kh_table_require(nt, ccol < 0 ? "col" : "row", nn->loc);
		kh_hint("give every node its grid cell in columns col and row (from 0), or use layout: auto");
		return;
	}

	/* nodes */
	nodes = kh_xcalloc((size_t)nt->nrows + 1, sizeof *nodes);
	for (int i = 0; i < nt->nrows; i++) {
		cnode *v = &nodes[n];
		const char *id = cell(nt, i, cid);
		if (!*id) {
			kh_error(kh_table_cell_loc(nt, i, cid), "the node has no id");
			continue;
		}
		if (find_node(nodes, n, id) >= 0) {
			kh_error(kh_table_cell_loc(nt, i, cid), "the node id '%s' is used twice", id);
			continue;
		}
		v->id = id;
		v->row = i;
		v->span = 1;
		if (ccls >= 0)
			v->cls = node_class(nt, i, ccls, cls, ncls);
		n++;
		bc.table = nt;
		bc.row = i;
		if (nlabel)
			v->label = kh_bind_node(&bc, nlabel);
		else
			v->label = clabel >= 0 ? kh_bind_text(&bc, cell(nt, i, clabel), kh_table_cell_loc(nt, i, clabel)) : id;
		if (!v->label)
			continue;
		if (layout == 0) {
			if (cell_int(nt, i, ccol, 0, "a grid column (a whole number from 0)", id, &v->gc) < 0 ||
			    cell_int(nt, i, crow, 0, "a grid row (a whole number from 0)", id, &v->gr) < 0)
				continue;
			if (cspan >= 0 && *cell(nt, i, cspan) &&
			    cell_int(nt, i, cspan, 1, "a number of columns to span (from 1)", id, &v->span) < 0)
				continue;
		}
		v->ok = 1;
	}

	/* edges: one arrow per pair of nodes, the labels of its rows together */
	if (et) {
		int cf = kh_table_require(et, "from", en->loc), ct = kh_table_require(et, "to", en->loc);
		int cl = kh_table_column(et, "label"), cfs = kh_table_column(et, "from-side");
		int cts = kh_table_column(et, "to-side"), cv = kh_table_column(et, "label-vertical");
		if (cf >= 0 && ct >= 0) {
			kh_buf lb = KH_BUF_INIT;
			edges = kh_xcalloc((size_t)et->nrows + 1, sizeof *edges);
			for (int i = 0; i < et->nrows; i++) {
				const char *ids[2] = {cell(et, i, cf), cell(et, i, ct)}, *label = NULL;
				int cols[2] = {cf, ct}, idx[2], bad = 0, s, sa, sb, k;
				for (k = 0; k < 2; k++) {
					idx[k] = find_node(nodes, n, ids[k]);
					if (idx[k] < 0) {
						const char **cands = kh_xmalloc((size_t)(n + 1) * sizeof *cands);
						const char *near;
						for (int j = 0; j < n; j++)
							cands[j] = nodes[j].id;
						kh_error(kh_table_cell_loc(et, i, cols[k]), "no node has the id '%s'", ids[k]);
						near = kh_closest(ids[k], cands, (size_t)n);
						if (near)
							kh_hint("did you mean '%s'?", near);
						free(cands);
						bad = 1;
					} else if (!nodes[idx[k]].ok) {
						bad = 1; /* the node's own problem is reported */
					}
				}
				if ((sa = kh_side_parse(cell(et, i, cfs))) < 0) {
					kh_error(kh_table_cell_loc(et, i, cfs), "unknown side '%s'", cell(et, i, cfs));
					kh_hint("use top, right, bottom, left, or leave it empty");
					bad = 1;
				}
				if ((sb = kh_side_parse(cell(et, i, cts))) < 0) {
					kh_error(kh_table_cell_loc(et, i, cts), "unknown side '%s'", cell(et, i, cts));
					kh_hint("use top, right, bottom, left, or leave it empty");
					bad = 1;
				}
				bc.table = et;
				bc.row = i;
				if (elabel)
					label = kh_bind_node(&bc, elabel);
				else if (cl >= 0 && *cell(et, i, cl))
					label = kh_bind_text(&bc, cell(et, i, cl), kh_table_cell_loc(et, i, cl));
				if (bad)
					continue;
				for (s = 0; s < ne; s++)
					if (edges[s].a == idx[0] && edges[s].b == idx[1])
						break;
				if (s == ne) {
					cedge *g = &edges[ne++];
					g->a = idx[0];
					g->b = idx[1];
					g->row = i;
					g->sa = (kh_side)sa;
					g->sb = (kh_side)sb;
				}
				/* one letter a line is no way to set Latin: horizontal there */
				edges[s].vertical |= cv >= 0 && truthy(cell(et, i, cv)) && !doc->locale.latin;
				if (label && *label) {
					kh_buf_reset(&lb);
					if (edges[s].label)
						kh_buf_printf(&lb, "%s\n\n", edges[s].label);
					kh_buf_puts(&lb, label);
					edges[s].label = kh_arena_strdup(doc->arena, kh_buf_cstr(&lb));
				}
			}
			kh_buf_free(&lb);
		}
	}

	/* positions */
	if (layout == 0) {
		ncols = (int)kh_prop_num(el, "columns", 0);
		nrows = (int)kh_prop_num(el, "rows", 0);
		for (int i = 0; i < n; i++) {
			if (!nodes[i].ok)
				continue;
			if (!kh_prop(el, "columns") && nodes[i].gc + nodes[i].span > ncols)
				ncols = nodes[i].gc + nodes[i].span;
			if (!kh_prop(el, "rows") && nodes[i].gr + 1 > nrows)
				nrows = nodes[i].gr + 1;
		}
		if (ncols < 1)
			ncols = 1;
		if (nrows < 1)
			nrows = 1;
		for (int i = 0; i < n; i++)
			if (nodes[i].ok && (nodes[i].gc + nodes[i].span > ncols || nodes[i].gr >= nrows)) {
				int col = nodes[i].gr >= nrows ? crow : nodes[i].gc >= ncols ? ccol : cspan;
				kh_error(kh_table_cell_loc(nt, nodes[i].row, col),
				         "the node '%s' is outside the chart's grid (%d column%s, %d row%s)", nodes[i].id,
				         ncols, ncols == 1 ? "" : "s", nrows, nrows == 1 ? "" : "s");
				kh_hint("columns and rows count from 0; raise the chart's columns or rows, or move the node");
				nodes[i].ok = 0;
			}
	} else {
		int nranks = auto_ranks(nodes, n, edges, ne), maxw = 1;
		if (!is_forest(nodes, n, edges, ne))
			order_ranks(nodes, n, edges, ne, nranks);
		for (int rk = 0; rk < nranks; rk++) {
			int cnt = 0;
			for (int i = 0; i < n; i++)
				cnt += nodes[i].ok && nodes[i].rank == rk;
			if (cnt > maxw)
				maxw = cnt;
		}
		ncols = maxw;
		nrows = nranks;
		/* a rank's nodes spread evenly over the width, in their order */
		for (int rk = 0; rk < nranks; rk++) {
			cnode **rn = kh_xmalloc((size_t)(n + 1) * sizeof *rn);
			int m = 0;
			for (int i = 0; i < n; i++)
				if (nodes[i].ok && nodes[i].rank == rk)
					rn[m++] = &nodes[i];
			for (int i = 0; i < m; i++)
				rn[i]->bary = rn[i]->order;
			qsort(rn, (size_t)m, sizeof *rn, by_order);
			for (int i = 0; i < m; i++) {
				rn[i]->gr = rk;
				rn[i]->gc = i;
			}
			free(rn);
		}
	}

	/* boxes: grid nodes fill their cells' width (less the gap), auto nodes
	 * are as wide as their label; every box of a row as tall as the tallest */
	{
		double cw = in->area.w / ncols, ch = in->area.h / nrows;
		double *rowh = kh_xcalloc((size_t)nrows + 1, sizeof *rowh);
		for (int i = 0; i < n; i++) {
			cnode *v = &nodes[i];
			const kh_textstyle *vs = v->cls ? v->cls->st : ns;
			double slot = layout == 0 ? cw * v->span : in->area.w / ncols, maxw = slot - gap - pad[1] - pad[3];
			if (!v->ok)
				continue;
			if (maxw < vs->size)
				maxw = vs->size;
			kh_tblock_set(&v->tb, v->label, vs, vs->align == KH_ALIGN_JUSTIFY ? KH_ALIGN_CENTER : vs->align, maxw,
			              doc->arena, kh_table_cell_loc(nt, v->row, clabel >= 0 ? clabel : cid));
			v->r.w = layout == 0 ? slot - gap : kh_tblock_natural(&v->tb) + pad[1] + pad[3];
			v->r.h = kh_tblock_height(&v->tb) + pad[0] + pad[2];
			v->tb.width = v->r.w - pad[1] - pad[3];
			if (v->r.h > rowh[v->gr])
				rowh[v->gr] = v->r.h;
		}
		for (int i = 0; i < n; i++) {
			cnode *v = &nodes[i];
			if (!v->ok)
				continue;
			v->r.h = rowh[v->gr];
			if (v->r.h > ch - 2)
				kh_warning(kh_table_cell_loc(nt, v->row, cid), "the node '%s' is taller than its grid row (%.1fmm, %.1fmm)",
				           v->id, v->r.h / MM, ch / MM);
			v->r.y = in->area.y + (v->gr + 0.5) * ch - v->r.h / 2;
			if (layout == 0)
				v->r.x = in->area.x + (v->gc + v->span / 2.0) * cw - v->r.w / 2;
		}
		free(rowh);
		if (layout == 1)
			auto_columns(nodes, n, edges, ne, nrows, in->area, gap);
		for (int i = 0; i < n; i++)
			for (int j = i + 1; j < n; j++)
				if (nodes[i].ok && nodes[j].ok && kh_rect_overlap(nodes[i].r, nodes[j].r)) {
					kh_error(kh_table_cell_loc(nt, nodes[j].row, layout == 0 ? ccol : cid),
					         "the nodes '%s' and '%s' overlap", nodes[i].id, nodes[j].id);
					kh_hint(layout == 0 ? "give them different grid cells" : "make the chart's area wider");
					nodes[j].ok = 0;
				}
	}

	/* draw the nodes */
	for (int i = 0; i < n; i++) {
		cnode *v = &nodes[i];
		double th;
		if (!v->ok)
			continue;
		if (v->cls)
			kh_dl_rect(in->dl, in->pg, v->r.x, v->r.y, v->r.w, v->r.h, v->cls->radius, v->cls->fill, v->cls->stroke,
			           lw);
		else
			kh_dl_rect(in->dl, in->pg, v->r.x, v->r.y, v->r.w, v->r.h, radius, nfill, nstroke, lw);
		th = kh_tblock_height(&v->tb);
		kh_tblock_draw(in->dl, in->pg, &v->tb, v->r.x + pad[3], v->r.y + (v->r.h - th) / 2);
		kh_obstacles_add(&boxes, (kh_rect){v->r.x - 1, v->r.y - 1, v->r.w + 2, v->r.h + 2});
		if (in->node_cb)
			in->node_cb(in->user, v->id, v->r, kh_table_cell_loc(nt, v->row, cid));
	}

	/* route the edges, then place their labels */
	{
		double (*route)[2 * KH_ROUTE_MAX] = kh_xcalloc((size_t)ne + 1, sizeof *route);
		int *np = kh_xcalloc((size_t)ne + 1, sizeof *np);
		int clab = et ? kh_table_column(et, "label") : -1;
		/* sides and ends first: straight where the boxes face each other,
		 * else spread along the side they share */
		kh_anchor *ends = kh_xcalloc((size_t)(2 * ne) + 1, sizeof *ends);
		int *enode = kh_xmalloc((size_t)(2 * ne + 1) * sizeof *enode);
		int *eother = kh_xmalloc((size_t)(2 * ne + 1) * sizeof *eother);
		int *efixed = kh_xcalloc((size_t)(2 * ne) + 1, sizeof *efixed);
		for (int k = 0; k < ne; k++) {
			kh_anchor *a = &ends[2 * k], *b = &ends[2 * k + 1];
			enode[2 * k] = eother[2 * k + 1] = edges[k].a;
			enode[2 * k + 1] = eother[2 * k] = edges[k].b;
			if (!nodes[edges[k].a].ok || !nodes[edges[k].b].ok) {
				enode[2 * k] = enode[2 * k + 1] = -1;
				continue;
			}
			*a = (kh_anchor){nodes[edges[k].a].r, edges[k].sa, 0.5};
			*b = (kh_anchor){nodes[edges[k].b].r, edges[k].sb, 0.5};
			if (!orth)
				continue;
			if (a->side == KH_SIDE_AUTO || a->side == KH_SIDE_CENTER)
				a->side = chart_facing(&a->box, &b->box);
			if (b->side == KH_SIDE_AUTO || b->side == KH_SIDE_CENTER)
				b->side = chart_facing(&b->box, &a->box);
			efixed[2 * k] = efixed[2 * k + 1] = align_ends(a, b);
		}
		if (orth)
			spread_ends(ends, enode, eother, efixed, 2 * ne, nodes);
		for (int k = 0; k < ne; k++) {
			kh_anchor a = ends[2 * k], b = ends[2 * k + 1];
			if (enode[2 * k] < 0)
				continue;
			np[k] = kh_route(&a, &b, orth, route[k]);
			kh_draw_arrow_path(in->dl, in->pg, route[k], np[k], estroke, lw, NULL, 0, arrow);
			for (int s = 0; s + 1 < np[k]; s++) {
				double x0 = route[k][2 * s], y0 = route[k][2 * s + 1], x1 = route[k][2 * s + 2], y1 = route[k][2 * s + 3];
				kh_obstacles_add(&lines, (kh_rect){fmin(x0, x1) - 0.5, fmin(y0, y1) - 0.5, fabs(x1 - x0) + 1,
				                                   fabs(y1 - y0) + 1});
			}
		}
		for (int k = 0; k < ne; k++) {
			kh_obstacles hard = {NULL, 0, 0};
			kh_rect at;
			kh_tblock tb;
			kh_loc where = kh_table_cell_loc(et, edges[k].row, clab >= 0 ? clab : 0);
			double w, h;
			int got;
			if (!np[k] || !edges[k].label || !*edges[k].label)
				continue;
			if (edges[k].vertical) {
				w = es->size;
				h = kh_vertical_height(edges[k].label, es);
			} else {
				kh_tblock_set(&tb, edges[k].label, es, KH_ALIGN_LEFT, in->area.w / 2, doc->arena, where);
				w = kh_tblock_natural(&tb);
				h = kh_tblock_height(&tb);
				tb.width = w;
			}
			for (int i = 0; i < boxes.n; i++)
				kh_obstacles_add(&hard, boxes.r[i]);
			for (int i = 0; in->labels && i < in->labels->n; i++)
				kh_obstacles_add(&hard, in->labels->r[i]);
			got = place_label(route[k], np[k], w + 2, h + 2, &hard, &lines, &in->area, &at);
			kh_obstacles_free(&hard);
			if (!got) {
				kh_warning(where, "no room for the label of the arrow '%s' -> '%s' that covers no box and no "
				           "other label", nodes[edges[k].a].id, nodes[edges[k].b].id);
				kh_hint("make the chart's area larger, move the nodes apart or shorten the label");
			}
			if (in->labels)
				kh_obstacles_add(in->labels, at);
			if (edges[k].vertical)
				kh_vertical_draw(in->dl, in->pg, edges[k].label, es, at.x + at.w / 2, at.y + 1, where);
			else
				kh_tblock_draw(in->dl, in->pg, &tb, at.x + 1, at.y + 1);
		}
		free(route);
		free(np);
		free(ends);
		free(enode);
		free(eother);
		free(efixed);
	}
	kh_obstacles_free(&boxes);
	kh_obstacles_free(&lines);
	free(nodes);
	free(edges);
}
