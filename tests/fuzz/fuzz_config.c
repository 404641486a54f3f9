/* libFuzzer target for base/config: the INI file (inih, fed lines of any length)
 * and every setting's value. Any bytes as ticker.ini: never a crash or a
 * leak; refused with an error that names the file, or read. The bytes reach
 * config_load_file as a file in memory (memfd), as they would from disk. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "base/config.h"
#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int fd = -1;
    static char path[64];
    if (fd < 0) {
        fd = memfd_create("fuzz.ini", 0);
        if (fd < 0)
            abort();
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    }
    if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
        abort();
    struct config *config = config_create();
    if (!config)
        abort();
    char err[1024] = "";
    if (!config_load_file(config, path, err, sizeof err) && !strstr(err, path))
        abort(); /* an error always names the file */
    config_destroy(config);
    return 0;
}
