/* Unit tests: util.c (arena, kh_buf, files, did-you-mean), utf8.c, diag.c. */
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "t.h"
#include "utf8.h"
#include "util.h"

static void test_utf8(void)
{
	uint32_t cp;
	char out[4];
	T_INT("utf8: ascii", 1, kh_utf8_decode("A", 1, &cp));
	T_INT("utf8: 3-byte length", 3, kh_utf8_decode("組", 3, &cp));
	T_INT("utf8: 3-byte value", 0x7D44, cp);
	T_INT("utf8: truncated is invalid", -1, kh_utf8_decode("\xE7\xB5", 2, &cp));
	T_INT("utf8: overlong is invalid", -1, kh_utf8_decode("\xC0\xAF", 2, &cp));
	T_INT("utf8: surrogate is invalid", -1, kh_utf8_decode("\xED\xA0\x80", 3, &cp));
	T_INT("utf8: 4-byte", 4, kh_utf8_decode("\xF0\x9F\x98\x80", 4, &cp));
	T_INT("utf8: 4-byte value", 0x1F600, cp);
	T_INT("utf8: encode 3 bytes", 3, kh_utf8_encode(0x3042, out));
	T_OK("utf8: encode bytes", memcmp(out, "あ", 3) == 0);
	T_INT("utf8: length counts characters", 5, (long)kh_utf8_length("組版ab\xFF", 9));
	T_INT("utf8: valid prefix stops at bad byte", 4, (long)kh_utf8_valid_prefix("ab\xC3\xA9\xFFz", 6));
	T_INT("utf8: column of byte 6 in 組版x", 3, kh_utf8_column("組版x", 6));
}

static void test_arena_buf(void)
{
	kh_arena *a = kh_arena_new();
	char *p[1000];
	int ok = 1;
	for (int i = 0; i < 1000; i++) {
		p[i] = kh_arena_printf(a, "item %d", i);
		if (((uintptr_t)kh_arena_alloc(a, 3)) % 16)
			ok = 0;
	}
	char *big = kh_arena_alloc(a, 200000);
	big[199999] = 1;
	for (int i = 0; i < 1000; i++) {
		char want[32];
		snprintf(want, sizeof want, "item %d", i);
		if (strcmp(p[i], want))
			ok = 0;
	}
	T_OK("arena: strings survive growth and big blocks", ok);
	kh_arena_drop(a);

	/* 100,000 small allocations fill 64 KiB blocks one after another */
	a = kh_arena_new();
	for (int i = 0; i < 100000; i++)
		kh_arena_alloc(a, 32);
	T_INT("arena: small allocations share blocks (3.2 MB in 49 blocks)", 49L * 65536,
	      (long)kh_arena_used(a));
	kh_arena_drop(a);

	kh_buf b = KH_BUF_INIT;
	T_STR("buf: empty is \"\"", "", kh_buf_cstr(&b));
	kh_buf_puts(&b, "組版");
	kh_buf_printf(&b, " %d%s", 42, "pt");
	kh_buf_putc(&b, '!');
	T_STR("buf: puts printf putc", "組版 42pt!", kh_buf_cstr(&b));
	kh_buf_free(&b);
}

static void test_closest(void)
{
	static const char *const keys[] = {"font", "size", "leading", "color", "align", "indent"};
	T_INT("edit distance kitten/sitting", 3, kh_edit_distance("kitten", "sitting"));
	T_INT("edit distance counts characters", 1, kh_edit_distance("明朝", "明超"));
	T_INT("edit distance: a transposition is one edit", 1, kh_edit_distance("titel", "title"));
	T_INT("edit distance: empty", 4, kh_edit_distance("", "font"));
	T_STR("closest: leadng -> leading", "leading", kh_closest("leadng", keys, KH_COUNT(keys)));
	T_STR("closest: colour -> color", "color", kh_closest("colour", keys, KH_COUNT(keys)));
	T_OK("closest: nothing near 'zzzzzz'", kh_closest("zzzzzz", keys, KH_COUNT(keys)) == NULL);
}

static void test_files(void)
{
	char dir[] = "/tmp/kh-util-XXXXXX";
	char path[256], *data = NULL;
	size_t len = 0;
	T_OK("files: mkdtemp", mkdtemp(dir) != NULL);
	snprintf(path, sizeof path, "%s/out.pdf", dir);
	T_INT("files: atomic write", 0, kh_file_write_atomic(path, "%PDF-1.4\n", 9));
	T_INT("files: read back", 0, kh_file_read(path, &data, &len));
	T_STR("files: content", "%PDF-1.4\n", data);
	{
		char link[300], real[300];
		snprintf(link, sizeof link, "%s/link.pdf", dir);
		snprintf(real, sizeof real, "%s/out.pdf", dir);
		T_INT("files: symlink made", 0, symlink("out.pdf", link));
		T_INT("files: atomic write through a link", 0, kh_file_write_atomic(link, "new", 3));
		struct stat st;
		T_OK("files: the link is still a link", lstat(link, &st) == 0 && S_ISLNK(st.st_mode));
		free(data);
		data = NULL;
		T_INT("files: the linked file has the new content", 0, kh_file_read(real, &data, &len));
		T_STR("files: new content", "new", data);
		unlink(link);
		T_INT("files: /dev/null is written through, not replaced", 0, kh_file_write_atomic("/dev/null", "x", 1));
		T_OK("files: /dev/null is still a device", stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode));
	}
	snprintf(path, sizeof path, "%s/missing/out.pdf", dir);
	T_INT("files: atomic write into a missing folder fails", -1, kh_file_write_atomic(path, "x", 1));
	T_INT("files: errno ENOENT", ENOENT, errno);
	free(data);
	snprintf(path, sizeof path, "rm -r %s", dir);
	T_INT("files: nothing but out.pdf left behind", 0, system(path));
	char *d = kh_path_dir("layouts/a.yaml"), *j = kh_path_join(d, "../data/x.csv");
	T_STR("path: dir", "layouts", d);
	T_STR("path: join normalises", "data/x.csv", j);
	free(d);
	free(j);
	j = kh_path_join("../a/./b", "../../../c//d.pdf");
	T_STR("path: join keeps leading ..", "../../c/d.pdf", j);
	free(j);
	j = kh_path_join("/x", "../../y");
	T_STR("path: join stops at /", "/y", j);
	free(j);
}

static void test_diag(void)
{
	t_capture_begin();
	kh_error(kh_loc_make("a.yaml", 3, 7), "unknown key '%s'", "leadng");
	kh_hint("did you mean '%s'?", "leading");
	kh_warning(kh_loc_make("b.csv", 2, 0), "row has %d fields", 3);
	kh_error(KH_NOLOC, "cannot open '%s'", "x");
	T_STR("diag: format",
	      "a.yaml:3:7: error: unknown key 'leadng'\nhint: did you mean 'leading'?\n"
	      "b.csv:2: warning: row has 3 fields\nkumihan: error: cannot open 'x'\n",
	      t_capture_end());
	T_INT("diag: counts errors", 2, kh_diag_errors());
	T_INT("diag: counts warnings", 1, kh_diag_warnings());
	kh_diag_reset();
}

int main(void)
{
	test_utf8();
	test_arena_buf();
	test_closest();
	test_files();
	test_diag();
	T_DONE();
}
