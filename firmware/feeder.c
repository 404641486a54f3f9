#include "feeder.h"

#include <pthread.h>
#include <stdlib.h>

#include "log.h"
#include "source.h"

struct feeder {
    pthread_t thread;
    const struct config *config;
    struct mailbox *mailbox;
};

struct item_list *feeder_load_now(const struct config *config)
{
    struct item_list *list = item_list_create();
    if (!list)
        return NULL;
    char err[1024];
    if (config->source_count == 0) {
        char *demo = config_asset_path(config, "demo");
        if (demo && !source_load(demo, config, list, err, sizeof err))
            log_error("%s", err);
        free(demo);
    }
    for (size_t i = 0; i < config->source_count; i++)
        if (!source_load(config->sources[i].location, config, list, err, sizeof err))
            log_error("%s", err);
    return list;
}

static void *feeder_main(void *arg)
{
    struct feeder *feeder = arg;
    struct item_list *list = feeder_load_now(feeder->config);
    if (list)
        mailbox_post_items(feeder->mailbox, list);
    return NULL;
}

struct feeder *feeder_start(const struct config *config, struct mailbox *mailbox)
{
    struct feeder *feeder = calloc(1, sizeof *feeder);
    if (!feeder)
        return NULL;
    feeder->config = config;
    feeder->mailbox = mailbox;
    if (pthread_create(&feeder->thread, NULL, feeder_main, feeder) != 0) {
        free(feeder);
        return NULL;
    }
    return feeder;
}

void feeder_stop(struct feeder *feeder)
{
    if (!feeder)
        return;
    pthread_join(feeder->thread, NULL);
    free(feeder);
}
