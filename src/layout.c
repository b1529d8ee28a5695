/* layout.c -- the layout engine: a checked layout tree and its data to a
 * display list.
 *
 * Pages come from `pages:` entries; each entry starts a page of its master
 * and grows continuation pages of the same master when its content does not
 * fit.  Elements are placed in *regions*: a page's margin box, a box's
 * content box, a frame of fixed size.  Without `at` an element stacks at the
 * region's cursor; with `at` it is placed relative to the region's origin
 * (the trim box for a page).  When a stacked element does not fit, the
 * region breaks: a page region continues on the next page, a box region
 * closes its background on this page and continues inside its parent's next
 * segment, a fixed region reports an overflow.  Elements that must move
 * whole (kept boxes, repeat instances, table rows, images) are laid out on a
 * scratch page first, measured, then moved into place.
 *
 * Master content is laid out last (when the page count is known) and put
 * beneath each page's content; a page's connectors are routed after that,
 * so they can name boxes placed after them and boxes of the page's master
 * content.
 */
#include "layout.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "chart.h"
#include "image.h"
#include "schema.h"
#include "utf8.h"

#define MM (72.0 / 25.4)
#define EPS 0.01
#define HUGE_H 1e7

/* ---- state ---- */

typedef struct pagerec {
	kh_dl_page *pg;
	const kh_ynode *master;   /* master map, or NULL */
	int entry;                /* index of its pages: entry */
	double m[4];              /* margins top right bottom left, pt */
} pagerec;

typedef struct named {
	const char *name;
	kh_dl_page *pg;
	kh_rect r;
	kh_loc loc;
} named;

typedef struct ectx {
	kh_bindctx b;
	kh_rows group;            /* rows of the current group (inside repeat group-by) */
	int in_group;
	const kh_ynode *group_each; /* the `each` of a grouped repeat whose groups split */
	const char *continued;    /* its `continued` mark, bound for the group (NULL: none) */
} ectx;

typedef struct deferred {
	const kh_ynode *el;
	kh_dl_page *pg;
	ectx c;
	double ox, oy, ow, oh;    /* the container it was placed in */
} deferred;

typedef struct label {
	kh_dl_page *pg;
	kh_rect r;
} label;

typedef struct eng {
	kh_doc *doc;
	kh_dl *dl;
	kh_arena *arena;
	double trim_w, trim_h, bleed;
	const kh_ynode *masters;
	pagerec *pages;
	int npages;
	size_t pcap;
	named *names;
	int nnames;
	size_t ncap;
	deferred *conns;
	int nconns;
	size_t ccap;
	label *labels;
	int nlabels;
	size_t lcap;
	kh_buf tmp;
	kh_dl_item *last_box;     /* the background of the box finished last */
	int cur_page;             /* {page}: the page being laid out (1-based) */
	int total_pages;          /* {pages}: 0 on the first run */
	int needs_pages;          /* something used {pages} before it was known */
	int quiet;                /* warnings are not said (the second run) */
	const char *cont_mark;    /* set while a group's heading is repeated: added to its text */
	/* roles (display.h): the next id, the element being placed, and what
	 * overrides an element's own: artifact > 0 (a repeated heading or header
	 * row) or force (inside an element with role figure or artifact) */
	int next_id, cur_id, artifact;
	const kh_dl_role *force;
	/* what was reported about master content, said once, not on every page */
	const kh_ynode **said_conns;
	int nsaid_conns;
	size_t said_conns_cap;
	kh_loc *said_names;
	int nsaid_names;
	size_t said_names_cap;
	const kh_ynode **said_filters; /* `where`s already reported as keeping no row */
	int nsaid_filters;
	size_t said_filters_cap;
} eng;

enum { R_PAGE, R_BOX, R_FIXED };

typedef struct boxseg {
	const kh_ynode *el;
	kh_color fill, stroke;
	double lw, radius;
	int ndash;
	double dash[4];
	double pad[4];            /* top right bottom left */
	int split_closed;         /* split-border: closed (each part's whole outline) */
	double bx, bw;            /* outer x and width */
	double seg_top;           /* outer top of the current segment */
	kh_dl_item *mark;         /* the page's last item before this segment's content */
	int nseg;
	kh_dl_page *first_pg;
	kh_rect first;            /* the first segment (what a name refers to) */
} boxseg;

typedef struct region region;
struct region {
	int kind;
	int page;                 /* index in e->pages; -1 on a scratch page */
	kh_dl_page *pg;
	double x, w;              /* the column elements stack in */
	double top, y, bottom;    /* current segment, cursor */
	double maxy;              /* lowest point drawn (absolute children included) */
	double ox, oy, ow, oh;    /* origin and size `at` and percentages refer to */
	double cox, coy, cow, coh; /* the container's (a flow's frames refer to it) */
	int pagelevel;            /* breaking means the next page (page content) */
	double page_top, page_bottom; /* R_PAGE: the column on a continuation page */
	double gap;               /* between stacked elements */
	int placed;               /* something placed in this segment */
	int seg;                  /* segment counter: changes on every break */
	int text_prev, text_seg;  /* the last thing stacked was text (in segment text_seg) */
	double text_base, text_y; /* its last baseline, and the cursor after it */
	int overflowed;           /* an overflow was reported for this region */
	/* a group's box: its heading (the first nhead elements of its content),
	 * placed again at the top of every further part */
	const kh_ynode *head;
	int nhead, in_head;
	const ectx *headc;
	region *parent;
	boxseg *box;
};

static void place_list(eng *e, region *r, const kh_ynode *seq, const ectx *c);
static void place_elem(eng *e, region *r, const kh_ynode *el, const ectx *c);

/* ---- small helpers ---- */

static const char *scalar(const kh_ynode *n)
{
	return n && n->kind == KH_Y_SCALAR ? n->str : NULL;
}

static double lenv(kh_len l, double ref, double em)
{
	return kh_len_pt(l, ref, em);
}

/* Lengths of a sequence node (a rect, a point), each parsed. */
static int node_lens(const kh_ynode *n, kh_len *out, int max)
{
	int k = 0;
	if (!n || n->kind != KH_Y_SEQ)
		return 0;
	for (int i = 0; i < n->n && k < max; i++) {
		memset(&out[k], 0, sizeof out[k]);
		if (scalar(n->vals[i]) && !strcmp(n->vals[i]->str, "auto")) {
			k++;
			continue;
		}
		if (kh_parse_len(n->vals[i], &out[k]) == 0)
			out[k].set = 1;
		k++;
	}
	return k;
}

static kh_loc el_loc(const kh_ynode *el)
{
	return el->n > 0 ? el->keys[0]->loc : el->loc;
}

static const char *kind_of(const kh_ynode *el)
{
	const char *k = kh_elem_kind(el);
	return k ? k : "";
}

/* The text-source node of an element: its main value, else `key`. */
static const kh_ynode *source_node(const kh_ynode *el, const char *key)
{
	const kh_ynode *m = kh_elem_main(el);
	if (m && m->kind == KH_Y_SCALAR)
		return m;
	return key ? kh_prop(el, key) : NULL;
}

/* Does a text source (or the string it names) hold `what` ("{page",
 * "{pages")? */
static int mentions(const ectx *c, const char *s, const char *what)
{
	const char *used;
	if (strstr(s, what))
		return 1;
	if (s[0] == '@' && s[1] != '@' && c->b.strings) {
		const char *t = kh_strings_lookup(c->b.strings, c->b.locale, s + 1, &used);
		return t && strstr(t, what);
	}
	return 0;
}

/* Evaluate a text source; {page} is the page being laid out, {pages} the
 * count (known on the second run when something asks for it). */
static const char *bind(eng *e, const ectx *c, const kh_ynode *src)
{
	kh_bindctx b;
	if (!src || src->kind != KH_Y_SCALAR)
		return NULL;
	b = c->b;
	if (!b.page)
		b.page = e->cur_page;
	if (!b.pages) {
		b.pages = e->total_pages;
		if (!b.pages && mentions(c, src->str, "{pages"))
			e->needs_pages = 1;
	}
	return kh_bind_node(&b, src);
}

/* First characters of s for a message: up to 16 characters, "…" after. */
static const char *snippet(eng *e, const char *s)
{
	size_t len, i = 0;
	int chars = 0;
	while (*s == ' ' || *s == '\n' || *s == '\t' ||
	       ((unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80))
		s += *s == ' ' || *s == '\n' || *s == '\t' ? 1 : 3;
	len = strlen(s);
	while (i < len && chars < 16) {
		uint32_t cp;
		int k = kh_utf8_decode(s + i, len - i, &cp);
		if (k < 0)
			k = 1;
		if (cp == '\n')
			break;
		i += (size_t)k;
		chars++;
	}
	kh_buf_reset(&e->tmp);
	kh_buf_add(&e->tmp, s, i);
	if (i < len)
		kh_buf_puts(&e->tmp, "…");
	return kh_arena_strdup(e->arena, kh_buf_cstr(&e->tmp));
}

static double to_mm(double pt)
{
	return pt / MM;
}

/* ---- styles on elements ---- */

static const kh_textstyle *elem_style(eng *e, const kh_ynode *el, const char *key)
{
	return kh_doc_elem_style(e->doc, el, key);
}

/* ---- display list surgery ---- */

/* Take the last item off pg and insert it after mark (NULL: first). */
static void move_last_after(kh_dl_page *pg, kh_dl_item *before_last, kh_dl_item *mark)
{
	kh_dl_item *it = pg->last;
	if (!it || it == mark)
		return;
	/* detach */
	if (before_last)
		before_last->next = NULL;
	else
		pg->first = NULL;
	pg->last = before_last;
	/* insert */
	if (!mark) {
		it->next = pg->first;
		pg->first = it;
		if (!pg->last)
			pg->last = it;
	} else {
		it->next = mark->next;
		mark->next = it;
		if (pg->last == mark)
			pg->last = it;
	}
}

static void translate_item(kh_dl_item *it, double dx, double dy)
{
	switch (it->kind) {
	case KH_DL_TEXT:
		it->u.text.x += dx;
		it->u.text.y += dy;
		break;
	case KH_DL_PATH:
		for (int i = 0; i < it->u.path.nseg; i++)
			for (int k = 0; k < 3; k++) {
				it->u.path.segs[i].x[k] += dx;
				it->u.path.segs[i].y[k] += dy;
			}
		break;
	case KH_DL_IMAGE:
		it->u.image.x += dx;
		it->u.image.y += dy;
		it->u.image.clip_x += dx;
		it->u.image.clip_y += dy;
		break;
	}
}

static kh_dl_page *scratch_page(eng *e)
{
	kh_dl_page *pg = kh_arena_alloc(e->dl->arena, sizeof *pg);
	pg->width = e->trim_w + 2 * e->bleed;
	pg->height = e->trim_h + 2 * e->bleed;
	return pg;
}

/* Move everything from the scratch page src to dst, shifted by (dx, dy);
 * names and labels registered on src follow.  at_front: before dst's items. */
static void splice(eng *e, kh_dl_page *src, kh_dl_page *dst, double dx, double dy, int at_front)
{
	for (kh_dl_item *it = src->first; it; it = it->next)
		translate_item(it, dx, dy);
	for (int i = 0; i < e->nnames; i++)
		if (e->names[i].pg == src) {
			e->names[i].pg = dst;
			e->names[i].r.x += dx;
			e->names[i].r.y += dy;
		}
	for (int i = 0; i < e->nlabels; i++)
		if (e->labels[i].pg == src) {
			e->labels[i].pg = dst;
			e->labels[i].r.x += dx;
			e->labels[i].r.y += dy;
		}
	for (int i = 0; i < e->nconns; i++)
		if (e->conns[i].pg == src) {
			e->conns[i].pg = dst;
			e->conns[i].ox += dx;
			e->conns[i].oy += dy;
		}
	if (!src->first)
		return;
	if (at_front) {
		src->last->next = dst->first;
		dst->first = src->first;
		if (!dst->last)
			dst->last = src->last;
	} else {
		if (dst->last)
			dst->last->next = src->first;
		else
			dst->first = src->first;
		dst->last = src->last;
	}
	dst->nitems += src->nitems;
	src->first = src->last = NULL;
	src->nitems = 0;
}

/* ---- names ---- */

static int loc_eq(kh_loc a, kh_loc b)
{
	return a.line == b.line && a.col == b.col && (a.file == b.file || (a.file && b.file && !strcmp(a.file, b.file)));
}

/* A name for connectors.  Used twice, it is reported (once for a master's
 * box, though laid out on every page) and still added, so that what joins
 * it is not reported as well. */
static void name_add(eng *e, const char *name, kh_dl_page *pg, kh_rect r, kh_loc loc)
{
	for (int i = 0; i < e->nnames; i++)
		if (!strcmp(e->names[i].name, name)) {
			int said = 0;
			for (int k = 0; k < e->nsaid_names; k++)
				said |= loc_eq(e->said_names[k], loc);
			if (!said) {
				kh_grow(&e->said_names, sizeof *e->said_names, (size_t)e->nsaid_names + 1, &e->said_names_cap);
				e->said_names[e->nsaid_names++] = loc;
				kh_error(loc, "the name '%s' is already used", name);
				if (e->names[i].loc.file && e->names[i].loc.line)
					kh_hint("it names the box at %s:%d; names must be unique (inside repeat, use a template "
					        "such as 'box-{id}')", e->names[i].loc.file, e->names[i].loc.line);
			}
			break;
		}
	kh_grow(&e->names, sizeof *e->names, (size_t)e->nnames + 1, &e->ncap);
	e->names[e->nnames].name = kh_arena_strdup(e->arena, name);
	e->names[e->nnames].pg = pg;
	e->names[e->nnames].r = r;
	e->names[e->nnames].loc = loc;
	e->nnames++;
}

static void label_add(eng *e, kh_dl_page *pg, kh_rect r)
{
	kh_grow(&e->labels, sizeof *e->labels, (size_t)e->nlabels + 1, &e->lcap);
	e->labels[e->nlabels].pg = pg;
	e->labels[e->nlabels].r = r;
	e->nlabels++;
}

/* ---- pages ---- */

static const kh_ynode *master_named(eng *e, const char *name)
{
	return e->masters && name ? kh_ymap_get(e->masters, name) : NULL;
}

static int page_new(eng *e, const kh_ynode *master, int entry)
{
	pagerec *p;
	kh_len m[4];
	kh_grow(&e->pages, sizeof *e->pages, (size_t)e->npages + 1, &e->pcap);
	p = &e->pages[e->npages];
	memset(p, 0, sizeof *p);
	p->pg = kh_dl_add_page(e->dl, e->trim_w + 2 * e->bleed, e->trim_h + 2 * e->bleed);
	p->pg->bleed = e->bleed;
	p->master = master;
	p->entry = entry;
	if (master && kh_prop_sides(master, "margins", m) > 0) {
		p->m[0] = lenv(m[0], e->trim_h, 10);
		p->m[1] = lenv(m[1], e->trim_w, 10);
		p->m[2] = lenv(m[2], e->trim_h, 10);
		p->m[3] = lenv(m[3], e->trim_w, 10);
	} else {
		p->m[0] = p->m[1] = p->m[2] = p->m[3] = 20 * MM; /* the schema's default */
	}
	return e->npages++;
}

/* The page after page i of the same entry, created when needed. */
static int page_next(eng *e, int i)
{
	if (i + 1 < e->npages && e->pages[i + 1].entry == e->pages[i].entry)
		return i + 1;
	return page_new(e, e->pages[i].master, e->pages[i].entry);
}

static void page_region(eng *e, region *r, int page)
{
	const pagerec *p = &e->pages[page];
	memset(r, 0, sizeof *r);
	r->kind = R_PAGE;
	r->page = page;
	r->pg = p->pg;
	r->x = e->bleed + p->m[3];
	r->w = e->trim_w - p->m[3] - p->m[1];
	r->top = r->y = r->maxy = r->page_top = e->bleed + p->m[0];
	r->bottom = r->page_bottom = e->bleed + e->trim_h - p->m[2];
	r->ox = r->oy = r->cox = r->coy = e->bleed;
	r->ow = r->cow = e->trim_w;
	r->oh = r->coh = e->trim_h;
	r->pagelevel = 1;
}

/* ---- regions ---- */

static void box_finish_segment(eng *e, region *r, int more);

static int region_break(eng *e, region *r)
{
	switch (r->kind) {
	case R_PAGE:
		if (r->page < 0)
			return 0;
		r->page = page_next(e, r->page);
		r->pg = e->pages[r->page].pg;
		r->top = r->y = r->maxy = r->page_top;
		r->bottom = r->page_bottom;
		r->placed = 0;
		r->seg++;
		return 1;
	case R_BOX: {
		boxseg *b = r->box;
		region *p = r->parent;
		box_finish_segment(e, r, 1);
		if (!region_break(e, p))
			return 0;
		b->seg_top = p->y;
		b->mark = p->pg->last;
		b->nseg++;
		r->page = p->page;
		r->pg = p->pg;
		r->top = r->y = r->maxy = p->y + b->pad[0];
		r->bottom = p->bottom - b->pad[2];
		r->placed = 0;
		r->seg++;
		if (r->nhead && !r->in_head) {
			/* a group goes on: its heading again, with the mark */
			r->in_head = 1;
			e->cont_mark = r->headc->continued;
			e->artifact++;
			for (int i = 0; i < r->nhead; i++)
				place_elem(e, r, r->head->vals[i], r->headc);
			e->artifact--;
			e->cont_mark = NULL;
			r->in_head = 0;
		}
		return 1;
	}
	default:
		return 0;
	}
}

static int at_top(const region *r)
{
	if (r->placed)
		return 0;
	if (r->kind == R_BOX && r->parent)
		return at_top(r->parent);
	return 1;
}

enum { FIT_NO = 0, FIT_OK = 1, FIT_OVER = 2 };

/* Make room for h pt at the cursor: break the region if that helps.
 * FIT_NO: a fixed region is full.  FIT_OVER: at the top of a fresh page and
 * still too tall (placed anyway; the caller reports). */
static int fit(eng *e, region *r, double h)
{
	if (r->y + h <= r->bottom + EPS)
		return FIT_OK;
	if (r->kind == R_FIXED)
		return FIT_NO;
	if (at_top(r))
		return FIT_OVER;
	if (!region_break(e, r))
		return FIT_NO;
	return r->y + h <= r->bottom + EPS ? FIT_OK : FIT_OVER;
}

static int page_no(const region *r)
{
	return r->page >= 0 ? r->page + 1 : 0;
}

/* " on page N" for messages, "" on a scratch page. */
static const char *on_page(eng *e, const region *r)
{
	if (r->page < 0)
		return "";
	return kh_arena_printf(e->arena, " on page %d", page_no(r));
}

/* Report that an element does not fit; once per region. */
static int overflow_once(region *r)
{
	region *q = r;
	while (q->kind == R_BOX && q->parent)
		q = q->parent;
	if (q->overflowed || r->overflowed)
		return 0;
	q->overflowed = r->overflowed = 1;
	return 1;
}

static void too_tall(eng *e, region *r, const kh_ynode *el, double h)
{
	kh_error(el_loc(el), "%s is too tall for the page (%.1fmm, %.1fmm available)%s", kind_of(el),
	         to_mm(h), to_mm(r->bottom - r->top), on_page(e, r));
	const kh_ynode *each = !strcmp(kind_of(el), "repeat") ? kh_prop(el, "each") : NULL;
	const char *layout = kh_prop_str(el, "layout", "column");
	if (each && kh_prop(el, "group-by") && strcmp(layout, "column") != 0)
		kh_hint("make it smaller, or use layout: column, where a group splits between its items over pages");
	else if (each && kh_prop(el, "group-by") && kh_prop_bool(each, "keep", 0))
		kh_hint("make it smaller, or drop keep: true from 'each' so that a group can split (in layout: column)");
	else
		kh_hint("make it smaller%s", kh_prop_bool(el, "keep", 0) ? " or drop keep: true so it can split" : "");
}

/* Make room for an element h pt tall at the cursor (fit), saying what went
 * wrong: "WHAT does not fit its frame" (once per region) or too tall for a
 * page.  Returns 0 when it cannot be placed. */
static int claim(eng *e, region *r, const kh_ynode *el, double h, const char *what)
{
	int f = fit(e, r, h);
	if (f == FIT_NO) {
		if (overflow_once(r))
			kh_error(el_loc(el), "%s does not fit its frame%s", what, on_page(e, r));
		return 0;
	}
	if (f == FIT_OVER)
		too_tall(e, r, el, h);
	return 1;
}

static void fixed_region(region *sub, const region *r, double x, double y, double w, double h)
{
	memset(sub, 0, sizeof *sub);
	sub->kind = R_FIXED;
	sub->page = r->page;
	sub->pg = r->pg;
	sub->x = sub->ox = x;
	sub->w = sub->ow = w;
	sub->top = sub->y = sub->maxy = sub->oy = y;
	sub->bottom = y + h;
	sub->oh = h;
	sub->cox = r->ox;
	sub->coy = r->oy;
	sub->cow = r->ow;
	sub->coh = r->oh;
	sub->pagelevel = r->kind == R_PAGE && r->page >= 0;
}

/* ---- roles ---- */

static kh_dl_role role_new(eng *e, int kind, int level, int parent, int index)
{
	kh_dl_role ro;
	memset(&ro, 0, sizeof ro);
	ro.kind = (unsigned char)kind;
	ro.level = (unsigned char)level;
	ro.id = ++e->next_id;
	ro.parent = parent;
	ro.index = index;
	return ro;
}

/* Give every item drawn after `last` on pg (NULL: from its first), and on
 * the pages after pg, that has no role yet the role ro: drawn on a scratch
 * page, pg alone; paths are decoration, so artifacts, and so is everything
 * while e->artifact is set; e->force wins. */
static void role_fill_page(eng *e, kh_dl_page *pg, kh_dl_item *last, kh_dl_role ro)
{
	for (kh_dl_item *it = last ? last->next : pg->first; it; it = it->next) {
		if (it->role.kind != KH_ROLE_NONE)
			continue;
		if (e->force)
			it->role = *e->force;
		else if (e->artifact || it->kind == KH_DL_PATH) {
			memset(&it->role, 0, sizeof it->role);
			it->role.kind = KH_ROLE_ARTIFACT;
		} else
			it->role = ro;
	}
}

static void role_fill(eng *e, kh_dl_page *pg, kh_dl_item *last, kh_dl_role ro)
{
	for (; pg; pg = pg->next, last = NULL)
		role_fill_page(e, pg, last, ro);
}

/* What was just drawn on pg after `last` is decoration (or the forced
 * role): given its role now, while it is at hand. */
static void deco(eng *e, kh_dl_page *pg, kh_dl_item *last)
{
	kh_dl_role none;
	memset(&none, 0, sizeof none);
	role_fill_page(e, pg, last, none);
}

/* ---- text blocks ---- */

void kh_tblock_set(kh_tblock *b, const char *text, const kh_textstyle *st, kh_align align, double width,
                   kh_arena *arena, kh_loc where)
{
	kh_setter *s;
	kh_line line, *tmp = NULL;
	size_t cap = 0;
	int n = 0;
	memset(b, 0, sizeof *b);
	b->style = st;
	b->align = align;
	b->width = width;
	b->leading = st->leading;
	if (st->font) {
		b->ascent = kh_font_ascent(st->font, st->size);
		b->descent = kh_font_descent(st->font, st->size);
	} else {
		b->ascent = st->size * 0.88;
		b->descent = st->size * 0.12;
	}
	if (!text || !*text || !st->font)
		return;
	if (st->align != align) {
		kh_textstyle *cp = kh_arena_alloc(arena, sizeof *cp);
		*cp = *st;
		cp->align = align;
		st = cp;
		b->style = st;
	}
	s = kh_setter_new(text, st, arena, where);
	if (!s)
		return;
	while (kh_setter_next(s, width, &line)) {
		kh_grow(&tmp, sizeof *tmp, (size_t)n + 1, &cap);
		tmp[n++] = line;
	}
	if (n) {
		b->lines = kh_arena_alloc(arena, (size_t)n * sizeof *b->lines);
		memcpy(b->lines, tmp, (size_t)n * sizeof *b->lines);
	}
	b->n = n;
	free(tmp);
}

double kh_tblock_height(const kh_tblock *b)
{
	return b->n ? b->ascent + b->descent + (b->n - 1) * b->leading : 0;
}

double kh_tblock_natural(const kh_tblock *b)
{
	double w = 0;
	for (int i = 0; i < b->n; i++)
		if (b->lines[i].width > w)
			w = b->lines[i].width;
	return w;
}

static double line_x(const kh_tblock *b, const kh_line *l, double x)
{
	double slack = b->width - l->width;
	if (slack <= 0)
		return x;
	if (b->align == KH_ALIGN_RIGHT)
		return x + slack;
	if (b->align == KH_ALIGN_CENTER)
		return x + slack / 2;
	return x;
}

static kh_textstyle *aligned_copy(const kh_textstyle *st, kh_align a, kh_textstyle *tmp)
{
	*tmp = *st;
	tmp->align = a;
	return tmp;
}

void kh_tblock_draw(kh_dl *dl, kh_dl_page *pg, const kh_tblock *b, double x, double top)
{
	kh_textstyle ts;
	aligned_copy(b->style, b->align, &ts);
	for (int i = 0; i < b->n; i++)
		kh_line_draw(dl, pg, &b->lines[i], &ts, line_x(b, &b->lines[i], x), top + b->ascent + i * b->leading);
}

/* Draw the lines of b from line `from` at the cursor of r, breaking the
 * region between lines.  Returns the index of the first line that did not
 * fit (b->n when all did).  *base0 / *first_pg: where line `from` went;
 * *before_first: the item its page ended with before it (NULL: none). */
static int draw_lines(eng *e, region *r, double x, const kh_tblock *b, int from, double *base0,
                      kh_dl_page **first_pg, kh_dl_item **before_first)
{
	double base = 0;
	kh_textstyle ts;
	aligned_copy(b->style, b->align, &ts);
	for (int i = from; i < b->n; i++) {
		/* the first line right after text in the same column, with no space
		 * between, keeps the leading from the last baseline (list items,
		 * paragraphs); after a gap its ascent sits at the cursor */
		int cont = i == from && r->text_prev && r->text_seg == r->seg && fabs(r->y - r->text_y) < EPS;
		int seg = r->seg, f;
		double nb = cont ? r->text_base + b->leading : i == from ? r->y + b->ascent : base + b->leading;
		f = fit(e, r, nb + b->descent - r->y);
		if (f == FIT_NO)
			return i;
		base = r->seg != seg ? r->y + b->ascent : nb;
		if (i == from && before_first)
			*before_first = r->pg->last;
		kh_line_draw(e->dl, r->pg, &b->lines[i], &ts, line_x(b, &b->lines[i], x), base);
		if (i == from) {
			if (base0)
				*base0 = base;
			if (first_pg)
				*first_pg = r->pg;
		}
		r->y = base + b->descent;
		r->text_prev = 1;
		r->text_base = base;
		r->text_y = r->y;
		r->text_seg = r->seg;
		if (r->y > r->maxy)
			r->maxy = r->y;
		r->placed = 1;
	}
	return b->n;
}

static void text_overflow(eng *e, region *r, const kh_ynode *el, const char *rest)
{
	if (!overflow_once(r))
		return;
	kh_error(el_loc(el), "%s does not fit its frame%s%s; it stops before '%s'", kind_of(el),
	         kh_prop(el, "frames") ? "s" : "", on_page(e, r), snippet(e, rest));
	kh_hint("give the frame more room, shorten the text or use a smaller style");
}

/* Can r break onto a new page (a page region, or boxes on one)? */
static int breakable(const region *r)
{
	while (r->kind == R_BOX && r->parent)
		r = r->parent;
	return r->kind == R_PAGE && r->page >= 0;
}

/* A key the engine reads beside the text style (widows, orphans,
 * keep-with-next, role): the element's own, else its style's along the
 * inherit chain (the edition's overrides first), else the `default`
 * style's; NULL when nobody sets it. */
static const kh_ynode *style_key(eng *e, const kh_ynode *el, const char *key)
{
	const kh_ynode *v = kh_prop(el, key), *styles = kh_ymap_get(e->doc->root, "styles");
	const char *name = kh_prop_str(el, "style", NULL);
	if (v)
		return v;
	if (!styles || styles->kind != KH_Y_MAP)
		return NULL;
	for (int pass = 0; pass < 2; pass++, name = "default") {
		const kh_ynode *st = name ? kh_ymap_get(styles, name) : NULL;
		for (int depth = 0; st && st->kind == KH_Y_MAP && depth < 64; depth++) {
			const kh_ynode *ov = kh_ymap_get(st, e->doc->locale.name);
			const char *inh;
			if (ov && ov->kind == KH_Y_MAP && (v = kh_ymap_get(ov, key)))
				return v;
			if ((v = kh_ymap_get(st, key)))
				return v;
			inh = scalar(kh_ymap_get(st, "inherit"));
			st = inh ? kh_ymap_get(styles, inh) : NULL;
		}
	}
	return NULL;
}

/* The role an element's `role` key (or its style's) gives it; without one,
 * a style named h1 ... h6 makes a heading of that level. */
static const char *elem_role(eng *e, const kh_ynode *el)
{
	const char *st = kh_prop_str(el, "style", NULL);
	const char *v = scalar(style_key(e, el, "role"));
	if (v)
		return v;
	if (st && st[0] == 'h' && st[1] >= '1' && st[1] <= '6' && !st[2])
		return st;
	return NULL;
}

static int elem_role_heading(eng *e, const kh_ynode *el)
{
	const char *ro = elem_role(e, el);
	return ro && ro[0] == 'h' && ro[1] >= '1' && ro[1] <= '6' && !ro[2];
}

static int style_int(eng *e, const kh_ynode *el, const char *key, int def)
{
	const kh_ynode *v = style_key(e, el, key);
	char *end;
	long n;
	if (!scalar(v))
		return def;
	n = strtol(v->str, &end, 10);
	return *end || n < 0 || n > 1000 ? def : (int)n;
}

/* Widow and orphan control: the least lines of a paragraph left at the
 * foot of a frame (orphans) and carried to the head of the next (widows). */
typedef struct wo {
	int orphans, widows;
} wo;

static wo wo_of(eng *e, const kh_ynode *el)
{
	wo w = {style_int(e, el, "orphans", 2), style_int(e, el, "widows", 2)};
	return w;
}

/* Break r before anything is placed in it, to keep what comes next
 * together: a box that has nothing in it yet starts again on the parent's
 * next segment (no empty part is left behind); anything else breaks. */
static int break_before(eng *e, region *r)
{
	boxseg *b = r->box;
	region *p = r->parent;
	if (r->kind != R_BOX || !p || r->placed || b->nseg > 0 || r->in_head)
		return region_break(e, r);
	if (!break_before(e, p))
		return 0;
	b->seg_top = p->y;
	b->mark = p->pg->last;
	r->page = p->page;
	r->pg = p->pg;
	r->top = r->y = r->maxy = p->y + b->pad[0];
	r->bottom = p->bottom - b->pad[2];
	r->seg++;
	return 1;
}

/* How many of b's lines from `from` on fit in r's current segment, set as
 * draw_lines sets them. */
static int lines_fitting(const region *r, const kh_tblock *b, int from)
{
	int cont = r->text_prev && r->text_seg == r->seg && fabs(r->y - r->text_y) < EPS;
	double base = cont ? r->text_base + b->leading : r->y + b->ascent;
	int k = 0;
	for (int i = from; i < b->n && base + b->descent <= r->bottom + EPS; i++, base += b->leading)
		k++;
	return k;
}

/* draw_lines with widow and orphan control where r can break: before
 * drawing, the lines that fit are counted; a paragraph that would leave
 * fewer than w.orphans lines at the foot moves on whole, and one that would
 * carry fewer than w.widows to the next frame breaks earlier.  Returns
 * what draw_lines returns. */
static int draw_lines_wo(eng *e, region *r, double x, const kh_tblock *b, wo w, double *base0,
                         kh_dl_page **first_pg, kh_dl_item **before_first)
{
	int from = 0;
	while (from < b->n && breakable(r)) {
		int k = lines_fitting(r, b, from), rest = b->n - from, take = k;
		kh_tblock part;
		if (k >= rest)
			break;
		if (rest - take < w.widows)
			take = rest - w.widows;
		if (from == 0 && take < w.orphans)
			take = 0;
		if (take <= 0) {
			if (!at_top(r)) {
				if (!break_before(e, r))
					break;
				continue;
			}
			take = k > 0 ? k : 1; /* a fresh frame: as much as it takes */
		}
		part = *b;
		part.n = from + take;
		if (draw_lines(e, r, x, &part, from, from ? NULL : base0, from ? NULL : first_pg,
		               from ? NULL : before_first) < part.n)
			return from;
		from += take;
		if (!region_break(e, r))
			return from;
	}
	return draw_lines(e, r, x, b, from, from ? NULL : base0, from ? NULL : first_pg,
	                  from ? NULL : before_first);
}

/* ---- text ---- */

static void draw_text(eng *e, region *r, double x, double w, const kh_ynode *el, const ectx *c)
{
	const kh_ynode *src = source_node(el, "text");
	const kh_textstyle *st = elem_style(e, el, "style");
	const char *text;
	kh_tblock b;
	int stop;
	/* {page} is the page the text starts on: make room for its first line
	 * before asking */
	if (src && src->kind == KH_Y_SCALAR && r->page >= 0 && mentions(c, src->str, "{page")) {
		if (st->font)
			fit(e, r, kh_font_ascent(st->font, st->size) + kh_font_descent(st->font, st->size));
		e->cur_page = r->page + 1;
	}
	text = bind(e, c, src);
	if (!text)
		return;
	if (e->cont_mark)
		text = kh_arena_printf(e->arena, "%s%s", text, e->cont_mark);
	kh_tblock_set(&b, text, st, st->align, w, e->arena, src->loc);
	stop = draw_lines_wo(e, r, x, &b, wo_of(e, el), NULL, NULL, NULL);
	if (stop < b.n)
		text_overflow(e, r, el, text + (b.lines[stop].src_start <= strlen(text) ? b.lines[stop].src_start : 0));
}

/* ---- flow ---- */

static int flow_rest_empty(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\n' && *s != '\t' && *s != '\r')
			return 0;
	return 1;
}

static int flow_frames(eng *e, const region *r, const kh_ynode *frames, const kh_textstyle *st, kh_rect **out)
{
	int nf = frames && frames->kind == KH_Y_SEQ ? frames->n : 0;
	kh_rect *f;
	if (nf == 0) {
		if (r->kind != R_FIXED || r->bottom >= HUGE_H / 2)
			return 0;
		f = kh_arena_alloc(e->arena, sizeof *f);
		f->x = r->x;
		f->y = r->top;
		f->w = r->w;
		f->h = r->bottom - r->top;
		*out = f;
		return 1;
	}
	f = kh_arena_alloc(e->arena, (size_t)nf * sizeof *f);
	for (int i = 0; i < nf; i++) {
		kh_len fl[4];
		memset(fl, 0, sizeof fl);
		node_lens(frames->vals[i], fl, 4);
		f[i].x = r->cox + lenv(fl[0], r->cow, st->size);
		f[i].y = r->coy + lenv(fl[1], r->coh, st->size);
		f[i].w = lenv(fl[2], r->cow, st->size);
		f[i].h = lenv(fl[3], r->coh, st->size);
	}
	*out = f;
	return nf;
}

/* ---- flow through frames ---- */

/* Where a flow through frames has got to: its item (paragraph), that item's
 * setter, and the widths of the lines set from it so far, so that the item
 * can be set again up to there when a page is laid out a second time
 * (balancing).  A copy with s = NULL is such a resumable position. */
typedef struct fstate {
	int item;
	kh_setter *s;
	double *w;
	int nw;
	size_t wcap;
} fstate;

typedef struct flowctx {
	eng *e;
	const kh_ynode *m;        /* the items: a text source or a list of them */
	const ectx *c;
	const kh_textstyle *st;
	const char **texts;       /* each item bound once, when first reached */
	int nsrc;
	double pgap, asc, desc;
	int orphans, widows;      /* widow and orphan control at frame breaks */
} flowctx;

static const kh_ynode *flow_src(const flowctx *f, int i)
{
	return f->m->kind == KH_Y_SEQ ? f->m->vals[i] : f->m;
}

static const char *flow_text(flowctx *f, int i)
{
	if (!f->texts[i]) {
		const char *t = bind(f->e, f->c, flow_src(f, i));
		f->texts[i] = t ? t : "";
	}
	return f->texts[i];
}

static void fstate_next_item(fstate *st)
{
	st->item++;
	st->s = NULL;
	st->nw = 0;
}

/* The setter of st's item with text left in it, started (and its first
 * st->nw lines set again) when needed; NULL when the flow is used up. */
static kh_setter *flow_setter(flowctx *f, fstate *st)
{
	for (;;) {
		if (!st->s) {
			const char *text;
			kh_line line;
			if (st->item >= f->nsrc)
				return NULL;
			text = flow_text(f, st->item);
			st->s = *text ? kh_setter_new(text, f->st, f->e->arena, flow_src(f, st->item)->loc) : NULL;
			if (!st->s) {
				fstate_next_item(st);
				continue;
			}
			for (int k = 0; k < st->nw; k++)
				kh_setter_next(st->s, st->w[k], &line);
		}
		if (!flow_rest_empty(kh_setter_rest(st->s)))
			return st->s;
		fstate_next_item(st);
	}
}

/* A resumable copy of st (its widths malloc'd: free(t.w)). */
static fstate fstate_copy(const fstate *st)
{
	fstate t = {st->item, NULL, NULL, st->nw, (size_t)st->nw};
	if (st->nw) {
		t.w = kh_xmalloc((size_t)st->nw * sizeof *t.w);
		memcpy(t.w, st->w, (size_t)st->nw * sizeof *t.w);
	}
	return t;
}

/* What filling a page's frames used: lines, the lowest line bottom, and
 * the heights used in all frames together. */
typedef struct fused {
	int lines;
	double lowest, height;
} fused;

/* Fill one page's frames from st, every frame's bottom cut at `limit`; the
 * lines are drawn on pg when draw.  Returns 1 when the text is used up, 0
 * when the frames are full (st is then where the next page goes on). */
/* The lines left in the paragraph st is in (an item may hold several),
 * set in width w; *starts: the next line is its first.  Measured on a
 * setter of its own, saying nothing. */
static int flow_para_rest(flowctx *f, const fstate *st, double w, int *starts)
{
	kh_setter *s;
	kh_line line;
	int n = 0, last = 1;
	kh_diag_set_quiet_warnings(1);
	kh_diag_set_strict(0);
	s = kh_setter_new(flow_text(f, st->item), f->st, f->e->arena, flow_src(f, st->item)->loc);
	for (int k = 0; s && k < st->nw && kh_setter_next(s, st->w[k], &line); k++)
		last = line.last;
	*starts = last;
	while (s && kh_setter_next(s, w, &line)) {
		n++;
		if (line.last)
			break;
	}
	kh_diag_set_strict(f->e->doc->strict);
	kh_diag_set_quiet_warnings(f->e->quiet);
	return n;
}

/* How many lines of the paragraph st is in go into this frame, whose next
 * line's baseline is nb: all when they fit; else as many as fit, fewer to
 * carry f->widows to the next frame, none when fewer than f->orphans of a
 * paragraph starting here would stay (with something above it in the
 * frame: at a frame's top, what fits). */
static int flow_budget(flowctx *f, const fstate *st, double w, double nb, double bottom, int placed)
{
	int starts, rest = flow_para_rest(f, st, w, &starts), take;
	int fit = nb + f->desc > bottom + EPS ? 0 : 1 + (int)floor((bottom + EPS - nb - f->desc) / f->st->leading);
	if (rest <= fit)
		return rest;
	take = fit;
	if (rest - take < f->widows)
		take = rest - f->widows;
	if (starts && take < f->orphans)
		take = 0;
	if (take <= 0 && !placed)
		take = fit > 0 ? fit : 1;
	return take;
}

static int flow_fill(flowctx *f, fstate *st, const kh_rect *fr, int nf, double limit, kh_dl_page *pg, int draw,
                     fused *u)
{
	int fi = 0, placed = 0, budget = -1; /* lines of this paragraph left for this frame; -1: not planned */
	double y = fr[0].y, base = 0, bottom = fmin(fr[0].y + fr[0].h, limit);
	memset(u, 0, sizeof *u);
	for (;;) {
		kh_setter *s = flow_setter(f, st);
		kh_line line;
		double nb;
		if (!s) {
			if (placed)
				u->height += y - fr[fi].y;
			return 1;
		}
		/* the first line of a frame at its top; a paragraph after the gap */
		nb = !placed ? y + f->asc : st->nw == 0 && f->pgap > 0 ? y + f->pgap + f->asc : base + f->st->leading;
		if (budget < 0 && (f->orphans > 1 || f->widows > 1))
			budget = flow_budget(f, st, fr[fi].w, nb, bottom, placed);
		if (nb + f->desc > bottom + EPS || budget == 0) {
			if (placed)
				u->height += y - fr[fi].y;
			budget = -1;
			if (++fi >= nf)
				return 0;
			y = fr[fi].y;
			bottom = fmin(fr[fi].y + fr[fi].h, limit);
			placed = 0;
			continue;
		}
		if (!kh_setter_next(s, fr[fi].w, &line)) {
			fstate_next_item(st);
			budget = -1;
			continue;
		}
		if (budget > 0)
			budget--;
		if (line.last)
			budget = -1; /* the paragraph ends: the next is planned afresh */
		kh_grow(&st->w, sizeof *st->w, (size_t)st->nw + 1, &st->wcap);
		st->w[st->nw++] = fr[fi].w;
		base = nb;
		if (draw)
			kh_line_draw(f->e->dl, pg, &line, f->st, fr[fi].x + line.offset, base);
		y = base + f->desc;
		placed = 1;
		u->lines++;
		u->lowest = fmax(u->lowest, y);
	}
}

/* Take everything after mark (NULL: everything) off pg. */
static void dl_truncate(kh_dl_page *pg, kh_dl_item *mark)
{
	int n = 0;
	if (mark) {
		mark->next = NULL;
		pg->last = mark;
	} else {
		pg->first = pg->last = NULL;
	}
	for (kh_dl_item *it = pg->first; it; it = it->next)
		n++;
	pg->nitems = n;
}

/* balance: the last page's lines, drawn after mark, are set again with
 * every frame's bottom cut at the highest line that still takes the rest
 * of the text.  That height is found by halving between the lowest line
 * of the unbalanced page (which fits) and the frames' tops plus their
 * share of the height it used, less a line and a gap: about 9 settings
 * of the page's text. */
static void flow_balance(flowctx *f, const fstate *from, const kh_rect *fr, int nf, kh_dl_page *pg, kh_dl_item *mark,
                         const fused *was)
{
	eng *e = f->e;
	double lo = HUGE_H, hi = was->lowest + EPS;
	fstate t;
	fused u;
	for (int i = 0; i < nf; i++)
		lo = fmin(lo, fr[i].y);
	lo = fmin(hi, fmax(lo, lo + was->height / nf - f->st->leading - f->pgap - f->asc));
	dl_truncate(pg, mark);
	/* what setting the text says (a missing glyph) has been said */
	kh_diag_set_quiet_warnings(1);
	kh_diag_set_strict(0);
	while (hi - lo > 0.05) {
		double mid = (lo + hi) / 2;
		t = fstate_copy(from);
		if (flow_fill(f, &t, fr, nf, mid, pg, 0, &u))
			hi = mid;
		else
			lo = mid;
		free(t.w);
	}
	t = fstate_copy(from);
	flow_fill(f, &t, fr, nf, hi, pg, 1, &u);
	free(t.w);
	kh_diag_set_strict(e->doc->strict);
	kh_diag_set_quiet_warnings(e->quiet);
}

/* Paragraphs through a chain of frames: the `frames`, else the element's
 * own box; page content runs on to the same frames on new pages of the
 * same master, and in a box text left over after the last frame is an
 * error.  Without frames or a height, they stack like text (and run on to
 * new pages like any stacked content). */
static void draw_flow(eng *e, region *r, double x, double w, const kh_ynode *el, const ectx *c)
{
	const kh_ynode *m = kh_elem_main(el);
	const kh_textstyle *st = elem_style(e, el, "style");
	double pgap = lenv(kh_prop_len(el, "paragraph-gap"), r->oh, st->size);
	int nsrc = m ? (m->kind == KH_Y_SEQ ? m->n : 1) : 0;
	kh_rect *frames = NULL;
	int nf = flow_frames(e, r, kh_prop(el, "frames"), st, &frames);
	int page = r->page, errors0 = kh_diag_errors(), balance = kh_prop_bool(el, "balance", 0);
	kh_dl_page *pg = r->pg;
	flowctx f;
	fstate fs;

	if (!m)
		return;
	if (nf == 0) {
		/* no frames: the paragraphs stack in the container like text */
		wo wlim = wo_of(e, el);
		for (int i = 0; i < nsrc; i++) {
			const kh_ynode *src = m->kind == KH_Y_SEQ ? m->vals[i] : m;
			const char *text = bind(e, c, src);
			kh_tblock b;
			int stop;
			if (!text)
				continue;
			if (i > 0 && r->placed)
				r->y += pgap;
			kh_tblock_set(&b, text, st, st->align, w, e->arena, src->loc);
			stop = draw_lines_wo(e, r, x, &b, wlim, NULL, NULL, NULL);
			if (stop < b.n) {
				text_overflow(e, r, el, text + b.lines[stop].src_start);
				return;
			}
		}
		return;
	}

	memset(&f, 0, sizeof f);
	memset(&fs, 0, sizeof fs);
	f.e = e;
	f.m = m;
	f.c = c;
	f.st = st;
	f.nsrc = nsrc;
	f.texts = kh_arena_alloc(e->arena, (size_t)nsrc * sizeof *f.texts);
	f.pgap = pgap;
	f.asc = st->font ? kh_font_ascent(st->font, st->size) : st->size * 0.88;
	f.desc = st->font ? kh_font_descent(st->font, st->size) : st->size * 0.12;
	f.orphans = wo_of(e, el).orphans;
	f.widows = wo_of(e, el).widows;
	for (;;) {
		/* where this page starts, to set it again when it is the last */
		fstate from = balance ? fstate_copy(&fs) : (fstate){0, NULL, NULL, 0, 0};
		kh_dl_item *mark = pg->last;
		fused u;
		if (flow_fill(&f, &fs, frames, nf, HUGE_H, pg, 1, &u)) {
			if (balance && kh_diag_errors() == errors0 && u.lines > 0)
				flow_balance(&f, &from, frames, nf, pg, mark, &u);
			free(from.w);
			break;
		}
		free(from.w);
		/* page content: the chain again on the next page of the same
		 * master; in a box, text left over */
		if (r->pagelevel && page >= 0 && u.lines > 0) {
			page = page_next(e, page);
			pg = e->pages[page].pg;
			continue;
		}
		{
			region fr;
			kh_setter *s = flow_setter(&f, &fs);
			fixed_region(&fr, r, frames[nf - 1].x, frames[nf - 1].y, frames[nf - 1].w, frames[nf - 1].h);
			fr.page = page;
			text_overflow(e, &fr, el, s ? kh_setter_rest(s) : "");
		}
		break;
	}
	free(fs.w);
	(void)w;
	(void)x;
}

/* ---- box ---- */

static int arrows_of(const kh_ynode *el, int def)
{
	static const char *const arrows[] = {"none", "start", "end", "both", NULL};
	return kh_prop_enum(el, "arrow", arrows, def);
}

static int dash_of(const kh_ynode *el, double *dash, double em)
{
	kh_len d[4];
	int n = kh_prop_lens(el, "dash", d, 4);
	for (int i = 0; i < n; i++)
		dash[i] = lenv(d[i], 0, em);
	return n;
}



static void box_props(eng *e, boxseg *b, const kh_ynode *el, double w, const kh_textstyle *st)
{
	static const char *const splits[] = {"open", "closed", NULL};
	kh_len pad[4], lw = kh_prop_len(el, "line-width"), rad = kh_prop_len(el, "radius");
	memset(pad, 0, sizeof pad);
	b->el = el;
	b->fill = kh_prop_color(el, "fill", e->doc->palette);
	b->stroke = kh_prop_color(el, "stroke", e->doc->palette);
	b->lw = lenv(lw, w, st->size);
	b->radius = lenv(rad, w, st->size);
	b->ndash = dash_of(el, b->dash, st->size);
	b->split_closed = kh_prop_enum(el, "split-border", splits, 0) == 1;
	kh_prop_sides(el, "padding", pad);
	for (int i = 0; i < 4; i++)
		b->pad[i] = lenv(pad[i], w, st->size);
}

static void box_rect(eng *e, kh_dl_page *pg, const boxseg *b, double top, double h, kh_dl_item *mark)
{
	kh_dl_item *before = pg->last;
	if (b->fill.space == KH_COLOR_NONE && b->stroke.space == KH_COLOR_NONE)
		return;
	kh_dl_path *p = kh_dl_rect(e->dl, pg, b->bx, top, b->bw, h, b->radius, b->fill, b->stroke, b->lw);
	p->ndash = b->ndash;
	memcpy(p->dash, b->dash, sizeof p->dash);
	deco(e, pg, before);
	move_last_after(pg, before, mark);
	e->last_box = mark ? mark->next : pg->first;
}

/* A path of n segments on pg (owned by the display list). */
static kh_dl_path *path_new(eng *e, kh_dl_page *pg, int n)
{
	kh_dl_item *it = kh_dl_add(e->dl, pg, KH_DL_PATH);
	it->u.path.segs = kh_arena_alloc(e->dl->arena, (size_t)n * sizeof *it->u.path.segs);
	return &it->u.path;
}

static void path_seg(kh_dl_path *p, kh_path_op op, double x, double y)
{
	kh_path_seg *s = &p->segs[p->nseg++];
	s->op = op;
	s->x[0] = x;
	s->y[0] = y;
}

/* A quarter circle from the current point (x0, y0) to (x1, y1) about the
 * corner (cx, cy). */
static void path_corner(kh_dl_path *p, double x0, double y0, double cx, double cy, double x1, double y1)
{
	const double k = 0.5523; /* Bezier approximation of a quarter circle */
	kh_path_seg *s = &p->segs[p->nseg++];
	s->op = KH_PATH_CURVE;
	s->x[0] = x0 + (cx - x0) * k;
	s->y[0] = y0 + (cy - y0) * k;
	s->x[1] = x1 + (cx - x1) * k;
	s->y[1] = y1 + (cy - y1) * k;
	s->x[2] = x1;
	s->y[2] = y1;
}

/* One part of a box split across pages, its border open where the box is
 * cut: the background (rounded only at a closed end), then the sides and
 * the closed end as an open stroke, both right after mark. */
static void box_rect_open(eng *e, kh_dl_page *pg, const boxseg *b, double top, double h, kh_dl_item *mark,
                          int open_top, int open_bottom)
{
	double x = b->bx, w = b->bw, y = top, r = fmin(b->radius, fmin(w / 2, h / 2));
	double rt = open_top ? 0 : r, rb = open_bottom ? 0 : r;
	kh_dl_item *at = mark, *before;
	if (b->fill.space != KH_COLOR_NONE) {
		kh_dl_path *p;
		before = pg->last;
		if (rt <= 0 && rb <= 0) {
			kh_dl_rect(e->dl, pg, x, y, w, h, 0, b->fill, (kh_color){KH_COLOR_NONE, {0}}, 0);
		} else {
			p = path_new(e, pg, 10);
			p->fill = b->fill;
			path_seg(p, KH_PATH_MOVE, x + rt, y);
			path_seg(p, KH_PATH_LINE, x + w - rt, y);
			if (rt > 0)
				path_corner(p, x + w - rt, y, x + w, y, x + w, y + rt);
			path_seg(p, KH_PATH_LINE, x + w, y + h - rb);
			if (rb > 0)
				path_corner(p, x + w, y + h - rb, x + w, y + h, x + w - rb, y + h);
			path_seg(p, KH_PATH_LINE, x + rb, y + h);
			if (rb > 0)
				path_corner(p, x + rb, y + h, x, y + h, x, y + h - rb);
			path_seg(p, KH_PATH_LINE, x, y + rt);
			if (rt > 0)
				path_corner(p, x, y + rt, x, y, x + rt, y);
			path_seg(p, KH_PATH_CLOSE, 0, 0);
		}
		deco(e, pg, before);
		move_last_after(pg, before, at);
		at = at ? at->next : pg->first;
		e->last_box = at;
	}
	if (b->stroke.space != KH_COLOR_NONE && b->lw > 0) {
		kh_dl_path *p;
		before = pg->last;
		p = path_new(e, pg, 8);
		p->stroke = b->stroke;
		p->line_width = b->lw;
		p->ndash = b->ndash;
		memcpy(p->dash, b->dash, sizeof p->dash);
		if (open_top && open_bottom) {
			/* a middle part: its two sides */
			path_seg(p, KH_PATH_MOVE, x, y);
			path_seg(p, KH_PATH_LINE, x, y + h);
			path_seg(p, KH_PATH_MOVE, x + w, y);
			path_seg(p, KH_PATH_LINE, x + w, y + h);
		} else if (open_bottom) {
			path_seg(p, KH_PATH_MOVE, x, y + h);
			path_seg(p, KH_PATH_LINE, x, y + rt);
			if (rt > 0)
				path_corner(p, x, y + rt, x, y, x + rt, y);
			path_seg(p, KH_PATH_LINE, x + w - rt, y);
			if (rt > 0)
				path_corner(p, x + w - rt, y, x + w, y, x + w, y + rt);
			path_seg(p, KH_PATH_LINE, x + w, y + h);
		} else {
			path_seg(p, KH_PATH_MOVE, x, y);
			path_seg(p, KH_PATH_LINE, x, y + h - rb);
			if (rb > 0)
				path_corner(p, x, y + h - rb, x, y + h, x + rb, y + h);
			path_seg(p, KH_PATH_LINE, x + w - rb, y + h);
			if (rb > 0)
				path_corner(p, x + w - rb, y + h, x + w, y + h, x + w, y + h - rb);
			path_seg(p, KH_PATH_LINE, x + w, y);
		}
		deco(e, pg, before);
		move_last_after(pg, before, at);
	}
}

/* The background and border of the box's current part; more: the box goes
 * on in the next part (this one's bottom is where it is cut). */
static void box_finish_segment(eng *e, region *r, int more)
{
	boxseg *b = r->box;
	double bottom = fmax(r->y, r->maxy) + b->pad[2];
	int open_top = b->nseg > 0, open_bottom = more;
	if (b->split_closed || (!open_top && !open_bottom))
		box_rect(e, r->pg, b, b->seg_top, bottom - b->seg_top, b->mark);
	else
		box_rect_open(e, r->pg, b, b->seg_top, bottom - b->seg_top, b->mark, open_top, open_bottom);
	if (b->nseg == 0) {
		b->first_pg = r->pg;
		b->first.x = b->bx;
		b->first.y = b->seg_top;
		b->first.w = b->bw;
		b->first.h = bottom - b->seg_top;
	}
}

static void box_name(eng *e, const kh_ynode *el, const ectx *c, kh_dl_page *pg, kh_rect rc)
{
	const kh_ynode *nn = kh_prop(el, "name");
	const char *name;
	if (!scalar(nn) || !*nn->str)
		return;
	name = kh_bind_text(&c->b, nn->str, nn->loc);
	if (name && *name)
		name_add(e, name, pg, rc, nn->loc);
}

/* The heading of a group's box: how many of its elements come before the
 * one that shows the group's rows (`list: group`, `table: group`,
 * `repeat: group`); 0 when none does. */
static int group_heading(const kh_ynode *content)
{
	for (int i = 0; i < content->n; i++) {
		const char *m = scalar(kh_elem_main(content->vals[i]));
		if (m && !strcmp(m, "group"))
			return i;
	}
	return 0;
}

static const char *const valigns[] = {"top", "middle", "bottom", NULL};

/* The content of a box of fixed height in its region `in`, moved down
 * (valign 1: middle, 2: bottom) by what its stacked elements leave free:
 * laid out on a scratch page, measured, moved.  Content taller than the
 * box is placed from the top, where its overflow is reported. */
static void place_valigned(eng *e, region *in, const kh_ynode *content, const ectx *c, int valign)
{
	region s = *in;
	int nn = e->nnames, nl = e->nlabels, nc = e->nconns, errors0 = kh_diag_errors();
	double used, room = in->bottom - in->top;
	if (valign == 0 || in->page < 0) {
		place_list(e, in, content, c);
		return;
	}
	s.pg = scratch_page(e);
	s.bottom = in->top + HUGE_H;
	place_list(e, &s, content, c);
	used = s.y - in->top;
	if (used <= room + EPS || kh_diag_errors() > errors0) {
		double dy = fmax(0, room - used) * (valign == 1 ? 0.5 : 1);
		splice(e, s.pg, in->pg, 0, dy, 0);
		in->y = s.y + dy;
		in->maxy = s.maxy + dy;
		in->placed = s.placed;
		return;
	}
	/* too tall: from the top, where it stops (what it said is said) */
	e->nnames = nn;
	e->nlabels = nl;
	e->nconns = nc;
	kh_diag_set_quiet_warnings(1);
	place_list(e, in, content, c);
	kh_diag_set_quiet_warnings(e->quiet);
}

/* A box in region r at x, width w; height h (< 0: grows to its content). */
static void draw_box(eng *e, region *r, double x, double w, double h, const kh_ynode *el, const ectx *c)
{
	const kh_textstyle *st = elem_style(e, el, "style");
	boxseg *b = kh_arena_alloc(e->arena, sizeof *b);
	const kh_ynode *content = kh_prop(el, "content");
	kh_len gap = kh_prop_len(el, "gap");
	region in;
	box_props(e, b, el, w, st);
	b->bx = x;
	b->bw = w;
	memset(&in, 0, sizeof in);
	in.x = in.ox = x + b->pad[3];
	in.w = in.ow = w - b->pad[3] - b->pad[1];
	in.gap = lenv(gap, r->oh, st->size);
	in.page = r->page;
	in.pg = r->pg;
	in.cox = in.ox;
	in.cow = in.ow;
	if (h >= 0) {
		kh_rect rc = {x, r->y, w, h};
		box_rect(e, r->pg, b, r->y, h, r->pg->last);
		in.kind = R_FIXED;
		in.top = in.y = in.maxy = in.oy = r->y + b->pad[0];
		in.bottom = r->y + h - b->pad[2];
		in.oh = in.bottom - in.top;
		in.coy = in.oy;
		in.coh = in.oh;
		if (content)
			place_valigned(e, &in, content, c, kh_prop_enum(el, "valign", valigns, 0));
		box_name(e, el, c, r->pg, rc);
		r->y += h;
		if (r->y > r->maxy)
			r->maxy = r->y;
		r->placed = 1;
		return;
	}
	if (fit(e, r, b->pad[0] + b->pad[2]) == FIT_NO)
		return;
	in.kind = R_BOX;
	in.parent = r;
	in.box = b;
	in.page = r->page;
	in.pg = r->pg;
	b->seg_top = r->y;
	b->mark = r->pg->last;
	in.top = in.y = in.maxy = in.oy = r->y + b->pad[0];
	in.bottom = r->bottom - b->pad[2];
	in.oh = r->oh;
	in.coy = in.oy;
	in.coh = in.oh;
	if (c->group_each == el && content && content->kind == KH_Y_SEQ) {
		in.head = content;
		in.nhead = group_heading(content);
		in.headc = c;
	}
	if (content)
		place_list(e, &in, content, c);
	box_finish_segment(e, &in, 0);
	{
		double bottom = fmax(in.y, in.maxy) + b->pad[2];
		box_name(e, el, c, b->first_pg, b->first);
		r->page = in.page;
		r->pg = in.pg;
		r->y = bottom;
		if (r->y > r->maxy)
			r->maxy = r->y;
		r->placed = 1;
	}
}

/* ---- line ---- */

static void draw_line(eng *e, region *r, const kh_ynode *el, const ectx *c)
{
	kh_len from[2], to[2], lw = kh_prop_len(el, "line-width");
	double pts[4], dash[4];
	kh_color stroke = kh_prop_color(el, "stroke", e->doc->palette);
	int nd;
	(void)c;
	memset(from, 0, sizeof from);
	memset(to, 0, sizeof to);
	if (kh_prop_lens(el, "from", from, 2) != 2 || kh_prop_lens(el, "to", to, 2) != 2)
		return;
	pts[0] = r->ox + lenv(from[0], r->ow, 10);
	pts[1] = r->oy + lenv(from[1], r->oh, 10);
	pts[2] = r->ox + lenv(to[0], r->ow, 10);
	pts[3] = r->oy + lenv(to[1], r->oh, 10);
	nd = dash_of(el, dash, 10);
	kh_draw_arrow_path(e->dl, r->pg, pts, 2, stroke, lenv(lw, 0, 10), dash, nd,
	                   arrows_of(el, KH_ARROW_NONE));
	if (fmax(pts[1], pts[3]) > r->maxy && r->kind != R_PAGE)
		r->maxy = fmax(pts[1], pts[3]);
}

/* ---- connector (routed when its page and its master content are done) ---- */

static void defer_connector(eng *e, region *r, const kh_ynode *el, const ectx *c)
{
	deferred *d;
	kh_grow(&e->conns, sizeof *e->conns, (size_t)e->nconns + 1, &e->ccap);
	d = &e->conns[e->nconns++];
	d->el = el;
	d->pg = r->pg;
	d->c = *c;
	d->ox = r->ox;
	d->oy = r->oy;
	d->ow = r->ow;
	d->oh = r->oh;
}

static const char **name_list(eng *e)
{
	const char **v = kh_arena_alloc(e->arena, (size_t)(e->nnames + 1) * sizeof *v);
	for (int i = 0; i < e->nnames; i++)
		v[i] = e->names[i].name;
	return v;
}

/* An anchor "NAME.side" / "NAME.side@30%" of a named box: one of names[lo..]
 * (a master's connector joins its master's boxes); reported unless quiet. */
static const named *anchor_of(eng *e, const kh_ynode *n, kh_anchor *a, int lo, int quiet)
{
	static const kh_side sides[] = {KH_SIDE_TOP, KH_SIDE_BOTTOM, KH_SIDE_LEFT, KH_SIDE_RIGHT, KH_SIDE_CENTER};
	const char *name;
	int side, elsewhere = 0;
	double along;
	const named *found = NULL;
	if (!n || kh_parse_anchor(n, &name, &side, &along, e->arena) < 0)
		return NULL;
	for (int i = e->nnames - 1; i >= 0; i--)
		if (!strcmp(e->names[i].name, name)) {
			if (i >= lo)
				found = &e->names[i];
			else
				elsewhere = 1;
			break;
		}
	if (!found) {
		const char *near = kh_closest(name, name_list(e) + lo, (size_t)(e->nnames - lo));
		if (quiet)
			return NULL;
		if (elsewhere) {
			kh_error(n->loc, "'%s' names a box of page content; a connector in a master joins boxes of the "
			         "master's content", name);
			kh_hint("move the connector to the page's content, or the box to the master's");
			return NULL;
		}
		kh_error(n->loc, "no box is named '%s'", name);
		if (near)
			kh_hint("did you mean '%s'?", near);
		else if (e->nnames == 0)
			kh_hint("name the box to join: name: %s", name);
		return NULL;
	}
	a->box = found->r;
	a->side = side >= 0 && side < 5 ? sides[side] : KH_SIDE_AUTO;
	a->at = along;
	return found;
}

static void page_obstacles(eng *e, kh_dl_page *pg, kh_obstacles *o, int with_names)
{
	for (int i = 0; with_names && i < e->nnames; i++)
		if (e->names[i].pg == pg)
			kh_obstacles_add(o, e->names[i].r);
	for (int i = 0; i < e->nlabels; i++)
		if (e->labels[i].pg == pg)
			kh_obstacles_add(o, e->labels[i].r);
}

/* Route and draw a connector joining names[lo..]; what is wrong with a
 * master's connector is said once, not on every page of the master. */
static void route_connector_draw(eng *e, const deferred *d, int lo, int master);

/* Route a connector; its line is decoration, its label a paragraph. */
static void route_connector(eng *e, const deferred *d, int lo, int master)
{
	kh_dl_item *last = d->pg ? d->pg->last : NULL;
	kh_dl_page *pg = d->pg;
	route_connector_draw(e, d, lo, master);
	if (pg)
		role_fill_page(e, pg, last, role_new(e, KH_ROLE_P, 0, 0, 0));
}

static void route_connector_draw(eng *e, const deferred *d, int lo, int master)
{
	const kh_ynode *el = d->el;
	static const char *const routes[] = {"straight", "orthogonal", NULL};
	kh_anchor a, b;
	const named *na, *nb;
	double pts[2 * KH_ROUTE_MAX], dash[4];
	kh_len lw = kh_prop_len(el, "line-width");
	kh_color stroke = kh_prop_color(el, "stroke", e->doc->palette);
	const kh_ynode *lab = kh_prop(el, "label");
	int n, nd;
	int quiet = 0;
	for (int i = 0; i < e->nsaid_conns; i++)
		quiet |= e->said_conns[i] == el;
	na = anchor_of(e, kh_prop(el, "from"), &a, lo, quiet);
	nb = anchor_of(e, kh_prop(el, "to"), &b, lo, quiet);
	if (!na || !nb) {
		if (master && !quiet) {
			kh_grow(&e->said_conns, sizeof *e->said_conns, (size_t)e->nsaid_conns + 1, &e->said_conns_cap);
			e->said_conns[e->nsaid_conns++] = el;
		}
		return;
	}
	if (na->pg != nb->pg) {
		kh_error(el_loc(el), "the connector joins '%s' and '%s', which are on different pages", na->name,
		         nb->name);
		return;
	}
	n = kh_route(&a, &b, kh_prop_enum(el, "route", routes, 1) == 1, pts);
	nd = dash_of(el, dash, 10);
	kh_draw_arrow_path(e->dl, na->pg, pts, n, stroke, lenv(lw, 0, 10), dash, nd,
	                   arrows_of(el, KH_ARROW_END));
	if (lab) {
		const char *text = bind(e, &d->c, lab);
		const kh_textstyle *st = elem_style(e, el, "label-style");
		/* one letter a line is no way to set Latin: horizontal there */
		int vertical = kh_prop_bool(el, "label-vertical", 0) && !e->doc->locale.latin;
		kh_obstacles obs = {NULL, 0, 0};
		kh_rect at;
		double lw_, lh;
		kh_tblock tb;
		if (!text || !*text)
			return;
		if (vertical) {
			lw_ = st->size;
			lh = kh_vertical_height(text, st);
		} else {
			kh_tblock_set(&tb, text, st, KH_ALIGN_CENTER, HUGE_H, e->arena, lab->loc);
			lw_ = kh_tblock_natural(&tb);
			lh = kh_tblock_height(&tb);
			tb.width = lw_;
		}
		page_obstacles(e, na->pg, &obs, 1);
		if (!kh_label_place(pts, n, lw_ + 2, lh + 2, &obs, NULL, &at)) {
			kh_warning(lab->loc, "no room for the label '%s' beside its connector without covering a box "
			           "or another label", snippet(e, text));
			kh_hint("move the boxes apart or shorten the label");
		}
		kh_obstacles_free(&obs);
		label_add(e, na->pg, at);
		if (vertical)
			kh_vertical_draw(e->dl, na->pg, text, st, at.x + at.w / 2, at.y + 1, lab->loc);
		else
			kh_tblock_draw(e->dl, na->pg, &tb, at.x + 1, at.y + 1);
	}
}

/* ---- image ---- */

static void draw_image(eng *e, region *r, double x, double w, double h, int stacked, const kh_ynode *el,
                       const ectx *c)
{
	static const char *const fits[] = {"contain", "cover", NULL};
	const kh_ynode *src = source_node(el, "file"), *cap = kh_prop(el, "caption");
	const char *rel = bind(e, c, src);
	char *path;
	kh_image_format fmt;
	int pw = 0, ph = 0, cover = kh_prop_enum(el, "fit", fits, 0) == 1;
	kh_image_status st;
	double fh, total, top, iw, ih, ix, iy;
	kh_tblock cb;
	const char *captext = NULL;
	kh_len cgap = kh_prop_len(el, "gap");
	double capgap = 0;
	kh_dl_item *it;
	if (!rel)
		return;
	if (!*rel) {
		kh_error(src->loc, "the image has no file name");
		return;
	}
	path = kh_path_join(e->doc->dir, rel);
	st = kh_image_probe(path, &fmt, &pw, &ph);
	if (st != KH_IMG_OK) {
		if (st == KH_IMG_MISSING)
			kh_error(src->loc, "cannot open the image '%s': %s", rel, strerror(errno));
		else if (st == KH_IMG_UNKNOWN)
			kh_error(src->loc, "the image '%s' is neither PNG nor JPEG", rel);
		else
			kh_error(src->loc, "cannot read the size of the image '%s': the file is damaged", rel);
		if (st == KH_IMG_MISSING && strcmp(e->doc->dir, ".") != 0)
			kh_hint("image paths are relative to the layout file's folder, '%s'", e->doc->dir);
		else if (st == KH_IMG_MISSING)
			kh_hint("image paths are relative to the layout file's folder");
		free(path);
		return;
	}
	if (w < 0) /* no width: as wide as the height asks, else the column's */
		w = h >= 0 ? h * pw / ph : r->x + r->w - x;
	fh = h >= 0 ? h : w * ph / pw;
	if (cap) {
		const kh_textstyle *cs = elem_style(e, el, "caption-style");
		captext = bind(e, c, cap);
		if (captext && *captext) {
			kh_tblock_set(&cb, captext, cs, cs->align, w, e->arena, cap->loc);
			capgap = cgap.set ? lenv(cgap, r->oh, cs->size) : 0.4 * cs->size;
		} else {
			captext = NULL;
		}
	}
	total = fh + (captext ? capgap + kh_tblock_height(&cb) : 0);
	if (stacked && !claim(e, r, el, total, kh_arena_printf(e->arena, "image '%s'", rel))) {
		free(path);
		return;
	}
	top = r->y;
	/* contain: the whole picture inside the frame, centred; cover: the frame
	 * filled, the picture clipped */
	{
		double sx = w / pw, sy = fh / ph, s = cover ? fmax(sx, sy) : fmin(sx, sy);
		iw = pw * s;
		ih = ph * s;
		ix = x + (w - iw) / 2;
		iy = top + (fh - ih) / 2;
	}
	it = kh_dl_add(e->dl, r->pg, KH_DL_IMAGE);
	it->u.image.path = kh_arena_strdup(e->dl->arena, path);
	it->u.image.x = ix;
	it->u.image.y = iy;
	it->u.image.w = iw;
	it->u.image.h = ih;
	if (cover && (iw > w + EPS || ih > fh + EPS)) {
		it->u.image.clipped = 1;
		it->u.image.clip_x = x;
		it->u.image.clip_y = top;
		it->u.image.clip_w = w;
		it->u.image.clip_h = fh;
	}
	free(path);
	if (captext) {
		kh_dl_item *before = r->pg->last;
		kh_tblock_draw(e->dl, r->pg, &cb, x, top + fh + capgap);
		role_fill(e, r->pg, before, role_new(e, KH_ROLE_CAPTION, 0, e->cur_id, 0));
	}
	if (stacked) {
		r->y = top + total;
		r->placed = 1;
	}
	if (top + total > r->maxy)
		r->maxy = top + total;
}

/* ---- data selections: where, sort ---- */

/* A `where` that keeps no row of its table is almost always a typo in a
 * value: a warning at the filter (once), with the closest value of the
 * column when an == condition matches no cell. */
static void say_empty_filter(eng *e, const kh_ynode *wn, const kh_table *t, const kh_filter *f, int nf)
{
	const char *tname = NULL;
	for (int i = 0; i < e->nsaid_filters; i++)
		if (e->said_filters[i] == wn)
			return;
	kh_grow(&e->said_filters, sizeof *e->said_filters, (size_t)e->nsaid_filters + 1, &e->said_filters_cap);
	e->said_filters[e->nsaid_filters++] = wn;
	for (int i = 0; i < e->doc->ntables; i++)
		if (e->doc->tables[i] == t)
			tname = e->doc->table_names[i];
	kh_warning(wn->loc, "the filter '%s' keeps no row of '%s'", wn->str, tname ? tname : t->path);
	for (int i = 0; i < nf; i++) {
		const char **vals, *near = NULL;
		size_t nv = 0;
		int hit = 0;
		if (f[i].op != KH_CMP_EQ || f[i].col < 0 || !*f[i].value)
			continue;
		vals = kh_xmalloc(((size_t)t->nrows + 1) * sizeof *vals);
		for (int r = 0; r < t->nrows && !hit; r++) {
			const char *v = kh_table_cell(t, r, f[i].col);
			size_t k;
			hit = kh_value_compare(v, f[i].value) == 0;
			for (k = 0; k < nv && strcmp(vals[k], v); k++)
				;
			if (k == nv && *v)
				vals[nv++] = v;
		}
		/* the same word in another case first (B for b), then a typo */
		for (size_t k = 0; !hit && k < nv && !near; k++)
			if (!strcasecmp(vals[k], f[i].value))
				near = vals[k];
		if (!hit && !near)
			near = kh_closest(f[i].value, vals, nv);
		free(vals);
		if (hit)
			continue;
		if (near)
			kh_hint("did you mean '%s'?", near);
		break;
	}
}

/* Rows of the element's data (name in `data` or the main value), filtered
 * and sorted; "group" means the current group's rows.  Returns 0, or -1
 * after reporting. */
static int select_rows(eng *e, const kh_ynode *el, const kh_ynode *name_node, const ectx *c, const kh_table **tp,
                       kh_rows *rows)
{
	const char *name = scalar(name_node);
	const kh_table *t;
	kh_filter f[8];
	int nf, sort_col = -1, desc = 0;
	const kh_ynode *sn = kh_prop(el, "sort");
	if (!name || !*name)
		return -1;
	if (!strcmp(name, "group") && c->in_group) {
		/* the group's rows, filtered and sorted like a table's */
		unsigned char *in;
		kh_rows all;
		t = c->b.table;
		nf = kh_parse_where(kh_prop(el, "where"), t, f, 8, e->arena);
		if (nf < 0)
			return -1;
		if (sn && (sort_col = kh_parse_sort(sn, t, &desc)) == -2)
			return -1;
		if (nf == 0 && sort_col < 0) {
			*tp = t;
			*rows = c->group;
			return 0;
		}
		all = kh_table_select(t, f, nf, sort_col, desc, e->arena);
		if (nf > 0 && all.n == 0 && t->nrows > 0)
			say_empty_filter(e, kh_prop(el, "where"), t, f, nf);
		in = kh_xcalloc((size_t)t->nrows + 1, 1);
		for (int i = 0; i < c->group.n; i++)
			in[c->group.idx[i]] = 1;
		rows->n = 0;
		rows->idx = kh_arena_alloc(e->arena, (size_t)(all.n + 1) * sizeof *rows->idx);
		for (int i = 0; i < all.n; i++)
			if (in[all.idx[i]])
				rows->idx[rows->n++] = all.idx[i];
		free(in);
		*tp = t;
		return 0;
	}
	t = kh_doc_table(e->doc, name);
	if (!t) {
		int known = 0;
		for (int i = 0; i < e->doc->ntables; i++)
			known |= !strcmp(e->doc->table_names[i], name);
		if (!known) {
			const char *near = kh_closest(name, e->doc->table_names, (size_t)e->doc->ntables);
			kh_error(name_node->loc, "unknown table '%s'", name);
			if (near)
				kh_hint("did you mean '%s'?", near);
			else
				kh_hint("list it under data: (%s: ../data/%s.csv)", name, name);
		}
		return -1;
	}
	nf = kh_parse_where(kh_prop(el, "where"), t, f, 8, e->arena);
	if (nf < 0)
		return -1;
	if (sn) {
		sort_col = kh_parse_sort(sn, t, &desc);
		if (sort_col == -2)
			return -1;
	}
	*tp = t;
	*rows = kh_table_select(t, f, nf, sort_col, desc, e->arena);
	if (nf > 0 && rows->n == 0 && t->nrows > 0)
		say_empty_filter(e, kh_prop(el, "where"), t, f, nf);
	return 0;
}

static void row_ctx(ectx *dst, const ectx *c, const kh_table *t, int row)
{
	*dst = *c;
	dst->b.table = t;
	dst->b.row = row;
}

/* ---- list ---- */

static void draw_list(eng *e, region *r, double x, double w, const kh_ynode *el, const ectx *c)
{
	const kh_ynode *m = kh_elem_main(el), *item = kh_prop(el, "item"), *data = kh_prop(el, "data");
	const kh_ynode *bn = kh_prop(el, "bullet");
	const kh_textstyle *st0 = elem_style(e, el, "style");
	kh_textstyle *st = kh_arena_alloc(e->arena, sizeof *st);
	const char *bullet = scalar(bn) ? bn->str : "●";
	int numbered = !strcmp(bullet, "number") || !strcmp(bullet, "1.");
	kh_len ind = kh_prop_len(el, "indent"), gapl = kh_prop_len(el, "gap");
	double gap, indent;
	const kh_table *t = NULL;
	kh_rows rows = {0, NULL};
	int nitems, literal = m && m->kind == KH_Y_SEQ;
	wo wlim = wo_of(e, el);
	*st = *st0;
	st->indent = 0; /* the item text hangs; no first-line indent */
	gap = lenv(gapl, r->oh, st->size);
	if (!literal) {
		const kh_ynode *src = data ? data : m;
		if (!src || select_rows(e, el, src, c, &t, &rows) < 0)
			return;
		if (!item) {
			kh_error(el_loc(el), "a list over the table rows needs an item template");
			kh_hint("add item: \"{name}\" with the column to show");
			return;
		}
		nitems = rows.n;
	} else {
		nitems = m->n;
	}
	if (ind.set) {
		indent = lenv(ind, w, st->size);
	} else if (!strcmp(bullet, "none") || !*bullet) {
		indent = st->size; /* no bullet: 1em */
	} else {
		/* the widest bullet and half an em, so the text never touches it
		 * (a full-width ● is a whole em) */
		const char *widest = numbered ? kh_arena_printf(e->arena, "%d.", nitems) : bullet;
		indent = (st->font ? kh_text_width(widest, st) : st->size) + 0.5 * st->size;
	}
	for (int i = 0; i < nitems; i++) {
		ectx ic;
		const char *text, *btext;
		kh_tblock b, bb;
		double base = 0;
		kh_dl_page *bpg = NULL;
		kh_dl_item *mark = NULL, *ilast;
		kh_dl_page *ipg;
		int stop;
		const kh_ynode *src;
		if (literal) {
			ic = *c;
			src = m->vals[i];
		} else {
			row_ctx(&ic, c, t, rows.idx[i]);
			src = item;
		}
		text = bind(e, &ic, src);
		if (!text)
			continue;
		if (literal && item) {
			/* a template over literal items: {item} is not a column; show the item as is */
		}
		if (i > 0 && r->placed)
			r->y += gap;
		kh_tblock_set(&b, text, st, st->align, w - indent, e->arena, src->loc);
		ipg = r->pg;
		ilast = ipg->last;
		stop = draw_lines_wo(e, r, x + indent, &b, wlim, &base, &bpg, &mark);
		if (bpg && strcmp(bullet, "none") != 0 && *bullet) {
			/* the bullet goes before the item's text in the display list, so
			 * the text layer reads "● item" */
			btext = numbered ? kh_arena_printf(e->arena, "%d.", i + 1) : bullet;
			kh_tblock_set(&bb, btext, st, KH_ALIGN_LEFT, HUGE_H, e->arena, bn ? bn->loc : el_loc(el));
			if (bb.n) {
				kh_dl_item *last = bpg->last;
				kh_line_draw(e->dl, bpg, &bb.lines[0], st, x, base);
				if (bpg->last != last && last && last->next == bpg->last)
					move_last_after(bpg, last, mark);
			}
		}
		/* the bullet and the text: one item of the list */
		role_fill(e, ipg, ilast, role_new(e, KH_ROLE_LI, 0, e->cur_id, i + 1));
		if (stop < b.n) {
			text_overflow(e, r, el, text + b.lines[stop].src_start);
			return;
		}
	}
}

/* ---- table ---- */

typedef struct tcol {
	const kh_ynode *header, *value;
	kh_align align;
	double x, w;
} tcol;

static double cells_height(const kh_tblock *cells, int n)
{
	double h = 0;
	for (int i = 0; i < n; i++)
		h = fmax(h, kh_tblock_height(&cells[i]));
	return h;
}

static void table_rule(eng *e, kh_dl_page *pg, double x, double w, double y, kh_color c, double lw)
{
	double pts[4] = {x, y, x + w, y};
	kh_dl_item *last = pg->last;
	if (c.space != KH_COLOR_NONE && lw > 0)
		kh_dl_polyline(e->dl, pg, pts, 2, c, lw);
	deco(e, pg, last);
}

/* A row's cells at top, each a cell of the table being placed (TH or TD,
 * row `row` of it). */
static void table_cells(eng *e, kh_dl_page *pg, const kh_tblock *cells, const tcol *tc, int nc, const double *p,
                        double top, int kind, int row)
{
	for (int i = 0; i < nc; i++) {
		kh_dl_item *last = pg->last;
		kh_tblock_draw(e->dl, pg, &cells[i], tc[i].x + p[3], top + p[0]);
		role_fill(e, pg, last, role_new(e, kind, 0, e->cur_id, row));
	}
}

/* The header row at the cursor: fill, a rule above and below, the cells;
 * repeated (on a further page), it is an artifact. */
static void table_header(eng *e, region *r, double x, double w, double hh, kh_color fill, kh_color rule,
                         double lw, const kh_tblock *cells, const tcol *tc, int nc, const double *p, int repeated)
{
	kh_dl_item *last = r->pg->last;
	if (fill.space != KH_COLOR_NONE)
		kh_dl_rect(e->dl, r->pg, x, r->y, w, hh, 0, fill, (kh_color){KH_COLOR_NONE, {0}}, 0);
	deco(e, r->pg, last);
	table_rule(e, r->pg, x, w, r->y, rule, lw);
	e->artifact += repeated;
	table_cells(e, r->pg, cells, tc, nc, p, r->y, KH_ROLE_TH, 0);
	e->artifact -= repeated;
	r->y += hh;
	table_rule(e, r->pg, x, w, r->y, rule, lw);
}

static void draw_table(eng *e, region *r, double x, double w, const kh_ynode *el, const ectx *c)
{
	static const char *const aligns[] = {"left", "center", "right", "justify", NULL};
	const kh_ynode *cols = kh_prop(el, "columns");
	const kh_textstyle *st = elem_style(e, el, "style");
	const kh_textstyle *hs = kh_prop(el, "header-style") ? elem_style(e, el, "header-style") : st;
	kh_color hfill = kh_prop_color(el, "header-fill", e->doc->palette);
	kh_color rule = kh_prop_color(el, "rule", e->doc->palette);
	kh_len lwl = kh_prop_len(el, "rule-width"), pad[4];
	double lw = lenv(lwl, 0, st->size), p[4] = {0, 0, 0, 0}, fixed = 0, hh;
	const kh_table *t = NULL;
	kh_rows rows;
	tcol *tc;
	kh_tblock *hcells, *cells;
	int nc, nfree = 0, has_header = 0;
	if (select_rows(e, el, kh_elem_main(el) ? kh_elem_main(el) : kh_prop(el, "data"), c, &t, &rows) < 0)
		return;
	if (!cols || cols->kind != KH_Y_SEQ || cols->n == 0) {
		kh_error(el_loc(el), "the table needs columns");
		kh_hint("columns: [{ header: \"No.\", value: \"{number}\" }, ...]");
		return;
	}
	kh_prop_sides(el, "padding", pad);
	for (int i = 0; i < 4; i++)
		p[i] = lenv(pad[i], w, st->size);
	nc = cols->n;
	tc = kh_arena_alloc(e->arena, (size_t)nc * sizeof *tc);
	for (int i = 0; i < nc; i++) {
		const kh_ynode *cn = cols->vals[i];
		kh_len cw = kh_prop_len(cn, "width");
		tc[i].header = kh_prop(cn, "header");
		tc[i].value = kh_prop(cn, "value");
		tc[i].align = (kh_align)kh_prop_enum(cn, "align", aligns, (int)st->align);
		has_header |= tc[i].header != NULL;
		if (cw.set) {
			tc[i].w = lenv(cw, w, st->size);
			fixed += tc[i].w;
		} else {
			tc[i].w = -1;
			nfree++;
		}
	}
	for (int i = 0; i < nc; i++) {
		if (tc[i].w < 0)
			tc[i].w = nfree ? fmax(0, (w - fixed) / nfree) : 0;
		tc[i].x = i ? tc[i - 1].x + tc[i - 1].w : x;
	}
	if (fixed > w + EPS)
		kh_warning(el_loc(el), "the table's columns are %.1fmm wide, wider than its %.1fmm", to_mm(fixed), to_mm(w));
	hcells = kh_arena_alloc(e->arena, (size_t)nc * sizeof *hcells);
	cells = kh_xcalloc((size_t)nc, sizeof *cells);
	for (int i = 0; i < nc; i++) {
		const char *h = tc[i].header ? bind(e, c, tc[i].header) : "";
		kh_tblock_set(&hcells[i], h ? h : "", hs, tc[i].align, fmax(1, tc[i].w - p[1] - p[3]), e->arena,
		              tc[i].header ? tc[i].header->loc : el_loc(el));
	}
	hh = has_header ? cells_height(hcells, nc) + p[0] + p[2] : 0;
	{
		int need_header = has_header, seg = -1, headers = 0;
		for (int ri = 0; ri < rows.n; ri++) {
			ectx rc;
			double rh;
			int f;
			row_ctx(&rc, c, t, rows.idx[ri]);
			for (int i = 0; i < nc; i++) {
				const char *v = tc[i].value ? bind(e, &rc, tc[i].value) : "";
				kh_tblock_set(&cells[i], v ? v : "", st, tc[i].align, fmax(1, tc[i].w - p[1] - p[3]), e->arena,
				              tc[i].value ? tc[i].value->loc : el_loc(el));
			}
			rh = cells_height(cells, nc) + p[0] + p[2];
			for (;;) {
				if (r->seg != seg && seg >= 0)
					need_header = has_header;
				seg = r->seg;
				f = fit(e, r, rh + (need_header ? hh : 0));
				if (f == FIT_NO)
					break;
				if (r->seg != seg) { /* broke: the header again on the new page */
					need_header = has_header;
					seg = r->seg;
					f = fit(e, r, rh + hh);
				}
				break;
			}
			if (f == FIT_NO) {
				if (overflow_once(r)) {
					kh_error(el_loc(el), "table does not fit its frame%s; it stops before row %d of %d ('%s')",
					         on_page(e, r), ri + 1, rows.n, snippet(e, cells[0].n ? kh_bind_text(&rc.b,
					         tc[0].value ? tc[0].value->str : "", el_loc(el)) : ""));
					kh_hint("give the table more room, or let it stack on the page without a height");
				}
				break;
			}
			if (f == FIT_OVER)
				too_tall(e, r, el, rh + (need_header ? hh : 0));
			if (need_header) {
				table_header(e, r, x, w, hh, hfill, rule, lw, hcells, tc, nc, p, headers++ > 0);
				need_header = 0;
			}
			table_cells(e, r->pg, cells, tc, nc, p, r->y, KH_ROLE_TD, ri + 1);
			r->y += rh;
			table_rule(e, r->pg, x, w, r->y, rule, lw);
			r->placed = 1;
			if (r->y > r->maxy)
				r->maxy = r->y;
		}
		if (rows.n == 0 && has_header && fit(e, r, hh) != FIT_NO) {
			table_header(e, r, x, w, hh, hfill, rule, lw, hcells, tc, nc, p, 0);
			r->placed = 1;
		}
	}
	free(cells);
}

/* ---- scratch layout: lay out, measure, move ---- */

/* Lay el out on a scratch page at (x, y0) in width w as if stacked in r
 * there (where it lands when it fits, so what refers to r's container, such
 * as a flow's frames, is where it belongs); returns the height used. */
static double scratch_layout(eng *e, const region *r, kh_dl_page *sp, double x, double y0, double w,
                             const kh_ynode *el, const ectx *c)
{
	region s;
	memset(&s, 0, sizeof s);
	s.kind = R_FIXED;
	s.page = -1;
	s.pg = sp;
	s.x = s.ox = x;
	s.w = s.ow = w;
	s.top = s.y = s.maxy = s.oy = y0;
	s.bottom = y0 + HUGE_H;
	s.oh = r->oh;
	s.cox = r->cox;
	s.coy = r->coy;
	s.cow = r->cow;
	s.coh = r->coh;
	place_elem(e, &s, el, c);
	return fmax(s.y, s.maxy) - y0;
}

/* ---- repeat ---- */

/* Make the background of a box laid out at (x, y) in width w taller by dh
 * (the bottom half of its outline moves down), if it is that box's. */
static void stretch_box(kh_dl_item *it, double x, double y, double w, double dh)
{
	kh_dl_path *p;
	double x0 = 1e30, x1 = -1e30, y0 = 1e30, y1 = -1e30;
	if (!it || it->kind != KH_DL_PATH || dh <= EPS)
		return;
	p = &it->u.path;
	for (int i = 0; i < p->nseg; i++) {
		int k = p->segs[i].op == KH_PATH_CURVE ? 3 : p->segs[i].op == KH_PATH_CLOSE ? 0 : 1;
		for (int j = 0; j < k; j++) {
			x0 = fmin(x0, p->segs[i].x[j]);
			x1 = fmax(x1, p->segs[i].x[j]);
			y0 = fmin(y0, p->segs[i].y[j]);
			y1 = fmax(y1, p->segs[i].y[j]);
		}
	}
	if (fabs(y0 - y) > EPS || fabs(x0 - x) > EPS || fabs(x1 - x - w) > EPS)
		return;
	for (int i = 0; i < p->nseg; i++)
		for (int j = 0; j < 3; j++)
			if (p->segs[i].y[j] > (y0 + y1) / 2)
				p->segs[i].y[j] += dh;
}

static double natural_width(eng *e, const kh_ynode *el, const ectx *c, double avail);

/* The widest natural width of a list of elements: stacked ones from the
 * left, placed ones (`at`) from their x. */
static double natural_width_list(eng *e, const kh_ynode *seq, const ectx *c, double avail)
{
	double wmax = 0;
	for (int i = 0; seq && seq->kind == KH_Y_SEQ && i < seq->n; i++) {
		const kh_ynode *ch = seq->vals[i];
		kh_len at[2];
		double x0 = 0;
		memset(at, 0, sizeof at);
		if (kh_prop_lens(ch, "at", at, 2) == 2)
			x0 = lenv(at[0], avail, e->doc->base_style.size);
		wmax = fmax(wmax, x0 + natural_width(e, ch, c, avail - x0));
	}
	return wmax;
}

/* How wide el is when nothing makes it wider: its own width when it has
 * one; text on one line (forced breaks: its widest line); a box, its widest
 * child and its padding; an image, as wide as its height asks; a vertical
 * label, one em.  Lists, tables, flows, charts and repeats take all of
 * avail, and nothing is wider than avail. */
static double natural_width(eng *e, const kh_ynode *el, const ectx *c, double avail)
{
	const char *k = kind_of(el);
	const kh_textstyle *st = elem_style(e, el, "style");
	kh_len wl = kh_prop_len(el, "width"), sz[2];
	double nw = avail;
	memset(sz, 0, sizeof sz);
	if (avail <= 0)
		return 0;
	if (wl.set)
		return fmin(avail, lenv(wl, avail, st->size));
	if (kh_prop_lens(el, "size", sz, 2) >= 1 && sz[0].set)
		return fmin(avail, lenv(sz[0], avail, st->size));
	if (!strcmp(k, "text") || !strcmp(k, "vertical")) {
		const char *t = bind(e, c, source_node(el, "text"));
		if (!t || !st->font)
			return avail;
		/* a hair more than the measure, so the setter keeps it on one line */
		nw = !strcmp(k, "vertical") ? st->size : kh_text_width(t, st) + fmax(st->indent, 0) + 0.01;
	} else if (!strcmp(k, "box")) {
		kh_len pad[4];
		double ph;
		memset(pad, 0, sizeof pad);
		kh_prop_sides(el, "padding", pad);
		ph = lenv(pad[1], avail, st->size) + lenv(pad[3], avail, st->size);
		nw = natural_width_list(e, kh_prop(el, "content"), c, avail - ph) + ph;
	} else if (!strcmp(k, "image")) {
		kh_len hl = kh_prop_len(el, "height");
		const char *rel = bind(e, c, source_node(el, "file"));
		kh_image_format fmt;
		int pw = 0, phh = 0;
		if (rel && *rel && (hl.set || (sz[1].set))) {
			char *path = kh_path_join(e->doc->dir, rel);
			if (kh_image_probe(path, &fmt, &pw, &phh) == KH_IMG_OK && phh > 0)
				nw = lenv(hl.set ? hl : sz[1], 0, st->size) * pw / phh;
			free(path);
		}
	}
	return fmin(nw, avail);
}

/* Move a row of n copies, laid out on scratch pages sp[] at y0 (= r->y + gy)
 * and rowh tall, into the region.  Returns 0 when the row does not fit (said
 * once: copy `first` of ninst is where the repeat stops). */
static int place_row(eng *e, region *r, const kh_ynode *el, kh_dl_page **sp, int n, double y0, double gy,
                     double rowh, int first, int ninst)
{
	int f;
	r->y += gy;
	f = fit(e, r, rowh);
	if (f == FIT_NO) {
		if (overflow_once(r)) {
			kh_error(el_loc(el), "repeat does not fit its frame%s; it stops before copy %d of %d",
			         on_page(e, r), first + 1, ninst);
			kh_hint("give it more room, or let it stack on the page without a height");
		}
		return 0;
	}
	if (f == FIT_OVER)
		too_tall(e, r, el, rowh);
	for (int k = 0; k < n; k++)
		splice(e, sp[k], r->pg, 0, r->y - y0, 0);
	r->y += rowh;
	r->placed = 1;
	if (r->y > r->maxy)
		r->maxy = r->y;
	return 1;
}

/* layout: flow -- the copies one after another along a line, each as wide
 * as natural_width says, the line wrapping before a copy that would pass
 * the right edge; `gap` between copies and between lines; the boxes of a
 * line as tall as its tallest copy; a line that does not fit the page
 * moves whole to the next. */
static void repeat_flow(eng *e, region *r, double x, double w, double gap, const kh_ynode *el,
                        const kh_ynode *each, const ectx *ic, int ninst)
{
	kh_dl_page **sp = kh_xcalloc((size_t)ninst, sizeof *sp);
	kh_dl_item **bg = kh_xcalloc((size_t)ninst, sizeof *bg);
	double *hs = kh_xcalloc((size_t)ninst, sizeof *hs), *xs = kh_xcalloc((size_t)ninst, sizeof *xs);
	double *ws = kh_xcalloc((size_t)ninst, sizeof *ws);
	int is_box = !strcmp(kind_of(each), "box");
	for (int i = 0; i < ninst;) {
		int n = 0;
		double rowh = 0, end = 0, gy = i > 0 && r->placed ? gap : 0, y0 = r->y + gy;
		while (i + n < ninst) {
			double iw = natural_width(e, each, &ic[i + n], w);
			double ix = n ? end + gap : 0;
			if (n > 0 && ix + iw > w + EPS)
				break;
			xs[n] = ix;
			ws[n] = iw;
			end = ix + iw;
			sp[n] = scratch_page(e);
			e->last_box = NULL;
			hs[n] = scratch_layout(e, r, sp[n], x + ix, y0, iw, each, &ic[i + n]);
			bg[n] = is_box ? e->last_box : NULL;
			rowh = fmax(rowh, hs[n]);
			n++;
		}
		for (int k = 0; k < n; k++)
			if (bg[k])
				stretch_box(bg[k], x + xs[k], y0, ws[k], rowh - hs[k]);
		if (!place_row(e, r, el, sp, n, y0, gy, rowh, i, ninst))
			break;
		i += n;
	}
	free(sp);
	free(bg);
	free(hs);
	free(xs);
	free(ws);
}

static void draw_repeat(eng *e, region *r, double x, double w, const kh_ynode *el, const ectx *c)
{
	static const char *const layouts[] = {"column", "grid", "row", "flow", NULL};
	const kh_ynode *each = kh_prop(el, "each"), *gb = kh_prop(el, "group-by");
	int layout = kh_prop_enum(el, "layout", layouts, 0);
	double ncols = kh_prop_num(el, "columns", layout == 1 ? 2 : 1);
	kh_len gapl = kh_prop_len(el, "gap");
	double gap = gapl.set ? lenv(gapl, w, 10) : 0;
	const kh_table *t = NULL;
	kh_rows rows;
	kh_group *groups = NULL;
	int ninst, cols, ngroups = 0;
	kh_dl_page **sp;
	kh_dl_item **bg;
	double *hs;
	ectx *ic;
	if (!each || each->kind != KH_Y_MAP) {
		kh_error(el_loc(el), "repeat needs an element to repeat under each:");
		return;
	}
	if (select_rows(e, el, kh_elem_main(el) ? kh_elem_main(el) : kh_prop(el, "data"), c, &t, &rows) < 0)
		return;
	if (scalar(gb) && *gb->str) {
		int col = kh_table_require(t, gb->str, gb->loc);
		if (col < 0)
			return;
		ngroups = kh_table_group(t, rows, col, &groups, e->arena);
		ninst = ngroups;
	} else {
		ninst = rows.n;
	}
	if (ninst == 0)
		return;
	cols = layout == 2 ? ninst : layout == 1 ? (int)ncols : 1;
	if (cols < 1)
		cols = 1;
	ic = kh_xcalloc((size_t)ninst, sizeof *ic);
	for (int i = 0; i < ninst; i++) {
		if (groups) {
			row_ctx(&ic[i], c, t, groups[i].rows.n ? groups[i].rows.idx[0] : -1);
			ic[i].b.group_key = groups[i].key;
			ic[i].group = groups[i].rows;
			ic[i].in_group = 1;
		} else {
			row_ctx(&ic[i], c, t, rows.idx[i]);
		}
	}
	if (layout == 3) {
		repeat_flow(e, r, x, w, gap, el, each, ic, ninst);
		free(ic);
		return;
	}
	if (groups && layout == 0 && breakable(r) && !kh_prop_bool(each, "keep", 0)) {
		/* a column of groups on pages: each is placed where it goes and
		 * splits between its items, its heading repeated */
		const kh_ynode *cont = kh_prop(el, "continued");
		double rgap = r->gap;
		for (int i = 0; i < ninst && !kh_diag_too_many(); i++) {
			ic[i].group_each = each;
			ic[i].continued = cont ? bind(e, &ic[i], cont) : NULL;
			if (i > 0 && r->placed)
				r->y += gap;
			r->gap = 0;
			place_elem(e, r, each, &ic[i]);
			r->gap = rgap;
		}
		free(ic);
		return;
	}
	sp = kh_xcalloc((size_t)cols, sizeof *sp);
	bg = kh_xcalloc((size_t)cols, sizeof *bg);
	hs = kh_xcalloc((size_t)cols, sizeof *hs);
	{
		double cw = (w - (cols - 1) * gap) / cols;
		for (int i = 0; i < ninst; i += cols) {
			int n = ninst - i < cols ? ninst - i : cols;
			double rowh = 0, gy = i > 0 && r->placed ? gap : 0, y0 = r->y + gy;
			for (int k = 0; k < n; k++) {
				sp[k] = scratch_page(e);
				e->last_box = NULL;
				hs[k] = scratch_layout(e, r, sp[k], x + k * (cw + gap), y0, cw, each, &ic[i + k]);
				bg[k] = cols > 1 && !strcmp(kind_of(each), "box") ? e->last_box : NULL;
				rowh = fmax(rowh, hs[k]);
			}
			/* a row of boxes: every box as tall as the row */
			for (int k = 0; k < n; k++)
				if (bg[k])
					stretch_box(bg[k], x + k * (cw + gap), y0, cw, rowh - hs[k]);
			if (!place_row(e, r, el, sp, n, y0, gy, rowh, i, ninst))
				break;
		}
	}
	free(sp);
	free(bg);
	free(hs);
	free(ic);
}

/* ---- vertical ---- */

/* A set line turned a quarter clockwise, centred on cx from top down. */
static void draw_sideways(eng *e, kh_dl_page *pg, const kh_line *l, const kh_textstyle *st, double cx, double top)
{
	kh_dl_text *cur = NULL;
	for (int i = 0; i < l->n; i++) {
		const kh_pglyph *pgl = &l->g[i];
		double asc = pgl->font ? kh_font_ascent(pgl->font, st->size) : st->size * 0.88;
		double desc = pgl->font ? kh_font_descent(pgl->font, st->size) : st->size * 0.12;
		/* where the glyph would stand upright for the writer to turn it
		 * about its em box's centre */
		double gx = cx - pgl->advance / 2, gy = top + pgl->x + pgl->advance / 2 + (asc - desc) / 2;
		char u[8];
		int len = kh_utf8_encode(pgl->cp, u);
		if (pgl->vs)
			len += kh_utf8_encode(pgl->vs, u + len);
		if (!cur || cur->font != pgl->font)
			cur = kh_dl_text_begin(e->dl, pg, pgl->font, st->size, st->color, gx, gy, l->n, (size_t)l->n * 8);
		kh_dl_text_glyph(cur, pgl->gid, gx - cur->x, gy - cur->y, u, (size_t)len)->flags |= KH_GLYPH_ROTATE;
	}
}

static void draw_vertical(eng *e, region *r, double x, int stacked, const kh_ynode *el, const ectx *c)
{
	const kh_ynode *src = source_node(el, "text");
	const char *text = bind(e, c, src);
	const kh_textstyle *st = elem_style(e, el, "style");
	double h;
	kh_tblock b;
	int latin = e->doc->locale.latin;
	if (!text)
		return;
	/* a Latin edition turns the line sideways (reading downwards) rather
	 * than stand its letters one a line */
	if (latin) {
		kh_tblock_set(&b, text, st, KH_ALIGN_LEFT, HUGE_H, e->arena, src->loc);
		h = b.n ? b.lines[0].width : 0;
	} else {
		h = kh_vertical_height(text, st);
	}
	if (stacked && !claim(e, r, el, h, "vertical text"))
		return;
	if (latin && b.n)
		draw_sideways(e, r->pg, &b.lines[0], st, x + st->size / 2, r->y);
	else if (!latin)
		kh_vertical_draw(e->dl, r->pg, text, st, x + st->size / 2, r->y, src->loc);
	if (stacked) {
		r->y += h;
		r->placed = 1;
	}
	if (r->y + h > r->maxy)
		r->maxy = r->y + (stacked ? 0 : h);
}

/* ---- chart ---- */

/* Chart nodes are named boxes too: connectors may join them. */
static void chart_name_cb(void *user, const char *id, kh_rect rc, kh_loc where)
{
	void **u = user;
	eng *e = u[0];
	region *r = u[1];
	name_add(e, id, r->pg, rc, where);
}

static void draw_chart(eng *e, region *r, double x, double w, double h, int stacked, const kh_ynode *el,
                       const ectx *c)
{
	kh_len area[4];
	kh_chart_in in;
	kh_obstacles obs = {NULL, 0, 0};
	void *u[2] = {e, r};
	memset(&in, 0, sizeof in);
	memset(area, 0, sizeof area);
	if (kh_prop_lens(el, "area", area, 4) == 4) {
		in.area.x = r->ox + lenv(area[0], r->ow, 10);
		in.area.y = r->oy + lenv(area[1], r->oh, 10);
		in.area.w = lenv(area[2], r->ow, 10);
		in.area.h = lenv(area[3], r->oh, 10);
		stacked = 0;
	} else {
		if (h < 0)
			h = w * 0.6;
		if (stacked && !claim(e, r, el, h, "chart"))
			return;
		in.area.x = x;
		in.area.y = r->y;
		in.area.w = w;
		in.area.h = h;
	}
	page_obstacles(e, r->pg, &obs, 0);
	in.doc = e->doc;
	in.dl = e->dl;
	in.pg = r->pg;
	in.el = el;
	in.ctx = &c->b;
	in.labels = &obs;
	in.node_cb = chart_name_cb;
	in.user = u;
	{
		int before = obs.n;
		kh_chart_draw(&in);
		for (int i = before; i < obs.n; i++)
			label_add(e, r->pg, obs.r[i]);
	}
	kh_obstacles_free(&obs);
	if (stacked) {
		r->y += in.area.h;
		r->placed = 1;
	}
	if (in.area.y + in.area.h > r->maxy && r->kind != R_PAGE)
		r->maxy = in.area.y + in.area.h;
}

/* ---- placing one element ---- */

typedef struct geom {
	int abs;
	int wset;                 /* the width was given */
	double x, y, w, h;        /* h < 0: auto */
} geom;

static void elem_geom(const region *r, const kh_ynode *el, double em, geom *g)
{
	kh_len at[2], sz[2], wl = kh_prop_len(el, "width"), hl = kh_prop_len(el, "height");
	int nat, nsz;
	double ow, oh;
	memset(at, 0, sizeof at);
	memset(sz, 0, sizeof sz);
	nat = kh_prop_lens(el, "at", at, 2);
	nsz = kh_prop_lens(el, "size", sz, 2);
	g->abs = nat == 2;
	/* the container: the trim box (or content box) for `at`, the column
	 * (the page's margin box) for stacked elements */
	ow = g->abs ? r->ow : r->w;
	oh = !g->abs && r->kind == R_PAGE && r->page >= 0 ? r->page_bottom - r->page_top : r->oh;
	if (g->abs) {
		g->x = r->ox + lenv(at[0], r->ow, em);
		g->y = r->oy + lenv(at[1], r->oh, em);
	} else {
		g->x = r->x;
		g->y = r->y;
	}
	g->wset = wl.set || (nsz >= 1 && sz[0].set);
	if (wl.set)
		g->w = lenv(wl, ow, em);
	else if (nsz >= 1 && sz[0].set)
		g->w = lenv(sz[0], ow, em);
	else if (g->abs) {
		g->w = r->x + r->w - g->x;
		if (g->w <= 1)
			g->w = r->ox + r->ow - g->x;
	} else
		g->w = r->w;
	if (hl.set)
		g->h = lenv(hl, oh, em);
	else if (nsz >= 2 && sz[1].set)
		g->h = lenv(sz[1], oh, em);
	else
		g->h = -1;
}

typedef void (*drawfn)(eng *, region *, double, double, const kh_ynode *, const ectx *);

static drawfn flowing_kind(const char *k)
{
	if (!strcmp(k, "text"))
		return draw_text;
	if (!strcmp(k, "flow"))
		return draw_flow;
	if (!strcmp(k, "list"))
		return draw_list;
	if (!strcmp(k, "table"))
		return draw_table;
	if (!strcmp(k, "repeat"))
		return draw_repeat;
	return NULL;
}

static void draw_box_auto(eng *e, region *r, double x, double w, const kh_ynode *el, const ectx *c)
{
	draw_box(e, r, x, w, -1, el, c);
}

static void place_elem_draw(eng *e, region *r, const kh_ynode *el, const ectx *c)
{
	const char *k = kind_of(el);
	geom g;
	kh_len sb = kh_prop_len(el, "space-before"), sa = kh_prop_len(el, "space-after");
	drawfn fn = flowing_kind(k);
	double em = e->doc->base_style.size;
	/* on a scratch page nothing breaks: keeping is moot (and measuring a
	 * kept element lays it out there) */
	int keep = r->page >= 0 && kh_prop_bool(el, "keep", 0);
	if (r->page >= 0)
		e->cur_page = r->page + 1;
	if (!*k)
		return;
	if (!strcmp(k, "connector")) {
		defer_connector(e, r, el, c);
		return;
	}
	if (!strcmp(k, "line")) {
		draw_line(e, r, el, c);
		return;
	}
	elem_geom(r, el, em, &g);
	if (g.w <= 0) {
		kh_error(el_loc(el), "%s has no room: its width is %.1fmm", k, to_mm(g.w));
		return;
	}
	if (g.abs) {
		/* absolute: a region of its own at the position */
		region sub;
		if (g.h >= 0 && (fn || !strcmp(k, "box"))) {
			fixed_region(&sub, r, g.x, g.y, g.w, g.h);
			if (!strcmp(k, "box"))
				draw_box(e, &sub, g.x, g.w, g.h, el, c);
			else
				fn(e, &sub, g.x, g.w, el, c);
		} else {
			memset(&sub, 0, sizeof sub);
			sub.page = r->page;
			sub.pg = r->pg;
			sub.x = sub.ox = g.x;
			sub.w = sub.ow = g.w;
			sub.top = sub.y = sub.maxy = sub.oy = g.y;
			sub.oh = r->oh;
			sub.cox = r->ox;
			sub.coy = r->oy;
			sub.cow = r->ow;
			sub.coh = r->oh;
			if (r->kind == R_PAGE && r->page >= 0) {
				sub.pagelevel = 1;
				sub.kind = R_PAGE;
				sub.page_top = r->page_top;
				sub.page_bottom = r->page_bottom;
				sub.bottom = g.y < r->page_bottom - EPS ? r->page_bottom : e->bleed + e->trim_h;
			} else {
				sub.kind = R_FIXED;
				sub.bottom = r->kind == R_PAGE ? HUGE_H : r->bottom;
				if (r->page < 0)
					sub.bottom = HUGE_H;
			}
			if (!strcmp(k, "box"))
				draw_box(e, &sub, g.x, g.w, g.h, el, c);
			else if (!strcmp(k, "image"))
				draw_image(e, &sub, g.x, g.wset ? g.w : -1, g.h, 0, el, c);
			else if (!strcmp(k, "vertical"))
				draw_vertical(e, &sub, g.x, 0, el, c);
			else if (!strcmp(k, "chart"))
				draw_chart(e, &sub, g.x, g.w, g.h, 0, el, c);
			else if (fn)
				fn(e, &sub, g.x, g.w, el, c);
		}
		if (sub.pg == r->pg && fmax(sub.y, sub.maxy) > r->maxy && r->kind != R_PAGE)
			r->maxy = fmax(sub.y, sub.maxy);
		return;
	}

	/* stacked */
	if (r->placed)
		r->y += r->gap;
	if (sb.set)
		r->y += lenv(sb, r->oh, em);
	if (!strcmp(k, "image")) {
		draw_image(e, r, g.x, g.wset ? g.w : -1, g.h, 1, el, c);
	} else if (!strcmp(k, "vertical")) {
		draw_vertical(e, r, g.x, 1, el, c);
	} else if (!strcmp(k, "chart")) {
		draw_chart(e, r, g.x, g.w, g.h, 1, el, c);
	} else if (g.h >= 0 || (keep && (fn || !strcmp(k, "box")))) {
		/* moves whole: measure on a scratch page (or take the given height) */
		kh_dl_page *sp = NULL;
		double h = g.h, y0 = r->y;
		if (h < 0) {
			sp = scratch_page(e);
			h = scratch_layout(e, r, sp, g.x, y0, g.w, el, c);
		}
		if (!claim(e, r, el, h, k))
			return;
		if (sp) {
			splice(e, sp, r->pg, 0, r->y - y0, 0);
		} else {
			region sub;
			fixed_region(&sub, r, g.x, r->y, g.w, h);
			if (!strcmp(k, "box"))
				draw_box(e, &sub, g.x, g.w, h, el, c);
			else if (fn)
				fn(e, &sub, g.x, g.w, el, c);
		}
		r->y += h;
		r->placed = 1;
		if (r->y > r->maxy)
			r->maxy = r->y;
	} else if (!strcmp(k, "box")) {
		draw_box_auto(e, r, g.x, g.w, el, c);
	} else if (fn) {
		fn(e, r, g.x, g.w, el, c);
	}
	if (strcmp(k, "text") != 0 && strcmp(k, "flow") != 0 && strcmp(k, "list") != 0)
		r->text_prev = 0;
	if (sa.set)
		r->y += lenv(sa, r->oh, em);
}

/* The role of an element's text and images: its `role` (or its style's),
 * else headings for styles h1 ... h6, figures for images, paragraphs. */
static kh_dl_role elem_role_new(eng *e, const kh_ynode *el, const ectx *c)
{
	const char *k = kind_of(el), *ro = elem_role(e, el);
	kh_dl_role r;
	if (ro && ro[0] == 'h' && ro[1] >= '1' && ro[1] <= '6' && !ro[2])
		return role_new(e, KH_ROLE_H, ro[1] - '0', 0, 0);
	if (ro && !strcmp(ro, "caption"))
		return role_new(e, KH_ROLE_CAPTION, 0, 0, 0);
	if (ro && !strcmp(ro, "artifact")) {
		r = role_new(e, KH_ROLE_ARTIFACT, 0, 0, 0);
		r.id = 0;
		return r;
	}
	if ((ro && !strcmp(ro, "figure")) || (!ro && !strcmp(k, "image"))) {
		const kh_ynode *alt = kh_prop(el, "alt");
		const char *t = alt ? bind(e, c, alt) : NULL;
		r = role_new(e, KH_ROLE_FIGURE, 0, 0, 0);
		r.alt = t && *t ? kh_arena_strdup(e->dl->arena, t) : NULL;
		return r;
	}
	return role_new(e, KH_ROLE_P, 0, 0, 0);
}

static int is_container(const kh_ynode *el)
{
	const char *k = kind_of(el);
	return !strcmp(k, "box") || !strcmp(k, "repeat") || !strcmp(k, "list") || !strcmp(k, "table");
}

/* Place one element and give what it drew its role (what its parts, such
 * as list items and table cells, have not been given already). */
static void place_elem(eng *e, region *r, const kh_ynode *el, const ectx *c)
{
	kh_dl_page *pg = r->pg;
	kh_dl_item *last = pg->last;
	const kh_dl_role *force0 = e->force;
	int id0 = e->cur_id;
	kh_dl_role ro;
	if (!*kind_of(el) || !strcmp(kind_of(el), "connector")) {
		place_elem_draw(e, r, el, c);
		return;
	}
	ro = elem_role_new(e, el, c);
	if (!e->force && kh_prop(el, "role") && (ro.kind == KH_ROLE_FIGURE || ro.kind == KH_ROLE_ARTIFACT)) {
		/* a box (or anything) that is one figure, or decoration, as a whole */
		kh_dl_role *f = kh_arena_alloc(e->arena, sizeof *f);
		*f = ro;
		e->force = f;
	}
	e->cur_id = ro.id;
	place_elem_draw(e, r, el, c);
	/* boxes, repeats, lists and tables give what they draw its role as
	 * they draw it (their content is placed, or their parts filled); for
	 * the rest, what was drawn since `last` is still at hand */
	if (!is_container(el))
		role_fill(e, pg, last, ro);
	e->cur_id = id0;
	e->force = force0;
}

/* ---- keep with next ---- */

static int is_stacked(const kh_ynode *el)
{
	kh_len at[2];
	memset(at, 0, sizeof at);
	return *kind_of(el) && strcmp(kind_of(el), "connector") && strcmp(kind_of(el), "line") &&
	       kh_prop_lens(el, "at", at, 2) != 2;
}

/* Where the first `orphans` lines of text set in width w end when it is
 * stacked at y1 in s (right under text: the leading from its baseline). */
static double lead_lines(eng *e, const region *s, double y1, const kh_ynode *el, const kh_textstyle *st,
                         const kh_ynode *src, const ectx *c, double w)
{
	const char *text = src ? bind(e, c, src) : NULL;
	int cont = s->text_prev && s->text_seg == s->seg && fabs(y1 - s->text_y) < EPS;
	kh_tblock b;
	int k, orphans = wo_of(e, el).orphans;
	if (text && *text) {
		kh_tblock_set(&b, text, st, st->align, w, e->arena, src->loc);
		k = b.n < orphans ? b.n : orphans;
	} else {
		/* an item per row: one line of the style */
		kh_tblock_set(&b, NULL, st, st->align, w, e->arena, el_loc(el));
		k = 1;
	}
	if (k == 0)
		return y1;
	return (cont ? s->text_base + b.leading : y1 + b.ascent) + (k - 1) * b.leading + b.descent;
}

/* Where the least part of el that may stand at the foot of a page ends,
 * stacked at the cursor of s: what a heading before it needs room for
 * beside it.  Text, flows and list items: their first lines (as many as
 * orphans asks); a box: its top padding and its first element's; a table:
 * its header and a row of one line; a chart, or anything with a height:
 * all of it.  Measured, nothing drawn. */
static double lead_bottom(eng *e, const region *s, const kh_ynode *el, const ectx *c, int depth)
{
	const char *k = kind_of(el);
	const kh_textstyle *st = elem_style(e, el, "style");
	double em = e->doc->base_style.size, y1 = s->y + (s->placed ? s->gap : 0);
	kh_len sb = kh_prop_len(el, "space-before");
	const kh_ynode *m = kh_elem_main(el);
	geom g;
	if (sb.set)
		y1 += lenv(sb, s->oh, em);
	elem_geom(s, el, em, &g);
	if (g.h >= 0)
		return y1 + g.h;
	if (depth > 8 || g.w <= 0)
		return y1;
	if (!strcmp(k, "text"))
		return lead_lines(e, s, y1, el, st, source_node(el, "text"), c, g.w);
	if (!strcmp(k, "flow") && !kh_prop(el, "frames") && m)
		return lead_lines(e, s, y1, el, st, m->kind == KH_Y_SEQ ? (m->n ? m->vals[0] : NULL) : m, c, g.w);
	if (!strcmp(k, "list"))
		return lead_lines(e, s, y1, el, st, m && m->kind == KH_Y_SEQ && m->n ? m->vals[0] : NULL, c, g.w);
	if (!strcmp(k, "box")) {
		const kh_ynode *content = kh_prop(el, "content");
		kh_len pad[4];
		region in = *s;
		memset(pad, 0, sizeof pad);
		kh_prop_sides(el, "padding", pad);
		in.y = y1 + lenv(pad[0], g.w, st->size);
		in.placed = 0;
		in.text_prev = 0;
		in.x += lenv(pad[3], g.w, st->size);
		in.w = in.ow = g.w - lenv(pad[3], g.w, st->size) - lenv(pad[1], g.w, st->size);
		for (int i = 0; content && content->kind == KH_Y_SEQ && i < content->n; i++)
			if (is_stacked(content->vals[i]))
				return lead_bottom(e, &in, content->vals[i], c, depth + 1);
		return in.y;
	}
	if (!strcmp(k, "table")) {
		kh_len pad[4];
		double line = st->font ? kh_font_ascent(st->font, st->size) + kh_font_descent(st->font, st->size) : 0;
		kh_prop_sides(el, "padding", pad);
		return y1 + 2 * (line + lenv(pad[0], g.w, st->size) + lenv(pad[2], g.w, st->size));
	}
	if (!strcmp(k, "chart") && !kh_prop(el, "area"))
		return y1 + g.w * 0.6;
	return y1;
}

/* Lay out elements [i, j) of seq on a scratch page as they would stack at
 * the cursor of r, into *s (its cursor and text state after them), and
 * throw them away: their names, labels, connectors and role ids with them,
 * their warnings not said. */
static void scratch_run(eng *e, const region *r, const kh_ynode *seq, int i, int j, const ectx *c, region *s)
{
	int nn = e->nnames, nl = e->nlabels, nc = e->nconns, id = e->next_id;
	*s = *r;
	s->kind = R_FIXED;
	s->page = -1;
	s->pg = scratch_page(e);
	s->bottom = HUGE_H;
	s->parent = NULL;
	s->box = NULL;
	s->head = NULL;
	s->nhead = 0;
	kh_diag_set_quiet_warnings(1);
	kh_diag_set_strict(0);
	for (int k = i; k < j; k++)
		if (is_stacked(seq->vals[k]))
			place_elem(e, s, seq->vals[k], c);
	kh_diag_set_strict(e->doc->strict);
	kh_diag_set_quiet_warnings(e->quiet);
	e->nnames = nn;
	e->nlabels = nl;
	e->nconns = nc;
	e->next_id = id;
}

/* keep-with-next: on for headings (role h1-h6) unless set false, and for
 * the heading of a group. */
static int keeps_with_next(eng *e, const region *r, const kh_ynode *el, int i)
{
	const kh_ynode *v = style_key(e, el, "keep-with-next");
	if (scalar(v))
		return !strcmp(v->str, "true");
	return (r->head && i < r->nhead) || elem_role_heading(e, el);
}

static void place_list(eng *e, region *r, const kh_ynode *seq, const ectx *c)
{
	if (!seq)
		return;
	if (seq->kind != KH_Y_SEQ) {
		if (seq->kind == KH_Y_MAP)
			place_elem(e, r, seq, c);
		return;
	}
	for (int i = 0; i < seq->n && !kh_diag_too_many(); i++) {
		const kh_ynode *el = seq->vals[i];
		if (i + 1 < seq->n && breakable(r) && !at_top(r) && is_stacked(el) && keeps_with_next(e, r, el, i)) {
			/* a heading (and the headings right after it) and the start of
			 * the next stacked element go together: measured first, the
			 * region breaks before the heading when they do not fit */
			int j = i + 1;
			while (j < seq->n && (!is_stacked(seq->vals[j]) || keeps_with_next(e, r, seq->vals[j], j)))
				j++;
			if (j < seq->n) {
				region s;
				scratch_run(e, r, seq, i, j, c, &s);
				if (lead_bottom(e, &s, seq->vals[j], c, 0) > r->bottom + EPS)
					break_before(e, r);
			}
		}
		place_elem(e, r, el, c);
	}
}

/* ---- document ---- */

static int page_size(eng *e, const kh_ynode *doc)
{
	static const struct {
		const char *name;
		double w, h; /* mm */
	} sizes[] = {{"A3", 297, 420}, {"A4", 210, 297}, {"A5", 148, 210}, {"B4", 257, 364},
	             {"B5", 182, 257}, {"Letter", 215.9, 279.4}, {"Legal", 215.9, 355.6}};
	const kh_ynode *sz = doc ? kh_ymap_get(doc, "size") : NULL;
	const char *orient = doc ? scalar(kh_ymap_get(doc, "orientation")) : NULL;
	const kh_ynode *bl = doc ? kh_ymap_get(doc, "bleed") : NULL;
	kh_len l;
	e->trim_w = 210 * MM;
	e->trim_h = 297 * MM;
	if (scalar(sz)) {
		for (size_t i = 0; i < KH_COUNT(sizes); i++)
			if (!strcasecmp(sz->str, sizes[i].name)) {
				e->trim_w = sizes[i].w * MM;
				e->trim_h = sizes[i].h * MM;
			}
	} else if (sz && sz->kind == KH_Y_SEQ) {
		kh_len wh[2];
		if (node_lens(sz, wh, 2) == 2 && wh[0].set && wh[1].set) {
			e->trim_w = lenv(wh[0], 0, 10);
			e->trim_h = lenv(wh[1], 0, 10);
		}
	}
	if (orient && !strcmp(orient, "landscape") && e->trim_w < e->trim_h) {
		double t = e->trim_w;
		e->trim_w = e->trim_h;
		e->trim_h = t;
	}
	if (bl && kh_parse_len(bl, &l) == 0)
		e->bleed = lenv(l, 0, 10);
	return 0;
}

static void doc_info(eng *e, const kh_ynode *doc, const ectx *c)
{
	const char *keys[4] = {"title", "author", "subject", "keywords"};
	const char **dst[4];
	dst[0] = &e->dl->title;
	dst[1] = &e->dl->author;
	dst[2] = &e->dl->subject;
	dst[3] = &e->dl->keywords;
	for (int i = 0; i < 4; i++) {
		const kh_ynode *n = doc ? kh_ymap_get(doc, keys[i]) : NULL;
		const char *v = n ? bind(e, c, n) : NULL;
		if (v)
			*dst[i] = kh_arena_strdup(e->dl->arena, v);
	}
	e->dl->lang = kh_arena_strdup(e->dl->arena, e->doc->locale.name);
}

/* Master content, on every page under the page's own (laid out now that
 * the page count is known); then the page's connectors, which may join the
 * page's boxes and its master's. */
static void masters_draw(eng *e, const ectx *base)
{
	int npc = e->nconns; /* the connectors of page content */
	char *routed = kh_xcalloc((size_t)npc + 1, 1);
	for (int i = 0; i < e->npages; i++) {
		const pagerec *p = &e->pages[i];
		const kh_ynode *content = p->master ? kh_ymap_get(p->master, "content") : NULL;
		int n0 = e->nnames, c0n = e->nconns;
		if (content) {
			kh_dl_page *sp = scratch_page(e);
			region r;
			ectx c = *base;
			page_region(e, &r, i);
			r.page = -1;
			r.pg = sp;
			r.kind = R_FIXED;
			r.bottom = HUGE_H;
			c.b.page = i + 1;
			c.b.pages = e->npages;
			place_list(e, &r, content, &c);
			for (int k = c0n; k < e->nconns; k++)
				route_connector(e, &e->conns[k], n0, 1);
			for (kh_dl_item *it = sp->first; it; it = it->next) {
				/* page furniture */
				memset(&it->role, 0, sizeof it->role);
				it->role.kind = KH_ROLE_ARTIFACT;
			}
			splice(e, sp, p->pg, 0, 0, 1);
		}
		for (int k = 0; k < npc; k++)
			if (!routed[k] && e->conns[k].pg == p->pg) {
				route_connector(e, &e->conns[k], 0, 0);
				routed[k] = 1;
			}
		e->nnames = n0; /* a master's names are its own on every page */
		e->nconns = c0n;
	}
	/* connectors left on a page that was never placed (what kept them out
	 * has been reported) */
	for (int k = 0; k < npc; k++)
		if (!routed[k])
			route_connector(e, &e->conns[k], 0, 0);
	free(routed);
}

/* One run of the layout; total_pages is {pages} (0: not known yet). */
static kh_dl *run(kh_doc *doc, int total_pages, int *needs_pages)
{
	eng e;
	const kh_ynode *root = doc->root, *dnode = kh_ymap_get(root, "document");
	const kh_ynode *pages = kh_ymap_get(root, "pages");
	const char *defmaster = dnode ? scalar(kh_ymap_get(dnode, "master")) : NULL;
	ectx c;
	int errors0 = kh_diag_errors();
	memset(&e, 0, sizeof e);
	e.doc = doc;
	e.dl = kh_dl_new();
	e.arena = doc->arena;
	e.total_pages = total_pages;
	e.quiet = total_pages > 0;
	e.masters = kh_ymap_get(root, "masters");
	if (e.masters && e.masters->kind != KH_Y_MAP)
		e.masters = NULL;
	memset(&c, 0, sizeof c);
	c.b.locale = &doc->locale;
	c.b.strings = doc->strings.table ? &doc->strings : NULL;
	c.b.row = -1;
	c.b.arena = doc->arena;
	page_size(&e, dnode);
	doc_info(&e, dnode, &c);
	if (!defmaster && master_named(&e, "default"))
		defmaster = "default";
	if (defmaster && !master_named(&e, defmaster)) {
		kh_error(kh_ymap_get(dnode, "master")->loc, "unknown master '%s'", defmaster);
		defmaster = NULL;
	}
	for (int i = 0; pages && pages->kind == KH_Y_SEQ && i < pages->n && !kh_diag_too_many(); i++) {
		const kh_ynode *entry = pages->vals[i], *mn = kh_ymap_get(entry, "master");
		const kh_ynode *master = master_named(&e, defmaster);
		kh_len gap = kh_prop_len(entry, "gap");
		region r;
		if (scalar(mn)) {
			master = master_named(&e, mn->str);
			if (!master) {
				const char **names = kh_arena_alloc(e.arena, (size_t)(e.masters ? e.masters->n : 0) * sizeof *names + 1);
				const char *near;
				for (int k = 0; e.masters && k < e.masters->n; k++)
					names[k] = e.masters->keys[k]->str;
				kh_error(mn->loc, "unknown master '%s'", mn->str);
				near = kh_closest(mn->str, names, e.masters ? (size_t)e.masters->n : 0);
				if (near)
					kh_hint("did you mean '%s'?", near);
			}
		}
		page_region(&e, &r, page_new(&e, master, i));
		r.gap = gap.set ? lenv(gap, r.oh, 10) : 0;
		place_list(&e, &r, kh_ymap_get(entry, "content"), &c);
	}
	if (e.npages == 0)
		page_new(&e, master_named(&e, defmaster), 0);
	masters_draw(&e, &c);
	free(e.pages);
	free(e.names);
	free(e.conns);
	free(e.labels);
	free(e.said_conns);
	free(e.said_names);
	free(e.said_filters);
	kh_buf_free(&e.tmp);
	*needs_pages = e.needs_pages;
	if (kh_diag_errors() > errors0) {
		kh_dl_drop(e.dl);
		return NULL;
	}
	return e.dl;
}

kh_dl *kh_layout_run(kh_doc *doc)
{
	int needs = 0;
	kh_dl *dl = run(doc, 0, &needs);
	if (dl && needs) {
		/* {pages} in page content: lay out again now that the count is
		 * known (the first run's warnings are not said twice) */
		int n = dl->npages;
		kh_dl_drop(dl);
		kh_diag_set_quiet_warnings(1);
		dl = run(doc, n, &needs);
		kh_diag_set_quiet_warnings(0);
	}
	return dl;
}
