/* test_layout.c -- the layout engine's parts: image headers (image.c), the
 * display-list dump (dump.c), connector geometry and label placement
 * (chart.c), and small layouts run through kh_build (edition.c, layout.c)
 * with their dumps checked. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chart.h"
#include "diag.h"
#include "image.h"
#include "layout.h"
#include "t.h"

/* ---- image headers ---- */

static void test_image(void)
{
	static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
	                                    0, 0, 0x01, 0x2C, 0, 0, 0, 0xC8, 8, 2, 0, 0, 0};
	/* SOI, APP0 (16 bytes), SOF2 (progressive) 480 x 640 */
	static const unsigned char jpg[] = {0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
	                                    0xFF, 0xC2, 0, 11, 8, 0x01, 0xE0, 0x02, 0x80, 1, 1, 0x11, 0};
	static const unsigned char jpg_nosof[] = {0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xDA, 0, 4};
	kh_image_format f = 0;
	int w = 0, h = 0;
	T_INT("image: PNG size", KH_IMG_OK, kh_image_probe_mem(png, sizeof png, &f, &w, &h));
	T_INT("image: PNG width", 300, w);
	T_INT("image: PNG height", 200, h);
	T_INT("image: PNG format", KH_IMG_PNG, f);
	T_INT("image: JPEG size after APP0", KH_IMG_OK, kh_image_probe_mem(jpg, sizeof jpg, &f, &w, &h));
	T_INT("image: JPEG width from SOF2", 640, w);
	T_INT("image: JPEG height from SOF2", 480, h);
	T_INT("image: JPEG format", KH_IMG_JPEG, f);
	T_INT("image: PNG cut in its header", KH_IMG_CORRUPT, kh_image_probe_mem(png, 20, &f, &w, &h));
	T_INT("image: JPEG with no frame header", KH_IMG_CORRUPT, kh_image_probe_mem(jpg_nosof, sizeof jpg_nosof, &f, &w, &h));
	T_INT("image: JPEG cut in its frame header", KH_IMG_CORRUPT, kh_image_probe_mem(jpg, sizeof jpg - 5, &f, &w, &h));
	T_INT("image: neither", KH_IMG_UNKNOWN, kh_image_probe_mem((const unsigned char *)"GIF89a", 6, &f, &w, &h));
	T_INT("image: empty", KH_IMG_UNKNOWN, kh_image_probe_mem((const unsigned char *)"", 0, &f, &w, &h));
	T_INT("image: missing file", KH_IMG_MISSING, kh_image_probe("/nonexistent/x.png", &f, &w, &h));
}

/* ---- dump ---- */

static kh_color rgb(double r, double g, double b)
{
	kh_color c = {KH_COLOR_RGB, {r, g, b, 0}};
	return c;
}

static void test_dump(void)
{
	kh_dl *dl = kh_dl_new();
	kh_dl_page *pg = kh_dl_add_page(dl, 595.275591, 841.889764);
	kh_color none = {KH_COLOR_NONE, {0}}, cmyk = {KH_COLOR_CMYK, {1, 0.6, 0, 0.2}}, gray = {KH_COLOR_GRAY, {0.4, 0, 0, 0}};
	double tri[6] = {10, 10, 20, 15, 10, 20}, line[4] = {-0.001, 5, 30, 5};
	kh_dl_path *p;
	kh_dl_item *it;
	kh_buf b = KH_BUF_INIT;
	pg->bleed = 8.503937;
	kh_dl_rect(dl, pg, 0, 0, 100, 34.015748, 0, rgb(0x1F / 255.0, 0x3A / 255.0, 0x68 / 255.0), none, 0);
	kh_dl_rect(dl, pg, 10, 10, 50, 20, 3, none, cmyk, 0.5);
	p = kh_dl_polyline(dl, pg, line, 2, gray, 1);
	p->ndash = 2;
	p->dash[0] = 2;
	p->dash[1] = 1;
	kh_dl_polygon(dl, pg, tri, 3, rgb(0, 0, 0));
	it = kh_dl_add(dl, pg, KH_DL_IMAGE);
	it->u.image.path = "photos/a.jpg";
	it->u.image.x = 42.519685;
	it->u.image.y = 566.929134;
	it->u.image.w = 158.740157;
	it->u.image.h = 119.055118;
	it->u.image.clipped = 1;
	it->u.image.clip_x = 42.519685;
	it->u.image.clip_y = 570;
	it->u.image.clip_w = 158.740157;
	it->u.image.clip_h = 100;
	{
		kh_dl_text *t = kh_dl_text_begin(dl, pg, NULL, 10, rgb(1, 1, 1), 56.692913, 70.866142, 3, 5);
		kh_dl_text_glyph(t, 0, 0, 0, "厚", 3);
		kh_dl_text_glyph(t, 0, 10, 0, "\"", 1);
		kh_dl_text_glyph(t, 0, 15.005, 0, "\n", 1);
	}
	kh_dl_dump(dl, &b);
	T_STR("dump: pages, rects, rounded paths, dashes, polygons, images, text", "page 1 595.28x841.89 bleed 8.50\n"
	      "path fill #1F3A68 stroke none rect 0.00,0.00 100.00x34.02\n"
	      "path fill none stroke cmyk(100,60,0,20) 0.50 M 13.00,10.00 L 57.00,10.00 C 58.66,10.00 60.00,11.34 "
	      "60.00,13.00 L 60.00,27.00 C 60.00,28.66 58.66,30.00 57.00,30.00 L 13.00,30.00 C 11.34,30.00 10.00,28.66 "
	      "10.00,27.00 L 10.00,13.00 C 10.00,11.34 11.34,10.00 13.00,10.00 Z\n"
	      "path fill none stroke gray(40) 1.00 dash 2.00,1.00 M 0.00,5.00 L 30.00,5.00\n"
	      "path fill #000000 stroke none M 10.00,10.00 L 20.00,15.00 L 10.00,20.00 Z\n"
	      "image photos/a.jpg 42.52,566.93 158.74x119.06 clip 42.52,570.00 158.74x100.00\n"
	      "text ? 10.00 #FFFFFF at 56.69,70.87 to 71.70 \"厚\\\"\\x0A\"\n",
	      kh_buf_cstr(&b));
	kh_buf_free(&b);
	kh_dl_drop(dl);
}

/* ---- geometry ---- */

static void test_route(void)
{
	kh_anchor a = {{0, 0, 100, 40}, KH_SIDE_BOTTOM, 0.5}, b = {{150, 100, 100, 40}, KH_SIDE_TOP, 0.5};
	double pts[2 * KH_ROUTE_MAX];
	int n;
	n = kh_route(&a, &b, 1, pts);
	T_INT("route: bottom to top: 4 points", 4, n);
	T_NEAR("route: starts at the bottom middle (x)", 50, pts[0], 1e-9);
	T_NEAR("route: starts at the bottom middle (y)", 40, pts[1], 1e-9);
	T_NEAR("route: turns half way down", 70, pts[3], 1e-9);
	T_NEAR("route: runs across at that height", 200, pts[4], 1e-9);
	T_NEAR("route: ends at the top middle (y)", 100, pts[7], 1e-9);
	a.side = KH_SIDE_RIGHT;
	b.side = KH_SIDE_LEFT;
	a.at = b.at = 0.5;
	b.box.y = 0;
	n = kh_route(&a, &b, 1, pts);
	T_INT("route: right to left at one height: a straight line", 2, n);
	T_NEAR("route: from the right edge", 100, pts[0], 1e-9);
	T_NEAR("route: to the left edge", 150, pts[2], 1e-9);
	a.side = KH_SIDE_BOTTOM;
	b.side = KH_SIDE_LEFT;
	b.box.y = 100;
	n = kh_route(&a, &b, 1, pts);
	T_INT("route: bottom to left: one bend", 3, n);
	T_NEAR("route: the bend under the start", 50, pts[2], 1e-9);
	T_NEAR("route: the bend level with the end", 120, pts[3], 1e-9);
	/* straight, auto sides: where the line between the centres leaves each box */
	a.side = b.side = KH_SIDE_AUTO;
	n = kh_route(&a, &b, 0, pts);
	T_INT("route: straight: 2 points", 2, n);
	T_NEAR("route: straight: leaves a through its bottom edge", 40, pts[1], 1e-9);
	T_NEAR("route: straight: enters b through its top edge", 100, pts[3], 1e-9);
	T_NEAR("route: straight: on the line between the centres", 50 + 150 * (20.0 / 100), pts[0], 1e-9);
	/* facing away: round the far side */
	a.side = KH_SIDE_TOP;
	b.side = KH_SIDE_TOP;
	n = kh_route(&a, &b, 1, pts);
	T_OK("route: top to top goes above both", n == 4 && pts[3] < 0 && pts[5] < 0);
	T_INT("side: parse", KH_SIDE_RIGHT, kh_side_parse("right"));
	T_INT("side: empty is auto", KH_SIDE_AUTO, kh_side_parse(""));
	T_INT("side: unknown", -1, kh_side_parse("middle"));
}

static void test_arrow(void)
{
	kh_dl *dl = kh_dl_new();
	kh_dl_page *pg = kh_dl_add_page(dl, 100, 100);
	double pts[4] = {10, 50, 90, 50};
	kh_color black = {KH_COLOR_GRAY, {0}};
	kh_buf b = KH_BUF_INIT;
	kh_draw_arrow_path(dl, pg, pts, 2, black, 0.5, NULL, 0, KH_ARROW_END);
	kh_dl_dump(dl, &b);
	/* head 5pt long (3.5 + 3 * 0.5), the line stops 4pt short of the tip */
	T_STR("arrow: line stops inside the head, tip at the end point", "page 1 100.00x100.00\n"
	      "path fill none stroke gray(0) 0.50 M 10.00,50.00 L 86.00,50.00\n"
	      "path fill gray(0) stroke none M 90.00,50.00 L 85.00,51.90 L 85.00,48.10 Z\n",
	      kh_buf_cstr(&b));
	kh_buf_free(&b);
	kh_dl_drop(dl);
}

static void test_labels(void)
{
	double pts[4] = {50, 0, 50, 100}; /* a vertical line */
	kh_obstacles obs = {NULL, 0, 0};
	kh_rect r, bounds = {0, 0, 200, 100};
	T_OK("label: free space: placed", kh_label_place(pts, 2, 20, 10, &obs, NULL, &r));
	T_NEAR("label: beside the middle of the line (right)", 52, r.x, 1e-9);
	T_NEAR("label: centred on the middle (y)", 45, r.y, 1e-9);
	kh_obstacles_add(&obs, (kh_rect){52, 40, 10, 20}); /* on the right of the middle */
	T_OK("label: right taken: placed elsewhere", kh_label_place(pts, 2, 20, 10, &obs, NULL, &r));
	T_OK("label: ... on the left of the middle", r.x == 28 && r.y == 45);
	T_OK("label: ... overlapping nothing", !kh_rect_overlap(r, obs.r[0]));
	kh_obstacles_add(&obs, (kh_rect){0, 0, 200, 100});
	T_OK("label: no room anywhere: reported", !kh_label_place(pts, 2, 20, 10, &obs, &bounds, &r));
	kh_obstacles_free(&obs);
	T_OK("label: bounds respected", kh_label_place(pts, 2, 60, 10, &obs, &bounds, &r) && r.x >= 0 && r.x + r.w <= 200);
	T_OK("rect: touching is not overlapping", !kh_rect_overlap((kh_rect){0, 0, 10, 10}, (kh_rect){10, 0, 10, 10}));
}

/* ---- layouts through kh_build ---- */

static char dir[64];

static void write_file(const char *name, const char *text)
{
	char path[128];
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* Build layout text (as NAME.yaml in the temp dir) with --dump; returns the
 * dump (malloc'd) or NULL, and the exit status in *status. */
/* The dump without its role lines (test_roles reads them), in place. */
static char *drop_roles(char *d)
{
	char *w = d;
	if (!d)
		return NULL;
	for (const char *r = d; *r;) {
		const char *nl = strchr(r, '\n');
		size_t n = nl ? (size_t)(nl - r) + 1 : strlen(r);
		if (strncmp(r, "role ", 5) != 0) {
			memmove(w, r, n);
			w += n;
		}
		r += n;
	}
	*w = 0;
	return d;
}

static char *build_roles(const char *name, const char *yaml, int *status);

static char *build(const char *name, const char *yaml, int *status)
{
	return drop_roles(build_roles(name, yaml, status));
}

/* Build the layout yaml (check only) and return its dump, roles and all
 * (malloc'd; NULL when none was written). */
static char *build_roles(const char *name, const char *yaml, int *status)
{
	char lpath[128], dpath[128], opath[128];
	kh_build_opts o;
	char *data = NULL;
	size_t len;
	FILE *err = tmpfile();
	memset(&o, 0, sizeof o);
	snprintf(lpath, sizeof lpath, "%s/%s.yaml", dir, name);
	snprintf(dpath, sizeof dpath, "%s/%s.dump", dir, name);
	snprintf(opath, sizeof opath, "%s/%s.pdf", dir, name);
	write_file(strrchr(lpath, '/') + 1, yaml);
	o.layout = lpath;
	o.dump = dpath;
	o.output = opath;
	o.check_only = 1;
	kh_diag_reset();
	kh_diag_set_output(err);
	*status = kh_build(&o);
	kh_diag_set_output(NULL);
	if (err)
		fclose(err);
	if (kh_file_read(dpath, &data, &len) != 0)
		return NULL;
	return data;
}

static int count(const char *s, const char *what)
{
	int n = 0;
	for (const char *p = s; p && (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

static void test_layouts(void)
{
	int st;
	char *d;
	d = build("percent", "styles: { default: { font: IPAexGothic, size: 10pt } }\n"
	                     "masters: { default: { margins: 10mm } }\n"
	                     "pages:\n"
	                     "  - content:\n"
	                     "      - box: { width: 50%, height: 10mm, fill: \"#000000\" }\n"
	                     "      - box: { at: [25%, 50%], size: [50%, 10%], fill: \"#FF0000\" }\n"
	                     "      - box: { height: 10%, fill: \"#0000FF\" }\n",
	          &st);
	T_INT("layout: percent: builds", 0, st);
	/* A4 595.28 wide, margins 10mm (28.35): half the margin box is 269.29 */
	T_OK("layout: 50% of the margin box",
	     d && strstr(d, "path fill #000000 stroke none rect 28.35,28.35 269.29x28.35\n"));
	/* at 25%, 50% of the trim box; 50% x 10% of it */
	T_OK("layout: at and size in % of the page", d && strstr(d, "rect 148.82,420.94 297.64x84.19\n"));
	/* stacked: 10% of the margin box's height (841.89 - 2 x 28.35) */
	T_OK("layout: stacked height in % of the margin box", d && strstr(d, "#0000FF stroke none rect 28.35,56.69 538.58x78.52\n"));
	free(d);

	d = build("pages", "styles: { default: { font: IPAexGothic, size: 10pt, leading: 20pt } }\n"
	                   "masters: { default: { margins: [10mm, 10mm, 10mm, 10mm] } }\n"
	                   "document: { size: [100mm, 50mm] }\n"
	                   "pages:\n"
	                   "  - content:\n"
	                   "      - box: { height: 20mm, fill: \"#000000\" }\n"
	                   "      - box: { height: 20mm, fill: \"#000000\" }\n"
	                   "      - box: { height: 20mm, fill: \"#000000\" }\n",
	          &st);
	/* the content area is 30mm tall: one 20mm box a page */
	T_INT("layout: stacked boxes continue on new pages", 3, count(d, "page "));
	T_INT("layout: ... one box on each", 3, count(d, "rect 28.35,28.35 226.77x56.69"));
	free(d);

	write_file("five.csv", "n\n1\n2\n3\n4\n5\n");
	d = build("repeat-pages", "styles: { default: { font: IPAexGothic, size: 10pt } }\n"
	                          "masters: { default: { margins: 10mm } }\n"
	                          "document: { size: [100mm, 50mm] }\n"
	                          "data: { five: five.csv }\n"
	                          "pages:\n"
	                          "  - content:\n"
	                          "      - repeat: five\n"
	                          "        layout: grid\n"
	                          "        columns: 2\n"
	                          "        gap: 2mm\n"
	                          "        each:\n"
	                          "          box: { height: 12mm, fill: \"#000000\" }\n",
	          &st);
	/* 30mm of content a page: two grid rows of 12mm (with the 2mm gap) */
	T_INT("layout: repeat: grid rows continue on the next page", 2, count(d, "page "));
	T_INT("layout: ... all five copies", 5, count(d, "rect "));
	/* cells (80mm - 2mm) / 2 wide; the second row 12mm + 2mm below the first */
	T_INT("layout: ... two rows on the first page, the gap between", 2,
	      count(d, "rect 28.35,68.03 110.55x34.02\n") + count(d, "rect 144.57,68.03 110.55x34.02\n"));
	T_INT("layout: ... the third row at the top of the second", 1,
	      count(d, "page 2 283.46x141.73\npath fill #000000 stroke none rect 28.35,28.35 110.55x34.02\n"));
	free(d);

	d = build("folio", "styles: { default: { font: IPAexGothic, size: 10pt } }\n"
	                   "pages:\n"
	                   "  - content:\n"
	                   "      - text: \"p {page} of {pages}\"\n"
	                   "      - box: { height: 250mm }\n"
	                   "      - text: \"p {page} of {pages}\"\n"
	                   "  - content:\n"
	                   "      - text: \"p {page} of {pages}\"\n",
	          &st);
	T_INT("layout: {page} and {pages} in page content: builds", 0, st);
	T_INT("layout: ... the page each text is on, the count of all", 1,
	      count(d, "\"p 1 of 3\"\npage 2 595.28x841.89\ntext IPAexGothic 10.00 #000000 at 56.69,65.49 to 86.40 "
	               "\"p 2 of 3\"\npage 3 595.28x841.89\ntext IPAexGothic 10.00 #000000 at 56.69,65.49 to 86.40 \"p 3 of 3\"\n"));
	free(d);

	{
		/* a PNG header (300 x 200): check_only never hands it to the writer */
		static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
		                                    0, 0, 0x01, 0x2C, 0, 0, 0, 0xC8, 8, 2, 0, 0, 0};
		char path[128];
		FILE *f;
		snprintf(path, sizeof path, "%s/p.png", dir);
		if ((f = fopen(path, "wb"))) {
			fwrite(png, 1, sizeof png, f);
			fclose(f);
		}
	}
	d = build("image-sizes", "masters: { default: { margins: 10mm } }\n"
	                         "pages:\n"
	                         "  - content:\n"
	                         "      - image: p.png\n"
	                         "        height: 20mm\n"
	                         "      - image: p.png\n"
	                         "        width: 30mm\n"
	                         "      - image: p.png\n",
	          &st);
	T_INT("layout: images: build", 0, st);
	T_OK("layout: image with a height only: as wide as its proportions ask (30 x 20mm)",
	     d && strstr(d, "image ") && strstr(d, "p.png 28.35,28.35 85.04x56.69\n"));
	T_OK("layout: image with a width only: as tall (30 x 20mm), stacked under the first",
	     d && strstr(d, "p.png 28.35,85.04 85.04x56.69\n"));
	T_OK("layout: image with neither: the column's width", d && strstr(d, "p.png 28.35,141.73 538.58x359.06\n"));
	free(d);

	d = build("empty", "pages:\n  - content: []\n", &st);
	T_INT("layout: an empty page builds", 0, st);
	T_STR("layout: ... as one A4 page", "page 1 595.28x841.89\n", d ? d : "");
	free(d);

	d = build("overflow", "styles: { default: { font: IPAexGothic, size: 10pt } }\n"
	                      "pages:\n"
	                      "  - content:\n"
	                      "      - text: \"一二三四五六七八九十一二三四五六七八九十\"\n"
	                      "        size: [30mm, 5mm]\n",
	          &st);
	T_INT("layout: overflow fails the build", 1, st);
	T_OK("layout: ... and writes no dump", d == NULL);
	free(d);
}

/* The last baseline of the text lines starting at x (0 if none). */
static double last_baseline(const char *dump, double x)
{
	double last = 0;
	for (const char *l = dump; l && *l;) {
		const char *nl = strchr(l, '\n');
		double lx, ly;
		if (!strncmp(l, "text ", 5)) {
			const char *at = strstr(l, " at ");
			if (at && (!nl || at < nl) && sscanf(at, " at %lf,%lf", &lx, &ly) == 2 && lx > x - 0.01 && lx < x + 0.01)
				last = ly;
		}
		l = nl ? nl + 1 : NULL;
	}
	return last;
}

/* A flow of seven copies of para, then tail (its placement keys). */
static void flow7(char *yaml, size_t n, const char *para, const char *tail)
{
	snprintf(yaml, n, "styles: { default: { font: IPAexMincho, size: 9pt, leading: 14pt, align: justify, indent: 1em } }\n"
	         "pages:\n  - content:\n      - flow: [\"%s\", \"%s\", \"%s\", \"%s\", \"%s\", \"%s\", \"%s\"]\n"
	         "        paragraph-gap: 1mm\n%s", para, para, para, para, para, para, para, tail);
}

static void test_balance(void)
{
	static const char para[] = "厚生労働省は、社会保障、社会福祉、公衆衛生と働く環境の向上、雇用支援、人材育成という"
	                           "幅広い分野を所管する厚生労働省の特徴を活かした総合的・一体的な国際協力を行っています。";
	char yaml[4096];
	char *a, *b;
	int st1, st2;
	/* a flow in its own box over pages, paragraphs cut at the page breaks:
	 * balancing its one frame on the last page sets that page again from a
	 * paragraph's middle (no first-line indent there) and changes nothing */
	flow7(yaml, sizeof yaml, para,
	         "        at: [20mm, 20mm]\n        size: [80mm, 31mm]\n        balance: true\n");
	a = build("balance-own", yaml, &st1);
	flow7(yaml, sizeof yaml, para,
	         "        at: [20mm, 20mm]\n        size: [80mm, 31mm]\n");
	b = build("balance-own-not", yaml, &st2);
	T_INT("layout: balance: a flow over pages builds", 0, st1);
	T_OK("layout: balance: ... over more than two pages, a page starting mid-paragraph",
	     count(a, "page ") > 2 && a && strstr(a, "page 2 595.28x841.89\ntext IPAexMincho 9.00 #000000 at 56.69,"));
	T_OK("layout: balance: ... one frame balanced is the frame unbalanced", a && b && !strcmp(a, b));
	free(a);
	free(b);
	/* frames of different widths: the text set again in each trial ends
	 * within a line of the other column */
	flow7(yaml, sizeof yaml, para,
	         "        frames: [[20mm, 20mm, 60mm, 200mm], [90mm, 20mm, 40mm, 200mm]]\n        balance: true\n");
	a = build("balance-widths", yaml, &st1);
	T_INT("layout: balance: frames of two widths build", 0, st1);
	{
		double l1 = last_baseline(a, 56.69), l2 = last_baseline(a, 255.12);
		T_OK("layout: balance: ... both columns used", l1 > 0 && l2 > 0);
		T_OK("layout: balance: ... ending within a line (14pt and the 1mm gap) of each other",
		     l1 - l2 < 14 + 2.84 + 0.01 && l2 - l1 < 14 + 2.84 + 0.01);
		printf("# balance: columns end at %.2f and %.2f\n", l1, l2);
	}
	free(a);
}

/* Roles: what each item is in the document, and what paginating keeps
 * together (a heading with the start of what follows it). */
static void test_roles(void)
{
	int st;
	char *d = build_roles("roles", "styles: { default: { font: IPAexGothic, size: 10pt, leading: 14pt },\n"
	                               "          h1: { size: 20pt, leading: 24pt }, lead: { keep-with-next: true } }\n"
	                               "masters: { default: { margins: 10mm, content: [{ text: \"{page}\", at: [0, 0] }] } }\n"
	                               "document: { size: [100mm, 50mm] }\n"
	                               "pages:\n"
	                               "  - content:\n"
	                               "      - box: { height: 15mm }\n"
	                               "      - text: 見出し\n"
	                               "        style: h1\n"
	                               "      - list: [一, 二]\n"
	                               "      - text: 前置き\n"
	                               "        style: lead\n"
	                               "        role: caption\n"
	                               "      - text: 本文\n",
	                      &st);
	T_INT("roles: builds", 0, st);
	T_INT("roles: the master's folio is an artifact on both pages", 2, count(d, "role Artifact\ntext IPAexGothic 10.00"));
	/* 30mm of content: after the 15mm box, the heading (20pt) and one item
	 * fit; the heading stays with it, the second item starts page 2 */
	T_INT("roles: a style h1 is a heading of level 1, its first list item under it", 1,
	      count(d, "role H1 #2\ntext IPAexGothic 20.00 #000000 at 28.35,88.46 to 68.35 \"見出し\"\n"
	               "role LI #4 in #3 item 1\n"));
	T_INT("roles: ... the second item of the same list on page 2", 1,
	      count(d, "\"2\"\nrole LI #5 in #3 item 2\ntext IPAexGothic 10.00 #000000 at 28.35,37.15"));
	T_INT("roles: role: caption on the element, a paragraph by default", 1,
	      count(d, "role Caption #6\ntext IPAexGothic 10.00 #000000 at 28.35,51.15 to 48.35 \"前置き\"\nrole P #7\n"));
	free(d);
}

int main(void)
{
	snprintf(dir, sizeof dir, "/tmp/kh-test-layout.XXXXXX");
	test_image();
	test_dump();
	test_route();
	test_arrow();
	test_labels();
	if (mkdtemp(dir)) {
		test_layouts();
		test_balance();
		test_roles();
		{
			char cmd[128];
			snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
			if (system(cmd) != 0)
				printf("# could not remove %s\n", dir);
		}
	} else {
		printf("skip layouts: cannot make a temporary folder\n");
	}
	T_DONE();
}
