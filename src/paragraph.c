/* paragraph.c -- STUB (owner: typesetting helper). */
#include "text.h"
kh_setter *kh_setter_new(const char *utf8, const kh_textstyle *style, kh_arena *arena, kh_loc where) { (void)utf8; (void)style; (void)arena; kh_error(where, "paragraphs are not implemented yet"); return NULL; }
int kh_setter_next(kh_setter *s, double width, kh_line *line) { (void)s; (void)width; (void)line; return 0; }
const char *kh_setter_rest(const kh_setter *s) { (void)s; return ""; }
double kh_text_width(const char *utf8, const kh_textstyle *style) { (void)utf8; (void)style; return 0; }
kh_dl_text *kh_line_draw(kh_dl *dl, kh_dl_page *pg, const kh_line *line, const kh_textstyle *style, double x, double baseline) { (void)dl; (void)pg; (void)line; (void)style; (void)x; (void)baseline; return NULL; }
double kh_vertical_draw(kh_dl *dl, kh_dl_page *pg, const char *utf8, const kh_textstyle *style, double cx, double top, kh_loc where) { (void)dl; (void)pg; (void)utf8; (void)style; (void)cx; (void)top; (void)where; return 0; }
double kh_vertical_height(const char *utf8, const kh_textstyle *style) { (void)utf8; (void)style; return 0; }
