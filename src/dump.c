/* dump.c -- the display list as deterministic text, for golden tests.
 *
 * One line per page and per item, numbers to 0.01 pt, text as UTF-8:
 *     page 1 595.28x841.89 bleed 8.50
 *     text IPAexMincho 10.00 #000000 at 56.69,70.87 to 196.69 "厚生労働省の国際協力"
 * (the font by its PostScript name: one word, "LiberationSerif")
 *     path fill #1F3A68 stroke none rect 0.00,0.00 595.28x34.02
 *     path fill none stroke #000000 0.50 dash 2.00,2.00 M 10.00,10.00 L 20.00,10.00
 *     image photos/a.jpg 42.52,566.93 158.74x119.06 clip 42.52,566.93 158.74x100.00
 * A text item's "at" is its origin (the first baseline point); "to" is the
 * pen position of its last glyph.  Runs whose glyphs are not on one baseline
 * (縦書き) are printed with "vertical" and their glyph count.  With glyphs
 * (build --dump-glyphs), a second, indented line lists the run's glyphs as
 * font glyph ID @ cluster (the byte offset in the quoted text the glyph
 * stands for):
 *       glyphs 3600@0 1118@3 3@6 12198@7
 * Before the first item of a run of items with one role, a line says it:
 *     role H2 #3 / role TD #9 in #7 row 2 / role Figure #12 alt "会合の写真"
 */
#include "display.h"

#include <math.h>
#include <string.h>

#include "font.h"
#include "utf8.h"

/* Print a number to 0.01 without "-0.00". */
static void num(kh_buf *out, double v)
{
	double r = round(v * 100.0) / 100.0;
	if (r == 0)
		r = 0;
	kh_buf_printf(out, "%.2f", r);
}

static void point(kh_buf *out, double x, double y)
{
	num(out, x);
	kh_buf_putc(out, ',');
	num(out, y);
}

static void pct(kh_buf *out, double v)
{
	double r = round(v * 1000.0) / 10.0;
	if (r == floor(r))
		kh_buf_printf(out, "%.0f", r);
	else
		kh_buf_printf(out, "%.1f", r);
}

static void color(kh_buf *out, kh_color c)
{
	switch (c.space) {
	case KH_COLOR_NONE:
		kh_buf_puts(out, "none");
		break;
	case KH_COLOR_RGB:
		kh_buf_printf(out, "#%02X%02X%02X", (int)lround(c.v[0] * 255), (int)lround(c.v[1] * 255),
		              (int)lround(c.v[2] * 255));
		break;
	case KH_COLOR_CMYK:
		kh_buf_puts(out, "cmyk(");
		for (int i = 0; i < 4; i++) {
			if (i)
				kh_buf_puts(out, ",");
			pct(out, c.v[i]);
		}
		kh_buf_putc(out, ')');
		break;
	case KH_COLOR_GRAY:
		kh_buf_puts(out, "gray(");
		pct(out, c.v[0]);
		kh_buf_putc(out, ')');
		break;
	}
}

static void quoted(kh_buf *out, const kh_dl_text *t)
{
	kh_buf_putc(out, '"');
	for (uint32_t i = 0; i < t->len;) {
		uint32_t cp;
		int k = kh_utf8_decode(t->text + i, t->len - i, &cp);
		if (k < 0) {
			kh_buf_printf(out, "\\x%02X", (unsigned char)t->text[i]);
			i++;
			continue;
		}
		if (cp == '"' || cp == '\\') {
			kh_buf_putc(out, '\\');
			kh_buf_putc(out, (int)cp);
		} else if (cp < 0x20 || cp == 0x7F) {
			kh_buf_printf(out, "\\x%02X", (unsigned)cp);
		} else {
			kh_buf_add(out, t->text + i, (size_t)k);
		}
		i += (uint32_t)k;
	}
	kh_buf_putc(out, '"');
}

static void text(kh_buf *out, const kh_dl_text *t, int glyphs)
{
	int vertical = 0;
	const char *fam = t->font ? kh_font_postscript_name(t->font) : NULL;
	for (int i = 0; i < t->n; i++)
		if (fabs(t->glyphs[i].y) > 0.005 || (t->glyphs[i].flags & KH_GLYPH_ROTATE))
			vertical = 1;
	kh_buf_printf(out, "text %s ", fam && *fam ? fam : "?");
	num(out, t->size);
	kh_buf_putc(out, ' ');
	color(out, t->color);
	kh_buf_puts(out, " at ");
	point(out, t->x, t->y);
	if (vertical) {
		int rot = 0;
		for (int i = 0; i < t->n; i++)
			rot += (t->glyphs[i].flags & KH_GLYPH_ROTATE) != 0;
		kh_buf_puts(out, " vertical to ");
		point(out, t->x + t->glyphs[t->n - 1].x, t->y + t->glyphs[t->n - 1].y);
		if (rot)
			kh_buf_printf(out, " rotated %d", rot);
	} else if (t->n > 0) {
		kh_buf_puts(out, " to ");
		num(out, t->x + t->glyphs[t->n - 1].x);
	}
	kh_buf_putc(out, ' ');
	quoted(out, t);
	if (glyphs && t->n > 0) {
		kh_buf_puts(out, "\n  glyphs");
		for (int i = 0; i < t->n; i++)
			kh_buf_printf(out, " %u@%u", (unsigned)t->glyphs[i].gid, (unsigned)t->glyphs[i].cluster);
	}
}

/* An axis-aligned rectangle drawn as MOVE LINE LINE LINE CLOSE. */
static int is_rect(const kh_dl_path *p, double *x, double *y, double *w, double *h)
{
	const kh_path_seg *s = p->segs;
	if (p->nseg != 5 || s[0].op != KH_PATH_MOVE || s[1].op != KH_PATH_LINE || s[2].op != KH_PATH_LINE ||
	    s[3].op != KH_PATH_LINE || s[4].op != KH_PATH_CLOSE)
		return 0;
	if (s[0].y[0] != s[1].y[0] || s[1].x[0] != s[2].x[0] || s[2].y[0] != s[3].y[0] || s[3].x[0] != s[0].x[0])
		return 0;
	*x = fmin(s[0].x[0], s[1].x[0]);
	*y = fmin(s[0].y[0], s[2].y[0]);
	*w = fabs(s[1].x[0] - s[0].x[0]);
	*h = fabs(s[2].y[0] - s[0].y[0]);
	return 1;
}

static void path(kh_buf *out, const kh_dl_path *p)
{
	double x, y, w, h;
	kh_buf_puts(out, "path fill ");
	color(out, p->fill);
	kh_buf_puts(out, " stroke ");
	color(out, p->stroke);
	if (p->stroke.space != KH_COLOR_NONE) {
		kh_buf_putc(out, ' ');
		num(out, p->line_width);
	}
	if (p->ndash > 0) {
		kh_buf_puts(out, " dash ");
		for (int i = 0; i < p->ndash && i < 4; i++) {
			if (i)
				kh_buf_putc(out, ',');
			num(out, p->dash[i]);
		}
	}
	if (is_rect(p, &x, &y, &w, &h)) {
		kh_buf_puts(out, " rect ");
		point(out, x, y);
		kh_buf_putc(out, ' ');
		num(out, w);
		kh_buf_putc(out, 'x');
		num(out, h);
		return;
	}
	for (int i = 0; i < p->nseg; i++) {
		const kh_path_seg *s = &p->segs[i];
		switch (s->op) {
		case KH_PATH_MOVE: kh_buf_puts(out, " M "); point(out, s->x[0], s->y[0]); break;
		case KH_PATH_LINE: kh_buf_puts(out, " L "); point(out, s->x[0], s->y[0]); break;
		case KH_PATH_CURVE:
			kh_buf_puts(out, " C ");
			point(out, s->x[0], s->y[0]);
			kh_buf_putc(out, ' ');
			point(out, s->x[1], s->y[1]);
			kh_buf_putc(out, ' ');
			point(out, s->x[2], s->y[2]);
			break;
		case KH_PATH_CLOSE: kh_buf_puts(out, " Z"); break;
		}
	}
}

static void image(kh_buf *out, const kh_dl_image *im)
{
	kh_buf_printf(out, "image %s ", im->path ? im->path : "?");
	point(out, im->x, im->y);
	kh_buf_putc(out, ' ');
	num(out, im->w);
	kh_buf_putc(out, 'x');
	num(out, im->h);
	if (im->clipped) {
		kh_buf_puts(out, " clip ");
		point(out, im->clip_x, im->clip_y);
		kh_buf_putc(out, ' ');
		num(out, im->clip_w);
		kh_buf_putc(out, 'x');
		num(out, im->clip_h);
	}
}

/* "role KIND #ID [in #PARENT] [row|item N] [alt "TEXT"]" before the first
 * item of each run of one role (from the page's start: of no role). */
static void role(kh_buf *out, const kh_dl_role *r, const kh_dl_role *prev)
{
	static const char *const kinds[] = {"none", "H", "P", "LI", "TH", "TD", "Figure", "Caption", "Artifact"};
	static const kh_dl_role none;
	if (!prev)
		prev = &none; /* items without a role (not laid out) say nothing */
	if (prev->kind == r->kind && prev->id == r->id && prev->index == r->index)
		return;
	kh_buf_puts(out, "role ");
	kh_buf_puts(out, r->kind < KH_COUNT(kinds) ? kinds[r->kind] : "?");
	if (r->kind == KH_ROLE_H)
		kh_buf_printf(out, "%d", r->level);
	if (r->id)
		kh_buf_printf(out, " #%d", r->id);
	if (r->parent)
		kh_buf_printf(out, " in #%d", r->parent);
	if (r->index)
		kh_buf_printf(out, " %s %d", r->kind == KH_ROLE_LI ? "item" : "row", r->index);
	if (r->alt)
		kh_buf_printf(out, " alt \"%s\"", r->alt);
	kh_buf_putc(out, '\n');
}

void kh_dl_dump(const kh_dl *dl, kh_buf *out)
{
	kh_dl_dump_glyphs(dl, out, 0);
}

void kh_dl_dump_glyphs(const kh_dl *dl, kh_buf *out, int glyphs)
{
	int n = 0;
	if (!dl)
		return;
	for (const kh_dl_page *pg = dl->first; pg; pg = pg->next) {
		kh_buf_printf(out, "page %d ", ++n);
		num(out, pg->width);
		kh_buf_putc(out, 'x');
		num(out, pg->height);
		if (pg->bleed > 0) {
			kh_buf_puts(out, " bleed ");
			num(out, pg->bleed);
		}
		kh_buf_putc(out, '\n');
		for (const kh_dl_item *it = pg->first, *prev = NULL; it; prev = it, it = it->next) {
			role(out, &it->role, prev ? &prev->role : NULL);
			switch (it->kind) {
			case KH_DL_TEXT: text(out, &it->u.text, glyphs); break;
			case KH_DL_PATH: path(out, &it->u.path); break;
			case KH_DL_IMAGE: image(out, &it->u.image); break;
			}
			kh_buf_putc(out, '\n');
		}
	}
}
