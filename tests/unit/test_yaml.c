/* test_yaml.c -- layout-file parsing: tree shape, positions, aliases, merge
 * keys, duplicate keys, syntax errors in our wording. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "t.h"
#include "util.h"
#include "yaml.h"

static kh_arena *arena;
static const char *diag_text = "";

/* Parse src; the messages it printed are diags() until the next parse. */
static kh_ynode *parse(const char *src)
{
	kh_ynode *root;
	t_capture_begin();
	root = kh_yaml_parse("t.yaml", src, strlen(src), arena);
	diag_text = t_capture_end();
	return root;
}

static const char *diags(void)
{
	return diag_text;
}

/* A compact rendering of a tree: {k:v,...} [a,b] "quoted" plain, with line:col of each node. */
static void dump(const kh_ynode *n, kh_buf *b, int pos)
{
	if (pos)
		kh_buf_printf(b, "%d:%d=", n->loc.line, n->loc.col);
	if (n->kind == KH_Y_SCALAR) {
		kh_buf_printf(b, n->quoted ? "\"%s\"" : "%s", n->str);
	} else if (n->kind == KH_Y_SEQ) {
		kh_buf_putc(b, '[');
		for (int i = 0; i < n->n; i++) {
			if (i)
				kh_buf_putc(b, ',');
			dump(n->vals[i], b, pos);
		}
		kh_buf_putc(b, ']');
	} else {
		kh_buf_putc(b, '{');
		for (int i = 0; i < n->n; i++) {
			if (i)
				kh_buf_putc(b, ',');
			dump(n->keys[i], b, pos);
			kh_buf_putc(b, ':');
			dump(n->vals[i], b, pos);
		}
		kh_buf_putc(b, '}');
	}
}

static const char *show(const kh_ynode *n, int pos)
{
	static kh_buf b;
	kh_buf_reset(&b);
	if (!n)
		return "(null)";
	dump(n, &b, pos);
	return kh_arena_strdup(arena, kh_buf_cstr(&b));
}

int main(void)
{
	kh_ynode *r;
	arena = kh_arena_new();

	r = parse("a: 1\nb: [x, \"y\"]\nc:\n  d: e\n");
	T_STR("yaml: tree", "{a:1,b:[x,\"y\"],c:{d:e}}", show(r, 0));
	T_STR("yaml: positions are 1-based", "1:1={1:1=a:1:4=1,2:1=b:2:4=[2:5=x,2:8=\"y\"],3:1=c:4:3={4:3=d:4:6=e}}",
	      show(r, 1));
	T_STR("yaml: no messages for a good file", "", diags());

	r = parse("タイトル: 日本語\n説明: 「は」: x\n");
	T_STR("yaml: columns count characters", "t.yaml:2:8: error: unexpected ':' (a value that contains ': ' must be quoted)\n",
	      diags());
	T_OK("yaml: syntax error gives NULL", r == NULL);

	r = parse("名前: 値\nk: [1, 2]\n");
	T_STR("yaml: column after CJK key", "2:4=[2:5=1,2:8=2]", show(kh_ymap_get(r, "k"), 1));
	T_STR("yaml: column of a CJK value", "1:5=値", show(kh_ymap_get(r, "名前"), 1));

	r = parse("\xEF\xBB\xBF" "a: b\n");
	T_STR("yaml: UTF-8 BOM skipped", "1:1={1:1=a:1:4=b}", show(r, 1));

	/* aliases and merge keys */
	r = parse("base: &b { font: Mincho, size: 10pt }\n"
	          "title:\n  <<: *b\n  size: 20pt\n"
	          "same: *b\n");
	T_STR("yaml: merge keeps explicit keys first", "{size:20pt,font:Mincho}", show(kh_ymap_get(r, "title"), 0));
	T_OK("yaml: alias shares the node", kh_ymap_get(r, "same") == kh_ymap_get(r, "base"));
	T_STR("yaml: merged node keeps its position", "1:18=Mincho",
	      show(kh_ymap_get(kh_ymap_get(r, "title"), "font"), 1));

	r = parse("a: &a { x: 1, y: 1 }\nb: &b { y: 2, z: 2 }\nc: { <<: [*a, *b], w: 0 }\n");
	T_STR("yaml: merge list, earlier source wins", "{w:0,x:1,y:1,z:2}", show(kh_ymap_get(r, "c"), 0));

	r = parse("a: { \"<<\": x }\n");
	T_STR("yaml: quoted << is a plain key", "{\"<<\":x}", show(kh_ymap_get(r, "a"), 0));

	r = parse("a: { <<: 3 }\n");
	T_STR("yaml: merge of a scalar", "t.yaml:1:10: error: '<<' merges a mapping or a list of mappings, not a string\n",
	      diags());
	T_OK("yaml: merge error gives NULL", r == NULL);

	r = parse("a: 1\nb: *nope\n");
	T_STR("yaml: unknown alias", "t.yaml:2:4: error: unknown anchor '*nope'\n"
	      "hint: define it first with '&nope' before the value it names\n", diags());
	r = parse("a: &style 1\nb: *styles\n");
	T_STR("yaml: unknown alias, closest", "t.yaml:2:4: error: unknown anchor '*styles'\n"
	      "hint: did you mean '*style'?\n", diags());
	r = parse("a: &x [1, *x]\n");
	T_STR("yaml: recursive alias", "t.yaml:1:11: error: alias '*x' is inside the value it names\n", diags());

	/* duplicate keys: reported at the second, every one */
	r = parse("styles:\n  body: 1\n  title: 2\n  body: 3\n  title: 4\n");
	T_STR("yaml: duplicate keys", "t.yaml:4:3: error: duplicate key 'body' (first given at line 2)\n"
	      "t.yaml:5:3: error: duplicate key 'title' (first given at line 3)\n", diags());
	T_OK("yaml: duplicate gives NULL", r == NULL);

	r = parse("[1, 2]: x\n");
	T_STR("yaml: complex key", "t.yaml:1:1: error: a key must be a plain name, not a list\n", diags());

	/* syntax errors */
	r = parse("a: [1, 2\nb: x\n");
	T_STR("yaml: unclosed bracket", "t.yaml:2:2: error: expected ',' or ']' (to close '[' at line 1)\n", diags());
	r = parse("a: {b: 1\nc: 2\n");
	T_STR("yaml: unclosed brace", "t.yaml:2:2: error: expected ',' or '}' (to close '{' at line 1)\n", diags());
	r = parse("a: 1\nb: \"abc\n\nc: 3\n");
	T_STR("yaml: unclosed quote", "t.yaml:5:1: error: the file ends inside a quoted string (to close '\"' at line 2)\n",
	      diags());
	r = parse("a: [1, 2}\n");
	T_STR("yaml: same-line opener gives its column", "t.yaml:1:9: error: expected ',' or ']' (to close '[' at column 4)\n", diags());
	r = parse("a:\n\t- b\n");
	T_STR("yaml: tab indentation", "t.yaml:2:1: error: a tab cannot indent YAML; use spaces\n", diags());
	r = parse("title: @cover.title\n");
	T_STR("yaml: unquoted @", "t.yaml:1:8: error: a value cannot start with '@' unless quoted\n"
	      "hint: write \"@...\" in quotes\n", diags());
	r = parse("a: 1\n b: 2\n");
	T_STR("yaml: bad indentation", "t.yaml:2:3: error: unexpected ':' (a value that contains ': ' must be quoted)\n",
	      diags());
	r = parse("a:\n  - 1\n  b: 2\n");
	T_STR("yaml: key in a list", "t.yaml:3:3: error: expected a '-' list item at this indentation\n", diags());
	r = parse("a: 1\n---\nb: 2\n");
	T_STR("yaml: two documents", "t.yaml:2:1: error: a second YAML document; a file holds one\n"
	      "hint: remove the '---' line or split the file\n", diags());
	r = parse("a: \"\\q\"\n");
	T_OK("yaml: bad escape", strstr(diags(), "error: unknown escape sequence in a double-quoted string") != NULL);

	/* encodings and emptiness */
	r = parse("a: b\nc: \xff\n");
	T_STR("yaml: invalid UTF-8", "t.yaml:2:4: error: invalid UTF-8 (byte 0xFF); layout files must be UTF-8\n"
	      "hint: save it as UTF-8\n", diags());
	r = parse("a: 日本\nb: \xe6\x97\n");
	T_STR("yaml: truncated UTF-8", "t.yaml:2:4: error: invalid UTF-8 (byte 0xE6); layout files must be UTF-8\n"
	      "hint: save it as UTF-8\n", diags());
	r = parse("\xff\xfe" "a\0:\0");
	T_STR("yaml: UTF-16", "t.yaml: error: the file is UTF-16; layout files must be UTF-8\nhint: save it as UTF-8\n",
	      diags());
	r = parse("");
	T_STR("yaml: empty file", "t.yaml: error: the file is empty\n"
	      "hint: a layout is a YAML mapping with at least a 'pages' section\n", diags());
	r = parse("# only a comment\n\n");
	T_OK("yaml: comment-only file is empty", r == NULL && strstr(diags(), "the file is empty"));
	r = parse("a: \"x\\0y\"\n");
	T_STR("yaml: NUL escape", "t.yaml:1:4: error: a string cannot hold a NUL character\n", diags());
	r = parse("a: \x01\n");
	T_STR("yaml: control character", "t.yaml:1:4: error: control characters are not allowed in a layout file\n",
	      diags());

	/* scalars */
	r = parse("a:\nb: ''\nc: |\n  line1\n  line2\n");
	T_STR("yaml: empty and block scalars", "{a:,b:\"\",c:\"line1\nline2\n\"}", show(r, 0));

	/* depth and expansion limits */
	{
		kh_buf b = KH_BUF_INIT;
		for (int i = 0; i < 300; i++)
			kh_buf_putc(&b, '[');
		for (int i = 0; i < 300; i++)
			kh_buf_putc(&b, ']');
		r = parse(kh_buf_cstr(&b));
		T_STR("yaml: nesting limit",
		      "t.yaml:1:201: error: nesting deeper than 200 levels\n"
		      "hint: a layout needs a few dozen levels at most; look for a list or mapping that opens again and "
		      "again\n",
		      diags());
		/* the parser stops at the limit: the brackets never closed and the
		 * bad text after them are not reached */
		kh_buf_reset(&b);
		for (int i = 0; i < 100000; i++)
			kh_buf_puts(&b, "- ");
		kh_buf_puts(&b, "\n]]]: : bad\n");
		r = parse(kh_buf_cstr(&b));
		T_OK("yaml: nesting limit, block lists: refused", r == NULL);
		T_STR("yaml: nesting limit, block lists: one message at the 201st level",
		      "t.yaml:1:401: error: nesting deeper than 200 levels\n"
		      "hint: a layout needs a few dozen levels at most; look for a list or mapping that opens again and "
		      "again\n",
		      diags());
		kh_buf_reset(&b);
		for (int i = 0; i < 100000; i++)
			kh_buf_puts(&b, "{a: ");
		r = parse(kh_buf_cstr(&b));
		T_STR("yaml: nesting limit, flow mappings never closed: only the limit is said",
		      "t.yaml:1:801: error: nesting deeper than 200 levels\n"
		      "hint: a layout needs a few dozen levels at most; look for a list or mapping that opens again and "
		      "again\n",
		      diags());
		kh_buf_reset(&b);
		kh_buf_puts(&b, "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
		for (int i = 1; i < 9; i++)
			kh_buf_printf(&b, "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i,
			              i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
		r = parse(kh_buf_cstr(&b));
		T_OK("yaml: billion laughs refused", r == NULL && strstr(diags(), "aliases expand to more than"));
		kh_buf_free(&b);
	}

	/* lookups */
	r = parse("a: 1\nb: 2\n");
	T_STR("yaml: ymap_get", "2", kh_ymap_get(r, "b")->str);
	T_INT("yaml: ymap_key line", 2, kh_ymap_key(r, "b")->loc.line);
	T_OK("yaml: ymap_get absent", kh_ymap_get(r, "c") == NULL && kh_ymap_get(kh_ymap_get(r, "a"), "x") == NULL);
	T_STR("yaml: kind names", "a mapping a list a string",
	      kh_arena_printf(arena, "%s %s %s", kh_ykind_name(KH_Y_MAP), kh_ykind_name(KH_Y_SEQ),
	                      kh_ykind_name(KH_Y_SCALAR)));

	/* positions inside scalars */
	r = parse("a: x{b\nb: \"日本{c\"\nc: \"x\\ty{\"\nd: 'it''s {'\ne: |\n  {x\n");
	T_INT("yaml: scalar offset, plain", 5, kh_yscalar_loc(kh_ymap_get(r, "a"), 1).col);
	T_INT("yaml: scalar offset, quoted CJK", 7, kh_yscalar_loc(kh_ymap_get(r, "b"), 6).col);
	T_INT("yaml: scalar offset, escapes fall back to the start", 4, kh_yscalar_loc(kh_ymap_get(r, "c"), 3).col);
	T_INT("yaml: scalar offset, quote doubling falls back", 4, kh_yscalar_loc(kh_ymap_get(r, "d"), 5).col);
	T_INT("yaml: scalar offset, block scalar falls back", 4, kh_yscalar_loc(kh_ymap_get(r, "e"), 1).col);

	/* load */
	t_capture_begin();
	r = kh_yaml_load("/nonexistent/x.yaml", arena);
	T_STR("yaml: missing file", "kumihan: error: cannot open '/nonexistent/x.yaml': No such file or directory\n",
	      t_capture_end());

	kh_arena_drop(arena);
	T_DONE();
}
