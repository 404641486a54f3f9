#include "base/fdio.h"

#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

bool fdio_read_all(int fd, void *buf, size_t size)
{
    for (size_t done = 0; done < size;) {
        ssize_t n = read(fd, (char *)buf + done, size - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = 0;
            return false;
        }
        done += (size_t)n;
    }
    return true;
}

bool fdio_write_all(int fd, const void *buf, size_t size, bool socket)
{
    for (size_t done = 0; done < size;) {
        const char *at = (const char *)buf + done;
        ssize_t n = socket ? send(fd, at, size - done, MSG_NOSIGNAL) : write(fd, at, size - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += (size_t)n;
    }
    return true;
}
