/* log.c - JSON-lines logging to stderr (see log.h). */
#include "core/log.h"
#include "core/clock.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int quiet;

void log_set_quiet(int q)
{
	quiet = q;
}

/* Escape s into a JSON string body; truncates to fit. */
static size_t json_escape(char *out, size_t cap, const char *s)
{
	size_t n = 0;
	for (; *s && n + 7 < cap; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\') {
			out[n++] = '\\';
			out[n++] = (char)ch;
		} else if (ch < 0x20) {
			n += (size_t)snprintf(out + n, cap - n, "\\u%04x", ch);
		} else {
			out[n++] = (char)ch;
		}
	}
	out[n] = '\0';
	return n;
}

static void log_line(const char *level, const char *fmt, va_list ap)
{
	char msg[2048], esc[4200], line[4400], now[40];
	vsnprintf(msg, sizeof msg, fmt, ap);
	json_escape(esc, sizeof esc, msg);
	clock_now_iso(now, sizeof now);
	int n = snprintf(line, sizeof line, "{\"time\":\"%s\",\"level\":\"%s\",\"msg\":\"%s\"}\n",
			 now, level, esc);
	if (n > 0)
		(void)!write(STDERR_FILENO, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

void log_info(const char *fmt, ...)
{
	if (quiet)
		return;
	va_list ap;
	va_start(ap, fmt);
	log_line("info", fmt, ap);
	va_end(ap);
}

void log_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_line("warn", fmt, ap);
	va_end(ap);
}

void log_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_line("error", fmt, ap);
	va_end(ap);
}

void log_json_line(const char *json)
{
	size_t n = strlen(json);
	char stackbuf[4096];
	if (n + 1 <= sizeof stackbuf) {
		memcpy(stackbuf, json, n);
		stackbuf[n] = '\n';
		(void)!write(STDERR_FILENO, stackbuf, n + 1);
		return;
	}
	(void)!write(STDERR_FILENO, json, n);
	(void)!write(STDERR_FILENO, "\n", 1);
}
