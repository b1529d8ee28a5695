/* csv.c -- reading a CSV file into a table: the bytes (decoded by
 * encoding.c), libcsv in strict RFC 4180 mode over the text, and the table
 * rules (a header of distinct names, as many fields in every row), every
 * problem at file:line:col.  The only file that includes csv.h.
 *
 * The cells stay in the decoded text: an unquoted field is already where
 * libcsv read it, a quoted field is copied back over its own source just
 * after its opening quote (it is never longer), and each ends with a NUL
 * written over the byte after it.  A table costs its text plus a pointer a
 * cell, and where a cell was in the file can be worked out again from the
 * cells before it in its row (kh_table_cell_loc), without storing it.
 */
#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "table.h"
#include "utf8.h"

enum { CHUNK = 256 * 1024 };

typedef struct parser {
	kh_table *t;
	char *text;         /* decoded text, cells written in place */
	size_t len;
	size_t pos;         /* where the current field starts */
	int line;           /* line of pos once the row has begun */
	int in_row;         /* the current row has had a field */
	int last_term;      /* the character that ended the last row */
	int row_line;       /* line where the current row starts */
	const char **row;   /* the current row's fields */
	size_t nrow, caprow;
	size_t cellcap, linecap;
	int have_header;
	int failed;         /* an error was reported */
	int stop;           /* no point going on */
} parser;

static int keep_spaces(unsigned char c)
{
	(void)c;
	return 0;
}

/* Skip the line ends before a row (the one that ended the last row and any
 * blank lines), counting lines. */
static void begin_row(parser *p)
{
	int cr = p->last_term == '\r';
	while (p->pos < p->len && (p->text[p->pos] == '\r' || p->text[p->pos] == '\n')) {
		if (p->text[p->pos] == '\n' && cr) {
			cr = 0;
		} else {
			p->line++;
			cr = p->text[p->pos] == '\r';
		}
		p->pos++;
	}
	p->last_term = 0;
	p->in_row = 1;
	p->row_line = p->line;
	p->nrow = 0;
}

/* Advance (line, col) over one stored field and the delimiter after it. */
static void advance(const char *text, const char *field, int *line, int *col)
{
	const unsigned char *s = (const unsigned char *)field;
	int quoted = field > text && field[-1] == '"';
	int ln = *line, cl = *col + quoted;
	for (; *s; s++) {
		if (*s == '\n')
			ln++, cl = 1;
		else if (*s == '"')
			cl += 2; /* doubled in the source */
		else if ((*s & 0xC0) != 0x80)
			cl++;
	}
	*line = ln;
	*col = cl + quoted + 1;
}

/* Position of field k of a row that starts on line `line`. */
static kh_loc field_loc(const char *file, const char *text, const char *const *f, size_t k, int line)
{
	int col = 1;
	for (size_t i = 0; i < k; i++)
		advance(text, f[i], &line, &col);
	return kh_loc_make(file, line, col);
}

/* Advance (line, col) over n raw source bytes. */
static void scan_raw(const char *s, size_t n, int *line, int *col)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\r' || c == '\n') {
			(*line)++, *col = 1;
			if (c == '\r' && i + 1 < n && s[i + 1] == '\n')
				i++;
		} else if ((c & 0xC0) != 0x80) {
			(*col)++;
		}
	}
}

static void on_field(void *s, size_t len, void *data)
{
	parser *p = data;
	char *src, *dst;
	if (p->stop)
		return;
	if (!p->in_row)
		begin_row(p);
	src = p->text + p->pos;
	if (p->pos < p->len && *src == '"') {
		size_t q = 0, out = len;
		dst = src + 1;
		if (len) {
			const char *c = s, *end = c + len;
			while ((c = memchr(c, '"', (size_t)(end - c))) != NULL)
				q++, c++;
			memcpy(dst, s, len);
			if (memchr(dst, '\r', len) || memchr(dst, '\n', len)) {
				/* quoted line ends: CRLF and CR become LF */
				size_t j = 0;
				for (size_t i = 0; i < len; i++) {
					char ch = dst[i];
					if (ch == '\r' || ch == '\n') {
						p->line++;
						if (ch == '\r' && i + 1 < len && dst[i + 1] == '\n')
							i++;
						ch = '\n';
					}
					dst[j++] = ch;
				}
				out = j;
			}
		}
		dst[out] = 0;
		p->pos += len + q + 3;
	} else {
		/* strict mode with spaces kept: the field is its source */
		dst = src;
		dst[len] = 0;
		p->pos += len + 1;
	}
	if (p->nrow == p->caprow)
		kh_grow(&p->row, sizeof *p->row, p->nrow + 1, &p->caprow);
	p->row[p->nrow++] = dst;
}

static int is_blank(const char *s)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n')
			continue;
		if (!strncmp(s, "\xE3\x80\x80", 3)) { /* U+3000 */
			s += 2;
			continue;
		}
		return 0;
	}
	return 1;
}

static int space_at_start(const char *s)
{
	return *s == ' ' || *s == '\t' || !strncmp(s, "\xE3\x80\x80", 3);
}

static int space_at_end(const char *s)
{
	size_t n = strlen(s);
	return n && (s[n - 1] == ' ' || s[n - 1] == '\t' || (n >= 3 && !strcmp(s + n - 3, "\xE3\x80\x80")));
}

static uint32_t hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void take_header(parser *p)
{
	kh_table *t = p->t;
	size_t n = p->nrow, size = 16;
	int line = p->row_line, col = 1, *slot;
	if (n > INT_MAX / 4) {
		kh_error(kh_loc_make(t->path, line, 1), "the header has too many columns (%zu)", n);
		p->failed = p->stop = 1;
		return;
	}
	while (size < 2 * n)
		size *= 2;
	slot = kh_xmalloc(size * sizeof *slot);
	memset(slot, 0xff, size * sizeof *slot);
	t->ncols = (int)n;
	t->header_line = line;
	t->header = kh_arena_alloc(t->arena, n * sizeof *t->header);
	t->header_col = kh_arena_alloc(t->arena, n * sizeof *t->header_col);
	memcpy(t->header, p->row, n * sizeof *p->row);
	for (size_t i = 0; i < n; i++) {
		const char *name = p->row[i];
		kh_loc at = kh_loc_make(t->path, line, col);
		t->header_col[i] = col;
		if (is_blank(name)) {
			kh_error(at, "column %zu has no name", i + 1);
			kh_hint("every column needs a name in the header row (the first row)");
			p->failed = 1;
		} else {
			uint32_t h = hash(name) & (uint32_t)(size - 1);
			while (slot[h] >= 0 && strcmp(t->header[slot[h]], name))
				h = (h + 1) & (uint32_t)(size - 1);
			if (slot[h] >= 0) {
				kh_error(at, "duplicate column name '%s'", name);
				kh_hint("column %d has the same name; columns are addressed by name, so names must differ",
				        slot[h] + 1);
				p->failed = 1;
			} else {
				slot[h] = (int)i;
				if (space_at_start(name) || space_at_end(name))
					kh_warning(at, "column name '%s' has a space at its %s", name,
					           space_at_start(name) ? (space_at_end(name) ? "start and end" : "start")
					                                : "end");
			}
		}
		advance(p->text, name, &line, &col);
	}
	free(slot);
	p->have_header = 1;
}

static void take_row(parser *p)
{
	kh_table *t = p->t;
	size_t nc = (size_t)t->ncols;
	if (p->nrow != nc) {
		kh_loc at;
		if (p->nrow > nc) {
			size_t extra_empty = 1;
			at = field_loc(t->path, p->text, p->row, nc, p->row_line);
			for (size_t i = nc; i < p->nrow; i++)
				extra_empty &= !*p->row[i];
			kh_error(at, "row has %zu fields, the header has %zu", p->nrow, nc);
			if (extra_empty)
				kh_hint("the row ends with %zu empty field%s too many: remove the extra comma%s at its end",
				        p->nrow - nc, p->nrow - nc > 1 ? "s" : "", p->nrow - nc > 1 ? "s" : "");
			else
				kh_hint("a value with a comma in it must be quoted: \"1,234\"");
		} else {
			at = field_loc(t->path, p->text, p->row, p->nrow, p->row_line);
			at.col--; /* the end of the row */
			kh_error(at, "row has %zu field%s, the header has %zu", p->nrow, p->nrow > 1 ? "s" : "", nc);
			kh_hint("an empty value still needs its comma: a row of %zu fields has %zu comma%s", nc, nc - 1,
			        nc > 2 ? "s" : "");
		}
		p->failed = 1;
		return;
	}
	if (t->nrows == INT_MAX) {
		kh_error(kh_loc_make(t->path, p->row_line, 1), "too many rows (more than %d)", INT_MAX);
		p->failed = p->stop = 1;
		return;
	}
	if (p->failed)
		return; /* no table will come of it: just look for more errors */
	if (((size_t)t->nrows + 1) * nc > p->cellcap)
		kh_grow(&t->cells, sizeof *t->cells, ((size_t)t->nrows + 1) * nc, &p->cellcap);
	if ((size_t)t->nrows + 1 > p->linecap)
		kh_grow(&t->row_line, sizeof *t->row_line, (size_t)t->nrows + 1, &p->linecap);
	memcpy(t->cells + (size_t)t->nrows * nc, p->row, nc * sizeof *p->row);
	t->row_line[t->nrows++] = p->row_line;
}

static void on_row(int c, void *data)
{
	parser *p = data;
	if (p->stop)
		return;
	if (!p->in_row)
		begin_row(p);
	if (!p->have_header)
		take_header(p);
	else
		take_row(p);
	p->in_row = 0;
	if (c == '\r' || c == '\n') {
		p->line++;
		p->last_term = c;
	}
	if (kh_diag_too_many())
		p->stop = p->failed = 1; /* the run fails anyway: no half-read table */
}

/* The character at s as it goes in a message: 'b', ' ', '\t'. */
static void char_repr(const char *s, char out[16])
{
	uint32_t cp;
	int n = kh_utf8_decode(s, strlen(s), &cp);
	if (n <= 0 || cp == 0)
		snprintf(out, 16, "\\x%02x", (unsigned char)*s);
	else if (cp == '\t')
		strcpy(out, "\\t");
	else if (cp < 0x20 || cp == 0x7F)
		snprintf(out, 16, "\\x%02x", (unsigned)cp);
	else
		memcpy(out, s, (size_t)n), out[n] = 0;
}

/* libcsv stopped at text offset e: a quote in an unquoted field, or
 * something after a closing quote. */
static void syntax_error(parser *p, size_t e)
{
	kh_loc at;
	if (!p->in_row)
		begin_row(p);
	at = field_loc(p->t->path, p->text, p->row, p->nrow, p->row_line);
	scan_raw(p->text + p->pos, e - p->pos, &at.line, &at.col);
	if (p->text[p->pos] != '"') {
		size_t end = p->pos;
		while (end < p->len && p->text[end] != ',' && p->text[end] != '\r' && p->text[end] != '\n')
			end++;
		kh_error(at, "quote inside an unquoted field");
		if (end - p->pos <= 60) {
			kh_buf b = KH_BUF_INIT;
			kh_buf_putc(&b, '"');
			for (size_t i = p->pos; i < end; i++) {
				if (p->text[i] == '"')
					kh_buf_putc(&b, '"');
				kh_buf_putc(&b, p->text[i]);
			}
			kh_buf_putc(&b, '"');
			kh_hint("quote the field and double the quotes in it: %s", kh_buf_cstr(&b));
			kh_buf_free(&b);
		} else {
			kh_hint("quote the field and double the quotes in it");
		}
	} else {
		char c[16];
		char_repr(p->text + e, c);
		kh_error(at, "'%s' after the closing quote of a field", c);
		kh_hint("a quote inside a quoted field is written twice: \"\"");
	}
	p->failed = p->stop = 1;
}

static void unterminated(parser *p)
{
	if (!p->in_row)
		begin_row(p);
	kh_error(field_loc(p->t->path, p->text, p->row, p->nrow, p->row_line), "quoted field is not closed");
	kh_hint("the quote opened here runs to the end of the file; a quote inside a quoted field is written "
	        "twice: \"\"");
	p->failed = p->stop = 1;
}

static kh_table *parse_text(const char *name, kh_text *tx, int declared)
{
	kh_arena *a = kh_arena_new();
	kh_table *t = kh_arena_alloc(a, sizeof *t);
	struct csv_parser cp;
	parser p;
	int failed;

	t->arena = a;
	t->path = kh_arena_strdup(a, name);
	t->encoding = tx->enc;
	t->bom = tx->bom;
	t->declared = declared;
	t->text = tx->mem;
	memset(&p, 0, sizeof p);
	p.t = t;
	p.text = tx->s;
	p.len = tx->len;
	p.line = 1;

	if (tx->len == 0) {
		kh_error(kh_loc_make(t->path, 0, 0), "the file is empty");
		kh_hint("a table starts with a header row naming its columns");
		kh_table_drop(t);
		return NULL;
	}
	if (csv_init(&cp, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		kh_die("out of memory (libcsv)");
	csv_set_space_func(&cp, keep_spaces);
	for (size_t off = 0; off < p.len && !p.stop; off += CHUNK) {
		size_t n = p.len - off < CHUNK ? p.len - off : CHUNK;
		size_t r;
		/* libcsv grows a field's buffer by blk_size at a time: grow it by its
		 * own size instead, or a 50 MB field costs 400,000 reallocations */
		csv_set_blk_size(&cp, cp.entry_size > 128 ? cp.entry_size : 128);
		r = csv_parse(&cp, p.text + off, n, on_field, on_row, &p);
		if (r < n) {
			if (csv_error(&cp) != CSV_EPARSE)
				kh_die("out of memory (libcsv)");
			if (!p.stop)
				syntax_error(&p, off + r);
			p.stop = 1;
		}
	}
	if (!p.stop && csv_fini(&cp, on_field, on_row, &p) != 0) {
		if (csv_error(&cp) != CSV_EPARSE)
			kh_die("out of memory (libcsv)");
		unterminated(&p);
	}
	csv_free(&cp);
	free(p.row);
	failed = p.failed;
	if (!failed && !p.have_header) {
		kh_error(kh_loc_make(t->path, 0, 0), "the file has only blank lines");
		kh_hint("a table starts with a header row naming its columns");
		failed = 1;
	}
	if (failed) {
		kh_table_drop(t);
		return NULL;
	}
	if (t->nrows == 0)
		kh_warning(kh_loc_make(t->path, 0, 0), "the table has a header but no rows");
	return t;
}

/* Lines, columns and row numbers are ints: a table file is at most 2 GB. */
static int too_large(const char *name, size_t len)
{
	if (len < INT_MAX / 2)
		return 0;
	kh_error(kh_loc_make(name, 0, 0), "the file is too large (%zu bytes; a table can have up to %d)", len,
	         INT_MAX / 2 - 1);
	return 1;
}

kh_table *kh_table_load(const char *path, kh_encoding enc)
{
	char *data;
	size_t len;
	int rc;
	kh_text tx;
	if ((rc = kh_file_read(path, &data, &len)) < 0) {
		kh_error(KH_NOLOC, "cannot %s '%s': %s", kh_file_verb(rc), path, strerror(errno));
		return NULL;
	}
	if (too_large(path, len)) {
		free(data);
		return NULL;
	}
	if (kh_encoding_decode_take(path, data, len, enc, &tx) < 0)
		return NULL;
	return parse_text(path, &tx, enc != KH_ENC_AUTO);
}

kh_table *kh_table_parse(const char *name, const char *data, size_t len, kh_encoding enc)
{
	char *copy;
	kh_text tx;
	if (too_large(name, len))
		return NULL;
	copy = kh_xmalloc(len + 1);
	if (len)
		memcpy(copy, data, len);
	copy[len] = 0;
	if (kh_encoding_decode_take(name, copy, len, enc, &tx) < 0)
		return NULL;
	return parse_text(name, &tx, enc != KH_ENC_AUTO);
}

void kh_table_drop(kh_table *t)
{
	if (!t)
		return;
	free(t->text);
	free(t->cells);
	free(t->row_line);
	kh_arena_drop(t->arena);
}

kh_loc kh_table_cell_loc(const kh_table *t, int row, int col)
{
	const char *text;
	if (row < 0 || row >= t->nrows || col < 0 || col >= t->ncols)
		return kh_loc_make(t->path, 0, 0);
	/* the row's first cell is where the row starts (after its opening quote if quoted) */
	text = t->cells[(size_t)row * (size_t)t->ncols];
	text -= text > t->text && text[-1] == '"';
	return field_loc(t->path, text, &t->cells[(size_t)row * (size_t)t->ncols], (size_t)col, t->row_line[row]);
}
