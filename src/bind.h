/* bind.h -- what text means: string tables, templates, formats, locales.
 *
 * A text source in a layout is one of
 *     "@key"             the string `key` of the current locale's string table
 *     "... {col} ..."    a template over the current data row ({col:fmt})
 *     anything else      literal text ("@@" and "{{" "}}" escape)
 * and strings taken from the string table are templates too, so a sentence
 * can hold {year:era}.  Formats: era (a year as the locale's year format:
 * ja 2003（平成15）年, en 2003), number (digit grouping per locale), upper,
 * lower, fullwidth, halfwidth.  {page} and {pages} are the folio.
 *
 * Locales come from the layout's locales: section: a fallback chain for
 * missing strings (a missing translation is always reported), formats, and a
 * script (latin or cjk) that selects the line-breaking rules.
 */
#ifndef KH_BIND_H
#define KH_BIND_H

#include "table.h"
#include "yaml.h"

typedef struct kh_locale {
	const char *name;          /* "ja", "en" */
	const char *chain[4];      /* the locale itself, then its fallbacks */
	int nchain;
	int latin;                 /* script: latin */
	const char *year_format;   /* "{year}（{era}{era_year}）年" */
	const char *number_group;  /* digit group separator ("," or "") */
	const kh_ynode *fonts;     /* font substitution map for this locale, or NULL */
} kh_locale;

typedef struct kh_strings {
	const kh_table *table;     /* key column + one column per locale */
	int key_col;
} kh_strings;

/* The context a template is evaluated in. */
typedef struct kh_bindctx {
	const kh_locale *locale;
	const kh_strings *strings;  /* may be NULL: "@key" is then an error */
	const kh_table *table;      /* current row's table, or NULL */
	int row;                    /* current row, -1 if none */
	const char *group_key;      /* inside a group: {key} */
	int page, pages;            /* folio, 0 if unknown */
	kh_arena *arena;
} kh_bindctx;

/* Evaluate a text source.  Returns the text (arena), or NULL after reporting
 * at `where` (unknown key, with the closest key; unknown column, listing the
 * columns; bad format).  A string missing in the locale but present along
 * its fallback chain is a warning and the fallback's text is used. */
const char *kh_bind_text(const kh_bindctx *ctx, const char *source, kh_loc where);

/* The same problem at the same place is reported once per process (the
 * engine evaluates a template once per row, a master's text once per page).
 * kh_bind_forget starts afresh (tests). */
void kh_bind_forget(void);

/* Evaluate a text source given as a layout node: like kh_bind_text, with
 * messages at the exact column inside the value when it is on one line. */
const char *kh_bind_node(const kh_bindctx *ctx, const kh_ynode *n);

/* Check a text source's syntax without data (kumihan check): "@" with no
 * key, unclosed or unmatched braces, unknown formats, and column names used
 * where there is no data row.  flags: KH_BIND_ROW (a data row is current),
 * KH_BIND_GROUP (inside a grouped repeat: {key}), KH_BIND_FILE (a file
 * name).  Returns the number of errors reported. */
enum { KH_BIND_ROW = 1, KH_BIND_GROUP = 2, KH_BIND_FILE = 4 };
int kh_bind_check(const kh_ynode *n, int flags);

/* The edition's locale from the layout's locales: section (root may lack
 * one: the only locale is then "ja").  name NULL: the first locale.  The
 * chain follows fallbacks transitively (at most 4 locales, no repeats).
 * year_format and number_group are never NULL afterwards.  Returns 0, or -1
 * after reporting an unknown locale at `where` with the layout's locales. */
int kh_locale_init(kh_locale *loc, const kh_ynode *root, const char *name, kh_loc where);

/* The text of `key` in the first locale of the chain that has it (NULL if
 * none; *used gets that locale).  No message: for callers that only look. */
const char *kh_strings_lookup(const kh_strings *st, const kh_locale *loc, const char *key, const char **used);

/* Format a year: 2009 → "2009（平成21）年" (ja) / "2009" (en).  Eras from
 * Meiji (1868) on; the first year of an era is 元年 when the format asks
 * for {era_year_gan}.  A year that falls in two eras (1912, 1926, 1989,
 * 2019) is written in the later one: 1989 → 平成元年.  loc NULL or without
 * year_format: "ja" uses "{year}（{era}{era_year_gan}）年", others "{year}".
 * Years before 1868 have no era: the year alone is returned (kh_bind_text
 * reports them when the format wants an era). */
const char *kh_format_year(const kh_locale *loc, long year, kh_arena *arena);

#endif
