/* Stage cli (firmware/cli/), whose main header this is: the program.
 * main.c and one cmd_*.c per command, wiring the stages together.  Uses
 * every stage.  Never holds logic that two commands share: that moves down
 * into the stage it belongs to.
 *
 * commands: the program's subcommands, each wiring modules for one job.
 * main.c parses the command line into struct cli_options and picks one. */
#ifndef TICKER_COMMANDS_H
#define TICKER_COMMANDS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include "base/config.h"

enum command { COMMAND_RUN, COMMAND_DUMP, COMMAND_SCREENSHOT, COMMAND_BENCH, COMMAND_CACHE, COMMAND_FETCH,
               COMMAND_STATUS, COMMAND_CEC, COMMAND_CONFIG, COMMAND_GENERATE, COMMAND_HIDE, COMMAND_UNHIDE,
               COMMAND_PLAYED }; /* named in cli/commandtable.c */

struct cli_options {
    enum command command;
    const char *config_file;   /* the INI file read (-c, $TICKER_CONFIG, or the default found); NULL: none */
    const char *output;        /* screenshot -o FILE.png */
    const char *since;         /* played --since TIME */
    const char *format;        /* played --format csv|json */
    double at_seconds;         /* screenshot --at */
    bool has_clock;            /* screenshot --clock: the header's fixed local time */
    struct tm clock;
    bool headless;             /* run --headless */
    double duration_seconds;   /* run --duration (0: forever) */
    double bench_seconds;      /* bench --seconds */
    bool list_sources;         /* cache --sources */
    bool cache_given;          /* --cache PATH on the command line (not from the config file) */
    size_t synthetic_items;    /* run/screenshot/bench --synthetic N: made-up items instead of sources */
    long fetch_cycles;         /* fetch --cycles (0: on schedule) */
    char **sources;            /* SOURCE arguments (already applied to config) */
    size_t source_count;
    int argc;                  /* the command line, for cli_command_line */
    char **argv;
    bool no_pictures;          /* pictures cannot be decoded here: [display] pictures forced off */
    bool has_group_time;       /* screenshot --group-time: a group's frame (scene group mode) */
    double group_time;
    const char *frame_log;     /* run --frame-log FILE */
};

/* The command line (context: the struct cli_options it was read into)
 * applied again to a fresh configuration, as at start: its flags, its
 * SOURCE arguments, what main forced. For a remote configuration applied
 * live. False on OOM. */
bool cli_command_line(struct config *config, void *context);

/* cmd_run's status when a new remote configuration was accepted: main
 * runs the program again (execv), a clean restart that applies it. */
#define CLI_RESTART 75

/* Each returns the process exit status. */
int cmd_run(struct config *config, const struct cli_options *options);
int cmd_dump(struct config *config, const struct cli_options *options);
int cmd_screenshot(struct config *config, const struct cli_options *options);
int cmd_bench(struct config *config, const struct cli_options *options);
int cmd_cache(struct config *config, const struct cli_options *options);
/* Why there is no cache file at path, or no item in it, for `cache` and
 * `status`: with no [source] the kiosk shows the demo content, which it
 * never caches (the note says so, and how to show real feeds). */
void cli_no_cache_reason(const struct config *config, const char *path, char *out, size_t size);
const char *cli_demo_note(void);
int cmd_fetch(struct config *config, const struct cli_options *options);
int cmd_status(struct config *config, const struct cli_options *options);
int cmd_cec(struct config *config, const struct cli_options *options);
/* hide ID|LINK, unhide ID|LINK, played [--since TIME] [--format csv|json] (cmd_editorial.c). */
int cmd_hide(struct config *config, const struct cli_options *options);
int cmd_played(struct config *config, const struct cli_options *options);
int cmd_config(struct config *config, const struct cli_options *options);
int cmd_generate(struct config *config, const struct cli_options *options);

#endif
