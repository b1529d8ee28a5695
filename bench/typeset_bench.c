/* typeset_bench.c -- speed of the paragraph setter (bench/30-typeset.sh).
 *
 *   typeset_bench pages N     set N pages of Japanese body text (40 lines of
 *                             40 characters a page, justified, indent 1em)
 *   typeset_bench solid N     the same without 追い込み (compress off): lines
 *                             only ever widen
 *   typeset_bench run N       one run of N characters with no break
 *                             opportunity, in a 40 em frame (emergency breaks)
 *   typeset_bench url N       the same as a URL in a Latin style
 *   typeset_bench cells N     N table cells of a few words, one setter each,
 *                             all in one arena (as a long table is laid out)
 * Each workload is set 7 times; prints the median seconds of setting alone
 * (fonts are loaded once, before the clock starts).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text.h"

static const char *const sentences[] = {
	"組版の品質は、読み手が最初に目にするものである。",
	"表と版面の設計から、印刷に使えるPDFを作る。",
	"行頭に句読点や閉じ括弧が来ないように、行の終わりを調整する。",
	"和文と欧文の間には四分アキを入れ、数字の2024年や10%も同じ扱いとする。",
	"「見出し」と（注記）のような括弧類は、行末や行頭での禁則に従う。",
	"ひらがな、カタカナ、漢字が混ざった文章でも、一行の長さは揃えられる。",
	"ニューヨークやジャカルタでの研修プログラムには、毎年多くの参加者がある。",
	"国際協力の事業は、保健・医療・水道といった幅広い分野にわたっている。",
	"この文章は速度を測るためのものであり、内容に特に意味はない。",
	"ちょっとした工夫で、読みやすさはずいぶん変わるものだ。",
};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Paragraphs of 4 to 12 sentences, chosen by a fixed LCG, until chars are reached. */
static char **make_paragraphs(long chars, int *count)
{
	unsigned long seed = 12345;
	long total = 0;
	int n = 0, cap = 64;
	char **ps = malloc(cap * sizeof *ps);
	while (total < chars) {
		kh_buf b = KH_BUF_INIT;
		int k;
		seed = seed * 6364136223846793005ul + 1442695040888963407ul;
		k = 4 + (int)((seed >> 33) % 9);
		for (int i = 0; i < k; i++) {
			seed = seed * 6364136223846793005ul + 1442695040888963407ul;
			kh_buf_puts(&b, sentences[(seed >> 33) % KH_COUNT(sentences)]);
		}
		total += (long)(b.len / 3);
		if (n == cap)
			ps = realloc(ps, (size_t)(cap *= 2) * sizeof *ps);
		ps[n++] = kh_buf_detach(&b);
	}
	*count = n;
	return ps;
}

int main(int argc, char **argv)
{
	kh_fonts *fs;
	kh_textstyle st = {0};
	double times[7], width;
	long lines = 0, nchars;
	const char *mode;
	char **paras = NULL, *run = NULL;
	int npara = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: typeset_bench pages|solid|run|url|cells N\n");
		return 2;
	}
	mode = argv[1];
	nchars = atol(argv[2]);
	fs = kh_fonts_new("fonts");
	st.font = kh_fonts_lookup(fs, "IPAexMincho", NULL, KH_NOLOC);
	if (!st.font)
		return 1;
	st.size = 10;
	st.leading = 17;
	st.align = KH_ALIGN_JUSTIFY;
	st.kinsoku = KH_KINSOKU_STRICT;
	if (!strcmp(mode, "pages") || !strcmp(mode, "solid")) {
		st.indent = 10;
		st.compress = !strcmp(mode, "solid") ? -1 : 0;
		paras = make_paragraphs(nchars * 40 * 40, &npara);
	} else if (!strcmp(mode, "cells")) {
		static const char *const cells[] = {"厚生労働省", "世界保健機関（WHO）", "2024年4月1日", "ジャカルタ", "研修員受入れ"};
		npara = (int)nchars;
		paras = malloc((size_t)npara * sizeof *paras);
		for (int i = 0; i < npara; i++)
			paras[i] = kh_xstrdup(cells[i % 5]);
		st.align = KH_ALIGN_LEFT;
	} else {
		size_t pre = !strcmp(mode, "url") ? strlen("https://example.com/") : 0;
		run = malloc((size_t)nchars + pre + 1);
		memcpy(run, "https://example.com/", pre);
		memset(run + pre, 'a', (size_t)nchars);
		run[pre + (size_t)nchars] = 0;
		if (pre)
			st.latin = 1, st.lang = "en", st.align = KH_ALIGN_LEFT;
		kh_diag_set_quiet_warnings(1);
	}
	/* warm up: fontconfig, ICU data, HarfBuzz caches */
	{
		kh_arena *a = kh_arena_new();
		kh_line l;
		kh_setter *s = kh_setter_new("文字 text", &st, a, KH_NOLOC);
		while (kh_setter_next(s, 400, &l))
			;
		kh_arena_drop(a);
	}
	width = !strcmp(mode, "cells") ? 80 : 400;
	for (int r = 0; r < 7; r++) {
		kh_arena *a = kh_arena_new();
		double t0 = now();
		kh_line l;
		lines = 0;
		if (paras) {
			for (int i = 0; i < npara; i++) {
				kh_setter *s = kh_setter_new(paras[i], &st, a, KH_NOLOC);
				while (kh_setter_next(s, width, &l))
					lines++;
			}
		} else {
			kh_setter *s = kh_setter_new(run, &st, a, KH_NOLOC);
			while (kh_setter_next(s, 400, &l))
				lines++;
		}
		times[r] = now() - t0;
		kh_arena_drop(a);
	}
	qsort(times, 7, sizeof *times, cmp);
	if (!strcmp(mode, "cells"))
		printf("%.4f s for %d cells in %ld lines\n", times[3], npara, lines);
	else if (paras)
		printf("%.4f s for %ld lines in %d paragraphs (%ld pages of 40 lines)\n", times[3], lines, npara,
		       lines / 40);
	else
		printf("%.4f s for %ld characters in %ld lines\n", times[3], nchars, lines);
	for (int i = 0; i < npara; i++)
		free(paras[i]);
	free(paras);
	free(run);
	kh_fonts_drop(fs);
	return 0;
}
