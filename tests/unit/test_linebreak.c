/* test_linebreak.c -- break opportunities (ICU + JLREQ kinsoku), checked
 * against the corpora: web-platform-tests' Japanese line-break cases and the
 * JLREQ kinsoku classes, both through the paragraph setter (which line a
 * character lands on), and UAX #14's LineBreakTest.txt through the breaker. */
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "text.h"
#include "utf8.h"

#define CORPORA "../shared/corpora/linebreak/"
#define UAX14 "/usr/share/unicode/auxiliary/LineBreakTest.txt"

static kh_fonts *fonts;
static kh_textstyle style;

/* Set text in width pt; the lines as UTF-8 joined by " | " (static buffer). */
static const char *set(const char *text, kh_kinsoku k, double width)
{
	static char out[4096];
	size_t o = 0;
	kh_arena *a = kh_arena_new();
	kh_textstyle st = style;
	kh_setter *s;
	kh_line l;
	FILE *quiet = fopen("/dev/null", "w");
	st.kinsoku = k;
	kh_diag_set_output(quiet); /* missing glyphs, U+10AF6: not what is tested here */
	s = kh_setter_new(text, &st, a, KH_NOLOC);
	while (kh_setter_next(s, width, &l)) {
		if (o)
			o += (size_t)snprintf(out + o, sizeof out - o, " | ");
		for (int i = 0; i < l.n && o + 8 < sizeof out; i++)
			o += (size_t)kh_utf8_encode(l.g[i].cp, out + o);
		out[o] = 0;
	}
	out[o] = 0;
	kh_diag_set_output(stderr);
	fclose(quiet);
	kh_arena_drop(a);
	return out;
}

static void cps_utf8(const uint32_t *cp, int n, char *out)
{
	int o = 0;
	for (int i = 0; i < n; i++)
		o += kh_utf8_encode(cp[i], out + o);
	out[o] = 0;
}

/* ---- the breaker itself ---- */

static void test_breaker(void)
{
	kh_breaker *b = kh_breaker_new("ja", KH_KINSOKU_STRICT);
	unsigned char brk[16];
	uint32_t t1[] = {'a', 'b', ' ', 'c', 'd'};
	uint32_t t2[] = {'a', '\n', 'b'};
	uint32_t t3[] = {0x1F600, 0x6587, 0x1F600, 0x6587};
	uint32_t t4[] = {0x6587, 0x3001, 0x300C, 0x5B57, 0x300D, 0x3002};
	uint32_t t5[] = {0x6587, 0x30C3, 0x30FC, 0x5B57};

	kh_breaker_run(b, t1, 5, brk);
	T_OK("breaker: break after a space only", brk[0] == 0 && brk[1] == 0 && brk[2] == 0 && brk[3] == 1 && brk[4] == 0);
	kh_breaker_run(b, t2, 3, brk);
	T_INT("breaker: mandatory break after a newline is 2", 2, brk[2]);
	T_INT("breaker: no break before a newline", 0, brk[1]);
	kh_breaker_run(b, t3, 4, brk);
	T_OK("breaker: boundaries map back to code points past U+FFFF",
	     brk[0] == 0 && brk[1] == 1 && brk[2] == 1 && brk[3] == 1);
	kh_breaker_run(b, t4, 6, brk);
	/* 文、「字」。: breaks only before 「 (after 、) */
	T_OK("breaker: 文、「字」。", brk[1] == 0 && brk[2] == 1 && brk[3] == 0 && brk[4] == 0 && brk[5] == 0);
	kh_breaker_run(b, t5, 4, brk);
	T_OK("breaker: strict: not before ッ or ー", brk[1] == 0 && brk[2] == 0 && brk[3] == 1);
	kh_breaker_drop(b);

	b = kh_breaker_new("ja", KH_KINSOKU_NORMAL);
	kh_breaker_run(b, t5, 4, brk);
	T_OK("breaker: normal: before ッ and ー", brk[1] == 1 && brk[2] == 1 && brk[3] == 1);
	kh_breaker_drop(b);

	b = kh_breaker_new("en", KH_KINSOKU_STRICT);
	{
		uint32_t t6[] = {'w', 'e', 'l', 'l', '-', 'k', 'n', 'o', 'w', 'n'};
		kh_breaker_run(b, t6, 10, brk);
		T_OK("breaker: en: after a hyphen", brk[5] == 1 && brk[4] == 0 && brk[6] == 0);
	}
	kh_breaker_drop(b);

	T_OK("classes: 、 not at line start (all levels)", kh_jis_no_start(0x3001, KH_KINSOKU_LOOSE));
	T_OK("classes: ） not at line start", kh_jis_no_start(0xFF09, KH_KINSOKU_STRICT));
	T_OK("classes: ッ may start a line when normal", !kh_jis_no_start(0x30C3, KH_KINSOKU_NORMAL));
	T_OK("classes: ・ may start a line when loose", !kh_jis_no_start(0x30FB, KH_KINSOKU_LOOSE));
	T_OK("classes: （ not at line end", kh_jis_no_end(0xFF08) && kh_jis_no_end(0x300C) && kh_jis_no_end('('));
	T_OK("classes: 文 may end a line", !kh_jis_no_end(0x6587));
	T_OK("classes: cjk", kh_is_cjk(0x6587) && kh_is_cjk(0x3002) && kh_is_cjk(0xFF08) && !kh_is_cjk('a') &&
	                         !kh_is_cjk(0xE9));
}

/* ---- web-platform-tests css-text-line-break-ja ---- */

/* 文文文文文文X字字 in 6 em: may X start line 2? */
static int starts_line2(const char *x, kh_kinsoku k, const char **lines)
{
	char text[64], yes[64];
	snprintf(text, sizeof text, "文文文文文文%s字字", x);
	snprintf(yes, sizeof yes, "文文文文文文 | %s字字", x);
	*lines = set(text, k, 60);
	return strcmp(*lines, yes) == 0;
}

static void test_wpt(void)
{
	FILE *f = fopen(CORPORA "wpt-css-text-ja.tsv", "r");
	char line[512];
	int rows = 0, pass[3] = {0, 0, 0};
	static const char *const levels[] = {"strict", "normal", "loose"};

	if (!f) {
		printf("skip wpt-css-text-ja: " CORPORA "wpt-css-text-ja.tsv not found\n");
		return;
	}
	while (fgets(line, sizeof line, f)) {
		char *cat, *hex, *name, *exp[3], x[8];
		if (line[0] == '#' || !strncmp(line, "category", 8))
			continue;
		cat = strtok(line, "\t");
		hex = strtok(NULL, "\t");
		name = strtok(NULL, "\t");
		exp[0] = strtok(NULL, "\t\n");
		exp[1] = strtok(NULL, "\t\n");
		exp[2] = strtok(NULL, "\t\n");
		if (!cat || !hex || !name || !exp[2])
			continue;
		rows++;
		x[kh_utf8_encode((uint32_t)strtoul(hex, NULL, 16), x)] = 0;
		for (int k = 0; k < 3; k++) {
			const char *lines;
			int want = !strcmp(exp[k], "yes"), got = starts_line2(x, (kh_kinsoku)k, &lines);
			char nm[256], no[64];
			snprintf(no, sizeof no, "文文文文文 | 文%s字字", x);
			if (want == got && (want || !strcmp(lines, no)))
				pass[k]++;
			if (k == 0 || want != got) {
				snprintf(nm, sizeof nm, "wpt %s %s U+%s %s: %s line 2", levels[k], cat, hex, name,
				         want ? "starts" : "does not start");
				T_STR(nm, want ? "yes" : no, want == got && want ? "yes" : lines);
			}
		}
	}
	fclose(f);
	T_INT("wpt: rows read", 87, rows);
	T_INT("wpt: normal rows pass", rows, pass[1]);
	T_INT("wpt: loose rows pass", rows, pass[2]);
}

/* ---- JLREQ kinsoku classes ---- */

/* The full-width form of an ASCII character, if Japanese text uses one. */
static uint32_t fullwidth(uint32_t c)
{
	return c > 0x20 && c < 0x7F ? c + 0xFEE0 : 0;
}

static int check_class(const char *rule, const char *x, char *why, size_t whylen)
{
	char text[64], exp[64];
	const char *got;
	if (!strcmp(rule, "not-at-line-start")) {
		snprintf(text, sizeof text, "文文文文文文%s字字", x);
		snprintf(exp, sizeof exp, "文文文文文 | 文%s字字", x);
	} else {
		snprintf(text, sizeof text, "文文文文文%s字字字", x);
		snprintf(exp, sizeof exp, "文文文文文 | %s字字字", x);
	}
	got = set(text, KH_KINSOKU_STRICT, 60);
	if (strcmp(got, exp)) {
		snprintf(why, whylen, "%s: expected '%s', got '%s'", x, exp, got);
		return 0;
	}
	return 1;
}

static void test_jlreq(void)
{
	FILE *f = fopen(CORPORA "jlreq-kinsoku.tsv", "r");
	char line[512], cls[16] = "", rule[32] = "";
	int total = 0, ok = 0, classok = 1, nclass = 0;
	char why[512] = "";
	/* Forms JLREQ's tables leave out but Japanese text uses: half-width
	 * katakana forms and the inseparable leaders. */
	static const struct { const char *rule, *x; } extra[] = {
		{"not-at-line-start", "…"}, {"not-at-line-start", "‥"}, {"not-at-line-start", "｡"},
		{"not-at-line-start", "､"}, {"not-at-line-start", "｣"}, {"not-at-line-start", "･"},
		{"not-at-line-start", "ｰ"}, {"not-at-line-start", "ｯ"}, {"not-at-line-start", "〟"},
		{"not-at-line-start", "％"}, {"not-at-line-start", "℃"}, {"not-at-line-end", "｢"},
		{"not-at-line-end", "〝"}, {"not-at-line-end", "〘"},
	};

	if (!f) {
		printf("skip jlreq-kinsoku: " CORPORA "jlreq-kinsoku.tsv not found\n");
		return;
	}
	for (;;) {
		char *r, *c, *ucs, x[32], nm[1200];
		int end = !fgets(line, sizeof line, f);
		if (!end && line[0] == '#')
			continue;
		r = end ? NULL : strtok(line, "\t");
		c = end ? NULL : strtok(NULL, "\t");
		ucs = end ? NULL : strtok(NULL, "\t");
		if (end || !c || strcmp(c, cls) || strcmp(r, rule)) {
			if (nclass) {
				snprintf(nm, sizeof nm, "jlreq %s %s (%d characters with their full-width forms)%s%s", cls,
				         rule, nclass, classok ? "" : ": ", classok ? "" : why);
				T_OK(nm, classok);
			}
			if (end)
				break;
			if (!c || !r || !ucs)
				continue;
			snprintf(cls, sizeof cls, "%s", c);
			snprintf(rule, sizeof rule, "%s", r);
			classok = 1;
			nclass = 0;
		}
		if (!ucs)
			continue;
		/* "3001" or "<31F7, 309A>" */
		{
			char *p = ucs;
			int o = 0;
			while (*p) {
				if ((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'F')) {
					uint32_t cp = (uint32_t)strtoul(p, &p, 16);
					o += kh_utf8_encode(cp, x + o);
				} else {
					p++;
				}
			}
			x[o] = 0;
		}
		nclass++;
		total++;
		if (check_class(rule, x, why, sizeof why))
			ok++;
		else
			classok = 0;
		{
			uint32_t cp, fw;
			if (kh_utf8_decode(x, strlen(x), &cp) == (int)strlen(x) && (fw = fullwidth(cp))) {
				char y[8];
				y[kh_utf8_encode(fw, y)] = 0;
				total++;
				if (check_class(rule, y, why, sizeof why))
					ok++;
				else
					classok = 0;
			}
		}
	}
	fclose(f);
	T_OK("jlreq: every kinsoku row read", total >= 103);
	for (size_t i = 0; i < KH_COUNT(extra); i++) {
		char nm[128];
		snprintf(nm, sizeof nm, "jlreq extra %s %s", extra[i].rule, extra[i].x);
		T_OK(nm, check_class(extra[i].rule, extra[i].x, why, sizeof why));
	}
}

/* ---- UAX #14 LineBreakTest.txt ---- */

/* ICU's documented tailoring of numbers (UAX #14 LB25 taken as the regular
 * expression of its example 7): the cases of LineBreakTest.txt ICU 72
 * answers differently, by their test string. */
static const struct { const char *test, *reason; } icu_exceptions[] = {
	{"× 002D ÷ 0023 ÷", "ICU keeps a hyphen-minus with what follows, as the sign of a number"},
	{"× 002D × 0308 ÷ 0023 ÷", "ICU keeps a hyphen-minus with what follows, as the sign of a number"},
	{"× 002D ÷ 00A7 ÷", "ICU keeps a hyphen-minus with what follows, as the sign of a number"},
	{"× 002D × 0308 ÷ 00A7 ÷", "ICU keeps a hyphen-minus with what follows, as the sign of a number"},
	{"× 002D ÷ 50005 ÷", "ICU keeps a hyphen-minus with what follows, as the sign of a number"},
	{"× 002D × 0308 ÷ 50005 ÷", "ICU keeps a hyphen-minus with what follows, as the sign of a number"},
	{"× 002D ÷ 0E01 ÷", "ICU keeps a hyphen-minus with what follows, as the sign of a number"},
	{"× 002D × 0308 ÷ 0E01 ÷", "ICU keeps a hyphen-minus with what follows, as the sign of a number"},
	{"× 002C ÷ 0030 ÷", "ICU reads ',0' as part of a number (IS × NU)"},
	{"× 002C × 0308 ÷ 0030 ÷", "ICU reads ',0' as part of a number (IS × NU)"},
	{"× 0065 × 0071 × 0075 × 0061 × 006C × 0073 × 0020 × 002E ÷ 0033 × 0035 × 0020 ÷ 0063 × 0065 × 006E × 0074 × 0073 ÷",
	 "ICU reads '.35' as a number (IS × NU)"},
	{"× 0061 × 002E ÷ 0032 × 0020 ÷", "ICU reads '.2' as a number (IS × NU)"},
	{"× 0061 × 002E ÷ 0032 × 0020 ÷ 0915 ÷", "ICU reads '.2' as a number (IS × NU)"},
	{"× 0061 × 002E ÷ 0032 × 0020 ÷ 672C ÷", "ICU reads '.2' as a number (IS × NU)"},
	{"× 0061 × 002E ÷ 0032 × 3000 ÷ 672C ÷", "ICU reads '.2' as a number (IS × NU)"},
	{"× 0061 × 002E ÷ 0032 × 3000 ÷ 307E ÷", "ICU reads '.2' as a number (IS × NU)"},
	{"× 0061 × 002E ÷ 0032 × 3000 ÷ 0033 ÷", "ICU reads '.2' as a number (IS × NU)"},
	{"× 0041 × 002E ÷ 0031 × 0020 ÷ BABB ÷", "ICU reads '.1' as a number (IS × NU)"},
	{"× BD24 ÷ C5B4 × 002E × 0020 ÷ 0041 × 002E ÷ 0032 × 0020 ÷ BCFC ÷", "ICU reads '.2' as a number (IS × NU)"},
	{"× BD10 ÷ C694 × 002E × 0020 ÷ 0041 × 002E ÷ 0033 × 0020 ÷ BABB ÷", "ICU reads '.3' as a number (IS × NU)"},
	{"× C694 × 002E × 0020 ÷ 0041 × 002E ÷ 0034 × 0020 ÷ BABB ÷", "ICU reads '.4' as a number (IS × NU)"},
	{"× 0061 × 002E ÷ 0032 × 3000 ÷ 300C ÷", "ICU reads '.2' as a number (IS × NU)"},
};

static void trim(char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n'))
		s[--n] = 0;
}

static void test_uax14(void)
{
	FILE *f = fopen(UAX14, "r");
	char line[8192];
	int cases = 0, pass = 0, excused = 0, lineno = 0, unexpected = 0;
	int used[KH_COUNT(icu_exceptions)] = {0};
	kh_breaker *b;

	if (!f) {
		printf("skip uax14: " UAX14 " not found (Debian package unicode-data)\n");
		return;
	}
	b = kh_breaker_new("ja", KH_KINSOKU_STRICT);
	while (fgets(line, sizeof line, f)) {
		uint32_t cp[512];
		unsigned char want[513], brk[512];
		int n = 0, bad = 0;
		char *p = line, *hash = strchr(line, '#');
		lineno++;
		if (hash)
			*hash = 0;
		trim(line);
		while (*p && n < 512) {
			if (!strncmp(p, "×", 2)) {
				want[n] = 0;
				p += 2;
			} else if (!strncmp(p, "÷", 2)) {
				want[n] = 1;
				p += 2;
			} else if ((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'F')) {
				cp[n++] = (uint32_t)strtoul(p, &p, 16);
			} else {
				p++;
			}
		}
		if (n == 0)
			continue;
		cases++;
		kh_breaker_run(b, cp, n, brk);
		for (int i = 1; i < n; i++)
			if ((brk[i] != 0) != want[i])
				bad = 1;
		if (!bad) {
			pass++;
			continue;
		}
		{
			size_t e;
			for (e = 0; e < KH_COUNT(icu_exceptions); e++)
				if (!strcmp(icu_exceptions[e].test, line))
					break;
			if (e < KH_COUNT(icu_exceptions)) {
				excused++;
				used[e] = 1;
			} else if (unexpected++ < 20) {
				char nm[600], got[2048], u[512];
				int o = 0;
				cps_utf8(cp, n, u);
				for (int i = 0; i < n && o < 2000; i++)
					o += snprintf(got + o, sizeof got - (size_t)o, "%s%04X ",
					              i == 0 ? "× " : brk[i] ? "÷ " : "× ", cp[i]);
				snprintf(nm, sizeof nm, "uax14 line %d: %.300s: got %.250s", lineno, line, got);
				T_OK(nm, 0);
			}
		}
	}
	fclose(f);
	kh_breaker_drop(b);
	for (size_t e = 0; e < KH_COUNT(icu_exceptions); e++)
		if (!used[e])
			printf("note: uax14 exception no longer needed (ICU now agrees): %s\n", icu_exceptions[e].test);
	printf("uax14: %d cases, %d pass, %d known ICU exceptions, %d unexpected\n", cases, pass, excused, unexpected);
	T_OK("uax14: LineBreakTest.txt read", cases > 7000);
	T_INT("uax14: mismatches other than ICU's number tailoring", 0, unexpected);
}

int main(void)
{
	test_breaker();
	fonts = kh_fonts_new("fonts");
	style.font = kh_fonts_lookup(fonts, "IPAexMincho", NULL, KH_NOLOC);
	style.fallback[0] = kh_fonts_lookup(fonts, "IPAexGothic", NULL, KH_NOLOC);
	style.nfallback = 1;
	style.size = 10;
	style.align = KH_ALIGN_JUSTIFY;
	if (!style.font) {
		printf("skip wpt, jlreq: IPAexMincho is not installed\n");
	} else {
		test_wpt();
		test_jlreq();
	}
	test_uax14();
	kh_fonts_drop(fonts);
	T_DONE();
}
