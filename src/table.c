/* table.c -- using a loaded table: columns by name (with "did you mean"),
 * comparing values (numbers exactly, else by code point), the row
 * selections layouts repeat over (filter, stable sort, group in order of
 * first appearance), and `kumihan data`'s two views of a table: a summary
 * for people and JSON for other programs.  Loading is csv.c.
 */
#include <stdlib.h>
#include <string.h>

#include "table.h"
#include "utf8.h"

int kh_table_column(const kh_table *t, const char *name)
{
	for (int i = 0; i < t->ncols; i++)
		if (!strcmp(t->header[i], name))
			return i;
	return -1;
}

int kh_table_require(const kh_table *t, const char *name, kh_loc where)
{
	int c = kh_table_column(t, name);
	const char *near;
	kh_buf list = KH_BUF_INIT;
	if (c >= 0)
		return c;
	kh_error(where, "no column '%s' in '%s'", name, t->path);
	for (int i = 0; i < t->ncols; i++) {
		if (i == 30) {
			kh_buf_printf(&list, " and %d more", t->ncols - i);
			break;
		}
		kh_buf_printf(&list, "%s'%s'", i ? ", " : "", t->header[i]);
	}
	near = kh_closest(name, t->header, (size_t)t->ncols);
	if (near)
		kh_hint("did you mean '%s'? the columns are %s", near, kh_buf_cstr(&list));
	else
		kh_hint("the columns are %s", kh_buf_cstr(&list));
	kh_buf_free(&list);
	return -1;
}

/* ---- values ---- */

typedef struct num {
	int neg;
	const char *ip;  /* integer digits, leading zeros skipped (may hold ',') */
	const char *ie;
	size_t idigits;  /* significant integer digits */
	const char *fp;  /* fraction digits, trailing zeros dropped */
	size_t flen;
} num;

static int isdig(char c)
{
	return c >= '0' && c <= '9';
}

static int parse_num(const char *s, num *n)
{
	const char *p = s;
	size_t run = 0, groups = 0;
	memset(n, 0, sizeof *n);
	if (*p == '+' || *p == '-')
		n->neg = *p++ == '-';
	n->ip = p;
	while (isdig(*p) || *p == ',') {
		if (*p == ',') {
			/* grouping: 1-3 digits, then threes */
			if (run == 0 || run > 3 || (groups && run != 3))
				return 0;
			groups++;
			run = 0;
		} else {
			run++;
		}
		p++;
	}
	if (groups && run != 3)
		return 0;
	n->ie = p;
	if (*p == '.') {
		p++;
		n->fp = p;
		while (isdig(*p))
			p++;
		n->flen = (size_t)(p - n->fp);
		if (!n->flen)
			return 0;
	}
	if (*p || (n->ie == n->ip && !n->flen))
		return 0;
	while (n->ip < n->ie && (*n->ip == '0' || *n->ip == ','))
		n->ip++;
	for (const char *q = n->ip; q < n->ie; q++)
		n->idigits += *q != ',';
	while (n->flen && n->fp[n->flen - 1] == '0')
		n->flen--;
	if (!n->idigits && !n->flen)
		n->neg = 0; /* -0 is 0 */
	return 1;
}

int kh_value_is_number(const char *s)
{
	num n;
	return parse_num(s, &n);
}

static int numcmp(const num *a, const num *b)
{
	int sign = a->neg ? -1 : 1, d = 0;
	const char *p, *q;
	if (a->neg != b->neg)
		return a->neg ? -1 : 1;
	if (a->idigits != b->idigits)
		return a->idigits < b->idigits ? -sign : sign;
	for (p = a->ip, q = b->ip; p < a->ie && q < b->ie && !d; p++, q++) {
		while (*p == ',')
			p++;
		while (*q == ',')
			q++;
		d = (*p > *q) - (*p < *q);
	}
	for (size_t i = 0; !d && (i < a->flen || i < b->flen); i++) {
		char x = i < a->flen ? a->fp[i] : '0', y = i < b->flen ? b->fp[i] : '0';
		d = (x > y) - (x < y);
	}
	return d * sign;
}

int kh_value_compare(const char *a, const char *b)
{
	num x, y;
	int d;
	if (parse_num(a, &x) && parse_num(b, &y))
		return numcmp(&x, &y);
	d = strcmp(a, b); /* UTF-8 byte order is code point order */
	return (d > 0) - (d < 0);
}

/* ---- selections ---- */

static int passes(const kh_table *t, int row, const kh_filter *f, int nf)
{
	for (int i = 0; i < nf; i++) {
		int d;
		if (f[i].col < 0 || f[i].col >= t->ncols)
			return 0;
		d = kh_value_compare(kh_table_cell(t, row, f[i].col), f[i].value ? f[i].value : "");
		switch (f[i].op) {
		case KH_CMP_EQ: if (d != 0) return 0; break;
		case KH_CMP_NE: if (d == 0) return 0; break;
		case KH_CMP_LT: if (d >= 0) return 0; break;
		case KH_CMP_LE: if (d > 0) return 0; break;
		case KH_CMP_GT: if (d <= 0) return 0; break;
		case KH_CMP_GE: if (d < 0) return 0; break;
		}
	}
	return 1;
}

typedef struct sortkey {
	const kh_table *t;
	int col, numeric, desc;
} sortkey;

static int keycmp(const sortkey *k, int ra, int rb)
{
	const char *a = kh_table_cell(k->t, ra, k->col), *b = kh_table_cell(k->t, rb, k->col);
	int d;
	if (k->numeric && *a && *b) {
		num x, y;
		parse_num(a, &x);
		parse_num(b, &y);
		d = numcmp(&x, &y);
	} else {
		d = strcmp(a, b); /* "" first, in both modes */
		d = (d > 0) - (d < 0);
	}
	return k->desc ? -d : d;
}

/* Stable bottom-up merge sort of idx[0..n). */
static void sort_rows(int *idx, int n, const sortkey *k)
{
	int *tmp = kh_xmalloc((size_t)n * sizeof *tmp), *src = idx, *dst = tmp;
	for (int width = 1; width < n; width *= 2) {
		for (int lo = 0; lo < n; lo += 2 * width) {
			int mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
			int i = lo, j = mid, o = lo;
			while (i < mid && j < hi)
				dst[o++] = keycmp(k, src[j], src[i]) < 0 ? src[j++] : src[i++];
			while (i < mid)
				dst[o++] = src[i++];
			while (j < hi)
				dst[o++] = src[j++];
		}
		int *swap = src;
		src = dst;
		dst = swap;
	}
	if (src != idx)
		memcpy(idx, src, (size_t)n * sizeof *idx);
	free(tmp);
}

kh_rows kh_table_select(const kh_table *t, const kh_filter *filters, int nfilters, int sort_col, int desc,
                        kh_arena *arena)
{
	kh_rows r;
	r.n = 0;
	r.idx = kh_arena_alloc(arena, (size_t)(t->nrows ? t->nrows : 1) * sizeof *r.idx);
	for (int i = 0; i < t->nrows; i++)
		if (passes(t, i, filters, nfilters))
			r.idx[r.n++] = i;
	if (sort_col >= 0 && sort_col < t->ncols && r.n > 1) {
		sortkey k = {t, sort_col, 0, desc};
		int numbers = 0, others = 0;
		for (int i = 0; i < t->nrows && !others; i++) {
			const char *c = kh_table_cell(t, i, sort_col);
			if (*c) {
				if (kh_value_is_number(c))
					numbers++;
				else
					others++;
			}
		}
		k.numeric = numbers > 0 && !others;
		sort_rows(r.idx, r.n, &k);
	}
	return r;
}

int kh_table_group(const kh_table *t, kh_rows rows, int col, kh_group **groups, kh_arena *arena)
{
	size_t size = 16, ng = 0, cap = 0;
	int *slot, *gid, *count = NULL;
	const char **keys = NULL;
	kh_group *g;
	*groups = NULL;
	if (col < 0 || col >= t->ncols || rows.n <= 0)
		return 0;
	while (size < 2 * (size_t)rows.n)
		size *= 2;
	slot = kh_xmalloc(size * sizeof *slot);
	memset(slot, 0xff, size * sizeof *slot);
	gid = kh_xmalloc((size_t)rows.n * sizeof *gid);
	for (int i = 0; i < rows.n; i++) {
		const char *key = kh_table_cell(t, rows.idx[i], col);
		uint32_t h = 2166136261u;
		for (const char *s = key; *s; s++)
			h = (h ^ (unsigned char)*s) * 16777619u;
		h &= (uint32_t)(size - 1);
		while (slot[h] >= 0 && strcmp(keys[slot[h]], key))
			h = (h + 1) & (uint32_t)(size - 1);
		if (slot[h] < 0) {
			if (ng == cap) {
				size_t c2 = cap;
				kh_grow(&keys, sizeof *keys, ng + 1, &cap);
				kh_grow(&count, sizeof *count, ng + 1, &c2);
			}
			keys[ng] = key;
			count[ng] = 0;
			slot[h] = (int)ng++;
		}
		gid[i] = slot[h];
		count[gid[i]]++;
	}
	g = kh_arena_alloc(arena, ng * sizeof *g);
	for (size_t i = 0; i < ng; i++) {
		g[i].key = keys[i];
		g[i].rows.idx = kh_arena_alloc(arena, (size_t)count[i] * sizeof(int));
	}
	for (int i = 0; i < rows.n; i++) {
		kh_group *gr = &g[gid[i]];
		gr->rows.idx[gr->rows.n++] = rows.idx[i];
	}
	free(slot);
	free(gid);
	free(keys);
	free(count);
	*groups = g;
	return (int)ng;
}

/* ---- kumihan data ---- */

/* Terminal columns of a character: 2 for East Asian wide and full-width, 0
 * for combining marks and other invisible ones, else 1. */
static int cp_width(uint32_t c)
{
	if ((c >= 0x300 && c <= 0x36F) || (c >= 0x200B && c <= 0x200F) || c == 0x2060 || c == 0xFEFF ||
	    (c >= 0xFE00 && c <= 0xFE0F) || c == 0x3099 || c == 0x309A || (c >= 0xE0100 && c <= 0xE01EF))
		return 0;
	if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
	    (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
	    (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
	    (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
	    (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD))
		return 2;
	return 1;
}

enum { MAXW = 40, SHOWN = 10 };

/* A cell as the summary shows it: newline and tab as \n and \t, other
 * control characters as \xNN, cut to MAXW columns with "...".  Returns its
 * width. */
static int cell_view(kh_buf *b, const char *s)
{
	int w = 0;
	size_t len = strlen(s), i = 0;
	kh_buf_reset(b);
	while (i < len) {
		uint32_t cp;
		int n = kh_utf8_decode(s + i, len - i, &cp), cw;
		char esc[8];
		const char *out = s + i;
		size_t outlen;
		if (n <= 0)
			n = 1, cp = 0xFFFD;
		outlen = (size_t)n;
		if (cp < 0x20 || cp == 0x7F) {
			if (cp == '\n')
				strcpy(esc, "\\n");
			else if (cp == '\t')
				strcpy(esc, "\\t");
			else
				snprintf(esc, sizeof esc, "\\x%02x", (unsigned)cp);
			out = esc;
			outlen = strlen(esc);
			cw = (int)outlen;
		} else {
			cw = cp_width(cp);
		}
		if (w + cw > MAXW - 3 && (w + cw > MAXW || i + (size_t)n < len)) {
			kh_buf_puts(b, "...");
			return w + 3;
		}
		kh_buf_add(b, out, outlen);
		w += cw;
		i += (size_t)n;
	}
	return w;
}

static void put_row(FILE *out, kh_buf *b, const char *first, const char *const *cells, int n,
                    const int *width)
{
	fputs(first, out);
	for (int c = 0; c < n; c++) {
		int w = cell_view(b, cells[c]);
		fputs(c + 1 < n || b->len ? " | " : " |", out);
		fputs(kh_buf_cstr(b), out);
		if (c + 1 < n)
			for (; w < width[c]; w++)
				putc(' ', out);
	}
	putc('\n', out);
}

void kh_table_print(const kh_table *t, FILE *out, int all)
{
	int shown = all || t->nrows <= SHOWN ? t->nrows : SHOWN, lw = 4;
	int *width = kh_xcalloc((size_t)t->ncols, sizeof *width);
	kh_buf b = KH_BUF_INIT;
	char lbl[32];

	fprintf(out, "file:     %s\n", t->path);
	fprintf(out, "encoding: %s%s (%s)\n", kh_encoding_name(t->encoding), t->bom ? ", with a byte-order mark" : "",
	        t->declared ? "declared" : "detected");
	fprintf(out, "columns:  %d (header on line %d)\n", t->ncols, t->header_line);
	for (int c = 0; c < t->ncols; c++) {
		cell_view(&b, t->header[c]);
		fprintf(out, "  %3d  %s\n", c + 1, kh_buf_cstr(&b));
	}
	fprintf(out, "rows:     %d", t->nrows);
	if (shown < t->nrows)
		fprintf(out, " (the first %d shown; --all shows every row)", shown);
	fputs("\n\n", out);

	for (int c = 0; c < t->ncols; c++)
		width[c] = cell_view(&b, t->header[c]);
	for (int r = 0; r < shown; r++) {
		int n = snprintf(lbl, sizeof lbl, "%d", t->row_line[r]);
		if (n > lw)
			lw = n;
		for (int c = 0; c < t->ncols; c++) {
			int w = cell_view(&b, kh_table_cell(t, r, c));
			if (w > width[c])
				width[c] = w;
		}
	}
	snprintf(lbl, sizeof lbl, "%-*s", lw, "line");
	put_row(out, &b, lbl, t->header, t->ncols, width);
	for (int i = 0; i < lw; i++)
		putc('-', out);
	for (int c = 0; c < t->ncols; c++) {
		fputs("-+-", out);
		for (int i = 0; i < width[c]; i++)
			putc('-', out);
	}
	putc('\n', out);
	for (int r = 0; r < shown; r++) {
		snprintf(lbl, sizeof lbl, "%*d", lw, t->row_line[r]);
		put_row(out, &b, lbl, &t->cells[(size_t)r * (size_t)t->ncols], t->ncols, width);
	}
	kh_buf_free(&b);
	free(width);
}

static void json_string(FILE *out, const char *s)
{
	putc('"', out);
	for (;;) {
		const char *run = s;
		while ((unsigned char)*s >= 0x20 && *s != '"' && *s != '\\')
			s++;
		if (s > run)
			fwrite(run, 1, (size_t)(s - run), out);
		if (!*s)
			break;
		switch (*s) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		case '\t': fputs("\\t", out); break;
		case '\b': fputs("\\b", out); break;
		case '\f': fputs("\\f", out); break;
		default: fprintf(out, "\\u%04x", (unsigned char)*s); break;
		}
		s++;
	}
	putc('"', out);
}

static void json_record(FILE *out, const char *const *cells, int n, int last)
{
	putc('[', out);
	for (int c = 0; c < n; c++) {
		if (c)
			putc(',', out);
		json_string(out, cells[c]);
	}
	fputs(last ? "]\n" : "],\n", out);
}

void kh_table_print_json(const kh_table *t, FILE *out)
{
	fputs("[\n", out);
	json_record(out, t->header, t->ncols, t->nrows == 0);
	for (int r = 0; r < t->nrows; r++)
		json_record(out, &t->cells[(size_t)r * (size_t)t->ncols], t->ncols, r == t->nrows - 1);
	fputs("]\n", out);
}
