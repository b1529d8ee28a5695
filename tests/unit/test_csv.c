/* test_csv.c -- the CSV reader: RFC 4180 in strict mode with spaces kept,
 * line ends, blank lines, BOMs, the table rules, where every row, header
 * name and cell is (lines and character columns), the exact messages, and
 * inputs that are large in every direction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "t.h"
#include "table.h"
#include "util.h"

static const char *diag_text = "";

/* Parse src; the messages it printed are diags() until the next parse. */
static kh_table *parse_enc(const char *src, size_t n, kh_encoding enc)
{
	kh_table *t;
	t_capture_begin();
	t = kh_table_parse("t.csv", src, n, enc);
	diag_text = t_capture_end();
	return t;
}

static kh_table *parse(const char *src)
{
	return parse_enc(src, strlen(src), KH_ENC_AUTO);
}

static const char *diags(void)
{
	return diag_text;
}

/* Rows as "a|b/1|2" (header first); cells in <> when they hold | or /. */
static char *dump(const kh_table *t)
{
	kh_buf b = KH_BUF_INIT;
	if (!t)
		return kh_xstrdup("(null)");
	for (int r = -1; r < t->nrows; r++) {
		if (r >= 0)
			kh_buf_putc(&b, '/');
		for (int c = 0; c < t->ncols; c++) {
			const char *v = r < 0 ? t->header[c] : kh_table_cell(t, r, c);
			if (c)
				kh_buf_putc(&b, '|');
			kh_buf_printf(&b, strpbrk(v, "|/") ? "<%s>" : "%s", v);
		}
	}
	return kh_buf_detach(&b);
}

#define READS(name, src, expect)                                                                         \
	do {                                                                                             \
		kh_table *t_ = parse(src);                                                               \
		char *d_ = dump(t_);                                                                     \
		T_STR(name, expect, d_);                                                                 \
		T_STR(name " (no messages)", "", diags());                                               \
		free(d_);                                                                                \
		kh_table_drop(t_);                                                                       \
	} while (0)

#define REFUSES(name, src, msg)                                                                          \
	do {                                                                                             \
		kh_table *t_ = parse(src);                                                               \
		T_OK(name " (no table)", t_ == NULL);                                                    \
		T_STR(name, msg, diags());                                                               \
		kh_table_drop(t_);                                                                       \
	} while (0)

static char *locs(const kh_table *t)
{
	kh_buf b = KH_BUF_INIT;
	for (int r = 0; r < t->nrows; r++) {
		kh_buf_printf(&b, "%sL%d:", r ? " " : "", t->row_line[r]);
		for (int c = 0; c < t->ncols; c++) {
			kh_loc l = kh_table_cell_loc(t, r, c);
			kh_buf_printf(&b, "%s%d:%d", c ? "," : "", l.line, l.col);
		}
	}
	return kh_buf_detach(&b);
}

int main(void)
{
	kh_table *t;
	char *s;

	/* RFC 4180 */
	READS("simple", "a,b\n1,2\n", "a|b/1|2");
	READS("no final line end", "a,b\n1,2", "a|b/1|2");
	READS("CRLF", "a,b\r\n1,2\r\n", "a|b/1|2");
	READS("CR", "a,b\r1,2\r", "a|b/1|2");
	READS("mixed line ends", "a,b\r\n1,2\n3,4\r5,6", "a|b/1|2/3|4/5|6");
	READS("quoted", "\"a\",\"b,c\"\n\"\",x\n", "a|b,c/|x");
	READS("doubled quotes", "a\n\"say \"\"hi\"\"\"\n\"\"\"\"\n", "a/say \"hi\"/\"");
	READS("quoted newlines become LF", "a,b\r\n\"1\r\n2\",\"3\r4\n5\"\r\n", "a|b/1\n2|3\n4\n5");
	READS("spaces kept", "a,b\n 1 ,\t2\t\n", "a|b/ 1 |\t2\t");
	READS("ideographic space kept", "a\n\xE3\x80\x80x\xE3\x80\x80\n", "a/\xE3\x80\x80x\xE3\x80\x80");
	READS("empty fields", "a,b,c\n,,\n1,,\n", "a|b|c/||/1||");
	READS("blank lines skipped", "\n\r\na,b\n\n1,2\r\n\r\n\n3,4\n\n", "a|b/1|2/3|4");
	READS("a row of one empty quoted field", "a\n\"\"\nx\n", "a//x");
	READS("BOM stripped", "\xEF\xBB\xBF" "a,b\n1,2\n", "a|b/1|2");
	READS("BOM inside a field kept", "a,b\n1,\xEF\xBB\xBF" "2\n", "a|b/1|\xEF\xBB\xBF" "2");
	READS("unicode", "名前,備考\n山田,①№㈱\n", "名前|備考/山田|①№㈱");
	READS("quotes in a quoted field next to commas", "a,b,c\nA,\",\"\"\",C\n", "a|b|c/A|,\"|C");
	READS("five quotes", "a,b,c\n\"1\",\"cnonce=\"\"\"\",nc=\"\"\"\"\",\"2\"\n", "a|b|c/1|cnonce=\"\",nc=\"\"|2");
	READS("backslash is an ordinary character", "a\n\"x\\\"\n", "a/x\\");

	/* a header without rows: a table and a warning */
	t = parse("a,b\n");
	T_OK("header only: a table", t && t->ncols == 2 && t->nrows == 0);
	T_STR("header only: warning", "t.csv: warning: the table has a header but no rows\n", diags());
	kh_table_drop(t);

	/* what the table remembers */
	t = parse("\n\"番号\",名前,\"a\"\"b\"\r\n1,\"x\r\ny\",z\r\n\r\n2,3,4");
	T_INT("header line after a blank line", 2, t ? t->header_line : -1);
	s = NULL;
	if (t) {
		kh_buf b = KH_BUF_INIT;
		for (int c = 0; c < t->ncols; c++)
			kh_buf_printf(&b, "%d ", t->header_col[c]);
		s = kh_buf_detach(&b);
	}
	T_STR("header columns count characters and quotes", "1 6 9 ", s);
	free(s);
	T_INT("encoding", KH_ENC_UTF8, t->encoding);
	T_OK("not declared, no BOM", !t->declared && !t->bom);
	s = locs(t);
	T_STR("row lines and cell positions", "L3:3:1,3:3,4:4 L6:6:1,6:3,6:5", s);
	free(s);
	kh_table_drop(t);

	t = parse("\"a\",b,\"c\"\"d\",e\r\n\"x\r\ny\",名前,\"p\"\"q\r\nr\"\"s\",t\r\n\"\",\"\",,\"\"\"\"\n");
	s = locs(t);
	T_STR("cell positions after multi-line, doubled-quote and empty fields", "L2:2:1,3:4,3:7,4:7 L5:5:1,5:4,5:7,5:8",
	      s);
	free(s);
	{
		kh_loc l = kh_table_cell_loc(t, 0, 9);
		T_OK("cell position out of range", l.line == 0 && l.col == 0);
		T_STR("cell position out of range: the file", "t.csv", l.file);
	}
	kh_table_drop(t);

	t = parse_enc("\xEF\xBB\xBF" "\"a\",b\n\"1\",2\n", 15, KH_ENC_UTF8);
	s = locs(t);
	T_STR("cell positions after a BOM", "L2:2:1,2:5", s);
	T_OK("declared, BOM", t && t->declared && t->bom);
	free(s);
	kh_table_drop(t);

	/* the table rules */
	REFUSES("ragged: more, fewer, and after a multi-line field",
	        "a,b\n1,2,3\n4\n\"5\n\",6,7\n",
	        "t.csv:2:5: error: row has 3 fields, the header has 2\n"
	        "hint: a value with a comma in it must be quoted: \"1,234\"\n"
	        "t.csv:3:2: error: row has 1 field, the header has 2\n"
	        "hint: an empty value still needs its comma: a row of 2 fields has 1 comma\n"
	        "t.csv:5:5: error: row has 3 fields, the header has 2\n"
	        "hint: a value with a comma in it must be quoted: \"1,234\"\n");
	REFUSES("ragged: trailing commas", "a,b\n1,2,,\n",
	        "t.csv:2:5: error: row has 4 fields, the header has 2\n"
	        "hint: the row ends with 2 empty fields too many: remove the extra commas at its end\n");
	REFUSES("header: every problem at once",
	        "id,,名前,id,\xE3\x80\x80\n1,2,3,4,5\n6\n",
	        "t.csv:1:4: error: column 2 has no name\n"
	        "hint: every column needs a name in the header row (the first row)\n"
	        "t.csv:1:8: error: duplicate column name 'id'\n"
	        "hint: column 1 has the same name; columns are addressed by name, so names must differ\n"
	        "t.csv:1:11: error: column 5 has no name\n"
	        "hint: every column needs a name in the header row (the first row)\n"
	        "t.csv:3:2: error: row has 1 field, the header has 5\n"
	        "hint: an empty value still needs its comma: a row of 5 fields has 4 commas\n");
	t = parse("\"a \",\tb,c\n1,2,3\n");
	T_OK("spaces around names: a table", t && kh_table_column(t, "a ") == 0 && kh_table_column(t, "\tb") == 1);
	T_STR("spaces around names: warnings",
	      "t.csv:1:1: warning: column name 'a ' has a space at its end\n"
	      "t.csv:1:6: warning: column name '\tb' has a space at its start\n", diags());
	kh_table_drop(t);

	/* syntax: positions in characters, after multi-line fields */
	REFUSES("quote in an unquoted field", "a,b\n名前,x\"y\n",
	        "t.csv:2:5: error: quote inside an unquoted field\n"
	        "hint: quote the field and double the quotes in it: \"x\"\"y\"\n");
	REFUSES("quote in an unquoted field: long field", "a\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"\n",
	        "t.csv:2:63: error: quote inside an unquoted field\n"
	        "hint: quote the field and double the quotes in it\n");
	REFUSES("text after a quote on a later line", "a,b\n\"1\r\n2\",\"x\r\nyy\"zz\n",
	        "t.csv:4:4: error: 'z' after the closing quote of a field\n"
	        "hint: a quote inside a quoted field is written twice: \"\"\n");
	REFUSES("text after a quote: a wide character", "a\n\"x\"名\n",
	        "t.csv:2:4: error: '名' after the closing quote of a field\n"
	        "hint: a quote inside a quoted field is written twice: \"\"\n");
	REFUSES("text after a quote: a control character", "a\n\"x\"\001\n",
	        "t.csv:2:4: error: '\\x01' after the closing quote of a field\n"
	        "hint: a quote inside a quoted field is written twice: \"\"\n");
	REFUSES("unterminated: the opening quote", "a,b\r\n1,2\r\n名,\"x\r\n\r\n",
	        "t.csv:3:3: error: quoted field is not closed\n"
	        "hint: the quote opened here runs to the end of the file; a quote inside a quoted field is written "
	        "twice: \"\"\n");
	REFUSES("unterminated: in the header", "\"a",
	        "t.csv:1:1: error: quoted field is not closed\n"
	        "hint: the quote opened here runs to the end of the file; a quote inside a quoted field is written "
	        "twice: \"\"\n");
	REFUSES("ragged rows before a syntax error are reported too", "a,b\n1\n\"x\"y,2\n",
	        "t.csv:2:2: error: row has 1 field, the header has 2\n"
	        "hint: an empty value still needs its comma: a row of 2 fields has 1 comma\n"
	        "t.csv:3:4: error: 'y' after the closing quote of a field\n"
	        "hint: a quote inside a quoted field is written twice: \"\"\n");
	REFUSES("empty", "", "t.csv: error: the file is empty\nhint: a table starts with a header row naming its columns\n");
	REFUSES("blank lines only", "\n\r\n",
	        "t.csv: error: the file has only blank lines\nhint: a table starts with a header row naming its columns\n");

	/* many errors: stop at the limit */
	{
		kh_buf b = KH_BUF_INIT;
		int lines = 0;
		kh_buf_puts(&b, "a,b\n");
		for (int i = 0; i < 100; i++)
			kh_buf_puts(&b, "1\n");
		t = parse(b.s);
		for (const char *p = diags(); *p; p++)
			lines += *p == '\n';
		T_OK("error limit: no table", t == NULL);
		T_INT("error limit: 50 errors with hints, then one line", 101, lines);
		T_HAS("error limit: the last line", "kumihan: error: too many errors, stopping\n", diags());
		kh_buf_free(&b);
	}

	/* large in every direction */
	{
		kh_buf b = KH_BUF_INIT;
		kh_buf_puts(&b, "n,v\n");
		for (int i = 0; i < 50000; i++)
			kh_buf_printf(&b, "%d,\"x\"\"%d\"\r\n", i, i);
		t = parse(b.s);
		T_OK("50,000 rows", t && t->nrows == 50000);
		T_STR("50,000 rows: the last cell", "x\"49999", t && t->nrows == 50000 ? kh_table_cell(t, 49999, 1) : NULL);
		T_INT("50,000 rows: last line", 50001, t ? t->row_line[49999] : 0);
		kh_table_drop(t);
		kh_buf_reset(&b);
		for (int i = 0; i < 100000; i++)
			kh_buf_printf(&b, "%sc%d", i ? "," : "", i);
		kh_buf_puts(&b, "\n");
		t = parse(b.s);
		T_OK("100,000 columns", t && t->ncols == 100000 && kh_table_column(t, "c99999") == 99999);
		kh_table_drop(t);
		kh_buf_reset(&b);
		kh_buf_puts(&b, "a\n\"");
		for (int i = 0; i < 100000; i++)
			kh_buf_puts(&b, "名\"\"\r\n");
		kh_buf_puts(&b, "\"\n");
		t = parse(b.s);
		T_OK("a field of 100,000 lines", t && t->nrows == 1 && strlen(kh_table_cell(t, 0, 0)) == 100000 * 5);
		kh_table_drop(t);
		kh_buf_free(&b);
	}

	T_DONE();
}
