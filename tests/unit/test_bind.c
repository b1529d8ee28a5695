/* test_bind.c -- text sources: string-table lookups along the fallback
 * chain, templates and their formats, era years, locales from the layout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bind.h"
#include "diag.h"
#include "t.h"
#include "util.h"
#include "yaml.h"

static kh_arena *arena;

/* Capture messages with a clean slate: what bind said once is said again. */
static void capture(void)
{
	t_capture_begin();
	kh_bind_forget();
}

static kh_table *tables[2];

static kh_table *mk_table(const char *name, const char *csv)
{
	kh_table *t;
	const char *msgs;
	capture();
	t = kh_table_parse(name, csv, strlen(csv), KH_ENC_UTF8);
	msgs = t_capture_end();
	if (!t)
		printf("# table %s: %s", name, msgs);
	return t;
}

static const char strings_csv[] =
	"key,ja,en\n"
	"cover.title,国際協力,International Cooperation\n"
	"cover.lead,厚生労働省は,\n"
	"empty,,\n"
	"caption,{year:era}第{number}回,Meeting {number} ({year})\n"
	"bad,{year:eraa},{year:eraa}\n"
	"folio,{page}／{pages},{page} of {pages}\n"
	"org.mhlw,厚生労働省,MHLW\n"
	"loop,{org:string},{org:string}\n";

static const char meetings_csv[] =
	"number,year,name,amount,org\n"
	"1,2003,Tokyo,1234567,org.mhlw\n"
	"2,２００９,Seoul,-1234.5,\n"
	"3,1850,Edo,\"12,345\",loop\n"
	"4,abc,x,\"1,23\",org.mhlww\n";

static const kh_ynode *layout(const char *src)
{
	kh_ynode *r;
	capture();
	r = kh_yaml_parse("t.yaml", src, strlen(src), arena);
	t_capture_end();
	return r;
}

static void test_years(void)
{
	kh_locale ja, en, gan, one;
	memset(&ja, 0, sizeof ja);
	ja.name = "ja";
	memset(&en, 0, sizeof en);
	en.name = "en";
	gan = ja;
	gan.year_format = "{era}{era_year_gan}年";
	one = ja;
	one.year_format = "{era}{era_year}年";
	T_STR("era: 2009", "2009（平成21）年", kh_format_year(&ja, 2009, arena));
	T_STR("era: 2003", "2003（平成15）年", kh_format_year(&ja, 2003, arena));
	T_STR("era: 1989 is the first year of Heisei", "1989（平成元）年", kh_format_year(&ja, 1989, arena));
	T_STR("era: 1988 is Showa 63", "1988（昭和63）年", kh_format_year(&ja, 1988, arena));
	T_STR("era: 2018 is Heisei 30", "2018（平成30）年", kh_format_year(&ja, 2018, arena));
	T_STR("era: 2019 takes the later era", "2019（令和元）年", kh_format_year(&ja, 2019, arena));
	T_STR("era: 2024", "2024（令和6）年", kh_format_year(&ja, 2024, arena));
	T_STR("era: 1926", "1926（昭和元）年", kh_format_year(&ja, 1926, arena));
	T_STR("era: 1925", "1925（大正14）年", kh_format_year(&ja, 1925, arena));
	T_STR("era: 1912", "1912（大正元）年", kh_format_year(&ja, 1912, arena));
	T_STR("era: 1868", "1868（明治元）年", kh_format_year(&ja, 1868, arena));
	T_STR("era: before Meiji", "1867", kh_format_year(&ja, 1867, arena));
	T_STR("era: 元年 form", "平成元年", kh_format_year(&gan, 1989, arena));
	T_STR("era: 元年 form, later year", "平成2年", kh_format_year(&gan, 1990, arena));
	T_STR("era: numeric first year", "平成1年", kh_format_year(&one, 1989, arena));
	T_STR("era: en", "2009", kh_format_year(&en, 2009, arena));
	T_STR("era: no locale", "2009（平成21）年", kh_format_year(NULL, 2009, arena));
}

static void test_locales(void)
{
	kh_locale loc;
	const kh_ynode *none = layout("pages: []\n");
	const kh_ynode *two = layout("locales:\n  ja: {}\n  en:\n    fallback: [fr]\n    script: latin\n"
	                             "    year: \"{year}\"\n    number-group: \" \"\n    fonts: { IPAexMincho: Serif }\n"
	                             "  fr: { fallback: [ja, en] }\n");
	capture();
	T_INT("locale: no section gives ja", 0, kh_locale_init(&loc, none, NULL, KH_NOLOC));
	T_STR("locale: ja defaults", "ja 1 （ ,", kh_arena_printf(arena, "%s %d %s %s", loc.name, loc.nchain,
	      strstr(loc.year_format, "（") ? "（" : "-", loc.number_group));
	T_INT("locale: -l ja without a section", 0, kh_locale_init(&loc, none, "ja", KH_NOLOC));
	T_INT("locale: -l en without a section", -1, kh_locale_init(&loc, none, "en", KH_NOLOC));
	T_INT("locale: first is the default", 0, kh_locale_init(&loc, two, NULL, KH_NOLOC));
	T_STR("locale: default name", "ja", loc.name);
	T_INT("locale: en", 0, kh_locale_init(&loc, two, "en", KH_NOLOC));
	T_STR("locale: transitive chain, no repeats", "en fr ja", kh_arena_printf(arena, "%s %s %s",
	      loc.chain[0], loc.chain[1], loc.nchain > 2 ? loc.chain[2] : "-"));
	T_INT("locale: chain length", 3, loc.nchain);
	T_INT("locale: latin", 1, loc.latin);
	T_STR("locale: year format", "{year}", loc.year_format);
	T_STR("locale: number group", " ", loc.number_group);
	T_OK("locale: fonts map", loc.fonts && loc.fonts->kind == KH_Y_MAP);
	T_INT("locale: unknown", -1, kh_locale_init(&loc, two, "de", kh_loc_make("t.yaml", 0, 0)));
	T_INT("locale: close to a known one", -1, kh_locale_init(&loc, two, "eng", KH_NOLOC));
	T_STR("locale: messages", "kumihan: error: unknown locale 'en'\n"
	      "hint: the layout has no locales: section, so its only locale is 'ja'\n"
	      "t.yaml: error: unknown locale 'de'\nhint: the layout's locales are ja, en, fr\n"
	      "kumihan: error: unknown locale 'eng'\nhint: did you mean 'en'? the layout's locales are ja, en, fr\n",
	      t_capture_end());
	kh_locale_init(&loc, two, "fr", KH_NOLOC);
	T_STR("locale: fr year default", "{year}", loc.year_format);
}

static void test_text(void)
{
	kh_table *st = tables[0] = mk_table("strings.csv", strings_csv);
	kh_table *mt = tables[1] = mk_table("meetings.csv", meetings_csv);
	kh_strings strings = {st, 0};
	kh_locale ja, en;
	kh_bindctx c;
	kh_loc here = kh_loc_make("t.yaml", 7, 9);
	const kh_ynode *two = layout("locales:\n  ja: {}\n  en: { fallback: ja, number-group: \",\" }\n");
	kh_locale_init(&ja, two, "ja", KH_NOLOC);
	kh_locale_init(&en, two, "en", KH_NOLOC);
	memset(&c, 0, sizeof c);
	c.locale = &ja;
	c.strings = &strings;
	c.row = -1;
	c.arena = arena;

	capture();
	T_STR("bind: literal", "厚生労働省", kh_bind_text(&c, "厚生労働省", here));
	T_STR("bind: @@ escape", "@home", kh_bind_text(&c, "@@home", here));
	T_STR("bind: brace escapes", "{a} }", kh_bind_text(&c, "{{a}} }}", here));
	T_STR("bind: key ja", "国際協力", kh_bind_text(&c, "@cover.title", here));
	c.locale = &en;
	T_STR("bind: key en", "International Cooperation", kh_bind_text(&c, "@cover.title", here));
	T_STR("bind: missing en falls back to ja", "厚生労働省は", kh_bind_text(&c, "@cover.lead", here));
	T_STR("bind: fallback warning", "t.yaml:7:9: warning: no 'en' text for 'cover.lead'; using 'ja'\n", t_capture_end());
	T_INT("bind: a warning, not an error", 0, kh_diag_errors());

	capture();
	T_OK("bind: unknown key", kh_bind_text(&c, "@cover.titel", here) == NULL);
	T_OK("bind: empty everywhere", kh_bind_text(&c, "@empty", here) == NULL);
	T_OK("bind: unknown key, nothing close", kh_bind_text(&c, "@zzz.qqq", here) == NULL);
	T_OK("bind: bare @", kh_bind_text(&c, "@", here) == NULL);
	T_STR("bind: key messages", "t.yaml:7:9: error: unknown string '@cover.titel'\n"
	      "hint: did you mean '@cover.title'?\n"
	      "t.yaml:7:9: error: no text for 'empty' in en or ja\nhint: fill in its row of strings.csv\n"
	      "t.yaml:7:9: error: unknown string '@zzz.qqq'\n"
	      "hint: the string table strings.csv has no key 'zzz.qqq'; for a literal '@' write '@@'\n"
	      "t.yaml:7:9: error: '@' needs a key, as in \"@cover.title\"\nhint: for a literal '@' write '@@'\n",
	      t_capture_end());

	/* templates over a row */
	capture();
	c.locale = &ja;
	c.table = mt;
	c.row = 0;
	T_STR("bind: column", "Tokyo 1", kh_bind_text(&c, "{name} {number}", here));
	T_STR("bind: era format", "2003（平成15）年", kh_bind_text(&c, "{year:era}", here));
	T_STR("bind: string table string is a template", "2003（平成15）年第1回", kh_bind_text(&c, "@caption", here));
	c.locale = &en;
	T_STR("bind: en string template", "Meeting 1 (2003)", kh_bind_text(&c, "@caption", here));
	T_STR("bind: en era format", "2003", kh_bind_text(&c, "{year:era}", here));
	T_STR("bind: number", "1,234,567", kh_bind_text(&c, "{amount:number}", here));
	c.row = 1;
	T_STR("bind: fullwidth digits are a year", "2009", kh_bind_text(&c, "{year:era}", here));
	T_STR("bind: negative decimal number", "-1,234.5", kh_bind_text(&c, "{amount:number}", here));
	T_STR("bind: upper", "SEOUL", kh_bind_text(&c, "{name:upper}", here));
	T_STR("bind: lower", "seoul", kh_bind_text(&c, "{name:lower}", here));
	T_STR("bind: fullwidth", "Ｓｅｏｕｌ　２", kh_bind_text(&c, "{name:fullwidth}　{number:fullwidth}", here));
	T_STR("bind: halfwidth", "2009", kh_bind_text(&c, "{year:halfwidth}", here));
	T_STR("bind: formats chain", "ＳＥＯＵＬ", kh_bind_text(&c, "{name:upper:fullwidth}", here));
	c.row = 2;
	T_STR("bind: grouped numbers stay numbers", "12,345", kh_bind_text(&c, "{amount:number}", here));
	T_STR("bind: a year before Meiji without era format", "1850", kh_bind_text(&c, "{year:era}", here));
	c.page = 3;
	c.pages = 12;
	T_STR("bind: folio", "3 of 12", kh_bind_text(&c, "@folio", here));
	c.locale = &ja;
	T_STR("bind: folio ja", "3／12", kh_bind_text(&c, "@folio", here));
	c.group_key = "welfare";
	T_STR("bind: group key", "[welfare]", kh_bind_text(&c, "[{key}]", here));
	c.row = 0;
	T_STR("bind: string format", "厚生労働省", kh_bind_text(&c, "{org:string}", here));
	c.locale = &en;
	T_STR("bind: string format en", "MHLW", kh_bind_text(&c, "{org:string}", here));
	T_STR("bind: string format, then another", "ＭＨＬＷ", kh_bind_text(&c, "{org:string:fullwidth}", here));
	c.row = 1;
	T_STR("bind: string format, empty cell", "[]", kh_bind_text(&c, "[{org:string}]", here));
	c.locale = &ja;
	c.row = 2;
	T_STR("bind: no errors so far", "", t_capture_end());

	capture();
	T_OK("bind: year before the first era", kh_bind_text(&c, "{year:era}", here) == NULL);
	c.row = 3;
	T_OK("bind: not a year", kh_bind_text(&c, "{year:era}", here) == NULL);
	T_OK("bind: badly grouped number", kh_bind_text(&c, "{amount:number}", here) == NULL);
	T_OK("bind: unknown format", kh_bind_text(&c, "{year:ear}", here) == NULL);
	T_OK("bind: unclosed", kh_bind_text(&c, "第{number回", here) == NULL);
	T_OK("bind: unmatched", kh_bind_text(&c, "a}b", here) == NULL);
	T_OK("bind: empty placeholder", kh_bind_text(&c, "a{}b", here) == NULL);
	T_STR("bind: template messages (bad values at their CSV cells)",
	      "meetings.csv:4:3: error: '{year:era}': 1850 is before the first era (明治, 1868)\n"
	      "meetings.csv:5:3: error: '{year:era}': 'abc' is not a year\n"
	      "hint: the template at t.yaml:7:9 formats this column as a year\n"
	      "meetings.csv:5:9: error: '{amount:number}': '1,23' is not a number\n"
	      "hint: the template at t.yaml:7:9 formats this column as a number\n"
	      "t.yaml:7:9: error: unknown format 'ear' in '{year:ear}'\nhint: did you mean 'era'?\n"
	      "t.yaml:7:9: error: unclosed '{' in '第{number回'\nhint: close it with '}', or write {{ for a literal {\n"
	      "t.yaml:7:9: error: unmatched '}' in 'a}b'\nhint: write }} for a literal }\n"
	      "t.yaml:7:9: error: empty '{}' in 'a{}b'\nhint: write a column name, {page} or {pages}; {{ is a literal {\n",
	      t_capture_end());

	/* the string format */
	capture();
	c.row = 3;
	T_OK("bind: string format, unknown key", kh_bind_text(&c, "{org:string}", here) == NULL);
	c.row = 2;
	T_OK("bind: string format, a loop", kh_bind_text(&c, "{org:string}", here) == NULL);
	T_STR("bind: string format messages", "t.yaml:7:9: error: unknown string 'org.mhlww' (the value of "
	      "'{org:string}')\nhint: did you mean 'org.mhlw'?\n"
	      "strings.csv:9:6: error: '{org:string}': the string 'loop' refers to itself\n", t_capture_end());

	/* a column the table lacks: reported through kh_table_require */
	capture();
	T_OK("bind: unknown column", kh_bind_text(&c, "{yeer}", here) == NULL);
	{
		const char *msgs = t_capture_end();
		T_OK("bind: unknown column message names it", strstr(msgs, "yeer") != NULL);
		T_OK("bind: unknown column at the layout position", strncmp(msgs, "t.yaml:7:9: error: ", 19) == 0);
	}

	/* once per place */
	capture();
	for (int i = 0; i < 3; i++)
		kh_bind_text(&c, "{yeer}", here);
	kh_bind_text(&c, "{yeer}", kh_loc_make("t.yaml", 8, 9));
	{
		int n = 0;
		for (const char *p = t_capture_end(); (p = strstr(p, "error: ")) != NULL; p++)
			n++;
		T_INT("bind: the same problem at the same place is said once", 2, n);
	}
	capture();
	c.locale = &en;
	for (int i = 0; i < 3; i++)
		kh_bind_text(&c, "@cover.lead", here);
	T_STR("bind: a fallback warning once per place", "t.yaml:7:9: warning: no 'en' text for 'cover.lead'; using 'ja'\n",
	      t_capture_end());
	c.locale = &ja;

	/* no row */
	capture();
	c.table = NULL;
	c.row = -1;
	T_OK("bind: no row", kh_bind_text(&c, "{name}", here) == NULL);
	T_STR("bind: no row message", "t.yaml:7:9: error: no data row here for '{name}'\n"
	      "hint: columns can be used inside repeat, list items and table columns; {page} and {pages} anywhere\n",
	      t_capture_end());

	/* an error inside a string-table string names the string */
	capture();
	c.table = mt;
	c.row = 0;
	T_OK("bind: bad format in a string", kh_bind_text(&c, "@bad", here) == NULL);
	T_STR("bind: bad format in a string, at its cell", "strings.csv:6:5: error: unknown format 'eraa' in "
	      "'{year:eraa}'\nhint: did you mean 'era'?\nhint: in the string 'bad' of the string table\n", t_capture_end());

	/* exact columns from the layout node */
	{
		const kh_ynode *r = layout("a: \"第{number回\"\nb: 第{year:eraa}\nc: \"@@{x\"\n");
		capture();
		T_OK("bind: node, unclosed", kh_bind_node(&c, kh_ymap_get(r, "a")) == NULL);
		T_OK("bind: node, bad format", kh_bind_node(&c, kh_ymap_get(r, "b")) == NULL);
		T_OK("bind: node, after @@", kh_bind_node(&c, kh_ymap_get(r, "c")) == NULL);
		T_STR("bind: node messages at the exact column",
		      "t.yaml:1:6: error: unclosed '{' in '第{number回'\nhint: close it with '}', or write {{ for a literal {\n"
		      "t.yaml:2:11: error: unknown format 'eraa' in '{year:eraa}'\nhint: did you mean 'era'?\n"
		      "t.yaml:3:7: error: unclosed '{' in '{x'\nhint: close it with '}', or write {{ for a literal {\n",
		      t_capture_end());
	}

	/* no string table */
	capture();
	c.strings = NULL;
	T_OK("bind: no string table", kh_bind_text(&c, "@cover.title", here) == NULL);
	T_STR("bind: no string table message", "t.yaml:7:9: error: no string table for '@cover.title'\n"
	      "hint: add 'strings: FILE.csv' under data: (a key column, then one column per locale)\n", t_capture_end());

	/* lookups without messages */
	{
		const char *used;
		T_STR("strings: lookup", "厚生労働省は", kh_strings_lookup(&strings, &en, "cover.lead", &used));
		T_STR("strings: lookup used", "ja", used);
		T_OK("strings: lookup absent", kh_strings_lookup(&strings, &en, "nope", &used) == NULL && used == NULL);
	}
}

static void test_check(void)
{
	const kh_ynode *r = layout("a: \"{page}/{pages}\"\nb: \"{name}\"\nc: \"{key}\"\nd: \"@@x {{y}}\"\n"
	                           "e: \"{x:upper:bogus}\"\nf: photos/{photo}.png\n");
	capture();
	T_INT("check: folio anywhere", 0, kh_bind_check(kh_ymap_get(r, "a"), 0));
	T_INT("check: column outside a row", 1, kh_bind_check(kh_ymap_get(r, "b"), 0));
	T_INT("check: column in a row", 0, kh_bind_check(kh_ymap_get(r, "b"), KH_BIND_ROW));
	T_INT("check: key in a group", 0, kh_bind_check(kh_ymap_get(r, "c"), KH_BIND_GROUP));
	T_INT("check: escapes", 0, kh_bind_check(kh_ymap_get(r, "d"), 0));
	T_INT("check: chained bad format", 1, kh_bind_check(kh_ymap_get(r, "e"), KH_BIND_ROW));
	T_INT("check: file template in a row", 0, kh_bind_check(kh_ymap_get(r, "f"), KH_BIND_ROW | KH_BIND_FILE));
	T_STR("check: messages", "t.yaml:2:5: error: no data row here for '{name}'\n"
	      "hint: columns can be used inside repeat, list items and table columns; {page} and {pages} anywhere\n"
	      "t.yaml:5:14: error: unknown format 'bogus' in '{x:upper:bogus}'\n"
	      "hint: the formats are era, number, upper, lower, fullwidth, halfwidth, string\n", t_capture_end());
}

/* Linear cost: templates of hundreds of thousands of placeholders, as a
 * layout node (exact columns) and through the string format; a long
 * template is quoted around the fault; errors stop at the limit.  alarm()
 * bounds the time: the quadratic walk took minutes here. */
static void test_big(void)
{
	kh_table *mt = tables[1], *st = tables[0];
	kh_strings strings = {st, 0};
	kh_locale ja;
	kh_bindctx c;
	kh_buf b = KH_BUF_INIT, want = KH_BUF_INIT;
	const kh_ynode *r;
	const char *v;
	int n = 300000;
	alarm(20);
	memset(&ja, 0, sizeof ja);
	ja.name = "ja";
	ja.chain[0] = "ja";
	ja.nchain = 1;
	memset(&c, 0, sizeof c);
	c.locale = &ja;
	c.strings = &strings;
	c.table = mt;
	c.row = 0;
	c.arena = arena;

	kh_buf_puts(&b, "a: \"");
	for (int i = 0; i < n; i++) {
		kh_buf_puts(&b, i % 2 ? "{number}" : "{org:string}");
		kh_buf_puts(&want, i % 2 ? "1" : "厚生労働省");
	}
	kh_buf_puts(&b, "\"\n");
	r = layout(kh_buf_cstr(&b));
	capture();
	v = kh_bind_node(&c, kh_ymap_get(r, "a"));
	T_INT("bind, big: 300,000 placeholders expand to their text", (long)want.len, v ? (long)strlen(v) : -1);
	T_OK("bind, big: ... exactly", v && strcmp(v, kh_buf_cstr(&want)) == 0);
	T_INT("bind, big: check walks it without a message", 0, kh_bind_check(kh_ymap_get(r, "a"), KH_BIND_ROW));
	T_STR("bind, big: no messages", "", t_capture_end());

	/* a fault deep in a long template: its exact column, and the template
	 * quoted around it */
	kh_buf_reset(&b);
	kh_buf_puts(&b, "a: \"");
	for (int i = 0; i < 20000; i++)
		kh_buf_puts(&b, "{number}");
	kh_buf_puts(&b, "第{number回\"\n");
	r = layout(kh_buf_cstr(&b));
	capture();
	T_OK("bind, big: unclosed brace after 20,000 placeholders", kh_bind_node(&c, kh_ymap_get(r, "a")) == NULL);
	T_STR("bind, big: its message quotes 40 characters around it",
	      "t.yaml:1:160006: error: unclosed '{' in '…er}{number}{number}第{number回'\n"
	      "hint: close it with '}', or write {{ for a literal {\n",
	      t_capture_end());

	/* 300,000 unknown columns: 50 messages, then the walk stops */
	kh_buf_reset(&b);
	kh_buf_puts(&b, "a: \"");
	for (int i = 0; i < n; i++)
		kh_buf_puts(&b, "{nmbr}");
	kh_buf_puts(&b, "\"\n");
	r = layout(kh_buf_cstr(&b));
	capture();
	T_OK("bind, big: 300,000 unknown columns", kh_bind_node(&c, kh_ymap_get(r, "a")) == NULL);
	{
		const char *m = t_capture_end(), *last = strstr(m, "kumihan: error: too many errors");
		int lines = 0;
		for (const char *p = m; *p; p++)
			lines += *p == '\n';
		char head[200];
		snprintf(head, sizeof head, "%s", m);
		if (strlen(head) > 3 && strstr(head + 3, "t.yaml:1:11:"))
			strstr(head + 3, "t.yaml:1:11:")[12] = 0;
		T_STR("bind, big: the first at its column, the next 6 columns on",
		      "t.yaml:1:5: error: no column 'nmbr' in 'meetings.csv'\n"
		      "hint: the columns are 'number', 'year', 'name', 'amount', 'org'\n"
		      "t.yaml:1:11:", head);
		T_INT("bind, big: 50 messages with their hints, then 'too many errors'", 101, lines);
		T_STR("bind, big: the last line", "kumihan: error: too many errors, stopping\n", last ? last : "");
	}
	kh_diag_reset();
	alarm(0);
	kh_buf_free(&b);
	kh_buf_free(&want);
}

int main(void)
{
	arena = kh_arena_new();
	test_years();
	test_locales();
	test_text();
	test_check();
	test_big();
	kh_table_drop(tables[0]);
	kh_table_drop(tables[1]);
	kh_arena_drop(arena);
	T_DONE();
}
