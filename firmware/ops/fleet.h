/* fleet: the kiosk's remote configuration at work — the kept copy of the
 * fleet file, read at start, and the thread that fetches [remote]
 * config_url every [remote] refresh and on SIGHUP, judges the file whole
 * and applies it: live when nothing in it needs a restart (the sources to
 * the fetch loop, the display settings and the schedule to the screen
 * through the mailbox), else by raising the restart flag that the frame
 * loop reads. The log says which, what changed, or why it was refused.
 * A file is applied only when it passes ops/remote's check, ops/fleetguard
 * (never [remote], no path outside the local [remote] paths, https), its
 * minisign signature when [remote] public_key is set, and the start check
 * its wiring gives (fonts, folders, the cache): a kiosk it would make must
 * start. Refused: the reason is logged and nothing changes.
 * Owns: the kept copy and its signature, in one folder whatever the cache
 * path ([remote] last_good, else the state folder), a kept copy that fails
 * at start set aside as .refused, every configuration it put in force
 * (threads may read them until fleet_destroy), the restart flag.
 * Never: fetches or reaches the fetch loop itself (its wiring does, cli
 * through live/http/http and the feeder), changes [remote], waits on the render
 * thread.
 * Thread: fleet_load_kept on the main thread before any other starts; the
 * fleet's own thread from fleet_start to fleet_stop. */
#ifndef TICKER_FLEET_H
#define TICKER_FLEET_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/config.h"

struct mailbox;

enum fleet_outcome { FLEET_BODY, FLEET_NOT_MODIFIED, FLEET_FAILED, FLEET_STOPPED };

/* One answer of the wiring's fetch: body (malloc'd; the fleet frees it),
 * the validators for the next conditional GET (RFC 9110 ETag,
 * Last-Modified; malloc'd or NULL) and error's one line when FAILED. */
struct fleet_answer {
    enum fleet_outcome outcome;
    char *body;
    size_t size;
    char *etag, *last_modified;
    char error[512];
};

struct fleet_wiring {
    /* GETs url (conditional when etag or last_modified is not NULL). */
    void (*fetch)(void *context, const char *url, const char *etag, const char *last_modified,
                  struct fleet_answer *answer);
    /* Ends a fetch in progress soon (from fleet_stop, another thread). */
    void (*wake)(void *context);
    /* Whether a kiosk with config would start; false with err saying why. */
    bool (*start_check)(const struct config *config, char *err, size_t err_size);
    /* The command line's flags and SOURCE arguments over config, as at
     * start; false when they cannot be. NULL: none. */
    bool (*command_line)(struct config *config, void *context);
    /* A configuration applied live to the fetch loop (config outlives it);
     * NULL: no fetch loop. */
    void (*apply_sources)(void *context, const struct config *config);
    struct mailbox *mailbox; /* the screen's settings; NULL: none */
    bool kept_in_force;      /* fleet_load_kept applied the kept copy */
    void *context;
};

/* Where the kept copy is: [remote] last_good, else remote.ini in the state
 * folder ($STATE_DIRECTORY, /var/lib/ticker when writable, the XDG state
 * folder), never beside the cache, which the fleet file or the command
 * line may move. Its signature is PATH.minisig. Caller frees. */
char *fleet_kept_path(const struct config *config);

/* The configuration candidate_path makes over local_path ("" for none),
 * if it passes every check: ops/remote's (every line, every value, only
 * settings a fleet file may set), fleetguard's (paths, checked against
 * the local file alone), the minisign signature (signature, sig_size
 * bytes; NULL: none) when the local file has [remote] public_key, and
 * start_check (NULL: none). NULL with err saying why. Caller destroys. */
struct config *fleet_judge(const char *local_path, const char *candidate_path, const char *signature, size_t sig_size,
                           bool (*start_check)(const struct config *, char *, size_t), char *err, size_t err_size);

/* At start, before the command line's flags: the kept copy over config
 * when [remote] config_url is set and a copy exists, if it still passes
 * every check (start_check may be NULL). A copy that does not is renamed
 * PATH.refused with the reason logged, and the local settings stay: the
 * kiosk starts and fetches a better file. Returns whether it was applied. */
bool fleet_load_kept(struct config *config, bool (*start_check)(const struct config *, char *, size_t));

struct fleet;

/* Starts the thread when [remote] config_url is set and allowed (else
 * NULL, the reason logged). config, in force, outlives the fleet; SIGHUP
 * must be blocked in every thread (this one takes it with sigtimedwait as
 * "fetch now"). */
struct fleet *fleet_start(const struct config *config, const struct fleet_wiring *wiring);
/* Raised when an accepted file needs a clean restart: the frame loop
 * stops at the next frame (frameloop_options.stop). NULL fleet: NULL. */
const atomic_bool *fleet_restart_flag(const struct fleet *fleet);
bool fleet_restart_wanted(const struct fleet *fleet);
/* No configuration is applied after it returns. */
void fleet_stop(struct fleet *fleet);
/* After every thread that may read them stopped. */
void fleet_destroy(struct fleet *fleet);

#endif
