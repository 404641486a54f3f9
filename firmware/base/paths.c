#include "base/paths.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/limits.h"

bool path_join(char *out, size_t size, const char *dir, const char *name)
{
    int n = snprintf(out, size, "%s/%s", dir, name);
    return n >= 0 && (size_t)n < size;
}

bool path_make_dirs(const char *dir)
{
    char path[TICKER_PATH_MAX];
    if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path) {
        errno = ENAMETOOLONG;
        return false;
    }
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(path, 0755) != 0 && errno != EEXIST)
            return false;
        *p = '/';
    }
    return mkdir(path, 0755) == 0 || errno == EEXIST;
}

bool path_parent(const char *path, char *out, size_t size, bool with_dot)
{
    const char *slash = strrchr(path, '/');
    int n;
    if (!slash)
        n = with_dot ? snprintf(out, size, ".") : -1;
    else if (slash == path)
        n = snprintf(out, size, "/");
    else
        n = snprintf(out, size, "%.*s", (int)(slash - path), path);
    return n >= 0 && (size_t)n < size;
}

bool path_user_cache_dir(char *out, size_t size)
{
    const char *xdg = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    int n;
    if (xdg && xdg[0] == '/')
        n = snprintf(out, size, "%s/ticker", xdg);
    else if (home && *home)
        n = snprintf(out, size, "%s/.cache/ticker", home);
    else
        n = snprintf(out, size, "/tmp/ticker-cache-%ld", (long)getuid());
    return n >= 0 && (size_t)n < size;
}
