/* metrics.c - request counters and latency histograms in Prometheus text
 * format. One small mutex-protected table: a route is a pattern from the
 * route table (a few dozen), so a linear scan is cheaper than hashing. */
#include "http/http.h"
#include "core/mem.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define METRICS_MAX_SERIES 256
static const double buckets_s[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
#define NBUCKETS (sizeof buckets_s / sizeof buckets_s[0])

struct series {
	char route[96];
	int status;
	uint64_t count;
	uint64_t bucket[NBUCKETS];
	double sum_s;
	double db_s;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct series table[METRICS_MAX_SERIES];
static int nseries;

static struct series *find_series(const char *route, int status)
{
	for (int i = 0; i < nseries; i++)
		if (table[i].status == status && !strcmp(table[i].route, route))
			return &table[i];
	if (nseries == METRICS_MAX_SERIES)
		return NULL;
	struct series *s = &table[nseries++];
	snprintf(s->route, sizeof s->route, "%s", route);
	s->status = status;
	return s;
}

void http_metrics_count(const char *route, int status, uint64_t duration_ns, uint64_t db_ns)
{
	double secs = (double)duration_ns / 1e9;
	pthread_mutex_lock(&lock);
	struct series *s = find_series(route, status);
	if (s) {
		s->count++;
		s->sum_s += secs;
		s->db_s += (double)db_ns / 1e9;
		for (size_t b = 0; b < NBUCKETS; b++)
			if (secs <= buckets_s[b])
				s->bucket[b]++;
	}
	pthread_mutex_unlock(&lock);
}

char *http_metrics_text(void)
{
	struct buf b;
	buf_init(&b, 4 << 20);
	buf_puts(&b, "# HELP fleksi_http_requests_total HTTP requests by route and status.\n"
		     "# TYPE fleksi_http_requests_total counter\n");
	pthread_mutex_lock(&lock);
	for (int i = 0; i < nseries; i++)
		buf_printf(&b, "fleksi_http_requests_total{route=\"%s\",status=\"%d\"} %llu\n", table[i].route,
			   table[i].status, (unsigned long long)table[i].count);
	buf_puts(&b, "# HELP fleksi_http_request_duration_seconds Request latency.\n"
		     "# TYPE fleksi_http_request_duration_seconds histogram\n");
	for (int i = 0; i < nseries; i++) {
		const struct series *s = &table[i];
		for (size_t k = 0; k < NBUCKETS; k++)
			buf_printf(&b, "fleksi_http_request_duration_seconds_bucket{route=\"%s\",status=\"%d\",le=\"%g\"} %llu\n",
				   s->route, s->status, buckets_s[k], (unsigned long long)s->bucket[k]);
		buf_printf(&b, "fleksi_http_request_duration_seconds_bucket{route=\"%s\",status=\"%d\",le=\"+Inf\"} %llu\n",
			   s->route, s->status, (unsigned long long)s->count);
		buf_printf(&b, "fleksi_http_request_duration_seconds_sum{route=\"%s\",status=\"%d\"} %.6f\n", s->route,
			   s->status, s->sum_s);
		buf_printf(&b, "fleksi_http_request_duration_seconds_count{route=\"%s\",status=\"%d\"} %llu\n", s->route,
			   s->status, (unsigned long long)s->count);
	}
	buf_puts(&b, "# HELP fleksi_db_time_seconds_total Time spent in the database while serving requests.\n"
		     "# TYPE fleksi_db_time_seconds_total counter\n");
	for (int i = 0; i < nseries; i++)
		buf_printf(&b, "fleksi_db_time_seconds_total{route=\"%s\",status=\"%d\"} %.6f\n", table[i].route,
			   table[i].status, table[i].db_s);
	pthread_mutex_unlock(&lock);
	return buf_steal(&b);
}
