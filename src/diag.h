/* diag.h -- every message a user sees about their input.
 *
 * Format (one module, so every stage says things the same way):
 *     file:line:col: error: what went wrong
 *     hint: what to do about it
 * Lines and columns are 1-based and count characters, not bytes.  A location
 * with line 0 prints as "file: error: ..."; one with no file prints as
 * "kumihan: error: ...".  Messages are lowercase with no full stop (Git
 * style); the subject is quoted with '...'.  Never pass a library error
 * number or an assertion text through here.
 */
#ifndef KH_DIAG_H
#define KH_DIAG_H

#include <stdio.h>
#include "util.h"

typedef struct kh_loc {
	const char *file; /* borrowed; must outlive the run (arena or literal) */
	int line, col;    /* 1-based; 0 = unknown */
} kh_loc;

static inline kh_loc kh_loc_make(const char *file, int line, int col)
{
	kh_loc l = {file, line, col};
	return l;
}
#define KH_NOLOC (kh_loc_make(NULL, 0, 0))

void kh_error(kh_loc at, const char *fmt, ...) KH_PRINTF(2, 3);
void kh_warning(kh_loc at, const char *fmt, ...) KH_PRINTF(2, 3);
/* A hint line for the message just printed (it is dropped if that message was). */
void kh_hint(const char *fmt, ...) KH_PRINTF(1, 2);

int kh_diag_errors(void);   /* errors so far */
int kh_diag_warnings(void); /* warnings so far */
/* True once the error limit (default 50) is passed: stop collecting, the
 * run fails anyway.  A line "too many errors, stopping" is printed once. */
int kh_diag_too_many(void);
void kh_diag_reset(void);
void kh_diag_set_output(FILE *f);   /* default stderr */
void kh_diag_set_strict(int strict); /* warnings count as errors */
int kh_diag_strict(void);
void kh_diag_set_quiet_warnings(int quiet);

#endif
