/* batch.c -- STUB (owner: lead). */
#include "batch.h"
#include "diag.h"
int kh_batch_run(const char *manifest, int jobs) { (void)jobs; kh_error(kh_loc_make(manifest, 0, 0), "batch is not implemented yet"); return 1; }
