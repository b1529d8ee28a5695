/* pdfbench.c -- font embedding figures for bench/20-fonts.sh.
 *
 *   pdfbench TEXTFILE subset|full OUT.pdf RUNS
 *   pdfbench --font-bytes FILE.pdf
 *
 * Sets every distinct character of TEXTFILE (controls and characters above
 * U+FFFF left out) in IPAexGothic and again in IPAexMincho, 10 pt, 40 to a
 * line, A4 pages, straight into a display list; renders it RUNS times and
 * prints one line of key=value figures: PDF bytes, embedded font bytes
 * (the FontFile2 streams as stored), median render time, time to find and
 * open the fonts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pdf.h"
#include "utf8.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* Bytes of every stream whose dictionary has /Length1 (TrueType font files). */
static size_t font_bytes(const unsigned char *p, size_t n)
{
	size_t total = 0;
	const unsigned char *end = p + n, *q = p;
	while ((q = memmem(q, (size_t)(end - q), "/Length1", 8)) != NULL) {
		const unsigned char *s = memmem(q, (size_t)(end - q), "stream", 6), *e;
		if (!s)
			break;
		s += 6;
		if (s < end && *s == '\r')
			s++;
		if (s < end && *s == '\n')
			s++;
		e = memmem(s, (size_t)(end - s), "endstream", 9);
		if (!e)
			break;
		total += (size_t)(e - s);
		q = e;
	}
	return total;
}

int main(int argc, char **argv)
{
	char *text;
	size_t len, n, m = 0;
	uint32_t *cps;
	kh_fonts *fs;
	kh_font *fonts[2];
	kh_dl *dl;
	kh_pdf_opts opts = {0, 1};
	int runs;
	double t0, t_open, *times;
	unsigned char *pdf = NULL;
	size_t pdflen = 0;

	if (argc == 3 && strcmp(argv[1], "--font-bytes") == 0) {
		if (kh_file_read(argv[2], &text, &len) < 0) {
			perror(argv[2]);
			return 1;
		}
		printf("pdf_bytes=%zu font_bytes=%zu\n", len, font_bytes((const unsigned char *)text, len));
		free(text);
		return 0;
	}
	if (argc != 5) {
		fprintf(stderr, "usage: pdfbench TEXTFILE subset|full OUT.pdf RUNS\n");
		return 2;
	}
	opts.full_fonts = strcmp(argv[2], "full") == 0;
	runs = atoi(argv[4]) > 0 ? atoi(argv[4]) : 1;
	if (kh_file_read(argv[1], &text, &len) < 0) {
		perror(argv[1]);
		return 1;
	}
	n = kh_utf8_decode_all(text, len, &cps);
	free(text);
	qsort(cps, n, sizeof *cps, cmp_u32);
	for (size_t i = 0; i < n; i++)
		if (cps[i] > 0x20 && cps[i] <= 0xFFFF && (m == 0 || cps[m - 1] != cps[i]))
			cps[m++] = cps[i];

	t0 = now();
	fs = kh_fonts_new(NULL);
	fonts[0] = kh_fonts_lookup(fs, "IPAexGothic", NULL, KH_NOLOC);
	fonts[1] = kh_fonts_lookup(fs, "IPAexMincho", NULL, KH_NOLOC);
	if (!fonts[0] || !fonts[1])
		return 1;
	t_open = now() - t0;

	dl = kh_dl_new();
	{
		kh_dl_page *pg = NULL;
		double y = 1e9;
		for (int f = 0; f < 2; f++)
			for (size_t i = 0; i < m; i += 40) {
				size_t k = m - i < 40 ? m - i : 40;
				kh_dl_text *t;
				double pen = 0;
				if (y > 780) {
					pg = kh_dl_add_page(dl, 595.2756, 841.8898);
					y = 60;
				}
				t = kh_dl_text_begin(dl, pg, fonts[f], 10, (kh_color){KH_COLOR_RGB, {0, 0, 0, 0}}, 60, y, (int)k,
				                     k * 4);
				for (size_t j = 0; j < k; j++) {
					char u[4];
					unsigned gid;
					kh_font_glyph(fonts[f], cps[i + j], 0, &gid);
					kh_dl_text_glyph(t, gid, pen, 0, u, (size_t)kh_utf8_encode(cps[i + j], u));
					pen += kh_font_advance(fonts[f], cps[i + j], 10);
				}
				y += 16;
			}
	}
	times = malloc((size_t)runs * sizeof *times);
	for (int r = 0; r < runs; r++) {
		free(pdf);
		t0 = now();
		if (kh_pdf_render(dl, fs, &opts, &pdf, &pdflen) < 0)
			return 1;
		times[r] = now() - t0;
	}
	qsort(times, (size_t)runs, sizeof *times, cmp_double);
	if (kh_file_write_atomic(argv[3], pdf, pdflen) < 0) {
		perror(argv[3]);
		return 1;
	}
	printf("chars=%zu pages=%d pdf_bytes=%zu font_bytes=%zu render_s=%.4f open_s=%.4f\n", m, dl->npages, pdflen,
	       font_bytes(pdf, pdflen), times[runs / 2], t_open);
	free(times);
	free(pdf);
	free(cps);
	kh_dl_drop(dl);
	kh_fonts_drop(fs);
	return 0;
}
