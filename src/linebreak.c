/* linebreak.c -- STUB (owner: typesetting helper). */
#include "text.h"
kh_breaker *kh_breaker_new(const char *lang, kh_kinsoku k) { (void)lang; (void)k; return NULL; }
void kh_breaker_drop(kh_breaker *b) { (void)b; }
void kh_breaker_run(kh_breaker *b, const uint32_t *cp, int n, unsigned char *brk) { (void)b; for (int i = 0; i < n; i++) brk[i] = i > 0 && (cp[i - 1] == ' ' || cp[i] >= 0x3000); }
int kh_jis_no_start(uint32_t cp, kh_kinsoku k) { (void)k; return cp == 0x3001 || cp == 0x3002; }
int kh_jis_no_end(uint32_t cp) { return cp == 0x300C; }
int kh_is_cjk(uint32_t cp) { return cp >= 0x3000; }
