/* libVLC's video memory callbacks (vmem) without Python: the ring of pictures a tile paints from.
 *
 * libVLC calls lock() for a buffer to decode into and display() when that picture is due, for every
 * picture of every tile, on its own decoder and output threads. Written in Python (ctypes), each call
 * took the GIL: at 64 tiles on 2 cores those threads, descheduled while holding it, kept the UI thread
 * waiting for seconds (py-spy: the main thread in pthread_cond_timedwait under every Qt call). Here
 * they take one small mutex and never touch Python. The same logic in Python stays in frames.py for a
 * machine where this library was not built.
 *
 * Privacy masks are burned into each picture in display(), before it is published as the newest,
 * so no reader ever sees an unmasked picture. The mask (one byte per pixel, non-zero = covered) is
 * owned by Python; vw_set_mask() swaps it under mask_mu, so the old one is never freed mid-burn.
 *
 * Build: cc -O2 -shared -fPIC -o _vmem.so vmem.c -lpthread (make setup does).
 */
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#define VW_MAX 8

typedef struct vw_ring {
    pthread_mutex_t mu;       /* the ring's state below */
    pthread_mutex_t mask_mu;  /* the mask pointer while a picture is burned */
    int n;
    uint8_t *bufs[VW_MAX];
    int latest;               /* newest published picture, -1 none */
    int reading;              /* held by a reader, -1 none */
    unsigned writing;         /* bit per buffer libVLC holds */
    uint64_t frames;          /* pictures published */
    double last_at;           /* CLOCK_MONOTONIC of the newest (Python's time.monotonic) */
    double last_wall;         /* CLOCK_REALTIME of the newest (time.time) */
    const uint8_t *mask;      /* w * h bytes or NULL */
    uint32_t mask_word;       /* the BGRA word a covered pixel becomes */
    size_t pixels;            /* w * h of the buffers */
    double mask_cost;         /* seconds the last burn took */
} vw_ring;

static double now(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

size_t vw_size(void) { return sizeof(vw_ring); }

void vw_init(vw_ring *r)
{
    memset(r, 0, sizeof *r);
    pthread_mutex_init(&r->mu, NULL);
    pthread_mutex_init(&r->mask_mu, NULL);
    r->latest = -1;
    r->reading = -1;
}

void vw_destroy(vw_ring *r)
{
    pthread_mutex_destroy(&r->mu);
    pthread_mutex_destroy(&r->mask_mu);
}

/* New buffers (a new picture size): nothing is the newest until the next display(). */
void vw_setup(vw_ring *r, int n, uint8_t **bufs, size_t pixels)
{
    pthread_mutex_lock(&r->mu);
    r->n = n > VW_MAX ? VW_MAX : n;
    for (int i = 0; i < r->n; i++)
        r->bufs[i] = bufs[i];
    r->latest = -1;
    r->writing = 0;
    r->pixels = pixels;
    pthread_mutex_unlock(&r->mu);
}

/* The mask for pictures displayed from now on (NULL: none); returns once no burn uses the old one. */
void vw_set_mask(vw_ring *r, const uint8_t *mask, uint32_t word)
{
    pthread_mutex_lock(&r->mask_mu);
    r->mask = mask;
    r->mask_word = word;
    pthread_mutex_unlock(&r->mask_mu);
}

/* libVLC's lock callback: a buffer that is neither the newest nor being read. */
void *vw_lock(void *opaque, void **planes)
{
    vw_ring *r = opaque;
    pthread_mutex_lock(&r->mu);
    unsigned busy = r->writing;
    if (r->latest >= 0) busy |= 1u << r->latest;
    if (r->reading >= 0) busy |= 1u << r->reading;
    int idx = -1;
    for (int i = 0; i < r->n && idx < 0; i++)
        if (!(busy & (1u << i))) idx = i;
    for (int i = 0; i < r->n && idx < 0; i++)  /* libVLC holds more than expected: reuse one it wrote */
        if (i != r->latest && i != r->reading) idx = i;
    if (idx < 0) idx = 0;
    r->writing |= 1u << idx;
    planes[0] = r->n ? r->bufs[idx] : NULL;
    pthread_mutex_unlock(&r->mu);
    return (void *)(intptr_t)(idx + 1);  /* picture id: 0 would read as NULL */
}

/* libVLC's display callback: burn the mask, then publish the picture as the newest. */
void vw_display(void *opaque, void *picture)
{
    vw_ring *r = opaque;
    int idx = (int)(intptr_t)picture - 1;
    if (idx < 0 || idx >= r->n)
        return;
    pthread_mutex_lock(&r->mask_mu);
    if (r->mask != NULL) {  /* idx is ours alone until published below */
        double t0 = now(CLOCK_MONOTONIC);
        uint32_t *px = (uint32_t *)r->bufs[idx];
        const uint8_t *m = r->mask;
        uint32_t word = r->mask_word;
        for (size_t i = 0; i < r->pixels; i++)
            if (m[i]) px[i] = word;
        r->mask_cost = now(CLOCK_MONOTONIC) - t0;
    }
    pthread_mutex_unlock(&r->mask_mu);
    pthread_mutex_lock(&r->mu);
    r->writing &= ~(1u << idx);
    r->latest = idx;
    r->frames++;
    r->last_at = now(CLOCK_MONOTONIC);
    r->last_wall = now(CLOCK_REALTIME);
    pthread_mutex_unlock(&r->mu);
}

/* A reader holds the newest picture (returns its index, -1 none) until vw_read_end. */
int vw_read_begin(vw_ring *r)
{
    pthread_mutex_lock(&r->mu);
    r->reading = r->latest;
    int idx = r->latest;
    pthread_mutex_unlock(&r->mu);
    return idx;
}

void vw_read_end(vw_ring *r)
{
    pthread_mutex_lock(&r->mu);
    r->reading = -1;
    pthread_mutex_unlock(&r->mu);
}

void vw_stats(vw_ring *r, uint64_t *frames, double *last_at, double *last_wall, double *mask_cost)
{
    pthread_mutex_lock(&r->mu);
    *frames = r->frames;
    *last_at = r->last_at;
    *last_wall = r->last_wall;
    *mask_cost = r->mask_cost;
    pthread_mutex_unlock(&r->mu);
}
