/* bind.c -- what text means: "@key" lookups in the string table along the
 * locale's fallback chain, templates over the current data row ({col},
 * {col:fmt}), formats (era years, digit grouping, case, full and half
 * width), and the edition's locale from the layout's locales: section.
 *
 * One walker serves both the check (syntax only, kh_bind_check) and the
 * evaluation (kh_bind_text), so both say the same thing about a template.
 */
#include "bind.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "schema.h"
#include "utf8.h"

static const char *const formats[] = {"era", "number", "upper", "lower", "fullwidth", "halfwidth", "string",
                                      NULL};
enum { FMT_ERA, FMT_NUMBER, FMT_UPPER, FMT_LOWER, FMT_FULL, FMT_HALF, FMT_STRING, NFORMATS };

static const char default_ja_year[] = "{year}（{era}{era_year_gan}）年";

/* Where a message about byte `off` of the text goes.  Locations inside a
 * scalar cost a walk over its text, so they are worked out only when a
 * message is said. */
typedef struct srcpos {
	const kh_ynode *node;   /* the layout value, for exact columns; or NULL */
	kh_loc loc;             /* else this */
	const char *string_key; /* set when the text came from the string table */
	size_t base;            /* offset of the walked text inside the node's value */
	const kh_ynode *at_node; /* node NULL: the start is byte at_off of at_node's value, if set */
	size_t at_off;
} srcpos;

static kh_loc pos_start(const srcpos *p)
{
	if (p->node)
		return p->node->loc;
	return p->at_node ? kh_yscalar_loc(p->at_node, p->at_off) : p->loc;
}

static kh_loc pos_at(const srcpos *p, size_t off)
{
	return p->node ? kh_yscalar_loc(p->node, p->base + off) : pos_start(p);
}

/* ==== messages, each given once ====
 *
 * The engine evaluates a template once per row and a master's text once per
 * page: the same problem at the same place is reported the first time only
 * (and its hints with it). */

static uint64_t *said;      /* open-addressed set of message hashes; 0 is a free slot */
static size_t nsaid, capsaid;
static int suppressed;

static uint64_t fnv64(const char *s, uint64_t h)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* Insert h; 1 if it was not there yet. */
static int said_insert(uint64_t h)
{
	size_t i;
	if (h == 0)
		h = 1;
	if (2 * (nsaid + 1) > capsaid) {
		uint64_t *old = said;
		size_t oldcap = capsaid;
		capsaid = capsaid ? 2 * capsaid : 64;
		said = kh_xcalloc(capsaid, sizeof *said);
		nsaid = 0;
		for (size_t k = 0; k < oldcap; k++)
			if (old[k])
				said_insert(old[k]);
		free(old);
	}
	for (i = (size_t)(h % capsaid); said[i]; i = (i + 1) % capsaid)
		if (said[i] == h)
			return 0;
	said[i] = h;
	nsaid++;
	return 1;
}

/* 1 the first time this text is said at this place. */
static int first_time(kh_loc at, const char *text)
{
	char pos[64];
	snprintf(pos, sizeof pos, ":%d:%d:", at.line, at.col);
	return said_insert(fnv64(text, fnv64(pos, fnv64(at.file ? at.file : "", 14695981039346656037u))));
}

void kh_bind_forget(void)
{
	free(said);
	said = NULL;
	nsaid = capsaid = 0;
	suppressed = 0;
}

static void say(int warn, kh_loc at, const char *fmt, ...) KH_PRINTF(3, 4);
static void say(int warn, kh_loc at, const char *fmt, ...)
{
	va_list ap;
	kh_buf b = KH_BUF_INIT;
	va_start(ap, fmt);
	kh_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	suppressed = !first_time(at, kh_buf_cstr(&b));
	if (!suppressed) {
		if (warn)
			kh_warning(at, "%s", kh_buf_cstr(&b));
		else
			kh_error(at, "%s", kh_buf_cstr(&b));
	}
	kh_buf_free(&b);
}

static void hint(const char *fmt, ...) KH_PRINTF(1, 2);
static void hint(const char *fmt, ...)
{
	va_list ap;
	kh_buf b = KH_BUF_INIT;
	if (suppressed)
		return;
	va_start(ap, fmt);
	kh_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	kh_hint("%s", kh_buf_cstr(&b));
	kh_buf_free(&b);
}

/* ==== eras and years ==== */

static const struct {
	long start;
	const char *name;
} eras[] = {{1868, "明治"}, {1912, "大正"}, {1926, "昭和"}, {1989, "平成"}, {2019, "令和"}};

static const char *year_format(const kh_locale *loc)
{
	if (loc && loc->year_format)
		return loc->year_format;
	if (!loc || !loc->name || strcmp(loc->name, "ja") == 0)
		return default_ja_year;
	return "{year}";
}

static int wants_era(const char *fmt)
{
	return strstr(fmt, "{era}") || strstr(fmt, "{era_year}") || strstr(fmt, "{era_year_gan}");
}

const char *kh_format_year(const kh_locale *loc, long year, kh_arena *arena)
{
	const char *fmt = year_format(loc), *p;
	int e = -1;
	kh_buf b = KH_BUF_INIT;
	char *r;
	for (int i = (int)KH_COUNT(eras) - 1; i >= 0; i--)
		if (year >= eras[i].start) {
			e = i;
			break;
		}
	if (e < 0 && wants_era(fmt))
		return kh_arena_printf(arena, "%ld", year);
	for (p = fmt; *p;) {
		if (*p == '{') {
			const char *end = strchr(p, '}');
			size_t l = end ? (size_t)(end - p - 1) : 0;
			if (end && l == 4 && strncmp(p + 1, "year", 4) == 0) {
				kh_buf_printf(&b, "%ld", year);
			} else if (end && l == 3 && strncmp(p + 1, "era", 3) == 0) {
				kh_buf_puts(&b, e >= 0 ? eras[e].name : "");
			} else if (end && l == 8 && strncmp(p + 1, "era_year", 8) == 0) {
				if (e >= 0)
					kh_buf_printf(&b, "%ld", year - eras[e].start + 1);
			} else if (end && l == 12 && strncmp(p + 1, "era_year_gan", 12) == 0) {
				if (e >= 0 && year == eras[e].start)
					kh_buf_puts(&b, "元");
				else if (e >= 0)
					kh_buf_printf(&b, "%ld", year - eras[e].start + 1);
			} else {
				kh_buf_putc(&b, *p++);
				continue;
			}
			p = end + 1;
		} else {
			kh_buf_putc(&b, *p++);
		}
	}
	r = kh_arena_strdup(arena, kh_buf_cstr(&b));
	kh_buf_free(&b);
	return r;
}

/* ==== formats ==== */

/* ASCII digits from fullwidth ones; trims spaces.  malloc'd. */
static char *normalise_digits(const char *s)
{
	kh_buf b = KH_BUF_INIT;
	size_t len = strlen(s);
	const char *end;
	while (*s == ' ' || *s == '\t')
		s++, len--;
	end = s + len;
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	while (s < end) {
		uint32_t cp;
		int k = kh_utf8_decode(s, (size_t)(end - s), &cp);
		if (k <= 0) {
			kh_buf_putc(&b, *s++);
			continue;
		}
		if (cp >= 0xFF10 && cp <= 0xFF19)
			kh_buf_putc(&b, (int)('0' + cp - 0xFF10));
		else if (cp == 0xFF0D || cp == 0x2212)
			kh_buf_putc(&b, '-');
		else if (cp == 0xFF0E)
			kh_buf_putc(&b, '.');
		else
			kh_buf_add(&b, s, (size_t)k);
		s += k;
	}
	kh_buf_cstr(&b);
	return kh_buf_detach(&b);
}

static int parse_year(const char *v, long *year)
{
	char *s = normalise_digits(v), *end;
	int ok;
	*year = strtol(s, &end, 10);
	ok = end != s && !*end && isdigit((unsigned char)s[0]) && *year > 0 && *year < 100000;
	free(s);
	return ok;
}

/* "1234567.5" -> "1,234,567.5" with sep.  Returns 0, or -1 if v is not a number. */
static int group_digits(const char *v, const char *sep, kh_buf *out)
{
	char *s = normalise_digits(v);
	const char *p = s, *int0, *int1;
	size_t nint;
	if (*p == '-' || *p == '+')
		p++;
	/* already grouped by ',' in threes: drop the commas */
	if (strchr(p, ',')) {
		char *q = (char *)p, *w = (char *)p;
		size_t run = 0;
		int ok = 1, first = 1;
		for (; *q && *q != '.'; q++) {
			if (*q == ',') {
				ok &= run > 0 && (first ? run <= 3 : run == 3);
				first = 0;
				run = 0;
			} else {
				*w++ = *q;
				run++;
			}
		}
		ok &= first || run == 3;
		memmove(w, q, strlen(q) + 1);
		if (!ok) {
			free(s);
			return -1;
		}
	}
	int0 = p;
	while (isdigit((unsigned char)*p))
		p++;
	int1 = p;
	if (int1 == int0) {
		free(s);
		return -1;
	}
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p)) {
			free(s);
			return -1;
		}
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (*p) {
		free(s);
		return -1;
	}
	if (s[0] == '-')
		kh_buf_putc(out, '-');
	nint = (size_t)(int1 - int0);
	for (size_t i = 0; i < nint; i++) {
		if (i > 0 && (nint - i) % 3 == 0)
			kh_buf_puts(out, sep);
		kh_buf_putc(out, int0[i]);
	}
	kh_buf_puts(out, int1);
	free(s);
	return 0;
}

static void apply_width(const char *v, int full, kh_buf *out)
{
	size_t len = strlen(v);
	while (len > 0) {
		uint32_t cp;
		char enc[4];
		int k = kh_utf8_decode(v, len, &cp);
		if (k <= 0) {
			kh_buf_putc(out, *v++);
			len--;
			continue;
		}
		if (full && cp >= 0x21 && cp <= 0x7E)
			cp = cp - 0x21 + 0xFF01;
		else if (!full && cp >= 0xFF01 && cp <= 0xFF5E)
			cp = cp - 0xFF01 + 0x21;
		kh_buf_add(out, enc, (size_t)kh_utf8_encode(cp, enc));
		v += k;
		len -= (size_t)k;
	}
}

/* ==== the template walker ==== */

/* The template as a message quotes it: whole up to 60 characters, else the
 * 40 characters around byte `off` with "…" where it is cut (a message must
 * not copy a 50 MB text).  buf holds at least 256 bytes. */
static const char *excerpt(const char *s, size_t off, char *buf)
{
	size_t len = strlen(s), a = off, z;
	int back = 0, chars = 0;
	if (kh_utf8_length(s, len < 400 ? len : 400) <= 60)
		return s;
	if (a > len)
		a = len;
	while (a > 0 && back < 20) {
		a--;
		while (a > 0 && ((unsigned char)s[a] & 0xC0) == 0x80)
			a--;
		back++;
	}
	for (z = a; z < len && chars < 40; chars++) {
		z++;
		while (z < len && ((unsigned char)s[z] & 0xC0) == 0x80)
			z++;
	}
	snprintf(buf, 256, "%s%.*s%s", a > 0 ? "…" : "", (int)(z - a), s + a, z < len ? "…" : "");
	return buf;
}

typedef struct walker {
	const kh_bindctx *ctx;   /* NULL: check only */
	int flags;               /* KH_BIND_* (check only) */
	srcpos pos;
	kh_buf out;
	int errors;
} walker;

static int find_format(const char *name, size_t len)
{
	for (int i = 0; formats[i]; i++)
		if (strlen(formats[i]) == len && strncmp(formats[i], name, len) == 0)
			return i;
	return -1;
}

static void hint_formats(const char *name)
{
	const char *best = kh_closest(name, formats, NFORMATS);
	if (best)
		hint("did you mean '%s'?", best);
	else
		hint("the formats are era, number, upper, lower, fullwidth, halfwidth, string");
}

static void in_string_hint(const walker *w)
{
	if (w->pos.string_key)
		hint("in the string '%s' of the string table", w->pos.string_key);
}

/* The value of a name: a reserved one, or a column of the current row.
 * Returns NULL after reporting. */
static const char *name_value(walker *w, const char *name, size_t off, char *numbuf, size_t numsize)
{
	const kh_bindctx *c = w->ctx;
	if (strcmp(name, "page") == 0 || strcmp(name, "pages") == 0) {
		if (!c)
			return "";
		snprintf(numbuf, numsize, "%d", name[4] ? c->pages : c->page);
		return numbuf;
	}
	if (strcmp(name, "key") == 0 && (c ? c->group_key != NULL : (w->flags & KH_BIND_GROUP) != 0))
		return c ? c->group_key : "";
	if (!c) {
		if (!(w->flags & KH_BIND_ROW)) {
			say(0, pos_at(&w->pos, off), "no data row here for '{%s}'", name);
			hint("columns can be used inside repeat, list items and table columns; {page} and {pages} "
			        "anywhere");
			w->errors++;
			return NULL;
		}
		return "";
	}
	if (!c->table || c->row < 0 || c->row >= c->table->nrows) {
		say(0, pos_at(&w->pos, off), "no data row here for '{%s}'", name);
		if (w->pos.string_key)
			in_string_hint(w);
		else
			hint("columns can be used inside repeat, list items and table columns; {page} and {pages} "
			        "anywhere");
		w->errors++;
		return NULL;
	}
	{
		int col = kh_table_column(c->table, name);
		if (col < 0) {
			kh_loc at = pos_at(&w->pos, off);
			char key[160];
			snprintf(key, sizeof key, "no column '%s'", name);
			suppressed = !first_time(at, key);
			if (!suppressed)
				kh_table_require(c->table, name, at);
			in_string_hint(w);
			w->errors++;
			return NULL;
		}
		return kh_table_cell(c->table, c->row, col);
	}
}

static const char *lookup(const kh_bindctx *ctx, const char *key, srcpos *pos, const char *via);
static const char *expand(const kh_bindctx *ctx, const char *s, srcpos pos, kh_buf *prefix);
static int string_depth;

/* Where a message about the value of `name` goes: the CSV cell it came from
 * when it is a column of the current row (a clerk fixes the data, not the
 * layout), else the template.  *in_cell says which. */
static kh_loc value_at(const walker *w, const char *name, size_t off, int *in_cell)
{
	const kh_bindctx *c = w->ctx;
	*in_cell = 0;
	if (c && c->table && c->row >= 0) {
		int col = kh_table_column(c->table, name);
		if (col >= 0) {
			kh_loc cell = kh_table_cell_loc(c->table, c->row, col);
			if (cell.file && cell.line > 0) {
				*in_cell = 1;
				return cell;
			}
		}
	}
	return pos_at(&w->pos, off);
}

/* A bad value: at its CSV cell, with the template's place as a hint. */
static void bad_value(walker *w, const char *name, size_t off, const char *what, const char *fmtname,
                      const char *v)
{
	int in_cell;
	kh_loc at = value_at(w, name, off, &in_cell);
	say(0, at, "'{%s:%s}': '%s' is not %s", name, fmtname, v, what);
	if (in_cell) {
		kh_loc t = pos_at(&w->pos, off);
		if (t.file)
			hint("the template at %s:%d:%d formats this column as %s", t.file, t.line, t.col, what);
	} else {
		in_string_hint(w);
	}
	w->errors++;
}

/* Apply one format to v, into out. */
static int apply_format(walker *w, int fmt, const char *name, const char *v, size_t off, kh_buf *out)
{
	const kh_bindctx *c = w->ctx;
	switch (fmt) {
	case FMT_ERA: {
		long year;
		const char *yf = year_format(c ? c->locale : NULL);
		if (!parse_year(v, &year)) {
			bad_value(w, name, off, "a year", "era", v);
			return -1;
		}
		if (year < 1868 && wants_era(yf)) {
			int in_cell;
			say(0, value_at(w, name, off, &in_cell), "'{%s:era}': %ld is before the first era (明治, 1868)",
			    name, year);
			w->errors++;
			return -1;
		}
		kh_buf_puts(out, kh_format_year(c ? c->locale : NULL, year, c->arena));
		return 0;
	}
	case FMT_NUMBER: {
		const char *sep = c && c->locale && c->locale->number_group ? c->locale->number_group : ",";
		size_t mark = out->len;
		if (group_digits(v, sep, out) < 0) {
			out->len = mark;
			if (out->s)
				out->s[mark] = 0;
			bad_value(w, name, off, "a number", "number", v);
			return -1;
		}
		return 0;
	}
	case FMT_UPPER:
	case FMT_LOWER:
		for (const char *p = v; *p; p++)
			kh_buf_putc(out, fmt == FMT_UPPER ? toupper((unsigned char)*p) : tolower((unsigned char)*p));
		return 0;
	case FMT_FULL:
	case FMT_HALF:
		apply_width(v, fmt == FMT_FULL, out);
		return 0;
	case FMT_STRING: {
		srcpos np = {NULL, w->pos.loc, NULL, 0, w->pos.at_node, w->pos.at_off};
		char via[96];
		const char *text;
		if (w->pos.node) {
			np.at_node = w->pos.node;
			np.at_off = w->pos.base + off;
		}
		if (!*v)
			return 0; /* an empty cell: no text */
		if (string_depth >= 8) {
			say(0, pos_at(&w->pos, off), "'{%s:string}': the string '%s' refers to itself", name, v);
			w->errors++;
			return -1;
		}
		snprintf(via, sizeof via, "{%s:string}", name);
		text = lookup(c, v, &np, via);
		if (text) {
			string_depth++;
			text = expand(c, text, np, NULL);
			string_depth--;
		}
		if (!text) {
			w->errors++;
			return -1;
		}
		kh_buf_puts(out, text);
		return 0;
	}
	}
	return -1;
}

/* One {name:fmt:fmt} at s[open..close]. */
static void placeholder(walker *w, const char *s, size_t open, size_t close)
{
	const char *body = s + open + 1;
	size_t blen = close - open - 1, nlen;
	const char *colon = memchr(body, ':', blen);
	char *name;
	char numbuf[32];
	const char *v;
	int fmts[8], nf = 0, bad = 0;
	nlen = colon ? (size_t)(colon - body) : blen;
	if (nlen == 0) {
		char q[256];
		say(0, pos_at(&w->pos, open), "empty '{}' in '%s'", excerpt(s, open, q));
		hint("write a column name, {page} or {pages}; {{ is a literal {");
		in_string_hint(w);
		w->errors++;
		return;
	}
	/* formats */
	while (colon) {
		const char *f = colon + 1, *next = memchr(f, ':', (size_t)(body + blen - f));
		size_t flen = next ? (size_t)(next - f) : (size_t)(body + blen - f);
		int fi = find_format(f, flen);
		if (fi < 0) {
			char *fw = kh_xstrndup(f, flen);
			char *ph = kh_xstrndup(s + open, close - open + 1);
			say(0, pos_at(&w->pos, (size_t)(f - s)), "unknown format '%s' in '%s'", fw, ph);
			hint_formats(fw);
			in_string_hint(w);
			free(fw);
			free(ph);
			w->errors++;
			bad = 1;
		} else if (nf < (int)KH_COUNT(fmts)) {
			fmts[nf++] = fi;
		}
		colon = next;
	}
	name = kh_xstrndup(body, nlen);
	v = name_value(w, name, open, numbuf, sizeof numbuf);
	if (!v || bad || !w->ctx) {
		free(name);
		return;
	}
	/* apply the formats in order */
	{
		kh_buf cur = KH_BUF_INIT, next = KH_BUF_INIT;
		kh_buf_puts(&cur, v);
		for (int i = 0; i < nf; i++) {
			kh_buf_reset(&next);
			if (apply_format(w, fmts[i], name, kh_buf_cstr(&cur), open, &next) < 0)
				break;
			kh_buf tmp = cur;
			cur = next;
			next = tmp;
		}
		kh_buf_puts(&w->out, kh_buf_cstr(&cur));
		kh_buf_free(&cur);
		kh_buf_free(&next);
	}
	free(name);
}

static void walk_template(walker *w, const char *s)
{
	size_t i = 0, n = strlen(s);
	while (i < n && !kh_diag_too_many()) {
		if (s[i] == '{' && s[i + 1] == '{') {
			kh_buf_putc(&w->out, '{');
			i += 2;
		} else if (s[i] == '}' && s[i + 1] == '}') {
			kh_buf_putc(&w->out, '}');
			i += 2;
		} else if (s[i] == '{') {
			size_t j = i + 1;
			while (j < n && s[j] != '}' && s[j] != '{')
				j++;
			if (j >= n || s[j] == '{') {
				char q[256];
				say(0, pos_at(&w->pos, i), "unclosed '{' in '%s'", excerpt(s, i, q));
				hint("close it with '}', or write {{ for a literal {");
				in_string_hint(w);
				w->errors++;
				return;
			}
			placeholder(w, s, i, j);
			i = j + 1;
		} else if (s[i] == '}') {
			char q[256];
			say(0, pos_at(&w->pos, i), "unmatched '}' in '%s'", excerpt(s, i, q));
			hint("write }} for a literal }");
			in_string_hint(w);
			w->errors++;
			return;
		} else {
			size_t j = i;
			while (j < n && s[j] != '{' && s[j] != '}')
				j++;
			kh_buf_add(&w->out, s + i, j - i);
			i = j;
		}
	}
}

/* ==== string table ==== */

/* Column by name (the string table's locale columns). */
static int column_of(const kh_table *t, const char *name)
{
	for (int c = 0; c < t->ncols; c++)
		if (strcmp(t->header[c], name) == 0)
			return c;
	return -1;
}

static int find_key_row(const kh_strings *st, const char *key)
{
	const kh_table *t = st->table;
	for (int r = 0; r < t->nrows; r++)
		if (strcmp(kh_table_cell(t, r, st->key_col), key) == 0)
			return r;
	return -1;
}

const char *kh_strings_lookup(const kh_strings *st, const kh_locale *loc, const char *key, const char **used)
{
	int row;
	if (used)
		*used = NULL;
	if (!st || !st->table || !loc)
		return NULL;
	row = find_key_row(st, key);
	if (row < 0)
		return NULL;
	for (int i = 0; i < loc->nchain; i++) {
		int col = column_of(st->table, loc->chain[i]);
		if (col >= 0 && kh_table_cell(st->table, row, col)[0]) {
			if (used)
				*used = loc->chain[i];
			return kh_table_cell(st->table, row, col);
		}
	}
	return NULL;
}

static void unknown_string(const kh_strings *st, const char *key, kh_loc at, const char *via)
{
	const kh_table *t = st->table;
	const char **keys = kh_xmalloc(((size_t)t->nrows + 1) * sizeof *keys);
	const char *best;
	for (int r = 0; r < t->nrows; r++)
		keys[r] = kh_table_cell(t, r, st->key_col);
	best = kh_closest(key, keys, (size_t)t->nrows);
	if (via) {
		say(0, at, "unknown string '%s' (the value of '%s')", key, via);
		if (best)
			hint("did you mean '%s'?", best);
		else
			hint("the string table %s has no key '%s'", t->path ? t->path : "", key);
	} else {
		say(0, at, "unknown string '@%s'", key);
		if (best)
			hint("did you mean '@%s'?", best);
		else
			hint("the string table %s has no key '%s'; for a literal '@' write '@@'", t->path ? t->path : "",
			        key);
	}
	free(keys);
}

/* "@key" (via NULL) or a value through {col:string} (via names it): the
 * string's text (a template itself), or NULL after reporting. */
static const char *lookup(const kh_bindctx *ctx, const char *key, srcpos *pos, const char *via)
{
	const kh_strings *st = ctx->strings;
	const kh_locale *loc = ctx->locale;
	const char *used = NULL, *text;
	int row;
	if (!st || !st->table) {
		if (via)
			say(0, pos_start(pos), "no string table for '%s'", via);
		else
			say(0, pos_start(pos), "no string table for '@%s'", key);
		hint("add 'strings: FILE.csv' under data: (a key column, then one column per locale)");
		return NULL;
	}
	row = find_key_row(st, key);
	if (row < 0) {
		unknown_string(st, key, pos_start(pos), via);
		return NULL;
	}
	if (!loc || loc->nchain == 0) {
		say(0, pos_start(pos), "no locale to look '@%s' up in", key);
		return NULL;
	}
	text = kh_strings_lookup(st, loc, key, &used);
	if (!text) {
		kh_buf names = KH_BUF_INIT;
		for (int i = 0; i < loc->nchain; i++)
			kh_buf_printf(&names, "%s%s", i ? (i == loc->nchain - 1 ? " or " : ", ") : "", loc->chain[i]);
		say(0, pos_start(pos), "no text for '%s' in %s", key, kh_buf_cstr(&names));
		hint("fill in its row of %s", st->table->path ? st->table->path : "the string table");
		kh_buf_free(&names);
		return NULL;
	}
	if (strcmp(used, loc->chain[0]) != 0) {
		if (kh_diag_strict())
			say(1, pos_start(pos), "no '%s' text for '%s' (--strict refuses the '%s' fallback)", loc->chain[0], key, used);
		else
			say(1, pos_start(pos), "no '%s' text for '%s'; using '%s'", loc->chain[0], key, used);
	}
	/* messages about the string's own template go to its cell */
	{
		int col = column_of(st->table, used);
		kh_loc cell = kh_table_cell_loc(st->table, row, col);
		pos->loc = cell.file && cell.line > 0 ? cell : pos_start(pos);
		pos->node = pos->at_node = NULL;
		pos->string_key = key;
	}
	return text;
}

/* Expand template s (after any "@" handling); prefix already holds text
 * to put first.  Returns arena text or NULL after reporting. */
static const char *expand(const kh_bindctx *ctx, const char *s, srcpos pos, kh_buf *prefix)
{
	walker w;
	char *r;
	memset(&w, 0, sizeof w);
	w.ctx = ctx;
	w.pos = pos;
	if (prefix)
		w.out = *prefix;
	if (!strchr(s, '{') && !strchr(s, '}') && w.out.len == 0)
		return s; /* plain text: nothing to copy */
	walk_template(&w, s);
	if (w.errors) {
		kh_buf_free(&w.out);
		return NULL;
	}
	r = kh_arena_strdup(ctx->arena, kh_buf_cstr(&w.out));
	kh_buf_free(&w.out);
	return r;
}

static const char *evaluate(const kh_bindctx *ctx, const char *source, srcpos pos)
{
	const char *s = source;
	kh_buf prefix = KH_BUF_INIT;
	if (!source)
		return NULL;
	if (s[0] == '@' && s[1] == '@') {
		kh_buf_putc(&prefix, '@');
		s += 2;
		pos.base = 2;
	} else if (s[0] == '@') {
		if (!s[1]) {
			say(0, pos_start(&pos), "'@' needs a key, as in \"@cover.title\"");
			hint("for a literal '@' write '@@'");
			return NULL;
		}
		s = lookup(ctx, s + 1, &pos, NULL);
		if (!s)
			return NULL;
	}
	return expand(ctx, s, pos, &prefix);
}

const char *kh_bind_text(const kh_bindctx *ctx, const char *source, kh_loc where)
{
	srcpos pos = {NULL, where, NULL, 0, NULL, 0};
	return evaluate(ctx, source, pos);
}

const char *kh_bind_node(const kh_bindctx *ctx, const kh_ynode *n)
{
	srcpos pos = {n, n ? n->loc : KH_NOLOC, NULL, 0, NULL, 0};
	if (!n || n->kind != KH_Y_SCALAR) {
		if (n)
			say(0, n->loc, "expected text, not %s", kh_ykind_name(n->kind));
		return NULL;
	}
	return evaluate(ctx, n->str, pos);
}

int kh_bind_check(const kh_ynode *n, int flags)
{
	walker w;
	const char *s;
	size_t base = 0;
	if (!n || n->kind != KH_Y_SCALAR)
		return 0;
	s = n->str;
	memset(&w, 0, sizeof w);
	w.flags = flags;
	w.pos.node = n;
	if (s[0] == '@' && s[1] == '@') {
		base = 2;
	} else if (s[0] == '@') {
		if (!s[1]) {
			say(0, n->loc, "'@' needs a key, as in \"@cover.title\"");
			hint("for a literal '@' write '@@'");
			return 1;
		}
		for (const char *p = s + 1; *p; p++)
			if (*p == ' ' || *p == '{' || *p == '}') {
				say(0, kh_yscalar_loc(n, (size_t)(p - s)), "a string key cannot hold '%c': '%s'", *p, s);
				hint("\"@key\" names a whole string of the string table; for a literal '@' write '@@'");
				return 1;
			}
		return 0;
	}
	if (!strchr(s + base, '{') && !strchr(s + base, '}'))
		return 0;
	w.pos.base = base;
	walk_template(&w, s + base);
	kh_buf_free(&w.out);
	return w.errors;
}

/* ==== locales ==== */

static const char *scalar_of(const kh_ynode *n)
{
	return n && n->kind == KH_Y_SCALAR ? n->str : NULL;
}

static void chain_add(kh_locale *loc, const char *name)
{
	if (!name || !*name || loc->nchain >= (int)KH_COUNT(loc->chain))
		return;
	for (int i = 0; i < loc->nchain; i++)
		if (strcmp(loc->chain[i], name) == 0)
			return;
	loc->chain[loc->nchain++] = name;
}

/* The locale a mistyped name most likely means: the same letters in another
 * case ("EN"), the language of a regional form ("ja_JP", "en-GB"), or the
 * closest by edit distance. */
static const char *near_locale(const char *name, const char *const *names, size_t n)
{
	size_t lang = strcspn(name, "_-");
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(name, names[i]) == 0)
			return names[i];
	for (size_t i = 0; i < n; i++)
		if (strlen(names[i]) == lang && strncasecmp(name, names[i], lang) == 0)
			return names[i];
	return kh_closest(name, names, n);
}

int kh_locale_init(kh_locale *loc, const kh_ynode *root, const char *name, kh_loc where)
{
	const kh_ynode *locs = kh_ymap_get(root, "locales"), *me = NULL;
	memset(loc, 0, sizeof *loc);
	if (locs && (locs->kind != KH_Y_MAP || locs->n == 0))
		locs = NULL;
	if (!locs) {
		if (name && strcmp(name, "ja") != 0) {
			say(0, where, "unknown locale '%s'", name);
			hint("the layout has no locales: section, so its only locale is 'ja'");
			return -1;
		}
		loc->name = "ja";
	} else if (!name) {
		loc->name = locs->keys[0]->str;
		me = locs->vals[0];
	} else {
		for (int i = 0; i < locs->n; i++)
			if (strcmp(locs->keys[i]->str, name) == 0) {
				loc->name = locs->keys[i]->str;
				me = locs->vals[i];
			}
		if (!loc->name) {
			const char **names = kh_xmalloc((size_t)locs->n * sizeof *names);
			const char *best;
			kh_buf b = KH_BUF_INIT;
			for (int i = 0; i < locs->n; i++) {
				names[i] = locs->keys[i]->str;
				kh_buf_printf(&b, "%s%s", i ? ", " : "", names[i]);
			}
			best = near_locale(name, names, (size_t)locs->n);
			say(0, where, "unknown locale '%s'", name);
			if (best)
				hint("did you mean '%s'? the layout's locales are %s", best, kh_buf_cstr(&b));
			else
				hint("the layout's locales are %s", kh_buf_cstr(&b));
			kh_buf_free(&b);
			free(names);
			return -1;
		}
	}
	chain_add(loc, loc->name);
	/* fallbacks, transitively, breadth first */
	for (int i = 0; i < loc->nchain && locs; i++) {
		const kh_ynode *l = kh_ymap_get(locs, loc->chain[i]);
		const kh_ynode *fb = kh_ymap_get(l, "fallback");
		if (!fb)
			continue;
		if (fb->kind == KH_Y_SEQ) {
			for (int j = 0; j < fb->n; j++)
				chain_add(loc, scalar_of(fb->vals[j]));
		} else {
			chain_add(loc, scalar_of(fb));
		}
	}
	loc->latin = scalar_of(kh_ymap_get(me, "script")) && strcmp(scalar_of(kh_ymap_get(me, "script")), "latin") == 0;
	loc->year_format = scalar_of(kh_ymap_get(me, "year"));
	if (!loc->year_format)
		loc->year_format = strcmp(loc->name, "ja") == 0 ? default_ja_year : "{year}";
	loc->number_group = scalar_of(kh_ymap_get(me, "number-group"));
	if (!loc->number_group)
		loc->number_group = ",";
	loc->fonts = kh_ymap_get(me, "fonts");
	if (loc->fonts && loc->fonts->kind != KH_Y_MAP)
		loc->fonts = NULL;
	return 0;
}
