/* diag.c -- formatting of errors, warnings and hints. */
#include "diag.h"

#include <stdarg.h>

static FILE *out;
static int nerrors, nwarnings, strict, quiet_warnings, last_dropped, said_too_many;
static int error_limit = 50;

void kh_diag_set_output(FILE *f) { out = f; }
void kh_diag_set_strict(int s) { strict = s; }
int kh_diag_strict(void) { return strict; }
void kh_diag_set_quiet_warnings(int q) { quiet_warnings = q; }
int kh_diag_errors(void) { return nerrors; }
int kh_diag_warnings(void) { return nwarnings; }

void kh_diag_reset(void)
{
	nerrors = nwarnings = last_dropped = said_too_many = 0;
}

int kh_diag_too_many(void)
{
	return nerrors > error_limit;
}

static void emit(kh_loc at, const char *kind, const char *fmt, va_list ap)
{
	FILE *f = out ? out : stderr;
	if (at.file && at.line > 0 && at.col > 0)
		fprintf(f, "%s:%d:%d: ", at.file, at.line, at.col);
	else if (at.file && at.line > 0)
		fprintf(f, "%s:%d: ", at.file, at.line);
	else if (at.file)
		fprintf(f, "%s: ", at.file);
	else
		fputs("kumihan: ", f);
	fprintf(f, "%s: ", kind);
	vfprintf(f, fmt, ap);
	fputc('\n', f);
	fflush(f);
}

void kh_error(kh_loc at, const char *fmt, ...)
{
	va_list ap;
	nerrors++;
	if (nerrors > error_limit) {
		last_dropped = 1;
		if (!said_too_many) {
			said_too_many = 1;
			fputs("kumihan: error: too many errors, stopping\n", out ? out : stderr);
		}
		return;
	}
	last_dropped = 0;
	va_start(ap, fmt);
	emit(at, "error", fmt, ap);
	va_end(ap);
}

void kh_warning(kh_loc at, const char *fmt, ...)
{
	va_list ap;
	if (strict) {
		nerrors++;
	} else {
		nwarnings++;
		if (quiet_warnings) {
			last_dropped = 1;
			return;
		}
	}
	last_dropped = 0;
	va_start(ap, fmt);
	emit(at, strict ? "error" : "warning", fmt, ap);
	va_end(ap);
}

void kh_hint(const char *fmt, ...)
{
	va_list ap;
	FILE *f = out ? out : stderr;
	if (last_dropped)
		return;
	fputs("hint: ", f);
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fputc('\n', f);
	fflush(f);
}
