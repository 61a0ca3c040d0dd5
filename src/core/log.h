/* log.h - one JSON object per line on stderr.
 *
 * Logs are for operators and machines (journald, Loki): every line is a JSON
 * object with "time", "level" and "msg", so they can be filtered without
 * regular expressions. Thread-safe: each line is written with one write(2). */
#ifndef FLEKSI_CORE_LOG_H
#define FLEKSI_CORE_LOG_H

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Write a ready-made JSON object (without newline) as one line. */
void log_json_line(const char *json);
/* Silence info lines (CLI commands that print their own output). */
void log_set_quiet(int quiet);

#endif
