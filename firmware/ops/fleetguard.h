/* fleetguard: what a fleet file may never do, decided in one place for the
 * whole candidate configuration (the local file with the fleet file over
 * it) before anything of it is kept or applied.
 * Owns: the rules — every local path the fleet file sets is inside a
 * folder the local [remote] paths names; the URL is https unless the
 * local file allows http. (That a fleet file never sets [remote] itself —
 * where it comes from, its key, its folders — is the settings table's
 * fleet column, enforced by config_load.)
 * Never: reads the fleet file itself, or opens the paths (only resolves
 * them: realpath, so ".." and symbolic links cannot lead out).
 * Thread: any; pure but for the file system's realpath. */
#ifndef TICKER_FLEETGUARD_H
#define TICKER_FLEETGUARD_H

#include <stdbool.h>
#include <stddef.h>

#include "base/config.h"

/* Whether [remote] config_url may be fetched: https://, or http:// when
 * [remote] allow_http is set (*warn then says to warn at every fetch).
 * False with err saying why. */
bool fleetguard_url(const struct remote_config *remote, bool *warn, char *err, size_t err_size);

/* Whether next (local's file with a fleet file over it) stays within what
 * local (the local file alone) allows: each path
 * setting whose value differs from local's — fonts, logo, [cache] path,
 * [health] files, [fetch] ca_file, the data folders, sources that are
 * files or folders — resolved inside a folder of local's [remote] paths
 * (fonts also in local's fonts folder, a logo in its assets folder). False
 * with err naming the setting, the path and the rule. */
bool fleetguard_check(const struct config *local, const struct config *next, char *err, size_t err_size);

#endif
