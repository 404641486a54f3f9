/* paths: putting file paths together and making folders, the few path
 * operations the kiosk does on its cache, its pictures and source folders.
 * Owns: the truncation checks (a path that does not fit is refused, never
 * cut).  Never: resolves symbolic links or decides what may be read (the
 * USB stick's confinement is live/fetch/reader's job).
 * Thread: any. */
#ifndef TICKER_PATHS_H
#define TICKER_PATHS_H

#include <stdbool.h>
#include <stddef.h>

/* dir "/" name into out (size bytes). False when it does not fit: out then
 * holds a cut path that must not be used. */
bool path_join(char *out, size_t size, const char *dir, const char *name);
/* mkdir -p dir with mode 0755. False with errno when a folder on the way
 * cannot be made (one that exists is fine), or dir is too long (ENAMETOOLONG). */
bool path_make_dirs(const char *dir);
/* The folder that holds path into out: "a/b/c" gives "a/b", "/c" gives "/",
 * "c" gives "." (with_dot) or false (otherwise). False when it does not fit. */
bool path_parent(const char *path, char *out, size_t size, bool with_dot);
/* This user's own cache folder for the program, not made here:
 * $XDG_CACHE_HOME/ticker when that is absolute, else ~/.cache/ticker, else
 * (no $HOME) /tmp/ticker-cache-UID, never a name shared by every user.
 * False when it does not fit. */
bool path_user_cache_dir(char *out, size_t size);

#endif
