/* libFuzzer target for remote-config apply (ops/fleet's judge, ops/remote,
 * ops/fleetguard, ops/minisig): any bytes as the fleet file over a fixed
 * local file (sources, [remote] paths, a public key or not), as a kiosk
 * judges one it fetched. Never a crash, a leak or a hang; a refusal always
 * says why; an accepted file never changes [remote] and never names a
 * local path outside [remote] paths; its change log and restart needs are
 * computed as the fleet thread would. Inputs that start with "untrusted
 * comment:" are a signature for a fixed file instead, checked against the
 * local key. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "base/config.h"
#include "base/log.h"
#include "ops/fleet.h"
#include "ops/minisig.h"
#include "ops/remote.h"

/* A key of minisign's (its public half only: signatures made elsewhere
 * fail, which is the point). */
static const char KEY[] = "RWQepCgLxKfj5DYbJ6Va3S2g4/Ykhjol6cEo3XGmO72dBuFuWz1fTJK4";

static char local_path[64], candidate_path[64];
static int candidate_fd = -1;

static void set_up(void)
{
    int fd = memfd_create("local.ini", 0);
    candidate_fd = memfd_create("fleet.ini", 0);
    if (fd < 0 || candidate_fd < 0)
        abort();
    static const char local[] = "[source local]\nlocation = /usr/share/ticker/assets/demo\n"
                                "[remote]\nconfig_url = https://fleet.invalid/kiosk.ini\npaths = /tmp\n";
    if (write(fd, local, sizeof local - 1) != (ssize_t)(sizeof local - 1))
        abort();
    snprintf(local_path, sizeof local_path, "/proc/self/fd/%d", fd);
    snprintf(candidate_path, sizeof candidate_path, "/proc/self/fd/%d", candidate_fd);
    log_set_level(LOG_LEVEL_ERROR); /* the change log: computed, not printed */
}

static void check_accepted(const struct config *next)
{
    struct config *local = config_create();
    char err[1024];
    if (!local || !config_load_file(local, local_path, err, sizeof err))
        abort();
    if (strcmp(next->remote.config_url, local->remote.config_url) || next->remote.paths.count != 1 ||
        next->remote.allow_http || next->remote.public_key[0])
        abort(); /* the fleet file changed [remote] */
    remote_log_changes("fuzz", local, next);
    char needs[1024];
    remote_restart_needs(local, next, needs, sizeof needs);
    config_destroy(local);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (candidate_fd < 0)
        set_up();
    char err[1024] = "";
    static const char comment[] = "untrusted comment:";
    if (size >= sizeof comment - 1 && !memcmp(data, comment, sizeof comment - 1)) {
        static const char message[] = "[display]\ntitle = x\n";
        if (minisig_verify(KEY, message, sizeof message - 1, (const char *)data, size, err, sizeof err) || !err[0])
            abort(); /* forged, or refused without a reason */
        return 0;
    }
    if (ftruncate(candidate_fd, 0) != 0 || pwrite(candidate_fd, data, size, 0) != (ssize_t)size)
        abort();
    struct config *next = fleet_judge(local_path, candidate_path, NULL, 0, NULL, err, sizeof err);
    if (!next && !err[0])
        abort(); /* refused without a reason */
    if (next)
        check_accepted(next);
    config_destroy(next);
    return 0;
}
