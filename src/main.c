/* main.c -- the command line: parse arguments, call one stage, set the exit
 * status (0 done, warnings allowed; 1 errors in the user's input; 2 bad
 * command line). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "diag.h"
#include "encoding.h"
#include "font.h"
#include "layout.h"
#include "schema.h"
#include "table.h"
#include "version.h"

static const char usage_main[] =
	"usage: kumihan <command> [options]\n"
	"\n"
	"Turn CSV tables and a layout file into print-ready PDF.\n"
	"\n"
	"commands:\n"
	"  build LAYOUT [-l LOCALE] [-o FILE] [--strict] [--dump FILE] [--fonts-dir DIR]\n"
	"                                       write one edition as PDF\n"
	"  check LAYOUT [-l LOCALE] [--strict]  report every problem, write nothing\n"
	"  data CSVFILE [--encoding ENC] [--json] [--all]\n"
	"                                       show how kumihan reads a CSV file\n"
	"  fonts [LAYOUT [-l LOCALE]]           list usable fonts, or the fonts a layout uses\n"
	"  batch MANIFEST [-j N] [-B]           build every edition a manifest lists\n"
	"  help layout                          print the layout-file key reference\n"
	"\n"
	"options:\n"
	"  -h, --help      help for a command (kumihan build --help)\n"
	"  --version       print the version\n"
	"\n"
	"--strict makes warnings (a missing translation or glyph) errors: use it for releases.\n"
	"exit status: 0 done (warnings allowed), 1 errors in the input, 2 bad command line\n";

static const char usage_build[] =
	"usage: kumihan build LAYOUT [-l LOCALE] [-o FILE] [--dump FILE] [--strict]\n"
	"\n"
	"Lay out LAYOUT (a YAML layout file) with its data tables and write one PDF.\n"
	"\n"
	"  -l, --locale LOCALE   edition to build (default: the layout's first locale)\n"
	"  -o, --output FILE     PDF to write (default: out/NAME.LOCALE.pdf)\n"
	"      --dump FILE       also write the display list as text (for tests)\n"
	"      --dump-glyphs     with --dump: each text run's glyph IDs and clusters too\n"
	"      --fonts-dir DIR   folder searched for fonts before the system (default: fonts)\n"
	"      --strict          treat warnings (missing glyphs, translations) as errors\n"
	"\n"
	"The PDF is written atomically: on any error no file is left behind.\n";

static const char usage_check[] =
	"usage: kumihan check LAYOUT [-l LOCALE] [--strict]\n"
	"\n"
	"Run every stage of a build (layout file, data, strings, fonts, layout) and\n"
	"report every problem as file:line:col, without writing a PDF.\n";

static const char usage_data[] =
	"usage: kumihan data CSVFILE [--encoding ENC] [--json] [--all]\n"
	"\n"
	"Show how kumihan reads a CSV file: the encoding used, the header, the row\n"
	"count and the first rows.\n"
	"\n"
	"  --encoding ENC   utf-8, cp932 (Excel's Shift_JIS), euc-jp, utf-16le, utf-16be,\n"
	"                   or auto (default: detect from BOM and byte structure)\n"
	"  --json           print exactly one JSON array of records (header first)\n"
	"  --all            print every row, not the first ten\n";

static const char usage_fonts[] =
	"usage: kumihan fonts [LAYOUT] [-l LOCALE]\n"
	"\n"
	"Without LAYOUT: list the installed font families kumihan can embed\n"
	"(TrueType outlines), the project's fonts/ folder first.\n"
	"With LAYOUT: the fonts its styles name for the edition, and the file each\n"
	"resolves to.\n";

static const char usage_batch[] =
	"usage: kumihan batch MANIFEST [-j N] [-B]\n"
	"\n"
	"Build every edition MANIFEST lists (layout, locales, output folder), N at a\n"
	"time (default: the number of processors).  Each PDF is written atomically,\n"
	"with OUT.pdf.d beside it listing the files it was built from; an edition\n"
	"none of whose files changed since is skipped (\"up to date OUT.pdf\").\n"
	"\n"
	"options:\n"
	"  -j, --jobs N    build N editions at a time\n"
	"  -B, --always    build every edition, changed or not\n";

enum { OPT_DUMP = 256, OPT_STRICT, OPT_JSON, OPT_ALL, OPT_ENCODING, OPT_FONTS_DIR, OPT_DUMP_GLYPHS };

static int bad_usage(const char *usage, const char *msg)
{
	fprintf(stderr, "kumihan: error: %s\n%s", msg, usage);
	return 2;
}

static int cmd_build(int argc, char **argv, int check_only)
{
	static const struct option opts[] = {
		{"locale", required_argument, NULL, 'l'}, {"output", required_argument, NULL, 'o'},
		{"dump", required_argument, NULL, OPT_DUMP}, {"strict", no_argument, NULL, OPT_STRICT},
		{"dump-glyphs", no_argument, NULL, OPT_DUMP_GLYPHS},
		{"fonts-dir", required_argument, NULL, OPT_FONTS_DIR}, {"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	const char *usage = check_only ? usage_check : usage_build;
	kh_build_opts bo;
	int c;
	memset(&bo, 0, sizeof bo);
	bo.check_only = check_only;
	bo.report = !check_only;
	while ((c = getopt_long(argc, argv, check_only ? "l:h" : "l:o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'l': bo.locale = optarg; break;
		case 'o': bo.output = optarg; break;
		case OPT_DUMP: bo.dump = optarg; break;
		case OPT_DUMP_GLYPHS: bo.dump_glyphs = 1; break;
		case OPT_STRICT: bo.strict = 1; break;
		case OPT_FONTS_DIR: bo.fonts_dir = optarg; break;
		case 'h': fputs(usage, stdout); return 0;
		default: fputs(usage, stderr); return 2;
		}
	}
	if (optind != argc - 1)
		return bad_usage(usage, optind >= argc ? "a layout file is required" : "one layout file at a time");
	bo.layout = argv[optind];
	return kh_build(&bo);
}

static int cmd_data(int argc, char **argv)
{
	static const struct option opts[] = {
		{"encoding", required_argument, NULL, OPT_ENCODING}, {"json", no_argument, NULL, OPT_JSON},
		{"all", no_argument, NULL, OPT_ALL}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	int c, json = 0, all = 0, enc = KH_ENC_AUTO;
	kh_table *t;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case OPT_ENCODING:
			enc = kh_encoding_parse(optarg);
			if (enc < 0)
			{
				fprintf(stderr, "kumihan: error: unknown encoding '%s'\n"
				        "hint: use utf-8, cp932, euc-jp, utf-16le, utf-16be or auto\n", optarg);
				return 2;
			}
			break;
		case OPT_JSON: json = 1; break;
		case OPT_ALL: all = 1; break;
		case 'h': fputs(usage_data, stdout); return 0;
		default: fputs(usage_data, stderr); return 2;
		}
	}
	if (optind != argc - 1)
		return bad_usage(usage_data, optind >= argc ? "a CSV file is required" : "one CSV file at a time");
	t = kh_table_load(argv[optind], (kh_encoding)enc);
	if (!t)
		return 1;
	if (json)
		kh_table_print_json(t, stdout);
	else
		kh_table_print(t, stdout, all);
	kh_table_drop(t);
	return kh_diag_errors() ? 1 : 0;
}

static int cmd_fonts(int argc, char **argv)
{
	static const struct option opts[] = {
		{"locale", required_argument, NULL, 'l'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	const char *locale = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "l:h", opts, NULL)) != -1) {
		switch (c) {
		case 'l': locale = optarg; break;
		case 'h': fputs(usage_fonts, stdout); return 0;
		default: fputs(usage_fonts, stderr); return 2;
		}
	}
	if (optind == argc) {
		kh_fonts_list_installed(stdout);
		return 0;
	}
	if (optind != argc - 1)
		return bad_usage(usage_fonts, "one layout file at a time");
	return kh_layout_fonts_report(argv[optind], locale, stdout);
}

static int cmd_batch(int argc, char **argv)
{
	static const struct option opts[] = {
		{"jobs", required_argument, NULL, 'j'}, {"always", no_argument, NULL, 'B'},
		{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	int c, jobs = 0, always = 0;
	char *end;
	while ((c = getopt_long(argc, argv, "j:Bh", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			jobs = (int)strtol(optarg, &end, 10);
			if (*end || jobs < 1 || jobs > 256)
			{
				fprintf(stderr, "kumihan: error: -j takes a number from 1 to 256, not '%s'\n", optarg);
				return 2;
			}
			break;
		case 'B': always = 1; break;
		case 'h': fputs(usage_batch, stdout); return 0;
		default: fputs(usage_batch, stderr); return 2;
		}
	}
	if (optind != argc - 1)
		return bad_usage(usage_batch, optind >= argc ? "a manifest file is required" : "one manifest at a time");
	return kh_batch_run(argv[optind], jobs, always);
}

int main(int argc, char **argv)
{
	const char *cmd;
	if (argc < 2) {
		fputs(usage_main, stderr);
		return 2;
	}
	cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
		if (argc > 2 && !strcmp(cmd, "help") && !strcmp(argv[2], "layout")) {
			kh_schema_print_reference(stdout);
			return 0;
		}
		fputs(usage_main, stdout);
		return 0;
	}
	if (!strcmp(cmd, "--version")) {
		printf("kumihan %s\n", KH_VERSION);
		return 0;
	}
	argc--, argv++;
	if (!strcmp(cmd, "build"))
		return cmd_build(argc, argv, 0);
	if (!strcmp(cmd, "check"))
		return cmd_build(argc, argv, 1);
	if (!strcmp(cmd, "data"))
		return cmd_data(argc, argv);
	if (!strcmp(cmd, "fonts"))
		return cmd_fonts(argc, argv);
	if (!strcmp(cmd, "batch"))
		return cmd_batch(argc, argv);
	fprintf(stderr, "kumihan: error: unknown command '%s'\n", cmd);
	{
		static const char *const cmds[] = {"build", "check", "data", "fonts", "batch", "help"};
		const char *near = kh_closest(cmd, cmds, KH_COUNT(cmds));
		if (near)
			fprintf(stderr, "hint: did you mean '%s'?\n", near);
	}
	fputs(usage_main, stderr);
	return 2;
}
