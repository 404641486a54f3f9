/* A file replaced whole through a mkstemp temporary (see atomicfile.h). */
#include "base/atomicfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/paths.h"

bool atomicfile_begin(struct atomicfile *f, const char *path, mode_t mode, char *err, size_t err_size)
{
    memset(f, 0, sizeof *f);
    f->path = path;
    int n = snprintf(f->tmp, sizeof f->tmp, "%s.tmp-XXXXXX", path);
    if (n < 0 || (size_t)n >= sizeof f->tmp) {
        snprintf(err, err_size, "%s: %s", path, strerror(ENAMETOOLONG));
        return false;
    }
    int fd = mkstemp(f->tmp); /* O_EXCL: a name planted beforehand (a symlink) makes it try another */
    if (fd < 0) {
        int why = errno;
        snprintf(err, err_size, "%s: cannot make a temporary file beside it: %s%s", path, strerror(why),
                 why == ENOENT ? " (its folder does not exist)" : "");
        return false;
    }
    if (fcntl(fd, F_SETFD, FD_CLOEXEC) != 0 || fchmod(fd, mode) != 0 || !(f->stream = fdopen(fd, "w"))) {
        snprintf(err, err_size, "%s: %s", path, strerror(errno));
        close(fd);
        unlink(f->tmp);
        return false;
    }
    return true;
}

/* The folder's entry made durable too; a failure here costs only durability. */
static void sync_folder(const char *path)
{
    char dir[TICKER_PATH_MAX];
    if (!path_parent(path, dir, sizeof dir, true))
        return;
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
}

bool atomicfile_commit(struct atomicfile *f, char *err, size_t err_size)
{
    bool ok = fflush(f->stream) == 0 && fsync(fileno(f->stream)) == 0;
    int saved = errno;
    if (fclose(f->stream) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    f->stream = NULL;
    if (ok && rename(f->tmp, f->path) != 0) {
        ok = false;
        saved = errno;
    }
    if (!ok) {
        snprintf(err, err_size, "%s: %s", f->path, strerror(saved));
        unlink(f->tmp);
        return false;
    }
    sync_folder(f->path);
    return true;
}

void atomicfile_abort(struct atomicfile *f)
{
    if (f->stream)
        fclose(f->stream);
    f->stream = NULL;
    unlink(f->tmp);
}
