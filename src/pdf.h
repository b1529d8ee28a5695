/* pdf.h -- the PDF writer: display list to PDF (libharu for the document
 * structure, the fonts and the text content written here).
 *
 * pdf.c is the only file that includes hpdf.h.  Fonts are embedded as
 * hb-subset subsets of the glyphs drawn (font.h), each with a ToUnicode
 * CMap from the glyphs' text.  The file is written atomically: on any
 * failure nothing is left at `path`.
 *
 * How the display list is read:
 * - a glyph with KH_GLYPH_ROTATE is turned a quarter clockwise about the centre
 *   of its em box, the box it would fill unrotated (pen x to x + advance,
 *   baseline - ascent to baseline + descent): place it as if upright;
 * - text colour NONE is black; a path with neither fill nor stroke is not
 *   drawn; an image of zero size is loaded (and checked) but not drawn;
 * - a glyph ID the font does not have, a text size outside (0, 600] pt, a
 *   page side outside 3..14400 pt and numbers that are not finite are
 *   errors: nothing is written.
 */
#ifndef KH_PDF_H
#define KH_PDF_H

#include "display.h"
#include "font.h"

typedef struct kh_pdf_opts {
	int full_fonts;      /* embed whole font files, not subsets (for `make bench` comparison;
	                      * the environment variable KH_PDF_FULL_FONTS=1 sets it too) */
	int compress;        /* deflate streams (on when opts is NULL; set it when passing opts) */
	int plain_images;    /* PNG samples deflated by libharu without PNG prediction (for
	                      * `make bench` comparison) */
} kh_pdf_opts;

/* Write dl to path.  opts may be NULL (subset fonts, compressed).  Every
 * glyph drawn is recorded as used in its font (kh_font_use_glyph).  Returns 0,
 * or -1 after reporting (no partial file). */
int kh_pdf_write(const kh_dl *dl, kh_fonts *fonts, const char *path, const kh_pdf_opts *opts);
/* Same, into memory (malloc'd). */
int kh_pdf_render(const kh_dl *dl, kh_fonts *fonts, const kh_pdf_opts *opts, unsigned char **data,
                  size_t *len);

#endif
