/* The commands and options of the program (see commandtable.h). */
#include "cli/commandtable.h"

#include <string.h>

#define RUNS FOR(COMMAND_RUN)
#define DRAWS (FOR(COMMAND_RUN) | FOR(COMMAND_SCREENSHOT) | FOR(COMMAND_BENCH))

const struct command_spec cli_commands[] = {
    {"run", COMMAND_RUN, OPERANDS_SOURCES, NULL,
     "run the kiosk (the default: full screen; --window for a desktop preview)", false, cmd_run, SETUP_PICTURES},
    {"dump", COMMAND_DUMP, OPERANDS_SOURCES, NULL, "print the items of the sources, one JSON object per line", false,
     cmd_dump, SETUP_LIBRARIES},
    {"screenshot", COMMAND_SCREENSHOT, OPERANDS_SOURCES, NULL, "render one frame offscreen to a PNG (-o FILE.png)",
     false, cmd_screenshot, SETUP_PICTURES},
    {"bench", COMMAND_BENCH, OPERANDS_SOURCES, NULL, "run the pipeline offscreen, unthrottled, and print figures",
     false, cmd_bench, SETUP_PICTURES},
    {"cache", COMMAND_CACHE, OPERANDS_SOURCES, NULL, "print the cached items (--sources: each source's state)", false,
     cmd_cache, SETUP_LIBRARIES},
    {"status", COMMAND_STATUS, OPERANDS_NONE, NULL, "the kiosk's health: frames, what is shown, sources, cache",
     false, cmd_status, SETUP_LIBRARIES},
    {"cec", COMMAND_CEC, OPERANDS_WORD, "on|standby", "the TV on or to standby through HDMI-CEC (libcec), once",
     false, cmd_cec, SETUP_NONE},
    {"config", COMMAND_CONFIG, OPERANDS_WORD, "check|show",
     "check the file and what a start needs (exit 1 on a problem), or show the settings in force and their origins",
     false, cmd_config, SETUP_NONE},
    {"generate", COMMAND_GENERATE, OPERANDS_WORD, "ini|reference|man1|man5|completion",
     "print a file made from the tables: the example ticker.ini, the reference, the man pages, bash completion",
     false, cmd_generate, SETUP_NONE},
    {"hide", COMMAND_HIDE, OPERANDS_ONE, "ID|LINK",
     "never show the item of this id or link on this kiosk (kept in the cache; the screen drops it within seconds)",
     false, cmd_hide, SETUP_LIBRARIES},
    {"unhide", COMMAND_UNHIDE, OPERANDS_ONE, "ID|LINK", "show again an item hidden with `ticker hide`", false,
     cmd_hide, SETUP_LIBRARIES},
    {"played", COMMAND_PLAYED, OPERANDS_NONE, NULL,
     "what the screen showed and when (proof of play): featured items, crawl passes, alerts", false, cmd_played,
     SETUP_LIBRARIES},
    {"fetch", COMMAND_FETCH, OPERANDS_SOURCES, NULL, "the fetch loop alone, no screen (tests, soak runs)", true,
     cmd_fetch, SETUP_LIBRARIES},
};
const size_t cli_command_count = sizeof cli_commands / sizeof *cli_commands;

const struct option_spec cli_options_table[] = {
    {"config", 'c', required_argument, "FILE",
     "the INI file (else $TICKER_CONFIG, /etc/ticker/ticker.ini, ~/.config/ticker/ticker.ini; /dev/null: none)", 0, 0,
     false},
    {"window", OPT_WINDOW, optional_argument, "WxH", "a desktop preview window (default 1280x720)", RUNS,
     GIVEN_WINDOW, false},
    {"size", OPT_SIZE, required_argument, "WxH", "the scene's size ([display] width and height)", 0, 0, false},
    {"rotate", OPT_ROTATE, required_argument, "DEG", "0, 90, 180 or 270 ([display] rotate)", 0, 0, false},
    {"speed", OPT_SPEED, required_argument, "PX", "crawl speed in pixels per second ([display] crawl_speed)", 0, 0,
     false},
    {"max-texture-width", OPT_MAXTEX, required_argument, "N",
     "cut texts into tiles at most N pixels wide ([display] max_texture_width)", 0, 0, false},
    {"headless", OPT_HEADLESS, no_argument, NULL, "run the kiosk offscreen (tests, soak runs)", RUNS, GIVEN_HEADLESS,
     false},
    {"duration", OPT_DURATION, required_argument, "SEC", "exit cleanly after SEC seconds",
     RUNS | FOR(COMMAND_FETCH), GIVEN_DURATION, false},
    {"output", 'o', required_argument, "FILE", "the screenshot's file", FOR(COMMAND_SCREENSHOT), GIVEN_OUTPUT, false},
    {"at", OPT_AT, required_argument, "SEC", "the frame at this time", FOR(COMMAND_SCREENSHOT), GIVEN_AT, false},
    {"clock", OPT_CLOCK, required_argument, "'YYYY-MM-DD HH:MM'", "a fixed header clock", FOR(COMMAND_SCREENSHOT),
     GIVEN_CLOCK, false},
    {"group-time", OPT_GROUP_TIME, required_argument, "SEC",
     "a group's frame ([sync]) at group time SEC, the items one program from group time 0", FOR(COMMAND_SCREENSHOT),
     GIVEN_GROUP_TIME, false},
    {"wall-pos", OPT_WALL_POS, required_argument, "COL,ROW",
     "this screen's place in the [sync] wall ([sync] column, row)", FOR(COMMAND_SCREENSHOT), GIVEN_WALL_POS, false},
    {"frame-log", OPT_FRAME_LOG, required_argument, "FILE",
     "a line per presented frame: real time, crawl offset, group time (bench/sync_harness.py)", RUNS, GIVEN_FRAME_LOG,
     false},
    {"seconds", OPT_SECONDS, required_argument, "N", "the benchmark's duration (default 10)", FOR(COMMAND_BENCH),
     GIVEN_SECONDS, false},
    {"cache", OPT_CACHE, required_argument, "PATH", "the cache database ([cache] path)", 0, 0, false},
    {"refresh", OPT_REFRESH, required_argument, "SEC", "the default refresh interval of sources ([fetch] refresh)", 0,
     0, false},
    {"sources", OPT_SOURCES, no_argument, NULL, "print each source's state", FOR(COMMAND_CACHE), GIVEN_SOURCES, false},
    {"synthetic", OPT_SYNTHETIC, required_argument, "N", "N made-up headlines instead of the sources", DRAWS,
     GIVEN_SYNTHETIC, false},
    {"since", OPT_SINCE, required_argument, "TIME",
     "plays that ended at or after TIME (YYYY-MM-DD [HH:MM] in the kiosk's time, or RFC 3339; default: a day ago)",
     FOR(COMMAND_PLAYED), GIVEN_SINCE, false},
    {"format", OPT_FORMAT, required_argument, "csv|json", "the plays as CSV (RFC 4180, the default) or JSON lines",
     FOR(COMMAND_PLAYED), GIVEN_FORMAT, false},
    {"cycles", OPT_CYCLES, required_argument, "N", "fetch cycles, then exit", FOR(COMMAND_FETCH), GIVEN_CYCLES, true},
    {"verbose", 'v', no_argument, NULL, "debug logging ([ticker] verbose)", 0, 0, false},
    {"help", 'h', no_argument, NULL, "this text", 0, 0, false},
    {"version", 'V', no_argument, NULL, "the version", 0, 0, false},
};
const size_t cli_option_count = sizeof cli_options_table / sizeof *cli_options_table;

const struct command_spec *cli_command_find(const char *name)
{
    for (size_t i = 0; i < cli_command_count; i++)
        if (!strcmp(cli_commands[i].name, name))
            return &cli_commands[i];
    return NULL;
}

const struct command_spec *cli_command_of(enum command command)
{
    for (size_t i = 0; i < cli_command_count; i++)
        if (cli_commands[i].command == command)
            return &cli_commands[i];
    return &cli_commands[0];
}

const struct option *cli_long_options(void)
{
    static struct option table[sizeof cli_options_table / sizeof *cli_options_table + 1];
    for (size_t i = 0; i < cli_option_count; i++)
        table[i] = (struct option){cli_options_table[i].name, cli_options_table[i].has_arg, NULL,
                                   cli_options_table[i].id};
    return table;
}

/* "  -c, --config FILE" as --help and the man page write it. */
static void option_synopsis(const struct option_spec *o, char *out, size_t size)
{
    const char *arg = o->arg ? o->arg : "";
    const char *sep = !o->arg ? "" : o->has_arg == optional_argument ? "[=" : " ";
    if (o->id < 256)
        snprintf(out, size, "-%c, --%s%s%s%s", o->id, o->name, sep, arg, o->has_arg == optional_argument ? "]" : "");
    else
        snprintf(out, size, "    --%s%s%s%s", o->name, sep, arg, o->has_arg == optional_argument ? "]" : "");
}

void cli_print_help(FILE *out)
{
    fputs("Usage: ticker [OPTIONS] [COMMAND] [OPTIONS] [SOURCE...]\n"
          "Exhibition news ticker: fetches feeds, caches headlines, shows them full screen.\n\nCommands:\n", out);
    for (size_t i = 0; i < cli_command_count; i++) {
        const struct command_spec *c = &cli_commands[i];
        if (c->hidden)
            continue;
        char head[64];
        snprintf(head, sizeof head, "%s%s%s", c->name, c->words ? " " : "", c->words ? c->words : "");
        fprintf(out, strlen(head) < 18 ? "  %-18s%s\n" : "  %s\n                    %s\n", head, c->summary);
    }
    fputs("\nOptions:\n", out);
    for (size_t i = 0; i < cli_option_count; i++) {
        if (cli_options_table[i].hidden)
            continue;
        char head[96];
        option_synopsis(&cli_options_table[i], head, sizeof head);
        fprintf(out, strlen(head) < 26 ? "  %-26s%s\n" : "  %s\n                            %s\n", head,
                cli_options_table[i].help);
    }
    fputs("\nSOURCE: an http(s) URL, a file or a directory; replaces the configured sources.\n"
          "With no source at all, the bundled demo content is shown.\n"
          "Environment: TICKER_CONFIG (the INI file when -c is not given), TICKER_ASSETS_DIR, TICKER_FONTS_DIR.\n"
          "The settings of the INI file: ticker.ini(5), or `ticker generate reference`.\n", out);
}
