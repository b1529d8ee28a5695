/* pdf.h -- the PDF writer: display list to PDF through libharu.
 *
 * pdf.c is the only file that includes hpdf.h.  Fonts are embedded as
 * hb-subset subsets (font.h), each with a valid ToUnicode CMap (libharu
 * 2.3.0 writes a broken one, replaced here).  The file is written
 * atomically: on any failure nothing is left at `path`.
 */
#ifndef KH_PDF_H
#define KH_PDF_H

#include "display.h"
#include "font.h"

typedef struct kh_pdf_opts {
	int full_fonts;      /* embed whole fonts through libharu (for `make bench` comparison) */
	int compress;        /* deflate streams (default on) */
} kh_pdf_opts;

/* Write dl to path.  Returns 0, or -1 after reporting (no partial file). */
int kh_pdf_write(const kh_dl *dl, kh_fonts *fonts, const char *path, const kh_pdf_opts *opts);
/* Same, into memory (malloc'd). */
int kh_pdf_render(const kh_dl *dl, kh_fonts *fonts, const kh_pdf_opts *opts, unsigned char **data,
                  size_t *len);

#endif
