/* t.h -- a minimal unit-test harness: each check prints "ok NAME" or
 * "not ok NAME: why", and main returns non-zero if any failed; and a
 * capture of what kh_diag prints, for the tests of exact messages. */
#ifndef KH_T_H
#define KH_T_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

static int t_failed;

#define T_OK(name, cond) t_check((name), (cond), #cond, __FILE__, __LINE__)
#define T_STR(name, exp, act) t_str((name), (exp), (act), __FILE__, __LINE__)
#define T_INT(name, exp, act) t_int((name), (long)(exp), (long)(act), __FILE__, __LINE__)
#define T_NEAR(name, exp, act, eps) t_near((name), (exp), (act), (eps), __FILE__, __LINE__)
/* act contains the text exp (for messages whose rest varies) */
#define T_HAS(name, exp, act) t_has((name), (exp), (act), __FILE__, __LINE__)

static inline void t_check(const char *name, int cond, const char *text, const char *file, int line)
{
	if (cond) {
		printf("ok %s\n", name);
	} else {
		printf("not ok %s: %s:%d: %s\n", name, file, line, text);
		t_failed = 1;
	}
}

static inline void t_str(const char *name, const char *exp, const char *act, const char *file, int line)
{
	if (exp && act && strcmp(exp, act) == 0) {
		printf("ok %s\n", name);
	} else {
		printf("not ok %s: %s:%d\n    expected: %s\n    actual:   %s\n", name, file, line,
		       exp ? exp : "(null)", act ? act : "(null)");
		t_failed = 1;
	}
}

static inline void t_has(const char *name, const char *exp, const char *act, const char *file, int line)
{
	if (exp && act && strstr(act, exp)) {
		printf("ok %s\n", name);
	} else {
		printf("not ok %s: %s:%d\n    expected to contain: %s\n    actual:   %s\n", name, file, line,
		       exp ? exp : "(null)", act ? act : "(null)");
		t_failed = 1;
	}
}

static inline void t_int(const char *name, long exp, long act, const char *file, int line)
{
	if (exp == act) {
		printf("ok %s\n", name);
	} else {
		printf("not ok %s: %s:%d: expected %ld, got %ld\n", name, file, line, exp, act);
		t_failed = 1;
	}
}

static inline void t_near(const char *name, double exp, double act, double eps, const char *file, int line)
{
	if (fabs(exp - act) <= eps) {
		printf("ok %s\n", name);
	} else {
		printf("not ok %s: %s:%d: expected %g, got %g\n", name, file, line, exp, act);
		t_failed = 1;
	}
}

/* Diagnostics: t_capture_begin() resets the error and warning counts and
 * sends kh_diag output to a buffer; t_capture_end() sends it back to stderr
 * and returns what was printed in between ("" if nothing).  The text stays
 * valid until the next t_capture_begin(); T_DONE frees it. */
static char *t_diag_text;
static size_t t_diag_len;
static FILE *t_diag_file;

static inline void t_capture_begin(void)
{
	if (t_diag_file)
		fclose(t_diag_file);
	free(t_diag_text);
	t_diag_text = NULL;
	kh_diag_reset();
	t_diag_file = open_memstream(&t_diag_text, &t_diag_len);
	kh_diag_set_output(t_diag_file);
}

static inline const char *t_capture_end(void)
{
	if (t_diag_file) {
		fclose(t_diag_file);
		t_diag_file = NULL;
		kh_diag_set_output(NULL);
	}
	return t_diag_text ? t_diag_text : "";
}

static inline int t_done(void)
{
	t_capture_end();
	free(t_diag_text);
	t_diag_text = NULL;
	return t_failed;
}

#define T_DONE() return t_done()

#endif
