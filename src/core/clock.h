/* clock.h - wall-clock and monotonic time. */
#ifndef FLEKSI_CORE_CLOCK_H
#define FLEKSI_CORE_CLOCK_H

#include <stddef.h>
#include <stdint.h>

/* Current UTC time as "YYYY-MM-DDTHH:MM:SS.mmmZ" into buf (at least 32 bytes). */
void clock_now_iso(char *buf, size_t cap);
/* Seconds since the Unix epoch. */
int64_t clock_unix(void);
/* Monotonic nanoseconds, for durations only. */
uint64_t clock_mono_ns(void);

#endif
