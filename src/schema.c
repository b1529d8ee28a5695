/* schema.c -- what a layout file may say: one table of every section,
 * element and key, the checker that walks a parsed layout against it, the
 * value parsers (lengths, colours, filters) and the kh_prop_* getters.
 *
 * The table is the single source of truth: kh_schema_check reads it to
 * report unknown keys, wrong types and missing keys; the getters read it for
 * defaults; kh_schema_print_reference prints it as the Markdown reference
 * that `kumihan help layout` shows and docs/layout-format.md includes.
 */
#include "schema.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "bind.h"
#include "encoding.h"
#include "utf8.h"

/* ==== the table ==== */

typedef enum {
	T_NONE,         /* element kinds whose value is only a map of properties */
	T_STR,
	T_NAME,         /* a name other elements refer to */
	T_TEXT,         /* text source */
	T_TEXTS,        /* list of text sources */
	T_TEXT_OR_TEXTS,
	T_FILE,         /* a file path relative to the layout (may be a template) */
	T_FONT,
	T_FACE,         /* a face (style) of the font: Bold, Italic */
	T_FONTS,        /* a font or a list of fonts */
	T_FONTMAP,      /* font: font */
	T_LEN,
	T_LEN_AUTO,     /* length or auto */
	T_LEADING,      /* length or a factor of the font size */
	T_POINT,
	T_SIZE,
	T_RECT,
	T_RECTS,
	T_SIDES,
	T_LENS,         /* 1 to 4 lengths (dash pattern) */
	T_COLOR,
	T_NUM,
	T_INT,
	T_BOOL,
	T_ENUM,
	T_ELEMS,
	T_ELEM,
	T_LISTOF,       /* list of mappings described by sub */
	T_STYLE,        /* style name */
	T_MASTER,       /* master name */
	T_TABLE,        /* table name from data: */
	T_TABLE_OR_TEXTS,
	T_COLUMN,
	T_SORT,
	T_WHERE,
	T_ANCHOR,
	T_LOCALES,      /* a locale name or a list of them */
	T_PAGESIZE,
	T_YEARFMT,
	T_DATA,         /* file, or { file, encoding } */
	T_ENCODING,     /* a name kh_encoding_parse accepts */
	T_SEC_LOCALES,
	T_SEC_DATA,
	T_SEC_COLORS,
	T_SEC_STYLES,
	T_SEC_MASTERS,
	T_SEC_MAP,      /* a mapping described by sub */
	T_MAPOF         /* names, each a mapping described by sub (or nothing: all defaults) */
} ktype;

enum {
	F_REQ = 1,      /* required */
	F_POS = 2,      /* not negative (lengths, numbers) */
	F_NOPCT = 4,    /* no %: nothing to be a percentage of */
	F_ROW = 8,      /* evaluated once per data row */
};

typedef struct keyset keyset;

typedef struct keydef {
	const char *key;
	ktype type;
	int flags;
	const char *def;             /* the default, as the reference shows it; NULL: none */
	const char *doc;             /* one line */
	const char *const *choices;  /* T_ENUM */
	const keyset *sub;           /* T_LISTOF, T_SEC_MAP, T_MAPOF */
} keydef;

struct keyset {
	const char *id;              /* "text", "document", "style" */
	const char *what;            /* for messages: "a 'text' element", "'document'" */
	const char *doc;
	const keydef *keys;          /* ends with {NULL} */
	const keyset *also[3];       /* keys shared with other sets */
	const keydef *main;          /* elements: the element key itself */
};

static const char *const ch_orient[] = {"portrait", "landscape", NULL};
static const char *const ch_script[] = {"cjk", "latin", NULL};
static const char *const ch_align[] = {"left", "center", "right", "justify", NULL};
static const char *const ch_align3[] = {"left", "center", "right", NULL};
static const char *const ch_kinsoku[] = {"strict", "normal", "loose", NULL};
static const char *const ch_arrow[] = {"none", "start", "end", "both", NULL};
static const char *const ch_route[] = {"straight", "orthogonal", NULL};
static const char *const ch_fit[] = {"contain", "cover", NULL};
static const char *const ch_repeat[] = {"column", "row", "grid", "flow", NULL};
static const char *const ch_split[] = {"open", "closed", NULL};
static const char *const ch_valign[] = {"top", "middle", "bottom", NULL};
static const char *const ch_role[] = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "caption", "figure", "artifact", NULL};
static const char *const ch_chart[] = {"grid", "auto", NULL};
static const char *const ch_pagesize[] = {"A3", "A4", "A5", "B4", "B5", "Letter", NULL};

static const char *const element_kinds[] = {"text", "flow", "box", "line", "connector", "image",
                                            "list", "table", "repeat", "chart", "vertical", NULL};

/* -- keys every element has -- */
static const keydef placement_keys[] = {
	{"at", T_POINT, 0, NULL, "top-left corner `[x, y]` in the container; without it the element "
	 "stacks below the previous one", NULL, NULL},
	{"width", T_LEN_AUTO, F_POS, "auto", "`auto`: the rest of the container's width", NULL, NULL},
	{"height", T_LEN_AUTO, F_POS, "auto", "`auto`: as tall as the content", NULL, NULL},
	{"size", T_SIZE, F_POS, NULL, "`[width, height]` in one key (not with `width` or `height`)", NULL, NULL},
	{"name", T_NAME, 0, NULL, "a name connectors refer to (`NAME.right`)", NULL, NULL},
	{"keep", T_BOOL, 0, "false", "`true`: never split across pages; moves whole to the next page", NULL, NULL},
	{"keep-with-next", T_BOOL, 0, "headings", "`true`: never the last thing at the foot of a page; moves on "
	 "with the start of the next stacked element (default: on for text in a style `h1` ... `h6` and for a "
	 "group's heading in a `repeat`)", NULL, NULL},
	{"role", T_ENUM, 0, "by kind", "what it is in the document, for tagged PDF: a heading `h1` ... `h6`, a "
	 "paragraph `p`, a `caption`, a `figure` (with everything in it), or `artifact` (decoration); default: "
	 "its style's, else a heading for styles `h1` ... `h6`, a figure for an image, a paragraph", ch_role, NULL},
	{"alt", T_TEXT, F_ROW, NULL, "a figure's alternative text (an image, or an element with `role: figure`); "
	 "may be a template", NULL, NULL},
	{"space-before", T_LEN, F_POS, "0", "extra space above when stacked", NULL, NULL},
	{"space-after", T_LEN, F_POS, "0", "extra space below when stacked", NULL, NULL},
	{NULL, 0, 0, NULL, NULL, NULL, NULL},
};
static const keyset placement = {"placement", "an element", "Every element takes these keys.",
                                 placement_keys, {NULL}, NULL};

/* -- text style keys: in styles, and as overrides on text elements -- */
static const keydef textstyle_keys[] = {
	{"font", T_FONT, 0, "IPAexMincho", "font family (the project's `fonts/` folder first, then the system)",
	 NULL, NULL},
	{"face", T_FACE, 0, "Regular", "the font's face, as `kumihan fonts` lists it: `Bold`, `Italic`, "
	 "`Bold Italic`... (fallback fonts keep their regular face)", NULL, NULL},
	{"leading", T_LEADING, F_POS | F_NOPCT, "1.6", "baseline to baseline (行送り): a length, or a number "
	 "times the size", NULL, NULL},
	{"color", T_COLOR, 0, "black", "text colour", NULL, NULL},
	{"align", T_ENUM, 0, "left", "line alignment", ch_align, NULL},
	{"indent", T_LEN, F_NOPCT, "0", "first-line indent (字下げ), e.g. `1em`", NULL, NULL},
	{"letter-spacing", T_LEN, F_NOPCT, "0", "space added after every character", NULL, NULL},
	{"kinsoku", T_ENUM, 0, "strict", "line-breaking rules (禁則): JLREQ strict, normal or loose", ch_kinsoku,
	 NULL},
	{"hanging", T_BOOL, 0, "false", "`true`: 、。 may hang past the line end (ぶら下げ)", NULL, NULL},
	{"compress", T_BOOL, 0, "script", "追い込み: squeeze punctuation and spaces so a line takes the next "
	 "character before it is widened (default: on for Japanese, off for Latin editions)", NULL, NULL},
	{"fallback", T_FONTS, 0, NULL, "fonts tried in order for characters the font lacks", NULL, NULL},
	{"orphans", T_INT, 0, "2", "the least lines of a paragraph (or list item) left at the foot of a page or "
	 "frame; fewer, and it starts on the next", NULL, NULL},
	{"widows", T_INT, 0, "2", "the least lines of a paragraph (or list item) carried to the head of the next "
	 "page or frame; the break comes earlier to leave them", NULL, NULL},
	{NULL, 0, 0, NULL, NULL, NULL, NULL},
};
static const keyset textstyle = {"textstyle", "a style", "Text style keys: in a style, and on the elements "
                                 "that show text, where they override the element's style.",
                                 textstyle_keys, {NULL}, NULL};

static const keydef style_keys[] = {
	{"inherit", T_STYLE, 0, NULL, "the style this one takes every key it does not set from", NULL, NULL},
	{"size", T_LEN, F_POS | F_NOPCT, "10pt", "font size; `em` is relative to the inherited size", NULL, NULL},
	{"role", T_ENUM, 0, "by name", "the role of text in this style (see [placement keys](#placement-keys)); "
	 "styles `h1` ... `h6` are headings of that level", ch_role, NULL},
	{"keep-with-next", T_BOOL, 0, "by name", "text in this style stays with what follows it (see "
	 "[placement keys](#placement-keys)); on for styles named `h1` ... `h6`", NULL, NULL},
	{NULL, 0, 0, NULL, NULL, NULL, NULL},
};
static const keyset style = {"style", "a style", "A named text style. A key that is a locale name "
                             "(`en: { align: left }`) overrides keys in that edition.",
                             style_keys, {&textstyle}, NULL};

/* -- sections -- */
static const keydef document_keys[] = {
	{"size", T_PAGESIZE, 0, "A4", "page size: A3 A4 A5 B4 B5 (JIS) Letter, or `[width, height]`", NULL, NULL},
	{"orientation", T_ENUM, 0, "portrait", "`landscape` swaps width and height of a named size", ch_orient,
	 NULL},
	{"bleed", T_LEN, F_POS | F_NOPCT, "0", "extends the media box beyond the trim box on every side", NULL,
	 NULL},
	{"master", T_MASTER, 0, "default", "master of pages that name none (`default` if there is one)", NULL, NULL},
	{"title", T_TEXT, 0, NULL, "PDF document title", NULL, NULL},
	{"author", T_TEXT, 0, NULL, "PDF document author", NULL, NULL},
	{"subject", T_TEXT, 0, NULL, "PDF document subject", NULL, NULL},
	{"keywords", T_TEXT, 0, NULL, "PDF document keywords", NULL, NULL},
	{NULL, 0, 0, NULL, NULL, NULL, NULL},
};
static const keyset document = {"document", "'document'", "The page and the document's information.",
                                document_keys, {NULL}, NULL};

static const keydef locale_keys[] = {
	{"fallback", T_LOCALES, 0, "none", "locales whose strings stand in for a missing one (reported)", NULL,
	 NULL},
	{"script", T_ENUM, 0, "cjk", "`latin`: Latin line breaking and spacing, no JLREQ rules", ch_script, NULL},
	{"year", T_YEARFMT, 0, "by locale", "how `{year:era}` writes a year: `{year}` `{era}` `{era_year}` "
	 "`{era_year_gan}`", NULL, NULL},
	{"number-group", T_STR, 0, "\",\"", "digit group separator for `{n:number}`", NULL, NULL},
	{"fonts", T_FONTMAP, 0, NULL, "font substitution in this edition: `IPAexMincho: Liberation Serif`", NULL,
	 NULL},
	{NULL, 0, 0, NULL, NULL, NULL, NULL},
};
static const keyset locale = {"locale", "a locale", "One edition: `locales: { ja: {...}, en: {...} }`; the "
                              "first is the default edition.", locale_keys, {NULL}, NULL};

static const keydef datafile_keys[] = {
	{"file", T_FILE, F_REQ, NULL, "CSV file, relative to the layout", NULL, NULL},
	{"encoding", T_ENCODING, 0, "auto", "`auto`: BOM, then UTF-8, then CP932 or EUC-JP by byte structure; "
	 "or `utf-8`, `cp932` (`shift_jis`, `sjis`, `windows-31j`, `ms932`), `euc-jp`, `utf-16le`, `utf-16be`, "
	 "`utf-16` (case and `-` `_` do not matter)", NULL, NULL},
	{NULL, 0, 0, NULL, NULL, NULL, NULL},
};
static const keyset datafile = {"datafile", "a table", "A table: `name: file.csv`, or "
                                "`name: { file: file.csv, encoding: cp932 }`. The table named `strings` is the "
                                "string table: a `key` column, then one column per locale.",
                                datafile_keys, {NULL}, NULL};

static const keydef master_keys[] = {
	{"margins", T_SIDES, F_POS, "20mm", "the content area: top right bottom left", NULL, NULL},
	{"content", T_ELEMS, 0, NULL, "elements drawn on every page of this master, under the page's own", NULL,
	 NULL},
	{NULL, 0, 0, NULL, NULL, NULL, NULL},
};
static const keyset master = {"master", "a master", "A page template: margins and what every page of it shows.",
                              master_keys, {NULL}, NULL};

static const keydef page_keys[] = {
	{"master", T_MASTER, 0, "document's", "the page's master", NULL, NULL},
	{"content", T_ELEMS, 0, NULL, "the page's elements; what does not fit continues on a new page of the "
	 "same master", NULL, NULL},
	{NULL, 0, 0, NULL, NULL, NULL, NULL},
};
static const keyset page = {"page", "a page", "One item of `pages:`.", page_keys, {NULL}, NULL};

static const keydef root_keys[] = {
	{"document", T_SEC_MAP, 0, NULL, "page size, bleed, document info, the default master", NULL, &document},
	{"locales", T_SEC_LOCALES, 0, "ja", "the editions, by name", NULL, &locale},
	{"data", T_SEC_DATA, 0, NULL, "the CSV tables, by name", NULL, &datafile},
	{"colors", T_SEC_COLORS, 0, NULL, "a named palette: `navy: \"#1F3A68\"`", NULL, NULL},
	{"styles", T_SEC_STYLES, 0, NULL, "named text styles", NULL, &style},
	{"masters", T_SEC_MASTERS, 0, NULL, "page templates, by name", NULL, &master},
	{"pages", T_LISTOF, F_REQ, NULL, "the pages, in order", NULL, &page},
	{NULL, 0, 0, NULL, NULL, NULL, NULL},
};
static const keyset layout = {"layout", "the layout", "The sections of a layout file.", root_keys, {NULL}, NULL};

/* -- elements -- */
#define MAIN(k, t, fl, d) static const keydef main_##k = {#k, t, fl, NULL, d, NULL, NULL}
#define ELEMENT(k, doc, ...) \
	static const keyset el_##k = {#k, "a '" #k "' element", doc, k##_keys, {__VA_ARGS__}, &main_##k}
#define END {NULL, 0, 0, NULL, NULL, NULL, NULL}

MAIN(text, T_TEXT, F_REQ, "the text: `\"@key\"`, a template or literal text");
static const keydef text_keys[] = {
	{"style", T_STYLE, 0, "default", "text style (the style named `default`, else the built-in one)", NULL,
	 NULL},
	END,
};
ELEMENT(text, "A paragraph. Text that does not fit a given height is an error.", &placement, &textstyle);

MAIN(flow, T_TEXT_OR_TEXTS, F_REQ, "paragraphs, in order");
static const keydef flow_keys[] = {
	{"style", T_STYLE, 0, "default", "text style", NULL, NULL},
	{"paragraph-gap", T_LEN, F_POS, "0", "space between paragraphs", NULL, NULL},
	{"frames", T_RECTS, 0, NULL, "`[x, y, width, height]` frames the text runs through in order, then the "
	 "same frames on new pages (page content); without them, the element's own box", NULL, NULL},
	{"balance", T_BOOL, 0, "false", "`true`: the frames the text ends in (on its last page) are shortened "
	 "to end at one height, as low as the text needs", NULL, NULL},
	END,
};
ELEMENT(flow, "Paragraphs that run through a chain of frames, over pages if need be.", &placement, &textstyle);

MAIN(box, T_NONE, 0, "nothing, or a mapping of the box's keys");
static const keydef box_keys[] = {
	{"fill", T_COLOR, 0, "none", "background colour", NULL, NULL},
	{"stroke", T_COLOR, 0, "none", "border colour", NULL, NULL},
	{"line-width", T_LEN, F_POS | F_NOPCT, "0.5pt", "border width", NULL, NULL},
	{"dash", T_LENS, F_POS | F_NOPCT, NULL, "border dash pattern: on, off lengths", NULL, NULL},
	{"radius", T_LEN, F_POS | F_NOPCT, "0", "corner radius", NULL, NULL},
	{"padding", T_SIDES, F_POS, "0", "space between the border and the content", NULL, NULL},
	{"gap", T_LEN, F_POS, "0", "space between stacked elements inside", NULL, NULL},
	{"content", T_ELEMS, 0, NULL, "elements inside; `at` inside is relative to the content box", NULL, NULL},
	{"split-border", T_ENUM, 0, "open", "a box split across pages: `open` leaves the border open where it is "
	 "cut, `closed` draws each part's whole outline", ch_split, NULL},
	{"valign", T_ENUM, 0, "top", "a box with a `height`: its stacked content at the top, in the middle or "
	 "at the bottom of its content box", ch_valign, NULL},
	END,
};
ELEMENT(box, "A rectangle that holds other elements; its height grows to the content unless set.",
        &placement);

MAIN(line, T_NONE, 0, "nothing, or a mapping of the line's keys");
static const keydef line_keys[] = {
	{"from", T_POINT, F_REQ, NULL, "start point", NULL, NULL},
	{"to", T_POINT, F_REQ, NULL, "end point", NULL, NULL},
	{"stroke", T_COLOR, 0, "black", "colour", NULL, NULL},
	{"line-width", T_LEN, F_POS | F_NOPCT, "0.5pt", "width", NULL, NULL},
	{"dash", T_LENS, F_POS | F_NOPCT, NULL, "dash pattern: on, off lengths", NULL, NULL},
	{"arrow", T_ENUM, 0, "none", "arrowheads", ch_arrow, NULL},
	END,
};
ELEMENT(line, "A straight line between two points of the container.", &placement);

MAIN(connector, T_NONE, 0, "nothing, or a mapping of the connector's keys");
static const keydef connector_keys[] = {
	{"from", T_ANCHOR, F_REQ, NULL, "anchor: `NAME.top` `.bottom` `.left` `.right` `.center`, or "
	 "`NAME.right@30%` along a side", NULL, NULL},
	{"to", T_ANCHOR, F_REQ, NULL, "anchor at the other end", NULL, NULL},
	{"route", T_ENUM, 0, "orthogonal", "straight, or horizontal and vertical segments", ch_route, NULL},
	{"arrow", T_ENUM, 0, "end", "arrowheads", ch_arrow, NULL},
	{"stroke", T_COLOR, 0, "black", "colour", NULL, NULL},
	{"line-width", T_LEN, F_POS | F_NOPCT, "0.5pt", "width", NULL, NULL},
	{"dash", T_LENS, F_POS | F_NOPCT, NULL, "dash pattern", NULL, NULL},
	{"label", T_TEXT, 0, NULL, "text placed at the middle of the connector", NULL, NULL},
	{"label-style", T_STYLE, 0, "default", "style of the label", NULL, NULL},
	{"label-vertical", T_BOOL, 0, "false", "`true`: the label set vertically (縦書き) beside the line", NULL,
	 NULL},
	END,
};
ELEMENT(connector, "A line joining two named elements, re-routed when they move.", &placement);

MAIN(image, T_FILE, F_REQ, "PNG or JPEG file, relative to the layout; may be a template");
static const keydef image_keys[] = {
	{"fit", T_ENUM, 0, "contain", "`contain`: all of the image, `cover`: fill the frame, cropped", ch_fit,
	 NULL},
	{"caption", T_TEXT, 0, NULL, "text set under the image", NULL, NULL},
	{"caption-style", T_STYLE, 0, "default", "style of the caption", NULL, NULL},
	END,
};
ELEMENT(image, "A picture in a frame; a missing file is an error at this position.", &placement);

MAIN(list, T_TABLE_OR_TEXTS, F_REQ, "a list of items, or a table name (one item per row; `group` "
     "inside a grouped `repeat`)");
static const keydef list_keys[] = {
	{"item", T_TEXT, F_ROW, NULL, "an item's text, per row (required with a table)", NULL, NULL},
	{"where", T_WHERE, 0, NULL, "rows to use: `column == 'value'`, joined with `and`", NULL, NULL},
	{"sort", T_SORT, 0, "file order", "column to sort rows by; `-column` descending", NULL, NULL},
	{"bullet", T_TEXT, 0, "●", "bullet text (`・`, `※`...), `number` for 1. 2. 3., or `none`", NULL, NULL},
	{"style", T_STYLE, 0, "default", "text style", NULL, NULL},
	{"indent", T_LEN, F_NOPCT, "bullet + 0.5em", "hanging indent: where item text starts; by default the "
	 "bullet's width (the widest number's) and half an em (1em without a bullet)", NULL, NULL},
	{"gap", T_LEN, F_POS, "0", "space between items", NULL, NULL},
	END,
};
ELEMENT(list, "Bulleted items with a hanging indent, literal or one per row of a table.", &placement,
        &textstyle);

static const keydef column_keys[] = {
	{"value", T_TEXT, F_REQ | F_ROW, NULL, "the cell text, per row: a template such as `\"{name}\"`", NULL, NULL},
	{"header", T_TEXT, 0, NULL, "the header cell text", NULL, NULL},
	{"width", T_LEN, F_POS, "share", "column width; columns without one share the rest", NULL, NULL},
	{"align", T_ENUM, 0, "left", "cell alignment", ch_align3, NULL},
	END,
};
static const keyset column = {"column", "a table column", "One item of a table's `columns:`.", column_keys,
                              {NULL}, NULL};

MAIN(table, T_TABLE, F_REQ, "the table name");
static const keydef table_keys[] = {
	{"columns", T_LISTOF, F_REQ, NULL, "the columns, left to right", NULL, &column},
	{"where", T_WHERE, 0, NULL, "rows to show", NULL, NULL},
	{"sort", T_SORT, 0, "file order", "column to sort by; `-column` descending", NULL, NULL},
	{"style", T_STYLE, 0, "default", "style of the cells", NULL, NULL},
	{"header-style", T_STYLE, 0, "style", "style of the header row", NULL, NULL},
	{"header-fill", T_COLOR, 0, "none", "background of the header row", NULL, NULL},
	{"rule", T_COLOR, 0, "none", "colour of the rules between rows", NULL, NULL},
	{"rule-width", T_LEN, F_POS | F_NOPCT, "0.5pt", "width of the rules", NULL, NULL},
	{"padding", T_SIDES, F_POS, "1mm", "space inside every cell", NULL, NULL},
	END,
};
ELEMENT(table, "Rows of a data table; the header row repeats on every page it continues on.", &placement);

MAIN(repeat, T_TABLE, F_REQ, "the table name");
static const keydef repeat_keys[] = {
	{"each", T_ELEM, F_REQ | F_ROW, NULL, "the element made once per row (or group); `{column}` in it is the "
	 "row's value", NULL, NULL},
	{"where", T_WHERE, 0, NULL, "rows to use", NULL, NULL},
	{"sort", T_SORT, 0, "file order", "column to sort by; `-column` descending", NULL, NULL},
	{"group-by", T_COLUMN, 0, NULL, "one copy per value of this column; inside, `{key}` is the value and "
	 "`list: group` the group's rows", NULL, NULL},
	{"layout", T_ENUM, 0, "column", "copies stacked top to bottom, side by side, in a grid, or one after "
	 "another along lines that wrap (`flow`)", ch_repeat, NULL},
	{"columns", T_INT, 0, "1", "grid columns", NULL, NULL},
	{"gap", T_LEN, F_POS, "0", "space between copies (and between the lines of a `flow`)", NULL, NULL},
	{"continued", T_TEXT, F_ROW, NULL, "with `group-by` in a column: the mark added to the group's heading "
	 "where it is repeated on the next page, e.g. `\"（続き）\"`", NULL, NULL},
	END,
};
ELEMENT(repeat, "One copy of `each` per row or per group of a table.", &placement);

static const keydef node_style_keys[] = {
	{"fill", T_COLOR, 0, "node-fill", "box background", NULL, NULL},
	{"stroke", T_COLOR, 0, "node-stroke", "box border", NULL, NULL},
	{"style", T_STYLE, 0, "node-style", "style of the box's label", NULL, NULL},
	{"radius", T_LEN, F_POS | F_NOPCT, "node-radius", "corner radius", NULL, NULL},
	END,
};
static const keyset node_style = {"node-style", "a node style", "One entry of a chart's `node-styles`: how "
                                  "the boxes of one class look. A key not given is the chart's own.",
                                  node_style_keys, {NULL}, NULL};

MAIN(chart, T_NONE, 0, "nothing, or a mapping of the chart's keys");
static const keydef chart_keys[] = {
	{"nodes", T_TABLE, F_REQ, NULL, "table of boxes: `id`, `label` (text source), and `col`, `row` "
	 "(optional `span`) in grid layout", NULL, NULL},
	{"edges", T_TABLE, 0, NULL, "table of arrows: `from`, `to`, optional `label`, `from-side`, "
	 "`to-side`, `label-vertical`", NULL, NULL},
	{"node-label", T_TEXT, F_ROW, "\"{label}\"", "a box's text, per row of the nodes table "
	 "(`\"{label:string}\"`: the label column holds string keys)", NULL, NULL},
	{"edge-label", T_TEXT, F_ROW, "\"{label}\"", "an arrow's label, per row of the edges table", NULL, NULL},
	{"layout", T_ENUM, 0, "grid", "`grid`: cells from the nodes table; `auto`: a layered tree", ch_chart, NULL},
	{"area", T_RECT, 0, NULL, "`[x, y, width, height]`; default: the element's box", NULL, NULL},
	{"columns", T_INT, 0, "from data", "grid columns", NULL, NULL},
	{"rows", T_INT, 0, "from data", "grid rows", NULL, NULL},
	{"gap", T_LEN, F_POS, "6mm", "least space between boxes", NULL, NULL},
	{"node-style", T_STYLE, 0, "default", "style of the box labels", NULL, NULL},
	{"node-fill", T_COLOR, 0, "none", "box background", NULL, NULL},
	{"node-stroke", T_COLOR, 0, "black", "box border", NULL, NULL},
	{"node-padding", T_SIDES, F_POS, "2mm", "space inside a box", NULL, NULL},
	{"node-radius", T_LEN, F_POS | F_NOPCT, "0", "box corner radius", NULL, NULL},
	{"node-class", T_COLUMN, 0, NULL, "column of the nodes table whose value picks the box's entry in "
	 "`node-styles`", NULL, NULL},
	{"node-styles", T_MAPOF, 0, NULL, "per class of node (a value of the `node-class` column): its own fill, "
	 "stroke, style, radius", NULL, &node_style},
	{"edge-style", T_STYLE, 0, "default", "style of the arrow labels", NULL, NULL},
	{"edge-stroke", T_COLOR, 0, "black", "arrow colour", NULL, NULL},
	{"arrow", T_ENUM, 0, "end", "arrowheads", ch_arrow, NULL},
	{"route", T_ENUM, 0, "orthogonal", "arrow routing", ch_route, NULL},
	END,
};
ELEMENT(chart, "An organisation chart from a table of nodes and a table of edges.", &placement);

MAIN(vertical, T_TEXT, F_REQ, "the text");
static const keydef vertical_keys[] = {
	{"style", T_STYLE, 0, "default", "text style", NULL, NULL},
	END,
};
ELEMENT(vertical, "A short label set vertically (縦書き), one character a line; ー and brackets rotated.",
        &placement, &textstyle);

static const keyset *const elements[] = {&el_text, &el_flow, &el_box, &el_line, &el_connector, &el_image,
                                         &el_list, &el_table, &el_repeat, &el_chart, &el_vertical, NULL};

/* ==== lookups in the table ==== */

static const keydef *find_key(const keyset *ks, const char *key)
{
	for (const keydef *k = ks->keys; k->key; k++)
		if (strcmp(k->key, key) == 0)
			return k;
	for (int i = 0; i < 3 && ks->also[i]; i++) {
		const keydef *k = find_key(ks->also[i], key);
		if (k)
			return k;
	}
	return NULL;
}

static const keyset *element_set(const char *kind)
{
	for (int i = 0; elements[i]; i++)
		if (strcmp(elements[i]->id, kind) == 0)
			return elements[i];
	return NULL;
}

static void collect_keys(const keyset *ks, const char **out, size_t *n, size_t max)
{
	for (const keydef *k = ks->keys; k->key; k++) {
		size_t j;
		for (j = 0; j < *n; j++)
			if (strcmp(out[j], k->key) == 0)
				break;
		if (j == *n && *n < max)
			out[(*n)++] = k->key;
	}
	for (int i = 0; i < 3 && ks->also[i]; i++)
		collect_keys(ks->also[i], out, n, max);
}

/* ==== messages ==== */

static const char *type_phrase(const keydef *k)
{
	switch (k->type) {
	case T_LEN: return "a length such as 10pt or 3.5mm";
	case T_LEN_AUTO: return "a length such as 80mm, or auto";
	case T_LEADING: return "a length such as 16pt, or a number such as 1.7";
	case T_POINT: return "a point [x, y] such as [20mm, 25mm]";
	case T_SIZE: return "a size [width, height] such as [80mm, auto]";
	case T_RECT: return "a rectangle [x, y, width, height] such as [15mm, 20mm, 180mm, 120mm]";
	case T_RECTS: return "a list of rectangles [x, y, width, height]";
	case T_SIDES: return "one length, [vertical, horizontal] or [top, right, bottom, left]";
	case T_LENS: return "a list of one to four lengths such as [2pt, 1pt]";
	case T_COLOR: return "a colour such as \"#1F3A68\", cmyk(100, 60, 0, 20) or a name from colors";
	case T_NUM: return "a number";
	case T_INT: return "a whole number from 1";
	case T_BOOL: return "true or false";
	case T_ELEMS: return "a list of elements";
	case T_ELEM: return "an element (a mapping with one of text, flow, box, line, connector, image, list, "
	                    "table, repeat, chart, vertical)";
	case T_LISTOF: return "a list of mappings";
	case T_TEXTS: return "a list of text";
	case T_TEXT_OR_TEXTS: return "text or a list of text";
	case T_FONTS: return "a font name or a list of them";
	case T_FONTMAP: return "a mapping of font names to font names";
	case T_LOCALES: return "a locale name or a list of them";
	case T_PAGESIZE: return "a page size (A3 A4 A5 B4 B5 Letter) or [width, height]";
	case T_TABLE_OR_TEXTS: return "a table name or a list of items";
	case T_DATA: return "a file name or a mapping with file and encoding";
	case T_ENCODING: return "an encoding name such as cp932";
	case T_SEC_MAP: case T_SEC_LOCALES: case T_SEC_DATA: case T_SEC_COLORS: case T_SEC_STYLES:
	case T_SEC_MASTERS: return "a mapping";
	case T_MAPOF: return "a mapping of names to mappings";
	case T_STYLE: return "a style name";
	case T_MASTER: return "a master name";
	case T_TABLE: return "a table name";
	case T_COLUMN: case T_SORT: return "a column name";
	case T_ANCHOR: return "an anchor such as box.right";
	default: return "a string";
	}
}

/* A doc line without its Markdown backticks, for messages. */
static const char *plain(const char *doc)
{
	static char buf[2][240];
	static int i;
	size_t o = 0;
	i = !i;
	for (const char *p = doc; *p && o + 1 < sizeof buf[i]; p++)
		if (*p != '`')
			buf[i][o++] = *p;
	buf[i][o] = 0;
	return buf[i];
}

static void say_wrong(const char *label, const kh_ynode *v, const char *what)
{
	if (v->kind == KH_Y_SCALAR)
		kh_error(v->loc, "%s must be %s, not '%s'", label, what, v->str);
	else
		kh_error(v->loc, "%s must be %s, not %s", label, what, kh_ykind_name(v->kind));
}

/* "did you mean 'x'?" when close, else "NOUN are a, b, c". */
static void hint_choice(const char *word, const char *const *cands, size_t n, const char *noun)
{
	const char *best = kh_closest(word, cands, n);
	if (best) {
		kh_hint("did you mean '%s'?", best);
	} else if (n > 0) {
		kh_buf b = KH_BUF_INIT;
		for (size_t i = 0; i < n; i++)
			kh_buf_printf(&b, "%s%s", i ? ", " : "", cands[i]);
		kh_hint("%s: %s", noun, kh_buf_cstr(&b));
		kh_buf_free(&b);
	}
}

static size_t count_choices(const char *const *c)
{
	size_t n = 0;
	while (c[n])
		n++;
	return n;
}

/* ==== value parsers ==== */

static const char units_hint[] = "use one of mm cm pt in Q em %";

/* Parse a number at s: [+-]digits[.digits] or [+-].digits.  Returns the
 * characters used, 0 if none. */
static size_t scan_number(const char *s, double *v)
{
	size_t i = 0, digits = 0;
	char buf[64];
	if (s[i] == '+' || s[i] == '-')
		i++;
	while (isdigit((unsigned char)s[i]))
		i++, digits++;
	if (s[i] == '.') {
		i++;
		while (isdigit((unsigned char)s[i]))
			i++, digits++;
	}
	if (!digits || i >= sizeof buf)
		return 0;
	memcpy(buf, s, i);
	buf[i] = 0;
	*v = strtod(buf, NULL);
	return i;
}

/* s with full-width ASCII forms (U+FF01..U+FF5E: ３２ｍｍ) made ASCII, malloc'd;
 * NULL when s has none. */
static char *ascii_of_fullwidth(const char *s)
{
	kh_buf b = KH_BUF_INIT;
	size_t len = strlen(s);
	int any = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		int k = kh_utf8_decode(s + i, len - i, &cp);
		if (k <= 0) {
			kh_buf_free(&b);
			return NULL;
		}
		if (cp >= 0xFF01 && cp <= 0xFF5E) {
			char c = (char)(cp - 0xFF01 + 0x21);
			kh_buf_add(&b, &c, 1);
			any = 1;
		} else {
			kh_buf_add(&b, s + i, (size_t)k);
		}
		i += (size_t)k;
	}
	if (!any) {
		kh_buf_free(&b);
		return NULL;
	}
	return kh_buf_detach(&b);
}

/* After a length error: a hint when the value was typed in full width. */
static int hint_fullwidth_len(const char *s)
{
	char *a = ascii_of_fullwidth(s);
	double v;
	int r = 0;
	if (a && scan_number(a, &v) > 0) {
		kh_hint("write it in ASCII (half-width) characters: %s", a);
		r = 1;
	}
	free(a);
	return r;
}

/* Length parser; label NULL for the public form.  flags: F_POS, F_NOPCT. */
static int parse_len(const kh_ynode *n, kh_len *out, const char *label, int flags)
{
	static const struct {
		const char *u;
		double pt;
	} units[] = {{"mm", 72.0 / 25.4}, {"cm", 72.0 / 2.54}, {"pt", 1}, {"in", 72}, {"Q", 72.0 / 25.4 / 4}};
	const char *s, *unit;
	double v;
	size_t k;
	memset(out, 0, sizeof *out);
	if (n->kind != KH_Y_SCALAR) {
		if (label)
			kh_error(n->loc, "%s must be a length such as 10pt or 3.5mm, not %s", label, kh_ykind_name(n->kind));
		else
			kh_error(n->loc, "expected a length such as 10pt or 3.5mm, not %s", kh_ykind_name(n->kind));
		return -1;
	}
	s = n->str;
	k = scan_number(s, &v);
	if (k == 0) {
		if (label)
			kh_error(n->loc, "%s must be a length such as 10pt or 3.5mm, not '%s'", label, s);
		else
			kh_error(n->loc, "expected a length such as 10pt or 3.5mm, not '%s'", s);
		hint_fullwidth_len(s);
		return -1;
	}
	unit = s + k;
	if (*unit == ' ') {
		kh_error(n->loc, "no space between a number and its unit: '%s'", s);
		return -1;
	}
	if (!*unit) {
		if (v != 0) {
			kh_error(n->loc, "'%s' needs a unit", s);
			kh_hint("write %spt or %smm (units: mm cm pt in Q em %%)", s, s);
			return -1;
		}
		out->set = 1;
		return 0;
	}
	if (strcmp(unit, "%") == 0) {
		if (flags & F_NOPCT) {
			kh_error(n->loc, "%s cannot be a percentage: '%s'", label ? label : "this length", s);
			kh_hint("use mm cm pt in Q or em");
			return -1;
		}
		out->v = v / 100;
		out->pct = 1;
	} else if (strcmp(unit, "em") == 0) {
		out->v = v;
		out->em = 1;
	} else {
		size_t i;
		for (i = 0; i < KH_COUNT(units); i++)
			if (strcmp(unit, units[i].u) == 0)
				break;
		if (i == KH_COUNT(units)) {
			kh_error(n->loc, "unknown unit '%s' in '%s'", unit, s);
			if (hint_fullwidth_len(s))
				;
			else if (strcmp(unit, "q") == 0 || strcmp(unit, "MM") == 0 || strcmp(unit, "PT") == 0 ||
			    strcmp(unit, "Pt") == 0)
				kh_hint("units are case-sensitive: %s", units_hint);
			else
				kh_hint("%s", units_hint);
			return -1;
		}
		out->v = v * units[i].pt;
	}
	if ((flags & F_POS) && v < 0) {
		kh_error(n->loc, "%s cannot be negative: '%s'", label ? label : "this length", s);
		return -1;
	}
	out->set = 1;
	return 0;
}

int kh_parse_len(const kh_ynode *n, kh_len *out)
{
	kh_len tmp;
	if (!out)
		out = &tmp;
	if (!n) {
		memset(out, 0, sizeof *out);
		return -1;
	}
	return parse_len(n, out, NULL, 0);
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Parse "name(a, b, ...)" with n numbers 0..100.  Returns 0, or -1 with *why. */
static int parse_func(const char *s, const char *name, int n, double *out, const char **why)
{
	size_t l = strlen(name);
	const char *p = s + l;
	while (*p == ' ')
		p++;
	if (*p != '(') {
		*why = "expected '(' after the name";
		return -1;
	}
	p++;
	for (int i = 0; i < n; i++) {
		size_t k;
		while (*p == ' ')
			p++;
		k = scan_number(p, &out[i]);
		if (!k) {
			*why = n == 4 ? "cmyk() takes four numbers: cmyk(C, M, Y, K)" : "gray() takes one number: gray(40)";
			return -1;
		}
		p += k;
		if (*p == '%')
			p++;
		while (*p == ' ')
			p++;
		if (out[i] < 0 || out[i] > 100) {
			*why = "the values are percentages from 0 to 100";
			return -1;
		}
		if (i < n - 1) {
			if (*p != ',') {
				*why = n == 4 ? "cmyk() takes four numbers: cmyk(C, M, Y, K)" : "gray() takes one number: gray(40)";
				return -1;
			}
			p++;
		}
	}
	if (*p != ')') {
		*why = n == 4 ? "cmyk() takes four numbers: cmyk(C, M, Y, K)" : "gray() takes one number: gray(40)";
		return -1;
	}
	p++;
	while (*p == ' ')
		p++;
	if (*p) {
		*why = "unexpected text after ')'";
		return -1;
	}
	return 0;
}

/* A literal colour (no palette names).  Returns 0, 1 if it is not a literal
 * (may be a name), or -1 after setting *why. */
static int parse_color_literal(const char *s, kh_color *out, const char **why)
{
	memset(out, 0, sizeof *out);
	if (strcmp(s, "none") == 0) {
		out->space = KH_COLOR_NONE;
		return 0;
	}
	if (strcmp(s, "black") == 0 || strcmp(s, "white") == 0) {
		out->space = KH_COLOR_GRAY;
		out->v[0] = s[0] == 'w';
		return 0;
	}
	if (s[0] == '#') {
		size_t l = strlen(s + 1);
		int d[6];
		if (l != 3 && l != 6) {
			*why = "'#' takes 3 or 6 hexadecimal digits";
			return -1;
		}
		for (size_t i = 0; i < l; i++)
			if ((d[i] = hexval((unsigned char)s[1 + i])) < 0) {
				*why = "'#' takes 3 or 6 hexadecimal digits";
				return -1;
			}
		out->space = KH_COLOR_RGB;
		for (int i = 0; i < 3; i++)
			out->v[i] = (l == 3 ? d[i] * 17 : d[2 * i] * 16 + d[2 * i + 1]) / 255.0;
		return 0;
	}
	if (strncmp(s, "cmyk", 4) == 0 && (s[4] == '(' || s[4] == ' ')) {
		if (parse_func(s, "cmyk", 4, out->v, why) < 0)
			return -1;
		out->space = KH_COLOR_CMYK;
		for (int i = 0; i < 4; i++)
			out->v[i] /= 100;
		return 0;
	}
	if ((strncmp(s, "gray", 4) == 0 || strncmp(s, "grey", 4) == 0) && (s[4] == '(' || s[4] == ' ')) {
		double p;
		if (parse_func(s, "gray", 1, &p, why) < 0)
			return -1;
		out->space = KH_COLOR_GRAY;
		out->v[0] = 1 - p / 100; /* gray(P) is P% black ink */
		return 0;
	}
	if (strncmp(s, "rgb", 3) == 0 && s[3] == '(') {
		*why = "write RGB colours as \"#RRGGBB\"";
		return -1;
	}
	return 1;
}

static void palette_names(const kh_ynode *palette, const char ***names, size_t *n)
{
	*n = 0;
	*names = NULL;
	if (!palette || palette->kind != KH_Y_MAP)
		return;
	*names = kh_xmalloc(((size_t)palette->n + 1) * sizeof **names);
	for (int i = 0; i < palette->n; i++)
		(*names)[(*n)++] = palette->keys[i]->str;
}

/* An unquoted "#2E6B3A" is a YAML comment: the value reads as empty.  For an
 * empty plain scalar whose source line has '#' and 3 or 6 hexadecimal
 * digits where the value would be, returns that colour ("#2E6B3A",
 * malloc'd) and its position; else NULL.  Reads the layout file again: only on this error. */
static char *colour_in_comment(const kh_ynode *v, kh_loc *at)
{
	char *data, *found = NULL;
	size_t len;
	const char *p;
	int line = 1, col = 1;
	if (v->kind != KH_Y_SCALAR || v->str[0] || v->quoted || !v->loc.file || v->loc.line <= 0 ||
	    v->loc.col <= 0 || kh_file_read(v->loc.file, &data, &len) != 0)
		return NULL;
	for (p = data; *p && line < v->loc.line; p++)
		if (*p == '\n')
			line++;
	/* to the value's column (characters), then past blanks */
	for (; *p && *p != '\n' && col < v->loc.col; p++)
		if (((unsigned char)p[1] & 0xC0) != 0x80)
			col++;
	for (; *p == ' ' || *p == '\t'; p++)
		col++;
	if (*p == '#') {
		size_t k = 1;
		while (hexval((unsigned char)p[k]) >= 0)
			k++;
		if ((k == 4 || k == 7) && (!p[k] || strchr(" \t\r\n,}]", p[k]))) {
			found = kh_xstrndup(p, k);
			*at = kh_loc_make(v->loc.file, line, col);
		}
	}
	free(data);
	return found;
}

/* The error for an empty value that was a colour eaten as a comment; 1 if
 * it was reported. */
static int say_colour_comment(const kh_ynode *v, const char *label)
{
	kh_loc at;
	char *c = colour_in_comment(v, &at);
	if (!c)
		return 0;
	kh_error(at, "%s is empty: '#' starts a comment in YAML", label);
	kh_hint("quote the colour: \"%s\"", c);
	free(c);
	return 1;
}

static int parse_color(const kh_ynode *n, const kh_ynode *palette, kh_color *out, const char *label)
{
	const char *why = NULL;
	int r;
	memset(out, 0, sizeof *out);
	if (n->kind != KH_Y_SCALAR) {
		if (label)
			say_wrong(label, n, "a colour such as \"#1F3A68\", cmyk(100, 60, 0, 20) or a name from colors");
		else
			kh_error(n->loc, "expected a colour, not %s", kh_ykind_name(n->kind));
		return -1;
	}
	r = parse_color_literal(n->str, out, &why);
	if (r < 0) {
		kh_error(n->loc, "bad colour '%s': %s", n->str, why);
		return -1;
	}
	if (r == 0)
		return 0;
	if (label && say_colour_comment(n, label))
		return -1;
	/* a name from the palette */
	{
		const kh_ynode *v = kh_ymap_get(palette, n->str);
		if (v && v->kind == KH_Y_SCALAR && parse_color_literal(v->str, out, &why) == 0)
			return 0;
		if (v) {
			/* the palette entry itself is bad: reported where it is defined */
			memset(out, 0, sizeof *out);
			return -1;
		}
	}
	{
		const char **names;
		size_t nn;
		const char *best;
		palette_names(palette, &names, &nn);
		best = kh_closest(n->str, names, nn);
		if (!best) {
			static const char *const builtin[] = {"black", "white", "none"};
			best = kh_closest(n->str, builtin, 3);
		}
		kh_error(n->loc, "unknown colour '%s'", n->str);
		if (best)
			kh_hint("did you mean '%s'?", best);
		else if (nn)
			hint_choice(n->str, names, nn, "the colors are");
		else
			kh_hint("define it under colors:, or write \"#RRGGBB\", cmyk(C, M, Y, K) or gray(P)");
		free(names);
	}
	return -1;
}

int kh_parse_color(const kh_ynode *n, const kh_ynode *palette, kh_color *out)
{
	kh_color tmp;
	if (!out)
		out = &tmp;
	if (!n) {
		memset(out, 0, sizeof *out);
		return -1;
	}
	return parse_color(n, palette, out, NULL);
}

/* ---- filters: "column == 'value' and column2 != ''" ---- */

/* kh_value_is_number on the n bytes at s. */
static int value_is_number_n(const char *s, size_t n)
{
	char *t = kh_xstrndup(s, n);
	int r = kh_value_is_number(t);
	free(t);
	return r;
}

static const char *skip_sp(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

int kh_parse_where(const kh_ynode *n, const kh_table *t, kh_filter *out, int max, kh_arena *arena)
{
	const char *s, *p;
	int count = 0;
	if (!n)
		return 0;
	if (n->kind != KH_Y_SCALAR) {
		say_wrong("'where'", n, "a filter such as \"area == 'welfare'\"");
		return -1;
	}
	s = n->str;
	p = skip_sp(s);
	for (;;) {
		const char *c0 = p, *c1, *v0, *v1;
		kh_cmp op;
		int quoted = 0;
		while (*p && (isalnum((unsigned char)*p) || *p == '_' || *p == '-' || *p == '.' ||
		              (unsigned char)*p >= 0x80))
			p++;
		c1 = p;
		if (c1 == c0) {
			kh_error(kh_yscalar_loc(n, (size_t)(p - s)), "expected a column name in the filter '%s'", s);
			kh_hint("write a condition such as \"area == 'welfare'\"");
			return -1;
		}
		p = skip_sp(p);
		if (p[0] == '=' && p[1] == '=') op = KH_CMP_EQ, p += 2;
		else if (p[0] == '!' && p[1] == '=') op = KH_CMP_NE, p += 2;
		else if (p[0] == '<' && p[1] == '=') op = KH_CMP_LE, p += 2;
		else if (p[0] == '>' && p[1] == '=') op = KH_CMP_GE, p += 2;
		else if (p[0] == '<') op = KH_CMP_LT, p += 1;
		else if (p[0] == '>') op = KH_CMP_GT, p += 1;
		else {
			kh_error(kh_yscalar_loc(n, (size_t)(p - s)), "expected ==, !=, <, <=, > or >= in the filter '%s'", s);
			if (p[0] == '=')
				kh_hint("equality is written ==");
			return -1;
		}
		p = skip_sp(p);
		if (*p == '\'' || *p == '"') {
			char q = *p++;
			v0 = p;
			while (*p && *p != q)
				p++;
			if (!*p) {
				kh_error(kh_yscalar_loc(n, (size_t)(v0 - 1 - s)), "unclosed quote in the filter '%s'", s);
				return -1;
			}
			v1 = p++;
			quoted = 1;
		} else {
			v0 = p;
			while (*p && *p != ' ' && *p != '\t')
				p++;
			v1 = p;
			if (v1 == v0) {
				kh_error(kh_yscalar_loc(n, (size_t)(p - s)), "expected a value after the operator in the "
				         "filter '%s'", s);
				kh_hint("quote text values: \"area == 'welfare'\"; '' is the empty value");
				return -1;
			}
			if (!value_is_number_n(v0, (size_t)(v1 - v0))) {
				/* docs: values are quoted or numbers; a bare word is a typo
				 * as often as it is text */
				char *w = kh_xstrndup(v0, (size_t)(v1 - v0));
				kh_error(kh_yscalar_loc(n, (size_t)(v0 - s)), "the value '%s' in the filter '%s' is not quoted",
				         w, s);
				kh_hint("text values are quoted: \"%.*s'%s'%s\"", (int)(v0 - s), s, w, v1);
				free(w);
				return -1;
			}
		}
		(void)quoted;
		if (out && count < max) {
			char *col = kh_arena_strndup(arena, c0, (size_t)(c1 - c0));
			out[count].op = op;
			out[count].value = kh_arena_strndup(arena, v0, (size_t)(v1 - v0));
			out[count].col = t ? kh_table_require(t, col, kh_yscalar_loc(n, (size_t)(c0 - s))) : -1;
			if (t && out[count].col < 0)
				return -1;
		}
		count++;
		p = skip_sp(p);
		if (!*p)
			break;
		if (strncmp(p, "and", 3) == 0 && (p[3] == ' ' || p[3] == '\t')) {
			p = skip_sp(p + 3);
			continue;
		}
		kh_error(kh_yscalar_loc(n, (size_t)(p - s)), "expected 'and' or the end of the filter '%s'", s);
		if (strncmp(p, "&&", 2) == 0 || strncmp(p, "or", 2) == 0)
			kh_hint("conditions are joined with 'and'");
		return -1;
	}
	if (out && count > max) {
		kh_error(n->loc, "a filter takes at most %d conditions", max);
		return -1;
	}
	return count;
}

int kh_parse_sort(const kh_ynode *n, const kh_table *t, int *desc)
{
	const char *s;
	*desc = 0;
	if (!n)
		return -1;
	if (n->kind != KH_Y_SCALAR || !n->str[0] || (n->str[0] == '-' && !n->str[1])) {
		say_wrong("'sort'", n, "a column name");
		return -2;
	}
	s = n->str;
	if (*s == '-') {
		*desc = 1;
		s++;
	}
	if (!t)
		return 0;
	{
		int c = kh_table_require(t, s, kh_yscalar_loc(n, *desc ? 1 : 0));
		return c < 0 ? -2 : c;
	}
}

/* Anchor "NAME.side" or "NAME.side@30%". */
static const char *const anchor_sides[] = {"top", "bottom", "left", "right", "center", NULL};

int kh_parse_anchor(const kh_ynode *n, const char **name, int *side, double *along, kh_arena *arena)
{
	const char *s, *dot, *at, *sd;
	size_t sl;
	int i;
	*side = -1;
	*along = 0.5;
	*name = NULL;
	if (n->kind != KH_Y_SCALAR) {
		say_wrong("an anchor", n, "NAME.side such as who.right");
		return -1;
	}
	s = n->str;
	dot = strrchr(s, '.');
	if (!dot || dot == s) {
		kh_error(n->loc, "'%s' is not an anchor: write NAME.side (top, bottom, left, right, center)", s);
		return -1;
	}
	sd = dot + 1;
	at = strchr(sd, '@');
	sl = at ? (size_t)(at - sd) : strlen(sd);
	for (i = 0; anchor_sides[i]; i++)
		if (strlen(anchor_sides[i]) == sl && strncmp(anchor_sides[i], sd, sl) == 0)
			break;
	if (!anchor_sides[i]) {
		char *w = kh_xstrndup(sd, sl);
		kh_error(kh_yscalar_loc(n, (size_t)(sd - s)), "unknown side '%s' in the anchor '%s'", w, s);
		hint_choice(w, anchor_sides, 5, "sides are");
		free(w);
		return -1;
	}
	if (at) {
		double v;
		size_t k = scan_number(at + 1, &v);
		if (!k || strcmp(at + 1 + k, "%") != 0 || v < 0 || v > 100) {
			kh_error(kh_yscalar_loc(n, (size_t)(at - s)), "'%s' in the anchor '%s' must be a percentage "
			         "such as @30%%", at, s);
			return -1;
		}
		if (i == 4) {
			kh_error(kh_yscalar_loc(n, (size_t)(at - s)), "'@' takes a point along a side; 'center' has none");
			return -1;
		}
		*along = v / 100;
	}
	*side = i;
	*name = arena ? kh_arena_strndup(arena, s, (size_t)(dot - s)) : NULL;
	return 0;
}

/* ==== the checker ==== */

typedef struct checker {
	const kh_ynode *root, *palette, *styles, *masters, *data, *locales;
	const char *dir;            /* the layout's folder, for file checks (NULL: none) */
	const char **names;         /* element names defined anywhere */
	size_t nnames, capnames;
	int templated_names;        /* some name is a template: cannot check anchors */
	int row;                    /* inside a per-row context */
	int group;                  /* inside a grouped repeat */
	int depth;
} checker;

static void check_map(checker *c, const keyset *ks, const kh_ynode *map, const char *what);
static void check_elems(checker *c, const kh_ynode *v, const char *label);
static void check_elem(checker *c, const kh_ynode *el);

static int stop(void)
{
	return kh_diag_too_many();
}

static const char *klabel(const keydef *k)
{
	static char buf[4][80];
	static int i;
	i = (i + 1) % 4;
	snprintf(buf[i], sizeof buf[i], "'%s'", k->key);
	return buf[i];
}

static void keys_of(const kh_ynode *map, const char ***out, size_t *n)
{
	palette_names(map, out, n);
}

static void check_ref(const kh_ynode *v, const kh_ynode *sect, const char *what, const char *label,
                      const char *sectname)
{
	const char **names;
	size_t n;
	char noun[64];
	if (v->kind != KH_Y_SCALAR || !v->str[0]) {
		char phrase[64];
		snprintf(phrase, sizeof phrase, "a %s name", what);
		say_wrong(label, v, phrase);
		return;
	}
	if (kh_ymap_get(sect, v->str))
		return;
	if (strcmp(what, "master") == 0 && strcmp(v->str, "default") == 0 && !sect)
		return;
	kh_error(v->loc, "unknown %s '%s'", what, v->str);
	keys_of(sect, &names, &n);
	snprintf(noun, sizeof noun, "the %ss are", what);
	if (n)
		hint_choice(v->str, names, n, noun);
	else
		kh_hint("there is no %s: section", sectname);
	free(names);
}

static void check_table_ref(checker *c, const kh_ynode *v, const char *label)
{
	if (v->kind == KH_Y_SCALAR && strcmp(v->str, "group") == 0) {
		if (!c->group) {
			kh_error(v->loc, "'group' is the current group's rows, and there is none here");
			kh_hint("use it inside the 'each' of a repeat with group-by");
		}
		return;
	}
	check_ref(v, c->data, "table", label, "data");
}

static void check_text(checker *c, const kh_ynode *v, const char *label, int row)
{
	if (v->kind != KH_Y_SCALAR) {
		say_wrong(label, v, "text (a string, \"@key\" or a template)");
		return;
	}
	kh_bind_check(v, (row || c->row ? KH_BIND_ROW : 0) | (c->group ? KH_BIND_GROUP : 0));
}

static int is_locale(const checker *c, const char *name)
{
	if (!c->locales)
		return strcmp(name, "ja") == 0;
	return kh_ymap_get(c->locales, name) != NULL;
}

static void check_locale_ref(checker *c, const kh_ynode *v, const char *label)
{
	const char **names;
	size_t n;
	if (v->kind != KH_Y_SCALAR || !v->str[0]) {
		say_wrong(label, v, "a locale name");
		return;
	}
	if (is_locale(c, v->str))
		return;
	kh_error(v->loc, "unknown locale '%s'", v->str);
	keys_of(c->locales, &names, &n);
	if (n)
		hint_choice(v->str, names, n, "the locales are");
	else
		kh_hint("the only locale is 'ja' unless a locales: section names others");
	free(names);
}

static int file_exists(const checker *c, const char *rel)
{
	char *p;
	int ok;
	if (!c->dir)
		return 1;
	p = kh_path_join(c->dir, rel);
	ok = access(p, R_OK) == 0;
	free(p);
	return ok;
}

static int check_lenlist(const kh_ynode *v, int n, const char *label, const char *phrase, int flags,
                         int auto_ok)
{
	kh_len l;
	int bad = 0;
	if (v->kind != KH_Y_SEQ || v->n != n) {
		say_wrong(label, v, phrase);
		return -1;
	}
	for (int i = 0; i < v->n; i++) {
		const kh_ynode *it = v->vals[i];
		if (auto_ok && it->kind == KH_Y_SCALAR && strcmp(it->str, "auto") == 0)
			continue;
		bad |= parse_len(it, &l, label, flags) < 0;
	}
	return bad ? -1 : 0;
}

static void check_year_format(const kh_ynode *v, const char *label)
{
	static const char *const fields[] = {"year", "era", "era_year", "era_year_gan"};
	const char *s;
	if (v->kind != KH_Y_SCALAR) {
		say_wrong(label, v, "a year format such as \"{year}（{era}{era_year_gan}）年\"");
		return;
	}
	s = v->str;
	for (const char *p = s; *p; p++) {
		const char *e;
		size_t i;
		if (*p != '{')
			continue;
		e = strchr(p, '}');
		if (!e) {
			kh_error(kh_yscalar_loc(v, (size_t)(p - s)), "unclosed '{' in the year format '%s'", s);
			return;
		}
		for (i = 0; i < KH_COUNT(fields); i++)
			if (strlen(fields[i]) == (size_t)(e - p - 1) && strncmp(fields[i], p + 1, (size_t)(e - p - 1)) == 0)
				break;
		if (i == KH_COUNT(fields)) {
			char *w = kh_xstrndup(p + 1, (size_t)(e - p - 1));
			kh_error(kh_yscalar_loc(v, (size_t)(p - s)), "unknown field '{%s}' in the year format", w);
			hint_choice(w, fields, KH_COUNT(fields), "the fields are");
			free(w);
		}
		p = e;
	}
}

/* An encoding name: exactly what `kumihan data --encoding` takes. */
static void check_encoding(const kh_ynode *v, const char *label)
{
	size_t n;
	const char *const *names = kh_encoding_names(&n);
	const char *best;
	char *low;
	kh_buf b = KH_BUF_INIT;
	if (v->kind != KH_Y_SCALAR || !v->str[0]) {
		say_wrong(label, v, "an encoding name such as cp932");
		return;
	}
	if (kh_encoding_parse(v->str) >= 0)
		return;
	low = kh_xstrdup(v->str);
	for (char *p = low; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	best = kh_closest(low, names, n);
	free(low);
	/* "cp932 (shift_jis, sjis, ...)": aliases in brackets after their name */
	for (size_t i = 0; i < n; i++) {
		int alias = i > 0 && kh_encoding_parse(names[i]) == kh_encoding_parse(names[i - 1]);
		int prev_alias = i > 1 && kh_encoding_parse(names[i - 1]) == kh_encoding_parse(names[i - 2]);
		if (alias)
			kh_buf_printf(&b, "%s%s", prev_alias ? ", " : " (", names[i]);
		else
			kh_buf_printf(&b, "%s%s", prev_alias ? "), " : i ? ", " : "", names[i]);
	}
	if (n > 1 && kh_encoding_parse(names[n - 1]) == kh_encoding_parse(names[n - 2]))
		kh_buf_puts(&b, ")");
	kh_error(v->loc, "unknown encoding '%s'", v->str);
	kh_hint("%s%s%sthe encodings are %s (case, '-' and '_' do not matter)", best ? "did you mean '" : "",
	        best ? best : "", best ? "'? " : "", kh_buf_cstr(&b));
	kh_buf_free(&b);
}

static void check_value(checker *c, const keydef *k, const kh_ynode *v)
{
	const char *label = klabel(k);
	kh_len l;
	kh_color col;
	if (stop())
		return;
	switch (k->type) {
	case T_NONE:
		break;
	case T_STR:
		if (v->kind != KH_Y_SCALAR)
			say_wrong(label, v, "a string");
		break;
	case T_NAME:
		if (v->kind != KH_Y_SCALAR || !v->str[0])
			say_wrong(label, v, "a name");
		break;
	case T_FONT:
		if (v->kind != KH_Y_SCALAR || !v->str[0])
			say_wrong(label, v, "a font family name such as IPAexMincho");
		break;
	case T_FACE:
		if (v->kind != KH_Y_SCALAR || !v->str[0])
			say_wrong(label, v, "a face name such as Bold");
		break;
	case T_TEXT:
		check_text(c, v, label, k->flags & F_ROW);
		break;
	case T_FILE:
		if (v->kind != KH_Y_SCALAR || !v->str[0]) {
			say_wrong(label, v, "a file name");
			break;
		}
		kh_bind_check(v, KH_BIND_FILE | (c->row ? KH_BIND_ROW : 0) | (c->group ? KH_BIND_GROUP : 0));
		break;
	case T_TEXTS:
	case T_TEXT_OR_TEXTS:
		if (v->kind == KH_Y_SCALAR && k->type == T_TEXT_OR_TEXTS) {
			check_text(c, v, label, 0);
		} else if (v->kind != KH_Y_SEQ) {
			say_wrong(label, v, type_phrase(k));
		} else {
			for (int i = 0; i < v->n && !stop(); i++)
				check_text(c, v->vals[i], label, 0);
		}
		break;
	case T_FONTS:
		if (v->kind == KH_Y_SCALAR && v->str[0])
			break;
		if (v->kind != KH_Y_SEQ) {
			say_wrong(label, v, type_phrase(k));
			break;
		}
		for (int i = 0; i < v->n; i++)
			if (v->vals[i]->kind != KH_Y_SCALAR || !v->vals[i]->str[0])
				say_wrong(label, v->vals[i], "a font family name");
		break;
	case T_FONTMAP:
		if (v->kind != KH_Y_MAP) {
			say_wrong(label, v, type_phrase(k));
			break;
		}
		for (int i = 0; i < v->n; i++)
			if (v->vals[i]->kind != KH_Y_SCALAR || !v->vals[i]->str[0])
				say_wrong(klabel(&(keydef){v->keys[i]->str, T_FONT, 0, NULL, NULL, NULL, NULL}), v->vals[i],
				          "a font family name");
		break;
	case T_LEN:
		parse_len(v, &l, label, k->flags);
		break;
	case T_LEN_AUTO:
		if (!(v->kind == KH_Y_SCALAR && strcmp(v->str, "auto") == 0))
			parse_len(v, &l, label, k->flags);
		break;
	case T_LEADING:
		if (v->kind == KH_Y_SCALAR) {
			double num;
			size_t nk = scan_number(v->str, &num);
			if (nk && !v->str[nk]) {
				if (num <= 0)
					kh_error(v->loc, "%s must be more than 0: '%s'", label, v->str);
				break;
			}
		}
		parse_len(v, &l, label, k->flags);
		break;
	case T_POINT:
		check_lenlist(v, 2, label, type_phrase(k), k->flags, 0);
		break;
	case T_SIZE:
		check_lenlist(v, 2, label, type_phrase(k), k->flags, 1);
		break;
	case T_RECT:
		check_lenlist(v, 4, label, type_phrase(k), 0, 0);
		break;
	case T_RECTS:
		if (v->kind != KH_Y_SEQ || v->n == 0 || v->vals[0]->kind != KH_Y_SEQ) {
			/* a single rectangle given where a list is wanted */
			if (v->kind == KH_Y_SEQ && v->n == 4 && v->vals[0]->kind == KH_Y_SCALAR) {
				kh_error(v->loc, "%s is a list of rectangles: write [[x, y, width, height]]", label);
				break;
			}
			if (!(v->kind == KH_Y_SEQ && v->n == 0)) {
				say_wrong(label, v, type_phrase(k));
				break;
			}
		}
		for (int i = 0; i < v->n && !stop(); i++)
			check_lenlist(v->vals[i], 4, label, "a rectangle [x, y, width, height]", 0, 0);
		break;
	case T_SIDES:
		if (v->kind == KH_Y_SCALAR) {
			parse_len(v, &l, label, k->flags);
		} else if (v->kind == KH_Y_SEQ && (v->n == 1 || v->n == 2 || v->n == 4)) {
			for (int i = 0; i < v->n; i++)
				parse_len(v->vals[i], &l, label, k->flags);
		} else {
			say_wrong(label, v, type_phrase(k));
		}
		break;
	case T_LENS:
		if (v->kind == KH_Y_SEQ && v->n >= 1 && v->n <= 4) {
			for (int i = 0; i < v->n; i++)
				parse_len(v->vals[i], &l, label, k->flags);
		} else {
			say_wrong(label, v, type_phrase(k));
		}
		break;
	case T_COLOR:
		parse_color(v, c->palette, &col, label);
		break;
	case T_NUM:
	case T_INT: {
		double num;
		size_t nk = v->kind == KH_Y_SCALAR ? scan_number(v->str, &num) : 0;
		if (!nk || v->str[nk]) {
			say_wrong(label, v, type_phrase(k));
		} else if (k->type == T_INT && (num < 1 || num != floor(num) || num > 1000)) {
			say_wrong(label, v, "a whole number from 1 to 1000");
		} else if ((k->flags & F_POS) && num < 0) {
			kh_error(v->loc, "%s cannot be negative: '%s'", label, v->str);
		}
		break;
	}
	case T_BOOL:
		if (v->kind != KH_Y_SCALAR || (strcmp(v->str, "true") && strcmp(v->str, "false")))
			say_wrong(label, v, "true or false");
		break;
	case T_ENUM:
		if (v->kind != KH_Y_SCALAR) {
			say_wrong(label, v, "one of its words");
		} else {
			size_t n = count_choices(k->choices), i;
			for (i = 0; i < n; i++)
				if (strcmp(v->str, k->choices[i]) == 0)
					break;
			if (i == n) {
				kh_buf b = KH_BUF_INIT;
				const char *best = kh_closest(v->str, k->choices, n);
				for (i = 0; i < n; i++)
					kh_buf_printf(&b, "%s%s", i ? (i == n - 1 ? " or " : ", ") : "", k->choices[i]);
				kh_error(v->loc, "%s must be %s, not '%s'", label, kh_buf_cstr(&b), v->str);
				if (best)
					kh_hint("did you mean '%s'?", best);
				kh_buf_free(&b);
			}
		}
		break;
	case T_ELEMS:
		check_elems(c, v, label);
		break;
	case T_ELEM:
		check_elem(c, v);
		break;
	case T_LISTOF:
		if (v->kind != KH_Y_SEQ) {
			say_wrong(label, v, "a list");
			break;
		}
		if (v->n == 0 && (k->flags & F_REQ)) {
			kh_error(v->loc, "%s is empty", label);
			break;
		}
		for (int i = 0; i < v->n && !stop(); i++) {
			if (v->vals[i]->kind != KH_Y_MAP) {
				char w[96];
				snprintf(w, sizeof w, "%s (item %d)", label, i + 1);
				say_wrong(w, v->vals[i], "a mapping");
				continue;
			}
			{
				char w[64];
				if (k->sub == &page)
					snprintf(w, sizeof w, "page %d", i + 1);
				else
					snprintf(w, sizeof w, "table %s %d", k->sub->id, i + 1);
				check_map(c, k->sub, v->vals[i], w);
			}
		}
		break;
	case T_STYLE:
		check_ref(v, c->styles, "style", label, "styles");
		break;
	case T_MASTER:
		check_ref(v, c->masters, "master", label, "masters");
		break;
	case T_TABLE:
		check_table_ref(c, v, label);
		break;
	case T_TABLE_OR_TEXTS:
		if (v->kind == KH_Y_SEQ) {
			for (int i = 0; i < v->n && !stop(); i++)
				check_text(c, v->vals[i], label, 0);
		} else if (v->kind == KH_Y_SCALAR && (v->str[0] == '@' || strchr(v->str, '{') || strchr(v->str, ' '))) {
			kh_error(v->loc, "%s must be a table name or a list of items, not '%s'", label, v->str);
			kh_hint("literal items are a list: [\"%s\"]", v->str);
		} else {
			check_table_ref(c, v, label);
		}
		break;
	case T_COLUMN:
	case T_SORT:
		if (v->kind != KH_Y_SCALAR || !v->str[0] || (k->type == T_SORT && strcmp(v->str, "-") == 0))
			say_wrong(label, v, "a column name");
		break;
	case T_WHERE:
		kh_parse_where(v, NULL, NULL, 0, NULL);
		break;
	case T_ANCHOR: {
		const char *name;
		int side;
		double along;
		kh_arena *a = kh_arena_new();
		if (kh_parse_anchor(v, &name, &side, &along, a) == 0 && !c->templated_names) {
			size_t i;
			for (i = 0; i < c->nnames; i++)
				if (strcmp(c->names[i], name) == 0)
					break;
			if (i == c->nnames) {
				kh_error(v->loc, "no element is named '%s'", name);
				if (c->nnames)
					hint_choice(name, c->names, c->nnames, "the named elements are");
				else
					kh_hint("give the element to join 'name: %s'", name);
			}
		}
		kh_arena_drop(a);
		break;
	}
	case T_LOCALES:
		if (v->kind == KH_Y_SEQ) {
			for (int i = 0; i < v->n; i++)
				check_locale_ref(c, v->vals[i], label);
		} else {
			check_locale_ref(c, v, label);
		}
		break;
	case T_PAGESIZE:
		if (v->kind == KH_Y_SEQ) {
			check_lenlist(v, 2, label, "[width, height]", F_POS | F_NOPCT, 0);
		} else if (v->kind == KH_Y_SCALAR) {
			size_t i, n = count_choices(ch_pagesize);
			for (i = 0; i < n; i++)
				if (strcmp(v->str, ch_pagesize[i]) == 0)
					break;
			if (i == n) {
				const char *best = NULL;
				for (i = 0; i < n; i++)
					if (strcasecmp(v->str, ch_pagesize[i]) == 0)
						best = ch_pagesize[i];
				kh_error(v->loc, "unknown page size '%s'", v->str);
				if (!best)
					best = kh_closest(v->str, ch_pagesize, n);
				if (best)
					kh_hint("did you mean '%s'?", best);
				else
					kh_hint("use A3, A4, A5, B4, B5, Letter or [width, height]");
			}
		} else {
			say_wrong(label, v, type_phrase(k));
		}
		break;
	case T_YEARFMT:
		check_year_format(v, label);
		break;
	case T_ENCODING:
		check_encoding(v, label);
		break;
	case T_MAPOF:
		if (v->kind != KH_Y_MAP) {
			say_wrong(label, v, type_phrase(k));
			break;
		}
		for (int i = 0; i < v->n && !stop(); i++) {
			const kh_ynode *e = v->vals[i];
			char w[128], the[140];
			snprintf(w, sizeof w, "%s '%s'", k->sub->what + 2, v->keys[i]->str);
			snprintf(the, sizeof the, "the %s", w);
			if (e->kind == KH_Y_SCALAR && !e->str[0] && !e->quoted)
				continue; /* "name:" with nothing: every key the default */
			if (e->kind != KH_Y_MAP) {
				say_wrong(the, e, "a mapping");
				continue;
			}
			check_map(c, k->sub, e, w);
		}
		break;
	case T_DATA:
	case T_SEC_LOCALES:
	case T_SEC_DATA:
	case T_SEC_COLORS:
	case T_SEC_STYLES:
	case T_SEC_MASTERS:
	case T_SEC_MAP:
		break; /* sections: checked by check_section */
	}
}

/* Report an unknown key in a map described by ks (extra: other allowed keys). */
static void unknown_key(const keyset *ks, const kh_ynode *key, const char *const *extra, size_t nextra,
                        const char *what)
{
	const char *names[96];
	size_t n = 0;
	const char *best;
	if (ks->main)
		names[n++] = ks->main->key;
	collect_keys(ks, names, &n, KH_COUNT(names) - 16);
	for (size_t i = 0; i < nextra && n < KH_COUNT(names); i++)
		names[n++] = extra[i];
	if (ks == &layout)
		kh_error(key->loc, "unknown section '%s'", key->str);
	else
		kh_error(key->loc, "unknown key '%s' in %s", key->str, what ? what : ks->what);
	best = kh_closest(key->str, names, n);
	if (best) {
		kh_hint("did you mean '%s'?", best);
	} else if (ks->main && element_set(key->str)) {
		kh_hint("an element has one kind; put '%s' in an element of its own", key->str);
	} else if ((ks == &page || ks == &master) && element_set(key->str)) {
		kh_hint("elements go under 'content:', each starting with '- '");
	} else {
		kh_buf b = KH_BUF_INIT;
		for (size_t i = 0; i < n; i++)
			kh_buf_printf(&b, "%s%s", i ? ", " : "", names[i]);
		if (ks == &layout)
			kh_hint("the sections are %s", kh_buf_cstr(&b));
		else
			kh_hint("allowed in %s: %s", what ? what : ks->what, kh_buf_cstr(&b));
		kh_buf_free(&b);
	}
}

/* Check required keys of ks in the map(s). */
static void check_required(const keyset *ks, const kh_ynode *a, const kh_ynode *b, kh_loc where, const char *what)
{
	for (const keydef *k = ks->keys; k->key; k++)
		if ((k->flags & F_REQ) && !kh_ymap_get(a, k->key) && !kh_ymap_get(b, k->key)) {
			if (ks == &layout)
				kh_error(where, "the layout has no '%s' section", k->key);
			else
				kh_error(where, "%s needs '%s' (%s)", what ? what : ks->what, k->key, plain(k->doc));
		}
}

static void check_conflicts(const kh_ynode *map, const kh_ynode *other)
{
	const kh_ynode *size = kh_ymap_key(map, "size");
	if (!size)
		size = kh_ymap_key(other, "size");
	if (!size)
		return;
	for (int i = 0; i < 2; i++) {
		const char *k = i ? "height" : "width";
		const kh_ynode *kn = kh_ymap_key(map, k);
		if (!kn)
			kn = kh_ymap_key(other, k);
		if (kn)
			kh_error(kn->loc, "'%s' and 'size' both given (size is [width, height])", k);
	}
}

/* Check a mapping described by ks; what names it in messages (NULL: ks->what). */
static void check_map(checker *c, const keyset *ks, const kh_ynode *map, const char *what)
{
	if (map->kind != KH_Y_MAP)
		return;
	for (int i = 0; i < map->n && !stop(); i++) {
		const kh_ynode *key = map->keys[i];
		const keydef *k = find_key(ks, key->str);
		if (!k) {
			unknown_key(ks, key, NULL, 0, what);
			continue;
		}
		check_value(c, k, map->vals[i]);
	}
	check_required(ks, map, NULL, map->loc, what);
}

/* ---- elements ---- */

static void check_elems(checker *c, const kh_ynode *v, const char *label)
{
	if (v->kind == KH_Y_MAP && kh_elem_kind(v)[0]) {
		kh_error(v->loc, "%s must be a list of elements, not one element", label);
		kh_hint("start the element with '- ' to make it a list item");
		return;
	}
	if (v->kind == KH_Y_SCALAR && !v->str[0] && !v->quoted)
		return; /* "content:" with nothing: no elements */
	if (v->kind != KH_Y_SEQ) {
		say_wrong(label, v, "a list of elements");
		return;
	}
	for (int i = 0; i < v->n && !stop(); i++)
		check_elem(c, v->vals[i]);
}

static int elem_keys(const kh_ynode *el, int *first, int *second)
{
	int n = 0;
	*first = *second = -1;
	for (int i = 0; i < el->n; i++)
		if (element_set(el->keys[i]->str)) {
			if (n == 0)
				*first = i;
			else if (n == 1)
				*second = i;
			n++;
		}
	return n;
}

static void check_elem(checker *c, const kh_ynode *el)
{
	int first, second, nk, saved_row = c->row, saved_group = c->group;
	const keyset *ks;
	const kh_ynode *mainv, *inner = NULL;
	if (stop())
		return;
	if (el->kind != KH_Y_MAP) {
		if (el->kind == KH_Y_SCALAR)
			kh_error(el->loc, "an element must be a mapping such as 'text: ...', not '%s'", el->str);
		else
			kh_error(el->loc, "an element must be a mapping such as 'text: ...', not a list");
		return;
	}
	nk = elem_keys(el, &first, &second);
	if (nk == 0) {
		const char *best = NULL;
		const kh_ynode *bk = NULL;
		for (int i = 0; i < el->n && !best; i++)
			if (!find_key(&placement, el->keys[i]->str) && (best = kh_closest(el->keys[i]->str, element_kinds,
			                                                                   count_choices(element_kinds))))
				bk = el->keys[i];
		if (bk) {
			kh_error(bk->loc, "unknown element '%s'", bk->str);
			kh_hint("did you mean '%s'?", best);
		} else {
			kh_error(el->loc, "an element needs one of text, flow, box, line, connector, image, list, table, "
			         "repeat, chart, vertical");
		}
		return;
	}
	if (nk > 1) {
		kh_error(el->keys[second]->loc, "'%s' and '%s' in one element; an element has one kind",
		         el->keys[first]->str, el->keys[second]->str);
		kh_hint("make each its own list item, or put one inside a box's content");
	}
	ks = element_set(el->keys[first]->str);
	mainv = el->vals[first];

	/* the main value */
	if (mainv->kind == KH_Y_MAP && ks->main->type == T_NONE) {
		inner = mainv;
	} else if (ks->main->type == T_NONE) {
		if (!(mainv->kind == KH_Y_SCALAR && !mainv->str[0] && !mainv->quoted))
			kh_error(mainv->loc, "'%s' takes its keys as a mapping or beside it, not %s%s%s", ks->id,
			         mainv->kind == KH_Y_SCALAR ? "'" : "",
			         mainv->kind == KH_Y_SCALAR ? mainv->str : kh_ykind_name(mainv->kind),
			         mainv->kind == KH_Y_SCALAR ? "'" : "");
	} else if (mainv->kind == KH_Y_MAP) {
		kh_error(mainv->loc, "'%s' takes %s as its value; its other keys stand beside it", ks->id,
		         ks->main->type == T_TEXT ? "the text" : ks->main->type == T_FILE ? "the file name"
		         : ks->main->type == T_TABLE ? "the table name" : "its items");
		kh_hint("write '%s: VALUE' and the keys on the following lines, indented like '%s'", ks->id, ks->id);
		return;
	} else if (mainv->kind == KH_Y_SCALAR && !mainv->str[0] && !mainv->quoted && (ks->main->flags & F_REQ)) {
		kh_error(mainv->loc, "'%s' needs a value: %s", ks->id, plain(ks->main->doc));
	} else {
		check_value(c, ks->main, mainv);
	}

	/* its keys, inside the main map and beside it */
	if (strcmp(ks->id, "repeat") == 0 && kh_ymap_get(el, "group-by"))
		c->group = 1;
	for (int pass = 0; pass < 2 && !stop(); pass++) {
		const kh_ynode *m = pass ? el : inner;
		if (!m)
			continue;
		for (int i = 0; i < m->n && !stop(); i++) {
			const kh_ynode *key = m->keys[i];
			const keydef *k;
			if (pass && (i == first || element_set(key->str)))
				continue;
			if (pass && inner && kh_ymap_key(inner, key->str)) {
				kh_error(key->loc, "'%s' given twice: in the %s mapping and beside it", key->str, ks->id);
				continue;
			}
			k = find_key(ks, key->str);
			if (!k && strcmp(key->str, "data") == 0 &&
			    (ks->main->type == T_TABLE || ks->main->type == T_TABLE_OR_TEXTS)) {
				kh_error(key->loc, "unknown key 'data' in %s", ks->what);
				kh_hint("the table is the element's value: '%s: TABLE'", ks->id);
				continue;
			}
			if (!k) {
				unknown_key(ks, key, NULL, 0, NULL);
				continue;
			}
			if (k->flags & F_ROW) {
				c->row = 1;
				check_value(c, k, m->vals[i]);
				c->row = saved_row;
			} else {
				int g = c->group;
				if (strcmp(ks->id, "repeat") == 0)
					c->group = saved_group; /* group-by concerns only each */
				check_value(c, k, m->vals[i]);
				c->group = g;
			}
		}
	}
	check_required(ks, inner, el, el->keys[first]->loc, NULL);
	check_conflicts(el, inner);
	if (strcmp(ks->id, "list") == 0 && mainv->kind == KH_Y_SCALAR && mainv->str[0] && !kh_prop(el, "item") &&
	    !strpbrk(mainv->str, "@{ "))
		kh_error(el->keys[first]->loc, "a list over the table '%s' needs 'item' (the text of an item per row)",
		         mainv->str);
	if (strcmp(ks->id, "chart") == 0) {
		const kh_ynode *kc = kh_ymap_key(el, "node-class"), *kss = kh_ymap_key(el, "node-styles");
		if (!kc && inner)
			kc = kh_ymap_key(inner, "node-class");
		if (!kss && inner)
			kss = kh_ymap_key(inner, "node-styles");
		if (kss && !kc) {
			kh_error(kss->loc, "'node-styles' needs 'node-class' (the nodes-table column whose value picks a "
			         "node's style)");
			kh_hint("add node-class: kind, for a column 'kind' holding the names under node-styles");
		} else if (kc && !kss) {
			kh_error(kc->loc, "'node-class' needs 'node-styles' (how the nodes of each class look)");
		}
	}
	if (strcmp(ks->id, "list") == 0 && mainv->kind == KH_Y_SEQ) {
		static const char *const rowkeys[] = {"item", "where", "sort"};
		for (size_t i = 0; i < KH_COUNT(rowkeys); i++) {
			const kh_ynode *kn = kh_ymap_key(el, rowkeys[i]);
			if (kn)
				kh_error(kn->loc, "'%s' needs a list over a table; this one has literal items", rowkeys[i]);
		}
	}
	c->row = saved_row;
	c->group = saved_group;
}

/* ---- sections ---- */

static void check_styles(checker *c, const kh_ynode *v)
{
	const char **locnames = NULL;
	size_t nloc = 0;
	if (v->kind != KH_Y_MAP) {
		say_wrong("'styles'", v, "a mapping of style names to styles");
		return;
	}
	keys_of(c->locales, &locnames, &nloc);
	if (!c->locales) {
		static const char *ja[] = {"ja"};
		free(locnames);
		locnames = kh_xmalloc(sizeof *locnames);
		locnames[0] = ja[0];
		nloc = 1;
	}
	for (int i = 0; i < v->n && !stop(); i++) {
		const kh_ynode *s = v->vals[i];
		if (s->kind != KH_Y_MAP) {
			char w[96];
			snprintf(w, sizeof w, "the style '%s'", v->keys[i]->str);
			say_wrong(w, s, "a mapping of style keys such as { font: IPAexMincho, size: 10pt }");
			continue;
		}
		for (int j = 0; j < s->n && !stop(); j++) {
			const kh_ynode *key = s->keys[j], *val = s->vals[j];
			const keydef *k = find_key(&style, key->str);
			if (k) {
				check_value(c, k, val);
				continue;
			}
			if (is_locale(c, key->str)) {
				/* per-locale override: style keys except inherit */
				if (val->kind != KH_Y_MAP) {
					char w[96];
					snprintf(w, sizeof w, "the '%s' override", key->str);
					say_wrong(w, val, "a mapping of style keys");
					continue;
				}
				for (int m = 0; m < val->n && !stop(); m++) {
					const keydef *ok = find_key(&style, val->keys[m]->str);
					if (!ok || strcmp(ok->key, "inherit") == 0) {
						kh_error(val->keys[m]->loc, "unknown key '%s' in the '%s' override of style '%s'",
						         val->keys[m]->str, key->str, v->keys[i]->str);
						if (ok)
							kh_hint("an override changes keys of its style; 'inherit' is the style's own");
						else {
							const char *names[32];
							size_t n = 0;
							collect_keys(&style, names, &n, KH_COUNT(names));
							hint_choice(val->keys[m]->str, names, n, "style keys are");
						}
						continue;
					}
					check_value(c, ok, val->vals[m]);
				}
				continue;
			}
			{
				/* unknown: a style key misspelt, or an undeclared locale */
				const char *names[48];
				size_t n = 0;
				const char *best;
				collect_keys(&style, names, &n, KH_COUNT(names) - 8);
				best = kh_closest(key->str, names, n);
				if (!best && val->kind == KH_Y_MAP) {
					kh_error(key->loc, "unknown locale '%s' in style '%s'", key->str, v->keys[i]->str);
					hint_choice(key->str, locnames, nloc, "the locales are");
					continue;
				}
				{
					char w[96];
					snprintf(w, sizeof w, "style '%s'", v->keys[i]->str);
					unknown_key(&style, key, locnames, nloc, w);
				}
			}
		}
	}
	/* inherit cycles: reported once, at the first style of the cycle in file order */
	for (int i = 0; i < v->n && !stop(); i++) {
		const kh_ynode *cur = v->vals[i];
		int steps = 0, j = i, smallest = i;
		kh_buf path = KH_BUF_INIT;
		kh_buf_puts(&path, v->keys[i]->str);
		for (;;) {
			const kh_ynode *inh = kh_ymap_get(cur, "inherit");
			int next = -1;
			if (!inh || inh->kind != KH_Y_SCALAR)
				break;
			for (int m = 0; m < v->n; m++)
				if (strcmp(v->keys[m]->str, inh->str) == 0)
					next = m;
			if (next < 0 || ++steps > v->n)
				break;
			kh_buf_printf(&path, " -> %s", inh->str);
			if (next < smallest)
				smallest = next;
			if (next == i) {
				if (smallest == i)
					kh_error(kh_ymap_get(v->vals[i], "inherit")->loc, "the style '%s' inherits from itself: %s",
					         v->keys[i]->str, kh_buf_cstr(&path));
				break;
			}
			j = next;
			cur = v->vals[j];
		}
		kh_buf_free(&path);
	}
	free(locnames);
}

static void check_colors(checker *c, const kh_ynode *v)
{
	(void)c;
	if (v->kind != KH_Y_MAP) {
		say_wrong("'colors'", v, "a mapping of names to colours such as navy: \"#1F3A68\"");
		return;
	}
	for (int i = 0; i < v->n && !stop(); i++) {
		const kh_ynode *val = v->vals[i];
		const char *why = NULL;
		kh_color col;
		int r;
		char label[96];
		snprintf(label, sizeof label, "the colour '%s'", v->keys[i]->str);
		if (val->kind != KH_Y_SCALAR) {
			say_wrong(label, val, "a colour such as \"#1F3A68\" or cmyk(100, 60, 0, 20)");
			continue;
		}
		r = parse_color_literal(val->str, &col, &why);
		if (r < 0)
			kh_error(val->loc, "bad colour '%s': %s", val->str, why);
		else if (r > 0 && !say_colour_comment(val, label))
			kh_error(val->loc, "%s must be written out such as \"#1F3A68\", cmyk(100, 60, 0, 20) or gray(40), "
			         "not '%s'", label, val->str);
	}
}

static void check_data(checker *c, const kh_ynode *v)
{
	if (v->kind != KH_Y_MAP) {
		say_wrong("'data'", v, "a mapping of table names to CSV files");
		return;
	}
	for (int i = 0; i < v->n && !stop(); i++) {
		const kh_ynode *val = v->vals[i], *file = val;
		if (val->kind == KH_Y_MAP) {
			char w[96];
			snprintf(w, sizeof w, "table '%s'", v->keys[i]->str);
			check_map(c, &datafile, val, w);
			file = kh_ymap_get(val, "file");
		} else if (val->kind != KH_Y_SCALAR || !val->str[0]) {
			char label[96];
			snprintf(label, sizeof label, "the table '%s'", v->keys[i]->str);
			say_wrong(label, val, "a CSV file name or { file: ..., encoding: ... }");
			continue;
		}
		if (file && file->kind == KH_Y_SCALAR && file->str[0] && !file_exists(c, file->str)) {
			char *p = kh_path_join(c->dir, file->str);
			kh_error(file->loc, "cannot open '%s': %s", p, strerror(errno));
			free(p);
		}
	}
}

static void check_locales(checker *c, const kh_ynode *v)
{
	if (v->kind != KH_Y_MAP) {
		say_wrong("'locales'", v, "a mapping of locale names such as ja: and en:");
		return;
	}
	if (v->n == 0)
		kh_error(v->loc, "'locales' is empty; name at least one locale");
	for (int i = 0; i < v->n && !stop(); i++) {
		const kh_ynode *val = v->vals[i];
		if (val->kind == KH_Y_SCALAR && !val->str[0] && !val->quoted)
			continue; /* "en:" with all defaults */
		if (val->kind != KH_Y_MAP) {
			char label[96];
			snprintf(label, sizeof label, "the locale '%s'", v->keys[i]->str);
			say_wrong(label, val, "a mapping (fallback, script, year, number-group, fonts)");
			continue;
		}
		{
			char w[96];
			snprintf(w, sizeof w, "locale '%s'", v->keys[i]->str);
			check_map(c, &locale, val, w);
		}
		{
			const kh_ynode *fb = kh_ymap_get(val, "fallback");
			if (fb && fb->kind == KH_Y_SEQ && fb->n > 3)
				kh_error(fb->loc, "a fallback chain takes at most 3 locales");
			for (int j = 0; fb && j < (fb->kind == KH_Y_SEQ ? fb->n : 1); j++) {
				const kh_ynode *f = fb->kind == KH_Y_SEQ ? fb->vals[j] : fb;
				if (f->kind == KH_Y_SCALAR && strcmp(f->str, v->keys[i]->str) == 0)
					kh_error(f->loc, "the locale '%s' falls back to itself", f->str);
			}
		}
	}
}

static void check_masters(checker *c, const kh_ynode *v)
{
	if (v->kind != KH_Y_MAP) {
		say_wrong("'masters'", v, "a mapping of master names to masters");
		return;
	}
	for (int i = 0; i < v->n && !stop(); i++) {
		const kh_ynode *val = v->vals[i];
		if (val->kind != KH_Y_MAP) {
			char label[96];
			snprintf(label, sizeof label, "the master '%s'", v->keys[i]->str);
			say_wrong(label, val, "a mapping (margins, content)");
			if (val->kind == KH_Y_SEQ)
				kh_hint("put the elements under 'content:'");
			continue;
		}
		{
			char w[96];
			snprintf(w, sizeof w, "master '%s'", v->keys[i]->str);
			check_map(c, &master, val, w);
		}
	}
}

/* Collect element names (for connector anchors). */
static void collect_names(checker *c, const kh_ynode *n, int depth)
{
	if (!n || depth > 256)
		return;
	if (n->kind == KH_Y_MAP) {
		for (int i = 0; i < n->n; i++) {
			if (strcmp(n->keys[i]->str, "name") == 0 && n->vals[i]->kind == KH_Y_SCALAR) {
				if (strchr(n->vals[i]->str, '{'))
					c->templated_names = 1;
				kh_grow(&c->names, sizeof *c->names, c->nnames + 1, &c->capnames);
				c->names[c->nnames++] = n->vals[i]->str;
			}
			collect_names(c, n->vals[i], depth + 1);
		}
	} else if (n->kind == KH_Y_SEQ) {
		for (int i = 0; i < n->n; i++)
			collect_names(c, n->vals[i], depth + 1);
	}
}

static int check_root(const kh_ynode *root, const char *dir)
{
	checker c;
	int before = kh_diag_errors();
	memset(&c, 0, sizeof c);
	c.root = root;
	c.dir = dir;
	if (!root)
		return 0;
	if (root->kind != KH_Y_MAP) {
		kh_error(root->loc, "a layout must be a mapping of sections (document, data, styles, pages ...), not %s",
		         kh_ykind_name(root->kind));
		return kh_diag_errors() - before;
	}
	/* the sections others refer to, when they have the right shape */
#define SECTION(f, k) do { const kh_ynode *s_ = kh_ymap_get(root, k); c.f = s_ && s_->kind == KH_Y_MAP ? s_ : NULL; } while (0)
	SECTION(palette, "colors");
	SECTION(styles, "styles");
	SECTION(masters, "masters");
	SECTION(data, "data");
	SECTION(locales, "locales");
#undef SECTION
	if (c.locales && c.locales->n == 0)
		c.locales = NULL;
	collect_names(&c, kh_ymap_get(root, "pages"), 0);
	collect_names(&c, kh_ymap_get(root, "masters"), 0);

	for (int i = 0; i < root->n && !stop(); i++) {
		const kh_ynode *key = root->keys[i], *val = root->vals[i];
		const keydef *k = find_key(&layout, key->str);
		if (!k) {
			if (element_set(key->str)) {
				kh_error(key->loc, "unknown section '%s'; elements go in the content of a page", key->str);
				kh_hint("pages:\n  - content:\n      - %s: ...", key->str);
			} else {
				unknown_key(&layout, key, NULL, 0, NULL);
			}
			continue;
		}
		switch (k->type) {
		case T_SEC_MAP:
			if (val->kind != KH_Y_MAP)
				say_wrong(klabel(k), val, "a mapping");
			else
				check_map(&c, k->sub, val, NULL);
			break;
		case T_SEC_LOCALES: check_locales(&c, val); break;
		case T_SEC_DATA: check_data(&c, val); break;
		case T_SEC_COLORS: check_colors(&c, val); break;
		case T_SEC_STYLES: check_styles(&c, val); break;
		case T_SEC_MASTERS: check_masters(&c, val); break;
		default: check_value(&c, k, val); break;
		}
	}
	check_required(&layout, root, NULL, kh_loc_make(root->loc.file, 0, 0), NULL);
	free(c.names);
	return kh_diag_errors() - before;
}

int kh_schema_check(const kh_ynode *root)
{
	char *dir;
	int n;
	if (!root)
		return 0;
	dir = root->loc.file ? kh_path_dir(root->loc.file) : NULL;
	n = check_root(root, dir);
	free(dir);
	return n;
}

/* ==== getters ==== */

const char *kh_elem_kind(const kh_ynode *el)
{
	if (!el || el->kind != KH_Y_MAP)
		return "";
	for (int i = 0; i < el->n; i++) {
		const keyset *ks = element_set(el->keys[i]->str);
		if (ks)
			return ks->id;
	}
	return "";
}

static const kh_ynode *elem_value(const kh_ynode *el, const keyset **ks)
{
	*ks = NULL;
	if (!el || el->kind != KH_Y_MAP)
		return NULL;
	for (int i = 0; i < el->n; i++)
		if ((*ks = element_set(el->keys[i]->str)) != NULL)
			return el->vals[i];
	return NULL;
}

kh_ynode *kh_elem_main(const kh_ynode *el)
{
	const keyset *ks;
	const kh_ynode *v = elem_value(el, &ks);
	if (!v || v->kind == KH_Y_MAP || ks->main->type == T_NONE)
		return NULL;
	return (kh_ynode *)v;
}

kh_ynode *kh_prop(const kh_ynode *el, const char *key)
{
	const keyset *ks;
	const kh_ynode *v;
	kh_ynode *r;
	if (!el || el->kind != KH_Y_MAP || !key)
		return NULL;
	if (element_set(key))
		return NULL; /* the element key is the main value: kh_elem_main */
	r = kh_ymap_get(el, key);
	if (r)
		return r;
	v = elem_value(el, &ks);
	if (v && v->kind == KH_Y_MAP)
		return kh_ymap_get(v, key);
	return NULL;
}

/* The schema's default for key on el, or NULL. */
static const char *schema_default(const kh_ynode *el, const char *key)
{
	const keyset *ks;
	const keydef *k;
	elem_value(el, &ks);
	if (!ks)
		return NULL;
	k = find_key(ks, key);
	return k ? k->def : NULL;
}

const char *kh_prop_str(const kh_ynode *el, const char *key, const char *def)
{
	const kh_ynode *v = kh_prop(el, key);
	return v && v->kind == KH_Y_SCALAR ? v->str : def;
}

double kh_prop_num(const kh_ynode *el, const char *key, double def)
{
	const kh_ynode *v = kh_prop(el, key);
	double num;
	size_t k;
	if (!v || v->kind != KH_Y_SCALAR)
		return def;
	k = scan_number(v->str, &num);
	return k && !v->str[k] ? num : def;
}

int kh_prop_bool(const kh_ynode *el, const char *key, int def)
{
	const kh_ynode *v = kh_prop(el, key);
	if (!v || v->kind != KH_Y_SCALAR)
		return def;
	if (!strcmp(v->str, "true") || !strcmp(v->str, "yes") || !strcmp(v->str, "on"))
		return 1;
	if (!strcmp(v->str, "false") || !strcmp(v->str, "no") || !strcmp(v->str, "off"))
		return 0;
	return def;
}

/* Parse without reporting (the check has reported already). */
static kh_len quiet_len(const kh_ynode *n)
{
	kh_len l;
	memset(&l, 0, sizeof l);
	if (n && n->kind == KH_Y_SCALAR) {
		double v;
		size_t k = scan_number(n->str, &v);
		const char *u = n->str + k;
		if (!k)
			return l;
		l.set = 1;
		if (!*u && v == 0) l.v = 0;
		else if (!strcmp(u, "mm")) l.v = v * 72 / 25.4;
		else if (!strcmp(u, "cm")) l.v = v * 72 / 2.54;
		else if (!strcmp(u, "pt")) l.v = v;
		else if (!strcmp(u, "in")) l.v = v * 72;
		else if (!strcmp(u, "Q")) l.v = v * 72 / 25.4 / 4;
		else if (!strcmp(u, "em")) l.v = v, l.em = 1;
		else if (!strcmp(u, "%")) l.v = v / 100, l.pct = 1;
		else l.set = 0;
		if (!l.set)
			l.v = 0;
	}
	return l;
}

static kh_len default_len(const kh_ynode *el, const char *key)
{
	const char *d = schema_default(el, key);
	kh_len l;
	memset(&l, 0, sizeof l);
	if (d) {
		kh_ynode tmp;
		memset(&tmp, 0, sizeof tmp);
		tmp.kind = KH_Y_SCALAR;
		tmp.str = d;
		l = quiet_len(&tmp);
		l.set = 0;
	}
	return l;
}

kh_len kh_prop_len(const kh_ynode *el, const char *key)
{
	const kh_ynode *v = kh_prop(el, key);
	kh_len l;
	if (!v)
		return default_len(el, key);
	l = quiet_len(v);
	if (!l.set)
		return default_len(el, key);
	return l;
}

int kh_prop_lens(const kh_ynode *el, const char *key, kh_len *out, int max)
{
	const kh_ynode *v = kh_prop(el, key);
	int n = 0;
	if (!v)
		return 0;
	if (v->kind == KH_Y_SCALAR) {
		if (max > 0)
			out[n++] = quiet_len(v);
		return n;
	}
	if (v->kind != KH_Y_SEQ)
		return 0;
	for (int i = 0; i < v->n && n < max; i++)
		out[n++] = quiet_len(v->vals[i]); /* "auto" reads as .set = 0 */
	return n;
}

int kh_prop_sides(const kh_ynode *el, const char *key, kh_len out[4])
{
	kh_len l[4];
	int n = kh_prop_lens(el, key, l, 4);
	if (n == 0) {
		kh_len d = default_len(el, key);
		for (int i = 0; i < 4; i++)
			out[i] = d;
		return 0;
	}
	if (n == 1) {
		out[0] = out[1] = out[2] = out[3] = l[0];
	} else if (n == 2) {
		out[0] = out[2] = l[0];
		out[1] = out[3] = l[1];
	} else if (n == 4) {
		for (int i = 0; i < 4; i++)
			out[i] = l[i];
	} else {
		out[0] = l[0];
		out[1] = out[3] = l[1];
		out[2] = l[2];
	}
	return n;
}

kh_color kh_prop_color(const kh_ynode *el, const char *key, const kh_ynode *palette)
{
	const kh_ynode *v = kh_prop(el, key);
	kh_color c;
	const char *why, *d;
	memset(&c, 0, sizeof c);
	if (v && v->kind == KH_Y_SCALAR) {
		int r = parse_color_literal(v->str, &c, &why);
		if (r == 0)
			return c;
		if (r > 0) {
			const kh_ynode *p = kh_ymap_get(palette, v->str);
			if (p && p->kind == KH_Y_SCALAR && parse_color_literal(p->str, &c, &why) == 0)
				return c;
		}
		memset(&c, 0, sizeof c);
	}
	d = schema_default(el, key);
	if (d && parse_color_literal(d, &c, &why) != 0)
		memset(&c, 0, sizeof c);
	return c;
}

int kh_prop_enum(const kh_ynode *el, const char *key, const char *const *choices, int def)
{
	const kh_ynode *v = kh_prop(el, key);
	if (!v || v->kind != KH_Y_SCALAR || !choices)
		return def;
	for (int i = 0; choices[i]; i++)
		if (strcmp(choices[i], v->str) == 0)
			return i;
	return def;
}

/* ==== the reference ==== */

static const char *type_name(const keydef *k, char *buf, size_t size)
{
	switch (k->type) {
	case T_NONE: return "—";
	case T_STR: return "string";
	case T_NAME: return "name";
	case T_TEXT: return "text";
	case T_TEXTS: return "list of text";
	case T_TEXT_OR_TEXTS: return "text, or list of text";
	case T_FILE: return "file";
	case T_FONT: return "font";
	case T_FACE: return "face";
	case T_FONTS: return "font, or list of fonts";
	case T_FONTMAP: return "map of fonts";
	case T_LEN: return "length";
	case T_LEN_AUTO: return "length or `auto`";
	case T_LEADING: return "length or number";
	case T_POINT: return "point";
	case T_SIZE: return "size";
	case T_RECT: return "rect";
	case T_RECTS: return "list of rects";
	case T_SIDES: return "sides";
	case T_LENS: return "list of lengths";
	case T_COLOR: return "colour";
	case T_NUM: return "number";
	case T_INT: return "integer";
	case T_BOOL: return "bool";
	case T_ENUM: {
		size_t o = 0;
		buf[0] = 0;
		for (int i = 0; k->choices[i] && o + 1 < size; i++)
			o += (size_t)snprintf(buf + o, size - o, "%s`%s`", i ? " " : "", k->choices[i]);
		return buf;
	}
	case T_ELEMS: return "list of elements";
	case T_ELEM: return "element";
	case T_LISTOF: return "list";
	case T_STYLE: return "style name";
	case T_MASTER: return "master name";
	case T_TABLE: return "table name";
	case T_TABLE_OR_TEXTS: return "table name, or list of text";
	case T_COLUMN: return "column name";
	case T_SORT: return "column name";
	case T_WHERE: return "filter";
	case T_ANCHOR: return "anchor";
	case T_LOCALES: return "locale, or list of locales";
	case T_PAGESIZE: return "page size";
	case T_YEARFMT: return "year format";
	case T_DATA: return "file or map";
	case T_ENCODING: return "encoding";
	case T_SEC_LOCALES: return "map of locales";
	case T_SEC_DATA: return "map of tables";
	case T_SEC_COLORS: return "map of colours";
	case T_SEC_STYLES: return "map of styles";
	case T_SEC_MASTERS: return "map of masters";
	case T_SEC_MAP: return "map";
	case T_MAPOF: return "map of mappings";
	}
	return "?";
}

static void print_row(FILE *out, const keydef *k, int is_main)
{
	char buf[160];
	const char *def = (k->flags & F_REQ) ? "required" : k->def ? k->def : "—";
	fprintf(out, "| `%s` | %s | %s%s%s | %s |\n", k->key, type_name(k, buf, sizeof buf),
	        k->def && !(k->flags & F_REQ) && strcmp(def, "—") && !strchr(def, ' ') && def[0] != '"' ? "`" : "",
	        def, k->def && !(k->flags & F_REQ) && strcmp(def, "—") && !strchr(def, ' ') && def[0] != '"' ? "`" : "",
	        is_main ? k->doc : k->doc);
}

static void print_set(FILE *out, const char *title, const keyset *ks)
{
	fprintf(out, "### %s\n\n%s\n\n| key | type | default | meaning |\n|-----|------|---------|---------|\n", title,
	        ks->doc);
	if (ks->main)
		print_row(out, ks->main, 1);
	for (const keydef *k = ks->keys; k->key; k++)
		print_row(out, k, 0);
	for (int i = 0; i < 3 && ks->also[i]; i++) {
		if (ks->also[i] == &placement)
			fputs("| | | | and the [placement keys](#placement-keys) |\n", out);
		else if (ks->also[i] == &textstyle)
			fputs("| | | | and the [text style keys](#text-style-keys), overriding the style |\n", out);
	}
	fputc('\n', out);
}

void kh_schema_print_reference(FILE *out)
{
	fputs("## Key reference\n\n"
	      "Generated from the program's own schema (`kumihan help layout` prints the same). "
	      "*required* keys must be given; a key not listed is an error.\n\n", out);
	print_set(out, "Sections", &layout);
	print_set(out, "`document`", &document);
	print_set(out, "A locale (in `locales`)", &locale);
	print_set(out, "A table (in `data`)", &datafile);
	fputs("### A colour (in `colors`)\n\nA name, then a colour written out: `\"#RRGGBB\"`, `\"#RGB\"`, "
	      "`cmyk(C, M, Y, K)`, `gray(P)`. Names may not refer to other names.\n\n", out);
	{
		keyset st = style;
		st.also[0] = NULL;
		print_set(out, "A style (in `styles`)", &st);
		fputs("and the [text style keys](#text-style-keys).\n\n", out);
	}
	print_set(out, "Text style keys", &textstyle);
	print_set(out, "A master (in `masters`)", &master);
	print_set(out, "A page (in `pages`)", &page);
	print_set(out, "Placement keys", &placement);
	for (int i = 0; elements[i]; i++) {
		char title[64];
		snprintf(title, sizeof title, "`%s`", elements[i]->id);
		print_set(out, title, elements[i]);
		if (elements[i] == &el_table)
			print_set(out, "A table column (in `columns`)", &column);
		if (elements[i] == &el_chart)
			print_set(out, "A node style (in `node-styles`)", &node_style);
	}
}

/* Every key of the schema, one "set.key" per line (for the documentation test). */
void kh_schema_print_keys(FILE *out)
{
	const keyset *sets[] = {&layout, &document, &locale, &datafile, &style, &textstyle, &master, &page,
	                        &placement, &column, &node_style};
	for (size_t i = 0; i < KH_COUNT(sets); i++)
		for (const keydef *k = sets[i]->keys; k->key; k++)
			fprintf(out, "%s.%s\n", sets[i]->id, k->key);
	for (int i = 0; elements[i]; i++) {
		fprintf(out, "%s.%s\n", elements[i]->id, elements[i]->main->key);
		for (const keydef *k = elements[i]->keys; k->key; k++)
			fprintf(out, "%s.%s\n", elements[i]->id, k->key);
	}
}
