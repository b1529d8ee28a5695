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

#define EPS 1e-6
#define MAXFONTS 5

/* A normalised text: characters with their source byte offsets. */
typedef struct ntext {
	int n;
	uint32_t *cp;
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
	uint32_t *cp, *src;
	unsigned char *flags, *brk, *fi;
	double *adv;            /* advance of each character */
	double *gap;            /* space before it when it is not first on the line */
	double *sum;            /* sum[i] = total of gap + adv of characters before i */
	kh_font *fonts[MAXFONTS];
	double asc[MAXFONTS], desc[MAXFONTS];
	int nfonts;
	double hyphen_adv;      /* '-' for a soft hyphen at a line end */
	int first;              /* the next line starts a paragraph */
	int said_emergency;
};

/* ---- character classes ---- */

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
	seen missing, outside;
} measurer;

static void measurer_init(measurer *m, const kh_textstyle *st, kh_loc where, int report)
{
	memset(m, 0, sizeof *m);
	m->st = st;
	m->where = where;
	m->report = report;
	m->fonts[m->nfonts++] = st->font;
	for (int i = 0; i < st->nfallback && i < 4; i++)
		if (st->fallback[i])
			m->fonts[m->nfonts++] = st->fallback[i];
}

static void measurer_done(measurer *m)
{
	free(m->missing.keys);
	free(m->outside.keys);
}

static void report_missing(measurer *m, uint32_t cp)
{
	char ch[8];
	kh_buf names = KH_BUF_INIT;
	if (!m->report || !m->st->font || !seen_add(&m->missing, cp))
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

/* Font index and advance for cp. */
static int pick_font(measurer *m, uint32_t cp, double *adv)
{
	double size = m->st->size;
	if (cp > 0xFFFF && m->report && seen_add(&m->outside, cp)) {
		char ch[8];
		say_char(ch, cp);
		kh_error(m->where, "'%s' (U+%X) is outside the Basic Multilingual Plane, which the PDF writer cannot embed",
		         ch, (unsigned)cp);
	}
	for (int i = 0; i < m->nfonts; i++)
		if (m->fonts[i] && kh_font_has(m->fonts[i], cp)) {
			*adv = kh_font_advance(m->fonts[i], cp, size);
			return i;
		}
	if (cp <= 0xFFFF && cp != 0xFFFD) /* U+FFFD: bad input, reported where it was decoded */
		report_missing(m, cp);
	*adv = is_wide(cp) ? size : size / 2;
	return 0;
}

/* Space before character i when it follows i-1 on a line: letter spacing,
 * kerning (same font, not Japanese), 和欧間. */
/* Full-width punctuation whose glyph is half ink, half space: closing
 * brackets, commas and full stops (ink on the left), opening brackets (ink
 * on the right). */
static int is_closing_punct(uint32_t c)
{
	return c == 0x3001 || c == 0x3002 || c == 0xFF0C || c == 0xFF0E ||
	       (kh_jis_bracket(c) && !kh_jis_no_end(c) && c >= 0x3000);
}

static int is_opening_punct(uint32_t c)
{
	return kh_jis_no_end(c) && c >= 0x3000;
}

/* Space before character i when it follows i-1 on a line: letter spacing,
 * kerning (same font, not Japanese), 和欧間, and JLREQ's consecutive
 * punctuation: 」、「 or 。」 or （「 keep half an em between the inks, not a
 * whole one (the half-em space of one glyph is taken back). */
static double gap_before(const kh_textstyle *st, kh_font *const *fonts, const uint32_t *cp,
                         const unsigned char *fi, const double *adv, int prev, int i)
{
	double g = st->letter_spacing;
	uint32_t a = cp[prev], b = cp[i];
	if (fi[prev] == fi[i] && a != ' ' && b != ' ' && a < 0x2E80 && b < 0x2E80 && fonts[fi[i]])
		g += kh_font_kern(fonts[fi[i]], a, b, st->size);
	if (st->latin)
		return g;
	if ((is_wa(a) && is_ou(b)) || (is_ou(a) && is_wa(b)))
		g += st->size / 4;
	else if (fabs(adv[prev] - st->size) < 0.01 * st->size && fabs(adv[i] - st->size) < 0.01 * st->size &&
	         ((is_closing_punct(a) && (is_opening_punct(b) || is_closing_punct(b))) ||
	          (is_opening_punct(a) && is_opening_punct(b))))
		g -= st->size / 2;
	return g;
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
		char *p = kh_arena_alloc(arena, cnt * (3 * sizeof(double) + 2 * sizeof(uint32_t) + 3));
		s->adv = (double *)(void *)p;
		s->gap = s->adv + cnt;
		s->sum = s->gap + cnt;
		s->cp = (uint32_t *)(void *)(s->sum + cnt);
		s->src = s->cp + cnt;
		s->flags = (unsigned char *)(s->src + cnt);
		s->brk = s->flags + cnt;
		s->fi = s->brk + cnt;
	}
	memcpy(s->cp, t.cp, (size_t)n * sizeof *s->cp);
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
			s->fi[i] = (unsigned char)pick_font(&m, c, &s->adv[i]);
			if (prev >= 0)
				s->gap[i] = gap_before(&s->st, s->fonts, s->cp, s->fi, s->adv, prev, i);
			prev = i;
		}
		s->sum[i + 1] = s->sum[i] + s->gap[i] + s->adv[i];
	}
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

/* May justification add space before character k (k > line start)?
 * Latin: after a word space.  Japanese: where a line break is allowed, or
 * with `every`, between any two visible characters. */
static int adjustable(const kh_setter *s, int k, int every)
{
	if (s->st.latin)
		return (s->flags[k - 1] & F_SPACE) && !(s->flags[k] & F_SPACE);
	if (every)
		return !(s->flags[k] & (F_INVIS | F_NL)) && s->adv[k] > 0;
	return s->brk[k] != 0;
}

static void set_line(kh_setter *s, double width, kh_line *line)
{
	const kh_textstyle *st;
	int a, j, end = -1, last = 0, lastbrk = -1, emergency = 0, hang = 0, e, np = 0, ng, every = 0;
	double indent, avail, extra = 0, per = 0, x;

	memset(line, 0, sizeof *line);
	st = &s->st;
	a = s->pos;
	indent = s->first ? st->indent : 0;
	avail = width - indent;

	for (j = a; j < s->n; j++) {
		if (j > a && s->brk[j] == 2) {
			end = j;
			break;
		}
		if (j > a && s->brk[j] == 1 &&
		    (!(s->flags[j - 1] & F_SHY) || span(s, a, j) + s->hyphen_adv <= avail + EPS))
			lastbrk = j;
		if (s->flags[j] & (F_SPACE | F_NL | F_INVIS))
			continue;
		if (span(s, a, j + 1) > avail + EPS) {
			int k;
			if (st->hanging && !st->latin && (s->flags[j] & F_HANG) && j > a &&
			    span(s, a, j) <= avail + EPS && (k = end_after(s, j)) >= 0) {
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

	/* The set characters [a, e), the hanging one excluded from justification. */
	e = trim_end(s, a, end);
	if (hang)
		e = trim_end(s, a, end) - 1;
	line->last = last;
	line->hyphen_or_emergency = emergency || (e > a && (s->flags[e - 1] & F_SHY));
	line->src_start = s->src[a];
	line->src_end = end < s->n ? s->src[end] : s->len;

	/* Justification: the free space spread over the adjustment points.  A
	 * Japanese line with none (a URL, an emergency break) is spread over
	 * all its characters, so the right edge stays straight. */
	if (st->align == KH_ALIGN_JUSTIFY && !last && !(emergency && st->latin)) {
		for (int k = a + 1; k < e; k++)
			if (adjustable(s, k, 0))
				np++;
		if (np == 0 && !st->latin) {
			every = 1;
			for (int k = a + 1; k < e; k++)
				if (adjustable(s, k, 1))
					np++;
		}
		extra = avail - span(s, a, e) - ((e > a && (s->flags[e - 1] & F_SHY)) ? s->hyphen_adv : 0);
		if (np > 0 && extra > 0)
			per = extra / np;
	}

	ng = 0;
	line->g = kh_arena_alloc(s->arena, ((size_t)(end - a) + 1) * sizeof *line->g);
	x = indent;
	line->ascent = s->asc[0];
	line->descent = s->desc[0];
	{
		int setend = hang ? e + 1 : e;
		double pen = 0; /* natural position from a */
		for (int k = a; k < setend; k++) {
			kh_pglyph *g;
			if (k > a) {
				pen += s->gap[k];
				if (per > 0 && k < e && adjustable(s, k, every))
					x += per;
			}
			if (s->flags[k] & (F_NL | F_INVIS)) {
				if (!((s->flags[k] & F_SHY) && k == e - 1))
					continue;
				/* a soft hyphen where the line breaks: '-' */
				g = &line->g[ng++];
				g->cp = '-';
				g->font = s->fonts[0];
				g->x = x + pen;
				g->advance = s->hyphen_adv;
				continue;
			}
			g = &line->g[ng++];
			g->cp = s->cp[k];
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
	line->width = ng ? line->g[ng - 1].x + line->g[ng - 1].advance : indent;
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
		fi[i] = (unsigned char)pick_font(&m, t.cp[i], &adv[i]);
		if (prev >= 0)
			w += gap_before(style, m.fonts, t.cp, fi, adv, prev, i);
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
		kh_dl_item *it;
		kh_dl_text *t;
		while (j < line->n && line->g[j].font == line->g[i].font)
			j++;
		it = kh_dl_add(dl, pg, KH_DL_TEXT);
		t = &it->u.text;
		t->font = line->g[i].font;
		t->size = style->size;
		t->color = style->color;
		t->x = x + line->g[i].x;
		t->y = baseline;
		t->n = j - i;
		t->glyphs = kh_arena_alloc(dl->arena, (size_t)t->n * sizeof *t->glyphs);
		for (int k = i; k < j; k++) {
			kh_glyph *g = &t->glyphs[k - i];
			g->cp = line->g[k].cp;
			g->x = line->g[k].x - line->g[i].x;
			g->y = 0;
			kh_font_use(t->font, g->cp);
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
		int f;
		kh_font *font;
		kh_glyph *g;
		if (t.flags[i] & (F_NL | F_INVIS))
			continue;
		k++;
		if (c == ' ' || c == 0x3000)
			continue;
		f = pick_font(&m, c, &adv);
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
		if (!cur || cur->font != font) {
			kh_dl_item *it = kh_dl_add(dl, pg, KH_DL_TEXT);
			cur = &it->u.text;
			cur->font = font;
			cur->size = size;
			cur->color = style->color;
			cur->x = gx;
			cur->y = gy;
			cur->glyphs = kh_arena_alloc(dl->arena, (size_t)t.n * sizeof *cur->glyphs);
		}
		g = &cur->glyphs[cur->n++];
		g->cp = c;
		g->x = gx - cur->x;
		g->y = gy - cur->y;
		g->rotate = rotates(c) ? 90 : 0;
		kh_font_use(font, c);
	}
	h = k ? k * pitch - style->letter_spacing : 0;
	measurer_done(&m);
	ntext_free(&t);
	return h;
}
