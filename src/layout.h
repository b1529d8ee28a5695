/* layout.h -- from a checked layout file and its data to a display list.
 *
 * edition.c runs one edition end to end:
 *   yaml (parse) -> schema (check) -> tables + strings (load) -> locale
 *   -> layout (engine: pages, frames, elements, pagination) -> display list
 *   -> pdf (write, atomically) or dump.
 * layout.c is the engine; chart.c places org charts and routes connectors.
 */
#ifndef KH_LAYOUT_H
#define KH_LAYOUT_H

#include "bind.h"
#include "display.h"
#include "font.h"
#include "table.h"
#include "text.h"
#include "yaml.h"

typedef struct kh_build_opts {
	const char *layout;     /* path of the layout file */
	const char *locale;     /* NULL: the layout's first locale */
	const char *output;     /* PDF path; NULL: out/<layout name>.<locale>.pdf */
	const char *dump;       /* if set, write the display-list dump here too */
	int dump_glyphs;        /* ... with each run's glyph IDs and clusters */
	const char *fonts_dir;  /* project fonts folder searched first; NULL: "fonts" */
	int check_only;         /* run everything but write nothing */
	int strict;             /* warnings are errors */
	int report;             /* print "wrote PATH (N pages)" on standard output when written */
} kh_build_opts;

/* Build one edition.  Returns 0 (warnings allowed) or 1 after reporting every
 * error found; never leaves a partial output file behind. */
int kh_build(const kh_build_opts *opts);

/* ---- dependencies: the files an edition was built from (edition.c) ----
 * kh_build records every file it reads (the layout, its tables, the images
 * placed, the font files used, the project fonts folder, the kumihan binary)
 * and, after writing OUT.pdf, writes them to OUT.pdf.d, one path a line
 * (absolute or relative to the current folder), atomically.  A failed build
 * removes OUT.pdf.d, so that the next batch run builds the edition again. */
typedef struct kh_deps kh_deps;
kh_deps *kh_deps_new(void);
void kh_deps_drop(kh_deps *d);
/* Add a path (copied; a path already in the list is not added again). */
void kh_deps_add(kh_deps *d, const char *path);
int kh_deps_count(const kh_deps *d);
const char *kh_deps_get(const kh_deps *d, int i); /* 0 <= i < count; owned by d */
/* Write the list to path atomically.  Returns 0, or -1 with errno set (EINVAL:
 * a path holds a newline and cannot be listed). */
int kh_deps_write(const kh_deps *d, const char *path);
/* 1 when output and output.d exist and every path output.d lists exists and
 * is not newer (mtime) than output; 0 otherwise (build it). */
int kh_deps_up_to_date(const char *output);

/* Everything the engine needs for one edition. */
typedef struct kh_doc {
	const char *path;            /* layout file */
	const char *dir;             /* its folder: data and images are relative to it */
	const kh_ynode *root;        /* checked layout tree */
	const kh_ynode *palette;     /* colors: section, or NULL */
	kh_locale locale;
	kh_strings strings;          /* .table NULL if the layout has no strings table */
	int ntables;
	const char **table_names;
	kh_table **tables;
	kh_fonts *fonts;
	kh_arena *arena;
	int strict;
	/* Styles, resolved for the edition by edition.c (inheritance, per-locale
	 * overrides, the locale's font substitution).  style_ok[i] is 0 when the
	 * style's font could not be found (already reported). */
	int nstyles;
	const char **style_names;
	const kh_ynode **style_nodes;
	kh_textstyle *styles;
	int *style_ok;
	kh_textstyle base_style;     /* elements without style: (styles.default, else the root default) */
	struct kh_fontcache *fontcache; /* fonts looked up so far (edition.c) */
} kh_doc;

/* A named style of the edition, or the base style after reporting at `where`
 * an unknown name (with the closest name as a hint). */
const kh_textstyle *kh_doc_style(const kh_doc *doc, const char *name, kh_loc where);
/* The style an element's `key` names (`style`, `label-style` ...), the base
 * style when it names none; for `style`, with the text-style keys the
 * element sets itself (font, leading, color, align, indent ...) applied.
 * The result lives as long as doc. */
const kh_textstyle *kh_doc_elem_style(kh_doc *doc, const kh_ynode *el, const char *key);

/* Find a data table by its name in the layout's data: section. */
kh_table *kh_doc_table(const kh_doc *doc, const char *name);

/* Lay the document out.  Returns the display list, or NULL after reporting
 * errors (overflowing text, missing images, unknown names ...). */
kh_dl *kh_layout_run(kh_doc *doc);

/* ---- text blocks: a text set into lines of one width (layout.c; chart.c
 * uses them for node labels) ---- */
typedef struct kh_tblock {
	kh_line *lines;              /* owned by the arena given to kh_tblock_set */
	int n;
	const kh_textstyle *style;
	kh_align align;
	double width;                /* the width the lines were set in */
	double ascent, descent, leading;
} kh_tblock;

/* Set text in width pt.  Problems (missing glyphs) are reported at where;
 * on failure the block has no lines. */
void kh_tblock_set(kh_tblock *b, const char *text, const kh_textstyle *st, kh_align align, double width,
                   kh_arena *arena, kh_loc where);
/* First line's top to last line's bottom (ascent + descent + leading per
 * further line); 0 without lines. */
double kh_tblock_height(const kh_tblock *b);
/* The widest line's natural width. */
double kh_tblock_natural(const kh_tblock *b);
/* Draw with the first line's top at top, lines aligned in b->width from x. */
void kh_tblock_draw(kh_dl *dl, kh_dl_page *pg, const kh_tblock *b, double x, double top);

/* `kumihan fonts LAYOUT`: the fonts the styles name for the edition and the
 * files they resolve to.  Returns the exit status. */
int kh_layout_fonts_report(const char *layout, const char *locale, FILE *out);

#endif
