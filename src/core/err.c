/* err.c - names for the project error codes. */
#include "core/err.h"

const char *err_name(int code)
{
	switch (code) {
	case ERR_OK: return "ok";
	case ERR_INVALID: return "invalid";
	case ERR_NOT_FOUND: return "not_found";
	case ERR_CONFLICT: return "conflict";
	case ERR_FORBIDDEN: return "forbidden";
	case ERR_UNAUTHORIZED: return "unauthorized";
	case ERR_TOO_BIG: return "too_big";
	case ERR_BUSY: return "busy";
	case ERR_DB: return "database_error";
	case ERR_IO: return "io_error";
	case ERR_UNAVAILABLE: return "unavailable";
	case ERR_RETRY: return "retry";
	}
	return "unknown";
}
