/* linebreak.c -- where a line may break: ICU's line break iterator (UAX #14,
 * tailored for Japanese with lb=strict/normal/loose) plus the JLREQ kinsoku
 * classes on top.
 *
 * The only file that includes ICU.  Text comes in as code points, goes to ICU
 * as UTF-16 once per paragraph, and the boundaries come back as code point
 * indices.  The JLREQ tables are also used by paragraph.c (hanging
 * punctuation, 和欧間, which newlines are dropped).
 */
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utypes.h>

struct kh_breaker {
	UBreakIterator *bi;
	kh_kinsoku kinsoku;
	int jlreq;         /* apply the JLREQ classes on top of ICU (Japanese, Chinese) */
	UChar *u16;        /* the text as UTF-16 */
	int *map;          /* UTF-16 index -> code point index */
	size_t cap;
};

static const char *level_name(kh_kinsoku k)
{
	return k == KH_KINSOKU_LOOSE ? "loose" : k == KH_KINSOKU_NORMAL ? "normal" : "strict";
}

kh_breaker *kh_breaker_new(const char *lang, kh_kinsoku kinsoku)
{
	kh_breaker *b = kh_xcalloc(1, sizeof *b);
	char loc[80];
	size_t i, n;
	UErrorCode status = U_ZERO_ERROR;

	if (!lang || !*lang)
		lang = "ja";
	/* BCP 47 "ja-JP" -> ICU "ja_JP"; only the first 32 characters matter. */
	n = strlen(lang);
	if (n > 32)
		n = 32;
	for (i = 0; i < n; i++)
		loc[i] = lang[i] == '-' ? '_' : lang[i];
	loc[n] = 0;
	b->kinsoku = kinsoku;
	b->jlreq = (loc[0] == 'j' && loc[1] == 'a') || (loc[0] == 'z' && loc[1] == 'h');
	if (b->jlreq)
		snprintf(loc + n, sizeof loc - n, "@lb=%s", level_name(kinsoku));
	b->bi = ubrk_open(UBRK_LINE, loc, NULL, 0, &status);
	if (U_FAILURE(status) || !b->bi) {
		/* ICU's root rules are built in; this only fails without ICU data. */
		status = U_ZERO_ERROR;
		b->bi = ubrk_open(UBRK_LINE, "", NULL, 0, &status);
		if (U_FAILURE(status) || !b->bi)
			kh_die("ICU line break rules are not available (%s)", u_errorName(status));
	}
	return b;
}

void kh_breaker_drop(kh_breaker *b)
{
	if (!b)
		return;
	ubrk_close(b->bi);
	free(b->u16);
	free(b->map);
	free(b);
}

/* Characters after which UAX #14 always allows a break, whatever follows:
 * SP (LB18), ZW (LB8), CB (LB20).  The kinsoku layer leaves those breaks. */
static int is_sp(uint32_t cp)
{
	return cp == ' ' || cp == 0x200B || cp == 0xFFFC;
}

static int is_hyphen(uint32_t c);
static int is_mark(uint32_t c);
static int is_opening(uint32_t c);
static int is_inseparable(uint32_t c);

/* Characters that may start a line after Japanese where ICU does not
 * allow it: JLREQ's opening brackets (« is an ambiguous quotation mark to
 * UAX #14, never broken around); with CSS line-break normal, the hyphens
 * ‐ – (ICU keeps UAX #14's "no break before BA"); with loose, also the
 * inseparable characters … ‥. */
static int relaxed(uint32_t c, kh_kinsoku k)
{
	return is_opening(c) || (k != KH_KINSOKU_STRICT && is_hyphen(c)) ||
	       (k == KH_KINSOKU_LOOSE && is_inseparable(c));
}

void kh_breaker_run(kh_breaker *b, const uint32_t *cp, int n, unsigned char *brk)
{
	size_t need, len = 0;
	int32_t pos;
	UErrorCode status = U_ZERO_ERROR;

	if (n <= 0)
		return;
	memset(brk, 0, (size_t)n);
	need = (size_t)n * 2 + 1;
	if (need > b->cap) {
		free(b->u16);
		free(b->map);
		b->u16 = kh_xmalloc(need * sizeof *b->u16);
		b->map = kh_xmalloc(need * sizeof *b->map);
		b->cap = need;
	}
	for (int i = 0; i < n; i++) {
		uint32_t c = cp[i];
		if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
			c = 0xFFFD;
		if (c >= 0x10000) {
			b->map[len] = i;
			b->u16[len++] = (UChar)(0xD800 + ((c - 0x10000) >> 10));
			b->map[len] = i;
			b->u16[len++] = (UChar)(0xDC00 + ((c - 0x10000) & 0x3FF));
		} else {
			b->map[len] = i;
			b->u16[len++] = (UChar)c;
		}
	}
	b->map[len] = n;
	ubrk_setText(b->bi, b->u16, (int32_t)len, &status);
	if (U_FAILURE(status))
		return; /* only on a text longer than INT32_MAX: no opportunities */
	ubrk_first(b->bi);
	while ((pos = ubrk_next(b->bi)) != UBRK_DONE) {
		int st, i;
		if (pos <= 0 || (size_t)pos >= len)
			continue;
		i = b->map[pos];
		st = ubrk_getRuleStatus(b->bi);
		brk[i] = st >= UBRK_LINE_HARD && st < UBRK_LINE_HARD_LIMIT ? 2 : 1;
	}
	if (!b->jlreq)
		return;
	/* JLREQ on top of ICU: never before a not-at-line-start character or
	 * after a not-at-line-end one.  A break after a space or a zero width
	 * space stays: the author put it there. */
	for (int i = 1, base = 0; i < n; i++) {
		uint32_t prev = cp[base]; /* the character before, combining marks skipped */
		if (!is_mark(cp[i]))
			base = i;
		if (brk[i] == 1 && !is_sp(prev) &&
		    (kh_jis_no_start(cp[i], b->kinsoku) || kh_jis_no_end(prev)))
			brk[i] = 0;
		else if (brk[i] == 0 && relaxed(cp[i], b->kinsoku) && kh_is_cjk(prev) && !kh_jis_no_end(prev))
			brk[i] = 1;
	}
}

/* ---- JLREQ character classes ---- */

/* cl-02 closing brackets (and their full-width and half-width forms). */
static int is_closing(uint32_t c)
{
	switch (c) {
	case 0x0029: case 0x005D: case 0x007D: case 0x00BB: case 0x2019: case 0x201D:
	case 0x2986: case 0x3009: case 0x300B: case 0x300D: case 0x300F: case 0x3011:
	case 0x3015: case 0x3017: case 0x3019: case 0x301B: case 0x301E: case 0x301F:
	case 0xFF09: case 0xFF3D: case 0xFF5D: case 0xFF60: case 0xFF63:
		return 1;
	}
	return 0;
}

/* cl-01 opening brackets. */
static int is_opening(uint32_t c)
{
	switch (c) {
	case 0x0028: case 0x005B: case 0x007B: case 0x00AB: case 0x2018: case 0x201C:
	case 0x2985: case 0x3008: case 0x300A: case 0x300C: case 0x300E: case 0x3010:
	case 0x3014: case 0x3016: case 0x3018: case 0x301A: case 0x301D:
	case 0xFF08: case 0xFF3B: case 0xFF5B: case 0xFF5F: case 0xFF62:
		return 1;
	}
	return 0;
}

/* cl-06 full stops, cl-07 commas. */
static int is_stop_or_comma(uint32_t c)
{
	switch (c) {
	case 0x002C: case 0x002E: case 0x3001: case 0x3002:
	case 0xFF0C: case 0xFF0E: case 0xFF61: case 0xFF64:
		return 1;
	}
	return 0;
}

/* cl-11 small kana (and half-width forms), cl-10 prolonged sound mark. */
static int is_small_kana(uint32_t c)
{
	switch (c) {
	case 0x3041: case 0x3043: case 0x3045: case 0x3047: case 0x3049: case 0x3063:
	case 0x3083: case 0x3085: case 0x3087: case 0x308E: case 0x3095: case 0x3096:
	case 0x30A1: case 0x30A3: case 0x30A5: case 0x30A7: case 0x30A9: case 0x30C3:
	case 0x30E3: case 0x30E5: case 0x30E7: case 0x30EE: case 0x30F5: case 0x30F6:
	case 0x30FC: case 0xFF70:
		return 1;
	}
	return (c >= 0x31F0 && c <= 0x31FF) || (c >= 0xFF67 && c <= 0xFF6F);
}

/* cl-03 hyphens. */
static int is_hyphen(uint32_t c)
{
	return c == 0x2010 || c == 0x2013 || c == 0x301C || c == 0x30A0;
}

/* Combining marks and variation selectors: they belong to the character before. */
static int is_mark(uint32_t c)
{
	return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF) ||
	       (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xFE20 && c <= 0xFE2F) ||
	       c == 0x3099 || c == 0x309A || c == 0x200D || (c >= 0xE0100 && c <= 0xE01EF);
}

/* cl-08 inseparable characters. */
static int is_inseparable(uint32_t c)
{
	return c == 0x2024 || c == 0x2025 || c == 0x2026 || c == 0x22EF || c == 0xFE19 || c == 0x10AF6;
}

/* Characters CSS line-break: loose still lets start a line after an
 * ideograph: cl-05 middle dots, cl-04 full-width dividing punctuation,
 * cl-09 iteration marks, inseparable characters, prefixed abbreviations
 * (PO with East Asian width A/F/W). */
static int is_loose_ok(uint32_t c)
{
	switch (c) {
	/* cl-05 */
	case 0x30FB: case 0xFF1A: case 0xFF1B: case 0xFF65:
	/* cl-04 */
	case 0x203C: case 0x2047: case 0x2048: case 0x2049: case 0xFF01: case 0xFF1F:
	/* cl-09 */
	case 0x3005: case 0x303B: case 0x309D: case 0x309E: case 0x30FD: case 0x30FE:
	/* PO, width A/F/W */
	case 0x00B0: case 0x2030: case 0x2032: case 0x2033: case 0x2035: case 0x2103:
	case 0x2109: case 0xFE6A: case 0xFF05: case 0xFFE0:
		return 1;
	}
	return is_inseparable(c);
}

int kh_jis_no_start(uint32_t c, kh_kinsoku k)
{
	if (is_closing(c) || is_stop_or_comma(c))
		return 1;
	/* ASCII dividing punctuation and middle dots: Latin rules never break before them. */
	if (c == '!' || c == '?' || c == ':' || c == ';')
		return 1;
	if (k == KH_KINSOKU_LOOSE)
		return 0;
	if (is_loose_ok(c))
		return 1;
	if (k == KH_KINSOKU_NORMAL)
		return 0;
	return is_small_kana(c) || is_hyphen(c);
}

int kh_jis_no_end(uint32_t c)
{
	return is_opening(c);
}

int kh_jis_bracket(uint32_t c)
{
	return is_opening(c) || is_closing(c);
}

int kh_is_cjk(uint32_t c)
{
	if (c < 0x2E80)
		return c == 0x2014 || c == 0x2015 || c == 0x2025 || c == 0x2026 || c == 0x203B ||
		       (c >= 0x25A0 && c <= 0x25FF) || c == 0x2605 || c == 0x2606;
	return (c >= 0x2E80 && c <= 0x2FDF) ||   /* radicals */
	       (c >= 0x3000 && c <= 0x30FF) ||   /* CJK punctuation, kana */
	       (c >= 0x3190 && c <= 0x31FF) ||   /* kanbun, strokes, small katakana */
	       (c >= 0x3200 && c <= 0x4DBF) ||   /* enclosed, compatibility, extension A */
	       (c >= 0x4E00 && c <= 0x9FFF) ||   /* unified ideographs */
	       (c >= 0xF900 && c <= 0xFAFF) ||   /* compatibility ideographs */
	       (c >= 0xFE30 && c <= 0xFE4F) ||   /* compatibility forms */
	       (c >= 0xFF01 && c <= 0xFF60) ||   /* full-width forms */
	       (c >= 0xFF61 && c <= 0xFF9F) ||   /* half-width katakana */
	       (c >= 0xFFE0 && c <= 0xFFE6) ||
	       (c >= 0x20000 && c <= 0x3FFFF);   /* ideographs, planes 2 and 3 */
}
