/* pdf.c -- STUB (owner: fonts/PDF helper). */
#include "diag.h"
#include "pdf.h"
int kh_pdf_write(const kh_dl *dl, kh_fonts *fonts, const char *path, const kh_pdf_opts *o) { (void)dl; (void)fonts; (void)o; kh_error(kh_loc_make(path, 0, 0), "PDF writing is not implemented yet"); return -1; }
int kh_pdf_render(const kh_dl *dl, kh_fonts *fonts, const kh_pdf_opts *o, unsigned char **d, size_t *n) { (void)dl; (void)fonts; (void)o; *d = NULL; *n = 0; return -1; }
