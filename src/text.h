/* text.h -- typesetting: line breaking (ICU + JLREQ kinsoku) and paragraphs.
 *
 * linebreak.c is the only file that includes ICU; paragraph.c fills lines.
 * A paragraph is set one line at a time so that the caller (layout) can give
 * every line its own width: text flowing through a chain of frames, or
 * around something.
 */
#ifndef KH_TEXT_H
#define KH_TEXT_H

#include <stdint.h>
#include "diag.h"
#include "display.h"
#include "font.h"
#include "util.h"

typedef enum { KH_ALIGN_LEFT, KH_ALIGN_CENTER, KH_ALIGN_RIGHT, KH_ALIGN_JUSTIFY } kh_align;
typedef enum { KH_KINSOKU_STRICT, KH_KINSOKU_NORMAL, KH_KINSOKU_LOOSE } kh_kinsoku;

typedef struct kh_textstyle {
	kh_font *font;
	kh_font *fallback[4]; /* tried in order for characters font lacks */
	int nfallback;
	double size;          /* pt */
	double leading;       /* baseline to baseline, pt (行送り) */
	kh_color color;
	kh_align align;
	double indent;        /* first-line indent, pt (字下げ: 1em = size) */
	double letter_spacing;/* pt added after each character */
	kh_kinsoku kinsoku;
	int hanging;          /* ぶら下げ: 、。 may hang past the line end */
	int compress;         /* 追い込み (JLREQ 3.8.2): a line may take the next unit by
	                       * squeezing its punctuation blanks, 和欧間 and word spaces
	                       * rather than break before it.  0: the script's default (on
	                       * for Japanese, off for Latin); > 0 on; < 0 off */
	int latin;            /* Latin rules only (English editions): no JLREQ spacing */
	int strict_glyphs;    /* a missing glyph is an error, not a warning */
	const char *lang;     /* BCP 47 for ICU: "ja", "en" */
} kh_textstyle;

/* One glyph of a set line. */
typedef struct kh_pglyph {
	uint32_t cp;
	uint32_t vs;          /* variation selector set with cp (0: none) */
	uint16_t gid;         /* glyph in font (0: .notdef, no font has it) */
	kh_font *font;
	double x;             /* from the line's start; an opening bracket first on a line
	                       * is drawn half an em before it (its blank half left out) */
	double advance;
} kh_pglyph;

typedef struct kh_line {
	kh_pglyph *g;         /* owned by the setter's arena */
	int n;
	double width;         /* where the set glyphs end, from the line's start (after
	                       * justification: the frame width; the blank half of closing
	                       * punctuation squeezed out at the line end not counted) */
	double offset;        /* where the line starts within the width given to kh_setter_next
	                       * for the style's alignment (center, right; 0 otherwise): draw
	                       * at frame_x + offset.  kh_line_draw does not add it. */
	double ascent, descent;
	int last;             /* last line of the paragraph */
	int hyphen_or_emergency; /* broken where no opportunity was */
	size_t src_start, src_end; /* byte range of the source text */
} kh_line;

typedef struct kh_setter kh_setter;

/* Start setting utf8 (NUL-terminated) in style.  The text is normalised:
 * a single newline between Japanese characters is dropped (CSV cells wrapped
 * by hand), other newlines are spaces, "\n\n" are paragraph breaks (forced
 * line breaks; the next line is a first line again), U+2028 is a forced
 * line break; newlines and spaces at the end are dropped.  Reported at
 * `where`: a character neither the font nor a fallback has, once per
 * character and main font in the whole run (warning; error with
 * strict_glyphs; kh_text_forget resets), a variation sequence (base + VS)
 * none has, said the same way and set as its base character, and once per
 * text a control character (warning, left out).  A variation selector after
 * a character is one unit with it: one glyph, never broken.  The first emergency break (a run with no break
 * opportunity wider than the line) is a warning.  The setter and everything
 * it returns live in `arena`; the style is copied.  docs/typesetting.md has
 * the rules. */
kh_setter *kh_setter_new(const char *utf8, const kh_textstyle *style, kh_arena *arena, kh_loc where);
/* Set the next line in `width` pt (each line may have its own width; the
 * first line of a paragraph is indented within it).  Returns 1 and fills
 * *line, or 0 when the text is used up.  Every line holds at least one
 * character; glyph x positions are from the start of the width, the indent
 * included, justified when the style says so (not the last line of a
 * paragraph).  Japanese styles (docs/typesetting.md): a line may be
 * squeezed to take the next unit (追い込み, style.compress); an opening
 * bracket first on a line is drawn half an em before the line's start (x <
 * 0 on a line without indent); the blank half of a squeezed closing mark
 * last on the line, and a hanging 、。, stand past the width. */
int kh_setter_next(kh_setter *s, double width, kh_line *line);
/* Source text not yet set (for "did not fit" messages); "" when done. */
const char *kh_setter_rest(const kh_setter *s);

/* Forget which missing characters were reported (tests; long-lived processes). */
void kh_text_forget(void);

/* Natural width of text on one line (no breaking), pt; with forced breaks
 * in it, the widest of its lines.  Reports nothing. */
double kh_text_width(const char *utf8, const kh_textstyle *style);

/* Draw a set line into the display list at (x, baseline y), recording
 * every glyph as used: one text item per run of glyphs in one font.  x is
 * where the line's width starts (add line->offset for center/right).
 * Returns the first text item, NULL for a line with no glyphs. */
kh_dl_text *kh_line_draw(kh_dl *dl, kh_dl_page *pg, const kh_line *line, const kh_textstyle *style,
                         double x, double baseline);

/* Vertical label (縦書き): one character per line, centred on center_x,
 * starting at top, 1 em (+ letter spacing) apart; ー, dashes and brackets
 * get rotate = 90 (the writer turns them about their em box centre).
 * Missing characters are reported at `where` as by kh_setter_new.  Returns
 * the height used (kh_vertical_height). */
double kh_vertical_draw(kh_dl *dl, kh_dl_page *pg, const char *utf8, const kh_textstyle *style,
                        double center_x, double top, kh_loc where);
double kh_vertical_height(const char *utf8, const kh_textstyle *style);

/* ---- linebreak.c ---- */

/* Break opportunities: for n code points, sets brk[i] = 1 if a line may break
 * before cp[i] (i in 1..n-1), 2 if it must (mandatory break).  brk[0] = 0.
 * lang "ja" (or "zh"): ICU with lb=strict/normal/loose and the JLREQ classes
 * on top; other languages: ICU's rules for them.  kh_breaker_new costs about
 * 0.1 ms: keep breakers rather than making one per text. */
typedef struct kh_breaker kh_breaker;
kh_breaker *kh_breaker_new(const char *lang, kh_kinsoku kinsoku);
void kh_breaker_drop(kh_breaker *b);
void kh_breaker_run(kh_breaker *b, const uint32_t *cp, int n, unsigned char *brk);

/* JLREQ classes used by the paragraph builder. */
int kh_jis_no_start(uint32_t cp, kh_kinsoku k); /* 行頭禁則 */
int kh_jis_no_end(uint32_t cp);                 /* 行末禁則 */
int kh_is_cjk(uint32_t cp);                     /* ideographs, kana, full-width forms */
int kh_jis_bracket(uint32_t cp);                /* cl-01/cl-02 brackets and quotes */

#endif
