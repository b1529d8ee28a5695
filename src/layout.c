/* layout.c -- STUB (owner: engine helper). */
#include "layout.h"
kh_table *kh_doc_table(const kh_doc *doc, const char *name) { (void)doc; (void)name; return NULL; }
kh_dl *kh_layout_run(kh_doc *doc) { (void)doc; return NULL; }
