/* commandtable: the program's commands and options, in two tables that the
 * command line (main, which runs each command through its row), --help,
 * ticker(1), ticker.ini(5) and bash completion are all made from.
 * Owns: the tables, the help text and the generated files.
 * Never: runs a command itself. */
#ifndef TICKER_COMMANDTABLE_H
#define TICKER_COMMANDTABLE_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "cli/commands.h"

enum command_operands {
    OPERANDS_NONE,    /* any word after the command is an error */
    OPERANDS_SOURCES, /* SOURCE... replace the configured sources */
    OPERANDS_WORD,    /* exactly one of words ("on|standby") */
    OPERANDS_ONE      /* exactly one word, any (an item's id or link) */
};

/* What main sets up before a command runs. */
enum command_setup {
    SETUP_LIBRARIES, /* libcurl's global set-up, before any thread */
    SETUP_PICTURES,  /* that and the picture decoder: the commands that draw */
    SETUP_NONE       /* nothing: libcec alone in the kiosk's cec child, or no thread at all */
};

struct command_spec {
    const char *name;
    enum command command;
    enum command_operands operands;
    const char *words;   /* OPERANDS_WORD: "on|standby" */
    const char *summary; /* one line */
    bool hidden;         /* for tests and soak runs: not in --help */
    int (*run)(struct config *config, const struct cli_options *options); /* the cmd_*.c that runs it */
    enum command_setup setup;
};

/* Options that only some commands read, as bits (warn_unused_options). */
enum { GIVEN_OUTPUT = 1 << 0, GIVEN_AT = 1 << 1, GIVEN_CLOCK = 1 << 2, GIVEN_SECONDS = 1 << 3,
       GIVEN_SOURCES = 1 << 4, GIVEN_SYNTHETIC = 1 << 5, GIVEN_CYCLES = 1 << 6, GIVEN_HEADLESS = 1 << 7,
       GIVEN_DURATION = 1 << 8, GIVEN_WINDOW = 1 << 9, GIVEN_SINCE = 1 << 10, GIVEN_FORMAT = 1 << 11,
       GIVEN_GROUP_TIME = 1 << 12, GIVEN_WALL_POS = 1 << 13, GIVEN_FRAME_LOG = 1 << 14 };
#define FOR(c) (1u << (c))

struct option_spec {
    const char *name;      /* long name */
    int id;                /* getopt_long's value: the short letter, or OPT_* */
    int has_arg;           /* no_argument, required_argument, optional_argument */
    const char *arg;       /* "FILE"; NULL: none */
    const char *help;
    unsigned commands;     /* FOR(COMMAND_...) bits of those that read it; 0: every command */
    unsigned given;        /* its GIVEN_* bit, when only some commands read it */
    bool hidden;
};

enum long_only { OPT_WINDOW = 256, OPT_SIZE, OPT_ROTATE, OPT_SPEED, OPT_MAXTEX, OPT_HEADLESS, OPT_DURATION,
                 OPT_AT, OPT_CLOCK, OPT_SECONDS, OPT_CACHE, OPT_REFRESH, OPT_SOURCES, OPT_SYNTHETIC, OPT_CYCLES,
                 OPT_SINCE, OPT_FORMAT, OPT_GROUP_TIME, OPT_WALL_POS, OPT_FRAME_LOG };

extern const struct command_spec cli_commands[];
extern const size_t cli_command_count;
extern const struct option_spec cli_options_table[];
extern const size_t cli_option_count;

/* The command named so, or NULL. */
const struct command_spec *cli_command_find(const char *name);
const struct command_spec *cli_command_of(enum command command);
/* getopt_long's table from cli_options_table (static storage, built once). */
const struct option *cli_long_options(void);
/* --help. */
void cli_print_help(FILE *out);
/* The generated files: "ini", "reference", "man1", "man5", "completion".
 * False for an unknown name, and for "man1" without its template on stdin
 * (said in the log). */
bool cli_generate(const char *what, FILE *out);

#endif
