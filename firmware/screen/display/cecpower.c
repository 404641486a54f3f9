/* HDMI-CEC power through libcec, loaded at run time, in the child (see cecpower.h). */
#include "screen/display/cecpower.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include <libcec/cecc.h> /* the C API's types; the functions are looked up at run time */

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
        if (!symbol)
            return false;
        memcpy(wanted[i].target, &symbol, sizeof symbol);
    }
    return true;
}

/* The library is not unloaded: the child exits next, and libcec's own
 * shutdown is where it crashed. */
enum cecpower_status cecpower_run(bool on, char *reason, size_t reason_size)
{
    struct cec_api api;
    memset(&api, 0, sizeof api);
    if (!load_api(&api)) {
        snprintf(reason, reason_size, "%s not found or not usable", CEC_LIBRARY);
        return CECPOWER_UNAVAILABLE;
    }
    libcec_configuration config;
    memset(&config, 0, sizeof config);
    api.clear_configuration(&config);
    config.clientVersion = LIBCEC_VERSION_CURRENT;
    config.bActivateSource = 0;
    config.deviceTypes.types[0] = CEC_DEVICE_TYPE_PLAYBACK_DEVICE;
    strncpy(config.strDeviceName, "ticker", sizeof config.strDeviceName - 1);
    libcec_connection_t connection = api.initialise(&config);
    if (!connection) {
        snprintf(reason, reason_size, "libcec could not start");
        return CECPOWER_UNAVAILABLE;
    }
    cec_adapter_descriptor adapters[4];
    int8_t found = api.detect_adapters(connection, adapters, 4, NULL, 1);
    if (found < 1) {
        snprintf(reason, reason_size, "no CEC adapter found");
        return CECPOWER_UNAVAILABLE;
    }
    if (!api.open(connection, adapters[0].strComName, CEC_OPEN_TIMEOUT_MS)) {
        snprintf(reason, reason_size, "cannot open the CEC adapter %s", adapters[0].strComName);
        return CECPOWER_UNAVAILABLE;
    }
    bool worked = on ? api.power_on_devices(connection, CECDEVICE_TV) &&
                           api.set_active_source(connection, CEC_DEVICE_TYPE_PLAYBACK_DEVICE)
                     : api.standby_devices(connection, CECDEVICE_BROADCAST);
    api.close(connection); /* the adapter's queue sent and its port closed */
    snprintf(reason, reason_size, "TV %s through %s%s", on ? "on" : "standby", adapters[0].strComName,
             worked ? "" : ": not acknowledged");
    return worked ? CECPOWER_WORKED : CECPOWER_NOT_ACKNOWLEDGED;
}
