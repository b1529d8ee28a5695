/* display.c -- building the display list. */
#include "display.h"

#include <math.h>
#include <string.h>

#include "font.h"

kh_dl *kh_dl_new(void)
{
	kh_arena *a = kh_arena_new();
	kh_dl *dl = kh_arena_alloc(a, sizeof *dl);
	dl->arena = a;
	return dl;
}

void kh_dl_drop(kh_dl *dl)
{
	if (dl)
		kh_arena_drop(dl->arena);
}

kh_dl_page *kh_dl_add_page(kh_dl *dl, double width, double height)
{
	kh_dl_page *pg = kh_arena_alloc(dl->arena, sizeof *pg);
	pg->width = width;
	pg->height = height;
	if (dl->last)
		dl->last->next = pg;
	else
		dl->first = pg;
	dl->last = pg;
	dl->npages++;
	return pg;
}

kh_dl_item *kh_dl_add(kh_dl *dl, kh_dl_page *pg, kh_dl_kind kind)
{
	kh_dl_item *it = kh_arena_alloc(dl->arena, sizeof *it);
	it->kind = kind;
	if (pg->last)
		pg->last->next = it;
	else
		pg->first = it;
	pg->last = it;
	pg->nitems++;
	return it;
}

static kh_path_seg *segs(kh_dl *dl, kh_dl_path *p, int n)
{
	p->segs = kh_arena_alloc(dl->arena, (size_t)n * sizeof(kh_path_seg));
	p->nseg = 0;
	return p->segs;
}

static void seg(kh_dl_path *p, kh_path_op op, double x, double y)
{
	kh_path_seg *s = &p->segs[p->nseg++];
	s->op = op;
	s->x[0] = x;
	s->y[0] = y;
}

static void curve(kh_dl_path *p, double x1, double y1, double x2, double y2, double x3, double y3)
{
	kh_path_seg *s = &p->segs[p->nseg++];
	s->op = KH_PATH_CURVE;
	s->x[0] = x1, s->y[0] = y1;
	s->x[1] = x2, s->y[1] = y2;
	s->x[2] = x3, s->y[2] = y3;
}

kh_dl_path *kh_dl_rect(kh_dl *dl, kh_dl_page *pg, double x, double y, double w, double h,
                       double r, kh_color fill, kh_color stroke, double lw)
{
	kh_dl_item *it = kh_dl_add(dl, pg, KH_DL_PATH);
	kh_dl_path *p = &it->u.path;
	p->fill = fill;
	p->stroke = stroke;
	p->line_width = lw;
	if (r > w / 2)
		r = w / 2;
	if (r > h / 2)
		r = h / 2;
	if (r <= 0) {
		segs(dl, p, 5);
		seg(p, KH_PATH_MOVE, x, y);
		seg(p, KH_PATH_LINE, x + w, y);
		seg(p, KH_PATH_LINE, x + w, y + h);
		seg(p, KH_PATH_LINE, x, y + h);
		seg(p, KH_PATH_CLOSE, 0, 0);
	} else {
		double k = r * 0.5523; /* Bezier approximation of a quarter circle */
		segs(dl, p, 10);
		seg(p, KH_PATH_MOVE, x + r, y);
		seg(p, KH_PATH_LINE, x + w - r, y);
		curve(p, x + w - r + k, y, x + w, y + r - k, x + w, y + r);
		seg(p, KH_PATH_LINE, x + w, y + h - r);
		curve(p, x + w, y + h - r + k, x + w - r + k, y + h, x + w - r, y + h);
		seg(p, KH_PATH_LINE, x + r, y + h);
		curve(p, x + r - k, y + h, x, y + h - r + k, x, y + h - r);
		seg(p, KH_PATH_LINE, x, y + r);
		curve(p, x, y + r - k, x + r - k, y, x + r, y);
		seg(p, KH_PATH_CLOSE, 0, 0);
	}
	return p;
}

kh_dl_path *kh_dl_polyline(kh_dl *dl, kh_dl_page *pg, const double *xy, int n,
                           kh_color stroke, double lw)
{
	kh_dl_item *it = kh_dl_add(dl, pg, KH_DL_PATH);
	kh_dl_path *p = &it->u.path;
	p->stroke = stroke;
	p->line_width = lw;
	segs(dl, p, n);
	for (int i = 0; i < n; i++)
		seg(p, i ? KH_PATH_LINE : KH_PATH_MOVE, xy[2 * i], xy[2 * i + 1]);
	return p;
}

kh_dl_path *kh_dl_polygon(kh_dl *dl, kh_dl_page *pg, const double *xy, int n, kh_color fill)
{
	kh_dl_item *it = kh_dl_add(dl, pg, KH_DL_PATH);
	kh_dl_path *p = &it->u.path;
	p->fill = fill;
	segs(dl, p, n + 1);
	for (int i = 0; i < n; i++)
		seg(p, i ? KH_PATH_LINE : KH_PATH_MOVE, xy[2 * i], xy[2 * i + 1]);
	seg(p, KH_PATH_CLOSE, 0, 0);
	return p;
}

void kh_dl_glyph_text(const kh_dl_text *t, int i, uint32_t *start, uint32_t *end)
{
	uint32_t c = t->glyphs[i].cluster;
	int j = i + 1;
	*start = *end = c;
	if (i > 0 && t->glyphs[i - 1].cluster == c)
		return;
	while (j < t->n && t->glyphs[j].cluster <= c)
		j++;
	*end = j < t->n ? t->glyphs[j].cluster : t->len;
}

kh_dl_text *kh_dl_text_begin(kh_dl *dl, kh_dl_page *pg, kh_font *font, double size, kh_color color,
                             double x, double y, int cap, size_t textcap)
{
	kh_dl_item *it = kh_dl_add(dl, pg, KH_DL_TEXT);
	kh_dl_text *t = &it->u.text;
	t->font = font;
	t->size = size;
	t->color = color;
	t->x = x;
	t->y = y;
	t->glyphs = kh_arena_alloc(dl->arena, (size_t)(cap > 0 ? cap : 1) * sizeof *t->glyphs);
	t->text = kh_arena_alloc(dl->arena, textcap + 1);
	return t;
}

kh_glyph *kh_dl_text_glyph(kh_dl_text *t, unsigned gid, double x, double y, const char *utf8, size_t len)
{
	kh_glyph *g = &t->glyphs[t->n++];
	g->gid = (uint16_t)gid;
	g->x = (float)x;
	g->y = (float)y;
	g->cluster = len || t->n == 1 ? t->len : t->glyphs[t->n - 2].cluster;
	memcpy((char *)t->text + t->len, utf8, len);
	t->len += (uint32_t)len;
	if (t->font)
		kh_font_use_glyph(t->font, gid);
	return g;
}
