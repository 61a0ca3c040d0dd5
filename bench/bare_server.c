/* bare_server.c - the yardstick for bench/checkin.sh: libmicrohttpd with the
 * same daemon flags and thread pool as src/http/server.c, reading the POST
 * body and answering a fixed JSON of the size of a check-in reply. No
 * routing, no auth, no JSON parsing, no database: what HTTP alone costs here.
 *
 * usage: bare_server PORT THREADS */
#include <microhttpd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char reply[] =
	"{\"id\":1,\"server_time\":\"2026-03-02T00:31:05.123Z\",\"work_date\":\"2026-03-02\",\"local_time\":\"07:31\","
	"\"time_zone\":\"WIB\",\"kind\":\"in\",\"mode\":\"wfo\",\"verdict\":\"ok\",\"distance_m\":12,\"allowed_m\":120,"
	"\"device_registered\":false,\"flags\":[]}";

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
				  const char *version, const char *upload_data, size_t *upload_size, void **con_cls)
{
	(void)cls, (void)url, (void)method, (void)version, (void)upload_data;
	if (!*con_cls) { /* first call: headers only */
		*con_cls = conn;
		return MHD_YES;
	}
	if (*upload_size) { /* a body chunk: consume it */
		*upload_size = 0;
		return MHD_YES;
	}
	struct MHD_Response *r =
		MHD_create_response_from_buffer(sizeof reply - 1, (void *)reply, MHD_RESPMEM_PERSISTENT);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json; charset=utf-8");
	enum MHD_Result ok = MHD_queue_response(conn, 201, r);
	MHD_destroy_response(r);
	return ok;
}

int main(int argc, char **argv)
{
	if (argc != 3)
		return fprintf(stderr, "usage: bare_server PORT THREADS\n"), 2;
	int port = atoi(argv[1]), threads = atoi(argv[2]);
	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG, (uint16_t)port, NULL, NULL, on_request,
		NULL, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads, MHD_OPTION_CONNECTION_TIMEOUT, 30u,
		MHD_OPTION_CONNECTION_LIMIT, 2000u, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)128 * 1024,
		MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u, MHD_OPTION_END);
	if (!d)
		return fprintf(stderr, "bare_server: cannot listen on %d\n", port), 1;
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigprocmask(SIG_BLOCK, &set, NULL);
	int sig;
	sigwait(&set, &sig);
	MHD_stop_daemon(d);
	return 0;
}
