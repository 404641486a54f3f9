/* groupframe: the render thread's side of a group — the program and clock
 * correction taken from the programbox, the group time each frame is
 * placed for (its predicted presentation, so vsync phase and render
 * jitter do not add up), and the program's segments adopted into the
 * scene when their epochs come.
 * Owns: the program in force on this screen, the slewed clock
 * (base/groupclock), which segments were adopted.  Never: waits (the
 * programbox is a pointer swap) or talks to the network.
 * Thread: the render thread's. */
#ifndef TICKER_GROUPFRAME_H
#define TICKER_GROUPFRAME_H

#include <stdbool.h>

#include "base/program.h"
#include "screen/frame/stage.h"

struct groupframe;

struct groupframe *groupframe_create(struct programbox *box);
void groupframe_destroy(struct groupframe *group);

/* The group time (seconds) at which a frame presented at local time
 * present_local (groupclock_local_now's clock) is seen. Never goes back. */
double groupframe_time(struct groupframe *group, double present_local);

/* Takes new mail, and adopts into stage's scene each segment due at group
 * time t (a join rebuilds the scene first). Tells the sync thread the
 * stage's screen. */
void groupframe_update(struct groupframe *group, struct stage *stage, int rotate, double t);
/* The stage's scene was rebuilt (a resize): take the whole program again. */
void groupframe_restage(struct groupframe *group);

#endif
