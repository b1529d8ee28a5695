/* test_paragraph.c -- paragraphs set into lines: the exact text of every
 * line, measured positions and widths, and the diagnostics, for Japanese,
 * English and mixed text, with the IPAex and Liberation fonts. */
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "text.h"
#include "utf8.h"

#define W_EPS 0.01

static kh_fonts *fonts;
static kh_font *mincho, *gothic, *serif;

/* ---- helpers ---- */

#define MAXL 64
typedef struct set_result {
	int n;
	kh_line l[MAXL];
	char text[MAXL][512];
	char joined[8192]; /* lines joined by " | " */
	char diag[4096];   /* what the setter reported */
	char rest1[512];   /* kh_setter_rest after the first line */
} set_result;

static void line_text(const kh_line *l, char *out, size_t cap)
{
	size_t o = 0;
	for (int i = 0; i < l->n && o + 9 < cap; i++) {
		o += (size_t)kh_utf8_encode(l->g[i].cp, out + o);
		if (l->g[i].vs)
			o += (size_t)kh_utf8_encode(l->g[i].vs, out + o);
	}
	out[o] = 0;
}

/* Set text in width pt with style st, at t.csv:line:col; the lines stay
 * valid until the arena is dropped. */
static void set_at(set_result *r, const char *text, const kh_textstyle *st, double width, kh_arena *a,
                   int line, int col)
{
	kh_setter *s;
	size_t o = 0;
	t_capture_begin();
	s = kh_setter_new(text, st, a, kh_loc_make("t.csv", line, col));
	memset(r, 0, sizeof *r);
	while (r->n < MAXL && kh_setter_next(s, width, &r->l[r->n])) {
		line_text(&r->l[r->n], r->text[r->n], sizeof r->text[0]);
		o += (size_t)snprintf(r->joined + o, sizeof r->joined - o, "%s%s", r->n ? " | " : "", r->text[r->n]);
		if (r->n == 0)
			snprintf(r->rest1, sizeof r->rest1, "%s", kh_setter_rest(s));
		r->n++;
	}
	snprintf(r->diag, sizeof r->diag, "%s", t_capture_end());
}

static void set(set_result *r, const char *text, const kh_textstyle *st, double width, kh_arena *a)
{
	set_at(r, text, st, width, a, 1, 1);
}

/* The pen position of the first glyph cp in line l (-1 if absent). */
static double x_of(const kh_line *l, uint32_t cp, int nth)
{
	for (int i = 0; i < l->n; i++)
		if (l->g[i].cp == cp && nth-- == 0)
			return l->g[i].x;
	return -1;
}

static double end_of(const kh_line *l)
{
	return l->n ? l->g[l->n - 1].x + l->g[l->n - 1].advance : 0;
}

static kh_textstyle ja_style(void)
{
	kh_textstyle st = {0};
	st.font = mincho;
	st.size = 10;
	st.leading = 17;
	st.align = KH_ALIGN_JUSTIFY;
	st.kinsoku = KH_KINSOKU_STRICT;
	st.lang = "ja";
	return st;
}

static kh_textstyle en_style(void)
{
	kh_textstyle st = {0};
	st.font = serif;
	st.size = 10;
	st.leading = 14;
	st.align = KH_ALIGN_JUSTIFY;
	st.latin = 1;
	st.lang = "en";
	return st;
}

/* ---- Japanese ---- */

static void test_japanese(kh_arena *a)
{
	kh_textstyle st = ja_style();
	set_result *r = kh_xcalloc(1, sizeof *r);

	set(r, "吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。", &st, 100, a);
	T_STR("ja: ten characters a line", "吾輩は猫である。名前 | はまだ無い。どこで生 | れたかとんと見当がつ | かぬ。", r->joined);
	T_OK("ja: only the last line is last", !r->l[0].last && !r->l[2].last && r->l[3].last);
	T_NEAR("ja: a full line is 100pt", 100, r->l[0].width, W_EPS);
	T_NEAR("ja: last line not justified (3 em)", 30, r->l[3].width, W_EPS);
	T_NEAR("ja: last line, 2nd glyph at 1 em", 10, r->l[3].g[1].x, W_EPS);
	T_STR("ja: rest after the first line", "はまだ無い。どこで生れたかとんと見当がつかぬ。", r->rest1);
	T_STR("ja: nothing reported", "", r->diag);

	/* 行頭禁則: 。 may not start line 2: 文 goes down with it (追い出し),
	 * line 1 justified: 9 characters over 10 em, 8 gaps of 1.25pt. */
	set(r, "文文文文文文文文文文。次", &st, 100, a);
	T_STR("ja kinsoku: 。 not at line start", "文文文文文文文文文 | 文。次", r->joined);
	T_NEAR("ja justify: even gaps (2nd glyph at 11.25)", 11.25, r->l[0].g[1].x, W_EPS);
	T_NEAR("ja justify: last glyph ends at the frame", 100, end_of(&r->l[0]), W_EPS);
	T_NEAR("ja justify: line width is the frame width", 100, r->l[0].width, W_EPS);

	set(r, "文文文文文文文文文文」次", &st, 100, a);
	T_STR("ja kinsoku: 」 not at line start", "文文文文文文文文文 | 文」次", r->joined);
	set(r, "文文文文文文文文文文）次", &st, 100, a);
	T_STR("ja kinsoku: full-width ） not at line start", "文文文文文文文文文 | 文）次", r->joined);
	set(r, "文文文文文文文文文文・次", &st, 100, a);
	T_STR("ja kinsoku: ・ not at line start", "文文文文文文文文文 | 文・次", r->joined);
	set(r, "文文文文文文文文文「引用」です", &st, 100, a);
	T_STR("ja kinsoku: 「 not at line end", "文文文文文文文文文 | 「引用」です", r->joined);
	set(r, "文文文文文文文文文（注）です", &st, 100, a);
	T_STR("ja kinsoku: （ not at line end", "文文文文文文文文文 | （注）です", r->joined);
	set(r, "文文文文文文文文文文っと", &st, 100, a);
	T_STR("ja kinsoku strict: っ not at line start", "文文文文文文文文文 | 文っと", r->joined);
	set(r, "コンピューターのデータベース", &st, 60, a);
	T_STR("ja kinsoku strict: ー not at line start", "コンピュー | ターのデータ | ベース", r->joined);
	set(r, "文文文文文文文文文文……と", &st, 100, a);
	T_STR("ja kinsoku: … not at line start", "文文文文文文文文文 | 文……と", r->joined);
	st.kinsoku = KH_KINSOKU_NORMAL;
	set(r, "文文文文文文文文文文っと", &st, 100, a);
	T_STR("ja kinsoku normal: っ may start a line", "文文文文文文文文文文 | っと", r->joined);
	set(r, "文文文文文文文文文文。次", &st, 100, a);
	T_STR("ja kinsoku normal: 。 still not", "文文文文文文文文文 | 文。次", r->joined);
	st.kinsoku = KH_KINSOKU_LOOSE;
	set(r, "文文文文文文文文文文・次", &st, 100, a);
	T_STR("ja kinsoku loose: ・ may start a line", "文文文文文文文文文文 | ・次", r->joined);
	st.kinsoku = KH_KINSOKU_STRICT;

	/* ぶら下げ */
	st.hanging = 1;
	set(r, "文文文文文文文文文文。次", &st, 100, a);
	T_STR("ja hanging: 。 hangs past the frame", "文文文文文文文文文文。 | 次", r->joined);
	T_NEAR("ja hanging: 。 starts at the frame edge", 100, r->l[0].g[10].x, W_EPS);
	T_NEAR("ja hanging: the rest is set solid", 10, r->l[0].g[1].x, W_EPS);
	T_NEAR("ja hanging: line width includes the hanging mark", 110, r->l[0].width, W_EPS);
	set(r, "文文文文文文文文文文、", &st, 100, a);
	T_STR("ja hanging: 、 at the paragraph end", "文文文文文文文文文文、", r->joined);
	set(r, "文文文文文文文文文文」次", &st, 100, a);
	T_STR("ja hanging: 」 does not hang", "文文文文文文文文文 | 文」次", r->joined);
	set(r, "文文文文文文文文文文。。次", &st, 100, a);
	T_STR("ja hanging: one mark only", "文文文文文文文文文 | 文。。次", r->joined);
	st.hanging = 0;

	/* 字下げ */
	st.indent = 10;
	set(r, "文文文文文文文文文文文文文文文", &st, 100, a);
	T_STR("ja indent: first line one em shorter", "文文文文文文文文文 | 文文文文文文", r->joined);
	T_NEAR("ja indent: first glyph at 1 em", 10, r->l[0].g[0].x, W_EPS);
	T_NEAR("ja indent: second line at 0", 0, r->l[1].g[0].x, W_EPS);
	T_NEAR("ja indent: first line still ends at the frame", 100, r->l[0].width, W_EPS);
	set(r, "一段落目。\n\n二段落目の文章は少し長くて二行になる。", &st, 100, a);
	T_STR("ja indent: every paragraph", "一段落目。 | 二段落目の文章は少 | し長くて二行になる。", r->joined);
	T_OK("ja paragraphs: the first ends a paragraph", r->l[0].last && !r->l[1].last && r->l[2].last);
	T_NEAR("ja paragraphs: indent again", 10, r->l[1].g[0].x, W_EPS);
	T_NEAR("ja paragraphs: not on the third line", 0, r->l[2].g[0].x, W_EPS);
	T_NEAR("ja paragraphs: last line of the first not justified", 60, r->l[0].width, W_EPS);
	st.indent = 0;

	/* consecutive punctuation: half an em between the inks (the first 「
	 * starts the line: its blank half is left out too) */
	st.align = KH_ALIGN_LEFT;
	set(r, "「保障」、「福祉」。", &st, 200, a);
	T_NEAR("ja punctuation: 」、「 and 」。 take back three half ems", 80, r->l[0].width, W_EPS);
	T_NEAR("ja punctuation: 、 right after 」's ink", 30, x_of(&r->l[0], 0x3001, 0), W_EPS);
	T_NEAR("ja punctuation: 「 half an em after 、", 35, x_of(&r->l[0], 0x300C, 1), W_EPS);
	set(r, "（「注」）", &st, 200, a);
	T_NEAR("ja punctuation: （「 and 」） set close", 35, r->l[0].width, W_EPS);
	set(r, "文、文「文」", &st, 200, a);
	T_NEAR("ja punctuation: not next to ideographs", 60, r->l[0].width, W_EPS);
	st.align = KH_ALIGN_JUSTIFY;

	/* letter spacing */
	st.letter_spacing = 1;
	st.align = KH_ALIGN_LEFT;
	set(r, "文文文", &st, 100, a);
	T_OK("ja letter spacing: 0, 11, 22", r->n == 1 && fabs(r->l[0].g[1].x - 11) < W_EPS && fabs(r->l[0].g[2].x - 22) < W_EPS);
	T_NEAR("ja letter spacing: none after the last", 32, r->l[0].width, W_EPS);
	st.letter_spacing = 0;
	free(r);
}

/* ---- 和欧間 ---- */

static void test_wakan(kh_arena *a)
{
	kh_textstyle st = ja_style();
	set_result *r = kh_xcalloc(1, sizeof *r);
	double A = kh_font_advance(mincho, 'A', 10), B = kh_font_advance(mincho, 'B', 10),
	       C = kh_font_advance(mincho, 'C', 10), sp = kh_font_advance(mincho, ' ', 10),
	       two = kh_font_advance(mincho, '2', 10);

	st.align = KH_ALIGN_LEFT;
	set(r, "日本語ABC日本語", &st, 200, a);
	T_NEAR("wakan: quarter em before Latin", 32.5, x_of(&r->l[0], 'A', 0), 0.001);
	T_NEAR("wakan: none inside the word", 32.5 + A, x_of(&r->l[0], 'B', 0), 0.001);
	T_NEAR("wakan: quarter em after Latin", 32.5 + A + B + C + 2.5, x_of(&r->l[0], 0x65E5, 1), 0.001);
	T_NEAR("wakan: natural width", 60 + A + B + C + 5, r->l[0].width, 0.001);
	T_NEAR("wakan: kh_text_width agrees", r->l[0].width, kh_text_width("日本語ABC日本語", &st), 0.001);

	set(r, "日本語 ABC", &st, 200, a);
	T_NEAR("wakan: not where there is a space", 30 + sp, x_of(&r->l[0], 'A', 0), 0.001);
	set(r, "2024年", &st, 200, a);
	T_NEAR("wakan: digits", 4 * two + 2.5, x_of(&r->l[0], 0x5E74, 0), 0.001);
	set(r, "「ABC」と、ABC。", &st, 200, a);
	T_NEAR("wakan: not after an opening bracket (first on the line: its blank left out)", 5,
	       x_of(&r->l[0], 'A', 0), 0.001);
	T_NEAR("wakan: not after 、", 35 + A + B + C, x_of(&r->l[0], 'A', 1), 0.001);

	set(r, "文文文文文文文文文文ABC", &st, 100, a);
	T_STR("wakan: Latin word to the next line", "文文文文文文文文文文 | ABC", r->joined);
	T_NEAR("wakan: not at the line end", 100, r->l[0].width, 0.001);
	T_NEAR("wakan: not at the line start", 0, r->l[1].g[0].x, 0.001);

	set(r, "ABC文文文文文文文文文", &st, 100, a);
	T_STR("wakan: counted when filling", "ABC文文文文文文文 | 文文", r->joined);

	/* justified mixed line: ends exactly at the frame; Latin words are not
	 * spaced out inside. */
	st.align = KH_ALIGN_JUSTIFY;
	set(r, "これはWindowsとLinuxの話です。", &st, 100, a);
	T_STR("mixed: lines", "これはWindowsと | Linuxの話です。", r->joined);
	T_NEAR("mixed justify: ends at the frame", 100, end_of(&r->l[0]), W_EPS);
	T_NEAR("mixed justify: width is the frame", 100, r->l[0].width, W_EPS);
	T_NEAR("mixed justify: letters of a word not spaced",
	       kh_font_advance(mincho, 'W', 10), x_of(&r->l[0], 'i', 0) - x_of(&r->l[0], 'W', 0), 0.001);
	T_NEAR("mixed: last line natural", kh_text_width("Linuxの話です。", &st), r->l[1].width, 0.001);
	set(r, "詳しくはhttps://www.mhlw.go.jp/stf/seisakunitsuite/bunya/kokusai/index.htmlを参照。", &st, 100, a);
	T_STR("mixed: a URL breaks after its slashes",
	      "詳しくはhttps:// | www.mhlw.go.jp/stf/ | seisakunitsuite/ | bunya/kokusai/ | index.htmlを参照。", r->joined);
	T_NEAR("mixed: a line without adjustment points is spread over its characters", 100, r->l[2].width, W_EPS);
	{
		double free_space = 100 - kh_text_width("seisakunitsuite/", &st);
		T_NEAR("mixed: ... evenly", kh_font_advance(mincho, 's', 10) + free_space / 15, r->l[2].g[1].x, 0.001);
	}
	free(r);
}

/* ---- newlines ---- */

static void test_newlines(kh_arena *a)
{
	kh_textstyle st = ja_style();
	set_result *r = kh_xcalloc(1, sizeof *r);

	set(r, "です。\nまた明日。", &st, 200, a);
	T_STR("newline: dropped between Japanese", "です。また明日。", r->joined);
	set(r, "行末 \n 行頭", &st, 200, a);
	T_STR("newline: with blanks, between Japanese", "行末行頭", r->joined);
	set(r, "English\ntext", &st, 200, a);
	T_STR("newline: a space between Latin words", "English text", r->joined);
	set(r, "日本語\nEnglish", &st, 200, a);
	T_STR("newline: a space between Japanese and Latin", "日本語 English", r->joined);
	set(r, "a \r\n b", &st, 200, a);
	T_STR("newline: CR LF, one space", "a b", r->joined);
	set(r, "a\tb", &st, 200, a);
	T_STR("newline: a tab is a space", "a b", r->joined);
	set(r, "段落一\n\n段落二", &st, 200, a);
	T_STR("newline: blank line ends a paragraph", "段落一 | 段落二", r->joined);
	T_OK("newline: both lines last", r->n == 2 && r->l[0].last && r->l[1].last);
	set(r, "段落一\n \n\n段落二", &st, 200, a);
	T_STR("newline: blank lines with spaces, one break", "段落一 | 段落二", r->joined);
	set(r, "\n\n先頭と末尾\n\n", &st, 200, a);
	T_STR("newline: leading and trailing dropped", "先頭と末尾", r->joined);
	set(r, "   \n  ", &st, 200, a);
	T_INT("newline: only blanks: no line", 0, r->n);
	set(r, "\xE2\x80\x8B\n\n文", &st, 200, a);
	T_STR("a paragraph of a zero width space gives no line", "文", r->joined);
	set(r, "  abcdefgh ij", &st, 30, a);
	T_STR("leading spaces never make an empty line", "  abcd | efgh ij", r->joined);
	T_OK("... both lines fit", r->n == 2 && r->l[0].width <= 30 && r->l[1].width <= 30 && r->l[0].hyphen_or_emergency);
	st.indent = 10;
	set(r, "行\xE2\x80\xA8改行", &st, 200, a);
	T_STR("newline: U+2028 breaks the line", "行 | 改行", r->joined);
	T_OK("newline: U+2028: not a new paragraph", r->n == 2 && r->l[0].last && fabs(r->l[1].g[0].x) < W_EPS);
	set(r, "段落一\n\n段落二", &st, 200, a);
	T_NEAR("newline: the next paragraph is indented", 10, r->n == 2 ? r->l[1].g[0].x : -1, W_EPS);
	free(r);
}

/* ---- emergency breaks and diagnostics ---- */

static void test_diagnostics(kh_arena *a)
{
	kh_textstyle st = ja_style();
	set_result *r = kh_xcalloc(1, sizeof *r);
	char run[128];

	memset(run, 'a', 30);
	run[30] = 0;
	set_at(r, run, &st, 50, a, 3, 5);
	T_STR("emergency: broken at the frame edge (9 × 5.43pt in 50pt)",
	      "aaaaaaaaa | aaaaaaaaa | aaaaaaaaa | aaa", r->joined);
	T_STR("emergency: warning",
	      "t.csv:3:5: warning: text has no break opportunity for 30 characters; broken at the frame edge\n",
	      r->diag);
	T_OK("emergency: lines marked", r->l[0].hyphen_or_emergency && !r->l[3].hyphen_or_emergency);
	T_NEAR("emergency: Japanese style: justified flush", 50, r->l[0].width, W_EPS);
	{
		double aw = kh_font_advance(mincho, 'a', 10);
		T_NEAR("emergency: spread over the 8 gaps", aw + (50 - 9 * aw) / 8, r->l[0].g[1].x, 0.001);
	}
	memset(run, 'a', 30);
	run[30] = ' ';
	memset(run + 31, 'b', 30);
	run[61] = 0;
	set_at(r, run, &st, 50, a, 3, 5);
	T_STR("emergency: two runs", "aaaaaaaaa | aaaaaaaaa | aaaaaaaaa | aaa | bbbbbbbb | bbbbbbbb | bbbbbbbb | bbbbbb",
	      r->joined);
	T_STR("emergency: warned once per setter",
	      "t.csv:3:5: warning: text has no break opportunity for 30 characters; broken at the frame edge\n",
	      r->diag);
	set(r, "文文", &st, 5, a);
	T_STR("emergency: a character wider than the line", "文 | 文", r->joined);

	set(r, "Việt ệ", &st, 200, a);
	T_STR("missing glyph: set anyway", "Việt ệ", r->joined);
	T_STR("missing glyph: warned once per character",
	      "t.csv:1:1: warning: 'ệ' (U+1EC7) is not in IPAexMincho\n"
	      "hint: add a font that has it to the style's 'fallback' list\n",
	      r->diag);
	set(r, "ệ and ệ again", &st, 200, a);
	T_STR("missing glyph: said once per character and font in the whole run", "", r->diag);
	kh_text_forget();
	st.strict_glyphs = 1;
	set(r, "ệ", &st, 200, a);
	T_STR("missing glyph: strict makes it an error",
	      "t.csv:1:1: error: 'ệ' (U+1EC7) is not in IPAexMincho\n"
	      "hint: add a font that has it to the style's 'fallback' list\n",
	      r->diag);
	T_INT("missing glyph: strict: one error", 1, kh_diag_errors());
	st.strict_glyphs = 0;
	st.fallback[0] = gothic;
	st.fallback[1] = serif;
	st.nfallback = 2;
	set(r, "Việt", &st, 200, a);
	T_STR("fallback: nothing reported", "", r->diag);
	T_OK("fallback: ệ from Liberation Serif, the rest from IPAexMincho",
	     r->l[0].n == 4 && r->l[0].g[2].font == serif && r->l[0].g[0].font == mincho && r->l[0].g[3].font == mincho);
	T_NEAR("fallback: advance from the fallback", kh_font_advance(serif, 0x1EC7, 10), r->l[0].g[2].advance, 0.001);
	set(r, "\xEE\x80\x80", &st, 200, a);
	T_STR("fallback: none has it",
	      "t.csv:1:1: warning: '\xEE\x80\x80' (U+E000) is not in IPAexMincho, IPAexGothic or Liberation Serif\n"
	      "hint: add a font that has it to the style's 'fallback' list\n",
	      r->diag);
	st.nfallback = 0;

	/* characters above U+FFFF are set like any other (they used to be refused) */
	set(r, "顔😀😀", &st, 200, a);
	T_STR("outside the BMP: a character no font has is a missing glyph, said once",
	      "t.csv:1:1: warning: '😀' (U+1F600) is not in IPAexMincho\n"
	      "hint: add a font that has it to the style's 'fallback' list\n",
	      r->diag);
	T_STR("outside the BMP: still set (a width held)", "顔😀😀", r->joined);
	set(r, "𩸽の", &st, 200, a);
	{
		unsigned gid;
		kh_font_glyph(mincho, 0x29E3D, 0, &gid);
		T_STR("outside the BMP: 𩸽 is in IPAexMincho: nothing said", "", r->diag);
		T_OK("outside the BMP: 𩸽 set with its glyph and a full em",
		     r->l[0].n == 2 && gid > 0 && r->l[0].g[0].gid == gid && r->l[0].g[0].font == mincho &&
		     r->l[0].g[0].advance == 10);
	}

	/* variation sequences: one unit with their base */
	set(r, "葛\xF3\xA0\x84\x80飾区", &st, 200, a);
	{
		unsigned gid, base;
		kh_font_glyph(mincho, 0x845B, 0xE0100, &gid);
		kh_font_glyph(mincho, 0x845B, 0, &base);
		T_STR("IVS: 葛 U+E0100 is in IPAexMincho: nothing said", "", r->diag);
		T_OK("IVS: one glyph, the font's variant (hb_font_get_variation_glyph), not the base",
		     r->l[0].n == 3 && r->l[0].g[0].cp == 0x845B && r->l[0].g[0].vs == 0xE0100 && gid > 0 && gid != base &&
		     r->l[0].g[0].gid == gid && r->l[0].g[1].x == 10);
	}
	set(r, "葛\xF3\xA0\x84\x80葛\xF3\xA0\x84\x80葛\xF3\xA0\x84\x80", &st, 10, a);
	T_STR("IVS: never broken between base and selector", "葛\xF3\xA0\x84\x80 | 葛\xF3\xA0\x84\x80 | 葛\xF3\xA0\x84\x80",
	      r->joined);
	set(r, "葛\xF3\xA0\x87\xAF飾", &st, 200, a);
	T_STR("IVS no font has: the base character, with a warning naming the sequence and the font",
	      "t.csv:1:1: warning: '葛\xF3\xA0\x87\xAF' (U+845B U+E01EF) is not in IPAexMincho; set as '葛' (U+845B)\n"
	      "hint: add a font that has the variation sequence to the style's 'fallback' list (IPAmj Mincho has the "
	      "resident-register forms)\n",
	      r->diag);
	T_STR("IVS no font has: set as the base", "葛飾", r->joined);
	set(r, "葛\xF3\xA0\x87\xAF", &st, 200, a);
	T_STR("IVS no font has: said once per sequence", "", r->diag);
	kh_text_forget();
	st.strict_glyphs = 1;
	set(r, "葛\xF3\xA0\x87\xAF", &st, 200, a);
	T_STR("IVS no font has: strict makes it an error",
	      "t.csv:1:1: error: '葛\xF3\xA0\x87\xAF' (U+845B U+E01EF) is not in IPAexMincho\n"
	      "hint: add a font that has the variation sequence to the style's 'fallback' list (IPAmj Mincho has the "
	      "resident-register forms)\n",
	      r->diag);
	st.strict_glyphs = 0;
	{
		kh_font *mj = kh_fonts_lookup(fonts, "IPAmjMincho", NULL, KH_NOLOC);
		if (mj) {
			unsigned gid;
			st.fallback[0] = mj;
			st.nfallback = 1;
			set(r, "𠮷野家 葛\xF3\xA0\x84\x82", &st, 200, a);
			kh_font_glyph(mj, 0x845B, 0xE0102, &gid);
			T_STR("IPAmj fallback: nothing said", "", r->diag);
			T_OK("IPAmj fallback: 𠮷 (not in IPAex) and 葛 U+E0102 (Moji Joho) from IPAmj Mincho, 野家 from IPAex",
			     r->l[0].n == 5 && r->l[0].g[0].font == mj && r->l[0].g[1].font == mincho &&
			     r->l[0].g[4].font == mj && r->l[0].g[4].gid == gid && gid > 0);
			st.nfallback = 0;
		} else {
			printf("skip IPAmj fallback: IPAmj Mincho not installed (scripts/deps.sh installs fonts-ipamj-mincho)\n");
		}
	}

	set(r, "a\x07" "b", &st, 200, a);
	T_STR("control character: reported", "t.csv:1:1: warning: text contains the control character U+0007, which is left out\n",
	      r->diag);
	T_STR("control character: left out", "ab", r->joined);
	set(r, "a\xFF" "b", &st, 200, a);
	T_STR("invalid UTF-8: reported", "t.csv:1:1: warning: text is not valid UTF-8 (byte 0xFF); shown as U+FFFD\n", r->diag);
	free(r);
}

/* ---- English ---- */

/* Greedy filling by words, measured with kh_text_width: the oracle the
 * setter must agree with. */
static void greedy_words(const char *text, const kh_textstyle *st, double width, char *out, size_t cap)
{
	char *copy = kh_xstrdup(text), *w, *save = NULL;
	char line[1024] = "", cand[1024];
	size_t o = 0;
	out[0] = 0;
	for (w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		snprintf(cand, sizeof cand, "%s%s%s", line, *line ? " " : "", w);
		if (*line && kh_text_width(cand, st) > width) {
			o += (size_t)snprintf(out + o, cap - o, "%s%s", o ? " | " : "", line);
			snprintf(line, sizeof line, "%s", w);
		} else {
			strcpy(line, cand);
		}
	}
	snprintf(out + o, cap - o, "%s%s", o ? " | " : "", line);
	free(copy);
}

static void test_english(kh_arena *a)
{
	kh_textstyle st = en_style();
	set_result *r = kh_xcalloc(1, sizeof *r);
	static const char para[] =
		"The Ministry of Health, Labour and Welfare is responsible for a wide range of fields: social "
		"security, social welfare, public health and better working conditions.";
	char oracle[2048];

	set(r, para, &st, 150, a);
	T_STR("en: lines",
	      "The Ministry of Health, Labour and | Welfare is responsible for a wide | range of fields: social security, social "
	      "| welfare, public health and better | working conditions.",
	      r->joined);
	greedy_words(para, &st, 150, oracle, sizeof oracle);
	T_STR("en: greedy by words, as measured", oracle, r->joined);
	T_NEAR("en justify: line ends at the frame", 150, end_of(&r->l[0]), W_EPS);
	{
		/* the word spaces of line 1 are stretched equally */
		const kh_line *l = &r->l[0];
		double first = -1, maxdiff = 0;
		for (int i = 0; i + 1 < l->n; i++)
			if (l->g[i].cp == ' ') {
				double gap = l->g[i + 1].x - l->g[i].x;
				if (first < 0)
					first = gap;
				else if (fabs(gap - first) > maxdiff)
					maxdiff = fabs(gap - first);
			}
		T_OK("en justify: equal word spaces", first > kh_font_advance(serif, ' ', 10) && maxdiff < 0.001);
		T_NEAR("en justify: letters not spaced (T to h)", kh_font_advance(serif, 'T', 10) + kh_font_kern(serif, 'T', 'h', 10),
		       l->g[1].x - l->g[0].x, 0.001);
	}
	T_NEAR("en: last line natural", kh_text_width("working conditions.", &st), r->l[r->n - 1].width, 0.001);

	set(r, "well-known well-known", &st, kh_text_width("well-known well-", &st) + 0.5, a);
	T_STR("en: break after a hyphen", "well-known well- | known", r->joined);
	set(r, "extra\xC2\xAD" "ordinary words", &st, kh_text_width("extraordinar", &st), a);
	T_STR("en: soft hyphen shown where the line breaks", "extra- | ordinary | words", r->joined);
	T_OK("en: soft hyphen line marked", r->l[0].hyphen_or_emergency && !r->l[1].hyphen_or_emergency);
	set(r, "extra\xC2\xAD" "ordinary", &st, 200, a);
	T_STR("en: soft hyphen invisible inside a line", "extraordinary", r->joined);

	st.align = KH_ALIGN_LEFT;
	set(r, "AVATAR", &st, 200, a);
	T_NEAR("en kerning: A V", kh_font_advance(serif, 'A', 10) + kh_font_kern(serif, 'A', 'V', 10), r->l[0].g[1].x, 0.001);
	T_OK("en kerning: closer than the advances", r->l[0].g[1].x < kh_font_advance(serif, 'A', 10) - 1);

	/* no Japanese rules in a Latin style */
	st.font = mincho;
	st.hanging = 1;
	set(r, "日本ABC", &st, 200, a);
	T_NEAR("en: no 和欧間", 20, x_of(&r->l[0], 'A', 0), 0.001);
	set(r, "文文文文文文文文文文。次", &st, 100, a);
	T_OK("en: no hanging", r->n == 2 && r->l[0].width <= 100 + W_EPS);

	st.font = serif;
	st.hanging = 0;
	st.align = KH_ALIGN_CENTER;
	set(r, "centred", &st, 100, a);
	T_NEAR("en center: offset", (100 - kh_text_width("centred", &st)) / 2, r->l[0].offset, 0.001);
	st.align = KH_ALIGN_RIGHT;
	set(r, "right", &st, 100, a);
	T_NEAR("en right: offset", 100 - kh_text_width("right", &st), r->l[0].offset, 0.001);
	free(r);
}

/* ---- mixed Japanese and English ---- */

static void test_mixed(kh_arena *a)
{
	kh_textstyle st = ja_style();
	set_result *r = kh_xcalloc(1, sizeof *r);

	st.fallback[0] = serif;
	st.nfallback = 1;
	set(r, "世界保健機関（World Health Organization: WHO）は、1948年に設立された国連の専門機関です。", &st, 150, a);
	T_STR("mixed: lines",
	      "世界保健機関（World Health | Organization: WHO）は、1948 | 年に設立された国連の専門機関で | す。",
	      r->joined);
	for (int i = 0; i + 1 < r->n; i++) {
		char nm[64];
		snprintf(nm, sizeof nm, "mixed: line %d justified to 150pt", i + 1);
		T_NEAR(nm, 150, r->l[i].width, W_EPS);
	}
	T_STR("mixed: nothing reported", "", r->diag);
	free(r);
}

/* ---- line adjustment (JLREQ 3.8) ---- */

/* Widening by priority: word spaces up to half an em, then 和欧間 up to
 * half an em, then between Japanese characters. */
static void test_widen(kh_arena *a)
{
	kh_textstyle st = ja_style();
	set_result *r = kh_xcalloc(1, sizeof *r);
	double sp = kh_font_advance(mincho, ' ', 10), nat = kh_text_width("文文文ABC DEF GHI", &st);
	const kh_line *l = &r->l[0];

	/* 5pt to spread: the two word spaces take 2.1pt each (to 5pt), the
	 * 和欧間 the 0.8pt left; the Japanese characters stay 1 em apart */
	set(r, "文文文ABC DEF GHI JKLMNOPQ", &st, nat + 5, a);
	T_STR("widen: a Latin word ends the line", "文文文ABC DEF GHI | JKLMNOPQ", r->joined);
	T_NEAR("widen: Japanese characters 1 em apart (1)", 10, x_of(l, 0x6587, 1) - x_of(l, 0x6587, 0), 0.001);
	T_NEAR("widen: Japanese characters 1 em apart (2)", 10, x_of(l, 0x6587, 2) - x_of(l, 0x6587, 1), 0.001);
	T_NEAR("widen: a word space grows to half an em", 5, x_of(l, 'D', 0) - x_of(l, ' ', 0), 0.001);
	T_NEAR("widen: ... every word space", 5, x_of(l, 'G', 0) - x_of(l, ' ', 1), 0.001);
	T_NEAR("widen: 和欧間 takes the rest", 2.5 + 5 - 2 * (5 - sp), x_of(l, 'A', 0) - 30, 0.001);
	T_NEAR("widen: letters of a word not spaced", kh_font_advance(mincho, 'A', 10), x_of(l, 'B', 0) - x_of(l, 'A', 0),
	       0.001);
	T_NEAR("widen: ends at the frame", nat + 5, end_of(l), W_EPS);

	/* 10pt: word spaces and 和欧間 full (half an em each), the 3.3pt left
	 * between the three Japanese characters, 1.65pt a gap */
	set(r, "文文文ABC DEF GHI JKLMNOPQ", &st, nat + 10, a);
	T_NEAR("widen: 和欧間 stops at half an em", 5, x_of(l, 'A', 0) - x_of(l, 0x6587, 2) - 10, 0.001);
	T_NEAR("widen: then between Japanese characters", 10 + (10 - 2 * (5 - sp) - 2.5) / 2,
	       x_of(l, 0x6587, 1) - x_of(l, 0x6587, 0), 0.001);
	T_NEAR("widen: word spaces stay at half an em", 5, x_of(l, 'D', 0) - x_of(l, ' ', 0), 0.001);
	T_NEAR("widen: ends at the frame, widened", nat + 10, end_of(l), W_EPS);

	/* more than every place can take up to its limit: the rest equally
	 * everywhere (two word spaces, one 和欧間, two Japanese gaps) */
	set(r, "文文文ABC DEF GHI JKLMNOPQ", &st, nat + 20, a);
	{
		double rest = (20 - 2 * (5 - sp) - 2.5 - 2 * 2.5) / 5;
		T_NEAR("widen: beyond the limits, equally: Japanese", 12.5 + rest, x_of(l, 0x6587, 1) - x_of(l, 0x6587, 0),
		       0.001);
		T_NEAR("widen: beyond the limits, equally: word space", 5 + rest, x_of(l, 'D', 0) - x_of(l, ' ', 0), 0.001);
		T_NEAR("widen: beyond the limits, equally: 和欧間", 5 + rest, x_of(l, 'A', 0) - x_of(l, 0x6587, 2) - 10, 0.001);
	}

	/* the flagship's case: a line ending before an unbreakable Latin word */
	nat = kh_text_width("について、特にASEAN地域に焦点を当てて、", &st);
	set(r, "について、特にASEAN地域に焦点を当てて、ASEAN各国と", &st, nat + 12, a);
	T_STR("widen: before ASEAN", "について、特にASEAN地域に焦点を当てて、 | ASEAN各国と", r->joined);
	T_NEAR("widen: 和欧間 at half an em", 5, x_of(l, 'A', 0) - x_of(l, 0x306B, 1) - 10, 0.001);
	/* 2 和欧間 take 5pt; the 13 Japanese gaps (none before 、) the other 7 */
	T_NEAR("widen: Japanese gaps share the rest", 10 + 7.0 / 13, x_of(l, 0x3064, 0) - x_of(l, 0x306B, 0), 0.001);
	T_NEAR("widen: none before 、", 10, x_of(l, 0x3001, 0) - x_of(l, 0x3066, 0), 0.001);
	T_NEAR("widen: nothing inside ASEAN", kh_font_advance(mincho, 'A', 10), x_of(l, 'S', 0) - x_of(l, 'A', 0), 0.001);

	/* a number is not spaced out: 2024 stays as set, 和欧間 at half an em */
	set(r, "予算は2024年度の分です。", &st, 85, a);
	T_STR("widen: a number", "予算は2024年度 | の分です。", r->joined);
	T_NEAR("widen: digits not spaced", 3 * kh_font_advance(mincho, '2', 10), x_of(l, '4', 0) - x_of(l, '2', 0), 0.001);
	T_NEAR("widen: 和欧間 before the number at half an em", 5, x_of(l, '2', 0) - x_of(l, 0x306F, 0) - 10, 0.001);
	T_NEAR("widen: ends at the frame", 85, end_of(l), W_EPS);
	free(r);
}

/* 追い込み: squeezing a line to take what does not quite fit. */
static void test_squeeze(kh_arena *a)
{
	kh_textstyle st = ja_style();
	set_result *r = kh_xcalloc(1, sizeof *r);
	const kh_line *l = &r->l[0];
	static const char neko[] = "彼は「吾輩は猫である。」と言った。";

	/* 12 characters, 11.5 em (。」 set close) in 11 em */
	st.compress = -1;
	set(r, neko, &st, 110, a);
	T_STR("squeeze off: る。」 goes down (追い出し)", "彼は「吾輩は猫であ | る。」と言った。", r->joined);
	T_NEAR("squeeze off: line 1 widened to the frame", 110, end_of(l), W_EPS);
	st.compress = 0;
	set(r, neko, &st, 110, a);
	T_STR("squeeze: …である。」 stays on the line (追い込み)", "彼は「吾輩は猫である。」 | と言った。", r->joined);
	T_NEAR("squeeze: 」's blank half hangs past the frame", 105, x_of(l, 0x300D, 0), W_EPS);
	T_NEAR("squeeze: ... its ink ends at the frame: width 110", 110, l->width, W_EPS);
	T_NEAR("squeeze: ... the glyph box ends half an em beyond", 115, end_of(l), W_EPS);
	T_NEAR("squeeze: line end enough: 「 keeps its blank", 20, x_of(l, 0x300C, 0), W_EPS);
	T_NEAR("squeeze: ... 吾 1 em after it", 30, x_of(l, 0x543E, 0), W_EPS);

	/* 10.8 em: the line end gives 5pt, 「's blank 2pt of its 2.5 */
	set(r, neko, &st, 108, a);
	T_STR("squeeze: line end and bracket", "彼は「吾輩は猫である。」 | と言った。", r->joined);
	T_NEAR("squeeze: 「 moved left by 2pt", 18, x_of(l, 0x300C, 0), W_EPS);
	T_NEAR("squeeze: ... and all after it", 28, x_of(l, 0x543E, 0), W_EPS);
	T_NEAR("squeeze: ink ends at the frame", 108, l->width, W_EPS);
	/* 10.7 em: a mark keeps a quarter em, so it does not fit */
	set(r, neko, &st, 107, a);
	T_STR("squeeze: at most a quarter em from a mark", "彼は「吾輩は猫であ | る。」と言った。", r->joined);

	/* four 、 give a quarter em each: 11 em in 10 */
	set(r, "文、文、文、文、文文文", &st, 100, a);
	T_STR("squeeze: 、 mid-line", "文、文、文、文、文文文", r->joined);
	T_NEAR("squeeze: 、 keeps a quarter em", 17.5, x_of(l, 0x6587, 1), W_EPS);
	T_NEAR("squeeze: last at the frame", 90, x_of(l, 0x6587, 6), W_EPS);
	st.compress = -1;
	set(r, "文、文、文、文、文文文", &st, 100, a);
	T_STR("squeeze off: 、 mid-line", "文、文、文、文、文文 | 文", r->joined);
	st.compress = 0;
	set(r, "文。文。文。文。文文文", &st, 100, a);
	T_STR("squeeze: not the space after 。 mid-line", "文。文。文。文。文文 | 文", r->joined);

	/* a last line is squeezed too (no widening after) */
	set(r, "文文文文文文文文文、", &st, 95, a);
	T_STR("squeeze: the last line", "文文文文文文文文文、", r->joined);
	T_NEAR("squeeze: last line: ink at the frame", 95, r->l[0].width, W_EPS);

	/* ぶら下げ only when squeezing is not enough */
	st.hanging = 1;
	set(r, "文文文文文文文文文、、文", &st, 100, a);
	T_STR("squeeze before hanging", "文文文文文文文文文、、 | 文", r->joined);
	T_OK("squeeze before hanging: nothing past the ink edge", r->l[0].width <= 100 + W_EPS);
	st.hanging = 0;
	free(r);
}

/* An opening bracket first on a line: its blank half is left out. */
static void test_line_start(kh_arena *a)
{
	kh_textstyle st = ja_style();
	set_result *r = kh_xcalloc(1, sizeof *r);

	st.align = KH_ALIGN_LEFT;
	set(r, "「注」と（参考）", &st, 200, a);
	T_NEAR("line start: 「 drawn half an em before the line", -5, r->l[0].g[0].x, W_EPS);
	T_NEAR("line start: its ink at the line start, 注 after it", 5, r->l[0].g[1].x, W_EPS);
	T_NEAR("line start: width from the ink", 75, r->l[0].width, W_EPS);
	T_NEAR("line start: kh_text_width agrees", 75, kh_text_width("「注」と（参考）", &st), W_EPS);
	T_NEAR("line start: not in the middle of the line", 35, x_of(&r->l[0], 0xFF08, 0), W_EPS);

	st.align = KH_ALIGN_JUSTIFY;
	st.indent = 10;
	set(r, "「文文文文文文文文文」（文文文文文文文文）", &st, 100, a);
	T_STR("line start: lines", "「文文文文文文文文 | 文」（文文文文文文文 | 文）", r->joined);
	T_NEAR("line start: indented first line: the ink at 1 em (JIS X 4051)", 5, r->l[0].g[0].x, W_EPS);
	T_NEAR("line start: justified first line ends at the frame", 100, end_of(&r->l[0]), W_EPS);
	set(r, "文文文文文文文文文文（文文文文文文文文）", &st, 100, a);
	T_STR("line start: bracket on a continuation line", "文文文文文文文文文 | 文（文文文文文文文 | 文）", r->joined);
	set(r, "文文文文文文文文文（文文文文文文文文）文文", &st, 100, a);
	T_STR("line start: bracket first on line 2", "文文文文文文文文文 | （文文文文文文文文） | 文文", r->joined);
	T_NEAR("line start: continuation line: 天付き", -5, r->l[1].g[0].x, W_EPS);
	T_NEAR("line start: its last glyph at the frame", 100, end_of(&r->l[1]), W_EPS);
	st.indent = 0;

	/* centred: placed by its ink */
	st.align = KH_ALIGN_CENTER;
	set(r, "（注）", &st, 100, a);
	T_NEAR("line start: centred by width 25", 37.5, r->l[0].offset, W_EPS);
	free(r);
}

/* Latin styles: none of this. */
static void test_latin_unaffected(kh_arena *a)
{
	kh_textstyle st = en_style();
	set_result *r = kh_xcalloc(1, sizeof *r);
	char before[8192];

	st.font = mincho;
	set(r, "「ABC」", &st, 200, a);
	T_NEAR("latin: a bracket first on the line keeps its blank", 0, r->l[0].g[0].x, W_EPS);
	T_NEAR("latin: kh_text_width keeps it", 20 + kh_text_width("ABC", &st), kh_text_width("「ABC」", &st), W_EPS);
	st.compress = -1;
	set(r, "彼は「吾輩は猫である。」と言った。The end, said the cat, is near.", &st, 110, a);
	snprintf(before, sizeof before, "%s", r->joined);
	st.compress = 0;
	set(r, "彼は「吾輩は猫である。」と言った。The end, said the cat, is near.", &st, 110, a);
	T_STR("latin: no squeezing by default", before, r->joined);
	{
		int within = r->n > 1;
		for (int i = 0; i < r->n; i++)
			within &= r->l[i].width <= 110 + W_EPS && r->l[i].g[0].x >= 0;
		T_OK("latin: every line within the frame", within);
	}
	st.font = serif;
	set(r, "The Ministry of Health, Labour and Welfare is responsible", &st, 150, a);
	T_STR("latin: word spaces only", "The Ministry of Health, Labour and | Welfare is responsible", r->joined);
	{
		const kh_line *l = &r->l[0];
		double sp = kh_font_advance(serif, ' ', 10), w = kh_text_width("The Ministry of Health, Labour and", &st);
		T_NEAR("latin: word spaces stretched without limit", sp + (150 - w) / 5, x_of(l, 'M', 0) - x_of(l, ' ', 0), 0.001);
	}
	free(r);
}

/* ---- invariants over random paragraphs ---- */

/* 1,500 paragraphs from a fixed generator (kana, ideographs, punctuation,
 * brackets, Latin words, digits, spaces, newlines) in random widths, styles
 * and options: nothing lost or reordered, every line within its width (but
 * a hanging mark, an emergency line, a single glyph wider than the line),
 * justified lines flush, glyphs in reading order, and one line set in a
 * wide frame as wide as kh_text_width says. */
static void test_random(kh_arena *a)
{
	static const char *const bits[] = {"文", "あ", "カ", "、", "。", "「", "」", "（", "）", "・", "ー", "っ",
	                                   "A", "word", "2024", " ", "\n", "\n\n", "『", "』", "，", "Latin text"};
	kh_textstyle st = ja_style();
	set_result *r = kh_xcalloc(1, sizeof *r);
	unsigned long seed = 7;
	int order = 1, within = 1, flush = 1, reading = 1, natural = 1, runs = 0;
	char text[1024], expect[1024], got[8192], one[1024];

	st.fallback[0] = serif;
	st.nfallback = 1;
	for (int it = 0; it < 1500; it++) {
		size_t o = 0, eo = 0, go = 0;
		double width;
		int n;
#define RND(m) ((int)(((seed = seed * 6364136223846793005ul + 1442695040888963407ul) >> 33) % (unsigned long)(m)))
		n = 1 + RND(40);
		for (int i = 0; i < n; i++) {
			const char *b = bits[RND(KH_COUNT(bits))];
			o += (size_t)snprintf(text + o, sizeof text - o, "%s", b);
		}
		width = 20 + RND(200);
		st.align = RND(3) ? KH_ALIGN_JUSTIFY : KH_ALIGN_LEFT;
		st.compress = RND(3) - 1;
		st.hanging = RND(4) == 0;
		st.indent = RND(3) == 0 ? 10 : 0;
		set(r, text, &st, width, a);
		/* the characters of the text but spaces and newlines, in order */
		for (const char *p = text; *p; p++)
			if (*p != ' ' && *p != '\n')
				expect[eo++] = *p;
		expect[eo] = 0;
		for (int i = 0; i < r->n; i++)
			for (const char *p = r->text[i]; *p; p++)
				if (*p != ' ' && go + 1 < sizeof got)
					got[go++] = *p;
		got[go] = 0;
		if (strcmp(expect, got) && order) {
			printf("# order: '%s' gave '%s'\n", text, r->joined);
			order = 0;
		}
		for (int i = 0; i < r->n; i++) {
			const kh_line *l = &r->l[i];
			uint32_t lc = l->g[l->n - 1].cp;
			int hang = st.hanging && l->n > 1 && (lc == 0x3001 || lc == 0x3002 || lc == 0xFF0C || lc == 0xFF0E);
			int single = l->n == 1 || l->hyphen_or_emergency;
			if (!hang && !single && l->width > width + W_EPS && within) {
				printf("# within: '%s' in %.0f: line %d '%s' is %.2f wide\n", text, width, i, r->text[i], l->width);
				within = 0;
			}
			if (st.align == KH_ALIGN_JUSTIFY && !l->last && !hang && !single && l->n > 2 &&
			    fabs(l->width - width) > W_EPS && flush) {
				printf("# flush: '%s' in %.0f: line %d '%s' is %.2f wide\n", text, width, i, r->text[i], l->width);
				flush = 0;
			}
			/* equal when a space and the blank of the 「 after it are both squeezed out */
			for (int k = 1; k < l->n; k++)
				if (l->g[k].x < l->g[k - 1].x - W_EPS && reading) {
					printf("# reading: '%s': line %d '%s' glyph %d at %.2f\n", text, i, r->text[i], k, l->g[k].x);
					reading = 0;
				}
		}
		/* one line, left aligned, in a wide frame: kh_text_width's width */
		if (!strchr(text, '\n')) {
			kh_textstyle wide = st;
			wide.align = KH_ALIGN_LEFT;
			wide.indent = 0;
			set(r, text, &wide, 10000, a);
			snprintf(one, sizeof one, "%s", text);
			if (r->n == 1 && fabs(r->l[0].width - kh_text_width(one, &wide)) > W_EPS && natural) {
				printf("# natural: '%s': line %.2f, kh_text_width %.2f\n", text, r->l[0].width,
				       kh_text_width(one, &wide));
				natural = 0;
			}
			runs++;
		}
#undef RND
	}
	printf("# random: %d single lines\n", runs);
	T_OK("random: nothing lost or reordered", order);
	T_OK("random: every line within its width", within);
	T_OK("random: justified lines end at the frame", flush);
	T_OK("random: glyphs in reading order", reading);
	T_OK("random: one line is as wide as kh_text_width says", natural && runs > 100);
	free(r);
}

/* ---- drawing ---- */

static void test_draw(kh_arena *a)
{
	kh_textstyle st = ja_style();
	set_result *r = kh_xcalloc(1, sizeof *r);
	kh_dl *dl = kh_dl_new();
	kh_dl_page *pg = kh_dl_add_page(dl, 595, 842);
	kh_dl_text *t;
	const uint32_t *used;
	int nused, has = 0;

	st.fallback[0] = serif;
	st.nfallback = 1;
	st.indent = 10;
	st.color.space = KH_COLOR_GRAY;
	set(r, "文ệ文", &st, 200, a);
	t = kh_line_draw(dl, pg, &r->l[0], &st, 50, 100);
	T_INT("draw: one text item per font run", 3, pg->nitems);
	T_OK("draw: returns the first item", t == &pg->first->u.text);
	T_OK("draw: fonts", pg->first->u.text.font == mincho && pg->first->next->u.text.font == serif &&
	                         pg->last->u.text.font == mincho);
	T_NEAR("draw: first run at x + indent", 60, t->x, W_EPS);
	T_NEAR("draw: second run after 文 and 和欧間", 72.5, pg->first->next->u.text.x, W_EPS);
	T_NEAR("draw: baseline", 100, t->y, W_EPS);
	T_OK("draw: size and colour", t->size == 10 && t->color.space == KH_COLOR_GRAY);
	{
		unsigned g;
		kh_font_glyph(serif, 0x1EC7, 0, &g);
		nused = kh_font_used_glyphs(serif, &used);
		for (int i = 0; i < nused; i++)
			has |= used[i] == g;
		T_OK("draw: glyphs recorded as used (ệ's glyph in Liberation Serif)", has && g > 0);
	}

	set(r, "文 文", &st, 200, a);
	t = kh_line_draw(dl, pg, &r->l[0], &st, 0, 0);
	T_OK("draw: interior spaces kept (for text extraction)", t && t->n == 3 && t->text[t->glyphs[1].cluster] == ' ');
	{
		unsigned gid;
		uint32_t s0, e0;
		kh_font_glyph(mincho, 0x6587, 0, &gid);
		T_INT("draw: the glyph ID is the font's (hb_font_get_nominal_glyph of 文)", (int)gid, t ? t->glyphs[0].gid : -1);
		T_OK("draw: IPAexMincho's 文 is a real glyph", gid > 0);
		T_STR("draw: the run keeps its text once", "文 文", t ? kh_arena_strndup(a, t->text, t->len) : "");
		kh_dl_glyph_text(t, 2, &s0, &e0);
		T_OK("draw: each glyph's cluster is its character's bytes", t->glyphs[1].cluster == 3 && s0 == 4 && e0 == 7);
		T_INT("draw: a glyph is 16 bytes", 16, (int)sizeof(kh_glyph));
	}

	/* vertical */
	{
		double h = kh_vertical_draw(dl, pg, "協働事業", &st, 100, 50, KH_NOLOC);
		kh_dl_text *v = &pg->last->u.text;
		double asc = kh_font_ascent(mincho, 10), desc = kh_font_descent(mincho, 10);
		T_NEAR("vertical: height 4 em", 40, h, W_EPS);
		T_NEAR("vertical: kh_vertical_height", 40, kh_vertical_height("協働事業", &st), W_EPS);
		T_INT("vertical: one glyph per character", 4, v->n);
		T_NEAR("vertical: centred", 95, v->x + v->glyphs[3].x, W_EPS);
		T_NEAR("vertical: first baseline", 50 + 10 * asc / (asc + desc), v->y + v->glyphs[0].y, W_EPS);
		T_NEAR("vertical: 1 em pitch", 30, v->glyphs[3].y - v->glyphs[0].y, W_EPS);
		kh_vertical_draw(dl, pg, "データ（注）", &st, 100, 50, KH_NOLOC);
		v = &pg->last->u.text;
		T_OK("vertical: ー and brackets rotated",
		     v->n == 6 && !(v->glyphs[0].flags & KH_GLYPH_ROTATE) && (v->glyphs[1].flags & KH_GLYPH_ROTATE) &&
		     !(v->glyphs[2].flags & KH_GLYPH_ROTATE) && (v->glyphs[3].flags & KH_GLYPH_ROTATE) &&
		     !(v->glyphs[4].flags & KH_GLYPH_ROTATE) && (v->glyphs[5].flags & KH_GLYPH_ROTATE));
		T_NEAR("vertical: rotated glyphs stand where upright ones would", 95, v->x + v->glyphs[1].x, W_EPS);
	}
	kh_dl_drop(dl);
	free(r);
}

int main(void)
{
	kh_arena *a;
	fonts = kh_fonts_new("fonts");
	mincho = kh_fonts_lookup(fonts, "IPAexMincho", NULL, KH_NOLOC);
	gothic = kh_fonts_lookup(fonts, "IPAexGothic", NULL, KH_NOLOC);
	serif = kh_fonts_lookup(fonts, "Liberation Serif", NULL, KH_NOLOC);
	if (!mincho || !gothic || !serif) {
		printf("skip test_paragraph: IPAex and Liberation fonts are needed (scripts/deps.sh)\n");
		kh_fonts_drop(fonts);
		return 0;
	}
	a = kh_arena_new();
	test_japanese(a);
	test_wakan(a);
	test_newlines(a);
	test_diagnostics(a);
	test_english(a);
	test_mixed(a);
	test_widen(a);
	test_squeeze(a);
	test_line_start(a);
	test_latin_unaffected(a);
	test_random(a);
	test_draw(a);
	kh_arena_drop(a);
	kh_fonts_drop(fonts);
	kh_diag_reset();
	T_DONE();
}
