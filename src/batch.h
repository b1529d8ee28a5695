/* batch.h -- many editions in one run, in parallel worker processes.
 *
 * A manifest (YAML) lists editions: a layout, the locales to build and the
 * output folder.  Each edition is built in its own process (fork), at most
 * `jobs` at a time, each PDF written atomically; the run fails if any
 * edition fails, after all have been tried.  Editions whose inputs did not
 * change since their PDF was written are not built again.
 */
#ifndef KH_BATCH_H
#define KH_BATCH_H

/* jobs 0: the number of processors.  An edition whose PDF is up to date
 * (kh_deps_up_to_date: its .d lists no file newer than it) is skipped with
 * "up to date PATH" unless always is set.  Returns the exit status (0, 1). */
int kh_batch_run(const char *manifest, int jobs, int always);

#endif
