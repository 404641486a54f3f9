/* Helpers shared by the unit tests: reading fixture files and running the program. */
#ifndef TICKER_TESTUTIL_H
#define TICKER_TESTUTIL_H

#include <stddef.h>

/* Whole file, NUL-terminated; size without the NUL. NULL if unreadable. Caller frees. */
char *testutil_read_file(const char *path, size_t *size);
/* Runs a shell command and returns its stdout (caller frees) and exit status. */
char *testutil_run(const char *command, int *status);

#endif
