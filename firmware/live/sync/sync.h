/* sync: the group's thread — the leader makes programs of its own items
 * and serves them (live/sync/syncserver); a follower polls the leader (through
 * live/http/http's libcurl client), measures its clock against the leader's
 * (base/groupclock) and hands the program and the clock's correction to
 * the render thread (base/program's programbox).  When the leader is gone
 * a follower keeps the last program, in step by its own clock, and after
 * [sync] fallback_seconds (or at once when refused, or at a boot with no
 * leader) shows its own items as a program of its own, on the same group
 * clock, so a leader that comes back is rejoined at its next epoch
 * without a jump.
 * Owns: the thread, the program's making (epochs, crawl coordinates), the
 * follower's state, the poll's HTTP client.  Never: draws, or takes a
 * program into a scene (screen/frame/groupframe does, on the render thread).
 * Thread: its own, started and stopped by cli (cmd_run); it takes the
 * items of the mailbox (the render thread of a group does not). */
#ifndef TICKER_SYNC_H
#define TICKER_SYNC_H

#include <stdbool.h>
#include <stddef.h>

#include "base/config.h"
#include "base/mailbox.h"
#include "base/program.h"

struct sync;

/* For [sync] role leader or follower. NULL with err (a bad key, a bind
 * that fails): the caller runs the kiosk on its own. */
struct sync *sync_start(const struct config *config, struct mailbox *mailbox, struct programbox *box, char *err,
                        size_t err_size);
void sync_stop(struct sync *sync);

#endif
