/* fdio: whole reads and writes on a file descriptor, through short counts
 * and EINTR — the one copy of the loop every reader of a pipe, a socket or
 * a file needs.
 * Owns: nothing (the caller owns the descriptor and the buffer).
 * Never: opens, closes or seeks; blocks longer than the descriptor does.
 * Thread: any. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* Reads exactly size bytes into buf. False at end of file before size
 * bytes, or on an error (errno set by read(2); 0 at end of file). */
bool fdio_read_all(int fd, void *buf, size_t size);

/* Writes all size bytes of buf. False on an error (errno from write(2)).
 * On a socket the write is send(2) with MSG_NOSIGNAL when socket is true,
 * so a peer that went away gives EPIPE, not SIGPIPE. */
bool fdio_write_all(int fd, const void *buf, size_t size, bool socket);
