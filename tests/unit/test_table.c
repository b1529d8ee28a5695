/* test_table.c -- columns by name and the missing-column message, values
 * compared as numbers (exactly) or by code point, filters, the stable sort,
 * groups in order of first appearance, and both `kumihan data` views. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "t.h"
#include "table.h"
#include "util.h"

static kh_table *parse(const char *src)
{
	kh_table *t;
	t_capture_begin();
	t = kh_table_parse("t.csv", src, strlen(src), KH_ENC_AUTO);
	t_capture_end();
	return t;
}

static char *rows_str(kh_rows r)
{
	kh_buf b = KH_BUF_INIT;
	for (int i = 0; i < r.n; i++)
		kh_buf_printf(&b, "%s%d", i ? "," : "", r.idx[i]);
	return kh_buf_detach(&b);
}

static kh_table *tab;
static kh_arena *arena;

static void check_select(const char *name, const kh_filter *f, int nf, int sort_col, int desc, const char *expect)
{
	char *s = rows_str(kh_table_select(tab, f, nf, sort_col, desc, arena));
	T_STR(name, expect, s);
	free(s);
}

static char *print_str(const kh_table *t, int json, int all)
{
	char *text = NULL;
	size_t len;
	FILE *f = open_memstream(&text, &len);
	if (json)
		kh_table_print_json(t, f);
	else
		kh_table_print(t, f, all);
	fclose(f);
	return text;
}

int main(void)
{
	char *s;
	arena = kh_arena_new();

	/* values */
	static const char *const numbers[] = {"0", "-1", "+2", "1,234", "1,234,567.89", "12.50", ".5", "007", "-0.0"};
	static const char *const not_numbers[] = {"", "-", "1,23", "1,2345", ",123", "1.", "1e5", " 1", "1 ",
	                                          "１", "1.2.3", "12,", "1,234,56", "+", "0x10", "1,,234"};
	for (size_t i = 0; i < KH_COUNT(numbers); i++) {
		char name[64];
		snprintf(name, sizeof name, "number: '%s'", numbers[i]);
		T_OK(name, kh_value_is_number(numbers[i]));
	}
	for (size_t i = 0; i < KH_COUNT(not_numbers); i++) {
		char name[64];
		snprintf(name, sizeof name, "not a number: '%s'", not_numbers[i]);
		T_OK(name, !kh_value_is_number(not_numbers[i]));
	}
	T_INT("compare 10 > 9", 1, kh_value_compare("10", "9"));
	T_INT("compare 1.50 = 1.5", 0, kh_value_compare("1.50", "1.5"));
	T_INT("compare -0 = 0", 0, kh_value_compare("-0", "0"));
	T_INT("compare 007 = 7", 0, kh_value_compare("007", "7"));
	T_INT("compare 1,000 = 1000", 0, kh_value_compare("1,000", "1000"));
	T_INT("compare -2 < -1", -1, kh_value_compare("-2", "-1"));
	T_INT("compare -1.5 < -1.25", -1, kh_value_compare("-1.5", "-1.25"));
	T_INT("compare 0.5 = .5", 0, kh_value_compare("0.5", ".5"));
	T_INT("compare 2.05 > 2.005", 1, kh_value_compare("2.05", "2.005"));
	T_INT("compare 30 digits exactly", -1,
	      kh_value_compare("123456789012345678901234567890", "123,456,789,012,345,678,901,234,567,891"));
	T_INT("compare -5 < 3", -1, kh_value_compare("-5", "3"));
	T_INT("compare text by code point", -1, kh_value_compare("abc", "abd"));
	T_INT("compare hiragana before katakana", -1, kh_value_compare("あ", "ア"));
	T_INT("compare number with text by code point", -1, kh_value_compare("10", "a"));
	T_INT("compare empty first", -1, kh_value_compare("", "0"));
	T_INT("compare equal text", 0, kh_value_compare("名前", "名前"));

	/* columns */
	tab = parse("name,area,score,code,mixed\n"
	            "a,west,10,b,10\n"
	            "b,east,9,a,9\n"
	            "c,west,,c,x\n"
	            "d,east,100,a,100\n"
	            "e,north,9,b,9\n");
	T_OK("table", tab && tab->nrows == 5 && tab->ncols == 5);
	T_INT("column by name", 2, kh_table_column(tab, "score"));
	T_INT("column missing", -1, kh_table_column(tab, "Score"));
	t_capture_begin();
	T_INT("require present", 1, kh_table_require(tab, "area", kh_loc_make("l.yaml", 3, 9)));
	T_STR("require present: no message", "", t_capture_end());
	t_capture_begin();
	T_INT("require missing", -1, kh_table_require(tab, "scor", kh_loc_make("l.yaml", 3, 9)));
	T_STR("require missing: the columns and the closest",
	      "l.yaml:3:9: error: no column 'scor' in 't.csv'\n"
	      "hint: did you mean 'score'? the columns are 'name', 'area', 'score', 'code', 'mixed'\n",
	      t_capture_end());
	t_capture_begin();
	kh_table_require(tab, "population", kh_loc_make("l.yaml", 4, 2));
	T_STR("require missing: nothing close",
	      "l.yaml:4:2: error: no column 'population' in 't.csv'\n"
	      "hint: the columns are 'name', 'area', 'score', 'code', 'mixed'\n",
	      t_capture_end());

	/* filters */
	{
		kh_filter west = {1, KH_CMP_EQ, "west"}, gt9 = {2, KH_CMP_GT, "9"}, ge9 = {2, KH_CMP_GE, "9.0"};
		kh_filter not_east = {1, KH_CMP_NE, "east"}, lt = {2, KH_CMP_LT, "10"}, le = {2, KH_CMP_LE, "9"};
		kh_filter both[2] = {ge9, not_east}, bad = {9, KH_CMP_EQ, "x"};
		check_select("select all in file order", NULL, 0, -1, 0, "0,1,2,3,4");
		check_select("filter ==", &west, 1, -1, 0, "0,2");
		check_select("filter > numerically (10 > 9; empty is not)", &gt9, 1, -1, 0, "0,3");
		check_select("filter >= 9.0 and != east", both, 2, -1, 0, "0,4");
		check_select("filter < 10 (empty is smaller)", &lt, 1, -1, 0, "1,2,4");
		check_select("filter <= 9", &le, 1, -1, 0, "1,2,4");
		check_select("filter on a column that does not exist", &bad, 1, -1, 0, "");

		/* sorting */
		check_select("sort numeric column ascending, empty first, stable", NULL, 0, 2, 0, "2,1,4,0,3");
		check_select("sort numeric column descending, ties keep file order", NULL, 0, 2, 1, "3,0,1,4,2");
		check_select("sort text descending", NULL, 0, 0, 1, "4,3,2,1,0");
		check_select("sort text ascending, stable", NULL, 0, 3, 0, "1,3,0,4,2");
		check_select("sort mixed column by code point", NULL, 0, 4, 0, "0,3,1,4,2");
		check_select("filter then sort", &not_east, 1, 2, 1, "0,4,2");

		/* groups */
		{
			kh_group *g;
			kh_buf b = KH_BUF_INIT;
			int n = kh_table_group(tab, kh_table_select(tab, NULL, 0, -1, 0, arena), 1, &g, arena);
			for (int i = 0; i < n; i++) {
				char *r = rows_str(g[i].rows);
				kh_buf_printf(&b, "%s%s:%s", i ? " " : "", g[i].key, r);
				free(r);
			}
			T_STR("group in order of first appearance, file order inside", "west:0,2 east:1,3 north:4",
			      kh_buf_cstr(&b));
			kh_buf_reset(&b);
			n = kh_table_group(tab, kh_table_select(tab, NULL, 0, 2, 0, arena), 1, &g, arena);
			for (int i = 0; i < n; i++) {
				char *r = rows_str(g[i].rows);
				kh_buf_printf(&b, "%s%s:%s", i ? " " : "", g[i].key, r);
				free(r);
			}
			T_STR("group a sorted selection keeps its order", "west:2,0 east:1,3 north:4", kh_buf_cstr(&b));
			n = kh_table_group(tab, kh_table_select(tab, &bad, 1, -1, 0, arena), 1, &g, arena);
			T_OK("group nothing", n == 0 && g == NULL);
			kh_buf_free(&b);
		}
	}
	kh_table_drop(tab);

	/* the summary view */
	tab = parse("番号,名前,備考\r\n1,山田,\"a\tb\r\nc\"\r\n22,ｶﾅ,\r\n");
	s = print_str(tab, 0, 0);
	T_STR("summary",
	      "file:     t.csv\n"
	      "encoding: UTF-8 (detected)\n"
	      "columns:  3 (header on line 1)\n"
	      "    1  番号\n"
	      "    2  名前\n"
	      "    3  備考\n"
	      "rows:     2\n"
	      "\n"
	      "line | 番号 | 名前 | 備考\n"
	      "-----+------+------+--------\n"
	      "   2 | 1    | 山田 | a\\tb\\nc\n"
	      "   4 | 22   | ｶﾅ   |\n",
	      s);
	free(s);
	s = print_str(tab, 1, 0);
	T_STR("JSON", "[\n[\"番号\",\"名前\",\"備考\"],\n[\"1\",\"山田\",\"a\\tb\\nc\"],\n[\"22\",\"ｶﾅ\",\"\"]\n]\n", s);
	free(s);
	{
		kh_loc l = kh_table_cell_loc(tab, 1, 1);
		T_OK("cell location", l.line == 4 && l.col == 4);
		T_STR("cell location: the file", "t.csv", l.file);
	}
	kh_table_drop(tab);

	tab = parse("q\n\"\"\"\\\b\f\r\x1f\x7f/\"\n");
	s = print_str(tab, 1, 0);
	T_STR("JSON escapes", "[\n[\"q\"],\n[\"\\\"\\\\\\b\\f\\n\\u001f\x7f/\"]\n]\n", s);
	free(s);
	kh_table_drop(tab);

	kh_arena_drop(arena);
	T_DONE();
}
