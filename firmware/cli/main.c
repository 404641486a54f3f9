/* main: the command line. Parses options into the config and cli_options,
 * then hands over to one command. Holds no logic of its own. */
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/commands.h"
#include "live/picture_child.h"
#include "live/picture_decode.h"
#include "base/config.h"
#include "base/log.h"
#include "live/reader.h"
#include "cli/remotewire.h"
#include <errno.h>

static const char usage[] =
    "Usage: ticker [OPTIONS] [COMMAND] [OPTIONS] [SOURCE...]\n"
    "Exhibition news ticker: fetches feeds, caches headlines, shows them full screen.\n"
    "\n"
    "Commands:\n"
    "  (none)            run the kiosk (full screen; --window for a desktop preview)\n"
    "  dump              print the items of the sources, one JSON object per line\n"
    "  screenshot        render one frame offscreen to a PNG (-o FILE.png)\n"
    "  bench             run the pipeline offscreen, unthrottled, and print figures\n"
    "  cache             print the cached items (--sources: each source's state)\n"
    "  status            the kiosk's health: frames, what is shown, sources, cache\n"
    "  cec on|standby    the TV on or to standby through HDMI-CEC (libcec), once\n"
    "\n"
    "Options:\n"
    "  -c, --config FILE     INI file (default /etc/ticker/ticker.ini, then\n"
    "                        ~/.config/ticker/ticker.ini, when they exist)\n"
    "      --window[=WxH]    desktop preview window (default 1280x720)\n"
    "      --size WxH        scene size (screenshot, bench, kiosk)\n"
    "      --rotate DEG      0, 90, 180 or 270\n"
    "      --speed PX        crawl speed in pixels per second\n"
    "      --max-texture-width N  cut texts into tiles at most N pixels wide\n"
    "      --headless        run the kiosk offscreen (tests, soak runs)\n"
    "      --duration SEC    exit cleanly after SEC seconds\n"
    "  -o, --output FILE     screenshot file\n"
    "      --at SEC          screenshot: the frame at this time\n"
    "      --clock 'YYYY-MM-DD HH:MM'  screenshot: fixed header clock\n"
    "      --group-time SEC  screenshot: a group's frame at group time SEC, its items one program from time 0\n"
    "      --wall-pos COL,ROW  screenshot: this screen's place in the [sync] wall\n"
    "      --frame-log FILE  run: a line per presented frame (time, crawl offset, group time)\n"
    "      --seconds N       bench duration (default 10)\n"
    "      --cache PATH      cache database\n"
    "      --refresh SEC     default refresh interval of sources\n"
    "      --sources         cache: print each source's state\n"
    "      --synthetic N     run, screenshot, bench: N made-up headlines instead of sources\n"
    "  -v, --verbose         debug logging\n"
    "  -h, --help            this text\n"
    "  -V, --version         version\n"
    "\n"
    "SOURCE: an http(s) URL, a file or a directory; replaces the configured sources.\n"
    "With no source at all, the bundled demo content is shown.\n";

enum long_only { OPT_WINDOW = 256, OPT_SIZE, OPT_ROTATE, OPT_SPEED, OPT_MAXTEX, OPT_HEADLESS, OPT_DURATION,
                 OPT_AT, OPT_CLOCK, OPT_SECONDS, OPT_CACHE, OPT_REFRESH, OPT_SOURCES, OPT_SYNTHETIC, OPT_CYCLES,
                 OPT_GROUP_TIME, OPT_WALL_POS, OPT_FRAME_LOG };

static const struct option long_options[] = {
    {"config", required_argument, NULL, 'c'},   {"window", optional_argument, NULL, OPT_WINDOW},
    {"size", required_argument, NULL, OPT_SIZE}, {"rotate", required_argument, NULL, OPT_ROTATE},
    {"speed", required_argument, NULL, OPT_SPEED}, {"max-texture-width", required_argument, NULL, OPT_MAXTEX},
    {"headless", no_argument, NULL, OPT_HEADLESS}, {"duration", required_argument, NULL, OPT_DURATION},
    {"output", required_argument, NULL, 'o'},   {"at", required_argument, NULL, OPT_AT},
    {"clock", required_argument, NULL, OPT_CLOCK}, {"seconds", required_argument, NULL, OPT_SECONDS},
    {"cache", required_argument, NULL, OPT_CACHE}, {"refresh", required_argument, NULL, OPT_REFRESH},
    {"sources", no_argument, NULL, OPT_SOURCES}, {"verbose", no_argument, NULL, 'v'},
    {"synthetic", required_argument, NULL, OPT_SYNTHETIC},
    {"cycles", required_argument, NULL, OPT_CYCLES}, /* fetch: hidden, for tests */
    {"group-time", required_argument, NULL, OPT_GROUP_TIME}, {"wall-pos", required_argument, NULL, OPT_WALL_POS},
    {"frame-log", required_argument, NULL, OPT_FRAME_LOG},
    {"help", no_argument, NULL, 'h'},           {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0}};

__attribute__((format(printf, 1, 2))) static int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "ticker: ");
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'ticker --help'.\n");
    return 2;
}

static bool parse_size(const char *text, int *width, int *height)
{
    char tail;
    return sscanf(text, "%dx%d%c", width, height, &tail) == 2 && *width >= 16 && *height >= 16 &&
           *width <= 16384 && *height <= 16384;
}

static bool parse_clock(const char *text, struct tm *clock)
{
    memset(clock, 0, sizeof *clock);
    char tail;
    if (sscanf(text, "%d-%d-%d %d:%d%c", &clock->tm_year, &clock->tm_mon, &clock->tm_mday, &clock->tm_hour,
               &clock->tm_min, &tail) != 5)
        return false;
    clock->tm_year -= 1900;
    clock->tm_mon -= 1;
    clock->tm_isdst = -1;
    struct tm check = *clock;
    /* timegm normalises and fills tm_wday; a date that moves was out of range. */
    if (timegm(&check) == (time_t)-1 || check.tm_mday != clock->tm_mday || check.tm_mon != clock->tm_mon ||
        clock->tm_hour > 23 || clock->tm_min > 59)
        return false;
    *clock = check;
    return true;
}

static bool command_from_name(const char *name, enum command *command)
{
    static const struct { const char *name; enum command command; } names[] = {
        {"run", COMMAND_RUN}, {"dump", COMMAND_DUMP}, {"screenshot", COMMAND_SCREENSHOT},
        {"bench", COMMAND_BENCH}, {"cache", COMMAND_CACHE}, {"status", COMMAND_STATUS},
        {"fetch", COMMAND_FETCH}, {"cec", COMMAND_CEC}}; /* fetch: the fetch loop alone, not in --help (tests, soak runs) */
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        if (strcmp(name, names[i].name) == 0) {
            *command = names[i].command;
            return true;
        }
    }
    return false;
}

/* The config file must be read before any flag overrides it, so it is found first. */
static int load_config(struct config *config, int argc, char **argv)
{
    const char *explicit_path = getenv("TICKER_CONFIG");
    /* getopt_long itself, so every spelling counts (-cFILE, -vc FILE,
     * --config=FILE, --conf FILE); the others are parse_options' to judge.
     * It runs on a copy: getopt_long reorders what it reads, and an option
     * left without its value at the end would take the command for it. */
    char **copy = malloc(((size_t)argc + 1) * sizeof *copy);
    if (!copy)
        return 1;
    memcpy(copy, argv, ((size_t)argc + 1) * sizeof *copy);
    opterr = 0;
    for (int opt; (opt = getopt_long(argc, copy, ":c:o:vhV", long_options, NULL)) != -1;)
        if (opt == 'c')
            explicit_path = optarg;
    free(copy);
    opterr = 1;
    optind = 0; /* glibc: the next getopt_long starts again from scratch */
    char err[1024];
    if (explicit_path) {
        if (!config_load_file(config, explicit_path, err, sizeof err)) {
            log_error("config %s", err);
            return 2;
        }
        return 0;
    }
    char user_path[4096] = "";
    const char *home = getenv("HOME");
    const char *xdg = getenv("XDG_CONFIG_HOME");
    if (xdg && *xdg)
        snprintf(user_path, sizeof user_path, "%s/ticker/ticker.ini", xdg);
    else if (home && *home)
        snprintf(user_path, sizeof user_path, "%s/.config/ticker/ticker.ini", home);
    const char *candidates[] = {"/etc/ticker/ticker.ini", user_path};
    for (size_t i = 0; i < 2; i++) {
        if (!candidates[i][0] || access(candidates[i], R_OK) != 0)
            continue;
        /* A broken default file must not keep the kiosk's screen dark: say so and go on. */
        if (!config_load_file(config, candidates[i], err, sizeof err))
            log_error("config %s (continuing with the settings read so far)", err);
        return 0;
    }
    return 0;
}

/* The option getopt_long stopped at, as it was written: "--cache" or "-c"
 * (from "-vc"). */
static const char *option_named(const char *word, int short_option)
{
    static char name[3];
    if (!strncmp(word, "--", 2) || !short_option)
        return word;
    name[0] = '-';
    name[1] = (char)short_option;
    return name;
}

/* Options that only some commands read, as bits of `given` (parse_options). */
enum { GIVEN_OUTPUT = 1 << 0, GIVEN_AT = 1 << 1, GIVEN_CLOCK = 1 << 2, GIVEN_SECONDS = 1 << 3,
       GIVEN_SOURCES = 1 << 4, GIVEN_SYNTHETIC = 1 << 5, GIVEN_CYCLES = 1 << 6, GIVEN_HEADLESS = 1 << 7,
       GIVEN_DURATION = 1 << 8, GIVEN_WINDOW = 1 << 9 };

/* An option the command does not read was silently ignored (`ticker dump
 * -o items.json` printed to the terminal): say so, and for which commands
 * it is. */
static void warn_unused_options(enum command command, unsigned given)
{
    static const char *const command_names[] = {"run", "dump", "screenshot", "bench", "cache", "fetch", "status"};
    static const struct { unsigned bit; const char *option; unsigned commands; const char *for_whom; } uses[] = {
        {GIVEN_OUTPUT, "-o", 1u << COMMAND_SCREENSHOT, "screenshot"},
        {GIVEN_AT, "--at", 1u << COMMAND_SCREENSHOT, "screenshot"},
        {GIVEN_CLOCK, "--clock", 1u << COMMAND_SCREENSHOT, "screenshot"},
        {GIVEN_SECONDS, "--seconds", 1u << COMMAND_BENCH, "bench"},
        {GIVEN_SOURCES, "--sources", 1u << COMMAND_CACHE, "cache"},
        {GIVEN_SYNTHETIC, "--synthetic", (1u << COMMAND_RUN) | (1u << COMMAND_SCREENSHOT) | (1u << COMMAND_BENCH),
         "run, screenshot and bench"},
        {GIVEN_CYCLES, "--cycles", 1u << COMMAND_FETCH, "fetch"},
        {GIVEN_HEADLESS, "--headless", 1u << COMMAND_RUN, "run"},
        {GIVEN_DURATION, "--duration", (1u << COMMAND_RUN) | (1u << COMMAND_FETCH), "run and fetch"},
        {GIVEN_WINDOW, "--window", 1u << COMMAND_RUN, "running the kiosk"},
    };
    for (size_t i = 0; i < sizeof uses / sizeof *uses; i++)
        if ((given & uses[i].bit) && !(uses[i].commands & (1u << command)))
            log_warn("%s does nothing for %s (it is for %s); ignored", uses[i].option, command_names[command],
                     uses[i].for_whom);
}

static int parse_options(struct config *config, struct cli_options *options, unsigned *given, int argc,
                         char **argv)
{
    int opt;
    double number;
    /* The leading ':': a missing value is ':' and an unknown option '?',
     * and the message below says which, in one line. */
    while ((opt = getopt_long(argc, argv, ":c:o:vhV", long_options, NULL)) != -1) {
        switch (opt) {
        case 'c': break; /* already read by load_config */
        case 'o': options->output = optarg; *given |= GIVEN_OUTPUT; break;
        case 'v': config->verbose = true; break;
        case 'h': fputs(usage, stdout); return -1;
        case 'V': printf("ticker %s\n", TICKER_VERSION); return -1;
        case OPT_WINDOW:
            *given |= GIVEN_WINDOW;
            config->display.window = true;
            if (optarg && !parse_size(optarg, &config->display.window_width, &config->display.window_height))
                return usage_error("--window wants WxH (each 16..16384), not '%s'", optarg);
            break;
        case OPT_SIZE:
            if (!parse_size(optarg, &config->display.width, &config->display.height))
                return usage_error("--size wants WxH (each 16..16384), not '%s'", optarg);
            break;
        case OPT_ROTATE:
            if (!config_parse_number(optarg, 0, 270, &number) || (int)number % 90 || number != (int)number)
                return usage_error("--rotate wants 0, 90, 180 or 270, not '%s'", optarg);
            config->display.rotate = (int)number;
            break;
        case OPT_SPEED:
            if (!config_parse_number(optarg, 10, 2000, &config->display.crawl_speed))
                return usage_error("--speed wants 10..2000 pixels per second, not '%s'", optarg);
            break;
        case OPT_MAXTEX:
            if (!config_parse_number(optarg, 64, 65536, &number))
                return usage_error("--max-texture-width wants 64..65536, not '%s'", optarg);
            config->display.max_texture_width = (int)number;
            break;
        case OPT_HEADLESS: options->headless = true; *given |= GIVEN_HEADLESS; break;
        case OPT_DURATION:
            *given |= GIVEN_DURATION;
            if (!config_parse_number(optarg, 0, 1e9, &options->duration_seconds))
                return usage_error("--duration wants seconds, not '%s'", optarg);
            break;
        case OPT_AT:
            *given |= GIVEN_AT;
            if (!config_parse_number(optarg, 0, 1e9, &options->at_seconds))
                return usage_error("--at wants seconds, not '%s'", optarg);
            break;
        case OPT_CLOCK:
            *given |= GIVEN_CLOCK;
            if (!parse_clock(optarg, &options->clock))
                return usage_error("--clock wants 'YYYY-MM-DD HH:MM', not '%s'", optarg);
            options->has_clock = true;
            break;
        case OPT_SECONDS:
            *given |= GIVEN_SECONDS;
            if (!config_parse_number(optarg, 0.1, 1e6, &options->bench_seconds))
                return usage_error("--seconds wants a positive number, not '%s'", optarg);
            break;
        case OPT_CACHE:
            if (!(free(config->cache.path), config->cache.path = strdup(optarg)))
                return 1;
            options->cache_given = true;
            break;
        case OPT_REFRESH:
            if (!config_parse_number(optarg, 1, 7 * 86400, &number))
                return usage_error("--refresh wants 1..604800 seconds, not '%s'", optarg);
            config->fetch.refresh_seconds = (int)number;
            break;
        case OPT_SOURCES: options->list_sources = true; *given |= GIVEN_SOURCES; break;
        case OPT_SYNTHETIC:
            *given |= GIVEN_SYNTHETIC;
            if (!config_parse_number(optarg, 1, 1e6, &number) || number != (int)number)
                return usage_error("--synthetic wants 1..1000000 items, not '%s'", optarg);
            options->synthetic_items = (size_t)number;
            break;
        case OPT_CYCLES:
            *given |= GIVEN_CYCLES;
            if (!config_parse_number(optarg, 1, 1e9, &number))
                return usage_error("--cycles wants a positive count, not '%s'", optarg);
            options->fetch_cycles = (long)number;
            break;
        case OPT_GROUP_TIME:
            if (!config_parse_number(optarg, 0, 1e10, &options->group_time))
                return usage_error("--group-time wants seconds, not '%s'", optarg);
            options->has_group_time = true;
            break;
        case OPT_WALL_POS:
            if (sscanf(optarg, "%d,%d", &config->sync.column, &config->sync.row) != 2 || config->sync.column < 0 ||
                config->sync.row < 0 || config->sync.column > 15 || config->sync.row > 15)
                return usage_error("--wall-pos wants COLUMN,ROW (each 0..15), not '%s'", optarg);
            break;
        case OPT_FRAME_LOG: options->frame_log = optarg; break;
        case ':': return usage_error("%s wants a value", option_named(argv[optind - 1], optopt));
        default: return usage_error("unknown option %s", option_named(argv[optind - 1], optopt));
        }
    }
    return 0;
}

bool cli_command_line(struct config *config, void *context)
{
    const struct cli_options *given = context;
    struct cli_options scratch = {.command = given->command};
    int saved_opterr = opterr;
    opterr = 0;
    optind = 0; /* glibc: a fresh scan (the first one already moved the operands to the end) */
    unsigned options_given = 0;
    bool ok = parse_options(config, &scratch, &options_given, given->argc, given->argv) == 0;
    opterr = saved_opterr;
    if (ok && given->source_count)
        ok = config_replace_sources(config, given->sources, given->source_count);
    if (given->no_pictures)
        config->display.pictures = false;
    return ok;
}

/* SIGHUP asks the remote configuration's thread to fetch the file now
 * (remotewire): blocked before any thread starts, so that every thread
 * inherits the mask and only that thread's sigtimedwait takes it. */
static void block_sighup(bool block)
{
    sigset_t hup;
    sigemptyset(&hup);
    sigaddset(&hup, SIGHUP);
    pthread_sigmask(block ? SIG_BLOCK : SIG_UNBLOCK, &hup, NULL);
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], PICTURE_CHILD_ARGUMENT) == 0) /* the kiosk's own decoder child */
        return picture_child_main(argv[0]);
    signal(SIGPIPE, SIG_IGN); /* libcurl in a thread: a dropped connection must not kill the kiosk */
    /* A file-size limit (ulimit -f, LimitFSIZE) is a full disk to the
     * program: the write fails with EFBIG and is reported and survived like
     * ENOSPC, instead of SIGXFSZ killing the kiosk without a word. */
    signal(SIGXFSZ, SIG_IGN);
    struct cli_options options = {.command = COMMAND_RUN, .bench_seconds = 10, .argc = argc, .argv = argv};
    struct config *config = config_create();
    if (!config) {
        log_error("out of memory");
        return 1;
    }
    unsigned given = 0;
    int status = load_config(config, argc, argv);
    if (status == 0)
        remotewire_load_last_good(config); /* the fleet's file over the local one, before the flags */
    if (status == 0) {
        /* Options before or after the command alike (`ticker -c FILE dump`,
         * `ticker dump -c FILE`): getopt_long moves the operands to the end,
         * and the first of them is the command when it names one. A source
         * that is a file named like a command is given as ./NAME. */
        status = parse_options(config, &options, &given, argc, argv);
        if (status == 0 && optind < argc && command_from_name(argv[optind], &options.command))
            optind++;
    }
    if (status == 0) {
        log_set_level(config->verbose ? LOG_LEVEL_DEBUG : LOG_LEVEL_INFO);
        warn_unused_options(options.command, given);
        options.sources = argv + optind;
        options.source_count = (size_t)(argc - optind);
        if (options.command != COMMAND_CEC && options.source_count &&
            !config_replace_sources(config, options.sources, options.source_count))
            status = 1;
    }
    bool hup_blocked = status == 0 && options.command == COMMAND_RUN && config->remote.config_url[0];
    if (hup_blocked)
        block_sighup(true);
    if (status == 0 && options.command == COMMAND_CEC) { /* the kiosk's child: libcec alone, nothing else set up */
        status = cmd_cec(config, &options);
        config_destroy(config);
        return status;
    }
    /* Library set-up that is not thread-safe happens here, before any thread starts. */
    if (status == 0 && !reader_global_init()) {
        log_error("libcurl cannot start");
        status = 1;
    }
    /* Only the commands that draw decode pictures: starting libvips loads
     * its modules (dlopen), a tenth of what `dump` of a 2 MB feed cost. */
    bool draws = options.command == COMMAND_RUN || options.command == COMMAND_SCREENSHOT ||
                 options.command == COMMAND_BENCH;
    char picture_err[512];
    bool pictures_started = status == 0 && draws && picture_decode_init(argv[0], picture_err, sizeof picture_err);
    if (status == 0 && draws && !pictures_started) {
        log_warn("%s: items are shown without their pictures", picture_err);
        config->display.pictures = false;
        options.no_pictures = true;
    }
    if (status == 0) {
        switch (options.command) {
        case COMMAND_RUN: status = cmd_run(config, &options); break;
        case COMMAND_DUMP: status = cmd_dump(config, &options); break;
        case COMMAND_SCREENSHOT: status = cmd_screenshot(config, &options); break;
        case COMMAND_BENCH: status = cmd_bench(config, &options); break;
        case COMMAND_CACHE: status = cmd_cache(config, &options); break;
        case COMMAND_FETCH: status = cmd_fetch(config, &options); break;
        case COMMAND_STATUS: status = cmd_status(config, &options); break;
        case COMMAND_CEC: break; /* above */
        }
    }
    if (pictures_started)
        picture_decode_shutdown();
    reader_global_cleanup();
    config_destroy(config);
    if (status == CLI_RESTART) { /* a clean restart: the new remote configuration is read from the start */
        log_info("restarting: %s", argv[0]);
        fflush(NULL);
        if (hup_blocked)
            block_sighup(false);
        execv("/proc/self/exe", argv);
        log_error("cannot run the program again (%s); exiting so the service manager restarts it", strerror(errno));
        return 1;
    }
    return status < 0 ? 0 : status;
}
