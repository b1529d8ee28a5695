/* dump.c -- STUB (owner: engine helper). */
#include "display.h"
void kh_dl_dump(const kh_dl *dl, kh_buf *out) { (void)dl; (void)out; }
