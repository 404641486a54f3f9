/* HDMI-CEC power through libcec, loaded at run time (see cecpower.h). */
#include "screen/cecpower.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <libcec/cecc.h> /* the C API's types; the functions are looked up at run time */

#include "base/log.h"

#define CEC_LIBRARY "libcec.so." CEC_LIB_VERSION_MAJOR_STR
#define CEC_OPEN_TIMEOUT_MS 10000

/* The few libcec functions used, looked up with dlsym. By hand because
 * libcec's own loader (ceccloader.h) resolves every function of the API and
 * fails on Debian 12's libcec 6.0.2, which does not export three of them
 * (libcec_enable_callbacks, libcec_can_persist_configuration,
 * libcec_persist_configuration). */
struct cec_api {
    void *library;
    libcec_connection_t (*initialise)(libcec_configuration *);
    void (*destroy)(libcec_connection_t);
    void (*clear_configuration)(libcec_configuration *);
    int8_t (*detect_adapters)(libcec_connection_t, cec_adapter_descriptor *, uint8_t, const char *, int);
    int (*open)(libcec_connection_t, const char *, uint32_t);
    void (*close)(libcec_connection_t);
    int (*power_on_devices)(libcec_connection_t, cec_logical_address);
    int (*standby_devices)(libcec_connection_t, cec_logical_address);
    int (*set_active_source)(libcec_connection_t, cec_device_type);
};

struct cecpower {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stop;
    int request;      /* -1 none, 0 off, 1 on */
    bool worked;
    bool unavailable; /* no libcec or no adapter: said once, never tried again */
    bool opened;
    struct cec_api api;
    libcec_connection_t connection;
};

static bool load_api(struct cec_api *a)
{
    a->library = dlopen(CEC_LIBRARY, RTLD_NOW | RTLD_LOCAL);
    if (!a->library)
        return false;
    /* POSIX: a function pointer from dlsym's object pointer, through memcpy. */
    struct { void *target; const char *name; } wanted[] = {
        {&a->initialise, "libcec_initialise"}, {&a->destroy, "libcec_destroy"},
        {&a->clear_configuration, "libcec_clear_configuration"}, {&a->detect_adapters, "libcec_detect_adapters"},
        {&a->open, "libcec_open"}, {&a->close, "libcec_close"}, {&a->power_on_devices, "libcec_power_on_devices"},
        {&a->standby_devices, "libcec_standby_devices"}, {&a->set_active_source, "libcec_set_active_source"}};
    for (size_t i = 0; i < sizeof wanted / sizeof *wanted; i++) {
        void *symbol = dlsym(a->library, wanted[i].name);
        if (!symbol) {
            dlclose(a->library);
            a->library = NULL;
            return false;
        }
        memcpy(wanted[i].target, &symbol, sizeof symbol);
    }
    return true;
}

static void unload(struct cecpower *c)
{
    if (c->connection)
        c->api.destroy(c->connection);
    c->connection = NULL;
    if (c->api.library)
        dlclose(c->api.library);
    memset(&c->api, 0, sizeof c->api);
}

/* libcec found, initialised, an adapter detected and opened; false (logged
 * once) when any of it is missing. */
static bool open_adapter(struct cecpower *c)
{
    if (!load_api(&c->api)) {
        log_info("HDMI-CEC: %s not found or not usable; the screen is powered by DPMS only", CEC_LIBRARY);
        return false;
    }
    libcec_configuration config;
    memset(&config, 0, sizeof config);
    c->api.clear_configuration(&config);
    config.clientVersion = LIBCEC_VERSION_CURRENT;
    config.bActivateSource = 0;
    config.deviceTypes.types[0] = CEC_DEVICE_TYPE_PLAYBACK_DEVICE;
    strncpy(config.strDeviceName, "ticker", sizeof config.strDeviceName - 1);
    c->connection = c->api.initialise(&config);
    cec_adapter_descriptor adapters[4];
    int8_t found = c->connection ? c->api.detect_adapters(c->connection, adapters, 4, NULL, 1) : -1;
    if (found < 1) {
        log_info("HDMI-CEC: %s; the screen is powered by DPMS only",
                 c->connection ? "no CEC adapter found" : "libcec could not start");
        unload(c);
        return false;
    }
    if (!c->api.open(c->connection, adapters[0].strComName, CEC_OPEN_TIMEOUT_MS)) {
        log_warn("HDMI-CEC: cannot open the adapter %s; the screen is powered by DPMS only", adapters[0].strComName);
        unload(c);
        return false;
    }
    log_info("HDMI-CEC: adapter %s opened", adapters[0].strComName);
    return true;
}

static void *cec_main(void *arg)
{
    struct cecpower *c = arg;
    pthread_mutex_lock(&c->lock);
    for (;;) {
        while (!c->stop && c->request < 0)
            pthread_cond_wait(&c->wake, &c->lock);
        if (c->stop)
            break;
        bool on = c->request == 1;
        c->request = -1;
        bool unavailable = c->unavailable;
        pthread_mutex_unlock(&c->lock);
        bool worked = false;
        if (!unavailable && !c->opened && !(c->opened = open_adapter(c)))
            unavailable = true;
        if (c->opened) {
            worked = on ? c->api.power_on_devices(c->connection, CECDEVICE_TV) &&
                              c->api.set_active_source(c->connection, CEC_DEVICE_TYPE_PLAYBACK_DEVICE)
                        : c->api.standby_devices(c->connection, CECDEVICE_BROADCAST);
            log_info("HDMI-CEC: TV %s%s", on ? "on" : "standby", worked ? "" : " was not acknowledged");
        }
        pthread_mutex_lock(&c->lock);
        c->unavailable = unavailable;
        c->worked |= worked;
    }
    pthread_mutex_unlock(&c->lock);
    if (c->opened)
        c->api.close(c->connection);
    unload(c);
    return NULL;
}

struct cecpower *cecpower_create(void)
{
    struct cecpower *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->request = -1;
    pthread_mutex_init(&c->lock, NULL);
    pthread_cond_init(&c->wake, NULL);
    if (pthread_create(&c->thread, NULL, cec_main, c) != 0) {
        pthread_cond_destroy(&c->wake);
        pthread_mutex_destroy(&c->lock);
        free(c);
        return NULL;
    }
    return c;
}

void cecpower_destroy(struct cecpower *c)
{
    if (!c)
        return;
    pthread_mutex_lock(&c->lock);
    c->stop = true;
    pthread_cond_signal(&c->wake);
    pthread_mutex_unlock(&c->lock);
    pthread_join(c->thread, NULL);
    pthread_cond_destroy(&c->wake);
    pthread_mutex_destroy(&c->lock);
    free(c);
}

void cecpower_request(struct cecpower *c, bool on)
{
    pthread_mutex_lock(&c->lock);
    c->request = on;
    pthread_cond_signal(&c->wake);
    pthread_mutex_unlock(&c->lock);
}

bool cecpower_worked(struct cecpower *c)
{
    pthread_mutex_lock(&c->lock);
    bool worked = c->worked;
    pthread_mutex_unlock(&c->lock);
    return worked;
}
