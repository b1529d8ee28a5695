/* batch.c -- every edition of a manifest, built in parallel worker processes.
 *
 * A manifest is a small YAML file:
 *     output-dir: ../out                 # relative to the manifest
 *     editions:
 *       - layout: brochure.yaml          # relative to the manifest
 *         locales: [ja, en]              # default: every locale of the layout
 *         output-dir: ../out/brochure    # optional, per edition
 * Each (layout, locale) pair is one job, built by kh_build in a forked child
 * so that editions share nothing and a crash in one cannot take the others
 * down.  A child's messages go to a temporary file and are printed whole when
 * it ends, so the output of parallel editions never interleaves.
 *
 * Incremental: kh_build leaves OUT.pdf.d beside each PDF, the files the
 * edition was built from.  An edition whose PDF is newer than every file its
 * .d lists is not built again ("up to date OUT.pdf"), unless `always` (-B).
 */
#include "batch.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "diag.h"
#include "layout.h"
#include "util.h"
#include "yaml.h"

typedef struct job {
	char *layout, *locale, *output;
	pid_t pid;
	FILE *log;
	int status;
} job;

static const char *const manifest_keys[] = {"output-dir", "editions"};
static const char *const edition_keys[] = {"layout", "locales", "output-dir"};

static int check_keys(const kh_ynode *map, const char *const *keys, size_t nkeys, const char *what)
{
	int bad = 0;
	for (int i = 0; i < map->n; i++) {
		const char *k = map->keys[i]->str;
		size_t j;
		for (j = 0; j < nkeys; j++)
			if (!strcmp(k, keys[j]))
				break;
		if (j < nkeys)
			continue;
		kh_error(map->keys[i]->loc, "unknown key '%s' in %s", k, what);
		const char *near = kh_closest(k, keys, nkeys);
		if (near)
			kh_hint("did you mean '%s'?", near);
		bad = 1;
	}
	return bad;
}

static const kh_ynode *expect(const kh_ynode *n, kh_ykind kind, const char *what)
{
	if (n && n->kind != kind) {
		kh_error(n->loc, "%s must be %s, not %s", what, kh_ykind_name(kind), kh_ykind_name(n->kind));
		return NULL;
	}
	return n;
}

/* Default locales of a layout: the keys of its locales: section, else "ja". */
static int layout_locales(const char *path, kh_arena *a, const char ***out, kh_loc where)
{
	kh_ynode *root = kh_yaml_load(path, a), *locs;
	const char **names;
	if (!root)
		return -1;
	locs = kh_ymap_get(root, "locales");
	if (!locs || locs->kind != KH_Y_MAP || locs->n == 0) {
		names = kh_arena_alloc(a, sizeof *names);
		names[0] = "ja";
		*out = names;
		return 1;
	}
	names = kh_arena_alloc(a, (size_t)locs->n * sizeof *names);
	for (int i = 0; i < locs->n; i++)
		names[i] = locs->keys[i]->str;
	*out = names;
	(void)where;
	return locs->n;
}

static char *basename_noext(const char *path)
{
	const char *b = strrchr(path, '/');
	const char *dot;
	b = b ? b + 1 : path;
	dot = strrchr(b, '.');
	return dot && dot != b ? kh_xstrndup(b, (size_t)(dot - b)) : kh_xstrdup(b);
}

static int read_manifest(const char *path, kh_arena *a, job **jobs_out, int *njobs_out)
{
	kh_ynode *root = kh_yaml_load(path, a);
	const kh_ynode *eds, *od;
	char *dir;
	const char *outdir = "out";
	job *jobs = NULL;
	size_t cap = 0;
	int njobs = 0;
	if (!root)
		return -1;
	if (!expect(root, KH_Y_MAP, "a manifest"))
		return -1;
	check_keys(root, manifest_keys, KH_COUNT(manifest_keys), "the manifest");
	dir = kh_path_dir(path);
	od = expect(kh_ymap_get(root, "output-dir"), KH_Y_SCALAR, "'output-dir'");
	if (od)
		outdir = od->str;
	eds = kh_ymap_get(root, "editions");
	if (!eds) {
		kh_error(root->loc, "the manifest lists no editions");
		kh_hint("add 'editions:' with a list of '- layout: FILE' entries");
	} else if (expect(eds, KH_Y_SEQ, "'editions'")) {
		for (int i = 0; i < eds->n; i++) {
			const kh_ynode *ed = eds->vals[i], *lay, *locs, *eod;
			const char **names = NULL;
			int nnames = 0;
			char *layout, *edir, *base;
			if (!expect(ed, KH_Y_MAP, "an edition"))
				continue;
			check_keys(ed, edition_keys, KH_COUNT(edition_keys), "an edition");
			lay = kh_ymap_get(ed, "layout");
			if (!lay) {
				kh_error(ed->loc, "an edition needs a 'layout'");
				continue;
			}
			if (!expect(lay, KH_Y_SCALAR, "'layout'"))
				continue;
			layout = kh_path_join(dir, lay->str);
			if (access(layout, R_OK) != 0) {
				kh_error(lay->loc, "cannot open '%s': %s", layout, strerror(errno));
				if (lay->str[0] != '/')
					kh_hint("layout paths are relative to the manifest's folder");
				free(layout);
				continue;
			}
			locs = kh_ymap_get(ed, "locales");
			if (locs && locs->kind == KH_Y_SCALAR) {
				names = kh_arena_alloc(a, sizeof *names);
				names[0] = locs->str;
				nnames = 1;
			} else if (locs && expect(locs, KH_Y_SEQ, "'locales'")) {
				names = kh_arena_alloc(a, (size_t)(locs->n + 1) * sizeof *names);
				for (int j = 0; j < locs->n; j++) {
					if (expect(locs->vals[j], KH_Y_SCALAR, "a locale"))
						names[nnames++] = locs->vals[j]->str;
				}
			} else if (!locs) {
				nnames = layout_locales(layout, a, &names, lay->loc);
			}
			eod = expect(kh_ymap_get(ed, "output-dir"), KH_Y_SCALAR, "'output-dir'");
			edir = kh_path_join(dir, eod ? eod->str : outdir);
			base = basename_noext(layout);
			for (int j = 0; j < nnames; j++) {
				job *jb;
				kh_grow(&jobs, sizeof *jobs, (size_t)njobs + 1, &cap);
				jb = &jobs[njobs++];
				memset(jb, 0, sizeof *jb);
				jb->layout = kh_xstrdup(layout);
				jb->locale = kh_xstrdup(names[j]);
				jb->output = kh_xmalloc(strlen(edir) + strlen(base) + strlen(names[j]) + 8);
				sprintf(jb->output, "%s/%s.%s.pdf", edir, base, names[j]);
			}
			free(layout);
			free(edir);
			free(base);
		}
	}
	free(dir);
	*jobs_out = jobs;
	*njobs_out = njobs;
	return kh_diag_errors() ? -1 : 0;
}

static void free_jobs(job *jobs, int n)
{
	for (int i = 0; i < n; i++) {
		free(jobs[i].layout);
		free(jobs[i].locale);
		free(jobs[i].output);
		if (jobs[i].log)
			fclose(jobs[i].log);
	}
	free(jobs);
}

static int mkdir_p_one(const char *dir)
{
	return mkdir(dir, 0777) == 0 || errno == EEXIST ? 0 : -1;
}

static int mkdirs_for(const char *file)
{
	char *dir = kh_path_dir(file);
	char *p = dir;
	int rc = 0;
	while (*p == '/')
		p++;
	for (;; p++) {
		if (*p == '/' || *p == 0) {
			char c = *p;
			*p = 0;
			if (access(dir, F_OK) != 0 && mkdir_p_one(dir) != 0)
				rc = -1;
			*p = c;
			if (!c)
				break;
		}
	}
	free(dir);
	return rc;
}

static void finish(job *jb)
{
	char buf[4096];
	size_t n;
	fflush(jb->log);
	rewind(jb->log);
	while ((n = fread(buf, 1, sizeof buf, jb->log)) > 0)
		fwrite(buf, 1, n, stderr);
	fclose(jb->log);
	jb->log = NULL;
	if (WIFEXITED(jb->status) && WEXITSTATUS(jb->status) == 0)
		printf("wrote %s\n", jb->output);
	else if (WIFSIGNALED(jb->status))
		fprintf(stderr, "kumihan: error: edition '%s' of '%s' crashed (signal %d); nothing was written\n",
		        jb->locale, jb->layout, WTERMSIG(jb->status));
	else
		fprintf(stderr, "kumihan: error: edition '%s' of '%s' failed; nothing was written\n", jb->locale,
		        jb->layout);
	fflush(stdout);
	fflush(stderr);
}

static void run_child(job *jb)
{
	kh_build_opts o;
	int rc;
	memset(&o, 0, sizeof o);
	o.layout = jb->layout;
	o.locale = jb->locale;
	o.output = jb->output;
	kh_diag_reset();
	kh_diag_set_output(jb->log);
	rc = kh_build(&o);
	fflush(jb->log);
	_exit(rc);
}

int kh_batch_run(const char *manifest, int jobs_max, int always)
{
	kh_arena *a = kh_arena_new();
	job *jobs = NULL;
	int njobs = 0, next = 0, running = 0, failed = 0;
	if (read_manifest(manifest, a, &jobs, &njobs) < 0) {
		free_jobs(jobs, njobs);
		kh_arena_drop(a);
		return 1;
	}
	if (jobs_max <= 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		jobs_max = n > 0 ? (int)n : 1;
	}
	fflush(stdout);
	fflush(stderr);
	while (next < njobs || running > 0) {
		while (next < njobs && running < jobs_max) {
			job *jb = &jobs[next++];
			if (!always && kh_deps_up_to_date(jb->output)) {
				printf("up to date %s\n", jb->output);
				fflush(stdout);
				continue;
			}
			if (mkdirs_for(jb->output) != 0) {
				fprintf(stderr, "kumihan: error: cannot create the folder for '%s': %s\n", jb->output,
				        strerror(errno));
				failed++;
				continue;
			}
			jb->log = tmpfile();
			if (!jb->log)
				kh_die("cannot create a temporary file: %s", strerror(errno));
			jb->pid = fork();
			if (jb->pid < 0)
				kh_die("cannot start a worker process: %s", strerror(errno));
			if (jb->pid == 0)
				run_child(jb);
			running++;
		}
		if (running > 0) {
			int st;
			pid_t pid = wait(&st);
			if (pid < 0) {
				if (errno == EINTR)
					continue;
				break;
			}
			for (int i = 0; i < njobs; i++) {
				if (jobs[i].pid == pid && jobs[i].log) {
					jobs[i].status = st;
					finish(&jobs[i]);
					if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
						failed++;
					running--;
					break;
				}
			}
		}
	}
	free_jobs(jobs, njobs);
	kh_arena_drop(a);
	return failed ? 1 : 0;
}
