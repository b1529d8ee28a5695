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
#include "yaml.h"

typedef struct kh_build_opts {
	const char *layout;     /* path of the layout file */
	const char *locale;     /* NULL: the layout's first locale */
	const char *output;     /* PDF path; NULL: out/<layout name>.<locale>.pdf */
	const char *dump;       /* if set, write the display-list dump here too */
	const char *fonts_dir;  /* project fonts folder searched first; NULL: "fonts" */
	int check_only;         /* run everything but write nothing */
	int strict;             /* warnings are errors */
} kh_build_opts;

/* Build one edition.  Returns 0 (warnings allowed) or 1 after reporting every
 * error found; never leaves a partial output file behind. */
int kh_build(const kh_build_opts *opts);

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
} kh_doc;

/* Find a data table by its name in the layout's data: section. */
kh_table *kh_doc_table(const kh_doc *doc, const char *name);

/* Lay the document out.  Returns the display list, or NULL after reporting
 * errors (overflowing text, missing images, unknown names ...). */
kh_dl *kh_layout_run(kh_doc *doc);

/* `kumihan fonts LAYOUT`: the fonts the styles name for the edition and the
 * files they resolve to.  Returns the exit status. */
int kh_layout_fonts_report(const char *layout, const char *locale, FILE *out);

#endif
