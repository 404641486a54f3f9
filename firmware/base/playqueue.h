/* playqueue: what the screen showed, on its way from the render thread to
 * the proof of play's writer (live/cache/playlog) — a bounded queue of plain
 * events under a mutex: the render thread only copies pointers in, never
 * waits on the writer, the disk or SQLite.
 * Owns: the events queued, their strings.  Never: blocks a push for longer
 * than the mutex (a full queue drops the oldest and counts it).
 * Thread: push from one thread (the frame loop), take from another. */
#ifndef TICKER_PLAYQUEUE_H
#define TICKER_PLAYQUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PLAYQUEUE_CAPACITY 4096 /* a few hours of crawl passes if the writer is stuck */

/* One thing shown: kind "featured", "crawl" or "alert"; times Unix seconds UTC. */
struct play_event {
    const char *kind;   /* a constant */
    char *id, *title, *source; /* owned */
    int64_t started, ended;
};

void play_event_clear(struct play_event *event);

struct playqueue;

struct playqueue *playqueue_create(void);
/* Frees what is still queued. */
void playqueue_destroy(struct playqueue *queue);
/* Takes *event over (its strings); the oldest event goes when full. */
void playqueue_push(struct playqueue *queue, struct play_event *event);
/* Waits up to timeout_ms for an event (or playqueue_close), then moves up
 * to max into out, oldest first; returns how many. The caller clears them. */
size_t playqueue_take(struct playqueue *queue, struct play_event *out, size_t max, int timeout_ms);
/* Wakes a waiting take for good: the writer drains what is left and ends. */
void playqueue_close(struct playqueue *queue);
bool playqueue_closed(struct playqueue *queue);
/* Events dropped because the queue was full. */
uint64_t playqueue_dropped(struct playqueue *queue);

#endif
