/* paragraph.c -- setting text into lines: greedy line filling on ICU's break
 * opportunities, justification, JLREQ spacing, and vertical labels.
 *
 * kh_setter_new normalises the text (newlines, tabs, control characters),
 * picks a font for every character (the style's font, then its fallbacks),
 * measures it once (advances, Latin kerning, 和欧間, letter spacing, kept as
 * prefix sums so any line's width is one subtraction) and runs the line
 * breaker once over the whole text.  kh_setter_next then fills one line in
 * the width it is given.  docs/typesetting.md describes the rules.
 */
#include "text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* Per-character flags. */
enum {
	F_SPACE = 1,   /* U+0020: trimmed at line ends, stretched when justifying Latin */
	F_NL = 2,      /* forced line break marker (a paragraph break or U+2028): not drawn */
	F_PARA = 4,    /* ... that ends a paragraph: the next line is a first line */
	F_INVIS = 8,   /* zero width, not drawn (ZWSP, ZWJ, soft hyphen, selectors) */
	F_HANG = 16,   /* 、。，． may hang past the line end (ぶら下げ) */
	F_SHY = 32,    /* soft hyphen: drawn as '-' when the line breaks after it */
};

/* JLREQ spacing of each character (s->jf): where its blank halves and the
 * spaces around it may go when a line is set (JLREQ 3.1.4, 3.8). */
enum {
	J_OPEN = 1,    /* full-width opening bracket: its blank left half is left out at a line start */
	J_LB = 2,      /* ... and may be squeezed out in the middle of a line */
	J_RB = 4,      /* full-width 、，or closing bracket: its blank right half may be squeezed
	                * out in the middle of a line (not taken by the next punctuation already) */
	J_END = 8,     /* full-width 、。，．or closing bracket: its blank right half may be left
	                * hanging past the frame at a line end */
	J_WAKAN = 16,  /* the space before it holds a quarter-em 和欧間 */
	J_WS = 32,     /* a word space wider than a quarter em, which may shrink to one */
};

#define EPS 1e-6
#define MAXFONTS 5

/* A normalised text: characters with their source byte offsets. */
typedef struct ntext {
	int n;
	uint32_t *cp;
	uint32_t *vs;           /* the variation selector after cp (0: none): one unit with it */
	uint32_t *src;
	unsigned char *flags;
} ntext;

struct kh_setter {
	kh_textstyle st;        /* a copy: the caller's may be temporary */
	kh_arena *arena;
	kh_loc where;
	const char *text;       /* the source, copied into the arena */
	size_t len;
	int n, pos;
	uint32_t *cp, *vs, *src;
	uint16_t *gid;          /* glyph of each character in its font (0: none has it) */
	unsigned char *flags, *brk, *fi;
	double *adv;            /* advance of each character */
	double *gap;            /* space before it when it is not first on the line */
	double *sum;            /* sum[i] = total of gap + adv of characters before i */
	double *csum;           /* csum[i] = what characters before i can give back mid-line (追い込み) */
	unsigned char *jf;      /* J_ flags */
	int compress;           /* 追い込み on */
	kh_font *fonts[MAXFONTS];
	double asc[MAXFONTS], desc[MAXFONTS];
	int nfonts;
	double hyphen_adv;      /* '-' for a soft hyphen at a line end */
	int first;              /* the next line starts a paragraph */
	int said_emergency;
};

/* ---- character classes ---- */

static int is_selector(uint32_t c)
{
	return (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF);
}

static int is_invisible(uint32_t c)
{
	return c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF || c == 0x00AD ||
	       (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF);
}

static int is_hangable(uint32_t c)
{
	return c == 0x3001 || c == 0x3002 || c == 0xFF0C || c == 0xFF0E;
}

/* The Japanese side of 和欧間: kana and ideographs, not punctuation (which
 * carries its own space in the glyph). */
static int is_wa(uint32_t c)
{
	return (c >= 0x3041 && c <= 0x3096) || (c >= 0x309D && c <= 0x309F) || (c >= 0x30A1 && c <= 0x30FA) ||
	       (c >= 0x30FC && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) || (c >= 0x3005 && c <= 0x3007) ||
	       c == 0x303B || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
	       (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
}

/* The Western side of 和欧間: Latin, Greek and Cyrillic letters and digits. */
static int is_ou(uint32_t c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
	return (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x370 && c <= 0x52F) ||
	       (c >= 0x1E00 && c <= 0x1EFF);
}

/* Characters that need a full em when no font has them (a .notdef box is
 * about that wide); others get half an em. */
static int is_wide(uint32_t c)
{
	return kh_is_cjk(c) || (c >= 0x1100 && c <= 0x115F) || (c >= 0xAC00 && c <= 0xD7A3) ||
	       (c >= 0x1F300 && c <= 0x1FAFF);
}

static int is_control(uint32_t c)
{
	return c < 0x20 || (c >= 0x7F && c < 0xA0);
}

/* ---- normalisation ---- */

typedef struct seen {
	uint32_t *keys; /* cp + 1; 0 = empty */
	size_t cap, n;
} seen;

/* Adds cp; returns 1 if it was not there yet. */
static int seen_add(seen *s, uint32_t cp)
{
	size_t h;
	if ((s->n + 1) * 2 > s->cap) {
		size_t ncap = s->cap ? s->cap * 2 : 64;
		uint32_t *nk = kh_xcalloc(ncap, sizeof *nk);
		for (size_t i = 0; i < s->cap; i++)
			if (s->keys[i]) {
				for (h = (s->keys[i] * 2654435761u) & (ncap - 1); nk[h]; h = (h + 1) & (ncap - 1))
					;
				nk[h] = s->keys[i];
			}
		free(s->keys);
		s->keys = nk;
		s->cap = ncap;
	}
	for (h = ((cp + 1) * 2654435761u) & (s->cap - 1); s->keys[h]; h = (h + 1) & (s->cap - 1))
		if (s->keys[h] == cp + 1)
			return 0;
	s->keys[h] = cp + 1;
	s->n++;
	return 1;
}

/* Quote a character for a message: 'x', or nothing printable for controls. */
static void say_char(char *out, uint32_t cp)
{
	int k = kh_utf8_encode(cp, out);
	out[k] = 0;
}

enum { NL_NONE, NL_SPACE, NL_LINE, NL_PARA };

/* Decode and normalise utf8 (see text.h): \r\n and \r are \n; a single \n
 * between Japanese characters is dropped, other single newlines are spaces;
 * two or more (spaces between them allowed), \f and U+2029 end a paragraph;
 * \v and U+2028 break the line.  ASCII spaces next to a newline go with it;
 * newlines at the start and end go.  Tabs are spaces.  Control characters
 * and invalid UTF-8 are reported (when `report`) and left out. */
static void normalise(const char *utf8, size_t len, ntext *t, kh_loc where, int report)
{
	size_t i = 0;
	int n = 0, said_invalid = 0;
	seen ctl = {0};

	t->cp = kh_xmalloc((len + 1) * sizeof *t->cp);
	t->vs = kh_xcalloc(len + 1, sizeof *t->vs);
	t->src = kh_xmalloc((len + 1) * sizeof *t->src);
	t->flags = kh_xcalloc(len + 1, 1);
	while (i < len) {
		uint32_t c;
		int k = kh_utf8_decode(utf8 + i, len - i, &c);
		size_t at = i;
		int kind = NL_NONE, newlines = 0;

		if (k < 0) {
			if (report && !said_invalid)
				kh_warning(where, "text is not valid UTF-8 (byte 0x%02X); shown as U+FFFD",
				           (unsigned char)utf8[i]);
			said_invalid = 1;
			c = 0xFFFD;
			k = 1;
		}
		i += (size_t)k;
		if (c == '\t')
			c = ' ';
		/* A run of newlines with blanks between them. */
		if (c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0x85 || c == 0x2028 || c == 0x2029) {
			size_t j = at;
			kind = NL_SPACE;
			for (;;) {
				uint32_t d;
				int m;
				if (j >= len)
					break;
				m = kh_utf8_decode(utf8 + j, len - j, &d);
				if (m < 0)
					break;
				if (d == '\r') {
					newlines++;
					if (j + 1 < len && utf8[j + 1] == '\n')
						j++;
				} else if (d == '\n' || d == 0x85) {
					newlines++;
				} else if (d == '\f' || d == 0x2029) {
					kind = NL_PARA;
				} else if (d == '\v' || d == 0x2028) {
					if (kind < NL_LINE)
						kind = NL_LINE;
				} else if (d != ' ' && d != '\t') {
					break;
				}
				j += (size_t)m;
			}
			if (newlines >= 2)
				kind = NL_PARA;
			i = j;
			/* Blanks before the newline go with it. */
			while (n > 0 && t->cp[n - 1] == ' ')
				n--;
			if (n == 0 || i >= len)
				continue; /* newlines at the start or the end */
			if (kind == NL_SPACE) {
				uint32_t next;
				if (kh_utf8_decode(utf8 + i, len - i, &next) > 0 && kh_is_cjk(next) &&
				    kh_is_cjk(t->cp[n - 1]))
					continue; /* joined: a hand-wrapped Japanese line */
				t->cp[n] = ' ';
				t->src[n] = (uint32_t)at;
				t->flags[n++] = F_SPACE;
				continue;
			}
			t->cp[n] = kind == NL_PARA ? '\n' : 0x2028;
			t->src[n] = (uint32_t)at;
			t->flags[n++] = (unsigned char)(F_NL | (kind == NL_PARA ? F_PARA : 0));
			continue;
		}
		if (is_selector(c) && n > 0 && !t->vs[n - 1] && !(t->flags[n - 1] & (F_NL | F_SPACE | F_INVIS))) {
			t->vs[n - 1] = c; /* a variation sequence: one unit with its base */
			continue;
		}
		if (is_control(c)) {
			if (report && seen_add(&ctl, c))
				kh_warning(where, "text contains the control character U+%04X, which is left out",
				           (unsigned)c);
			continue;
		}
		t->cp[n] = c;
		t->src[n] = (uint32_t)at;
		t->flags[n] = c == ' ' ? F_SPACE : 0;
		if (is_invisible(c))
			t->flags[n] |= F_INVIS;
		if (c == 0x00AD)
			t->flags[n] |= F_SHY;
		if (is_hangable(c))
			t->flags[n] |= F_HANG;
		n++;
	}
	free(ctl.keys);
	while (n > 0 && t->cp[n - 1] == ' ')
		n--; /* trailing spaces would only ever end a line */
	t->n = n;
	t->src[n] = (uint32_t)len;
}

static void ntext_free(ntext *t)
{
	free(t->cp);
	free(t->vs);
	free(t->src);
	free(t->flags);
}

/* ---- measuring ---- */

typedef struct measurer {
	const kh_textstyle *st;
	kh_font *fonts[MAXFONTS];
	int nfonts;
	int report;
	kh_loc where;
} measurer;

static void measurer_init(measurer *m, const kh_textstyle *st, kh_loc where, int report)
{
	memset(m, 0, sizeof *m);
	m->st = st;
	m->where = where;
	m->report = report;
	m->fonts[m->nfonts++] = st->font;
	for (int i = 0; i < st->nfallback && i < 4; i++) {
		int dup = 0;
		for (int j = 0; j < m->nfonts; j++)
			dup |= m->fonts[j] == st->fallback[i];
		if (st->fallback[i] && !dup) /* a fallback mapped to the font itself adds nothing */
			m->fonts[m->nfonts++] = st->fallback[i];
	}
}

static void measurer_done(measurer *m)
{
	(void)m;
}

/* Characters reported missing, per main font, for the whole run: a table
 * column of 100 rows with the same missing character is said once. */
static struct reported {
	kh_font *font;
	seen cps;
} *reported;
static size_t nreported, capreported;

static seen *reported_for(kh_font *f)
{
	for (size_t i = 0; i < nreported; i++)
		if (reported[i].font == f)
			return &reported[i].cps;
	kh_grow(&reported, sizeof *reported, nreported + 1, &capreported);
	memset(&reported[nreported], 0, sizeof reported[nreported]);
	reported[nreported].font = f;
	return &reported[nreported++].cps;
}

void kh_text_forget(void)
{
	for (size_t i = 0; i < nreported; i++)
		free(reported[i].cps.keys);
	free(reported);
	reported = NULL;
	nreported = capreported = 0;
}

static void report_missing(measurer *m, uint32_t cp)
{
	char ch[8];
	kh_buf names = KH_BUF_INIT;
	if (!m->report || !m->st->font || !seen_add(reported_for(m->st->font), cp))
		return;
	say_char(ch, cp);
	for (int i = 0; i < m->nfonts; i++) {
		if (i)
			kh_buf_puts(&names, i == m->nfonts - 1 ? " or " : ", ");
		kh_buf_puts(&names, kh_font_family(m->fonts[i]));
	}
	if (m->st->strict_glyphs)
		kh_error(m->where, "'%s' (U+%04X) is not in %s", ch, (unsigned)cp, kh_buf_cstr(&names));
	else
		kh_warning(m->where, "'%s' (U+%04X) is not in %s", ch, (unsigned)cp, kh_buf_cstr(&names));
	kh_hint("add a font that has it to the style's 'fallback' list");
	kh_buf_free(&names);
}

/* A variation sequence no font has: said once per sequence and main font. */
static void report_missing_vs(measurer *m, uint32_t cp, uint32_t vs)
{
	char ch[16], base[8];
	uint32_t key = cp | (uint32_t)(vs >= 0xE0100 ? vs - 0xE0100 + 17 : vs - 0xFE00 + 1) << 21;
	kh_buf names = KH_BUF_INIT;
	int k;
	if (!m->report || !m->st->font || !seen_add(reported_for(m->st->font), key))
		return;
	k = kh_utf8_encode(cp, ch);
	k += kh_utf8_encode(vs, ch + k);
	ch[k] = 0;
	say_char(base, cp);
	for (int i = 0; i < m->nfonts; i++) {
		if (i)
			kh_buf_puts(&names, i == m->nfonts - 1 ? " or " : ", ");
		kh_buf_puts(&names, kh_font_family(m->fonts[i]));
	}
	if (m->st->strict_glyphs)
		kh_error(m->where, "'%s' (U+%04X U+%04X) is not in %s", ch, (unsigned)cp, (unsigned)vs,
		         kh_buf_cstr(&names));
	else
		kh_warning(m->where, "'%s' (U+%04X U+%04X) is not in %s; set as '%s' (U+%04X)", ch, (unsigned)cp,
		           (unsigned)vs, kh_buf_cstr(&names), base, (unsigned)cp);
	kh_hint("add a font that has the variation sequence to the style's 'fallback' list (IPAmj Mincho has the resident-register forms)");
	kh_buf_free(&names);
}

/* Font index, advance and glyph for cp and its variation selector *vs
 * (0: none).  A sequence no font has is reported and set as its base
 * character (*vs = 0). */
static int pick_font(measurer *m, uint32_t cp, uint32_t *vs, double *adv, uint16_t *gid)
{
	double size = m->st->size;
	unsigned g;
	if (*vs) {
		for (int i = 0; i < m->nfonts; i++)
			if (m->fonts[i] && kh_font_glyph(m->fonts[i], cp, *vs, &g)) {
				*adv = kh_font_glyph_advance(m->fonts[i], g, size);
				*gid = (uint16_t)g;
				return i;
			}
		if (*vs != 0xFE0E && *vs != 0xFE0F) /* text and emoji presentation: a preference only */
			report_missing_vs(m, cp, *vs);
		*vs = 0;
	}
	for (int i = 0; i < m->nfonts; i++)
		if (m->fonts[i] && kh_font_glyph(m->fonts[i], cp, 0, &g)) {
			*adv = kh_font_advance(m->fonts[i], cp, size);
			*gid = (uint16_t)g;
			return i;
		}
	if (cp != 0xFFFD) /* U+FFFD: bad input, reported where it was decoded */
		report_missing(m, cp);
	*adv = is_wide(cp) ? size : size / 2;
	*gid = 0;
	return 0;
}

/* Space before character i when it follows i-1 on a line: letter spacing,
 * kerning (same font, not Japanese), 和欧間. */
/* Full-width punctuation whose glyph is half ink, half space: closing
 * brackets, commas and full stops (ink on the left), opening brackets (ink
 * on the right). */
static int in_punct_blocks(uint32_t c)
{
	return (c >= 0x3000 && c < 0x3040) || (c >= 0xFF00 && c < 0xFF66); /* CJK punctuation, full-width forms */
}

static int is_closing_punct(uint32_t c)
{
	return in_punct_blocks(c) && (c == 0x3001 || c == 0x3002 || c == 0xFF0C || c == 0xFF0E ||
	                              (kh_jis_bracket(c) && !kh_jis_no_end(c)));
}

static int is_opening_punct(uint32_t c)
{
	return in_punct_blocks(c) && kh_jis_no_end(c);
}

static int full_width(const kh_textstyle *st, double adv)
{
	return fabs(adv - st->size) < 0.01 * st->size;
}

/* What gap_before put between two characters. */
enum { GAP_PLAIN, GAP_WAKAN, GAP_TOOK_PREV, GAP_TOOK_THIS };

/* Space before character i when it follows i-1 on a line: letter spacing,
 * kerning (same font, not Japanese), 和欧間, and JLREQ's consecutive
 * punctuation: 」、「 or 。」 or （「 keep half an em between the inks, not a
 * whole one (the half-em space of one glyph is taken back: the blank right
 * half of a closing mark, else the blank left half of the second of two
 * opening brackets).  *kind says which (may be NULL). */
static double gap_before(const kh_textstyle *st, kh_font *const *fonts, const uint32_t *cp,
                         const unsigned char *fi, const double *adv, int prev, int i, int *kind)
{
	double g = st->letter_spacing;
	uint32_t a = cp[prev], b = cp[i];
	int k = GAP_PLAIN;
	if (fi[prev] == fi[i] && a != ' ' && b != ' ' && a < 0x2E80 && b < 0x2E80 && fonts[fi[i]])
		g += kh_font_kern(fonts[fi[i]], a, b, st->size);
	if (!st->latin) {
		if ((is_wa(a) && is_ou(b)) || (is_ou(a) && is_wa(b))) {
			g += st->size / 4;
			k = GAP_WAKAN;
		} else if (full_width(st, adv[prev]) && full_width(st, adv[i]) &&
		           ((is_closing_punct(a) && (is_opening_punct(b) || is_closing_punct(b))) ||
		            (is_opening_punct(a) && is_opening_punct(b)))) {
			g -= st->size / 2;
			k = is_closing_punct(a) ? GAP_TOOK_PREV : GAP_TOOK_THIS;
		}
	}
	if (kind)
		*kind = k;
	return g;
}

/* The J_ flags a character has on its own (gap_before's rules refine them). */
static unsigned char jflags(const kh_textstyle *st, int compress, uint32_t c, unsigned char flags, double adv)
{
	unsigned char f = 0;
	if (compress && (flags & F_SPACE) && adv > st->size / 4)
		f |= J_WS;
	if (st->latin || !full_width(st, adv))
		return f;
	if (is_opening_punct(c))
		f |= J_OPEN | (compress ? J_LB : 0);
	else if (compress && is_closing_punct(c))
		/* the blank after a full stop stays in mid-line: it ends a sentence */
		f |= J_END | (c == 0x3002 || c == 0xFF0E ? 0 : J_RB);
	return f;
}

/* What the blank half of a mark gives back in the middle of a line: a
 * quarter em, so that a quarter em stays (JLREQ 3.8.2 e allows solid, and
 * notes that many books stop at a quarter: 、「 set solid looks cramped). */
#define MID_SQUEEZE(st) ((st)->size / 4)

/* What character i can give back in the middle of a line (追い込み): the
 * blank halves of its punctuation down to a quarter em, 和欧間 down to an
 * eighth of an em, a word space down to a quarter em. */
static double squeezable(const kh_setter *s, int i)
{
	double h = MID_SQUEEZE(&s->st), r = 0;
	unsigned char f = s->jf[i];
	if (f & J_LB)
		r += h;
	if (f & J_RB)
		r += h;
	if ((f & J_WAKAN) && s->compress)
		r += s->st.size / 8;
	if (f & J_WS)
		r += s->adv[i] - s->st.size / 4;
	return r;
}

/* ---- the setter ---- */

/* Opening an ICU line break iterator costs about 0.1 ms, far more than
 * setting a table cell: breakers are kept for the life of the process, one
 * per language and kinsoku level (kumihan runs one thread per process). */
static kh_breaker *breaker_for(const char *lang, kh_kinsoku k)
{
	static struct {
		char lang[24];
		kh_kinsoku k;
		kh_breaker *b;
	} cache[8];
	static int next;
	int i;
	for (i = 0; i < (int)KH_COUNT(cache); i++)
		if (cache[i].b && cache[i].k == k && !strncmp(cache[i].lang, lang, sizeof cache[i].lang - 1))
			return cache[i].b;
	i = next;
	next = (next + 1) % (int)KH_COUNT(cache);
	kh_breaker_drop(cache[i].b);
	snprintf(cache[i].lang, sizeof cache[i].lang, "%s", lang);
	cache[i].k = k;
	cache[i].b = kh_breaker_new(lang, k);
	return cache[i].b;
}

kh_setter *kh_setter_new(const char *utf8, const kh_textstyle *style, kh_arena *arena, kh_loc where)
{
	kh_setter *s = kh_arena_alloc(arena, sizeof *s);
	ntext t;
	measurer m;
	kh_breaker *br;
	size_t len;
	int n, prev = -1;

	if (!utf8)
		utf8 = "";
	len = strlen(utf8);
	s->st = *style;
	s->st.lang = NULL;
	s->arena = arena;
	s->where = where;
	s->text = kh_arena_strndup(arena, utf8, len);
	s->len = len;
	s->first = 1;
	if (s->st.size <= 0)
		s->st.size = 10;

	normalise(utf8, len, &t, where, 1);
	n = s->n = t.n;
	{
		/* one allocation for the per-character arrays, widest first */
		size_t cnt = (size_t)n + 1;
		char *p = kh_arena_alloc(arena, cnt * (4 * sizeof(double) + 3 * sizeof(uint32_t) + sizeof(uint16_t) + 4));
		s->adv = (double *)(void *)p;
		s->gap = s->adv + cnt;
		s->sum = s->gap + cnt;
		s->csum = s->sum + cnt;
		s->cp = (uint32_t *)(void *)(s->csum + cnt);
		s->vs = s->cp + cnt;
		s->src = s->vs + cnt;
		s->gid = (uint16_t *)(void *)(s->src + cnt);
		s->flags = (unsigned char *)(s->gid + cnt);
		s->brk = s->flags + cnt;
		s->fi = s->brk + cnt;
		s->jf = s->fi + cnt;
	}
	s->compress = s->st.compress > 0 || (s->st.compress == 0 && !s->st.latin);
	memcpy(s->cp, t.cp, (size_t)n * sizeof *s->cp);
	memcpy(s->vs, t.vs, (size_t)n * sizeof *s->vs);
	memcpy(s->src, t.src, ((size_t)n + 1) * sizeof *s->src);
	memcpy(s->flags, t.flags, (size_t)n);
	ntext_free(&t);

	measurer_init(&m, &s->st, where, 1);
	memcpy(s->fonts, m.fonts, sizeof s->fonts);
	s->nfonts = m.nfonts;
	for (int i = 0; i < s->nfonts; i++) {
		s->asc[i] = s->fonts[i] ? kh_font_ascent(s->fonts[i], s->st.size) : s->st.size * 0.88;
		s->desc[i] = s->fonts[i] ? kh_font_descent(s->fonts[i], s->st.size) : s->st.size * 0.12;
	}
	s->hyphen_adv = s->fonts[0] ? kh_font_advance(s->fonts[0], '-', s->st.size) : s->st.size / 3;
	for (int i = 0; i < n; i++) {
		uint32_t c = s->cp[i];
		if (s->flags[i] & F_NL) {
			prev = -1;
		} else if (s->flags[i] & F_INVIS) {
			s->adv[i] = 0;
		} else {
			int kind;
			s->fi[i] = (unsigned char)pick_font(&m, c, &s->vs[i], &s->adv[i], &s->gid[i]);
			s->jf[i] = jflags(&s->st, s->compress, c, s->flags[i], s->adv[i]);
			if (prev >= 0) {
				s->gap[i] = gap_before(&s->st, s->fonts, s->cp, s->fi, s->adv, prev, i, &kind);
				if (kind == GAP_WAKAN)
					s->jf[i] |= J_WAKAN;
				else if (kind == GAP_TOOK_PREV)
					s->jf[prev] &= (unsigned char)~J_RB;
				else if (kind == GAP_TOOK_THIS)
					s->jf[i] &= (unsigned char)~J_LB;
			}
			prev = i;
		}
		s->sum[i + 1] = s->sum[i] + s->gap[i] + s->adv[i];
	}
	if (s->compress)
		for (int i = 0; i < n; i++)
			s->csum[i + 1] = s->csum[i] + squeezable(s, i);
	measurer_done(&m);

	br = breaker_for(s->st.latin ? (style->lang && strncmp(style->lang, "ja", 2) ? style->lang : "en")
	                             : (style->lang ? style->lang : "ja"),
	                 s->st.kinsoku);
	kh_breaker_run(br, s->cp, n, s->brk);
	return s;
}

const char *kh_setter_rest(const kh_setter *s)
{
	if (!s || s->pos >= s->n)
		return "";
	return s->text + s->src[s->pos];
}

/* Width of characters [a, e) set on one line. */
static double span(const kh_setter *s, int a, int e)
{
	return e > a ? s->sum[e] - s->sum[a] - s->gap[a] : 0;
}

/* Characters [a, e) with the trailing spaces, line-break markers and
 * invisible characters left out (a soft hyphen stays: it becomes '-'). */
static int trim_end(const kh_setter *s, int a, int e)
{
	while (e > a && (s->flags[e - 1] & (F_SPACE | F_NL | F_INVIS)) && !(s->flags[e - 1] & F_SHY))
		e--;
	return e;
}

/* May the line end after character j (spaces after it allowed)?  Returns the
 * index where the next line would start, or -1. */
static int end_after(const kh_setter *s, int j)
{
	int k = j + 1;
	while (k < s->n && (s->flags[k] & F_SPACE))
		k++;
	if (k < s->n && (s->flags[k] & F_NL))
		return k + 1; /* the forced break ends this line */
	return k >= s->n || s->brk[k] ? k : -1;
}

/* Half an em at the start of a line that starts with a full-width opening
 * bracket: its blank left half is left out, so that the ink stands at the
 * line's start (JLREQ 3.1.5, JIS X 4051's default). */
static double start_cut(const kh_setter *s, int a)
{
	return a < s->n && (s->jf[a] & J_OPEN) ? s->st.size / 2 : 0;
}

/* Natural width of the line [a, e): its characters, a '-' where it breaks
 * at a soft hyphen, less the blank of an opening bracket first on it. */
static double line_natural(const kh_setter *s, int a, int e)
{
	double w;
	if (e <= a)
		return 0;
	w = span(s, a, e) - start_cut(s, a);
	if (s->flags[e - 1] & F_SHY)
		w += s->hyphen_adv;
	return w;
}

/* What the line [a, e) can give back when squeezed (追い込み): the mid-line
 * amounts of its characters (prefix sums), less what does not apply at its
 * ends (the blank before an opening bracket first on the line is gone
 * already, and so is the 和欧間 before it), and with the whole blank half of
 * a closing mark last on the line. */
static double squeeze_room(const kh_setter *s, int a, int e)
{
	double q = MID_SQUEEZE(&s->st), r;
	if (!s->compress || e <= a)
		return 0;
	r = s->csum[e] - s->csum[a];
	if (s->jf[a] & J_LB)
		r -= q;
	if (s->jf[a] & J_WAKAN)
		r -= s->st.size / 8;
	if (s->jf[e - 1] & J_RB)
		r -= q;
	if (s->jf[e - 1] & J_END)
		r += s->st.size / 2;
	return r;
}

/* The line from a overflows `avail` at character j: may it still take j
 * and the characters up to the next break opportunity (the unit kinsoku
 * binds j to) by squeezing?  Returns where the next line would then start,
 * or -1. */
static int squeeze_fit(const kh_setter *s, int a, int j, double avail)
{
	int u = j + 1, e;
	double cut = start_cut(s, a);
	while (u < s->n && !s->brk[u]) {
		/* give up as soon as no squeezing could make it fit */
		if (span(s, a, u + 1) - cut - (s->csum[u + 1] - s->csum[a]) > avail + s->st.size)
			return -1;
		u++;
	}
	e = trim_end(s, a, u);
	if (e <= a || line_natural(s, a, e) - squeeze_room(s, a, e) > avail + EPS)
		return -1;
	return u;
}

/* Where justification may widen the space before character k (k after the
 * line's start), by JLREQ 3.8.3's priorities: T_SPACE after a word space,
 * T_WAKAN a 和欧間, T_JA a break opportunity next to a Japanese character,
 * T_LATIN a break opportunity inside Latin text (after '/' or '-').  Never
 * inside a word or a number, nor before 。」 (no break opportunity there). */
enum { T_NONE, T_SPACE, T_WAKAN, T_JA, T_LATIN, T_COUNT };

static int tier(const kh_setter *s, int k)
{
	if ((s->flags[k - 1] & F_SPACE) && !(s->flags[k] & F_SPACE))
		return T_SPACE;
	if (s->st.latin)
		return T_NONE;
	if (s->jf[k] & J_WAKAN)
		return T_WAKAN;
	if (!s->brk[k])
		return T_NONE;
	return kh_is_cjk(s->cp[k - 1]) || kh_is_cjk(s->cp[k]) ? T_JA : T_LATIN;
}

/* A Japanese line with no place to widen (part of a URL, an emergency
 * break) is widened between all its visible characters. */
static int visible(const kh_setter *s, int k)
{
	return !(s->flags[k] & (F_INVIS | F_NL)) && s->adv[k] > 0;
}

/* How a line's free space or overflow is spread over it. */
typedef struct spread {
	double ws, p, wk;      /* squeezing: the share taken of word spaces, punctuation blanks, 和欧間 */
	int endcut;            /* the blank half of the closing mark last on the line hangs past the end */
	double add[T_COUNT];   /* widening per tier, each up to its limit */
	double all;            /* ... and then the same at every place of any tier */
	double every;          /* ... or between all characters (no place at all) */
	int squeezed, widened; /* anything to do at all */
} spread;

/* Squeeze the line [a, e) by `need` pt (JLREQ 3.8.2): word spaces first
 * (down to a quarter em), then the blank half of a closing mark at the line
 * end (all of it: half an em or nothing), then the blank halves of 、，and
 * brackets in the middle of the line (equally, down to a quarter em), then
 * 和欧間 (down to an eighth of an em).  Returns what is left over: > 0 when the
 * line end gave more than needed, < 0 when even all of it is not enough. */
static double squeeze(const kh_setter *s, int a, int e, double need, spread *sp)
{
	double h = s->st.size / 2, q = MID_SQUEEZE(&s->st), ws = 0, p = 0, wk = 0, t;
	for (int i = a; i < e; i++) {
		unsigned char f = s->jf[i];
		if (f & J_WS)
			ws += s->adv[i] - s->st.size / 4;
		if ((f & J_RB) && i < e - 1)
			p += q;
		if ((f & J_LB) && i > a)
			p += q;
		if ((f & J_WAKAN) && i > a)
			wk += s->st.size / 8;
	}
	sp->squeezed = 1;
	if (ws > 0 && need <= ws) {
		sp->ws = need / ws;
		return 0;
	}
	if (s->jf[e - 1] & J_END) {
		sp->endcut = 1;
		need -= h;
	}
	if (need <= 0)
		return -need;
	t = need < ws ? need : ws;
	if (t > 0)
		sp->ws = t / ws, need -= t;
	t = need < p ? need : p;
	if (t > 0)
		sp->p = t / p, need -= t;
	t = need < wk ? need : wk;
	if (t > 0)
		sp->wk = t / wk, need -= t;
	return -need;
}

/* Widen the line [a, e) by `extra` pt (JLREQ 3.8.3): word spaces up to half
 * an em, then 和欧間 up to half an em, then the places between Japanese
 * characters up to a quarter em more; what is still left goes equally to
 * all those places and the break opportunities inside Latin text.  Latin
 * styles: the word spaces only, without limit. */
static void widen(const kh_setter *s, int a, int e, double extra, spread *sp)
{
	int cnt[T_COUNT] = {0}, nall, nev = 0;
	double h = s->st.size / 2, cap_ws = h;
	for (int k = a + 1; k < e; k++) {
		int t = tier(s, k);
		cnt[t]++;
		if (t == T_SPACE && h - s->adv[k - 1] < cap_ws)
			cap_ws = h - s->adv[k - 1];
	}
	if (s->st.latin) {
		if (cnt[T_SPACE])
			sp->add[T_SPACE] = extra / cnt[T_SPACE];
		sp->widened = 1;
		return;
	}
	sp->widened = 1;
	if (cap_ws < 0)
		cap_ws = 0;
	{
		const double cap[T_COUNT] = {0, cap_ws, s->st.size / 4, s->st.size / 4, 0};
		for (int t = T_SPACE; t < T_COUNT && extra > EPS; t++)
			if (cnt[t] && cap[t] > 0) {
				double d = extra / cnt[t] < cap[t] ? extra / cnt[t] : cap[t];
				sp->add[t] = d;
				extra -= d * cnt[t];
			}
	}
	if (extra <= EPS)
		return;
	nall = cnt[T_SPACE] + cnt[T_WAKAN] + cnt[T_JA] + cnt[T_LATIN];
	if (nall) {
		sp->all = extra / nall;
		return;
	}
	for (int k = a + 1; k < e; k++)
		nev += visible(s, k);
	if (nev)
		sp->every = extra / nev;
}

/* The change to the space before character k (a < k < e) that sp makes. */
static double delta(const kh_setter *s, int k, const spread *sp)
{
	double d = 0;
	if (sp->widened) {
		if (sp->every > 0) {
			if (visible(s, k))
				d += sp->every;
		} else {
			int t = tier(s, k);
			if (t != T_NONE)
				d += sp->add[t] + sp->all;
		}
	}
	if (sp->squeezed) {
		unsigned char fp = s->jf[k - 1], f = s->jf[k];
		if (sp->ws > 0 && (fp & J_WS))
			d -= sp->ws * (s->adv[k - 1] - s->st.size / 4);
		if (sp->p > 0)
			d -= sp->p * MID_SQUEEZE(&s->st) * (((fp & J_RB) != 0) + ((f & J_LB) != 0));
		if (sp->wk > 0 && (f & J_WAKAN))
			d -= sp->wk * s->st.size / 8;
	}
	return d;
}

static void set_line(kh_setter *s, double width, kh_line *line)
{
	const kh_textstyle *st;
	int a, j, end = -1, last = 0, lastbrk = -1, emergency = 0, hang = 0, e, ng;
	double indent, avail, cut, extra, x;
	spread sp;

	memset(line, 0, sizeof *line);
	memset(&sp, 0, sizeof sp);
	st = &s->st;
	a = s->pos;
	indent = s->first ? st->indent : 0;
	avail = width - indent;
	cut = start_cut(s, a);

	for (j = a; j < s->n; j++) {
		if (j > a && s->brk[j] == 2) {
			end = j;
			break;
		}
		if (j > a && s->brk[j] == 1 &&
		    (!(s->flags[j - 1] & F_SHY) || span(s, a, j) - cut + s->hyphen_adv <= avail + EPS))
			lastbrk = j;
		if (s->flags[j] & (F_SPACE | F_NL | F_INVIS))
			continue;
		if (span(s, a, j + 1) - cut > avail + EPS) {
			int k;
			if (s->compress && (k = squeeze_fit(s, a, j, avail)) > j) {
				/* 追い込み: the unit fits squeezed; go on from its end */
				lastbrk = k;
				j = k - 1;
				continue;
			}
			if (st->hanging && !st->latin && (s->flags[j] & F_HANG) && j > a &&
			    span(s, a, j) - cut <= avail + EPS && (k = end_after(s, j)) >= 0) {
				end = k;
				hang = 1;
			} else if (lastbrk > a && trim_end(s, a, lastbrk) > a) {
				end = lastbrk;
			} else {
				/* No opportunity on this line: break at the frame edge (at
				 * least one character, with its zero-width marks). */
				end = j > a ? j : a + 1;
				while (end < s->n && s->adv[end] == 0 && !s->brk[end] &&
				       !(s->flags[end] & (F_NL | F_SPACE)))
					end++;
				emergency = 1;
				if (!s->said_emergency) {
					int r = a + 1;
					while (r < s->n && !s->brk[r])
						r++;
					s->said_emergency = 1;
					kh_warning(s->where, "text has no break opportunity for %d characters; broken at the frame edge",
					           trim_end(s, a, r) - a);
				}
			}
			break;
		}
	}
	if (end < 0)
		end = s->n;
	last = end >= s->n || (s->flags[end - 1] & F_NL);

	/* The set characters [a, e), the hanging one excluded from adjustment. */
	e = trim_end(s, a, end);
	if (hang)
		e--;
	line->last = last;
	line->hyphen_or_emergency = emergency || (e > a && (s->flags[e - 1] & F_SHY));
	line->src_start = s->src[a];
	line->src_end = end < s->n ? s->src[end] : s->len;

	/* Too long: squeeze (any alignment).  Too short and justified: widen
	 * (not the last line of a paragraph; a Latin emergency line stays
	 * ragged). */
	extra = e > a ? avail - line_natural(s, a, e) : 0;
	if (extra < -EPS && s->compress && !hang)
		extra = squeeze(s, a, e, -extra, &sp);
	if (extra > EPS && st->align == KH_ALIGN_JUSTIFY && !last && !(emergency && st->latin))
		widen(s, a, e, extra, &sp);

	ng = 0;
	line->g = kh_arena_alloc(s->arena, ((size_t)(end - a) + 1) * sizeof *line->g);
	x = indent - cut;
	line->ascent = s->asc[0];
	line->descent = s->desc[0];
	{
		int setend = hang ? e + 1 : e;
		double pen = 0; /* natural position from a */
		for (int k = a; k < setend; k++) {
			kh_pglyph *g;
			unsigned gl;
			if (k > a) {
				pen += s->gap[k];
				if (k < e && (sp.squeezed || sp.widened))
					x += delta(s, k, &sp);
			}
			if (s->flags[k] & (F_NL | F_INVIS)) {
				if (!((s->flags[k] & F_SHY) && k == e - 1))
					continue;
				/* a soft hyphen where the line breaks: '-' */
				g = &line->g[ng++];
				g->cp = '-';
				g->vs = 0;
				g->font = s->fonts[0];
				kh_font_glyph(g->font, '-', 0, &gl);
				g->gid = (uint16_t)gl;
				g->x = x + pen;
				g->advance = s->hyphen_adv;
				continue;
			}
			g = &line->g[ng++];
			g->cp = s->cp[k];
			g->vs = s->vs[k];
			g->gid = s->gid[k];
			g->font = s->fonts[s->fi[k]];
			g->x = x + pen;
			g->advance = s->adv[k];
			pen += s->adv[k];
			if (s->asc[s->fi[k]] > line->ascent)
				line->ascent = s->asc[s->fi[k]];
			if (s->desc[s->fi[k]] > line->descent)
				line->descent = s->desc[s->fi[k]];
		}
	}
	line->n = ng;
	line->width = ng ? line->g[ng - 1].x + line->g[ng - 1].advance - (sp.endcut ? st->size / 2 : 0) : indent;
	switch (st->align) {
	case KH_ALIGN_CENTER:
		line->offset = (width - line->width) / 2;
		break;
	case KH_ALIGN_RIGHT:
		line->offset = width - line->width;
		break;
	default:
		line->offset = 0;
	}

	s->first = (s->flags[end - 1] & F_PARA) != 0;
	s->pos = end;
}

int kh_setter_next(kh_setter *s, double width, kh_line *line)
{
	/* A paragraph of zero-width characters only gives no line. */
	do {
		if (!s || s->pos >= s->n) {
			memset(line, 0, sizeof *line);
			return 0;
		}
		set_line(s, width, line);
	} while (line->n == 0);
	return 1;
}

double kh_text_width(const char *utf8, const kh_textstyle *style)
{
	ntext t;
	measurer m;
	double w = 0, best = 0, *adv;
	int prev = -1;
	unsigned char *fi;

	if (!utf8 || !style)
		return 0;
	normalise(utf8, strlen(utf8), &t, KH_NOLOC, 0);
	measurer_init(&m, style, KH_NOLOC, 0);
	fi = kh_xcalloc((size_t)t.n + 1, 1);
	adv = kh_xcalloc((size_t)t.n + 1, sizeof *adv);
	for (int i = 0; i < t.n; i++) {
		if (t.flags[i] & F_NL) {
			if (w > best)
				best = w;
			w = 0;
			prev = -1;
			continue;
		}
		if (t.flags[i] & F_INVIS)
			continue;
		{
			uint16_t g;
			fi[i] = (unsigned char)pick_font(&m, t.cp[i], &t.vs[i], &adv[i], &g);
		}
		if (prev >= 0)
			w += gap_before(style, m.fonts, t.cp, fi, adv, prev, i, NULL);
		else if (!style->latin && is_opening_punct(t.cp[i]) && full_width(style, adv[i]))
			w -= style->size / 2; /* an opening bracket first on a line */
		w += adv[i];
		prev = i;
	}
	if (w > best)
		best = w;
	free(fi);
	free(adv);
	measurer_done(&m);
	ntext_free(&t);
	return best;
}

/* ---- drawing ---- */

kh_dl_text *kh_line_draw(kh_dl *dl, kh_dl_page *pg, const kh_line *line, const kh_textstyle *style,
                         double x, double baseline)
{
	kh_dl_text *first = NULL;
	int i = 0;
	if (!line || line->n == 0)
		return NULL;
	while (i < line->n) {
		int j = i;
		kh_dl_text *t;
		size_t bytes = 0;
		char u[8];
		while (j < line->n && line->g[j].font == line->g[i].font) {
			bytes += (size_t)kh_utf8_encode(line->g[j].cp, u) + (line->g[j].vs ? 4 : 0);
			j++;
		}
		t = kh_dl_text_begin(dl, pg, line->g[i].font, style->size, style->color, x + line->g[i].x, baseline,
		                     j - i, bytes);
		for (int k = i; k < j; k++) {
			const kh_pglyph *p = &line->g[k];
			int len = kh_utf8_encode(p->cp, u);
			if (p->vs)
				len += kh_utf8_encode(p->vs, u + len);
			kh_dl_text_glyph(t, p->gid, p->x - line->g[i].x, 0, u, (size_t)len);
		}
		if (!first)
			first = t;
		i = j;
	}
	return first;
}

/* ---- vertical labels (縦書き) ---- */

/* Characters set rotated a quarter turn clockwise in vertical text: the
 * long-vowel mark, dashes, wave dashes, ellipses, brackets. */
static int rotates(uint32_t c)
{
	switch (c) {
	case 0x30FC: case 0xFF70: case 0x2010: case 0x2013: case 0x2014: case 0x2015: case 0x2025:
	case 0x2026: case 0x301C: case 0xFF5E: case 0x002D: case 0xFF0D: case 0x003D: case 0xFF1D:
	case 0x2192: case 0x2190: case 0x007E:
		return 1;
	}
	/* brackets, but not quotation marks */
	if (c == 0x2018 || c == 0x2019 || c == 0x201C || c == 0x201D || c == 0xAB || c == 0xBB)
		return 0;
	return kh_jis_bracket(c);
}

/* The pitch of a vertical label: one em plus the letter spacing. */
static double vpitch(const kh_textstyle *st)
{
	return st->size + st->letter_spacing;
}

static int vertical_count(const ntext *t)
{
	int k = 0;
	for (int i = 0; i < t->n; i++)
		if (!(t->flags[i] & (F_NL | F_INVIS)))
			k++;
	return k;
}

double kh_vertical_height(const char *utf8, const kh_textstyle *style)
{
	ntext t;
	int k;
	if (!utf8 || !style)
		return 0;
	normalise(utf8, strlen(utf8), &t, KH_NOLOC, 0);
	k = vertical_count(&t);
	ntext_free(&t);
	return k ? k * vpitch(style) - style->letter_spacing : 0;
}

double kh_vertical_draw(kh_dl *dl, kh_dl_page *pg, const char *utf8, const kh_textstyle *style,
                        double center_x, double top, kh_loc where)
{
	ntext t;
	measurer m;
	double size, pitch, asc, desc, h;
	int k = 0;
	kh_dl_text *cur = NULL;

	if (!utf8 || !style)
		return 0;
	size = style->size;
	pitch = vpitch(style);
	normalise(utf8, strlen(utf8), &t, where, 1);
	measurer_init(&m, style, where, 1);
	for (int i = 0; i < t.n; i++) {
		uint32_t c = t.cp[i];
		double adv, gx, gy, boxtop = top + k * pitch;
		int f, len;
		uint16_t gid;
		kh_font *font;
		kh_glyph *g;
		char u[8];
		if (t.flags[i] & (F_NL | F_INVIS))
			continue;
		k++;
		if (c == ' ' || c == 0x3000)
			continue;
		f = pick_font(&m, c, &t.vs[i], &adv, &gid);
		font = m.fonts[f];
		asc = font ? kh_font_ascent(font, size) : size * 0.88;
		desc = font ? kh_font_descent(font, size) : size * 0.12;
		/* Centred across, the em box (ascent + descent) filling the cell
		 * down.  A rotated glyph is given where it would stand upright: the
		 * PDF writer turns it about the centre of its em box (pdf.c). */
		gx = center_x - adv / 2;
		gy = boxtop + size * asc / (asc + desc);
		if (is_hangable(c)) {
			/* 、。 sit in the top right quarter in vertical text */
			gx += size / 2;
			gy -= size / 2;
		}
		if (!cur || cur->font != font)
			cur = kh_dl_text_begin(dl, pg, font, size, style->color, gx, gy, t.n, (size_t)t.n * 8);
		len = kh_utf8_encode(c, u);
		if (t.vs[i])
			len += kh_utf8_encode(t.vs[i], u + len);
		g = kh_dl_text_glyph(cur, gid, gx - cur->x, gy - cur->y, u, (size_t)len);
		if (rotates(c))
			g->flags |= KH_GLYPH_ROTATE;
	}
	h = k ? k * pitch - style->letter_spacing : 0;
	measurer_done(&m);
	ntext_free(&t);
	return h;
}
