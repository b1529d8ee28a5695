/* test_schema.c -- the layout checker's exact messages for every error class,
 * the value parsers (lengths, colours, filters, anchors) and the getters. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bind.h"
#include "diag.h"
#include "schema.h"
#include "t.h"
#include "util.h"
#include "yaml.h"

static kh_arena *arena;
static int nerr;

/* Capture messages with a clean slate: what bind said once is said again. */
static void capture(void)
{
	t_capture_begin();
	kh_bind_forget();
}

static kh_ynode *tree(const char *src)
{
	kh_ynode *r;
	const char *msgs;
	capture();
	r = kh_yaml_parse("t.yaml", src, strlen(src), arena);
	msgs = t_capture_end();
	if (!r)
		printf("# parse failed: %s", msgs);
	return r;
}

/* Parse and check src; the messages. */
static const char *check(const char *src)
{
	kh_ynode *r;
	capture();
	r = kh_yaml_parse("t.yaml", src, strlen(src), arena);
	nerr = r ? kh_schema_check(r) : -1;
	return t_capture_end();
}

/* A layout around some page content. */
static const char *page(const char *content)
{
	return kh_arena_printf(arena,
	                       "colors: { navy: \"#1F3A68\", pale: \"#E8EEF7\" }\n"
	                       "styles:\n  body: { size: 10pt }\n  title: { size: 20pt }\n"
	                       "data:\n  programs: tests/data/docs/programs.csv\n"
	                       "pages:\n  - content:\n%s",
	                       content);
}

/* A page with a box named 'who' and a connector from one anchor to another. */
static const char *connector(const char *from, const char *to)
{
	return page(kh_arena_printf(arena, "      - box:\n        name: who\n      - connector: { from: %s, to: %s }\n",
	                            from, to));
}

static void test_errors(void)
{
	/* unknown keys */
	T_STR("schema: unknown key, closest", "t.yaml:2:11: error: unknown key 'leadin' in style 'body'\n"
	      "hint: did you mean 'leading'?\n", check("styles:\n  body: { leadin: 16pt }\npages: [{}]\n"));
	T_STR("schema: unknown key, allowed keys listed",
	      "t.yaml:2:3: error: unknown key 'paper' in 'document'\n"
	      "hint: allowed in 'document': size, orientation, bleed, master, title, author, subject, keywords\n",
	      check("document:\n  paper: A4\npages:\n  - content: []\n"));
	T_STR("schema: unknown section", "t.yaml:1:1: error: unknown section 'stlyes'\nhint: did you mean 'styles'?\n",
	      check("stlyes: {}\npages:\n  - content: []\n"));
	T_STR("schema: element as a section",
	      "t.yaml:1:1: error: unknown section 'text'; elements go in the content of a page\n"
	      "hint: pages:\n  - content:\n      - text: ...\n",
	      check("text: hello\npages:\n  - content: []\n"));
	T_STR("schema: unknown key on an element",
	      "t.yaml:10:9: error: unknown key 'colour' in a 'text' element\nhint: did you mean 'color'?\n",
	      check(page("      - text: hi\n        colour: navy\n")));
	T_STR("schema: list data: hint",
	      "t.yaml:10:9: error: unknown key 'data' in a 'list' element\n"
	      "hint: the table is the element's value: 'list: TABLE'\n",
	      check(page("      - list: [a]\n        data: programs\n")));

	/* types */
	T_STR("schema: wrong type, list for a length",
	      "t.yaml:2:17: error: 'size' must be a length such as 10pt or 3.5mm, not a list\n",
	      check("styles:\n  body: { size: [1, 2] }\npages: [{}]\n"));
	T_STR("schema: wrong type, word for a length",
	      "t.yaml:2:17: error: 'size' must be a length such as 10pt or 3.5mm, not 'big'\n",
	      check("styles:\n  body: { size: big }\npages: [{}]\n"));
	T_STR("schema: bad unit", "t.yaml:2:17: error: unknown unit 'px' in '12px'\nhint: use one of mm cm pt in Q em %\n",
	      check("styles:\n  body: { size: 12px }\npages: [{}]\n"));
	T_STR("schema: unit case", "t.yaml:2:17: error: unknown unit 'q' in '20q'\n"
	      "hint: units are case-sensitive: use one of mm cm pt in Q em %\n",
	      check("styles:\n  body: { size: 20q }\npages: [{}]\n"));
	T_STR("schema: number without unit", "t.yaml:2:17: error: '12' needs a unit\n"
	      "hint: write 12pt or 12mm (units: mm cm pt in Q em %)\n",
	      check("styles:\n  body: { size: 12 }\npages: [{}]\n"));
	T_STR("schema: space before unit", "t.yaml:2:17: error: no space between a number and its unit: '12 pt'\n",
	      check("styles:\n  body: { size: 12 pt }\npages: [{}]\n"));
	T_STR("schema: percent not allowed", "t.yaml:2:17: error: 'size' cannot be a percentage: '120%'\n"
	      "hint: use mm cm pt in Q or em\n", check("styles:\n  body: { size: 120% }\npages: [{}]\n"));
	T_STR("schema: negative not allowed", "t.yaml:10:16: error: 'width' cannot be negative: '-3mm'\n",
	      check(page("      - box:\n        width: -3mm\n")));
	T_STR("schema: point arity", "t.yaml:10:13: error: 'at' must be a point [x, y] such as [20mm, 25mm], not a list\n",
	      check(page("      - text: hi\n        at: [1mm]\n")));
	T_STR("schema: point item", "t.yaml:10:19: error: 'at' must be a length such as 10pt or 3.5mm, not 'x'\n",
	      check(page("      - text: hi\n        at: [1mm, x]\n")));
	T_STR("schema: size with auto", "", check(page("      - box:\n        size: [80mm, auto]\n")));
	T_STR("schema: size and width", "t.yaml:11:9: error: 'width' and 'size' both given (size is [width, height])\n",
	      check(page("      - box:\n        size: [80mm, auto]\n        width: 10mm\n")));
	T_STR("schema: enum", "t.yaml:2:18: error: 'align' must be left, center, right or justify, not 'justfy'\n"
	      "hint: did you mean 'justify'?\n", check("styles:\n  body: { align: justfy }\npages: [{}]\n"));
	T_STR("schema: bool", "t.yaml:10:15: error: 'keep' must be true or false, not 'yes'\n",
	      check(page("      - box:\n        keep: yes\n")));
	T_STR("schema: integer", "t.yaml:11:18: error: 'columns' must be a whole number from 1 to 1000, not '2.5'\n",
	      check(page("      - repeat: programs\n        each: { text: \"{name}\" }\n        columns: 2.5\n")));
	T_STR("schema: sides", "t.yaml:10:18: error: 'padding' must be one length, [vertical, horizontal] or "
	      "[top, right, bottom, left], not a list\n",
	      check(page("      - box:\n        padding: [1mm, 2mm, 3mm]\n")));
	T_STR("schema: rects", "t.yaml:10:17: error: 'frames' is a list of rectangles: write [[x, y, width, height]]\n",
	      check(page("      - flow: [a]\n        frames: [0, 0, 10mm, 10mm]\n")));
	T_STR("schema: leading factor", "", check("styles:\n  body: { leading: 1.7 }\npages: [{}]\n"));
	T_STR("schema: leading zero", "t.yaml:2:20: error: 'leading' must be more than 0: '0'\n",
	      check("styles:\n  body: { leading: 0 }\npages: [{}]\n"));
	T_STR("schema: page size", "t.yaml:2:9: error: unknown page size 'a4'\nhint: did you mean 'A4'?\n",
	      check("document:\n  size: a4\npages: [{}]\n"));

	/* colours */
	T_STR("schema: bad hex colour", "t.yaml:10:15: error: bad colour '#12345': '#' takes 3 or 6 hexadecimal digits\n",
	      check(page("      - box:\n        fill: \"#12345\"\n")));
	T_STR("schema: cmyk range", "t.yaml:10:15: error: bad colour 'cmyk(100, 60, 0, 120)': the values are "
	      "percentages from 0 to 100\n", check(page("      - box:\n        fill: cmyk(100, 60, 0, 120)\n")));
	T_STR("schema: cmyk arity", "t.yaml:10:15: error: bad colour 'cmyk(100, 60)': cmyk() takes four numbers: "
	      "cmyk(C, M, Y, K)\n", check(page("      - box:\n        fill: cmyk(100, 60)\n")));
	T_STR("schema: unknown colour name", "t.yaml:10:15: error: unknown colour 'navyy'\nhint: did you mean 'navy'?\n",
	      check(page("      - box:\n        fill: navyy\n")));
	T_STR("schema: unknown colour, no palette", "t.yaml:3:22: error: unknown colour 'red'\n"
	      "hint: define it under colors:, or write \"#RRGGBB\", cmyk(C, M, Y, K) or gray(P)\n",
	      check("pages:\n  - content:\n      - box: { fill: red }\n"));
	T_STR("schema: palette entry must be literal",
	      "t.yaml:1:33: error: the colour 'accent' must be written out such as \"#1F3A68\", cmyk(100, 60, 0, 20) "
	      "or gray(40), not 'navy'\n", check("colors: { navy: \"#123\", accent: navy }\npages: [{}]\n"));

	/* required keys and element shape */
	T_STR("schema: no pages", "t.yaml: error: the layout has no 'pages' section\n", check("document: { size: A4 }\n"));
	T_STR("schema: line needs to", "t.yaml:9:9: error: a 'line' element needs 'to' (end point)\n",
	      check(page("      - line: { from: [0, 0] }\n")));
	T_STR("schema: table needs columns", "t.yaml:9:9: error: a 'table' element needs 'columns' (the columns, left to right)\n",
	      check(page("      - table: programs\n")));
	T_STR("schema: table column needs value", "t.yaml:10:19: error: table column 1 needs 'value' (the cell text, per "
	      "row: a template such as \"{name}\")\n",
	      check(page("      - table: programs\n        columns: [{ header: x }]\n")));
	T_STR("schema: no element key", "t.yaml:9:9: error: an element needs one of text, flow, box, line, connector, "
	      "image, list, table, repeat, chart, vertical\n", check(page("      - style: body\n")));
	T_STR("schema: unknown element", "t.yaml:9:9: error: unknown element 'txt'\nhint: did you mean 'text'?\n",
	      check(page("      - txt: hi\n")));
	T_STR("schema: two element keys", "t.yaml:10:9: error: 'text' and 'box' in one element; an element has one kind\n"
	      "hint: make each its own list item, or put one inside a box's content\n",
	      check(page("      - text: hi\n        box:\n")));
	T_STR("schema: element is a string", "t.yaml:9:9: error: an element must be a mapping such as 'text: ...', not 'hi'\n",
	      check(page("      - hi\n")));
	T_STR("schema: content is one element", "t.yaml:3:7: error: 'content' must be a list of elements, not one element\n"
	      "hint: start the element with '- ' to make it a list item\n",
	      check("pages:\n  - content:\n      text: hi\n"));
	T_STR("schema: element beside content", "t.yaml:3:5: error: unknown key 'text' in page 1\n"
	      "hint: elements go under 'content:', each starting with '- '\n",
	      check("pages:\n  - content:\n    text: hi\n"));
	T_STR("schema: empty pages", "t.yaml:1:8: error: 'pages' is empty\n", check("pages: []\n"));
	T_STR("schema: text value is a map", "t.yaml:9:15: error: 'text' takes the text as its value; its other keys "
	      "stand beside it\nhint: write 'text: VALUE' and the keys on the following lines, indented like 'text'\n",
	      check(page("      - text: { style: body }\n")));
	T_STR("schema: text with no value", "t.yaml:9:14: error: 'text' needs a value: the text: \"@key\", a "
	      "template or literal text\n", check(page("      - text:\n        style: body\n")));
	T_STR("schema: box with a scalar", "t.yaml:9:14: error: 'box' takes its keys as a mapping or beside it, not 'x'\n",
	      check(page("      - box: x\n")));
	T_STR("schema: key twice", "t.yaml:10:9: error: 'fill' given twice: in the box mapping and beside it\n",
	      check(page("      - box: { fill: navy }\n        fill: pale\n")));
	T_STR("schema: master is a list", "t.yaml:2:6: error: the master 'm' must be a mapping (margins, content), not a list\n"
	      "hint: put the elements under 'content:'\n", check("masters:\n  m: [ { text: hi } ]\npages: [{}]\n"));
	T_STR("schema: root is a list", "t.yaml:1:1: error: a layout must be a mapping of sections (document, data, "
	      "styles, pages ...), not a list\n", check("- a\n- b\n"));

	/* references */
	T_STR("schema: unknown style", "t.yaml:10:16: error: unknown style 'titel'\nhint: did you mean 'title'?\n",
	      check(page("      - text: hi\n        style: titel\n")));
	T_STR("schema: unknown style, list", "t.yaml:10:16: error: unknown style 'heading'\n"
	      "hint: the styles are: body, title\n", check(page("      - text: hi\n        style: heading\n")));
	T_STR("schema: unknown style, no section", "t.yaml:4:16: error: unknown style 'body'\n"
	      "hint: there is no styles: section\n", check("pages:\n  - content:\n      - text: hi\n        style: body\n"));
	T_STR("schema: unknown master", "t.yaml:3:13: error: unknown master 'defualt'\nhint: did you mean 'default'?\n",
	      check("masters: { default: {} }\npages:\n  - master: defualt\n    content: []\n"));
	T_STR("schema: unknown table", "t.yaml:9:17: error: unknown table 'progams'\nhint: did you mean 'programs'?\n",
	      check(page("      - repeat: progams\n        each: { text: x }\n")));
	T_STR("schema: group outside a grouped repeat", "t.yaml:9:15: error: 'group' is the current group's rows, and "
	      "there is none here\nhint: use it inside the 'each' of a repeat with group-by\n",
	      check(page("      - list: group\n        item: x\n")));
	T_STR("schema: group inside a grouped repeat", "",
	      check(page("      - repeat: programs\n        group-by: area\n        each:\n          box:\n"
	                 "          content:\n            - text: \"{key}\"\n            - list: group\n"
	                 "              item: \"{name}\"\n")));
	T_STR("schema: literal list item that looks like a key", "t.yaml:9:15: error: 'list' must be a table name or "
	      "a list of items, not '@list.one'\nhint: literal items are a list: [\"@list.one\"]\n",
	      check(page("      - list: \"@list.one\"\n")));
	T_STR("schema: list over a table needs item", "t.yaml:9:9: error: a list over the table 'programs' needs 'item' "
	      "(the text of an item per row)\n", check(page("      - list: programs\n")));
	T_STR("schema: where on literal items", "t.yaml:10:9: error: 'where' needs a list over a table; this one has "
	      "literal items\n", check(page("      - list: [a, b]\n        where: \"a == 'b'\"\n")));
	T_STR("schema: missing data file", "t.yaml:1:18: error: cannot open 'nope.csv': No such file or directory\n",
	      check("data: { strings: nope.csv }\npages: [{}]\n"));

	/* styles and locales */
	T_STR("schema: inherit cycle", "t.yaml:2:17: error: the style 'a' inherits from itself: a -> b -> c -> a\n",
	      check("styles:\n  a: { inherit: b }\n  b: { inherit: c }\n  c: { inherit: a }\n  d: { inherit: a }\n"
	            "pages: [{}]\n"));
	T_STR("schema: inherit itself", "t.yaml:2:17: error: the style 'a' inherits from itself: a -> a\n",
	      check("styles:\n  a: { inherit: a }\npages: [{}]\n"));
	T_STR("schema: locale override", "", check("locales: { ja: {}, en: {} }\nstyles:\n  a: { en: { align: left } }\npages: [{}]\n"));
	T_STR("schema: unknown locale override", "t.yaml:3:8: error: unknown locale 'fr' in style 'a'\n"
	      "hint: the locales are: ja, en\n",
	      check("locales: { ja: {}, en: {} }\nstyles:\n  a: { fr: { align: left } }\npages: [{}]\n"));
	T_STR("schema: locale override with inherit", "t.yaml:3:14: error: unknown key 'inherit' in the 'en' override of "
	      "style 'a'\nhint: an override changes keys of its style; 'inherit' is the style's own\n",
	      check("locales: { ja: {}, en: {} }\nstyles:\n  a: { en: { inherit: a } }\npages: [{}]\n"));
	T_STR("schema: unknown fallback locale", "t.yaml:3:20: error: unknown locale 'jp'\nhint: did you mean 'ja'?\n",
	      check("locales:\n  ja: {}\n  en: { fallback: [jp] }\npages: [{}]\n"));
	T_STR("schema: fallback to itself", "t.yaml:3:19: error: the locale 'en' falls back to itself\n",
	      check("locales:\n  ja: {}\n  en: { fallback: en }\npages: [{}]\n"));
	T_STR("schema: unknown locale key", "t.yaml:2:9: error: unknown key 'scrpt' in locale 'ja'\nhint: did you mean 'script'?\n",
	      check("locales:\n  ja: { scrpt: cjk }\npages: [{}]\n"));
	T_STR("schema: year format field", "t.yaml:2:23: error: unknown field '{eraa}' in the year format\n"
	      "hint: did you mean 'era'?\n", check("locales:\n  ja: { year: \"{year}（{eraa}）\" }\npages: [{}]\n"));

	/* text sources */
	T_STR("schema: unclosed brace at its column", "t.yaml:9:17: error: unclosed '{' in '第{number回'\n"
	      "hint: close it with '}', or write {{ for a literal {\n", check(page("      - text: \"第{number回\"\n")));
	T_STR("schema: unknown format", "t.yaml:11:24: error: unknown format 'eraa' in '{year:eraa}'\n"
	      "hint: did you mean 'era'?\n",
	      check(page("      - repeat: programs\n        each:\n          text: \"{year:eraa}\"\n")));
	T_STR("schema: unmatched brace", "t.yaml:9:17: error: unmatched '}' in 'a}b'\nhint: write }} for a literal }\n",
	      check(page("      - text: \"a}b\"\n")));
	T_STR("schema: escapes are fine", "", check(page("      - text: \"{{x}} @@ {page}/{pages}\"\n")));
	T_STR("schema: column outside a row", "t.yaml:9:16: error: no data row here for '{name}'\n"
	      "hint: columns can be used inside repeat, list items and table columns; {page} and {pages} anywhere\n",
	      check(page("      - text: \"{name}\"\n")));
	T_STR("schema: bare @", "t.yaml:9:15: error: '@' needs a key, as in \"@cover.title\"\n"
	      "hint: for a literal '@' write '@@'\n", check(page("      - text: \"@\"\n")));
	T_STR("schema: key with a space", "t.yaml:9:22: error: a string key cannot hold ' ': '@cover title'\n"
	      "hint: \"@key\" names a whole string of the string table; for a literal '@' write '@@'\n",
	      check(page("      - text: \"@cover title\"\n")));
	T_STR("schema: where syntax", "t.yaml:10:22: error: expected ==, !=, <, <=, > or >= in the filter 'area = 'x''\n"
	      "hint: equality is written ==\n",
	      check(page("      - repeat: programs\n        where: \"area = 'x'\"\n        each: { text: a }\n")));
	T_STR("schema: where joiner", "t.yaml:10:26: error: expected 'and' or the end of the filter 'a == 'x' or b > 2'\n"
	      "hint: conditions are joined with 'and'\n",
	      check(page("      - repeat: programs\n        where: \"a == 'x' or b > 2\"\n        each: { text: a }\n")));

	/* connectors: 'from' is at line 11, column 28 */
	T_STR("schema: anchor to an unknown name", "t.yaml:11:28: error: no element is named 'whoo'\n"
	      "hint: did you mean 'who'?\n", check(connector("whoo.left", "who.right")));
	T_STR("schema: anchor side", "t.yaml:11:46: error: unknown side 'rigth' in the anchor 'who.rigth'\n"
	      "hint: did you mean 'right'?\n", check(connector("who.left", "who.rigth")));
	T_STR("schema: anchor percentage", "t.yaml:11:51: error: '@130%' in the anchor 'who.right@130%' must be a "
	      "percentage such as @30%\n", check(connector("who.left", "who.right@130%")));
	T_STR("schema: anchor fine", "", check(connector("who.left@20%", "who.center")));

	/* chart node classes; box split-border; repeat layout flow; flow balance */
	T_STR("schema: node-styles without node-class", "t.yaml:11:9: error: 'node-styles' needs 'node-class' (the "
	      "nodes-table column whose value picks a node's style)\nhint: add node-class: kind, for a column 'kind' "
	      "holding the names under node-styles\n",
	      check(page("      - chart:\n        nodes: programs\n        node-styles: { a: { fill: navy } }\n")));
	T_STR("schema: node-class without node-styles", "t.yaml:11:9: error: 'node-class' needs 'node-styles' (how the "
	      "nodes of each class look)\n", check(page("      - chart:\n        nodes: programs\n        node-class: area\n")));
	T_STR("schema: node-class inside the chart mapping, node-styles beside it", "",
	      check(page("      - chart: { nodes: programs, node-class: area }\n        node-styles:\n"
	                 "          welfare: { fill: navy, stroke: pale, style: body, radius: 1mm }\n          health:\n")));
	T_STR("schema: unknown key in a node style", "t.yaml:12:35: error: unknown key 'fil' in node style 'welfare'\n"
	      "hint: did you mean 'fill'?\n",
	      check(page("      - chart:\n        nodes: programs\n        node-class: area\n"
	                 "        node-styles: { welfare: { fil: navy } }\n")));
	T_STR("schema: a node style's values checked", "t.yaml:12:42: error: unknown style 'bdy'\nhint: did you mean "
	      "'body'?\nt.yaml:12:55: error: 'radius' cannot be a percentage: '10%'\nhint: use mm cm pt in Q or em\n",
	      check(page("      - chart:\n        nodes: programs\n        node-class: area\n"
	                 "        node-styles: { welfare: { style: bdy, radius: 10% } }\n")));
	T_STR("schema: a node style is a mapping", "t.yaml:12:33: error: the node style 'welfare' must be a mapping, "
	      "not 'navy'\n", check(page("      - chart:\n        nodes: programs\n        node-class: area\n"
	                                 "        node-styles: { welfare: navy }\n")));
	T_STR("schema: node-styles is a mapping", "t.yaml:12:22: error: 'node-styles' must be a mapping of names to "
	      "mappings, not a list\n", check(page("      - chart:\n        nodes: programs\n        node-class: area\n"
	                                          "        node-styles: [a, b]\n")));
	T_STR("schema: split-border", "t.yaml:10:23: error: 'split-border' must be open or closed, not 'opne'\n"
	      "hint: did you mean 'open'?\n", check(page("      - box:\n        split-border: opne\n")));
	T_STR("schema: repeat layout flow", "t.yaml:10:17: error: 'layout' must be column, row, grid or flow, not 'flwo'\n"
	      "hint: did you mean 'flow'?\n",
	      check(page("      - repeat: programs\n        layout: flwo\n        each: { text: a }\n")));
	T_STR("schema: balance", "t.yaml:10:18: error: 'balance' must be true or false, not 'yes'\n",
	      check(page("      - flow: [a, b]\n        balance: yes\n")));
	T_STR("schema: the new keys check clean", "",
	      check(page("      - flow: [a, b]\n        frames: [[0, 0, 50mm, 50mm], [60mm, 0, 50mm, 50mm]]\n"
	                 "        balance: true\n      - box: { split-border: closed }\n"
	                 "      - repeat: programs\n        layout: flow\n        gap: 2mm\n        each: { text: a }\n")));

	/* several errors, one run */
	check("styles:\n  a: { size: 1px, align: x, color: \"#1\" }\npages:\n  - content:\n      - txt: a\n"
	      "      - text: b\n        style: c\n");
	T_INT("schema: every error in one run", 5, nerr);
	{
		kh_buf b = KH_BUF_INIT;
		kh_buf_puts(&b, "styles:\n");
		for (int i = 0; i < 80; i++)
			kh_buf_printf(&b, "  s%d: { size: %dpx }\n", i, i + 1);
		kh_buf_puts(&b, "pages: [{}]\n");
		T_OK("schema: stops after the error limit",
		     strstr(check(kh_buf_cstr(&b)), "too many errors, stopping") != NULL && kh_diag_errors() <= 52);
		kh_buf_free(&b);
	}
}

static const char *const draft_layout =
	"document:\n  size: A4\n  orientation: portrait\n  bleed: 3mm\n  master: default\n"
	"  title: \"@doc.title\"\n"
	"locales:\n  ja:\n    year: \"{year}（{era}{era_year}）年\"\n  en:\n    fallback: [ja]\n    script: latin\n"
	"    year: \"{year}\"\n    number-group: \",\"\n    fonts:\n      IPAexMincho: Liberation Serif\n"
	"data:\n  strings: tests/data/docs/strings.csv\n  programs: tests/data/docs/programs.csv\n"
	"  meetings: { file: tests/data/docs/meetings.csv, encoding: utf-8 }\n"
	"colors:\n  navy: \"#1F3A68\"\n  pale: \"#E8EEF7\"\n  band: cmyk(100, 60, 0, 20)\n"
	"styles:\n  body:\n    font: IPAexMincho\n    size: 9.5pt\n    leading: 16pt\n    color: \"#222222\"\n"
	"    align: justify\n    indent: 1em\n    letter-spacing: 0\n    kinsoku: strict\n    hanging: false\n"
	"    fallback: [IPAexGothic]\n    en: { align: left, indent: 0 }\n"
	"  lead: { inherit: body, size: 10.5pt, leading: 18pt }\n  folio: { size: 8pt, align: center }\n"
	"masters:\n  default:\n    margins: [18mm, 16mm, 18mm, 16mm]\n    content:\n"
	"      - box: { at: [0, 0], size: [100%, 12mm], fill: navy }\n"
	"      - text: \"{page}\"\n        style: folio\n        at: [0, 285mm]\n        width: 100%\n"
	"pages:\n  - master: default\n    content:\n"
	"      - text: \"@cover.title\"\n        style: lead\n        at: [20mm, 70mm]\n        width: 82mm\n"
	"        align: justify\n"
	"      - flow: [\"@cover.lead\", \"@cover.forms\"]\n        style: body\n        paragraph-gap: 4mm\n"
	"        frames: [[20mm, 70mm, 82mm, 150mm], [108mm, 70mm, 82mm, 150mm]]\n"
	"      - box:\n        name: who\n        at: [20mm, 200mm]\n        width: 82mm\n        fill: pale\n"
	"        stroke: navy\n        line-width: 0.5pt\n        radius: 2mm\n        padding: [3mm, 4mm]\n"
	"        gap: 2mm\n        content:\n          - text: \"@who.title\"\n"
	"      - line: { from: [20mm, 60mm], to: [190mm, 60mm] }\n        stroke: navy\n        dash: [2pt, 2pt]\n"
	"        arrow: end\n"
	"      - connector: { from: who.right, to: who.top }\n        route: orthogonal\n        label: \"@chart.staff\"\n"
	"        label-vertical: false\n"
	"      - list: programs\n        where: \"area == 'welfare'\"\n        item: \"{name}\"\n        bullet: \"●\"\n"
	"      - table: meetings\n        columns:\n          - { header: \"@th.number\", value: \"{number}\", width: 20mm, "
	"align: right }\n          - { header: \"@th.year\", value: \"{year:era}\" }\n        header-fill: pale\n"
	"        rule: navy\n        padding: [1mm, 2mm]\n"
	"      - repeat: programs\n        sort: -area\n        layout: grid\n        columns: 3\n        each:\n"
	"          box:\n          content:\n            - text: \"{name:fullwidth}\"\n"
	"      - chart:\n        nodes: programs\n        edges: programs\n        area: [15mm, 20mm, 180mm, 120mm]\n"
	"      - vertical: \"@chart.joint\"\n"
	"      - image: \"tests/data/docs/photos/photo.png\"\n        size: [56mm, 42mm]\n        fit: cover\n";

static void test_good(void)
{
	T_STR("schema: the draft's examples check clean", "", check(draft_layout));
	T_INT("schema: no errors counted", 0, nerr);
}

static void test_values(void)
{
	kh_len l;
	kh_color c;
	kh_ynode *r = tree("a: [12mm, 1in, 20Q, 50%, 1.5em, 0, -3mm, 2.54cm, 10.5pt, 12px, 12, \"\"]\n"
	                   "c: [\"#1F3A68\", \"#fff\", \"cmyk(100, 60, 0, 20)\", gray(40), none, navy, black, \"#GGG\", \"rgb(1,2,3)\"]\n"
	                   "colors: { navy: \"#000080\" }\n");
	const kh_ynode *a = kh_ymap_get(r, "a"), *cs = kh_ymap_get(r, "c"), *pal = kh_ymap_get(r, "colors");
	capture();
	T_INT("len: 12mm ok", 0, kh_parse_len(a->vals[0], &l));
	T_NEAR("len: 12mm", 34.0157, l.v, 1e-3);
	kh_parse_len(a->vals[1], &l);
	T_NEAR("len: 1in", 72, l.v, 1e-9);
	kh_parse_len(a->vals[2], &l);
	T_NEAR("len: 20Q = 5mm", 14.1732, l.v, 1e-3);
	kh_parse_len(a->vals[3], &l);
	T_OK("len: 50%", l.pct && fabs(l.v - 0.5) < 1e-9);
	T_NEAR("len: 50% of 200pt", 100, kh_len_pt(l, 200, 10), 1e-9);
	kh_parse_len(a->vals[4], &l);
	T_OK("len: 1.5em", l.em && fabs(kh_len_pt(l, 0, 10) - 15) < 1e-9);
	T_INT("len: 0 needs no unit", 0, kh_parse_len(a->vals[5], &l));
	kh_parse_len(a->vals[6], &l);
	T_NEAR("len: negative", -8.5039, l.v, 1e-3);
	kh_parse_len(a->vals[7], &l);
	T_NEAR("len: 2.54cm = 1in", 72, l.v, 1e-9);
	kh_parse_len(a->vals[8], &l);
	T_NEAR("len: 10.5pt", 10.5, l.v, 1e-9);
	T_INT("len: px refused", -1, kh_parse_len(a->vals[9], &l));
	T_INT("len: bare 12 refused", -1, kh_parse_len(a->vals[10], &l));
	T_INT("len: empty refused", -1, kh_parse_len(a->vals[11], &l));
	T_INT("len: a list refused", -1, kh_parse_len(a, &l));
	T_STR("len: public messages", "t.yaml:1:58: error: unknown unit 'px' in '12px'\nhint: use one of mm cm pt in Q em %\n"
	      "t.yaml:1:64: error: '12' needs a unit\nhint: write 12pt or 12mm (units: mm cm pt in Q em %)\n"
	      "t.yaml:1:68: error: expected a length such as 10pt or 3.5mm, not ''\n"
	      "t.yaml:1:4: error: expected a length such as 10pt or 3.5mm, not a list\n", t_capture_end());

	capture();
	kh_parse_color(cs->vals[0], pal, &c);
	T_OK("colour: #1F3A68", c.space == KH_COLOR_RGB && fabs(c.v[0] - 0x1F / 255.0) < 1e-9 &&
	     fabs(c.v[2] - 0x68 / 255.0) < 1e-9);
	kh_parse_color(cs->vals[1], pal, &c);
	T_OK("colour: #fff", c.space == KH_COLOR_RGB && c.v[0] == 1 && c.v[1] == 1 && c.v[2] == 1);
	kh_parse_color(cs->vals[2], pal, &c);
	T_OK("colour: cmyk in percent", c.space == KH_COLOR_CMYK && c.v[0] == 1 && fabs(c.v[1] - 0.6) < 1e-9 &&
	     c.v[2] == 0 && fabs(c.v[3] - 0.2) < 1e-9);
	kh_parse_color(cs->vals[3], pal, &c);
	T_OK("colour: gray(40) is 40% black", c.space == KH_COLOR_GRAY && fabs(c.v[0] - 0.6) < 1e-9);
	T_INT("colour: none", 0, kh_parse_color(cs->vals[4], pal, &c));
	T_INT("colour: none space", KH_COLOR_NONE, c.space);
	kh_parse_color(cs->vals[5], pal, &c);
	T_OK("colour: palette name", c.space == KH_COLOR_RGB && fabs(c.v[2] - 128 / 255.0) < 1e-9);
	kh_parse_color(cs->vals[6], pal, &c);
	T_OK("colour: black", c.space == KH_COLOR_GRAY && c.v[0] == 0);
	T_INT("colour: bad hex", -1, kh_parse_color(cs->vals[7], pal, &c));
	T_INT("colour: rgb()", -1, kh_parse_color(cs->vals[8], pal, &c));
	T_STR("colour: messages", "t.yaml:2:77: error: bad colour '#GGG': '#' takes 3 or 6 hexadecimal digits\n"
	      "t.yaml:2:85: error: bad colour 'rgb(1,2,3)': write RGB colours as \"#RRGGBB\"\n", t_capture_end());
}

static void test_getters(void)
{
	kh_ynode *r = tree("colors: { navy: \"#000080\" }\n"
	                   "els:\n"
	                   "  - text: \"@x\"\n    style: body\n    width: 50%\n    keep: true\n"
	                   "  - box: { fill: navy, padding: [1mm, 2mm] }\n    at: [3mm, 4mm]\n    size: [80mm, auto]\n"
	                   "  - line: { from: [0, 0], to: [1mm, 1mm] }\n    arrow: both\n"
	                   "  - repeat: t\n    columns: 3\n    each: { text: a }\n"
	                   "  - box:\n    padding: [1mm, 2mm, 3mm, 4mm]\n    fill: \"#F00\"\n");
	const kh_ynode *els = kh_ymap_get(r, "els"), *pal = kh_ymap_get(r, "colors");
	const kh_ynode *text = els->vals[0], *box = els->vals[1], *line = els->vals[2], *rep = els->vals[3];
	kh_len l, ls[4];
	kh_color c;
	static const char *const arrows[] = {"none", "start", "end", "both", NULL};

	T_STR("get: kind", "text box line repeat", kh_arena_printf(arena, "%s %s %s %s", kh_elem_kind(text),
	      kh_elem_kind(box), kh_elem_kind(line), kh_elem_kind(rep)));
	T_STR("get: kind of a non-element", "", kh_elem_kind(pal));
	T_STR("get: main value", "@x", kh_elem_main(text)->str);
	T_OK("get: no main value for a box", kh_elem_main(box) == NULL);
	T_STR("get: main of repeat", "t", kh_elem_main(rep)->str);
	T_STR("get: prop beside", "body", kh_prop_str(text, "style", NULL));
	T_STR("get: prop default", "dflt", kh_prop_str(text, "nope", "dflt"));
	T_OK("get: prop inside the kind's map", kh_prop(box, "fill") != NULL && kh_prop(box, "at") != NULL);
	T_OK("get: the kind key is not a prop", kh_prop(text, "text") == NULL);
	T_INT("get: bool", 1, kh_prop_bool(text, "keep", 0));
	T_INT("get: bool default", 0, kh_prop_bool(box, "keep", 0));
	T_NEAR("get: num", 3, kh_prop_num(rep, "columns", 1), 0);
	T_NEAR("get: num default", 1, kh_prop_num(text, "columns", 1), 0);
	l = kh_prop_len(text, "width");
	T_OK("get: len pct", l.set && l.pct && fabs(l.v - 0.5) < 1e-9);
	l = kh_prop_len(line, "line-width");
	T_OK("get: len absent takes the schema default, set 0", !l.set && fabs(l.v - 0.5) < 1e-9);
	T_INT("get: lens count", 2, kh_prop_lens(box, "size", ls, 4));
	T_OK("get: lens auto is unset", ls[0].set && !ls[1].set);
	T_INT("get: point", 2, kh_prop_lens(box, "at", ls, 4));
	T_NEAR("get: point y", 4 * 72 / 25.4, ls[1].v, 1e-9);
	T_INT("get: sides 2", 2, kh_prop_sides(box, "padding", ls));
	T_OK("get: sides 2 expand", fabs(ls[0].v - ls[2].v) < 1e-9 && fabs(ls[1].v - ls[3].v) < 1e-9 &&
	     fabs(ls[1].v - 2 * 72 / 25.4) < 1e-9);
	T_INT("get: sides 4", 4, kh_prop_sides(els->vals[4], "padding", ls));
	T_NEAR("get: sides 4 left", 4 * 72 / 25.4, ls[3].v, 1e-9);
	c = kh_prop_color(box, "fill", pal);
	T_OK("get: colour by name", c.space == KH_COLOR_RGB && fabs(c.v[2] - 128 / 255.0) < 1e-9);
	c = kh_prop_color(line, "stroke", pal);
	T_OK("get: colour default from the schema (line stroke black)", c.space == KH_COLOR_GRAY && c.v[0] == 0);
	c = kh_prop_color(box, "stroke", pal);
	T_INT("get: colour default none", KH_COLOR_NONE, c.space);
	c = kh_prop_color(els->vals[4], "fill", pal);
	T_OK("get: colour #F00", c.space == KH_COLOR_RGB && c.v[0] == 1 && c.v[1] == 0);
	T_INT("get: enum", 3, kh_prop_enum(line, "arrow", arrows, 0));
	T_INT("get: enum default", 2, kh_prop_enum(box, "arrow", arrows, 2));
}

static void test_parsers(void)
{
	kh_ynode *r = tree("w: [\"area == 'welfare'\", \"partner != '' and year >= 2005\", \"a\", \"a == 'x\"]\n"
	                   "s: [area, -year, \"-\"]\nan: [who.right, who.right@30%, who, who.top@x]\n");
	const kh_ynode *w = kh_ymap_get(r, "w"), *s = kh_ymap_get(r, "s"), *an = kh_ymap_get(r, "an");
	kh_filter f[4];
	int desc, side;
	const char *name;
	double along;
	capture();
	T_INT("where: one", 1, kh_parse_where(w->vals[0], NULL, f, 4, arena));
	T_OK("where: op and value", f[0].op == KH_CMP_EQ);
	T_STR("where: op and value: the value", "welfare", f[0].value);
	T_INT("where: two", 2, kh_parse_where(w->vals[1], NULL, f, 4, arena));
	T_OK("where: second", f[1].op == KH_CMP_GE && f[0].value[0] == 0);
	T_STR("where: second: the value", "2005", f[1].value);
	T_INT("where: absent", 0, kh_parse_where(NULL, NULL, f, 4, arena));
	T_INT("where: no operator", -1, kh_parse_where(w->vals[2], NULL, f, 4, arena));
	T_INT("where: unclosed quote", -1, kh_parse_where(w->vals[3], NULL, f, 4, arena));
	T_INT("sort: ascending", 0, kh_parse_sort(s->vals[0], NULL, &desc));
	T_INT("sort: asc flag", 0, desc);
	kh_parse_sort(s->vals[1], NULL, &desc);
	T_INT("sort: descending", 1, desc);
	T_INT("sort: bare dash", -2, kh_parse_sort(s->vals[2], NULL, &desc));
	T_INT("sort: absent", -1, kh_parse_sort(NULL, NULL, &desc));
	T_INT("anchor: side", 0, kh_parse_anchor(an->vals[0], &name, &side, &along, arena));
	T_OK("anchor: who right middle", side == 3 && along == 0.5);
	T_STR("anchor: who right middle: the name", "who", name);
	kh_parse_anchor(an->vals[1], &name, &side, &along, arena);
	T_NEAR("anchor: along", 0.3, along, 1e-9);
	T_INT("anchor: no side", -1, kh_parse_anchor(an->vals[2], &name, &side, &along, arena));
	T_INT("anchor: bad percentage", -1, kh_parse_anchor(an->vals[3], &name, &side, &along, arena));
	T_STR("parsers: messages", "t.yaml:1:62: error: expected ==, !=, <, <=, > or >= in the filter 'a'\n"
	      "t.yaml:1:71: error: unclosed quote in the filter 'a == 'x'\n"
	      "t.yaml:2:18: error: 'sort' must be a column name, not '-'\n"
	      "t.yaml:3:32: error: 'who' is not an anchor: write NAME.side (top, bottom, left, right, center)\n"
	      "t.yaml:3:44: error: '@x' in the anchor 'who.top@x' must be a percentage such as @30%\n", t_capture_end());
}

/* The problems a new user met (tests/data/qa/README.md), each message exact. */
static void test_qa(void)
{
	static const char *const names[] = {"Shift_JIS", "shift-jis", "SJIS", "CP932", "Windows-31J", "ms932",
	                                    "UTF8", "utf-16", "UTF-16LE", "euc_jp", "auto"};
	for (size_t i = 0; i < KH_COUNT(names); i++) {
		char name[64];
		snprintf(name, sizeof name, "schema: encoding '%s' accepted (as --encoding)", names[i]);
		T_STR(name, "", check(kh_arena_printf(arena, "data:\n  p: { file: tests/data/docs/programs.csv, "
		                                      "encoding: %s }\npages:\n  - content: []\n", names[i])));
	}
	T_STR("schema: unknown encoding: closest and every name",
	      "t.yaml:2:54: error: unknown encoding 'utf-17'\n"
	      "hint: did you mean 'utf-16'? the encodings are auto, utf-8, cp932 (shift_jis, sjis, windows-31j, ms932), "
	      "euc-jp, utf-16le, utf-16be, utf-16 (case, '-' and '_' do not matter)\n",
	      check("data:\n  p: { file: tests/data/docs/programs.csv, encoding: utf-17 }\npages:\n  - content: []\n"));

	/* faces */
	T_STR("schema: face on an element", "", check(page("      - text: x\n        face: Bold Italic\n")));
	T_STR("schema: an empty face", "t.yaml:2:14: error: 'face' must be a face name such as Bold, not ''\n",
	      check("styles:\n  h: { face: \"\" }\npages:\n  - content: []\n"));

	/* filters: values are quoted or numbers */
	T_STR("schema: a bare word in a filter",
	      "t.yaml:10:25: error: the value 'welfare' in the filter 'area == welfare and partner != ''' is not quoted\n"
	      "hint: text values are quoted: \"area == 'welfare' and partner != ''\"\n",
	      check(page("      - list: programs\n        where: \"area == welfare and partner != ''\"\n        item: x\n")));
	T_STR("schema: numbers need no quotes", "",
	      check(page("      - list: programs\n        where: \"order >= 2 and order < -1.5 and order != 1,000\"\n"
	                 "        item: x\n")));

	/* lengths typed in full width */
	T_STR("schema: full-width digits in a length",
	      "t.yaml:10:16: error: 'width' must be a length such as 10pt or 3.5mm, not '１２．５mm'\n"
	      "hint: write it in ASCII (half-width) characters: 12.5mm\n",
	      check(page("      - text: x\n        width: １２．５mm\n")));
	T_STR("schema: a full-width unit",
	      "t.yaml:10:16: error: unknown unit 'ｐｔ' in '12ｐｔ'\nhint: write it in ASCII (half-width) characters: 12pt\n",
	      check(page("      - text: x\n        width: 12ｐｔ\n")));

	/* an unquoted #RRGGBB: the file is read again to see the comment */
	{
		char path[] = "/tmp/kh-test-schema-XXXXXX";
		int fd = mkstemp(path);
		static const char src[] = "colors:\n  green: #2E6B3A\n  red:   # to do\n"
		                          "pages:\n  - content:\n      - box: { size: [1mm, 1mm] }\n"
		                          "        stroke: \t#abc\n";
		kh_ynode *r;
		T_OK("schema: temporary layout written", fd >= 0 && write(fd, src, sizeof src - 1) == (ssize_t)(sizeof src - 1));
		if (fd >= 0)
			close(fd);
		capture();
		r = kh_yaml_load(kh_arena_strdup(arena, path), arena);
		if (r)
			kh_schema_check(r);
		{
			char exp[1024];
			snprintf(exp, sizeof exp,
			         "%s:2:10: error: the colour 'green' is empty: '#' starts a comment in YAML\n"
			         "hint: quote the colour: \"#2E6B3A\"\n"
			         "%s:3:7: error: the colour 'red' must be written out such as \"#1F3A68\", "
			         "cmyk(100, 60, 0, 20) or gray(40), not ''\n"
			         "%s:7:18: error: 'stroke' is empty: '#' starts a comment in YAML\n"
			         "hint: quote the colour: \"#abc\"\n", path, path, path);
			T_STR("schema: an unquoted # colour is a comment; an empty value with a real one is not", exp,
			      t_capture_end());
		}
		unlink(path);
	}
}

static void test_reference(void)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	kh_schema_print_reference(f);
	fclose(f);
	T_OK("reference: has every element", strstr(text, "### `connector`") && strstr(text, "### `vertical`") &&
	     strstr(text, "| `label-vertical` | bool | `false` |"));
	T_HAS("reference: shows enum choices", "| `align` | `left` `center` `right` `justify` | `left` |", text);
	T_HAS("reference: required marked", "| `from` | point | required |", text);
	free(text);
}

int main(void)
{
	arena = kh_arena_new();
	test_errors();
	test_good();
	test_values();
	test_getters();
	test_parsers();
	test_qa();
	test_reference();
	kh_arena_drop(arena);
	T_DONE();
}
