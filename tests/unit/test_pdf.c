/* test_pdf.c -- the PDF writer on hand-built display lists, checked with
 * qpdf, pdffonts, pdftotext, pdfinfo and pdfimages (skipped when absent). */
#define _GNU_SOURCE /* memmem */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "image.h"
#include "pdf.h"
#include "t.h"
#include "utf8.h"

/* a 4x4 half-transparent red PNG and an 8x8 baseline JPEG (ImageMagick) */
static const unsigned char png_data[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
  0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x04,
  0x08, 0x06, 0x00, 0x00, 0x00, 0xa9, 0xf1, 0x9e, 0x7e, 0x00, 0x00, 0x00,
  0x04, 0x67, 0x41, 0x4d, 0x41, 0x00, 0x00, 0xb1, 0x8f, 0x0b, 0xfc, 0x61,
  0x05, 0x00, 0x00, 0x00, 0x20, 0x63, 0x48, 0x52, 0x4d, 0x00, 0x00, 0x7a,
  0x26, 0x00, 0x00, 0x80, 0x84, 0x00, 0x00, 0xfa, 0x00, 0x00, 0x00, 0x80,
  0xe8, 0x00, 0x00, 0x75, 0x30, 0x00, 0x00, 0xea, 0x60, 0x00, 0x00, 0x3a,
  0x98, 0x00, 0x00, 0x17, 0x70, 0x9c, 0xba, 0x51, 0x3c, 0x00, 0x00, 0x00,
  0x06, 0x62, 0x4b, 0x47, 0x44, 0x00, 0xff, 0x00, 0xff, 0x00, 0xff, 0xa0,
  0xbd, 0xa7, 0x93, 0x00, 0x00, 0x00, 0x15, 0x49, 0x44, 0x41, 0x54, 0x08,
  0xd7, 0x63, 0xfc, 0xcf, 0xc0, 0x50, 0xcf, 0x80, 0x04, 0x98, 0x18, 0xd0,
  0x00, 0x61, 0x01, 0x00, 0x63, 0xd1, 0x01, 0x86, 0x0b, 0x0f, 0xcc, 0xed,
  0x00, 0x00, 0x00, 0x25, 0x74, 0x45, 0x58, 0x74, 0x64, 0x61, 0x74, 0x65,
  0x3a, 0x63, 0x72, 0x65, 0x61, 0x74, 0x65, 0x00, 0x32, 0x30, 0x32, 0x36,
  0x2d, 0x31, 0x31, 0x2d, 0x32, 0x35, 0x54, 0x31, 0x32, 0x3a, 0x31, 0x39,
  0x3a, 0x35, 0x31, 0x2b, 0x30, 0x30, 0x3a, 0x30, 0x30, 0x4c, 0xd2, 0x6f,
  0x5a, 0x00, 0x00, 0x00, 0x25, 0x74, 0x45, 0x58, 0x74, 0x64, 0x61, 0x74,
  0x65, 0x3a, 0x6d, 0x6f, 0x64, 0x69, 0x66, 0x79, 0x00, 0x32, 0x30, 0x32,
  0x36, 0x2d, 0x31, 0x31, 0x2d, 0x32, 0x35, 0x54, 0x31, 0x32, 0x3a, 0x31,
  0x39, 0x3a, 0x35, 0x31, 0x2b, 0x30, 0x30, 0x3a, 0x30, 0x30, 0x3d, 0x8f,
  0xd7, 0xe6, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42,
  0x60, 0x82
};
static const unsigned char jpg_data[] = {
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01,
  0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xdb, 0x00, 0x43,
  0x00, 0x06, 0x04, 0x05, 0x06, 0x05, 0x04, 0x06, 0x06, 0x05, 0x06, 0x07,
  0x07, 0x06, 0x08, 0x0a, 0x10, 0x0a, 0x0a, 0x09, 0x09, 0x0a, 0x14, 0x0e,
  0x0f, 0x0c, 0x10, 0x17, 0x14, 0x18, 0x18, 0x17, 0x14, 0x16, 0x16, 0x1a,
  0x1d, 0x25, 0x1f, 0x1a, 0x1b, 0x23, 0x1c, 0x16, 0x16, 0x20, 0x2c, 0x20,
  0x23, 0x26, 0x27, 0x29, 0x2a, 0x29, 0x19, 0x1f, 0x2d, 0x30, 0x2d, 0x28,
  0x30, 0x25, 0x28, 0x29, 0x28, 0xff, 0xdb, 0x00, 0x43, 0x01, 0x07, 0x07,
  0x07, 0x0a, 0x08, 0x0a, 0x13, 0x0a, 0x0a, 0x13, 0x28, 0x1a, 0x16, 0x1a,
  0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28,
  0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28,
  0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28,
  0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28,
  0x28, 0x28, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x08, 0x00, 0x08, 0x03,
  0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xff, 0xc4, 0x00,
  0x15, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x07, 0xff, 0xc4, 0x00, 0x16,
  0x10, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x15, 0x62, 0xff, 0xc4, 0x00, 0x15,
  0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x07, 0xff, 0xc4, 0x00, 0x19, 0x11,
  0x00, 0x01, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x16, 0x53, 0x91, 0xf0, 0xff, 0xda,
  0x00, 0x0c, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3f, 0x00,
  0x8d, 0xd9, 0xd0, 0x0a, 0xd3, 0x35, 0x26, 0x3d, 0x43, 0x2e, 0xc5, 0x39,
  0x35, 0x9f, 0xff, 0xd9
};

static char tmpdir[256];
static int have(const char *tool)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", tool);
	return system(cmd) == 0;
}

/* Run a shell command, return its output (malloc'd) and exit status. */
static char *run(const char *cmd, int *status)
{
	FILE *p = popen(cmd, "r");
	kh_buf b = KH_BUF_INIT;
	char tmp[4096];
	size_t n;
	int st;
	if (!p) {
		*status = -1;
		return kh_xstrdup("");
	}
	while ((n = fread(tmp, 1, sizeof tmp, p)) > 0)
		kh_buf_add(&b, tmp, n);
	st = pclose(p);
	*status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	kh_buf_puts(&b, "");
	return kh_buf_detach(&b);
}

static char *path_in(const char *name)
{
	return kh_path_join(tmpdir, name);
}

static void write_file(const char *path, const unsigned char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	fwrite(data, 1, len, f);
	fclose(f);
}

static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;
	if (!d)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

/* One line of text: glyphs at their advances (+ kerning, + extra spacing). */
static kh_dl_text *line(kh_dl *dl, kh_dl_page *pg, kh_font *f, double size, double x, double y,
                        const char *s, double extra)
{
	uint32_t *cps;
	size_t n = kh_utf8_decode_all(s, strlen(s), &cps);
	kh_color black = {KH_COLOR_RGB, {0, 0, 0, 0}};
	kh_dl_text *t = kh_dl_text_begin(dl, pg, f, size, black, x, y, (int)n, strlen(s));
	double pen = 0;
	for (size_t i = 0, at = 0; i < n; i++) {
		unsigned gid;
		char u[4];
		int k = kh_utf8_encode(cps[i], u);
		kh_font_glyph(f, cps[i], 0, &gid);
		kh_dl_text_glyph(t, gid, pen, 0, s + at, (size_t)k);
		at += (size_t)k;
		if (i + 1 < n)
			pen += kh_font_advance(f, cps[i], size) + extra + kh_font_kern(f, cps[i], cps[i + 1], size);
	}
	free(cps);
	return t;
}

static const char *const lines[] = {
	"厚生労働省の国際協力",
	"日本語の組版、「かぎ括弧」（丸括弧）・中黒…と三点リーダー。",
	"和欧混植 Japanese text 2003（平成15）年",
	"AVATAR Wave, Typography: fine—“quotes” & 100%.",
	"ゴシック体の見出し ABC",
	"「社会保障」、「社会福祉」と、「雇用支援」",
};

/* A line set with 追い込み: the blank halves of 」、「 squeezed out, so each
 * glyph's box overlaps its neighbour's (extractors then need /ActualText). */
static kh_dl_text *squeezed(kh_dl *dl, kh_dl_page *pg, kh_font *f, double size, double x, double y,
                            const char *utf8)
{
	kh_dl_text *t = line(dl, pg, f, size, x, y, utf8, 0);
	double shift = 0;
	for (int i = 0; i < t->n; i++) {
		uint32_t c;
		kh_utf8_decode(t->text + t->glyphs[i].cluster, 4, &c);
		if (c == 0x300C && i > 0)
			shift -= size / 2; /* 「 after something: its blank half goes */
		t->glyphs[i].x += (float)shift;
		if (c == 0x300D || c == 0x3001)
			shift -= size / 2; /* 」、: their blank half goes */
	}
	return t;
}

static kh_dl *sample(kh_fonts *fs, int with_images)
{
	kh_font *m = kh_fonts_lookup(fs, "IPAexMincho", NULL, KH_NOLOC);
	kh_font *g = kh_fonts_lookup(fs, "IPAexGothic", NULL, KH_NOLOC);
	kh_font *l = kh_fonts_lookup(fs, "Liberation Serif", NULL, KH_NOLOC);
	kh_dl *dl = kh_dl_new();
	kh_dl_page *pg = kh_dl_add_page(dl, 595.2756 + 2 * 8.5039, 841.8898 + 2 * 8.5039);
	kh_color red = {KH_COLOR_RGB, {1, 0, 0, 0}}, none = {KH_COLOR_NONE, {0}};
	kh_color cyan = {KH_COLOR_CMYK, {1, 0, 0, 0}}, grey = {KH_COLOR_GRAY, {0.5, 0, 0, 0}};
	kh_dl_path *p;
	pg->bleed = 8.5039;
	dl->title = "厚生労働省の国際協力";
	dl->author = "Ünïcode Author";
	dl->lang = "ja";
	line(dl, pg, m, 20, 60, 100, lines[0], 0)->color = grey;
	line(dl, pg, m, 10, 60, 140, lines[1], 0.5); /* justified: constant spacing */
	line(dl, pg, m, 10, 60, 170, lines[2], 0);
	line(dl, pg, l, 12, 60, 200, lines[3], 0);   /* kerned */
	line(dl, pg, g, 14, 60, 240, lines[4], 0)->color = cyan;
	squeezed(dl, pg, m, 10, 60, 270, lines[5]);
	p = kh_dl_rect(dl, pg, 50, 80, 400, 180, 6, none, red, 0.75);
	p->ndash = 2;
	p->dash[0] = 3.5;
	p->dash[1] = 1.25;
	kh_dl_rect(dl, pg, 50, 300, 100, 50, 0, cyan, none, 0);
	if (with_images) {
		kh_dl_image *im = &kh_dl_add(dl, pg, KH_DL_IMAGE)->u.image;
		im->path = kh_arena_printf(dl->arena, "%s/a.png", tmpdir);
		im->x = 200, im->y = 300, im->w = 80, im->h = 80;
		im = &kh_dl_add(dl, pg, KH_DL_IMAGE)->u.image;
		im->path = kh_arena_printf(dl->arena, "%s/b.jpg", tmpdir);
		im->x = 300, im->y = 300, im->w = 120, im->h = 120;
		im->clipped = 1;
		im->clip_x = 310, im->clip_y = 310, im->clip_w = 100, im->clip_h = 60;
		im = &kh_dl_add(dl, pg, KH_DL_IMAGE)->u.image; /* the same file again: loaded once */
		im->path = kh_arena_printf(dl->arena, "%s/a.png", tmpdir);
		im->x = 450, im->y = 300, im->w = 40, im->h = 40;
	}
	return dl;
}

static void check_tools(const char *pdf)
{
	char cmd[1024], *out, *p;
	int st, nfonts = 0, good = 0;
	kh_buf exp = KH_BUF_INIT;

	if (!have("qpdf") || !have("pdffonts") || !have("pdftotext") || !have("pdfinfo")) {
		printf("skip pdf: external checks: qpdf or poppler-utils not installed\n");
		return;
	}
	snprintf(cmd, sizeof cmd, "qpdf --check '%s' 2>&1", pdf);
	out = run(cmd, &st);
	T_INT("pdf: qpdf --check passes", 0, st);
	free(out);

	snprintf(cmd, sizeof cmd, "pdffonts '%s' 2>&1 | tail -n +3", pdf);
	out = run(cmd, &st);
	for (p = out; *p; p = strchr(p, '\n') + 1) {
		char name[256], type1[64], type2[64], enc[64], emb[8], sub[8], uni[8];
		if (sscanf(p, "%255s %63s %63s %63s %7s %7s %7s", name, type1, type2, enc, emb, sub, uni) == 7) {
			nfonts++;
			if (!strcmp(emb, "yes") && !strcmp(sub, "yes") && !strcmp(uni, "yes") && strchr(name, '+') &&
			    strchr(name, '+') - name == 6)
				good++;
		}
		if (!strchr(p, '\n'))
			break;
	}
	T_INT("pdf: pdffonts lists three fonts", 3, nfonts);
	T_INT("pdf: every font embedded, subset (ABCDEF+), with Unicode map", 3, good);
	free(out);

	snprintf(cmd, sizeof cmd, "pdftotext '%s' - 2>&1 | grep -c 'Syntax'", pdf);
	out = run(cmd, &st);
	T_STR("pdf: pdftotext prints no Syntax warning", "0\n", out);
	free(out);

	/* the text, exactly (blank lines and the form feed dropped) */
	snprintf(cmd, sizeof cmd, "pdftotext '%s' - 2>/dev/null | tr -d '\\f' | grep -v '^$'", pdf);
	out = run(cmd, &st);
	for (size_t i = 0; i < KH_COUNT(lines); i++)
		kh_buf_printf(&exp, "%s\n", lines[i]);
	T_STR("pdf: pdftotext recovers the text exactly (squeezed punctuation too)", exp.s, out);
	free(out);
	kh_buf_free(&exp);

	/* a second reader of the ToUnicode map: Ghostscript (whitespace ignored).
	 * Its txtwrite ignores /ActualText and drops a glyph drawn over another,
	 * so the squeezed last line is left out here. */
	if (have("gs")) {
		kh_buf all = KH_BUF_INIT;
		for (size_t i = 0; i + 1 < KH_COUNT(lines); i++)
			for (const char *c = lines[i]; *c; c++)
				if (*c != ' ')
					kh_buf_putc(&all, *c);
		snprintf(cmd, sizeof cmd,
		         "gs -q -dNOPAUSE -dBATCH -sDEVICE=txtwrite -sOutputFile=- '%s' 2>&1 | tr -d ' \\r\\n'", pdf);
		out = run(cmd, &st);
		if (strlen(out) > all.len)
			out[all.len] = 0; /* the squeezed line follows */
		T_STR("pdf: Ghostscript extracts the same text", all.s, out);
		free(out);
		kh_buf_free(&all);
	} else {
		printf("skip pdf: Ghostscript text extraction: gs not installed\n");
	}

	snprintf(cmd, sizeof cmd, "pdfinfo -box '%s' | grep -E '^(Title|Author|MediaBox|TrimBox|BleedBox):'", pdf);
	out = run(cmd, &st);
	T_STR("pdf: info and page boxes",
	      "Title:           厚生労働省の国際協力\n"
	      "Author:          Ünïcode Author\n"
	      "MediaBox:            0.00     0.00   612.28   858.90\n"
	      "BleedBox:            0.00     0.00   612.28   858.90\n"
	      "TrimBox:             8.50     8.50   603.78   850.39\n",
	      out);
	free(out);

}

/* The four numbers after key in an uncompressed PDF. */
static int box(const unsigned char *pdf, size_t len, const char *key, double v[4])
{
	size_t kl = strlen(key);
	for (size_t i = 0; i + kl < len; i++)
		if (memcmp(pdf + i, key, kl) == 0) {
			char tmp[128];
			size_t n = len - i - kl < sizeof tmp - 1 ? len - i - kl : sizeof tmp - 1;
			memcpy(tmp, pdf + i + kl, n);
			tmp[n] = 0;
			return sscanf(tmp, " [ %lf %lf %lf %lf", &v[0], &v[1], &v[2], &v[3]) == 4;
		}
	return 0;
}

/* ---- pictures: every PNG colour type, JPEG kinds, damaged files ---- */

#define IMGDIR "tests/data/images/"

/* tests/data/images/make.sh: 8x6 pixels, four 4x3 quadrants; the values
 * at the quadrant centres (2,1) (6,1) (2,4) (6,4) as stored in the file
 * (the colour under alpha 0 included). */
static const struct png_case {
	const char *file;
	int gray;
	int color[4][3]; /* grey: [i][0] */
	int alpha[4];    /* alpha[0] = -1: no alpha plane */
} png_cases[] = {
	{"gray1.png", 1, {{0}, {255}, {0}, {255}}, {-1}},
	{"gray8.png", 1, {{54}, {182}, {18}, {200}}, {-1}},
	{"gray16.png", 1, {{54}, {182}, {18}, {200}}, {-1}},
	{"gray8-trns.png", 1, {{54}, {182}, {18}, {200}}, {255, 255, 0, 255}},
	{"graya8.png", 1, {{54}, {182}, {18}, {200}}, {255, 128, 0, 255}},
	{"rgb8.png", 0, {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {200, 200, 200}}, {-1}},
	{"rgb16.png", 0, {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {200, 200, 200}}, {-1}},
	{"rgb8-interlaced.png", 0, {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {200, 200, 200}}, {-1}},
	{"rgb8-trns.png", 0, {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {200, 200, 200}}, {255, 255, 0, 255}},
	{"rgba8.png", 0, {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {200, 200, 200}}, {255, 128, 0, 255}},
	{"rgba16.png", 0, {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {200, 200, 200}}, {255, 128, 0, 255}},
	{"rgba16-interlaced.png", 0, {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {200, 200, 200}}, {255, 128, 0, 255}},
	{"rgba8-opaque.png", 0, {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {200, 200, 200}}, {-1}},
	{"palette.png", 0, {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {200, 200, 200}}, {-1}},
	{"palette-trns.png", 0, {{255, 0, 0}, {0, 255, 0}, {255, 255, 255}, {200, 200, 200}}, {255, 255, 0, 255}},
};

static unsigned char *slurp(const char *path, size_t *n)
{
	char *d;
	if (kh_file_read(path, &d, n) < 0) {
		*n = 0;
		return NULL;
	}
	return (unsigned char *)d;
}

/* One 80 x 60 pt page with path drawn over all of it. */
static kh_dl *one_image(const char *path)
{
	kh_dl *dl = kh_dl_new();
	kh_dl_page *pg = kh_dl_add_page(dl, 80, 60);
	kh_dl_image *im = &kh_dl_add(dl, pg, KH_DL_IMAGE)->u.image;
	im->path = kh_arena_strdup(dl->arena, path);
	im->w = 80;
	im->h = 60;
	return dl;
}

static int qpdf_ok(const char *pdf)
{
	char cmd[600], *out;
	int st;
	snprintf(cmd, sizeof cmd, "qpdf --check '%s' 2>&1", pdf);
	out = run(cmd, &st);
	free(out);
	return st == 0;
}

/* pdfimages -list, columns type width height color comp bpc enc. */
static char *image_list(const char *pdf)
{
	char cmd[600];
	int st;
	snprintf(cmd, sizeof cmd, "pdfimages -list '%s' | tail -n +3 | awk '{print $3, $4, $5, $6, $7, $8, $9}'", pdf);
	return run(cmd, &st);
}

/* The first len bytes of the pixel at (x, y) of a P6 PPM file (0-255). */
static int ppm_pixel(const char *path, int x, int y, int rgb[3])
{
	size_t n;
	unsigned char *d = slurp(path, &n);
	int w, h, max, off, ok = 0;
	if (d && sscanf((char *)d, "P6 %d %d %d%n", &w, &h, &max, &off) == 3 && max == 255 && x < w && y < h) {
		size_t at = (size_t)off + 1 + ((size_t)y * (size_t)w + (size_t)x) * 3;
		if (at + 3 <= n) {
			for (int i = 0; i < 3; i++)
				rgb[i] = d[at + i];
			ok = 1;
		}
	}
	free(d);
	return ok;
}

static void test_png_case(kh_fonts *fs, const struct png_case *c, int tools)
{
	char name[200], path[300], *pdf, *exp, *got;
	unsigned char *data;
	size_t n;
	kh_pixels px;
	const char *why;
	kh_image_format fmt = 0;
	int w = 0, h = 0, ok = 1;
	static const int pts[4][2] = {{2, 1}, {6, 1}, {2, 4}, {6, 4}};
	kh_dl *dl;

	snprintf(path, sizeof path, IMGDIR "%s", c->file);
	snprintf(name, sizeof name, "pdf: %s: probed as an 8x6 PNG", c->file);
	T_OK(name, kh_image_probe(path, &fmt, &w, &h) == KH_IMG_OK && fmt == KH_IMG_PNG && w == 8 && h == 6);

	data = slurp(path, &n);
	why = data ? kh_png_decode(data, n, &px) : "missing";
	snprintf(name, sizeof name, "pdf: %s: decoded", c->file);
	T_STR(name, "(none)", why ? why : "(none)");
	free(data);
	if (why)
		return;
	snprintf(name, sizeof name, "pdf: %s: size and colour space", c->file);
	T_OK(name, px.width == 8 && px.height == 6 && px.gray == c->gray);
	for (int i = 0; i < 4; i++) {
		size_t k = (size_t)pts[i][1] * 8 + (size_t)pts[i][0];
		for (int ch = 0; ch < (c->gray ? 1 : 3); ch++)
			ok &= px.color[k * (c->gray ? 1 : 3) + (size_t)ch] == c->color[i][ch];
		if (c->alpha[0] >= 0)
			ok &= px.alpha && px.alpha[k] == c->alpha[i];
	}
	snprintf(name, sizeof name, "pdf: %s: samples at the quadrant centres", c->file);
	T_OK(name, ok);
	snprintf(name, sizeof name, "pdf: %s: %s", c->file, c->alpha[0] >= 0 ? "an alpha plane" : "no alpha plane");
	T_OK(name, (px.alpha != NULL) == (c->alpha[0] >= 0));

	/* placed in a PDF: valid, version 1.4, the samples exactly as decoded */
	dl = one_image(path);
	snprintf(name, sizeof name, "pdf: %s: placed", c->file);
	snprintf(path, sizeof path, "%s.pdf", c->file);
	pdf = path_in(path);
	T_INT(name, 0, kh_pdf_write(dl, fs, pdf, NULL));
	kh_dl_drop(dl);
	data = slurp(pdf, &n);
	snprintf(name, sizeof name, "pdf: %s: header says PDF-1.4", c->file);
	T_OK(name, data && n > 8 && memcmp(data, "%PDF-1.4", 8) == 0);
	snprintf(name, sizeof name, "pdf: %s: samples deflated with PNG prediction", c->file);
	T_OK(name, data && memmem(data, n, "/Predictor 15", 13) && memmem(data, n, "/Filter /FlateDecode", 20));
	free(data);
	if (tools) {
		snprintf(name, sizeof name, "pdf: %s: qpdf --check passes", c->file);
		T_OK(name, qpdf_ok(pdf));
		exp = kh_xmalloc(200);
		snprintf(exp, 200, "image 8 6 %s %d 8 image\n%s", c->gray ? "gray" : "rgb", c->gray ? 1 : 3,
		         c->alpha[0] >= 0 ? "smask 8 6 gray 1 8 image\n" : "");
		got = image_list(pdf);
		snprintf(name, sizeof name, "pdf: %s: pdfimages -list", c->file);
		T_STR(name, exp, got);
		free(exp);
		free(got);
		{
			/* pdfimages -png writes the samples back out: compare with ours */
			char cmd[900], *prefix = path_in("x"), *one;
			int st;
			kh_pixels back;
			snprintf(cmd, sizeof cmd, "rm -f '%s'-*.png; pdfimages -png '%s' '%s' 2>&1", prefix, pdf, prefix);
			free(run(cmd, &st));
			snprintf(cmd, sizeof cmd, "%s-000.png", prefix);
			data = slurp(cmd, &n);
			why = data ? kh_png_decode(data, n, &back) : "not extracted";
			free(data);
			snprintf(name, sizeof name, "pdf: %s: the PDF holds the decoded samples", c->file);
			T_OK(name, !why && back.width == 8 && back.height == 6 && back.gray == px.gray &&
			     memcmp(back.color, px.color, 8 * 6 * (px.gray ? 1 : 3)) == 0);
			if (!why)
				kh_pixels_free(&back);
			if (px.alpha) {
				snprintf(cmd, sizeof cmd, "%s-001.png", prefix);
				data = slurp(cmd, &n);
				why = data ? kh_png_decode(data, n, &back) : "not extracted";
				free(data);
				snprintf(name, sizeof name, "pdf: %s: the soft mask holds the alpha", c->file);
				T_OK(name, !why && back.gray && memcmp(back.color, px.alpha, 8 * 6) == 0);
				if (!why)
					kh_pixels_free(&back);
			}
			one = prefix;
			free(one);
		}
	}
	free(pdf);
	kh_pixels_free(&px);
}

/* kh_png_deflate undone by hand: inflate, then each row's filter reversed. */
static void test_png_deflate(void)
{
	enum { W = 37, H = 23 };
	static const int comps[] = {1, 3, 4};
	for (size_t k = 0; k < KH_COUNT(comps); k++) {
		int bpp = comps[k], ok = 1, kinds = 0;
		size_t stride = (size_t)W * (size_t)bpp, zlen;
		unsigned char *s = kh_xmalloc(stride * H), *z, *raw = kh_xmalloc((stride + 1) * H), *back = kh_xmalloc(stride * H);
		uLongf rawlen = (uLongf)((stride + 1) * H);
		char name[100];
		/* smooth areas, noise and flat runs, so that several filters win */
		for (size_t y = 0; y < H; y++)
			for (size_t i = 0; i < stride; i++)
				s[y * stride + i] = (unsigned char)(y < 8 ? i * 3 + y * 5 : y < 16 ? (i * 7919 + y * 104729) % 251 : 200);
		z = kh_png_deflate(s, W, H, bpp, &zlen);
		ok = uncompress(raw, &rawlen, z, (uLong)zlen) == Z_OK && rawlen == (stride + 1) * H;
		for (size_t y = 0; ok && y < H; y++) {
			const unsigned char *f = raw + y * (stride + 1) + 1;
			unsigned char *r = back + y * stride, *up = y ? r - stride : NULL;
			int type = raw[y * (stride + 1)];
			kinds |= 1 << type;
			for (size_t i = 0; i < stride; i++) {
				int a = i >= (size_t)bpp ? r[i - (size_t)bpp] : 0, b = up ? up[i] : 0;
				int c = up && i >= (size_t)bpp ? up[i - (size_t)bpp] : 0, p = a + b - c, pred;
				switch (type) {
				case 0: pred = 0; break;
				case 1: pred = a; break;
				case 2: pred = b; break;
				case 3: pred = (a + b) / 2; break;
				case 4: pred = abs(p - a) <= abs(p - b) && abs(p - a) <= abs(p - c) ? a : abs(p - b) <= abs(p - c) ? b : c; break;
				default: pred = 0; ok = 0;
				}
				r[i] = (unsigned char)(f[i] + pred);
			}
		}
		snprintf(name, sizeof name, "pdf: kh_png_deflate, %d components: rows come back exactly", bpp);
		T_OK(name, ok && memcmp(back, s, stride * H) == 0);
		snprintf(name, sizeof name, "pdf: kh_png_deflate, %d components: more than one filter used", bpp);
		T_OK(name, (kinds & (kinds - 1)) != 0);
		free(s);
		free(z);
		free(raw);
		free(back);
	}
}

/* Append one PNG chunk. */
static void chunk(kh_buf *b, const char *type, const unsigned char *data, size_t len)
{
	unsigned char hdr[8], crc[4];
	uLong c = crc32(0, (const Bytef *)type, 4);
	if (len)
		c = crc32(c, data, (uInt)len);
	hdr[0] = (unsigned char)(len >> 24), hdr[1] = (unsigned char)(len >> 16);
	hdr[2] = (unsigned char)(len >> 8), hdr[3] = (unsigned char)len;
	memcpy(hdr + 4, type, 4);
	crc[0] = (unsigned char)(c >> 24), crc[1] = (unsigned char)(c >> 16);
	crc[2] = (unsigned char)(c >> 8), crc[3] = (unsigned char)c;
	kh_buf_add(b, hdr, 8);
	kh_buf_add(b, data, len);
	kh_buf_add(b, crc, 4);
}

/* A 16x16 RGB PNG whose IDAT is zlib data of `rows` rows, every checksum
 * right; damage = 1 flips bits inside the deflate stream (CRC recomputed);
 * critical = an extra critical chunk type before IDAT. */
static void crafted_png(const char *path, int rows, int damage, const char *critical)
{
	unsigned char ihdr[13] = {0, 0, 0, 16, 0, 0, 0, 16, 8, 2, 0, 0, 0};
	unsigned char raw[16 * (1 + 16 * 3)], z[2048];
	uLongf zlen = sizeof z;
	kh_buf b = KH_BUF_INIT;
	for (size_t i = 0; i < sizeof raw; i++)
		raw[i] = i % 49 == 0 ? 0 : (unsigned char)(i * 7);
	compress(z, &zlen, raw, (uLong)rows * (1 + 16 * 3));
	if (damage)
		for (uLongf i = 2; i + 4 < zlen; i++)
			z[i] ^= 0x5A;
	kh_buf_add(&b, "\x89PNG\r\n\x1a\n", 8);
	chunk(&b, "IHDR", ihdr, sizeof ihdr);
	if (critical)
		chunk(&b, critical, (const unsigned char *)"x", 1);
	chunk(&b, "IDAT", z, zlen);
	chunk(&b, "IEND", NULL, 0);
	write_file(path, (const unsigned char *)b.s, b.len);
	kh_buf_free(&b);
}

/* path gets the JPEG from data with segment marker `drop` (0: none) left out
 * and then only the first `keep` bytes (0: all). */
static void jpeg_variant(const char *path, const unsigned char *d, size_t n, int drop, size_t keep)
{
	kh_buf b = KH_BUF_INIT;
	size_t i = 2;
	kh_buf_add(&b, d, 2);
	while (i + 4 <= n && d[i] == 0xFF && d[i + 1] != 0xDA) {
		size_t len = 2 + ((size_t)d[i + 2] << 8 | d[i + 3]);
		if (d[i + 1] != drop)
			kh_buf_add(&b, d + i, len);
		i += len;
	}
	kh_buf_add(&b, d + i, n - i);
	write_file(path, (const unsigned char *)b.s, keep && keep < b.len ? keep : b.len);
	kh_buf_free(&b);
}

/* Offset of the first SOF0 segment's marker (or 0). */
static size_t sof_at(const unsigned char *d, size_t n)
{
	for (size_t i = 2; i + 1 < n; i++)
		if (d[i] == 0xFF && d[i + 1] == 0xC0)
			return i;
	return 0;
}

static void test_jpegs(kh_fonts *fs, int tools)
{
	static const struct {
		const char *file, *list;
	} cases[] = {
		{"rgb.jpg", "image 8 6 rgb 3 8 jpeg\n"},
		{"gray.jpg", "image 8 6 gray 1 8 jpeg\n"},
		{"progressive.jpg", "image 8 6 rgb 3 8 jpeg\n"},
		{"cmyk.jpg", "image 8 6 cmyk 4 8 jpeg\n"},
	};
	char name[200], path[300], *pdf, *got;
	unsigned char *data, *d2;
	size_t n, n2;
	kh_dl *dl;
	kh_pdf_opts plain = {0, 0, 0};

	for (size_t c = 0; c < KH_COUNT(cases); c++) {
		kh_image_format fmt = 0;
		int w = 0, h = 0;
		snprintf(path, sizeof path, IMGDIR "%s", cases[c].file);
		snprintf(name, sizeof name, "pdf: %s: probed as an 8x6 JPEG", cases[c].file);
		T_OK(name, kh_image_probe(path, &fmt, &w, &h) == KH_IMG_OK && fmt == KH_IMG_JPEG && w == 8 && h == 6);
		dl = one_image(path);
		snprintf(name, sizeof name, "%s.pdf", cases[c].file);
		pdf = path_in(name);
		snprintf(name, sizeof name, "pdf: %s: placed", cases[c].file);
		T_INT(name, 0, kh_pdf_write(dl, fs, pdf, NULL));
		kh_dl_drop(dl);
		if (tools) {
			char cmd[900], *prefix = path_in("j");
			int st;
			snprintf(name, sizeof name, "pdf: %s: qpdf --check passes", cases[c].file);
			T_OK(name, qpdf_ok(pdf));
			got = image_list(pdf);
			snprintf(name, sizeof name, "pdf: %s: pdfimages -list", cases[c].file);
			T_STR(name, cases[c].list, got);
			free(got);
			/* embedded unchanged: pdfimages -j gives the file back */
			snprintf(cmd, sizeof cmd, "rm -f '%s'-*; pdfimages -j '%s' '%s' 2>&1", prefix, pdf, prefix);
			free(run(cmd, &st));
			snprintf(cmd, sizeof cmd, "%s-000.jpg", prefix);
			data = slurp(path, &n);
			d2 = slurp(cmd, &n2);
			snprintf(name, sizeof name, "pdf: %s: embedded byte for byte", cases[c].file);
			T_OK(name, data && d2 && n == n2 && memcmp(data, d2, n) == 0);
			free(data);
			free(d2);
			free(prefix);
		}
		free(pdf);
	}

	/* CMYK from ImageMagick carries Adobe's APP14 (stored inverted): the
	 * Decode array puts it right; rendered, the red quadrant is red */
	data = slurp(IMGDIR "cmyk.jpg", &n);
	dl = one_image(IMGDIR "cmyk.jpg");
	T_INT("pdf: cmyk.jpg: uncompressed render", 0, kh_pdf_render(dl, fs, &plain, &d2, &n2));
	T_OK("pdf: cmyk.jpg (Adobe): Decode [1 0 1 0 1 0 1 0]", memmem(d2, n2, "/Decode [ 1 0 1 0 1 0 1 0 ]", 27) != NULL);
	free(d2);
	kh_dl_drop(dl);
	if (tools && have("pdftoppm")) {
		char cmd[900], *prefix = path_in("r"), *ppm = path_in("r.ppm");
		int st, rgb[3] = {0, 0, 0};
		pdf = path_in("cmyk.jpg.pdf");
		snprintf(cmd, sizeof cmd, "pdftoppm -r 72 -singlefile '%s' '%s' 2>&1", pdf, prefix);
		free(run(cmd, &st));
		T_OK("pdf: cmyk.jpg: rendered, the red quadrant is red",
		     ppm_pixel(ppm, 20, 15, rgb) && rgb[0] > 200 && rgb[1] < 80 && rgb[2] < 80);
		free(pdf);
		free(prefix);
		free(ppm);
	} else {
		printf("skip pdf: cmyk.jpg rendering: pdftoppm not installed\n");
	}
	/* the same without APP14: plain CMYK, no Decode array */
	pdf = path_in("cmyk-plain.jpg");
	jpeg_variant(pdf, data, n, 0xEE, 0);
	dl = one_image(pdf);
	T_INT("pdf: CMYK JPEG without APP14: placed", 0, kh_pdf_render(dl, fs, &plain, &d2, &n2));
	T_OK("pdf: CMYK JPEG without APP14: no Decode array", d2 && memmem(d2, n2, "/Decode", 7) == NULL);
	free(d2);
	kh_dl_drop(dl);
	free(pdf);
	free(data);
}

/* Each damaged file alone: the exact message, no PDF. */
static void bad_image(kh_fonts *fs, const char *file, const char *what, const char *tname)
{
	char *path = path_in(file), *pdf = path_in("bad.pdf"), *exp;
	kh_dl *dl = one_image(path);
	char name[200];
	exp = kh_xmalloc(strlen(path) + strlen(what) + 100);
	sprintf(exp, "%s: error: cannot read image: %s\n", path, what);
	t_capture_begin();
	snprintf(name, sizeof name, "pdf: %s: refused", tname);
	T_INT(name, -1, kh_pdf_write(dl, fs, pdf, NULL));
	snprintf(name, sizeof name, "pdf: %s: message", tname);
	T_STR(name, exp, t_capture_end());
	snprintf(name, sizeof name, "pdf: %s: no PDF written", tname);
	T_OK(name, access(pdf, F_OK) != 0);
	free(exp);
	free(path);
	free(pdf);
	kh_dl_drop(dl);
}

static void test_damaged(kh_fonts *fs)
{
	unsigned char *d;
	size_t n, at;
	char *p;

	/* every checksum right, the deflate stream damaged: libharu let libpng
	 * abort() the process on this one */
	p = path_in("zlib-damaged.png");
	crafted_png(p, 16, 1, NULL);
	free(p);
	bad_image(fs, "zlib-damaged.png", "the compressed image data is damaged", "PNG with damaged zlib data");
	p = path_in("few-rows.png");
	crafted_png(p, 5, 0, NULL);
	free(p);
	bad_image(fs, "few-rows.png", "the compressed image data is damaged", "PNG with 5 of 16 rows");
	p = path_in("all-rows.png");
	crafted_png(p, 16, 0, NULL);
	{
		kh_pixels px;
		d = slurp(p, &n);
		T_OK("pdf: the crafted PNG undamaged decodes (control)", d && !kh_png_decode(d, n, &px) && px.width == 16);
		kh_pixels_free(&px);
		free(d);
	}
	free(p);
	p = path_in("critical.png");
	crafted_png(p, 16, 0, "ZZZZ");
	free(p);
	bad_image(fs, "critical.png", "the PNG uses a critical chunk kumihan does not know", "PNG with an unknown critical chunk");

	d = slurp(IMGDIR "rgb8.png", &n);
	if (d) {
		p = path_in("crc.png");
		d[n - 20] ^= 1; /* inside IDAT, its CRC left as it was */
		write_file(p, d, n);
		free(p);
		bad_image(fs, "crc.png", "the file is damaged (a checksum does not match)", "PNG with a wrong CRC");
		p = path_in("short.png");
		write_file(p, d, n - 14);
		free(p);
		bad_image(fs, "short.png", "the file is cut short", "PNG without IEND");
		free(d);
	}

	d = slurp(IMGDIR "rgb.jpg", &n);
	at = d ? sof_at(d, n) : 0;
	T_OK("pdf: rgb.jpg has a SOF0 segment", at > 0);
	if (at) {
		kh_image_format fmt;
		int w, h;
		p = path_in("cut.jpg");
		jpeg_variant(p, d, n, 0, n - 40);
		free(p);
		bad_image(fs, "cut.jpg", "the file is cut short", "JPEG cut short in its image data");
		p = path_in("no-eoi.jpg");
		jpeg_variant(p, d, n, 0, n - 2);
		free(p);
		bad_image(fs, "no-eoi.jpg", "the file is cut short", "JPEG without its end marker");
		T_INT("pdf: JPEG cut before its frame header: probe says corrupt", KH_IMG_CORRUPT,
		      kh_image_probe_mem(d, (unsigned long)at + 5, &fmt, &w, &h));
		d[at + 4] = 12; /* precision */
		p = path_in("12bit.jpg");
		write_file(p, d, n);
		free(p);
		bad_image(fs, "12bit.jpg", "a JPEG with more than 8 bits a component, which PDF readers do not take",
		          "12-bit JPEG");
		d[at + 4] = 8;
		d[at + 1] = 0xC3; /* lossless */
		p = path_in("lossless.jpg");
		write_file(p, d, n);
		free(p);
		bad_image(fs, "lossless.jpg",
		          "a lossless, hierarchical or arithmetic-coded JPEG, which PDF readers do not take "
		          "(save it as baseline or progressive)",
		          "lossless JPEG");
		d[at + 1] = 0xC0;
		d[at + 9] = 2; /* two components */
		p = path_in("2comp.jpg");
		write_file(p, d, n);
		free(p);
		bad_image(fs, "2comp.jpg", "not a valid JPEG file", "JPEG frame header of the wrong length");
	}
	free(d);

	/* several bad pictures in one document: each reported once, in order */
	{
		kh_dl *dl = kh_dl_new();
		kh_dl_page *pg = kh_dl_add_page(dl, 100, 100);
		const char *files[] = {"zlib-damaged.png", "cut.jpg", "zlib-damaged.png", "crc.png"};
		kh_buf exp = KH_BUF_INIT;
		for (size_t i = 0; i < KH_COUNT(files); i++) {
			kh_dl_image *im = &kh_dl_add(dl, pg, KH_DL_IMAGE)->u.image;
			char *q = path_in(files[i]);
			im->path = kh_arena_strdup(dl->arena, q);
			im->w = im->h = 10;
			if (i != 2)
				kh_buf_printf(&exp, "%s: error: cannot read image: %s\n", q,
				              i == 0   ? "the compressed image data is damaged"
				              : i == 1 ? "the file is cut short"
				                       : "the file is damaged (a checksum does not match)");
			free(q);
		}
		t_capture_begin();
		T_INT("pdf: three bad pictures refused", -1, kh_pdf_render(dl, fs, NULL, &d, &n));
		T_STR("pdf: three bad pictures, three messages", exp.s, t_capture_end());
		kh_buf_free(&exp);
		kh_dl_drop(dl);
	}
}

static void test_images(kh_fonts *fs)
{
	int tools = have("qpdf") && have("pdfimages");
	kh_dl *dl;
	unsigned char *a, *b;
	size_t alen, blen;
	if (access(IMGDIR "rgb8.png", R_OK) != 0) {
		printf("not ok pdf: %s not found (run the test from the project folder)\n", IMGDIR);
		t_failed = 1;
		return;
	}
	if (!tools)
		printf("skip pdf: picture checks with qpdf and pdfimages: not installed\n");
	test_png_deflate();
	for (size_t i = 0; i < KH_COUNT(png_cases); i++)
		test_png_case(fs, &png_cases[i], tools);
	test_jpegs(fs, tools);
	test_damaged(fs);

	/* pictures do not break byte-identical output */
	dl = one_image(IMGDIR "rgba16-interlaced.png");
	T_INT("pdf: picture render 1", 0, kh_pdf_render(dl, fs, NULL, &a, &alen));
	T_INT("pdf: picture render 2", 0, kh_pdf_render(dl, fs, NULL, &b, &blen));
	T_OK("pdf: picture renders byte-identical", alen == blen && memcmp(a, b, alen) == 0);
	free(a);
	free(b);
	kh_dl_drop(dl);
}

int main(void)
{
	kh_fonts *fs = kh_fonts_new(NULL);
	kh_dl *dl;
	unsigned char *a, *b;
	size_t alen, blen;
	char *out, *bad;
	double v[4];
	kh_pdf_opts plain = {0, 0, 0};
	char tmpl[] = "/tmp/kh-test-pdf.XXXXXX";

	if (!mkdtemp(tmpl)) {
		printf("not ok pdf: cannot make a temporary folder\n");
		return 1;
	}
	snprintf(tmpdir, sizeof tmpdir, "%s", tmpl);
	out = path_in("a.png");
	write_file(out, png_data, sizeof png_data);
	free(out);
	out = path_in("b.jpg");
	write_file(out, jpg_data, sizeof jpg_data);
	free(out);

	/* a full document: fonts, paths, images, boxes, info */
	dl = sample(fs, 1);
	out = path_in("out.pdf");
	T_INT("pdf: write succeeds", 0, kh_pdf_write(dl, fs, out, NULL));
	check_tools(out);
	if (have("pdfimages")) {
		char cmd[512], *res;
		int st;
		snprintf(cmd, sizeof cmd, "pdfimages -list '%s' | tail -n +3 | awk '{print $3, $4, $5, $6}'", out);
		res = run(cmd, &st);
		T_STR("pdf: images embedded once each, PNG alpha as a soft mask",
		      "image 4 4 rgb\nsmask 4 4 gray\nimage 8 8 rgb\nimage 4 4 rgb\nsmask 4 4 gray\n", res);
		free(res);
	}
	free(out);

	/* the same display list twice: the same bytes */
	T_INT("pdf: render 1", 0, kh_pdf_render(dl, fs, NULL, &a, &alen));
	T_INT("pdf: render 2", 0, kh_pdf_render(dl, fs, NULL, &b, &blen));
	T_OK("pdf: byte-identical output", alen == blen && memcmp(a, b, alen) == 0);
	free(a);
	free(b);

	/* uncompressed: what is really written */
	T_INT("pdf: uncompressed render", 0, kh_pdf_render(dl, fs, &plain, &a, &alen));
	if (getenv("KH_TEST_PDF_SAVE"))
		kh_file_write_atomic(getenv("KH_TEST_PDF_SAVE"), a, alen);
	T_OK("pdf: MediaBox", box(a, alen, "/MediaBox", v) && fabs(v[2] - 612.2834) < 1e-4 && fabs(v[3] - 858.8976) < 1e-4);
	T_OK("pdf: BleedBox = media box", box(a, alen, "/BleedBox", v) && v[0] == 0 && v[1] == 0 &&
	     fabs(v[2] - 612.2834) < 1e-4 && fabs(v[3] - 858.8976) < 1e-4);
	T_OK("pdf: TrimBox inset by the bleed", box(a, alen, "/TrimBox", v) && fabs(v[0] - 8.5039) < 1e-4 &&
	     fabs(v[1] - 8.5039) < 1e-4 && fabs(v[2] - 603.7795) < 1e-4 && fabs(v[3] - 850.3937) < 1e-4);
	{
#define HAS(str) (memmem(a, alen, str, strlen(str)) != NULL)
		T_OK("pdf: real dash pattern written", HAS("[3.5 1.25] 0 d"));
		{
			/* the first line: 10 glyphs at their widths, one TJ of subset glyph IDs */
			static const char tm[] = "1 0 0 1 60 758.8976 Tm\n[<";
			const size_t k = sizeof tm - 1;
			const unsigned char *q = memmem(a, alen, tm, k);
			int hex = 0;
			while (q && hex < 80 && q[k + hex] && strchr("0123456789ABCDEF", q[k + hex]))
				hex++;
			T_INT("pdf: a run at its widths is one hex string of 4-digit glyph IDs", 40, hex);
			T_OK("pdf: ... and one TJ", q && !memcmp(q + k + hex, ">] TJ\n", 6));
		}
		T_OK("pdf: fonts are Identity-H over CIDs = subset glyph IDs", HAS("/Encoding /Identity-H") &&
		     HAS("/CIDToGIDMap /Identity"));
		T_OK("pdf: ToUnicode uses bfchar, not cidrange", HAS("beginbfchar") && !HAS("begincidrange") && !HAS("beginbfrange"));
		T_OK("pdf: letter spacing written as TJ offsets (0.5 pt at 10 pt = -50/1000 em)", HAS("> -50 <") && !HAS(" Tc"));
		{
			int spans = 0, tfs = 0;
			for (const unsigned char *q = a; (q = memmem(q, alen - (size_t)(q - a), "/ActualText", 11)); q++)
				spans++;
			for (const unsigned char *q = a; (q = memmem(q, alen - (size_t)(q - a), " Tf\n", 4)); q++)
				tfs++;
			/* the kerned line (AV: 0.129 em), the squeezed one and the two others
			 * with a space; not the one at its widths nor the one spaced by 0.05 em */
			T_INT("pdf: /ActualText only on runs moved by more than 0.1 em or with a space", 4, spans);
			T_INT("pdf: font and size set only when they change (6 runs, 5 changes)", 5, tfs);
		}
		T_OK("pdf: CMYK fill", HAS("1 0 0 0 k"));
#undef HAS
	}
	free(a);
	kh_dl_drop(dl);

	/* a missing folder: an error, nothing written */
	dl = sample(fs, 0);
	bad = path_in("no/such/dir/out.pdf");
	t_capture_begin();
	T_INT("pdf: unwritable path fails", -1, kh_pdf_write(dl, fs, bad, NULL));
	{
		char *exp = kh_xmalloc(strlen(bad) + 100);
		sprintf(exp, "kumihan: error: cannot write '%s': No such file or directory\n", bad);
		T_STR("pdf: unwritable path message", exp, t_capture_end());
		free(exp);
	}
	free(bad);
	T_INT("pdf: nothing left in the folder but the inputs and the first PDF", 3, count_entries(tmpdir));
	kh_dl_drop(dl);

	/* characters above U+FFFF and a variation sequence: written, extracted exactly */
	{
		kh_font *m = kh_fonts_lookup(fs, "IPAexMincho", NULL, KH_NOLOC);
		kh_font *mj = kh_fonts_lookup(fs, "IPAmjMincho", NULL, KH_NOLOC);
		kh_dl_page *pg;
		dl = kh_dl_new();
		pg = kh_dl_add_page(dl, 200, 200);
		line(dl, pg, m, 10, 10, 20, "𩸽を食べる", 0);
		if (mj) {
			kh_color black = {KH_COLOR_RGB, {0, 0, 0, 0}};
			unsigned gid;
			kh_dl_text *t = line(dl, pg, mj, 10, 10, 40, "𠮷野家", 0);
			/* 葛 with U+E0102 (IPAmj's Moji Joho form) as one glyph for two characters */
			t = kh_dl_text_begin(dl, pg, mj, 10, black, 10, 60, 2, 16);
			kh_font_glyph(mj, 0x845B, 0xE0102, &gid);
			kh_dl_text_glyph(t, gid, 0, 0, "葛\xF3\xA0\x84\x82", 7);
			kh_font_glyph(mj, 0x98FE, 0, &gid);
			kh_dl_text_glyph(t, gid, kh_font_glyph_advance(mj, t->glyphs[0].gid, 10), 0, "飾", 3);
		}
		out = path_in("astral.pdf");
		t_capture_begin();
		T_INT("pdf: characters above U+FFFF written", 0, kh_pdf_write(dl, fs, out, NULL));
		T_STR("pdf: ... without a message", "", t_capture_end());
		if (have("pdftotext")) {
			char cmd[1024], *got;
			int st;
			snprintf(cmd, sizeof cmd, "pdftotext -raw '%s' - 2>&1", out);
			got = run(cmd, &st);
			T_STR("pdf: pdftotext gives 𩸽, 𠮷 and the variation sequence exactly",
			      mj ? "𩸽を食べる\n𠮷野家\n葛\xF3\xA0\x84\x82飾\n\f" : "𩸽を食べる\n\f", got);
			free(got);
		}
		if (!mj)
			printf("skip pdf: IPAmj Mincho not installed (scripts/deps.sh installs fonts-ipamj-mincho)\n");
		free(out);
		kh_dl_drop(dl);
	}

	/* images that cannot be read */
	{
		kh_dl_page *pg;
		kh_dl_image *im;
		char *txt = path_in("notes.png"), *exp;
		write_file(txt, (const unsigned char *)"hello", 5);
		dl = kh_dl_new();
		pg = kh_dl_add_page(dl, 200, 200);
		im = &kh_dl_add(dl, pg, KH_DL_IMAGE)->u.image;
		im->path = txt;
		im->w = im->h = 10;
		im = &kh_dl_add(dl, pg, KH_DL_IMAGE)->u.image;
		im->path = "/nonexistent/photo.jpg";
		im->w = im->h = 10;
		out = path_in("img.pdf");
		t_capture_begin();
		T_INT("pdf: unreadable images fail", -1, kh_pdf_write(dl, fs, out, NULL));
		exp = kh_xmalloc(strlen(txt) + 200);
		sprintf(exp, "%s: error: cannot read image: not a PNG or JPEG file\n"
		             "/nonexistent/photo.jpg: error: cannot read image: No such file or directory\n", txt);
		T_STR("pdf: every bad image reported", exp, t_capture_end());
		T_OK("pdf: no file after an image error", access(out, F_OK) != 0);
		free(exp);
		free(out);
		free(txt);
		kh_dl_drop(dl);

		dl = kh_dl_new();
		pg = kh_dl_add_page(dl, 200, 200);
		im = &kh_dl_add(dl, pg, KH_DL_IMAGE)->u.image;
		im->path = "/nonexistent/photo.jpg";
		im->w = im->h = 10;
		t_capture_begin();
		T_INT("pdf: missing image fails", -1, kh_pdf_render(dl, fs, NULL, &a, &alen));
		T_STR("pdf: missing image message", "/nonexistent/photo.jpg: error: cannot read image: No such file or directory\n",
		      t_capture_end());
		kh_dl_drop(dl);

		/* a PNG cut short */
		txt = path_in("cut.png");
		write_file(txt, png_data, 40);
		dl = kh_dl_new();
		pg = kh_dl_add_page(dl, 200, 200);
		im = &kh_dl_add(dl, pg, KH_DL_IMAGE)->u.image;
		im->path = txt;
		im->w = im->h = 10;
		t_capture_begin();
		T_INT("pdf: truncated PNG fails", -1, kh_pdf_render(dl, fs, NULL, &a, &alen));
		exp = kh_xmalloc(strlen(txt) + 200);
		sprintf(exp, "%s: error: cannot read image: the file is cut short\n", txt);
		T_STR("pdf: truncated PNG message", exp, t_capture_end());
		free(exp);
		free(txt);
		kh_dl_drop(dl);
	}

	/* a rotated glyph (縦書き ー): a quarter turn clockwise about its em box centre */
	{
		kh_font *m = kh_fonts_lookup(fs, "IPAexMincho", NULL, KH_NOLOC);
		kh_dl_page *pg;
		kh_dl_text *t;
		const unsigned char *q;
		double e = 0, f = 0, adv, asc, desc, gx, gy;
		dl = kh_dl_new();
		pg = kh_dl_add_page(dl, 200, 300);
		t = line(dl, pg, m, 10, 50, 40, "コーヒ", 0);
		t->glyphs[1].flags |= KH_GLYPH_ROTATE;
		T_INT("pdf: rotated glyph rendered", 0, kh_pdf_render(dl, fs, &plain, &a, &alen));
		q = memmem(a, alen, "0 -1 1 0 ", 9);
		{
			/* sscanf needs a terminated string: the PDF buffer has no NUL */
			char win[64] = "";
			if (q) {
				size_t n = (size_t)(a + alen - (q + 9));
				n = n < sizeof win - 1 ? n : sizeof win - 1;
				memcpy(win, q + 9, n);
				win[n] = 0;
			}
			T_OK("pdf: rotation in the text matrix", q && sscanf(win, "%lf %lf Tm", &e, &f) == 2);
		}
		adv = kh_font_advance(m, 0x30FC, 10);
		asc = kh_font_ascent(m, 10);
		desc = kh_font_descent(m, 10);
		gx = 50 + t->glyphs[1].x;
		gy = 300 - 40;
		T_NEAR("pdf: rotated glyph origin x", gx + adv / 2 - (asc - desc) / 2, e, 1e-3);
		T_NEAR("pdf: rotated glyph origin y", gy + (asc - desc) / 2 + adv / 2, f, 1e-3);
		free(a);
		kh_dl_drop(dl);
	}

	/* what the writer refuses before writing anything */
	{
		kh_font *m = kh_fonts_lookup(fs, "IPAexMincho", NULL, KH_NOLOC);
		kh_dl_page *pg;
		kh_dl_text *t;
		dl = kh_dl_new();
		t_capture_begin();
		T_INT("pdf: no pages", -1, kh_pdf_render(dl, fs, NULL, &a, &alen));
		T_STR("pdf: no pages message", "kumihan: error: cannot write PDF: the document has no pages\n", t_capture_end());
		pg = kh_dl_add_page(dl, 200, 300);
		t = line(dl, pg, m, 0, 50, 40, "字", 0);
		t = line(dl, pg, m, 10, 50, 40, "字", 0);
		t->glyphs[0].x = NAN;
		t = line(dl, pg, m, 10, 50, 60, "字", 0);
		t->glyphs[0].gid = 65000;
		kh_dl_add_page(dl, 2, 300);
		t_capture_begin();
		T_INT("pdf: bad numbers refused", -1, kh_pdf_render(dl, fs, NULL, &a, &alen));
		T_STR("pdf: bad numbers messages",
		      "kumihan: error: page 1: text size 0 pt is outside what PDF allows (above 0, at most 600 pt)\n"
		      "kumihan: error: page 1: an item has a position or size that is not a number\n"
		      "kumihan: error: page 1: glyph 65000 is not in font 'IPAexMincho' (it has 12239)\n"
		      "kumihan: error: page 2: size 2 x 300 pt is outside what PDF allows (3 to 14400 pt)\n",
		      t_capture_end());
		kh_dl_drop(dl);
	}

	/* an empty document still makes a valid PDF */
	dl = kh_dl_new();
	kh_dl_add_page(dl, 100, 100);
	T_INT("pdf: one empty page", 0, kh_pdf_render(dl, fs, NULL, &a, &alen));
	T_OK("pdf: starts with the PDF header", alen > 8 && memcmp(a, "%PDF-1.4", 8) == 0);
	free(a);
	kh_dl_drop(dl);

	test_images(fs);

	kh_fonts_drop(fs);
	{
		char cmd[300];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			printf("not ok pdf: cannot remove %s\n", tmpdir);
	}
	T_DONE();
}
