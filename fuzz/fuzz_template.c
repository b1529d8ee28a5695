/* fuzz_template.c -- libFuzzer target: text sources.  The first byte picks
 * the locale, the row and the flags; the rest is a text source evaluated
 * against a small data table and string table (kh_bind_text, kh_bind_node)
 * and checked (kh_bind_check), and used as a year format (kh_format_year).
 * Nothing may crash, leak or hang. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bind.h"
#include "diag.h"
#include "table.h"
#include "yaml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char strings_csv[] =
	"key,ja,en\n"
	"cover.title,国際協力,International Cooperation\n"
	"lead,厚生労働省は,\n"
	"caption,{year:era}第{number}回,Meeting {number} ({year})\n"
	"loop,{name:string},{name:string}\n"
	"folio,{page}／{pages},{page} of {pages}\n";
static const char rows_csv[] =
	"number,year,name,amount\n"
	"1,2003,loop,1234567\n"
	"2,２００９,caption,\"1,234\"\n"
	"3,1850,Edo,-0.5\n"
	"4,abc,,x\n";

static FILE *sink;
static kh_table *strings, *rows;
static kh_ynode *doc;

static void setup(void)
{
	static kh_arena *a;
	sink = fopen("/dev/null", "w");
	kh_diag_set_output(sink);
	strings = kh_table_parse("strings.csv", strings_csv, sizeof strings_csv - 1, KH_ENC_UTF8);
	rows = kh_table_parse("rows.csv", rows_csv, sizeof rows_csv - 1, KH_ENC_UTF8);
	a = kh_arena_new();
	{
		static const char src[] = "locales:\n  ja: {}\n  en: { fallback: ja, number-group: ' ' }\nt: \"x\"\n";
		doc = kh_yaml_parse("t.yaml", src, sizeof src - 1, a);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	kh_arena *a;
	kh_strings st;
	kh_locale loc;
	kh_bindctx c;
	kh_ynode *node;
	const char *saved;
	char *text;
	unsigned sel;
	if (!sink)
		setup();
	if (size == 0 || !strings || !rows || !doc)
		return 0;
	sel = data[0];
	text = malloc(size);
	memcpy(text, data + 1, size - 1);
	text[size - 1] = 0;

	a = kh_arena_new();
	kh_diag_reset();
	st.table = strings;
	st.key_col = 0;
	kh_locale_init(&loc, doc, (sel & 1) ? "en" : "ja", KH_NOLOC);
	memset(&c, 0, sizeof c);
	c.locale = &loc;
	c.strings = (sel & 2) ? NULL : &st;
	c.table = (sel & 4) ? NULL : rows;
	c.row = (int)((sel >> 3) & 3);
	c.group_key = (sel & 32) ? "welfare" : NULL;
	c.page = 3;
	c.pages = 12;
	c.arena = a;
	(void)kh_bind_text(&c, text, kh_loc_make("t.yaml", 1, 1));

	/* the same text as a layout value */
	node = kh_ymap_get(doc, "t");
	saved = node->str;
	node->str = text;
	(void)kh_bind_node(&c, node);
	(void)kh_bind_check(node, (int)(sel >> 6));
	node->str = saved;

	/* and as a year format */
	loc.year_format = text;
	(void)kh_format_year(&loc, 1868 + (long)(sel * 3), a);

	kh_bind_forget();
	kh_arena_drop(a);
	free(text);
	return 0;
}
