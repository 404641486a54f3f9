/* The panel's power: CEC, then DPMS, then blanking (see screenpower.h). */
#include "screen/display/screenpower.h"

#include <stdlib.h>

#include "base/log.h"
#include "screen/display/cecchild.h"

struct screenpower {
    struct display *display;
    struct cecchild *cec;  /* NULL: no CEC here, or given up */
    bool cec_given_up;
    bool off_pending;      /* a standby asked through CEC, no outcome yet */
};

struct screenpower *screenpower_create(struct display *display, const char *cec_program)
{
    struct screenpower *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->display = display;
    if (cec_program && !(p->cec = cecchild_create(cec_program, CECCHILD_TIME_LIMIT_SECONDS))) {
        free(p);
        return NULL;
    }
    return p;
}

void screenpower_destroy(struct screenpower *p)
{
    if (!p)
        return;
    if (p->cec) {
        cecchild_stop(p->cec); /* after the child asked for, at most its time limit */
        screenpower_poll(p);  /* its outcome in the log, as at any other time */
    }
    cecchild_destroy(p->cec);
    free(p);
}

bool screenpower_cec_unavailable(const struct screenpower *p)
{
    return p->cec_given_up;
}

static enum screenpower_result by_dpms(struct screenpower *p, bool on)
{
    return display_set_power(p->display, on) ? SCREENPOWER_PANEL : SCREENPOWER_BLANK;
}

enum screenpower_result screenpower_set(struct screenpower *p, bool on)
{
    bool cec = p->cec && !p->cec_given_up;
    if (cec)
        cecchild_request(p->cec, on);
    p->off_pending = cec && !on;
    if (p->off_pending)
        return SCREENPOWER_PENDING;
    return by_dpms(p, on);
}

enum screenpower_result screenpower_poll(struct screenpower *p)
{
    struct cecchild_outcome outcome;
    if (p->cec && !p->cec_given_up && cecchild_take(p->cec, &outcome)) {
        if (!outcome.worked) {
            p->cec_given_up = true;
            log_warn("HDMI-CEC unavailable (ticker cec %s: %s); the screen is powered by DPMS, or blanked, from now "
                     "on",
                     outcome.on ? "on" : "standby", outcome.reason);
        } else {
            log_info("HDMI-CEC: %s", outcome.reason);
            if (p->off_pending && !outcome.on) {
                p->off_pending = false;
                return SCREENPOWER_PANEL;
            }
        }
    }
    if (p->off_pending && p->cec_given_up) { /* the fallback, at once */
        p->off_pending = false;
        return by_dpms(p, false);
    }
    return p->off_pending ? SCREENPOWER_PENDING : SCREENPOWER_NONE;
}
