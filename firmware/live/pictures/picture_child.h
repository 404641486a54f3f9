/* picture_child: pictures decoded in a child process, so a picture that
 * still kills its decoder (a libvips or codec fault, memory past the
 * child's address-space limit, a decode that never ends) kills only the
 * child: the kiosk goes on, is told which picture it was, and starts a new
 * child for the next one. The child is `PROGRAM --picture-decoder` (the
 * ticker itself: cli/main.c hands it to picture_child_main), talking over
 * a socket pair on its standard input: a request (name, box, bytes) and an
 * answer (pixels, or the reason), in the byte order of the machine.
 * Owns: the child (started with posix_spawn when first needed, killed at
 * the time limit or at a stop, always reaped) and its socket.
 * Never: decides what a dead decoder means (live/pictures/picture_worker remembers
 * the picture as bad).  Thread: one caller at a time (the picture thread). */
#ifndef TICKER_PICTURE_CHILD_H
#define TICKER_PICTURE_CHILD_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "live/pictures/picture_decode.h"

#define PICTURE_CHILD_ARGUMENT "--picture-decoder"
#define PICTURE_CHILD_TIME_LIMIT_SECONDS 30 /* a 200-megapixel JPEG takes ~10 s on a Pi 3 */
#define PICTURE_CHILD_MAX_ADDRESS_MB 1024   /* the child's RLIMIT_AS, when the inherited one is higher */
/* Test hook, read by the child only: a picture whose name contains this
 * variable's value kills the child (SIGSEGV) as a decoder fault would. */
#define PICTURE_CHILD_CRASH_ENV "TICKER_TEST_PICTURE_DECODER_CRASH"

struct picture_child;

enum picture_child_outcome {
    PICTURE_CHILD_DECODED,  /* out has the pixels */
    PICTURE_CHILD_REFUSED,  /* the decoder said no (err): an ordinary bad picture */
    PICTURE_CHILD_DIED,     /* the child died or was killed at the time limit (err says how) */
    PICTURE_CHILD_STOPPED,  /* *stop was set while it decoded; the child was killed */
    PICTURE_CHILD_FAILED    /* no child could be started (err): nothing is known of the picture */
};

/* program: the ticker executable (the kiosk passes /proc/self/exe). stop:
 * watched while a decode runs (may be NULL). NULL on OOM. */
struct picture_child *picture_child_create(const char *program, const atomic_bool *stop);
/* Ends the child (it sees its socket close) and frees. NULL: nothing. */
void picture_child_destroy(struct picture_child *child);

/* picture_decode in the child: the same arguments and results, with the
 * outcome saying whether the child survived it. */
enum picture_child_outcome picture_child_decode(struct picture_child *child, const void *bytes, size_t size,
                                                const char *name, int box_w, int box_h, struct picture_pixels *out,
                                                char *err, size_t err_size);

/* The child's side, from main: decodes requests read from standard input
 * until it closes. Returns the process's exit status. */
int picture_child_main(const char *argv0);

#endif
